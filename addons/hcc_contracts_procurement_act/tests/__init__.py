from . import test_access_matrix
from . import test_integrity_rpc
from . import test_statutory_notices
