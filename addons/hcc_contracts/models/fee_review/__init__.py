from . import hcc_fee_review
from . import hcc_fee_review_rule
from . import hcc_fee_review_line
from . import hcc_contract_revision
