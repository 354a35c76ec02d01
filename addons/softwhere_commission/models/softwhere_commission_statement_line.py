# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SoftwhereCommissionStatementLine(models.Model):
    """What one customer account brought its business provider in a month, at
    one rate: stored when the statement is computed, never recomputed."""

    _name = "softwhere.commission.statement.line"
    _description = "Commission statement line"
    _order = "month desc, business_provider_id, customer_reference, id"

    statement_id = fields.Many2one(
        "softwhere.commission.statement",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="statement_id.company_id", store=True, index=True
    )
    business_provider_id = fields.Many2one(
        related="statement_id.business_provider_id", store=True, index=True
    )
    month = fields.Date(related="statement_id.month", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer account",
        required=True,
        index=True,
        ondelete="restrict",
    )
    customer_reference = fields.Char(
        related="partner_id.customer_reference", store=True
    )
    rate = fields.Float(string="Commission (%)", digits=(5, 2), readonly=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    amount_revenue = fields.Monetary(
        string="Revenue (untaxed)",
        readonly=True,
        help="Untaxed amount of the customer's posted invoices less its credit "
        "notes, regularisations included.",
    )
    amount_commission = fields.Monetary(string="Commission", readonly=True)
    move_ids = fields.Many2many(
        "account.move",
        "softwhere_commission_line_move_rel",
        "line_id",
        "move_id",
        string="Invoices and credit notes",
        readonly=True,
    )
    move_count = fields.Integer(
        string="Invoices and credit notes counted", readonly=True
    )

    def init(self):
        # The guard of "nothing twice": a customer invoice or credit note is
        # counted by one statement line at most, whatever runs at the same time.
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS softwhere_commission_line_move_once "
            "ON softwhere_commission_line_move_rel (move_id)"
        )

    @api.depends("partner_id", "rate")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.partner_id.display_name} – {line.rate:g} %"

    def action_view_moves(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action.update(
            domain=[("id", "in", self.move_ids.ids)],
            context={"create": False},
        )
        return action
