from . import test_payment_notices
