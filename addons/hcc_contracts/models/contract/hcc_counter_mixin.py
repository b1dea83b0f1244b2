from odoo import models
from odoo.tools import SQL


class HccCounterMixin(models.AbstractModel):
    """Counters of the records of a contract (the smart buttons): integers
    stored on the contract, each the number of records of a model linked to
    it and matching a domain, all counted in one query.

    A feature declares its counter fields with
    ``compute="_compute_contract_counters"`` and the ``depends`` that change
    them, and names them in ``_get_contract_counters``. Other figures per
    contract (the home screen's) call ``_count_by_contract`` with their own
    list."""

    _name = "hcc.counter.mixin"
    _description = "Counters of the Records of a Contract"

    def _get_contract_counters(self):
        """Extension point of the smart buttons: return a list of ``(field
        name, model, domain)`` or ``(field name, model, domain, link
        field)``. The field, an Integer stored and computed by
        ``_compute_contract_counters`` (declare the fields it depends on with
        its ``depends`` parameter), is the number of records of ``model``
        matching ``domain`` whose link field (``contract_id`` by default) is
        the contract, archived records left out. Entries naming the same
        field add up. Stored, the counters cost the form nothing and can be
        searched, sorted and grouped by; the record rules of every record of
        a contract follow those of the contract, so whoever sees a contract
        sees all that is counted."""
        return []

    def _compute_contract_counters(self):
        counters = self._get_contract_counters()
        counts = self._count_by_contract(counters)
        for contract in self:
            for name, per_contract in counts.items():
                contract[name] = per_contract.get(contract._origin.id, 0)

    def _count_by_contract(self, counters):
        """``{field name: {contract id: count}}`` for ``counters`` (see
        ``_get_contract_counters``) and the contracts of ``self``: a grouped
        count per counter, all in a single query (a UNION ALL)."""
        counts = {counter[0]: {} for counter in counters}
        ids = self._origin.ids
        if not ids:
            return counts
        parts = []
        for index, (_name, model, domain, *link) in enumerate(counters):
            link = link[0] if link else "contract_id"
            Model = self.env[model].sudo().with_context(active_test=True)
            query = Model._search([(link, "in", ids), *domain])
            if query.is_empty():
                continue
            column = Model._field_to_sql(Model._table, link, query)
            query.groupby = column
            parts.append(
                SQL("(%s)", query.select(SQL("%s", index), column, "COUNT(*)"))
            )
        if parts:
            for index, contract_id, count in self.env.execute_query(
                SQL(" UNION ALL ").join(parts)
            ):
                per_contract = counts[counters[index][0]]
                per_contract[contract_id] = per_contract.get(contract_id, 0) + count
        return counts
