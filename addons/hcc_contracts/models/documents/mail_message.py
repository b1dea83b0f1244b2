from odoo import _, models
from odoo.exceptions import AccessError

# what a reader of a message records on it for themselves (starring): the
# rest of a message of the procedure is evidence (its text, author, date,
# recipients, tracking, attachments, whether it is internal)
READER_FIELDS = {"starred_partner_ids"}


def is_contract_model(model):
    """Whether ``model`` (a model name) is a record of the procedure."""
    return bool(model) and model.startswith("hcc.")


class MailMessage(models.Model):
    """The chatter of the records of the procedure is part of their evidence
    trail (9.4): what was said, by whom and when is never rewritten nor
    deleted, except by an administrator (Settings). Reading, reactions,
    starring and marking as read go on as before: they write other records
    (reactions, notifications) or the reader's own star."""

    _inherit = "mail.message"

    def write(self, vals):
        changed = vals.keys() - READER_FIELDS
        if changed == {"attachment_ids"} and not self.env.is_system():
            # marking an activity done moves its files onto the message it
            # posts: adding attachments hides nothing, removing one does
            before = {m.id: m.attachment_ids for m in self.sudo()}
            result = super().write(vals)
            if any(before[m.id] - m.attachment_ids for m in self.sudo()):
                self._check_hcc_message_kept()
            return result
        if changed:
            self._check_hcc_message_kept()
        return super().write(vals)

    def unlink(self):
        self._check_hcc_message_kept()
        return super().unlink()

    def _check_hcc_message_kept(self):
        if self.env.is_system():
            return
        kept = self.sudo().filtered(lambda m: is_contract_model(m.model))
        if kept:
            raise AccessError(
                _(
                    "The messages of %(record)s are part of its evidence trail: "
                    "they are not edited or deleted. Post a new message to correct "
                    "one.",
                    record=kept[0].record_name or kept[0].model,
                )
            )
