# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "SoftWhere Operator Catalogues",
    "summary": "Operator catalogues of a telecom reseller and their articles: "
    "kind, sale price, planned purchase price, supplier code and label, margin",
    "version": "19.0.1.1.0",
    "category": "Sales/Telecom",
    "website": "https://github.com/softwhere/softwhere-odoo",
    "author": "SoftWhere",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": [
        "product",
        "softwhere_client",
    ],
    "external_dependencies": {"python": ["softwhere-lib"]},
    "data": [
        "security/softwhere_catalogue_security.xml",
        "security/ir.model.access.csv",
        "data/res_partner_data.xml",
        "data/softwhere_catalogue_data.xml",
        "views/softwhere_catalogue_views.xml",
        "views/product_template_views.xml",
        "views/res_partner_views.xml",
        "views/menus.xml",
    ],
}
