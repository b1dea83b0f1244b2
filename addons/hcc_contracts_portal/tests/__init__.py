from . import test_portal_access
from . import test_portal_accessibility
from . import test_portal_forms
from . import test_portal_pages
from . import test_portal_language
from . import test_portal_returns
from . import test_portal_tour
from . import test_portal_providers_only
