from . import hcc_provider_failure
from . import hcc_contract
from . import hcc_provider_risk
from . import res_partner
