def migrate(cr, version):
    """One approval per decision (issue 43, point 6): the County Manager's
    approval of a contentious revision now approves it. The revisions she
    approved under earlier releases, still waiting for the second "Approve",
    are approved."""
    if not version:
        return
    cr.execute(
        """
        UPDATE hcc_contract_revision
           SET state = 'approved'
         WHERE state = 'consulted'
           AND is_contentious
           AND cm_decision = 'approved'
        """
    )
