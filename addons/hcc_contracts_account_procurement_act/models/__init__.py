from . import hcc_statutory_notice
from . import hcc_contract
