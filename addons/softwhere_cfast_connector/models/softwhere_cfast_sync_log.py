# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .softwhere_cfast_binding import RESOURCES

LOG_STATES = [("running", "Running"), ("done", "Done"), ("failed", "Failed")]


class SoftwhereCfastSyncLog(models.Model):
    """One resource of one sync: what came from Cfast and what became of it."""

    _name = "softwhere.cfast.sync.log"
    _description = "Cfast sync log"
    _order = "id desc"

    backend_id = fields.Many2one(
        "softwhere.cfast.backend", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="backend_id.company_id", store=True)
    resource = fields.Selection(RESOURCES, required=True)
    full_sync = fields.Boolean(
        string="Full", help="Every record, not only those modified since the last sync."
    )
    started_at = fields.Datetime(string="Started", default=fields.Datetime.now)
    finished_at = fields.Datetime(string="Finished")
    state = fields.Selection(LOG_STATES, default="running", required=True)
    page_count = fields.Integer(string="Pages")
    created_count = fields.Integer(string="Created")
    updated_count = fields.Integer(string="Updated")
    unchanged_count = fields.Integer(string="Unchanged")
    error_count = fields.Integer(string="Errors")
    message = fields.Text(
        string="Messages",
        help="Records refused and why, articles found in no catalogue, history "
        "entries fixed.",
    )

    def action_retry(self):
        """Sync the resource of these logs again (its records modified since the
        last successful sync, or all of them for a full sync)."""
        for log in self:
            log.backend_id._enqueue_resource(log.resource, full=log.full_sync)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._("The sync is queued again."),
            },
        }

    def _add(self, counts, messages=()):
        """Add a page's counts and messages (a page job calls it once)."""
        self.ensure_one()
        values = {
            f"{name}_count": self[f"{name}_count"] + counts.get(name, 0)
            for name in ("created", "updated", "unchanged", "error")
        }
        values["page_count"] = self.page_count + 1
        if messages:
            values["message"] = "\n".join(filter(None, [self.message, *messages]))
        self.write(values)
