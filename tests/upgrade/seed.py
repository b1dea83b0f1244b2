"""Data the demo does not hold, added to the previous release before it is
upgraded: bills charged to contracts (one posted, one draft), so that the
upgrade test compares what Finance reads too.

    odoo-bin shell -d DB --no-http < tests/upgrade/seed.py

Written against the first release's API, which every later one keeps.
"""

from odoo import fields

env = env  # noqa: F821, PLW0127  (the shell's global)

if "hcc_contract_id" in env["account.move.line"]._fields:
    contracts = env["hcc.contract"].search(
        [("state", "=", "active"), ("analytic_account_id", "!=", False)], limit=2
    )
    today = fields.Date.context_today(contracts)
    for contract, post in zip(contracts, (True, False)[: len(contracts)], strict=True):
        bill = env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": contract.partner_id.id,
                "invoice_date": today,
                "ref": f"UPGRADE-{contract.name}",
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"Care delivered under {contract.name}",
                            "quantity": 10,
                            "price_unit": 123.45,
                            "tax_ids": [(6, 0, [])],
                            "hcc_contract_id": contract.id,
                            "analytic_distribution": {
                                str(contract.analytic_account_id.id): 100
                            },
                        },
                    )
                ],
            }
        )
        if post:
            bill.action_post()
        print("bill", bill.name, bill.state, "for", contract.name)
    env.cr.commit()
else:
    print("no bills: hcc_contracts_account is not installed")
