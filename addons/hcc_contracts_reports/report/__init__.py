from . import hcc_contract_summary
from . import hcc_meeting_minutes
from . import hcc_notice_letter
from . import hcc_review_report
from . import hcc_evidence_trail
from . import hcc_renewals_forecast
from . import hcc_budget_spend
from . import hcc_compliance
