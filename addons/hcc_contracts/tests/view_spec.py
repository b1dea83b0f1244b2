"""The ``specification`` the web client sends to read a view, built from the
view itself: the query-count tests pin what reading it costs and the
benchmark (``tests/benchmark/bench.py``) times it."""

from lxml import etree

ACTIVITY_WIDGET_FIELDS = (
    "activity_exception_decoration",
    "activity_exception_icon",
    "activity_state",
    "activity_summary",
    "activity_type_icon",
    "activity_type_id",
)


def view_specification(env, model, view_type, subviews=True):
    """The ``specification`` the web client sends to read a view
    (``getFieldsSpec``): every field of the view, many2one with their display
    name unless always invisible (then their id alone), x2many with the
    fields of their embedded (or default) list view and as many rows as that
    list's ``limit`` (40 when it sets none)."""
    arch = etree.fromstring(
        env[model].get_views([(False, view_type)])["views"][view_type]["arch"]
    )
    return arch_specification(env, model, arch, subviews)


def _ancestors(node, root):
    """The ancestors of ``node`` up to ``root`` (excluded): an embedded list
    is still attached to the whole view's tree."""
    for parent in node.iterancestors():
        if parent is root:
            return
        yield parent


def arch_specification(env, model, arch, subviews=True):
    """The specification of the parsed view ``arch`` of ``model``, as
    :func:`view_specification` builds it."""
    spec = {}
    fields = env[model]._fields
    # the web client combines the modifiers of a field's nodes: a field is
    # always invisible when each of its nodes is
    visible = set()
    for node in arch.iter("field"):
        # a field inside an embedded list belongs to that list's specification
        if any(parent.tag == "field" for parent in _ancestors(node, arch)):
            continue
        field = fields.get(node.get("name"))
        if field is None:
            continue
        if node.get("invisible") not in ("1", "True"):
            visible.add(field.name)
        if node.get("widget") in ("list_activity", "kanban_activity"):
            spec.update(dict.fromkeys(ACTIVITY_WIDGET_FIELDS, {}))
        if field.type == "many2one":
            spec[field.name] = {"fields": {"display_name": {}}}
        elif field.type in ("one2many", "many2many") and subviews:
            sub = next((c for c in node if c.tag in ("list", "kanban")), None)
            limit = 40
            if sub is None and field.type == "one2many":
                sub_spec = view_specification(env, field.comodel_name, "list", False)
            elif sub is None:
                sub_spec = {"display_name": {}}
            else:
                sub_spec = arch_specification(env, field.comodel_name, sub, False)
                limit = int(sub.get("limit") or 40)
            spec[field.name] = {"fields": sub_spec, "limit": limit, "order": ""}
        elif field.type in ("one2many", "many2many"):
            spec[field.name] = {"fields": {"display_name": {}}}
        else:
            spec[field.name] = {}
    for name, field_spec in spec.items():
        if name in visible or "fields" not in field_spec:
            continue
        if fields[name].type == "many2one":
            spec[name] = {"fields": {}}
        elif subviews:
            spec[name] = {}
    return spec
