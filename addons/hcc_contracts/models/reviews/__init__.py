from . import hcc_contract_review
from . import hcc_contract
