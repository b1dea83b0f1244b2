from . import test_provider_risk
