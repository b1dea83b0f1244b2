from . import test_portal_payments
