# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SoftwhereLineTerminate(models.TransientModel):
    """Terminate a line on a date (past, today or future); the next invoice run
    regularises what was billed beyond it."""

    _name = "softwhere.line.terminate"
    _description = "Terminate a line"

    line_id = fields.Many2one("softwhere.line", required=True, ondelete="cascade")
    termination_date = fields.Date(
        string="Termination date",
        required=True,
        default=fields.Date.context_today,
    )

    def action_confirm(self):
        self.ensure_one()
        self.line_id.action_terminate(self.termination_date)
        return {"type": "ir.actions.act_window_close"}
