from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # the largest survey results file a provider may upload (the files are
    # PDFs, office documents or CSV: a few MB at most)
    hcc_portal_upload_max_mb = fields.Integer(
        string="Largest Survey Upload (MB)",
        config_parameter="hcc_contracts_portal.upload_max_mb",
        default=10,
    )

    @api.constrains("hcc_portal_upload_max_mb")
    def _check_hcc_portal_upload_max_mb(self):
        for settings in self:
            if not 1 <= settings.hcc_portal_upload_max_mb <= 100:
                raise ValidationError(
                    _("The largest survey upload must be between 1 and 100 MB.")
                )
