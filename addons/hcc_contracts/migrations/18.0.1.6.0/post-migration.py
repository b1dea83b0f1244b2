def migrate(cr, version):
    """Prices have an effective date (issue 41): a revision's terms are in
    force from its effective date, no longer from the day it was applied.
    A revision applied under earlier releases without one took effect when
    it was applied: it keeps that day as its effective date."""
    if not version:
        return
    cr.execute(
        """
        UPDATE hcc_contract_revision
           SET date_effective = date_applied
         WHERE state = 'applied'
           AND date_effective IS NULL
           AND date_applied IS NOT NULL
        """
    )
