# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "SoftWhere Park and Invoicing",
    "summary": "The park of services (Cfast sites) and lines, their subscriptions "
    "and options over time, and the monthly invoice run",
    "version": "19.0.1.1.0",
    "category": "Sales/Telecom",
    "website": "https://github.com/softwhere/softwhere-odoo",
    "author": "SoftWhere",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": [
        "softwhere_catalogue",
        "softwhere_billing",
        "queue_job",
    ],
    "external_dependencies": {"python": ["softwhere-lib", "phonenumbers"]},
    "data": [
        "security/softwhere_park_security.xml",
        "security/ir.model.access.csv",
        "data/queue_job_data.xml",
        "data/ir_cron_data.xml",
        "views/softwhere_line_article_views.xml",
        "views/softwhere_line_views.xml",
        "views/softwhere_service_views.xml",
        "views/softwhere_invoice_run_views.xml",
        "views/softwhere_billing_site_views.xml",
        "views/res_partner_views.xml",
        "views/account_move_views.xml",
        "views/res_config_settings_views.xml",
        "report/report_invoice.xml",
        "wizards/softwhere_line_change_plan_views.xml",
        "wizards/softwhere_line_terminate_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/softwhere_park_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "softwhere_park/static/tests/tours/*.js",
        ],
    },
}
