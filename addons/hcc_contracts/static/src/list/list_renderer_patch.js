import { session } from "@web/session";
import { user } from "@web/core/user";
import { patch } from "@web/core/utils/patch";
import { formatMonetary } from "@web/views/fields/formatters";
import { ListRenderer } from "@web/views/list/list_renderer";

/**
 * Odoo formats the sum of a group of records, and the grand total of a
 * grouped list, without a currency. In the lists of social care contracts
 * and their budgets, the amounts are in the contracts' currency (pounds
 * sterling); the session says which it is for the current company, only
 * when all its contracts share one (ir.http.session_info). A group's sum
 * and the grand total then keep its sign, as the records' amounts do.
 */
function contractCurrencyId(list) {
    if (!list.resModel.startsWith("hcc.")) {
        return false;
    }
    const companies = session.user_companies?.allowed_companies || {};
    const companyId = user.context.allowed_company_ids?.[0];
    return companies[companyId]?.hcc_currency_id || false;
}

patch(ListRenderer.prototype, {
    formatAggregateValue(group, column) {
        const field = this.props.list.fields[column.name];
        const currencyId = contractCurrencyId(this.props.list);
        if (field?.type === "monetary" && currencyId && column.name in group.aggregates) {
            const { attrs } = column;
            return formatMonetary(group.aggregates[column.name], {
                digits: attrs.digits ? JSON.parse(attrs.digits) : field.digits,
                currencyId,
            });
        }
        return super.formatAggregateValue(...arguments);
    },

    get aggregates() {
        const aggregates = super.aggregates;
        const list = this.props.list;
        const currencyId = contractCurrencyId(list);
        if (!currencyId || !list.isGrouped || list.selection?.length) {
            return aggregates;
        }
        for (const column of this.columns) {
            const field = this.fields[column.name];
            const aggregate = aggregates[column.name];
            if (column.type !== "field" || field?.type !== "monetary" || !aggregate) {
                continue;
            }
            if (!column.attrs.sum) {
                continue;
            }
            const total = list.groups.reduce(
                (sum, group) => sum + (group.aggregates[column.name] || 0),
                0
            );
            aggregate.value = formatMonetary(total, {
                digits: column.attrs.digits ? JSON.parse(column.attrs.digits) : undefined,
                currencyId,
            });
        }
        return aggregates;
    },
});
