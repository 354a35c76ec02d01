# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The legal mentions are the 0 % taxes' legal notes only.

Before 19.0.1.2.0 the Arcep fiscal position carried the mention too, so an
invoice printed it twice, and the exempt tax had none. A note a user wrote on
the exempt tax is kept.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import is_html_empty

from odoo.addons.softwhere_billing.models.res_company import _texts


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    data = env["ir.model.data"].search(
        [
            ("module", "=", "softwhere_billing"),
            "|",
            ("name", "=like", "%_fiscal_position_arcep"),
            ("name", "=like", "%_tax_exempt"),
        ]
    )
    langs = [code for code, _name in env["res.lang"].get_installed()]
    for record in data:
        target = env[record.model].browse(record.res_id).exists()
        if not target:
            continue
        if record.name.endswith("_fiscal_position_arcep"):
            target.note = False
        elif is_html_empty(target.invoice_legal_notes):
            for lang in ["en_US", *(code for code in langs if code != "en_US")]:
                texts = _texts(env(context={"lang": lang}))
                target.with_context(lang=lang).invoice_legal_notes = texts["exempt"][
                    "tax"
                ]["invoice_legal_notes"]
