from . import res_partner
from . import hcc_contract
from . import res_config_settings
from . import hcc_provider_risk
