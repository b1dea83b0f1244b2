from . import res_partner
from . import hcc_contract
from . import res_config_settings
