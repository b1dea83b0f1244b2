from odoo import api, models


class ResPartner(models.Model):
    """Providers and their contacts see the portal and read the council's
    e-mails in English (UK), dates as 31/03/2027, and times in UK time,
    rather than in the English (US) and UTC Odoo falls back to; a language
    or time zone chosen on purpose is kept."""

    _inherit = "res.partner"

    @api.model
    def default_get(self, fields):
        values = super().default_get(fields)
        if "lang" in fields and values.get("lang") in (False, None, "en_US"):
            if self.env["res.lang"]._get_data(code="en_GB"):
                values["lang"] = "en_GB"
        if "tz" in fields and not values.get("tz"):
            values["tz"] = "Europe/London"
        return values
