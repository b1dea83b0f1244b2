from odoo.tools import SQL


def yes_or_unknown(cr, table, column):
    """Turn the Boolean ``column`` into the text of a yes/no/unknown choice:
    a recorded tick becomes "yes"; an empty box becomes unknown (NULL), since
    a Boolean could not tell "No" from "nobody recorded it"."""
    cr.execute(
        """
        SELECT data_type
          FROM information_schema.columns
         WHERE table_name = %s AND column_name = %s
        """,
        (table, column),
    )
    row = cr.fetchone()
    if not row or row[0] != "boolean":
        return
    cr.execute(
        SQL(
            "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT, ALTER COLUMN %s TYPE "
            "varchar USING CASE WHEN %s THEN 'yes' END",
            SQL.identifier(table),
            SQL.identifier(column),
            SQL.identifier(column),
            SQL.identifier(column),
        )
    )


def migrate(cr, version):
    """SME and VCSE of a supplier become Yes / No / not known, keeping every
    supplier recorded as one (issue 38)."""
    if not version:
        return
    for column in ("hcc_is_sme", "hcc_is_vcse"):
        yes_or_unknown(cr, "res_partner", column)
