def migrate(cr, version):
    """The reminders the addons schedule are ``automated`` activities, as
    core's ``activity_schedule`` makes them, and are closed with
    ``activity_feedback`` / ``activity_unlink``, which see only those: the
    open reminders scheduled by earlier releases are marked so too."""
    if not version:
        return
    cr.execute(
        """
        UPDATE mail_activity
           SET automated = TRUE
         WHERE automated IS NOT TRUE
           AND activity_type_id IN (
                   SELECT res_id
                     FROM ir_model_data
                    WHERE model = 'mail.activity.type'
                      AND (module = 'hcc_contracts' OR module LIKE %s)
               )
        """,
        ["hcc\\_contracts\\_%"],
    )
