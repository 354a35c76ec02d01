# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "SoftWhere Billing Sites",
    "summary": "Billing sites (Cfast billing points) with SEPA mandate, VAT and "
    "periodicity",
    "version": "19.0.1.5.0",
    "category": "Sales/Telecom",
    "website": "https://github.com/softwhere/softwhere-odoo",
    "author": "SoftWhere",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": [
        "softwhere_client",
        "l10n_fr_account",
        "account_banking_sepa_direct_debit",
        "account_edi_ubl_cii",
    ],
    "external_dependencies": {"python": ["softwhere-lib", "python-stdnum"]},
    "data": [
        "security/softwhere_billing_security.xml",
        "security/ir.model.access.csv",
        "data/account_payment_mode_data.xml",
        "data/mail_template_data.xml",
        "data/mail_layout_data.xml",
        "views/softwhere_billing_site_views.xml",
        "views/res_partner_views.xml",
        "views/account_move_views.xml",
        "wizards/softwhere_billing_site_terminate_views.xml",
        "report/report_invoice.xml",
        "data/account_edi_ubl_cii_templates.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/softwhere_billing_site_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "softwhere_billing/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
}
