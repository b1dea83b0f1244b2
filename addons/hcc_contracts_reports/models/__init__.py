from . import hcc_compliance_report
from . import hcc_contract
from . import hcc_contract_notice
from . import res_users
from . import hcc_contract_revision
from . import hcc_oversight_snapshot
