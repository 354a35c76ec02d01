# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api

from odoo.addons.softwhere_billing.models.res_company import EDI_TAX_CODES


def migrate(cr, version):
    """The 0 % taxes made before e-invoicing get their VAT category and
    exemption reason code (E for the exempt customers, AE and VATEX-EU-AE for
    the Arcep self-assessment)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    for kind, codes in EDI_TAX_CODES.items():
        data = env["ir.model.data"].search(
            [
                ("module", "=", "softwhere_billing"),
                ("model", "=", "account.tax"),
                ("name", "=like", f"%\\_tax\\_{kind}"),
            ]
        )
        env["account.tax"].browse(data.mapped("res_id")).exists().write(codes)
