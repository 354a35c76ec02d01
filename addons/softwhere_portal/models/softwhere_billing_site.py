# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import fields, models

#: Fields the customer's portal users may not read through the API: the bank
#: details stay on the server, the portal shows the IBAN masked.
INTERNAL = "base.group_user"


def mask_iban(iban):
    """The IBAN as the portal shows it: its country and key, its last three
    characters, the rest hidden (FR76 **** **** **** **** **** 396)."""
    compact = re.sub(r"\s", "", iban or "").upper()
    if not compact:
        return ""
    if len(compact) < 8:
        return "*" * len(compact)
    masked = compact[:4] + "*" * (len(compact) - 7) + compact[-3:]
    return " ".join(masked[index : index + 4] for index in range(0, len(masked), 4))


class SoftwhereBillingSite(models.Model):
    _name = "softwhere.billing.site"
    _inherit = ["softwhere.billing.site", "portal.mixin"]

    mandate_id = fields.Many2one(groups=INTERNAL)
    mandate_partner_id = fields.Many2one(groups=INTERNAL)
    mandate_signature_date = fields.Date(groups=INTERNAL)
    mandate_iban = fields.Char(groups=INTERNAL)
    mandate_bic = fields.Char(groups=INTERNAL)
    mandate_rum = fields.Char(groups=INTERNAL)

    def _compute_access_url(self):
        for site in self:
            site.access_url = f"/my/billing_sites/{site.id}"

    def _portal_mandate(self):
        """The site's mandate as the portal shows it, the IBAN masked; read as
        superuser by the portal's controller once the site is known to be the
        user's own."""
        self.ensure_one()
        mandate = self.sudo().mandate_id
        if not mandate:
            return {}
        return {
            "holder": mandate.partner_id.display_name,
            "reference": mandate.unique_mandate_reference,
            "signature_date": mandate.signature_date,
            "iban": mask_iban(mandate.partner_bank_id.acc_number),
            "bic": mandate.partner_bank_id.bank_id.bic or "",
            "state": mandate.state,
            "state_label": dict(
                mandate._fields["state"]._description_selection(self.env)
            ).get(mandate.state),
        }
