from ..common import HccContractsCase


class HccPerformanceCase(HccContractsCase):
    """Helpers of the provider performance tests. The default contract of
    ``HccContractsCase`` runs from 1 April 2026, is a block contract worth
    £120,000 a year for 6,000 units: 500 units and £10,000 a month, £20 a unit."""

    @classmethod
    def _active_contract(cls, **overrides):
        contract = cls._create_contract(**overrides)
        contract.action_activate()
        return contract

    def _return(self, contract, date_from, date_to, user=None, **vals):
        env = self.env(user=user) if user else self.env
        return env["hcc.data.return"].create(
            {
                "contract_id": contract.id,
                "date_from": date_from,
                "date_to": date_to,
                **vals,
            }
        )

    def _accepted(self, contract, date_from, date_to, units):
        ret = self._return(
            contract,
            date_from,
            date_to,
            date_received=date_to,
            units_delivered=units,
        )
        ret.action_accept()
        return ret

    def _snapshot(self, model, domain=None):
        """What a cron may change: the records of ``model`` with their state,
        late flag and last write, plus activities."""
        records = self.env[model].search(domain or [])
        fields = ["state", "is_late", "write_date"]
        return (
            records.read(fields),
            self.env["mail.activity"].search([]).ids,
        )
