# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

#: UNTDID 4461: SEPA direct debit.
SEPA_DIRECT_DEBIT = 59
#: Rules of XRechnung (Germany's CIUS: BR-DE-1, BR-DE-6, BR-DE-7) that Odoo checks
#: on its CII, which serves Factur-X only: neither EN 16931 nor Factur-X asks
#: for payment instructions (a direct debit has none) nor the seller's phone
#: and e-mail.
XRECHNUNG_ONLY = (
    "seller_payment_instructions_1",
    "seller_payment_instructions_2",
    "seller_phone",
    "seller_email",
)


class AccountEdiXmlCii(models.AbstractModel):
    _inherit = "account.edi.xml.cii"

    def _export_invoice_constraints(self, invoice, vals):
        constraints = super()._export_invoice_constraints(invoice, vals)
        for rule in XRECHNUNG_ONLY:
            constraints.pop(rule, None)
        return constraints

    def _export_invoice_vals(self, invoice):
        """The seller's and the buyer's SIREN (BT-30, BT-47), as the French
        reform asks: Odoo gives their company registry, a SIRET, under the
        SIREN scheme (0002).

        An invoice paid by SEPA direct debit says so: payment means 59 with the
        mandate (BT-89), the creditor identifier (BT-90) and the debited account
        (BT-91), not the company's account to pay to."""
        values = super()._export_invoice_vals(invoice)
        seller = invoice.company_id.partner_id
        buyer = invoice.commercial_partner_id
        values["seller_specified_legal_organization"] = (
            seller._get_siren() or values["seller_specified_legal_organization"]
        )
        values["buyer_specified_legal_organization"] = (
            buyer._get_siren() or values["buyer_specified_legal_organization"]
        )
        values["softwhere_sepa"] = False
        mandate = invoice.mandate_id
        if mandate and invoice.move_type == "out_invoice":
            values.update(
                payment_means_code=SEPA_DIRECT_DEBIT,
                softwhere_sepa={
                    "mandate": mandate.unique_mandate_reference,
                    "creditor": invoice.company_id.sepa_creditor_identifier,
                    "iban": mandate.partner_bank_id.sanitized_acc_number,
                },
            )
        return values
