"""Every translatable term of the addons is in their ``i18n/<addon>.pot``, so
that a council can translate them (Welsh councils must offer Welsh). The
templates are exported from an installed database; regenerate them with
``odoo-bin -d <db> --modules=<addon> --i18n-export=addons/<addon>/i18n/<addon>.pot``
(docs/DEVELOPING.md, "Translations")."""

from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader


@tagged("post_install", "-at_install")
class TestTranslationTemplates(TransactionCase):
    def test_every_term_in_the_pot(self):
        addons = self.env["ir.module.module"].search(
            [("name", "=like", "hcc_contracts%"), ("state", "=", "installed")]
        )
        self.assertIn("hcc_contracts", addons.mapped("name"))
        for addon in addons.mapped("name"):
            with self.subTest(addon=addon):
                pot = Path(get_module_path(addon)) / "i18n" / f"{addon}.pot"
                self.assertTrue(pot.is_file(), f"{pot} is missing")
                known = {entry.msgid for entry in polib.pofile(str(pot))}
                # a file the extractor cannot read loses all its terms
                # silently, but for a logged error
                with self.assertNoLogs("odoo.tools.translate", level="ERROR"):
                    terms = {
                        row[4]
                        for row in TranslationModuleReader(self.env.cr, modules=[addon])
                        if row[4]
                    }
                self.assertTrue(terms, addon)
                missing = sorted(terms - known)
                self.assertFalse(
                    missing,
                    f"{len(missing)} term(s) of {addon} missing from {pot.name}, "
                    f"export it again: {missing[:10]}",
                )
