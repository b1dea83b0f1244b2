from odoo.tests import tagged

from .common_portal import HccPortalCase


@tagged("post_install", "-at_install")
class TestPortalLanguage(HccPortalCase):
    """A provider reads the portal and the council's e-mails in the language
    and time zone of its contact: Odoo gives a new contact the database's
    default language (the council sets English (UK)) and the time zone of the
    officer who creates it (set on her user). The addon forces neither:
    Odoo's own tests of portal, mail and calendar expect their defaults."""

    def test_provider_takes_the_councils_language_and_officers_time_zone(self):
        # the council's settings: its language, and its officer's time zone
        self.env["ir.default"].set("res.partner", "lang", "en_GB")
        self.user_cso.write({"lang": "en_GB", "tz": "Europe/London"})
        # the web client sends the user's own language and time zone
        officer = self.user_cso.with_user(self.user_cso).context_get()
        self.assertEqual((officer["lang"], officer["tz"]), ("en_GB", "Europe/London"))
        Partner = self.env["res.partner"].with_context(**officer)
        provider = Partner.create({"name": "Test Lang Provider", "is_company": True})
        contact = Partner.create(
            {
                "name": "Test Lang Contact",
                "email": "lang.contact@provider.example",
                "parent_id": provider.id,
            }
        )
        self.assertEqual((provider.lang, contact.lang), ("en_GB", "en_GB"))
        self.assertEqual(contact.tz, "Europe/London")
        # granted the portal the way the council does it, from the contact
        wizard = self.env["portal.wizard"].create({"partner_ids": [contact.id]})
        wizard.user_ids.action_grant_access()
        user = contact.user_ids
        self.assertTrue(user._is_portal())
        self.assertEqual((user.lang, user.tz), ("en_GB", "Europe/London"))

    def test_no_language_forced_on_the_database(self):
        """Installed on a database whose language is English (US), the addon
        leaves new contacts in English (US), with no time zone."""
        self.env["ir.default"].set("res.partner", "lang", "en_US")
        Partner = self.env["res.partner"].with_context(lang="en_GB", tz=False)
        partner = Partner.create({"name": "Test US Partner"})
        self.assertEqual(partner.lang, "en_US")
        self.assertFalse(partner.tz)
