from . import test_vendor_bills
from . import test_bill_access
from . import test_bill_rpc
from . import test_tours
from . import test_bill_figures_rpc
from . import test_role_accounting_rights_rpc
from . import test_bill_currency
from . import test_block_billing
