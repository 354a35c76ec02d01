# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "SoftWhere Provisioning",
    "summary": "Provisioning orders that create, change and terminate lines on the "
    "supplier and billing platforms, with the SIM-card stock",
    "version": "19.0.1.1.0",
    "category": "Sales/Telecom",
    "website": "https://github.com/softwhere/softwhere-odoo",
    "author": "SoftWhere",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": [
        "softwhere_cfast_connector",
        "softwhere_supplier_connector",
        "stock",
        "queue_job",
    ],
    "external_dependencies": {"python": ["softwhere-lib"]},
    "data": [
        "security/softwhere_deployment_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/queue_job_data.xml",
        "views/softwhere_line_views.xml",
        "views/softwhere_provisioning_order_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_tests": ["softwhere_deployment/static/tests/tours/*.js"],
    },
    "post_init_hook": "post_init_hook",
}
