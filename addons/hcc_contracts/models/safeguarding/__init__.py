from . import hcc_safeguarding_concern
from . import hcc_contract
from . import hcc_contract_notice
