from . import hcc_contract_summary
