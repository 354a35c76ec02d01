# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "SoftWhere Collection and Dunning",
    "summary": "SEPA debit orders from the invoice runs, bank rejects and dunning",
    "version": "19.0.1.1.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/softwhere/softwhere-odoo",
    "author": "SoftWhere",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": [
        "softwhere_deployment",
        "account_banking_sepa_direct_debit",
        "account_payment_order",
        "account_payment_return_import_iso20022",
        "account_credit_control",
    ],
    "external_dependencies": {"python": ["softwhere-lib"]},
    "data": [
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "views/res_config_settings_views.xml",
        "views/account_move_views.xml",
        "views/credit_control_views.xml",
        "views/softwhere_invoice_run_views.xml",
        "views/account_payment_order_views.xml",
    ],
    "assets": {
        "web.assets_tests": ["softwhere_collection/static/tests/tours/*.js"],
    },
    "post_init_hook": "post_init_hook",
}
