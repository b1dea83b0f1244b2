from odoo import models

from .mail_message import is_contract_model


class MailThread(models.AbstractModel):
    """The chatter's edit and delete (``/mail/message/update_content``)
    write the message as the superuser once Odoo has checked that the user
    wrote it: the messages of the procedure are kept here too (see
    ``mail.message``)."""

    _inherit = "mail.thread"

    def _message_update_content(self, message, *args, **kwargs):
        if is_contract_model(self._name) or is_contract_model(message.sudo().model):
            message.with_env(self.env)._check_hcc_message_kept()
        return super()._message_update_content(message, *args, **kwargs)
