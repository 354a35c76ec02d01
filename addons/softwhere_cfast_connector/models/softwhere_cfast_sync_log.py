# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .softwhere_cfast_backend import ADMIN_GROUP
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
    page_ids = fields.One2many("softwhere.cfast.sync.log.page", "log_id")
    # Summed from the pages' rows, which page jobs only insert (see the page).
    page_count = fields.Integer(string="Pages", compute="_compute_totals")
    created_count = fields.Integer(string="Created", compute="_compute_totals")
    updated_count = fields.Integer(string="Updated", compute="_compute_totals")
    unchanged_count = fields.Integer(string="Unchanged", compute="_compute_totals")
    error_count = fields.Integer(string="Errors", compute="_compute_totals")
    message = fields.Text(
        string="Messages",
        compute="_compute_totals",
        help="Records refused and why, articles found in no catalogue, history "
        "entries fixed.",
    )

    @api.depends(
        "page_ids.imported",
        "page_ids.created_count",
        "page_ids.updated_count",
        "page_ids.unchanged_count",
        "page_ids.error_count",
        "page_ids.message",
    )
    def _compute_totals(self):
        for log in self:
            pages = log.page_ids.sorted(lambda page: (page.page, page.id))
            log.page_count = len(pages.filtered("imported"))
            for name in ("created", "updated", "unchanged", "error"):
                log[f"{name}_count"] = sum(pages.mapped(f"{name}_count"))
            log.message = "\n".join(filter(None, pages.mapped("message"))) or False

    def action_retry(self):
        """Sync the resource of these logs again (its records modified since the
        last successful sync, or all of them for a full sync)."""
        self.env["res.users"]._softwhere_check_group(
            ADMIN_GROUP, self.env._("Retry"), self
        )
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

    def _add(self, counts, messages=(), page=0, imported=True):
        """Record a page's counts and messages (a page job calls it once)."""
        self.ensure_one()
        self.env["softwhere.cfast.sync.log.page"].create(
            {
                "log_id": self.id,
                "page": page,
                "imported": imported,
                **{
                    f"{name}_count": counts.get(name, 0)
                    for name in ("created", "updated", "unchanged", "error")
                },
                "message": "\n".join(messages) or False,
            }
        )
