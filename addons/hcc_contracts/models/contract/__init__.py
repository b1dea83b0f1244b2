from . import hcc_config
from . import res_company
from . import res_config_settings
from . import hcc_contract
from . import hcc_contract_supervision
