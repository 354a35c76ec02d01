# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta, timezone

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

from softwhere_lib.cfast import CfastClient
from softwhere_lib.exceptions import ApiError, TransientApiError

_logger = logging.getLogger(__name__)

#: The order of a sync: each resource points to the ones before it.
SYNC_ORDER = ("customers", "billing-points", "sites", "services")
#: The backend field holding each resource's last successful sync.
LAST_SYNC_FIELDS = {
    "customers": "customers_synced_at",
    "billing-points": "billing_points_synced_at",
    "sites": "sites_synced_at",
    "services": "services_synced_at",
}
#: How far before the last sync's start the next one reads: Cfast's clock is not
#: Odoo's, and a change is listed only once Cfast has committed it.
SYNC_OVERLAP = timedelta(minutes=5)
ADMIN_GROUP = "softwhere_client.softwhere_client_group_connector_admin"


class SoftwhereCfastBackend(models.Model):
    """A Cfast platform: where it is, how to reach it, and how far its sync went."""

    _name = "softwhere.cfast.backend"
    _description = "Cfast backend"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    url = fields.Char(
        string="URL",
        required=True,
        tracking=True,
        help="The platform's address, e.g. https://cfast.example.fr",
    )
    token = fields.Char(
        string="API token",
        groups=ADMIN_GROUP,
        copy=False,
        help="Bearer token of the Cfast API: seen and changed by connector "
        "administrators only.",
    )
    page_size = fields.Integer(string="Page size", default=100, required=True)
    sync_running = fields.Boolean(
        string="Sync running",
        readonly=True,
        copy=False,
        help="A sync was started and has not ended yet: the form follows it.",
    )
    timeout = fields.Integer(
        string="Timeout (s)", default=30, required=True, help="Per HTTP request."
    )
    customers_synced_at = fields.Datetime(string="Customers synced", readonly=True)
    billing_points_synced_at = fields.Datetime(
        string="Billing points synced", readonly=True
    )
    sites_synced_at = fields.Datetime(string="Sites synced", readonly=True)
    services_synced_at = fields.Datetime(string="Lines synced", readonly=True)
    sync_log_ids = fields.One2many(
        "softwhere.cfast.sync.log", "backend_id", string="Sync logs"
    )
    binding_count = fields.Integer(compute="_compute_binding_count")

    _page_size_positive = models.Constraint(
        "CHECK (page_size BETWEEN 1 AND 500)",
        "The page size is between 1 and 500 (Cfast's maximum).",
    )

    def _compute_binding_count(self):
        counts = dict(
            self.env["softwhere.cfast.binding"]._read_group(
                [("backend_id", "in", self.ids)], ["backend_id"], ["__count"]
            )
        )
        for backend in self:
            backend.binding_count = counts.get(backend, 0)

    # -- transport -------------------------------------------------------------------
    def _client(self):
        """The lib's client; the token read with sudo so that jobs of any user run."""
        self.ensure_one()
        token = self.sudo().token
        if not token:
            raise UserError(
                self.env._("%(backend)s: no API token.", backend=self.display_name)
            )
        return CfastClient(
            self.url, token, timeout=self.timeout, page_size=self.page_size
        )

    def action_test_connection(self):
        self.ensure_one()
        self.env["res.users"]._softwhere_check_group(
            ADMIN_GROUP, self.env._("Test connection"), self
        )
        try:
            ok = self._client().ping()
        except ApiError as error:
            raise UserError(
                self.env._(
                    "%(backend)s: Cfast cannot be reached (%(error)s).",
                    backend=self.display_name,
                    error=error,
                )
            ) from error
        if not ok:
            raise UserError(
                self.env._(
                    "%(backend)s: Cfast answered but is not ready.",
                    backend=self.display_name,
                )
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("Cfast"),
                "message": self.env._("Connection to %(url)s works.", url=self.url),
            },
        }

    # -- sync ------------------------------------------------------------------------
    def action_sync_now(self):
        """Queue the sync: customers, then billing points, sites and lines."""
        self.env["res.users"]._softwhere_check_group(
            ADMIN_GROUP, self.env._("Sync now"), self
        )
        for backend in self:
            backend.sync_running = True
            backend._enqueue_resource(SYNC_ORDER[0])
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": self.env._("Cfast"),
                "message": self.env._(
                    "The sync is queued; the sync logs show its progress."
                ),
                # Then the form is read again: it shows the sync running and
                # follows it (a notification alone would leave it as it was).
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_full_sync(self):
        """Every record again, not only those modified since the last sync."""
        self.env["res.users"]._softwhere_check_group(
            ADMIN_GROUP, self.env._("Full sync"), self
        )
        for backend in self:
            backend.sync_running = True
            backend._enqueue_resource(SYNC_ORDER[0], full=True)
        return True

    def _enqueue_resource(self, resource, full=False):
        self.ensure_one()
        return self.with_delay(
            description=self.env._(
                "%(backend)s: Cfast %(resource)s", backend=self.name, resource=resource
            ),
            identity_key=identity_exact,
        )._sync_resource(resource, full)

    def _since(self, resource, full):
        last = self[LAST_SYNC_FIELDS[resource]]
        if full or not last:
            return None
        return (last - SYNC_OVERLAP).replace(tzinfo=timezone.utc)

    def _sync_resource(self, resource, full=False):
        """Job: the first page of ``resource``; each page job queues the next.

        Pages are read by keyset (``CfastClient.fetch_after``): sorted by
        (modifiedAt, id), each after the last pair the page before it read. A
        record modified during the sync moves to the end of the list, where a
        later page reads it; none shifts past a page, so none is missed. Pages
        are read one after the other: each page job, once its records are
        imported, queues the next one with its cursor in the same transaction,
        so a failed page is retried alone and the log shows how far it went.
        """
        self.ensure_one()
        since = self._since(resource, full)
        log = self.env["softwhere.cfast.sync.log"].create(
            {
                "backend_id": self.id,
                "resource": resource,
                "full_sync": since is None,
                "started_at": fields.Datetime.now(),
            }
        )
        # Odoo's naive UTC form, the one ``_import_page`` reads back.
        since_text = (
            fields.Datetime.to_string(since.replace(tzinfo=None)) if since else None
        )
        return self._import_page(resource, 1, since_text, log.id, None, full)

    def _fetch(self, resource, number, after, since, log):
        try:
            return self._client().fetch_after(resource, after, since)
        except TransientApiError as error:
            # queue_job tries again later, as its retry pattern says.
            raise RetryableJobError(str(error)) from error
        except ApiError as error:
            log._add(
                {},
                [self.env._("Page %(page)s: %(error)s", page=number, error=error)],
                page=number,
                imported=False,
            )
            log.write({"state": "failed", "finished_at": fields.Datetime.now()})
            self._sync_ended(log)
            return None

    def _import_page(
        self, resource, number, since_text, log_id, after=None, full=False
    ):
        """Job: the page of a resource after the cursor ``after``, then the next.

        ``after`` is the (modifiedAt, id) pair the page before ended on (a
        list once through the job's arguments), ``None`` for the first page.
        The last page (not full) queues the end of the resource. Run without
        queue (``queue_job__no_delay``: the command, tests), the pages are read
        here one after the other, not each by a call within the previous one.
        """
        self.ensure_one()
        log = self.env["softwhere.cfast.sync.log"].browse(log_id)
        since = fields.Datetime.to_datetime(since_text) if since_text else None
        if since:
            since = since.replace(tzinfo=timezone.utc)
        inline = self.env.context.get("queue_job__no_delay")
        while True:
            page = self._fetch(resource, number, after, since, log)
            if page is None:
                return self.env._("Page %(page)s failed, see the log.", page=number)
            counts = self._import_page_records(resource, page, log, number)
            if page.is_last:
                self.with_delay(
                    description=self.env._(
                        "%(backend)s: Cfast %(resource)s",
                        backend=self.name,
                        resource=resource,
                    ),
                )._finish_resource(resource, log.id, log.started_at, full)
                return str(counts)
            number, after = number + 1, list(page.cursor)
            if not inline:
                self.with_delay(
                    description=self.env._(
                        "%(backend)s: Cfast %(resource)s, page %(page)s",
                        backend=self.name,
                        resource=resource,
                        page=number,
                    ),
                )._import_page(resource, number, since_text, log.id, after, full)
                return str(counts)

    def _import_page_records(self, resource, page, log, number):
        counts, messages = self.env["softwhere.cfast.importer"]._import_records(
            self, resource, page.records
        )
        log._add(counts, messages, page=number)
        return counts

    def _finish_resource(self, resource, log_id, started, full=False):
        """Job: the resource is synced up to ``started``; the next one starts.

        Every page was read after ``started``, to the end of the list: a
        record modified before it is read; one modified after it is read by
        the next sync, which starts ``SYNC_OVERLAP`` earlier still (Cfast's
        clock is not Odoo's, and a change is listed once committed).
        """
        self.ensure_one()
        log = self.env["softwhere.cfast.sync.log"].browse(log_id)
        if log.state == "failed":
            self._sync_ended(log)
            return self.env._(
                "Cfast %(resource)s failed: the sync stops.", resource=resource
            )
        log.write({"state": "done", "finished_at": fields.Datetime.now()})
        self.write({LAST_SYNC_FIELDS[resource]: started})
        following = SYNC_ORDER.index(resource) + 1
        if following < len(SYNC_ORDER):
            self._enqueue_resource(SYNC_ORDER[following], full)
        else:
            self._sync_ended(log)
        return self.env._("Cfast %(resource)s synced.", resource=resource)

    def _sync_ended(self, log):
        """The sync is over, done or stopped: the form stops following it, and
        whoever started it is told, wherever they are in Odoo."""
        self.sync_running = False
        # This sync's logs: from its first resource's on.
        first = self.sync_log_ids.filtered(
            lambda entry: entry.resource == SYNC_ORDER[0]
        ).sorted("id")[-1:]
        logs = self.sync_log_ids.filtered(lambda entry: entry.id >= first.id)
        failed = log.state == "failed"
        self.env.user._bus_send(
            "simple_notification",
            {
                "type": "danger" if failed else "success",
                "sticky": failed,
                "title": self.env._("Cfast: %(backend)s", backend=self.name),
                "message": self.env._(
                    "Sync stopped on %(resource)s: see the sync logs.",
                    resource=log.resource,
                )
                if failed
                else self.env._(
                    "Sync done: %(created)s created, %(updated)s updated, "
                    "%(errors)s in error.",
                    created=sum(logs.mapped("created_count")),
                    updated=sum(logs.mapped("updated_count")),
                    errors=sum(logs.mapped("error_count")),
                ),
            },
        )

    def _on_sync_job_failed(self, exc_name=None, exc_message=None, **_kwargs):
        """queue_job's ``on_fail``: a page's tries ran out; the sync stops."""
        for backend in self.filtered("sync_running"):
            backend.sync_running = False
            backend.env.user._bus_send(
                "simple_notification",
                {
                    "type": "danger",
                    "sticky": True,
                    "title": backend.env._("Cfast: %(backend)s", backend=backend.name),
                    "message": backend.env._(
                        "Sync stopped: %(error)s", error=exc_message or exc_name
                    ),
                },
            )

    @api.model
    def _cron_sync(self):
        """Scheduled action: every active backend's incremental sync."""
        self.search([("active", "=", True)]).action_sync_now()
        return True

    def action_view_bindings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_cfast_connector.softwhere_cfast_binding_action"
        )
        action["domain"] = [("backend_id", "=", self.id)]
        return action
