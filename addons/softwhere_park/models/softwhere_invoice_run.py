# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

import psycopg2

from odoo import api, fields, models
from odoo.tools import format_date, split_every

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

_logger = logging.getLogger(__name__)

RUN_STATES = [
    ("draft", "Draft"),
    ("running", "Running"),
    ("done", "Done"),
    ("failed", "Failed"),
]
#: Sites per job: big enough to batch the queries, small enough to spread a
#: run of 10,000 sites over the workers.
DEFAULT_CHUNK_SIZE = 250


class SoftwhereInvoiceRun(models.Model):
    """A monthly invoice run of the park: its billing sites split into jobs."""

    _name = "softwhere.invoice.run"
    _description = "Invoice run"
    _order = "run_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    run_date = fields.Date(
        string="Run date",
        required=True,
        default=fields.Date.context_today,
        help="Each billing site invoices the period a run on this day covers for "
        "it (current or previous month, quarter…).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    chunk_size = fields.Integer(
        string="Billing sites per job", default=DEFAULT_CHUNK_SIZE, required=True
    )
    started_at = fields.Datetime(string="Started", readonly=True, copy=False)
    site_count = fields.Integer(string="Billing sites", readonly=True, copy=False)
    state = fields.Selection(RUN_STATES, compute="_compute_progress")
    job_count = fields.Integer(string="Jobs", compute="_compute_progress")
    job_done_count = fields.Integer(string="Jobs done", compute="_compute_progress")
    job_failed_count = fields.Integer(string="Jobs failed", compute="_compute_progress")
    invoice_ids = fields.One2many(
        "account.move", "park_invoice_run_id", string="Invoices"
    )
    invoice_count = fields.Integer(
        string="Invoice count", compute="_compute_invoice_totals"
    )
    amount_untaxed = fields.Monetary(
        string="Untaxed total", compute="_compute_invoice_totals"
    )

    @api.depends("run_date")
    def _compute_name(self):
        for run in self:
            run.name = self.env._(
                "Invoice run of %(date)s", date=format_date(self.env, run.run_date)
            )

    def _job_domain(self):
        self.ensure_one()
        return [("func_string", "=like", f"{self._name}({self.id},)._invoice_sites(%")]

    def _compute_progress(self):
        Job = self.env["queue.job"].sudo()
        for run in self:
            states = (
                dict(Job._read_group(run._job_domain(), ["state"], ["__count"]))
                if run.id
                else {}
            )
            run.job_count = sum(states.values())
            run.job_done_count = states.get("done", 0)
            run.job_failed_count = states.get("failed", 0)
            if not run.started_at:
                run.state = "draft"
            elif run.job_failed_count:
                run.state = "failed"
            elif run.job_done_count < run.job_count:
                run.state = "running"
            else:
                run.state = "done"

    @api.depends("invoice_ids.amount_untaxed")
    def _compute_invoice_totals(self):
        totals = {
            run.id: (count, amount)
            # Figures of the run for whoever may see it; the invoices themselves
            # stay behind accounting's access rights.
            for run, count, amount in self.env["account.move"]
            .sudo()
            ._read_group(
                [("park_invoice_run_id", "in", self.ids)],
                ["park_invoice_run_id"],
                ["__count", "amount_untaxed:sum"],
            )
        }
        for run in self:
            run.invoice_count, run.amount_untaxed = totals.get(run.id, (0, 0.0))

    # -- running ---------------------------------------------------------------------
    def action_start(self):
        """Split the company's billing sites into jobs; each invoices its sites."""
        Site = self.env["softwhere.billing.site"]
        for run in self:
            sites = Site._park_sites_to_invoice(run.run_date, run.company_id)
            run.write({"started_at": fields.Datetime.now(), "site_count": len(sites)})
            for chunk in split_every(max(run.chunk_size, 1), sites.ids):
                run.with_delay(
                    description=self.env._(
                        "%(run)s: %(count)s billing sites",
                        run=run.name,
                        count=len(chunk),
                    ),
                    identity_key=identity_exact,
                )._invoice_sites(list(chunk))
        return True

    def _invoice_sites(self, site_ids):
        """Job: the invoices of these billing sites for the run's period.

        Idempotent: a site already invoiced for its period is left alone, so a
        job retried or run twice creates nothing new.
        """
        self.ensure_one()
        sites = self.env["softwhere.billing.site"].browse(site_ids).exists()
        try:
            with self.env.cr.savepoint():
                invoices = sites._park_invoice(self.run_date, self)
        except psycopg2.errors.UniqueViolation as error:
            # Another run invoiced one of these sites meanwhile: retry, the
            # sites it invoiced are then skipped.
            raise RetryableJobError(str(error), seconds=5) from error
        _logger.info(
            "%s: %s invoices for %s billing sites", self.name, len(invoices), len(sites)
        )
        return self.env._("%(count)s invoices created.", count=len(invoices))

    @api.model
    def _cron_run_monthly(self):
        """Scheduled action: today's run of each company, started once a day."""
        today = fields.Date.context_today(self)
        companies = self.env["softwhere.billing.site"]._read_group(
            [("state", "=", "active")], ["company_id"]
        )
        for (company,) in companies:
            run = self.search(
                [("company_id", "=", company.id), ("run_date", "=", today)], limit=1
            )
            run = run or self.create({"company_id": company.id, "run_date": today})
            run.action_start()
        return True

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("park_invoice_run_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice"}
        return action

    def action_view_jobs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "queue_job.action_queue_job"
        )
        action["domain"] = self._job_domain()
        action["context"] = {}
        return action
