from . import hcc_config
from . import res_company
from . import res_config_settings
from . import hcc_rag_mixin
from . import hcc_counter_mixin
from . import hcc_contract
from . import hcc_contract_supervision
from . import hcc_contract_register
