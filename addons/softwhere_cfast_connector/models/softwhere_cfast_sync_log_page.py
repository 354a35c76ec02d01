# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SoftwhereCfastSyncLogPage(models.Model):
    """What one page job of a sync did: written once, never updated.

    Page jobs run side by side on several workers; had each added its counts
    to the log's row, two of them would update that row at once and one would
    fail on PostgreSQL's serialization check, to be done again whole.
    """

    _name = "softwhere.cfast.sync.log.page"
    _description = "Cfast sync log page"
    _order = "log_id, page, id"

    log_id = fields.Many2one(
        "softwhere.cfast.sync.log", required=True, ondelete="cascade", index=True
    )
    # Stored for the multi-company rule: a page tells of a company's customers.
    company_id = fields.Many2one(related="log_id.company_id", store=True)
    page = fields.Integer()
    imported = fields.Boolean(
        default=True, help="Unset when the page could not be read from Cfast."
    )
    created_count = fields.Integer(string="Created")
    updated_count = fields.Integer(string="Updated")
    unchanged_count = fields.Integer(string="Unchanged")
    error_count = fields.Integer(string="Errors")
    message = fields.Text(string="Messages")
