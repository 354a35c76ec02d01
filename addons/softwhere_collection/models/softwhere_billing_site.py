# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from softwhere_lib.vocabulary import ENDED_LINE_ACTIVITIES


class SoftwhereBillingSite(models.Model):
    _inherit = "softwhere.billing.site"

    def _softwhere_pays_by_debit(self):
        """The site pays by SEPA direct debit, on a valid mandate."""
        return bool(self) and all(
            site.mandate_id.state == "valid"
            and site.payment_mode_id.payment_method_id.code == "sepa_direct_debit"
            for site in self
        )

    def _softwhere_fee_line(self):
        """The line a fee of the site is billed on: its first live line."""
        self.ensure_one()
        lines = self.line_ids.filtered(
            lambda line: line.activity not in ENDED_LINE_ACTIVITIES
            and line.activity != "building"
        )
        return lines.sorted(
            lambda line: (line.activity != "active", line.name, line.id)
        )[:1]

    def _softwhere_add_reject_fee(self, date, invoices, reason):
        """The reject fee, a one-off of the park billed on the site's next
        invoice (the run bills what is due less what was billed). None when
        the site has no live line: an activity asks a person to bill it."""
        self.ensure_one()
        product = self.company_id._softwhere_reject_fee_product()
        line = self._softwhere_fee_line()
        in_lang = self.with_context(lang=self.invoice_partner_id.lang or self.env.lang)
        label = in_lang.env._(
            "%(fee)s – %(invoices)s (%(reason)s)",
            fee=product.with_context(lang=in_lang.env.lang).name,
            invoices=", ".join(invoices.mapped("name")),
            reason=reason.code or "",
        )
        if not line:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Reject fee to bill by hand"),
                note=label,
                user_id=self.env.user.id,
            )
            return None
        return (
            self.env["softwhere.line.article"]
            .sudo()
            .create(
                {
                    "line_id": line.id,
                    "product_id": product.id,
                    "label": label,
                    "date_start": date,
                    "date_end": date,
                }
            )
        )
