from . import test_contract_summary
