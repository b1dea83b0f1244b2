from . import hcc_contract_terminate_wizard
