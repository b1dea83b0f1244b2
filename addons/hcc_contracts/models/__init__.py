# Shared services first, then one package per feature of the procedure; the
# contract register comes first, as every other feature extends it.
from . import hcc_scheduler
from . import mail_activity
from . import hcc_workflow_mixin
from . import hcc_contract_record_mixin
from . import hcc_reference_mixin
from . import contract
from . import roles
from . import procurement
from . import reviews
from . import performance
from . import meetings
from . import notices
from . import finance
from . import documents
from . import options
from . import fee_review
from . import safeguarding
from . import providers
from . import provider_documents
from . import provider_failure
