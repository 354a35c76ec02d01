# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import html2plaintext, is_html_empty


class AccountEdiCommon(models.AbstractModel):
    _inherit = "account.edi.common"

    def _get_tax_exemption_reason(self, customer, supplier, tax):
        """The exemption reason of an e-invoice (BT-120) is the legal mention the
        PDF prints for the tax, in the customer's language, when the tax has one.

        Odoo's default is the label of the exemption code, or a generic text
        for an exempt tax without a code (BR-E-10: a code or a text).
        """
        result = super()._get_tax_exemption_reason(customer, supplier, tax)
        if (
            tax
            and tax.ubl_cii_requires_exemption_reason
            and not is_html_empty(tax.invoice_legal_notes)
        ):
            result["tax_exemption_reason"] = html2plaintext(
                tax.invoice_legal_notes
            ).strip()
        return result
