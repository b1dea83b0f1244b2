"""References taken from a sequence, in the record's company."""


def assign_references(model, vals_list, code, company_of=None):
    """Give each record to create whose name is empty or still the
    placeholder (``model._default_name()``; an import sends an empty cell as
    ``False``) the next reference of the sequence ``code``,
    taken in the company that ``company_of(vals)`` returns (by default the
    ``company_id`` of the values, or the current company), so that each
    council of a multi-company database numbers its own records."""
    if company_of is None:

        def company_of(vals):
            return model.env["res.company"].browse(
                vals.get("company_id") or model.env.company.id
            )

    placeholder = model._default_name()
    Sequence = model.env["ir.sequence"]
    for vals in vals_list:
        if vals.get("name") in (None, False, "", placeholder):
            vals["name"] = (
                Sequence.with_company(company_of(vals)).next_by_code(code)
                or placeholder
            )
    return vals_list
