import re
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

CPV_RE = re.compile(r"^[0-9]{8}(-[0-9])?$")

# the department of a row of the Transparency Code register: the care group's,
# else the locality's, else the council's (see hcc.transparency.export)


class HccCareGroup(models.Model):
    _inherit = "hcc.care.group"

    hcc_transparency_department = fields.Char(
        string="Department (Transparency Code)",
        help="The council department responsible for the contracts and "
        "invitations to tender of this care group, as the Transparency Code "
        "register names it, e.g. “Adults' Health and Care”. Left empty, the "
        "locality's is used, else the council's (Settings).",
    )


class HccLocality(models.Model):
    _inherit = "hcc.locality"

    hcc_transparency_department = fields.Char(
        string="Department (Transparency Code)",
        help="The council department named in the Transparency Code register "
        "for the contracts of this locality whose care group names none. Left "
        "empty, the council's is used (Settings).",
    )


class HccServiceType(models.Model):
    _inherit = "hcc.service.type"

    hcc_cpv_code = fields.Char(
        string="CPV Code",
        help="Common Procurement Vocabulary code of the service, as the "
        "Procurement Act notices classify it, e.g. 85311100 (welfare services "
        "for the elderly). Set once per service type.",
    )
    hcc_cpv_description = fields.Char(
        string="CPV Description",
        translate=True,
        help="The CPV code's own title, e.g. “Welfare services for the elderly”.",
    )

    @api.constrains("hcc_cpv_code")
    def _check_hcc_cpv_code(self):
        for service_type in self:
            if service_type.hcc_cpv_code and not CPV_RE.match(
                service_type.hcc_cpv_code
            ):
                raise ValidationError(
                    _(
                        "%(name)s: “%(value)s” is not a CPV code, which has eight "
                        "digits (and may end with a check digit), e.g. 85311100.",
                        name=service_type.name,
                        value=service_type.hcc_cpv_code,
                    )
                )


class ResCompany(models.Model):
    _inherit = "res.company"

    hcc_ppon = fields.Char(
        related="partner_id.hcc_ppon",
        readonly=False,
        string="Council PPON",
    )
    hcc_ocds_vat_rate = fields.Float(
        string="VAT on Notice Values (%)",
        default=0.0,
        help="VAT added to a contract's value to give the gross amount the "
        "Procurement Act notices publish beside the net one. Most social care "
        "is exempt: 0 makes the gross amount the net one.",
    )

    hcc_transparency_department = fields.Char(
        string="Department (Transparency Code)",
        help="The council department named in the Transparency Code register "
        "where neither the care group nor the locality names one, e.g. “Adults' "
        "Health and Care”.",
    )

    def _hcc_bank_holidays(self, date_from, date_to):
        """The days from ``date_from`` to ``date_to`` that are public holidays
        of the council's working schedule (Odoo's ``resource.calendar.leaves``
        of no resource: those of its schedule and those of every schedule,
        where the bank holidays of England and Wales are kept), as dates in
        the United Kingdom."""
        self.ensure_one()
        tz = pytz.timezone("Europe/London")
        start = tz.localize(datetime.combine(date_from, time.min))
        end = tz.localize(datetime.combine(date_to, time.max))
        calendar = self.sudo().resource_calendar_id
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    ("time_type", "=", "leave"),
                    ("calendar_id", "in", [False, *calendar.ids]),
                    ("date_from", "<=", end.astimezone(pytz.utc).replace(tzinfo=None)),
                    ("date_to", ">=", start.astimezone(pytz.utc).replace(tzinfo=None)),
                ]
            )
        )
        days = set()
        for leave in leaves:
            day = pytz.utc.localize(leave.date_from).astimezone(tz).date()
            last = pytz.utc.localize(leave.date_to).astimezone(tz).date()
            while day <= last:
                days.add(day)
                day += timedelta(days=1)
        return days

    def _hcc_add_working_days(self, start, count):
        """The day ``count`` working days after ``start``: weekdays that are
        not public holidays of the council's schedule (the Procurement Act's
        working days exclude weekends and bank holidays)."""
        self.ensure_one()
        # a fortnight of calendar days holds ten weekdays; bank holidays come
        # at most four in such a span (Christmas and the New Year)
        horizon = start + timedelta(days=count * 2 + 14)
        holidays = self._hcc_bank_holidays(start, horizon)
        end, days = start, 0
        while days < count:
            end += timedelta(days=1)
            if end > horizon:
                horizon = end + timedelta(days=count * 2 + 14)
                holidays |= self._hcc_bank_holidays(end, horizon)
            if end.weekday() < 5 and end not in holidays:
                days += 1
        return end
