from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.tools import format_date

# ``cr.precommit.data`` key: ids of the activities scheduled in the transaction,
# to announce to their assignees before it commits
TO_ANNOUNCE = "hcc_contracts.activities_to_announce"


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model
    def _hcc_schedule(self, requests):
        """Schedule activities on many records at once, each with its own
        values, as ``activity_schedule`` does for one set of values: they are
        ``automated``, so that ``activity_feedback`` and ``activity_unlink``
        close them. One search and one create, whatever their number.

        :param requests: list of dicts with ``record`` (one record of a model
            with activities), ``activity_type`` (a ``mail.activity.type``),
            ``user`` (``res.users``), ``summary``, ``date_deadline`` and an
            optional ``note``. A request is skipped when the record has an
            open activity of that type for that user already.
        :return: the created activities

        Their assignees hear of them once per transaction (``_hcc_announce``)
        rather than by one message per activity."""
        Activity = self.sudo()
        requests = [r for r in requests if r["user"] and r["record"]]
        if not requests:
            return Activity
        existing = Activity.search_fetch(
            [
                ("res_model", "in", list({r["record"]._name for r in requests})),
                ("res_id", "in", list({r["record"].id for r in requests})),
                (
                    "activity_type_id",
                    "in",
                    list({r["activity_type"].id for r in requests}),
                ),
            ],
            ["res_model", "res_id", "activity_type_id", "user_id"],
        )
        seen = {
            (a.res_model, a.res_id, a.activity_type_id.id, a.user_id.id)
            for a in existing
        }
        model_ids = {
            name: self.env["ir.model"]._get_id(name)
            for name in {r["record"]._name for r in requests}
        }
        today = fields.Date.context_today(self)
        vals_list = []
        for request in requests:
            record = request["record"]
            key = (
                record._name,
                record.id,
                request["activity_type"].id,
                request["user"].id,
            )
            if key in seen:
                continue
            seen.add(key)
            vals_list.append(
                {
                    "res_model_id": model_ids[record._name],
                    "res_id": record.id,
                    "activity_type_id": request["activity_type"].id,
                    "user_id": request["user"].id,
                    "summary": request["summary"],
                    "note": request.get("note") or False,
                    "date_deadline": request.get("date_deadline") or today,
                    "automated": True,
                }
            )
        activities = Activity.with_context(mail_activity_quick_update=True).create(
            vals_list
        )
        activities._hcc_announce_later()
        return activities.with_env(Activity.env)

    def _hcc_announce_later(self):
        """Tell the assignees of these activities, once the transaction's
        work is done: one message each, whatever the number."""
        ids = self.filtered(lambda a: a.user_id != self.env.user).ids
        if not ids:
            return
        data = self.env.cr.precommit.data
        if TO_ANNOUNCE not in data:
            data[TO_ANNOUNCE] = []
            self.env.cr.precommit.add(self.browse().sudo()._hcc_announce)
        data[TO_ANNOUNCE].extend(ids)

    def _hcc_announce(self):
        """Announce the activities scheduled in the transaction: an assignee
        with one gets Odoo's own message ("... assigned to you"), one with
        several a single message listing them, in their language."""
        ids = self.env.cr.precommit.data.pop(TO_ANNOUNCE, None)
        if not ids:
            return
        activities = self.browse(ids).exists()
        by_user = defaultdict(lambda: self.browse())
        for activity in activities:
            by_user[activity.user_id] |= activity
        for user, todo in by_user.items():
            if len(todo) == 1:
                todo.action_notify()
            else:
                todo.with_context(lang=user.lang or self.env.lang)._hcc_notify_list(
                    user
                )
        # a pre-commit hook runs after the last flush of the ORM
        self.env.flush_all()

    def _hcc_notify_list(self, user):
        """One message to ``user`` listing these activities, each a link to
        its record."""
        base_url = self.browse().get_base_url()
        items = Markup("").join(
            Markup(
                '<li><a href="%(url)s/mail/view?model=%(model)s&amp;res_id=%(id)s">'
                "%(name)s</a>: %(summary)s (%(deadline)s)</li>"
            )
            % {
                "url": base_url,
                "model": activity.res_model,
                "id": activity.res_id,
                "name": activity.res_name,
                "summary": activity.summary or activity.activity_type_id.name,
                "deadline": format_date(self.env, activity.date_deadline),
            }
            for activity in self.sorted(lambda a: (a.date_deadline, a.id))
        )
        self.env["mail.thread"].message_notify(
            partner_ids=user.partner_id.ids,
            subject=_("%(count)s new activities assigned to you", count=len(self)),
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (
                _("These activities were assigned to you:"),
                items,
            ),
            email_layout_xmlid="mail.mail_notification_light",
        )
