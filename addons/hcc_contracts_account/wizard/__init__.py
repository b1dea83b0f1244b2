from . import hcc_block_billing_wizard
