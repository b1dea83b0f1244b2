"""The dates of past events a user types: served, received, resolved,
consulted, informed.

A date a user states for something that has happened is evidence (a notice
served on 2 June starts a remedy period that ends on 30 June, and early
termination may follow). Typed freely, a notice created today could be
"served" sixty days ago and its remedy period would look over at once. So,
whatever the route (form, import, JSON-RPC), such a date is:

* not in the future: the event has happened. "Today" is the council's, in
  England (Europe/London), not the time zone a user or a provider chose;
* not before the day the record was created (its ``create_date`` as a date
  in England), for a record created before the event it records: a notice
  is drafted, then the CSO is consulted and it is served; a return or a
  survey is expected, then received. A record that is logged after its
  event (a complaint received last week and logged today) has no such
  floor for that date;
* not before the date of the step before, where there is one: a notice is
  served on or after the day the CSO was consulted, and the provider is
  informed of its outcome on or after the day it was served.

The rule of each field, in one place (each model declares its
``EventDate(name, after, since_created)`` tuples beside its constraint):

- notice: ``date_cso_consulted`` (since created); ``date_served`` after
  ``date_cso_consulted`` (since created); ``date_provider_informed_closed``
  after ``date_served`` (since created);
- termination case: ``date_provider_informed`` (since created);
  ``date_legal_consulted`` after ``date_discussed``, the CSO's discussion
  (since created);
- revision: ``date_cso_consulted`` (since created);
  ``date_provider_informed`` after ``date_cso_consulted`` and
  ``date_cm_decision`` (since created);
- data return: ``date_received`` after ``date_from``, the period start, not
  since created: a return is also recorded as it arrives (created with its
  date received, which receives it), so its creation is no floor; the
  case-system import receives its returns the day it creates them;
- satisfaction survey: ``date_received`` after ``date_from``, the year start
  (since created: the survey is expected before it is received);
- complaint: ``date_received``, ``date_resolved``, not in the future only;
- contract review: ``informed_provider_date``,
  ``informed_users_carers_date`` (since created).

A review's informed dates do not follow its completion date: completing a
review asks for them first (procedure 10.2). A complaint is logged after it
was received, so its dates have no creation floor; it is resolved on or
after it was received (its own constraint says so).

Planned dates are not events and are not held here: a termination case's
termination date (Legal Services may record a date still to come, within
the term of the contract), its proposed date and the date of the alternative
arrangements, a revision's effective date, a remedy due date.

The dates an action records itself (decided on, discussed on, applied on)
are today's, written by the action; the dates a user states are shown in the
chatter with who stated them and when (``post_stated_dates``). The rule holds
the dates a user states; the superuser (data files, demo data, migrations, a
council's history brought in by its administrators) records past events as
they were.
"""

from collections import namedtuple

from markupsafe import Markup

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tools import format_date

COUNCIL_TZ = "Europe/London"

# ``name``: the date field; ``after``: the fields of the steps before, whose
# dates it cannot precede; ``since_created``: whether it cannot precede the
# day the record was created
EventDate = namedtuple("EventDate", "name after since_created", defaults=((), True))


def council_today(record):
    """Today in England, whatever the user's or the provider's time zone."""
    return fields.Date.context_today(record.with_context(tz=COUNCIL_TZ))


def created_day(record):
    """The day ``record`` was created, in England (None while it is new)."""
    if not record.create_date:
        return None
    return fields.Datetime.context_timestamp(
        record.with_context(tz=COUNCIL_TZ), record.create_date
    ).date()


def event_date_fields(rules):
    """The field names an ``@api.constrains`` over ``rules`` watches: the
    dates, and the dates of the steps before (a step recorded later than a
    date stated for the next one is refused too)."""
    names = set()
    for rule in rules:
        names.add(rule.name)
        names.update(rule.after)
    return sorted(names)


def check_event_dates(records, rules):
    """Raise a ``ValidationError`` naming the field, the date stated and the
    floor when a date of ``rules`` (``EventDate`` tuples) is in the future,
    before the record was created or before the step before.

    The superuser is not held: data files, demo data, migrations and
    imports of a council's history record past events as they were, and an
    action records its own dates (today's)."""
    if not records or records.env.su:
        return
    today = council_today(records[:1])
    env = records.env
    labels = {
        name: field.get_description(env)["string"]
        for name, field in records._fields.items()
        if name in event_date_fields(rules)
    }
    for record in records:
        created = created_day(record)
        for rule in rules:
            day = record[rule.name]
            if not day:
                continue
            if day > today:
                raise ValidationError(
                    env._(
                        "%(record)s: “%(field)s” is %(date)s, a day still to come "
                        "(today is %(today)s). Record the date once it has "
                        "happened.",
                        record=record.sudo().display_name,
                        field=labels[rule.name],
                        date=format_date(env, day),
                        today=format_date(env, today),
                    )
                )
            floors = [(record[name], f"“{labels[name]}”") for name in rule.after]
            if rule.since_created:
                floors.append((created, env._("the day the record was created")))
            for floor, what in floors:
                if floor and day < floor:
                    raise ValidationError(
                        env._(
                            "%(record)s: “%(field)s” is %(date)s, before "
                            "%(floor_name)s (%(floor)s). A date stated for an "
                            "event cannot precede the record or the step "
                            "before.",
                            record=record.sudo().display_name,
                            field=labels[rule.name],
                            date=format_date(env, day),
                            floor_name=what,
                            floor=format_date(env, floor),
                        )
                    )


def post_stated_dates(record, names):
    """Post in the chatter of ``record`` the dates of ``names`` as the user
    stated them, with who stated them and when: the evidence of the date
    stated, beside the tracking of the field. Posted as the superuser (the
    action has checked the role and the access) with the user as author."""
    record.ensure_one()
    env = record.env
    today = council_today(record)
    lines = [
        env._(
            "%(field)s: %(date)s, as stated by %(user)s on %(today)s.",
            field=record._fields[name].get_description(env)["string"],
            date=format_date(env, record[name]),
            user=env.user.name,
            today=format_date(env, today),
        )
        for name in names
        if record[name]
    ]
    if lines:
        record.sudo().message_post(
            body=Markup("<br/>").join(lines),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=env.user.partner_id.id,
        )
