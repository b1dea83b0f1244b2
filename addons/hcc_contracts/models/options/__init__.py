from . import res_company
from . import res_config_settings
from . import hcc_contract_option
from . import hcc_contract
from . import hcc_contract_review
