import { session } from "@web/session";
import { user } from "@web/core/user";
import { patch } from "@web/core/utils/patch";
import { formatMonetary } from "@web/views/fields/formatters";
import { ListRenderer } from "@web/views/list/list_renderer";

/**
 * Odoo formats the sum of a group of records without its currency. In the
 * lists of social care contracts every amount is in the company's currency
 * (pounds sterling), so a group's sum keeps the pound sign as the records'
 * amounts and the grand total do.
 */
patch(ListRenderer.prototype, {
    formatAggregateValue(group, column) {
        const field = this.props.list.fields[column.name];
        const companies = session.user_companies?.allowed_companies || {};
        const companyId = user.context.allowed_company_ids?.[0];
        const currencyId = companies[companyId]?.hcc_currency_id;
        if (
            field?.type === "monetary" &&
            currencyId &&
            this.props.list.resModel.startsWith("hcc.") &&
            column.name in group.aggregates
        ) {
            const { attrs } = column;
            return formatMonetary(group.aggregates[column.name], {
                digits: attrs.digits ? JSON.parse(attrs.digits) : field.digits,
                currencyId,
            });
        }
        return super.formatAggregateValue(...arguments);
    },
});
