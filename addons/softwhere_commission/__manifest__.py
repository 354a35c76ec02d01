# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "SoftWhere Business Provider Commissions",
    "summary": "Monthly commission statements of business providers, their rate "
    "history and draft vendor bills",
    "version": "19.0.1.0.0",
    "category": "Sales/Telecom",
    "website": "https://github.com/softwhere/softwhere-odoo",
    "author": "SoftWhere",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": [
        "softwhere_park",
    ],
    "external_dependencies": {"python": ["softwhere-lib"]},
    "data": [
        "security/softwhere_commission_security.xml",
        "security/ir.model.access.csv",
        "data/product_data.xml",
        "data/ir_cron_data.xml",
        "report/softwhere_commission_statement_report.xml",
        "views/softwhere_commission_rate_views.xml",
        "views/res_partner_views.xml",
        "views/softwhere_commission_statement_line_views.xml",
        "views/softwhere_commission_statement_views.xml",
        "views/account_move_views.xml",
        "wizards/softwhere_commission_compute_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/softwhere_commission_demo.xml"],
    "post_init_hook": "post_init_hook",
}
