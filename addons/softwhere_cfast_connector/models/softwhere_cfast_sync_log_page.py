# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SoftwhereCfastSyncLogPage(models.Model):
    """What one page job of a sync did: written once, never updated.

    A page job inserts its row with its records, in its own transaction: a
    page retried alone leaves the others' rows as they are, and the rows show
    how far a running sync went and which page failed.
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
