{
    "name": "Social Care Contracts: Provider Portal",
    "summary": "Providers submit data returns and satisfaction surveys online, "
    "follow the actions raised with them and read the minutes circulated to them",
    "version": "18.0.1.1.0",
    "category": "Services/Social Care Contracts",
    "website": "https://github.com/hcc-contracts/hcc-contracts",
    "author": "HCC Contracts",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["hcc_contracts", "portal"],
    "data": [
        "security/hcc_contracts_portal_rules.xml",
        "data/mail_activity_type_data.xml",
        "views/hcc_data_return_views.xml",
        "views/hcc_contracts_portal_templates.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/portal_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hcc_contracts_portal/static/tests/tours/*.js",
        ],
    },
}
