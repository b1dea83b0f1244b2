from . import ir_attachment
from . import ir_actions_report
from . import hcc_contract
from . import hcc_procurement
from . import hcc_contract_revision
from . import hcc_contract_evidence
from . import mail_message
from . import mail_thread
