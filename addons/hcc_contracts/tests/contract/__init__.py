from . import test_contract_records_from_menus
