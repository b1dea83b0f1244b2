from odoo.tests import tagged

from .common_portal import HccPortalCase


@tagged("post_install", "-at_install")
class TestPortalLanguage(HccPortalCase):
    def test_providers_and_portal_users_in_english_uk(self):
        Partner = self.env["res.partner"].with_context(lang="en_US", tz=False)
        provider = Partner.create({"name": "Test Lang Provider", "is_company": True})
        contact = Partner.create(
            {
                "name": "Test Lang Contact",
                "email": "lang.contact@provider.example",
                "parent_id": provider.id,
            }
        )
        self.assertEqual(provider.lang, "en_GB")
        self.assertEqual(contact.lang, "en_GB")
        self.assertEqual(contact.tz, "Europe/London")
        # granted the portal the way the council does it, from the contact
        wizard = self.env["portal.wizard"].create({"partner_ids": [contact.id]})
        wizard.user_ids.action_grant_access()
        user = contact.user_ids
        self.assertTrue(user._is_portal())
        self.assertEqual(user.lang, "en_GB")
        self.assertEqual(user.tz, "Europe/London")
        # a language chosen on purpose is kept
        french = self.env["res.lang"]._activate_lang("fr_FR")
        chosen = Partner.create(
            {"name": "Test French Provider", "lang": french.code, "tz": "Europe/Paris"}
        )
        self.assertEqual(chosen.lang, "fr_FR")
        self.assertEqual(chosen.tz, "Europe/Paris")
