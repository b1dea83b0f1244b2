import functools
import logging
import subprocess

import lxml.html

from odoo import models

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

_logger = logging.getLogger(__name__)

REPORTS_MODULE = "hcc_contracts_reports."


@functools.cache
def wkhtmltopdf_prints_several_documents():
    """Whether the installed wkhtmltopdf takes several HTML documents in one
    call, as its builds with the patched Qt do (the build Odoo recommends).
    A build without it (Debian's) prints one document a call and fails with
    several, so Odoo cannot print the records of a report together."""
    try:
        out = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"],
            capture_output=True,
            check=False,
            text=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return True
    return "patched qt" in out.lower()


def join_bodies(bodies):
    """The HTML documents of ``bodies`` (each a record's, laid out by Odoo's
    minimal layout) as one document, each record's content starting a new
    page: the first document's head (the report's stylesheets) with every
    document's body content after it."""
    first = lxml.html.document_fromstring(bodies[0])
    target = first.find("body")
    for body in bodies[1:]:
        for index, node in enumerate(lxml.html.document_fromstring(body).find("body")):
            if index == 0:
                style = (node.get("style") or "").rstrip("; ")
                node.set("style", f"{style}; page-break-before: always".lstrip("; "))
            target.append(node)
    return "<!DOCTYPE html>\n" + lxml.html.tostring(first, encoding="unicode")


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _run_wkhtmltopdf(self, bodies, report_ref=False, *args, **kwargs):
        """Where wkhtmltopdf prints one document a call, the records of one
        of this addon's reports printed together (the letters of a fee
        review's batch) are printed as one document, a record a page onwards,
        in one call instead of failing; Odoo then splits the PDF into each
        record's own as it does (by page, or by the letters' top-level
        headings)."""
        if (
            len(bodies) > 1
            and report_ref
            and self._get_report(report_ref).report_name.startswith(REPORTS_MODULE)
            and not wkhtmltopdf_prints_several_documents()
        ):
            bodies = [join_bodies(bodies)]
        return super()._run_wkhtmltopdf(bodies, report_ref, *args, **kwargs)
