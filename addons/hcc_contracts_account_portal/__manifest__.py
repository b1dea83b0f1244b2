{
    "name": "Social Care Contracts: Payments on the Provider Portal",
    "summary": "Providers see on the portal what the council billed and paid "
    "under each of their contracts",
    "version": "18.0.1.0.0",
    "category": "Services/Social Care Contracts",
    "website": "https://github.com/hcc-contracts/hcc-contracts",
    "author": "HCC Contracts",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["hcc_contracts_account", "hcc_contracts_portal"],
    "auto_install": True,
    "data": [
        "views/hcc_contracts_account_portal_templates.xml",
    ],
}
