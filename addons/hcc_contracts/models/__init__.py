from . import hcc_config
from . import hcc_scheduler
from . import res_company
from . import res_config_settings
from . import res_users
from . import hcc_contract
from . import hcc_contract_review
from . import hcc_contract_reviews
