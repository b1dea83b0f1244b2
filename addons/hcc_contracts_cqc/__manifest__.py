{
    "name": "Social Care Contracts: CQC Ratings",
    "summary": "The Care Quality Commission's ratings of the providers' "
    "locations, refreshed from the CQC public API and counted in the RAG status",
    "version": "18.0.1.1.0",
    "category": "Services/Social Care Contracts",
    "website": "https://github.com/hcc-contracts/hcc-contracts",
    "author": "HCC Contracts",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["hcc_contracts"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/hcc_provider_risk_data.xml",
        "views/res_partner_views.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
    ],
}
