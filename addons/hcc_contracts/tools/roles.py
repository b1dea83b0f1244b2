"""The roles of the procedure as Odoo groups, and the one check of a role.

Every feature names a role through these constants and refuses a step that
belongs to another role with ``check_role``, so that the message a user reads
always names the role they lack.
"""

from odoo import _
from odoo.exceptions import AccessError, ValidationError

GROUP_VIEWER = "hcc_contracts.group_viewer"
GROUP_FINANCE = "hcc_contracts.group_finance"
GROUP_SERVICE_MANAGER = "hcc_contracts.group_service_manager"
GROUP_SUPPORT_OFFICER = "hcc_contracts.group_support_officer"
GROUP_COUNTY_MANAGER = "hcc_contracts.group_county_manager"
GROUP_ADMINISTRATOR = "hcc_contracts.group_administrator"
GROUP_CASE_DATA = "hcc_contracts.group_case_data"
GROUP_LEGAL_SERVICES = "hcc_contracts.group_legal_services"

# the roles shown on the user form, the strongest first
ROLES = [
    GROUP_ADMINISTRATOR,
    GROUP_COUNTY_MANAGER,
    GROUP_SUPPORT_OFFICER,
    GROUP_SERVICE_MANAGER,
    GROUP_FINANCE,
    GROUP_VIEWER,
    GROUP_LEGAL_SERVICES,
]


def has_role(env, group_xmlid):
    """Whether the current user holds the role; the superuser (scheduled
    actions, data files) holds every role."""
    return env.su or env.user.has_group(group_xmlid)


def check_role(env, group_xmlid, what):
    """Raise a translated ``AccessError`` naming the role when the current
    user does not hold it. ``what`` is a translated phrase completing "Only a
    user with the role ... may ...", e.g. ``_("terminate a contract early")``.
    """
    if has_role(env, group_xmlid):
        return True
    raise AccessError(
        _(
            "Only a user with the role “%(role)s” may %(what)s. Ask your "
            "administrator if this is part of your duties.",
            role=env.ref(group_xmlid).name,
            what=what,
        )
    )


def role_users_domain(env, group_xmlid):
    """The people a slot of the procedure may name (the CSO consulted, the
    lead officer or nominee, Legal Services): internal users with the role.
    A field's ``domain``, so that the form offers no one else."""
    return [("share", "=", False), ("groups_id", "in", env.ref(group_xmlid).ids)]


def check_role_holders(records, field_name, group_xmlid, slot):
    """Refuse a person named in a slot of the procedure who does not hold the
    role the slot is for, whoever writes it (the form, RPC, an import).
    ``slot`` is a translated phrase naming the slot, e.g. ``_("the CSO
    consulted")``. Raises a translated ``ValidationError``."""
    role = records.env.ref(group_xmlid)
    for record in records:
        user = record[field_name].sudo()
        if user and (user.share or not user._has_group(group_xmlid)):
            raise ValidationError(
                _(
                    "%(user)s cannot be %(slot)s on %(record)s: only a council "
                    "officer with the role “%(role)s” can.",
                    user=user.name,
                    slot=slot,
                    record=record.display_name,
                    role=role.name,
                )
            )
