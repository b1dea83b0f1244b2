from . import test_cqc_fixtures
from . import test_cqc_sync
from . import test_cqc_transaction
from . import test_cqc_provider_risk
