"""The error that lists what still stands in the way of a step."""

from odoo.exceptions import UserError


def problems_error(message, problems, error=UserError):
    """A ``UserError`` (or the exception class ``error``) made of a translated
    ``message`` (e.g. "Contract SCC/2026/0001 cannot be activated yet:")
    followed by the ``problems``, one translated sentence each, as bullets."""
    return error("\n".join([message, *(f"• {problem}" for problem in problems)]))
