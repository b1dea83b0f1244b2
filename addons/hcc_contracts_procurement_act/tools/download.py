def csv_download(record, filename, text):
    """File ``text`` as a CSV attachment of ``record`` (a wizard) and return
    the action that downloads it. UTF-8 with a byte order mark, which
    spreadsheet programs read as UTF-8 (names with accents, the £ sign)."""
    attachment = record.env["ir.attachment"].create(
        {
            "name": filename,
            "raw": text.encode("utf-8-sig"),
            "mimetype": "text/csv",
            "res_model": record._name,
            "res_id": record.id,
        }
    )
    return {
        "type": "ir.actions.act_url",
        "url": f"/web/content/{attachment.id}?download=true",
        "target": "download",
    }
