BUTTON = r'\s*<button name="action_open_terminate_wizard"[^>]*/>'


def migrate(cr, version):
    """Early termination has one route, the termination case: the County
    Manager's Terminate Early wizard is gone. The contract form's stored
    extension still shows its button, which names a method that no longer
    exists, and the form is checked with it before the extension is loaded
    again: take the button out first. The wizard kept no history: its table
    goes; its model, views and access lines are removed by the update."""
    if not version:
        return
    cr.execute(
        """
        UPDATE ir_ui_view v
           SET arch_db = (
                   SELECT jsonb_object_agg(
                              lang, regexp_replace(arch, %s, '', 'g')
                          )
                     FROM jsonb_each_text(v.arch_db) AS t(lang, arch)
               )
          FROM ir_model_data d
         WHERE d.model = 'ir.ui.view'
           AND d.res_id = v.id
           AND d.module = 'hcc_contracts'
           AND d.name = 'hcc_contract_view_form_notices'
        """,
        [BUTTON],
    )
    cr.execute("DROP TABLE IF EXISTS hcc_contract_terminate_wizard")
