# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError

GAP_KINDS = [
    ("not_billed", "In place, not billed"),
    ("not_in_place", "Billed, not in place"),
    ("plan_different", "Another plan in place"),
    ("option_different", "Options differ"),
    ("price_above", "Purchase price above plan"),
    ("terminated_one_side", "Terminated on one side only"),
]
GAP_STATES = [
    ("new", "New"),
    ("acknowledged", "Acknowledged"),
    ("fixed", "Fixed"),
    ("ignored", "Ignored"),
]
#: Gaps still to deal with.
OPEN_STATES = ("new", "acknowledged")


class SoftwhereReconciliationGap(models.Model):
    """What the supplier has in place and what we bill differ, for one month."""

    _name = "softwhere.reconciliation.gap"
    _description = "Reconciliation gap"
    _inherit = ["mail.thread"]
    _order = "month desc, margin_lost desc, number"
    _rec_name = "number"

    backend_id = fields.Many2one(
        "softwhere.supplier.backend", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="backend_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(
        required=True, index=True, help="First day of the month checked."
    )
    key = fields.Char(
        required=True, help="What makes a gap the same one from one run to the next."
    )
    kind = fields.Selection(GAP_KINDS, required=True, index=True)
    number = fields.Char(required=True, index=True)
    line_id = fields.Many2one(
        "softwhere.line", index="btree_not_null", ondelete="set null"
    )
    partner_id = fields.Many2one(
        related="line_id.partner_id", store=True, string="Customer"
    )
    # The line's, not the backend's: one platform serves several operators.
    operator_id = fields.Many2one(
        "res.partner", string="Operator", related="catalogue_id.operator_id", store=True
    )
    catalogue_id = fields.Many2one(
        "softwhere.catalogue",
        index="btree_not_null",
        ondelete="set null",
        help="The catalogue of the line's latest subscription; for a line only at "
        "the supplier, the catalogue of the supplier's article, if known.",
    )
    detail = fields.Char()
    billed_label = fields.Char(string="Billed article")
    supplier_label = fields.Char(string="Supplier article")
    billed_price = fields.Monetary(string="Planned purchase price")
    supplier_price = fields.Monetary(string="Supplier price")
    # The two directions of a gap, each a measure of the dashboard of its own.
    revenue_lost = fields.Monetary(
        string="Revenue at risk",
        help="In place at the operator, not billed: sales the reseller misses.",
    )
    margin_lost = fields.Monetary(string="Margin lost")
    overbilled = fields.Monetary(
        string="Dispute exposure",
        help="Billed to the customer, not in place at the operator: what the "
        "customer may dispute.",
    )
    state = fields.Selection(GAP_STATES, default="new", required=True, tracking=True)
    ignore_reason = fields.Char(
        string="Reason", tracking=True, help="Why this gap is accepted (ignored)."
    )
    last_seen = fields.Datetime(string="Last found", readonly=True)

    _key_unique = models.UniqueIndex(
        "(backend_id, month, key)", "This gap is already recorded for this month."
    )

    @api.model
    def _catalogue_of_lines(self, lines):
        """{line id: catalogue id} of the lines' latest subscription (else article).

        The same article as the line's operator (``softwhere.line.operator_id``).
        """
        # Fetched, not read: no display name of each line and product.
        articles = (
            self.env["softwhere.line.article"]
            .with_context(active_test=False)
            .search_fetch(
                [("line_id", "in", lines.ids)],
                ["line_id", "product_id", "kind", "date_start"],
            )
        )
        articles.product_id.fetch(["catalogue_id"])
        latest = {}
        for article in articles:
            if not article.product_id:
                continue
            rank = (
                article.kind == "subscription",
                article.date_start or date.min,
                article.id,
            )
            line_id = article.line_id.id
            if line_id not in latest or rank > latest[line_id][0]:
                latest[line_id] = (rank, article.product_id.catalogue_id.id)
        return {line_id: catalogue for line_id, (_rank, catalogue) in latest.items()}

    def action_acknowledge(self):
        self.write({"state": "acknowledged"})

    def action_ignore(self):
        without = self.filtered(lambda gap: not gap.ignore_reason)
        if without:
            raise UserError(
                self.env._(
                    "Gap %(number)s: give the reason why it is ignored.",
                    number=without[0].number,
                )
            )
        self.write({"state": "ignored"})

    def action_reopen(self):
        self.write({"state": "new"})

    def action_open_line(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "softwhere.line",
            "res_id": self.line_id.id,
            "view_mode": "form",
        }
