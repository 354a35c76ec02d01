# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "SoftWhere Supplier Platforms and Lost Margin",
    "summary": "Supplier platforms (SNAIC, Alphalink): their park checked against "
    "what is billed, the gaps and the lost-margin dashboard",
    "version": "19.0.1.1.0",
    "category": "Sales/Telecom",
    "website": "https://github.com/softwhere/softwhere-odoo",
    "author": "SoftWhere",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["softwhere_park", "queue_job"],
    "external_dependencies": {"python": ["softwhere-lib", "zeep", "requests"]},
    "data": [
        "security/softwhere_supplier_connector_security.xml",
        "security/ir.model.access.csv",
        "data/queue_job_data.xml",
        "data/ir_cron_data.xml",
        "views/softwhere_reconciliation_gap_views.xml",
        "views/softwhere_supplier_backend_views.xml",
        "views/softwhere_line_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/softwhere_supplier_backend_demo.xml"],
    "assets": {
        "web.assets_tests": ["softwhere_supplier_connector/static/tests/tours/*.js"],
    },
}
