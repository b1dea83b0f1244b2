"""Odoo's test runner finds the test modules among the names of this
package: each test_*.py below, in every feature folder, is imported here
(tests/static_checks.py fails when one is not)."""

from .contract import test_contract_activation
from .contract import test_contract_counters
from .contract import test_contract_import
from .contract import test_contract_lifecycle
from .contract import test_contract_rag
from .contract import test_contract_search
from .contract import test_contract_validation
from .roles import test_access_leaks
from .roles import test_access_matrix
from .roles import test_contract_access
from .roles import test_contract_field_duties
from .roles import test_integrity_rpc
from .roles import test_rpc
from .procurement import test_procurement_cron
from .procurement import test_procurement_flow
from .procurement import test_procurement_rules
from .reviews import test_review_cron_queries
from .reviews import test_review_crons
from .reviews import test_reviews
from .performance import test_performance_activity
from .performance import test_performance_rag
from .performance import test_performance_returns
from .performance import test_performance_validation
from .performance import test_value_for_money
from .meetings import test_meeting_actions
from .meetings import test_meeting_cases
from .meetings import test_meetings
from .meetings import test_meetings_standard
from .notices import test_evidence
from .notices import test_notice
from .notices import test_revision
from .notices import test_termination
from .notices import test_termination_case
from .notices import test_variations
from .finance import test_contract_budget
from .finance import test_contract_budget_access
from .finance import test_financial_year
from .documents import test_contract_file
from .documents import test_procurement_file
from . import test_i18n
from . import test_query_counts
from . import test_scheduler
from . import test_tours
from . import test_web_client_flows
