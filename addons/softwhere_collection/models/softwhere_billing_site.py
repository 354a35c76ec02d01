# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import Command, models

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

    def _softwhere_add_reject_fee(self, date, invoices, reason, return_line):
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
                softwhere_return_line_id=return_line.id,
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
                    "softwhere_return_line_id": return_line.id,
                }
            )
        )

    def _softwhere_draft_suspension_orders(self):
        """Draft provisioning orders suspending the site's active lines, one
        per service and supplier platform, for a person to confirm. Lines
        already in an open suspension order are left to it.

        Returns (the orders, the lines no order could be made for)."""
        self.ensure_one()
        Order = self.env["softwhere.provisioning.order"].sudo()
        lines = self.line_ids.filtered(lambda line: line.activity == "active")
        pending = (
            self.env["softwhere.provisioning.operation"]
            .sudo()
            .search(
                [
                    ("kind", "=", "suspend"),
                    ("line_id", "in", lines.ids),
                    ("order_id.state", "in", ("draft", "confirmed", "in_progress")),
                ]
            )
        )
        orders = pending.order_id
        lines -= pending.line_id
        company = self.company_id
        cfast = (
            self.env["softwhere.cfast.backend"]
            .sudo()
            .search([("company_id", "=", company.id)], limit=1)
        )
        Backend = self.env["softwhere.supplier.backend"].sudo()
        groups = defaultdict(lambda: self.env["softwhere.line"])
        missing = self.env["softwhere.line"]
        for line in lines:
            plans = line.article_ids.filtered(
                lambda article: article.product_id.softwhere_kind == "subscription"
            )
            catalogue = plans.sorted("date_start")[-1:].product_id.catalogue_id
            supplier = Backend.search(
                [
                    ("company_id", "=", company.id),
                    ("catalogue_ids", "in", catalogue.ids),
                ],
                limit=1,
            )
            if not (catalogue and supplier and cfast):
                missing |= line
                continue
            groups[line.service_id, supplier] |= line
        for (service, supplier), group in groups.items():
            order = Order.create(
                {
                    "service_id": service.id,
                    "supplier_backend_id": supplier.id,
                    "cfast_backend_id": cfast.id,
                    "operation_ids": [
                        Command.create({"kind": "suspend", "line_id": line.id})
                        for line in group
                    ],
                }
            )
            order.message_post(
                body=self.env._(
                    "Prepared by credit control: the invoices of the billing site "
                    "%(site)s are unpaid 45 days after their due date. Confirm it "
                    "to suspend the lines, or cancel it.",
                    site=self.display_name,
                )
            )
            orders |= order
        return self.env["softwhere.provisioning.order"].browse(orders.ids), missing
