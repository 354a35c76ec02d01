# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import fields, models

from .softwhere_billing_site import INTERNAL

#: The article kind each change request of the portal takes.
REQUEST_KINDS = {"change_plan": "subscription", "add_option": "option"}
#: An order still to be done: the line has a request waiting.
OPEN_ORDER_STATES = ("draft", "confirmed", "in_progress", "failed", "cancelling")


class SoftwhereLine(models.Model):
    _name = "softwhere.line"
    _inherit = ["softwhere.line", "portal.mixin"]

    monthly_sale_total = fields.Monetary(groups=INTERNAL)
    monthly_purchase_total = fields.Monetary(groups=INTERNAL)
    monthly_margin = fields.Monetary(groups=INTERNAL)
    catalogue_ids = fields.Many2many(groups=INTERNAL)
    supplier_gap_ids = fields.One2many(groups=INTERNAL)
    has_supplier_gap = fields.Boolean(groups=INTERNAL)

    def _compute_access_url(self):
        for line in self:
            line.access_url = f"/my/lines/{line.id}"

    # -- what the portal shows ---------------------------------------------------------
    def _portal_start_date(self):
        """The day the line went into service: its activation, else its first
        subscription or option."""
        self.ensure_one()
        starts = self.article_ids.filtered("is_periodic").mapped("date_start")
        return self.activation_date or (min(starts) if starts else False)

    def _portal_current_articles(self):
        """The plan and the options in force today, then those planned; for a
        terminated line, those it had when it ended."""
        self.ensure_one()
        day = fields.Date.context_today(self)
        if self.termination_date and self.termination_date < day:
            day = self.termination_date
        periodic = self.article_ids.filtered("is_periodic")
        live = periodic.filtered(
            lambda article: not article.date_end or article.date_end >= day
        )
        return live.sorted(
            lambda article: (
                article.kind != "subscription",
                article.date_start or date.min,
                article.id,
            )
        )

    def _portal_catalogue(self):
        """The catalogue of the line's latest plan: changes are taken from it
        (its operator's, of the service's type)."""
        self.ensure_one()
        plans = self.article_ids.filtered(lambda a: a.kind == "subscription")
        latest = plans.sorted(lambda a: (a.date_start or date.min, a.id))[-1:]
        catalogue = latest.product_id.catalogue_id
        if catalogue and catalogue in self.sudo().catalogue_ids:
            return catalogue
        return self.env["softwhere.catalogue"]

    def _portal_offered_articles(self, kind):
        """The plans (``change_plan``) or the options (``add_option``) the
        customer may ask for on the line: its catalogue's, on sale, but the
        plan it has or an option it has already."""
        self.ensure_one()
        catalogue = self._portal_catalogue()
        if kind not in REQUEST_KINDS or not catalogue:
            return self.env["product.product"]
        products = (
            self.env["product.product"]
            .sudo()
            .search(
                [
                    ("catalogue_id", "=", catalogue.id),
                    ("softwhere_kind", "=", REQUEST_KINDS[kind]),
                    ("sale_ok", "=", True),
                ],
                order="list_price, name, id",
            )
        )
        in_force = self._portal_current_articles().product_id
        return products - in_force

    def _portal_operations(self):
        """The provisioning operations on the line, latest first: the customer
        follows its requests there."""
        self.ensure_one()
        return (
            self.env["softwhere.provisioning.operation"]
            .sudo()
            .search([("line_id", "=", self.id)], order="id desc")
        )

    def _portal_open_operation(self):
        self.ensure_one()
        return self._portal_operations().filtered(
            lambda operation: operation.order_id.state in OPEN_ORDER_STATES
        )[:1]
