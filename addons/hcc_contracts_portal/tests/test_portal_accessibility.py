"""Every page of the provider portal passes axe-core's WCAG 2.2 A and AA
rules in headless Chromium, with no violation. The portal is a public sector
website: the Public Sector Bodies Accessibility Regulations 2018 apply.

axe-core is not part of the repository: tests/run.sh installs it from npm
into its work folder and names the file in HCC_AXE_JS."""

import json
import os
from pathlib import Path

from odoo.tests import tagged

from .common_portal import HccPortalCase

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@tagged("post_install", "-at_install", "hcc_tour")
class TestPortalAccessibility(HccPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        axe = os.environ.get("HCC_AXE_JS")
        if not axe or not Path(axe).is_file():
            raise RuntimeError(
                "axe-core is needed: run tests/run.sh, or `npm install axe-core` "
                "and set HCC_AXE_JS to node_modules/axe-core/axe.min.js"
            )
        # served by the test server, so that the page loads it as a script
        cls.axe_script = cls.env["ir.attachment"].create(
            {
                "name": "axe.min.js",
                "raw": Path(axe).read_bytes(),
                "mimetype": "text/javascript",
                "public": True,
            }
        )

    def _assert_accessible(self, url):
        """Load axe into the page and run it; a violation is a console error,
        which fails the test with the rule, its help and the elements."""
        code = (
            """
            const script = document.createElement("script");
            script.src = "/web/content/%(axe)s";
            script.onerror = () => console.error("axe-core could not be loaded");
            script.onload = () => axe
                .run(document, {runOnly: {type: "tag", values: %(tags)s}})
                .then((results) => {
                    const violations = results.violations.map((v) => ({
                        rule: v.id,
                        help: v.help,
                        nodes: v.nodes.map((n) => n.target.join(" ")),
                    }));
                    if (violations.length) {
                        console.error(%(url)s + ": " + JSON.stringify(violations));
                    } else {
                        console.log("test successful");
                    }
                });
            document.head.appendChild(script);
        """
            % {  # noqa: UP031 (JavaScript is full of braces)
                "axe": self.axe_script.id,
                "tags": json.dumps(AXE_TAGS),
                "url": json.dumps(url),
            }
        )
        self.browser_js(url, code, login="portal_a", timeout=120)

    def test_home(self):
        self._assert_accessible("/my")

    def test_contracts(self):
        self._assert_accessible("/my/contracts")

    def test_contract(self):
        self._assert_accessible(f"/my/contracts/{self.contract_a.id}")

    def test_return(self):
        self._assert_accessible(f"/my/contracts/returns/{self.return_a.id}")

    def test_survey(self):
        self._assert_accessible(f"/my/contracts/surveys/{self.survey_a.id}")

    def test_action(self):
        self._assert_accessible(f"/my/contracts/actions/{self.action_a.id}")

    def test_minutes(self):
        self._assert_accessible(f"/my/contracts/minutes/{self.meeting_a.id}")

    def test_returns(self):
        self._assert_accessible("/my/returns")
