from . import hcc_procurement
from . import hcc_procurement_bid
from . import hcc_contract
