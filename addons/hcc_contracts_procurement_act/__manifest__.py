{
    "name": "Social Care Contracts: Procurement Act 2023",
    "summary": "The notices the Procurement Act 2023 requires of contracts the "
    "council awards and manages, in OCDS, and the Transparency Code register",
    "version": "18.0.1.3.0",
    "category": "Services/Social Care Contracts",
    "website": "https://github.com/hcc-contracts/hcc-contracts",
    "author": "HCC Contracts",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["hcc_contracts", "resource"],
    "data": [
        "security/ir.model.access.csv",
        "security/hcc_contracts_procurement_act_rules.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/resource_calendar_leaves_data.xml",
        "views/hcc_statutory_notice_views.xml",
        "views/hcc_procurement_notice_views.xml",
        "views/res_partner_views.xml",
        "views/hcc_transparency_views.xml",
        "wizard/hcc_transparency_export_views.xml",
    ],
    "demo": [
        "demo/hcc_contract_demo.xml",
    ],
}
