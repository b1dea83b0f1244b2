from . import account_move_line
from . import account_move
from . import hcc_contract_budget
from . import hcc_contract
from . import hcc_data_return
from . import res_users
from . import res_company
from . import res_partner
