# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import calendar
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

from softwhere_lib.exceptions import ApiError, TransientApiError
from softwhere_lib.supplier import MAX_PASSES, client_for, stable_pass

from .softwhere_reconciliation_gap import OPEN_STATES

_logger = logging.getLogger(__name__)

PLATFORMS = [("snaic", "SNAIC (SOAP)"), ("alphalink", "Alphalink (REST)")]
ADMIN_GROUP = "softwhere_client.softwhere_client_group_connector_admin"


def month_start(day):
    return day.replace(day=1)


def month_end(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


class SoftwhereSupplierBackend(models.Model):
    """A supplier platform: how to reach it and the catalogues it provisions."""

    _name = "softwhere.supplier.backend"
    _description = "Supplier backend"
    _inherit = ["mail.thread"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    platform = fields.Selection(PLATFORMS, required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    url = fields.Char(string="URL", required=True, tracking=True)
    login = fields.Char(groups=ADMIN_GROUP, help="SNAIC: the account's login.")
    password = fields.Char(groups=ADMIN_GROUP, copy=False, help="SNAIC: its password.")
    api_key = fields.Char(
        string="API key", groups=ADMIN_GROUP, copy=False, help="Alphalink: the API key."
    )
    timeout = fields.Integer(string="Timeout (s)", default=30, required=True)
    page_size = fields.Integer(default=200, required=True)
    catalogue_ids = fields.Many2many(
        "softwhere.catalogue",
        compute="_compute_catalogue_ids",
        store=True,
        readonly=False,
        string="Catalogues",
        help="The catalogues whose lines this platform provisions.",
    )
    operator_id = fields.Many2one(
        "res.partner",
        compute="_compute_operator_id",
        store=True,
        readonly=False,
    )
    reconciled_at = fields.Datetime(string="Last reconciliation", readonly=True)
    reconciled_inputs = fields.Char(
        string="Inputs compared last",
        readonly=True,
        copy=False,
        help="A fingerprint of what the last comparison read (the month's "
        "snapshot, the billed lines, the catalogues, the gaps): a comparison "
        "of the same inputs again is not made.",
    )
    gap_ids = fields.One2many("softwhere.reconciliation.gap", "backend_id")
    open_gap_count = fields.Integer(compute="_compute_gap_totals")
    margin_lost = fields.Monetary(compute="_compute_gap_totals")
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("platform", "company_id")
    def _compute_catalogue_ids(self):
        for backend in self:
            backend.catalogue_ids = self.env["softwhere.catalogue"].search(
                [
                    ("platform", "=", backend.platform),
                    ("company_id", "in", [backend.company_id.id, False]),
                ]
            )

    @api.depends("catalogue_ids.operator_id")
    def _compute_operator_id(self):
        for backend in self:
            backend.operator_id = backend.catalogue_ids.operator_id[:1]

    def _compute_gap_totals(self):
        totals = {
            backend.id: (count, amount)
            for backend, count, amount in self.env[
                "softwhere.reconciliation.gap"
            ]._read_group(
                [("backend_id", "in", self.ids), ("state", "in", OPEN_STATES)],
                ["backend_id"],
                ["__count", "margin_lost:sum"],
            )
        }
        for backend in self:
            backend.open_gap_count, backend.margin_lost = totals.get(
                backend.id, (0, 0.0)
            )

    # -- transport -------------------------------------------------------------------
    def _client(self):
        self.ensure_one()
        secrets = self.sudo()
        if self.platform == "snaic":
            credentials = {"login": secrets.login, "password": secrets.password}
        else:
            credentials = {"api_key": secrets.api_key}
        if not all(credentials.values()):
            raise UserError(
                self.env._(
                    "%(backend)s: the credentials of %(platform)s are missing.",
                    backend=self.display_name,
                    platform=self.platform,
                )
            )
        return client_for(
            self.platform,
            url=self.url,
            timeout=self.timeout,
            page_size=self.page_size,
            **credentials,
        )

    def action_test_connection(self):
        self.ensure_one()
        self.env["res.users"]._softwhere_check_group(
            ADMIN_GROUP, self.env._("Test connection"), self
        )
        try:
            ok = self._client().ping()
        except ApiError as error:
            ok, reason = False, str(error)
        else:
            reason = self.env._("credentials refused")
        if not ok:
            raise UserError(
                self.env._(
                    "%(backend)s cannot be reached: %(reason)s.",
                    backend=self.display_name,
                    reason=reason,
                )
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.name,
                "message": self.env._("Connection to %(url)s works.", url=self.url),
            },
        }

    # -- reconciliation --------------------------------------------------------------
    def action_reconcile_now(self):
        self.env["res.users"]._softwhere_check_group(
            ADMIN_GROUP, self.env._("Reconcile now"), self
        )
        month = month_start(fields.Date.context_today(self))
        for backend in self:
            backend.with_delay(
                description=self.env._(
                    "%(backend)s: reconciliation of %(month)s",
                    backend=backend.name,
                    month=fields.Date.to_string(month),
                ),
                identity_key=identity_exact,
            )._reconcile(fields.Date.to_string(month))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": self.env._("Reconciliation"),
                "message": self.env._(
                    "The reconciliation is queued; the gaps appear when it is done."
                ),
            },
        }

    @api.model
    def _cron_reconcile(self):
        self.search([("active", "=", True)]).action_reconcile_now()
        return True

    def _reconcile(self, month_text):
        """Job: the supplier's park against what is billed, for one month.

        The park is read into the month's snapshot (an earlier one replaced:
        its pages read again the same are kept as they are), page after page:
        each page job queues the next, then ``_reconcile_snapshot`` compares.
        Idempotent: gaps are keyed (kind, number, labels); a run again updates
        the values that changed and keeps their states; a gap no longer found
        is fixed.
        """
        self.ensure_one()
        return self._read_park_page(month_text, 1)

    def _read_park_page(
        self, month_text, number, read_pass=1, pass_total=None, stable=True
    ):
        """Job: one page of the supplier's park into the month's snapshot.

        The platforms page their park by number, sorted by number, with no
        cursor: a line added while the park is read shifts the lines after it.
        So the pages are read in order, on to the last one as the latest answer
        tells (none is pushed past the end), and when the park's total changed
        during this reading (``read_pass``; ``pass_total``: what its first page
        said), it is read again whole, as the lib's ``iter_lines`` does: an
        added line may have landed on a page read already. A reading with one
        total throughout is the park as it was: it alone is kept.
        """
        self.ensure_one()
        month = month_start(fields.Date.to_date(month_text))
        inline = self.env.context.get("queue_job__no_delay")
        Snapshot = self.env["softwhere.supplier.snapshot"]
        client = self._client()
        while True:
            page = self._fetch_park_page(number, client)
            # Done again after a failure, or the month read again: the page's
            # rows replaced, not doubled; left alone when they are the same.
            Snapshot._write_page(self, month, number, read_pass, page.lines)
            if page.is_last:
                Snapshot._trim_reading(self, month, read_pass, number)
            if pass_total is None:
                pass_total = page.total_lines
            stable = stable and stable_pass((pass_total, page.total_lines))
            if not page.is_last:
                number += 1
            elif stable or read_pass >= MAX_PASSES:
                return self._park_read(month_text, read_pass, stable)
            else:
                number, read_pass, pass_total, stable = 1, read_pass + 1, None, True
            if not inline:
                self.with_delay(
                    description=self.env._(
                        "%(backend)s: park of %(month)s, page %(page)s",
                        backend=self.name,
                        month=month_text,
                        page=number,
                    ),
                )._read_park_page(month_text, number, read_pass, pass_total, stable)
                return self.env._("%(lines)s supplier lines.", lines=len(page.lines))

    def _park_read(self, month_text, read_pass, stable):
        """The park is read: the other readings than a stable one go (this
        run's earlier ones, an earlier run's), the comparison is queued."""
        month = month_start(fields.Date.to_date(month_text))
        if stable:
            self.env["softwhere.supplier.snapshot"]._keep_reading(
                self, month, read_pass
            )
        else:
            # Kept all: each line once, as its latest reading gave it.
            _logger.warning(
                "%s: the park of %s changed during each of %s readings",
                self.display_name,
                month_text,
                read_pass,
            )
        self.with_delay(
            description=self.env._(
                "%(backend)s: reconciliation of %(month)s",
                backend=self.name,
                month=month_text,
            ),
        )._reconcile_snapshot(month_text)
        return self.env._(
            "The park is read (%(passes)s readings); its comparison is queued.",
            passes=read_pass,
        )

    def _fetch_park_page(self, number, client=None):
        try:
            return (client or self._client()).fetch_page(number)
        except TransientApiError as error:
            raise RetryableJobError(str(error)) from error
        except ApiError as error:
            raise UserError(
                self.env._(
                    "%(backend)s: the park cannot be read (%(error)s).",
                    backend=self.display_name,
                    error=error,
                )
            ) from error

    def _reconcile_snapshot(self, month_text):
        """Job: the month's snapshot, every page read, against what is billed."""
        self.ensure_one()
        month = month_start(fields.Date.to_date(month_text))
        on_date = min(month_end(month), fields.Date.context_today(self))
        summary = self.env["softwhere.supplier.reconciliation"]._compare(
            self, month, on_date
        )
        self.reconciled_at = fields.Datetime.now()
        return summary

    def action_view_gaps(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_supplier_connector.softwhere_reconciliation_gap_action"
        )
        action["domain"] = [("backend_id", "=", self.id)]
        return action

    def action_view_snapshot(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_supplier_connector.softwhere_supplier_snapshot_action"
        )
        action["domain"] = [("backend_id", "=", self.id)]
        return action
