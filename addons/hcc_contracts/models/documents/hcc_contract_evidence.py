from odoo import fields, models
from odoo.tools import SQL

# the records whose filed documents belong to a contract's evidence trail, and
# the column that names their contract
DOCUMENT_SOURCES = {
    "hcc.contract": ("hcc_contract", "id"),
    "hcc.contract.notice": ("hcc_contract_notice", "contract_id"),
    "hcc.contract.revision": ("hcc_contract_revision", "contract_id"),
    "hcc.contract.review": ("hcc_contract_review", "contract_id"),
}


class HccContractEvidence(models.Model):
    """The documents filed in the contract file are part of its evidence
    trail (9.4): the signed contract, the letters as sent, the reports. An
    archived document stays in it, marked archived, with the reason."""

    _inherit = "hcc.contract.evidence"
    _depends = {
        "ir.attachment": [
            "res_model",
            "res_id",
            "name",
            "hcc_document_type",
            "hcc_document_date",
            "hcc_archived",
            "hcc_archive_reason",
        ],
    }

    kind = fields.Selection(
        selection_add=[
            ("document", "Document filed"),
            ("document_archived", "Document filed, since archived"),
        ],
        ondelete={"document": "cascade", "document_archived": "cascade"},
    )

    def _evidence_sources(self):
        sources = super()._evidence_sources()
        for model, (table, contract_column) in DOCUMENT_SOURCES.items():
            sources.append(
                SQL(
                    """SELECT r.%(contract)s AS contract_id, r.company_id,
                              a.hcc_document_date AS date,
                              CASE WHEN a.hcc_archived THEN 'document_archived'
                                   ELSE 'document' END::varchar AS kind,
                              a.name::varchar AS name,
                              CASE WHEN a.hcc_archived
                                   THEN left(a.hcc_document_type || ': '
                                             || COALESCE(a.hcc_archive_reason, ''), 200)
                                   ELSE a.hcc_document_type END::varchar AS summary,
                              'ir.attachment'::varchar AS res_model,
                              a.id AS res_id,
                              NULL::date AS notified_to_provider_date
                         FROM ir_attachment a
                         JOIN %(table)s r ON r.id = a.res_id
                        WHERE a.res_model = %(model)s
                          AND a.hcc_document_type IS NOT NULL""",
                    contract=SQL.identifier(contract_column),
                    table=SQL.identifier(table),
                    model=model,
                )
            )
        return sources
