from . import test_cqc_sync
