def migrate(cr, version):
    """Every location is asked again at the next run of the nightly refresh,
    even one tried today: its registration status and the framework of its
    rating are new fields, empty until then, and a location whose refresh
    stopped on a "no rating" label the CQC really uses ("Inspected but not
    rated", "No published rating"...) is read with the new rules."""
    if not version:
        return
    cr.execute(
        """
        UPDATE res_partner
           SET cqc_last_attempt = NULL
         WHERE cqc_location_id IS NOT NULL
        """
    )
