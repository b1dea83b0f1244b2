from . import test_access_matrix
from . import test_compliance
from . import test_contract_file_reports
from . import test_contract_summary
from . import test_report_finance
from . import test_report_meeting_minutes
from . import test_report_notices
from . import test_report_review
