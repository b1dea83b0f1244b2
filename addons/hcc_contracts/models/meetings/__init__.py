from . import hcc_contract_meeting
from . import hcc_contract_action
from . import hcc_contract_case
from . import hcc_contract
from . import hcc_data_return
