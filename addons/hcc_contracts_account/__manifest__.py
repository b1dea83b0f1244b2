{
    "name": "Social Care Contracts: Invoicing",
    "summary": "Vendor bills drafted from the contracts' accepted returns and "
    "payment schedules, spend against budget from the posted bills, and what "
    "was billed, paid and outstanding in each financial year",
    "version": "18.0.1.2.0",
    "category": "Services/Social Care Contracts",
    "website": "https://github.com/hcc-contracts/hcc-contracts",
    "author": "HCC Contracts",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["hcc_contracts", "account"],
    "auto_install": True,
    "post_init_hook": "post_init_hook",
    "data": [
        "security/hcc_contracts_account_security.xml",
        "security/ir.model.access.csv",
        "views/account_move_views.xml",
        "views/hcc_contract_views.xml",
        "views/hcc_contract_budget_views.xml",
        "views/hcc_data_return_views.xml",
        "wizard/hcc_block_billing_wizard_views.xml",
        "views/res_partner_views.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hcc_contracts_account/static/tests/tours/**/*",
        ],
    },
}
