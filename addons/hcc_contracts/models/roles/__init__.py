from . import res_users
from . import hcc_contract
from . import ir_http
