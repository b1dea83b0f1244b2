from ..common import HccContractsCase


class HccProcurementCase(HccContractsCase):
    """Helpers to walk a procurement through Appendix A, each step done by
    the role that owns it: ``user_sm`` leads, ``user_cso`` supports."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider_b = cls.env["res.partner"].create(
            {"name": "Test Second Provider Ltd", "is_company": True}
        )
        cls.provider_c = cls.env["res.partner"].create(
            {"name": "Test Silent Provider Ltd", "is_company": True}
        )
        cls.step_type = cls.env.ref("hcc_contracts.mail_activity_type_procurement_step")

    def _create_procurement(self, user=None, **overrides):
        vals = {
            "title": "Day opportunities, north",
            "locality_id": self.locality_north.id,
            "care_group_id": self.care_group.id,
            "service_type_id": self.service_type.id,
            "lead_officer_id": self.user_sm.id,
            "support_officer_id": self.user_cso.id,
            "need_description": "<p>No day opportunities in the north.</p>",
        }
        vals.update(overrides)
        return self.env["hcc.procurement"].with_user(user or self.user_sm).create(vals)

    def _step_activities(self, procurement):
        return procurement.activity_ids.filtered(
            lambda a: a.activity_type_id == self.step_type
        )

    # one method per step, acting as the step's owner
    def _do_need(self, procurement):
        procurement.with_user(self.user_sm).action_confirm_need()

    def _do_option(self, procurement, option):
        as_sm = procurement.with_user(self.user_sm)
        as_sm.write(
            {
                "procurement_option": option,
                "finance_manager_name": "Test General Finance Manager",
                "date_finance_consulted": "2026-05-04",
                "date_cso_liaised": "2026-05-05",
                "sm_information": "<p>Forty places a day are needed.</p>",
            }
        )
        as_sm.action_confirm_option()

    def _do_authorisation(self, procurement, date="2026-05-11"):
        as_cso = procurement.with_user(self.user_cso)
        as_cso.write(
            {
                "authorisation_body": "county_manager",
                "authorised_by": "Test County Manager",
                "date_authorised": date,
            }
        )
        as_cso.action_authorise()

    def _set_specification(self, procurement, user):
        procurement.with_user(user).write(
            {
                "spec_scope": "<p>Day opportunities for older people.</p>",
                "spec_standards": "<p>Registered and inspected.</p>",
                "payment_basis": "block",
                "date_contract_start": "2026-09-01",
                "date_contract_end": "2029-08-31",
            }
        )

    def _do_negotiation(self, procurement, price=98000.0):
        as_sm = procurement.with_user(self.user_sm)
        self._set_specification(procurement, self.user_sm)
        as_sm.write(
            {
                "negotiation_notes": "<p>Price agreed after two meetings.</p>",
                "bid_ids": [
                    (
                        0,
                        0,
                        {
                            "partner_id": self.provider.id,
                            "date_received": "2026-05-20",
                            "price": price,
                        },
                    )
                ],
            }
        )
        as_sm.action_close_negotiation()

    def _do_tender(self, procurement):
        as_cso = procurement.with_user(self.user_cso)
        self._set_specification(procurement, self.user_cso)
        as_cso.write(
            {
                "date_advert": "2026-05-12",
                "advert_text": "Tenders invited for day opportunities.",
                "date_invited": "2026-05-13",
                "date_closing": "2026-06-10",
                "bid_ids": [
                    (
                        0,
                        0,
                        {
                            "partner_id": self.provider.id,
                            "date_received": "2026-06-08",
                            "price": 110000.0,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "partner_id": self.provider_b.id,
                            "date_received": "2026-06-09",
                            "price": 99000.0,
                        },
                    ),
                    (0, 0, {"partner_id": self.provider_c.id}),
                ],
            }
        )
        as_cso.action_close_tender()

    def _bid(self, procurement, partner):
        return procurement.bid_ids.filtered(lambda b: b.partner_id == partner)

    def _do_evaluation(self, procurement, winner):
        as_sm = procurement.with_user(self.user_sm)
        scores = {
            self.provider: (80.0, 70.0),
            self.provider_b: (75.0, 90.0),
        }
        for bid in procurement.bid_ids.filtered("date_received"):
            quality, price = scores[bid.partner_id]
            bid.with_user(self.user_sm).write(
                {"quality_score": quality, "price_score": price}
            )
        as_sm.write(
            {
                "evaluation_cso_consulted": True,
                "evaluation_fsu_consulted": True,
                "recommendation": "Award to the highest scoring tender.",
                "awarded_bid_id": self._bid(procurement, winner).id,
            }
        )
        as_sm.action_complete_evaluation()

    def _do_award(self, procurement):
        as_cso = procurement.with_user(self.user_cso)
        as_cso.write({"award_body": "county_manager", "contract_documents_ready": True})
        as_cso.action_award()

    def _do_signature(self, procurement, informed=True):
        vals = {
            "date_sent_for_signature": "2026-07-03",
            "date_countersigned": "2026-07-17",
            "contract_file_maintained": True,
        }
        if informed:
            vals["date_unsuccessful_informed"] = "2026-07-02"
        as_cso = procurement.with_user(self.user_cso)
        as_cso.write(vals)
        self._file_signed_contract(procurement)
        as_cso.action_confirm_signature()

    def _file_signed_contract(self, procurement):
        """A9: the countersigned contract is filed before signature is done."""
        return (
            self.env["ir.attachment"]
            .with_user(self.user_cso)
            .create(
                {
                    "name": "Signed contract.pdf",
                    "raw": b"%PDF-1.4 countersigned",
                    "res_model": "hcc.procurement",
                    "res_id": procurement.id,
                    "hcc_document_type": "signed_contract",
                }
            )
        )

    def _walk_to_award(self, option="single_tender"):
        procurement = self._create_procurement()
        self._do_need(procurement)
        self._do_option(procurement, option)
        self._do_authorisation(procurement)
        if option == "single_tender":
            self._do_negotiation(procurement)
            self._do_evaluation(procurement, self.provider)
        else:
            self._do_tender(procurement)
            self._do_evaluation(procurement, self.provider_b)
        return procurement
