from . import hcc_statutory_notice
from . import hcc_contract
from . import hcc_contract_revision
from . import res_config_settings
from . import hcc_procurement
from . import hcc_procurement_notice
from . import res_partner
from . import hcc_config
