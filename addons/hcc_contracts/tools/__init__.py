"""Plain Python helpers of the addon: no models here."""

from . import errors
from . import event_dates
from . import financial_year
from . import roles
from . import selection
