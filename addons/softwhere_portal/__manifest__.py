# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "SoftWhere Customer Portal",
    "summary": "The customer's own portal: billing sites, SEPA mandates, services "
    "and lines, invoices with their Factur-X, and change requests on a line",
    "version": "19.0.1.0.0",
    "category": "Sales/Telecom",
    "website": "https://github.com/softwhere/softwhere-odoo",
    "author": "SoftWhere",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": [
        "portal",
        "account",
        "softwhere_park",
        "softwhere_billing",
        "softwhere_deployment",
    ],
    "external_dependencies": {"python": ["softwhere-lib"]},
    "data": [
        "security/softwhere_portal_security.xml",
        "security/ir.model.access.csv",
        "views/portal_templates.xml",
        "views/softwhere_provisioning_order_views.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "softwhere_portal/static/tests/tours/*.js",
        ],
    },
}
