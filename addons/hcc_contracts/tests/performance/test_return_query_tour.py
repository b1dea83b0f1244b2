from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from ..test_tours import HccTourCase


@tagged("post_install", "-at_install", "hcc_tour")
class TestTourReturnQuery(HccTourCase):
    """In a browser, the lead officer queries a return with a question
    (issue 43, point 4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        contract = cls._active_contract(title="Tour query contract")
        start = date.today().replace(day=1) - relativedelta(months=1)
        cls.data_return = cls.env["hcc.data.return"].create(
            contract._prepare_expected_return_vals(
                start, start + relativedelta(months=1, days=-1)
            )
        )
        cls.data_return.write(
            {"people_served": 40, "statements_issued": 45, "units_delivered": 480}
        )
        cls.data_return.action_receive()

    def test_lead_officer_queries_a_return(self):
        self.start_tour(
            self._url("hcc_data_return_action", self.data_return),
            "hcc_lead_officer_query_return",
            login="hcc_sm",
        )
        ret = self.data_return
        self.assertEqual(ret.state, "queried")
        self.assertEqual(
            ret.query_note,
            "Statements issued (45) are above the people served (40): please check.",
        )
        message = ret.message_ids.filtered(
            lambda m: "above the people served" in (m.body or "")
        )
        self.assertEqual(message.author_id, self.user_sm.partner_id)
