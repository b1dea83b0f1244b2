from . import res_company
from . import res_config_settings
from . import ir_attachment
from . import hcc_provider_document
from . import hcc_provider_risk
from . import res_partner
