{
    "name": "Social Care Contracts: Reports",
    "summary": "Printable reports, analysis views and the compliance dashboard "
    "for social care contracts",
    "version": "18.0.1.2.0",
    "category": "Services/Social Care Contracts",
    "website": "https://github.com/hcc-contracts/hcc-contracts",
    "author": "HCC Contracts",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["hcc_contracts"],
    "data": [
        "security/ir.model.access.csv",
        "security/hcc_contracts_reports_rules.xml",
        "data/ir_cron_data.xml",
        "report/hcc_contract_reports.xml",
        "report/hcc_contract_templates.xml",
        "report/hcc_contracts_reports_actions.xml",
        "report/hcc_contracts_reports_templates.xml",
        "report/hcc_contract_file_reports.xml",
        "report/hcc_contract_file_templates.xml",
        "views/hcc_compliance_report_views.xml",
        "views/hcc_print_buttons_views.xml",
        "report/hcc_committee_pack.xml",
        "views/hcc_oversight_snapshot_views.xml",
    ],
    "demo": [
        "demo/reports_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "hcc_contracts_reports/static/src/**/*",
        ],
        "web.assets_tests": [
            "hcc_contracts_reports/static/tests/tours/**/*",
        ],
    },
}
