from . import hcc_provider_risk_rule
from . import hcc_provider_risk
from . import res_partner
