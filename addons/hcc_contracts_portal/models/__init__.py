from . import hcc_contract
from . import hcc_data_return
from . import hcc_satisfaction_survey
from . import hcc_contract_action
from . import hcc_contract_meeting
from . import res_config_settings
from . import hcc_provider_document
