# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "SoftWhere Customer Accounts",
    "summary": "Customer accounts of a telecom reseller: Cfast and BlueRockTEL "
    "fields, white labels, business providers, contacts",
    "version": "19.0.1.1.0",
    "category": "Sales/Telecom",
    "website": "https://github.com/softwhere/softwhere-odoo",
    "author": "SoftWhere",
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": True,
    "depends": [
        "account",
        "l10n_fr_account",
        "l10n_fr_siret",
        "partner_firstname",
    ],
    "external_dependencies": {
        "python": [
            "softwhere-lib",
            "phonenumbers",
            "python-stdnum",
            "openpyxl",
            "xlsxwriter",
        ]
    },
    "data": [
        "security/softwhere_client_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/softwhere_white_label_data.xml",
        "views/softwhere_white_label_views.xml",
        "views/res_partner_views.xml",
        "wizards/softwhere_bluerocktel_import_views.xml",
        "wizards/softwhere_bluerocktel_export_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "softwhere_client/static/src/autorefresh/*",
            "softwhere_client/static/src/phone/*",
        ],
        "web.assets_tests": [
            "softwhere_client/static/tests/tours/*.js",
        ],
    },
}
