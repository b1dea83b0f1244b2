"""The label a user reads for a value of a selection field."""


def selection_label(model, field_name, value):
    """The label of ``value`` in the selection field ``field_name`` of
    ``model`` (a model or records, with or without the workflow mixin), in
    the language of its environment: "" for no value, the value itself for
    one the field does not list (any more)."""
    if value is False or value is None:
        return ""
    field = model._fields[field_name]
    return dict(field._description_selection(model.env)).get(value, value)
