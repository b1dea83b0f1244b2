"""Plain Python helpers of the addon: no models here."""

from . import financial_year
