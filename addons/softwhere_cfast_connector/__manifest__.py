# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "SoftWhere Cfast Connector",
    "summary": "Sync customers, billing sites, services and lines from the Cfast "
    "billing platform, page by page in queue_job jobs",
    "version": "19.0.1.0.0",
    "category": "Sales/Telecom",
    "website": "https://github.com/softwhere/softwhere-odoo",
    "author": "SoftWhere",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["softwhere_park", "queue_job"],
    "external_dependencies": {"python": ["softwhere-lib", "requests"]},
    "data": [
        "security/softwhere_cfast_connector_security.xml",
        "security/ir.model.access.csv",
        "data/queue_job_data.xml",
        "data/ir_cron_data.xml",
        "views/softwhere_cfast_sync_log_views.xml",
        "views/softwhere_cfast_binding_views.xml",
        "views/softwhere_cfast_backend_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/softwhere_cfast_backend_demo.xml"],
    "assets": {
        "web.assets_tests": ["softwhere_cfast_connector/static/tests/tours/*.js"],
    },
}
