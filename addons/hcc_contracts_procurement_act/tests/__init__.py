from . import test_access_matrix
from . import test_award_notices
from . import test_integrity_rpc
from . import test_ocds_schema
from . import test_statutory_notices
from . import test_transparency_export
from . import test_fts_parties
from . import test_fts_real_notices
