def migrate(cr, version):
    """Procedure 8.1: a new contract takes its activity data from the
    case-management system; a contract that already had provider returns
    before this version keeps them."""
    if not version:
        return
    # a cancelled return no longer holds its period (a partial unique index,
    # created by the model, replaces the constraint)
    cr.execute(
        "ALTER TABLE hcc_data_return "
        "DROP CONSTRAINT IF EXISTS hcc_data_return_contract_period_uniq"
    )
    cr.execute(
        "DELETE FROM ir_model_constraint "
        "WHERE name = 'hcc_data_return_contract_period_uniq'"
    )
    cr.execute(
        """
        UPDATE hcc_contract
           SET activity_source = 'provider_returns'
         WHERE id IN (SELECT contract_id FROM hcc_data_return)
        """
    )
