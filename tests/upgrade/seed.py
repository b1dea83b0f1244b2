"""Data the demo does not hold, added to a database before it is upgraded or
backed up: bills charged to contracts (one posted, one draft), and documents
filed on contracts, notices and revisions, so that the figures
compared include what Finance reads and the files a council keeps.

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

# files as officers file them, in the filestore: the signed contract on two
# contracts, the letter as served on each notice, the variation letter on each
# revision (letters are uploaded here: printing one needs a running server)
FILES = [
    ("hcc.contract", "signed_contract", "Signed contract"),
    ("hcc.contract.notice", "notice_letter", "Notice letter as served"),
    ("hcc.contract.revision", "variation_letter", "Variation letter"),
]
for model, document_type, label in FILES:
    for record in env[model].search([], limit=2):
        document = {
            "name": f"{label} - {record.display_name.replace('/', '-')}.pdf",
            "raw": f"%PDF-1.4 {label} of {record.display_name}".encode(),
            "res_model": model,
            "res_id": record.id,
            "mimetype": "application/pdf",
        }
        if "hcc_document_type" in env["ir.attachment"]._fields:
            document["hcc_document_type"] = document_type
        print("filed", env["ir.attachment"].create(document).name)
env.cr.commit()
