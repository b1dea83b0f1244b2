from . import hcc_contract
