def migrate(cr, version):
    """The query of a data return moved from the provider portal to the core
    app (``query_note``): same model, same name, so its column and values
    stay. Its field record is handed over to this addon before the update,
    so that the portal's update, which no longer declares it, never takes
    the field (and its column) away with its own data."""
    if not version:
        return
    cr.execute(
        """
        UPDATE ir_model_data
           SET module = 'hcc_contracts'
         WHERE module = 'hcc_contracts_portal'
           AND model = 'ir.model.fields'
           AND name = 'field_hcc_data_return__query_note'
           AND NOT EXISTS (
                   SELECT 1
                     FROM ir_model_data
                    WHERE module = 'hcc_contracts'
                      AND name = 'field_hcc_data_return__query_note'
               )
        """
    )
