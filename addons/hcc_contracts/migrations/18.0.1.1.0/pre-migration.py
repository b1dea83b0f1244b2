def migrate(cr, version):
    """The Evidence Trail button of the contract form no longer shows a count
    (the field ``evidence_count`` is gone). The form's inherited view that
    showed it is dropped here, before the update validates the form against
    the new fields; loading the views of the update creates it again."""
    if not version:
        return
    cr.execute(
        """
        DELETE FROM ir_ui_view
         WHERE id IN (SELECT res_id
                        FROM ir_model_data
                       WHERE module = 'hcc_contracts'
                         AND name = 'hcc_contract_view_form_notices'
                         AND model = 'ir.ui.view')
        """
    )
    cr.execute(
        """
        DELETE FROM ir_model_data
         WHERE module = 'hcc_contracts'
           AND name = 'hcc_contract_view_form_notices'
           AND model = 'ir.ui.view'
        """
    )
