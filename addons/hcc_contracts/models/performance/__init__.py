from . import hcc_contract_indicator
from . import hcc_data_return
from . import hcc_case_activity_import
from . import hcc_satisfaction_survey
from . import hcc_contract_complaint
from . import hcc_contract
