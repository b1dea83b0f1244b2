from . import test_contract_activation
from . import test_contract_validation
from . import test_contract_lifecycle
from . import test_contract_search
from . import test_contract_access
from . import test_scheduler
from . import test_contract_rag
from . import test_notice
