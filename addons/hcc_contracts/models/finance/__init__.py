from . import hcc_contract_budget
from . import hcc_contract
from . import account_analytic_line
