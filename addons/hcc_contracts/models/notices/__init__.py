from . import hcc_contract_notice
from . import hcc_contract_termination
from . import hcc_contract_revision
from . import hcc_contract_revision_line
from . import hcc_contract
from . import hcc_contract_evidence
