{
    "name": "Social Care Contracts: Invoicing and the Procurement Act 2023",
    "summary": "The contract payments notices (payments over £30,000, s.70) of "
    "the contracts paid through Odoo Invoicing, and the payments compliance "
    "figures (invoices paid within 30 days, s.69)",
    "version": "18.0.1.0.0",
    "category": "Services/Social Care Contracts",
    "website": "https://github.com/hcc-contracts/hcc-contracts",
    "author": "HCC Contracts",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["hcc_contracts_account", "hcc_contracts_procurement_act"],
    "auto_install": True,
    "data": [
        "security/ir.model.access.csv",
        "wizard/hcc_payments_compliance_views.xml",
    ],
}
