from . import hcc_payments_compliance
