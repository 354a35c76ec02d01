# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date, split_every

from odoo.addons.queue_job.delay import chain, group
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact
from odoo.addons.softwhere_client.keys import MANAGER_GROUP
from odoo.addons.softwhere_client.lang import in_working_language

_logger = logging.getLogger(__name__)

RUN_STATES = [
    ("draft", "Draft"),
    ("running", "Running"),
    ("done", "To check"),
    ("posting", "Posting"),
    ("posted", "Posted"),
    ("failed", "Failed"),
]
#: The states of a job not over yet.
BUSY_JOB_STATES = ("wait_dependencies", "pending", "enqueued", "started")
#: Sites per job: big enough to batch the queries, small enough to spread a
#: run of 10,000 sites over the workers.
DEFAULT_CHUNK_SIZE = 250


class SoftwhereInvoiceRun(models.Model):
    """A monthly invoice run of the park: its billing sites split into jobs."""

    _name = "softwhere.invoice.run"
    _description = "Invoice run"
    _order = "run_date desc, id desc"
    _check_company_auto = True

    # Not stored: read in the reader's language, whoever made the run.
    name = fields.Char(compute="_compute_name")
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
    posted_at = fields.Datetime(string="Posting started", readonly=True, copy=False)
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
        string="Untaxed total",
        compute="_compute_invoice_totals",
        help="Invoices less credit notes.",
    )
    report_ids = fields.One2many(
        "softwhere.invoice.run.site", "run_id", string="Control report"
    )
    previous_amount = fields.Monetary(
        string="Previous periods", compute="_compute_report_totals"
    )
    regularisation_amount = fields.Monetary(
        string="Regularisations", compute="_compute_report_totals"
    )
    anomaly_count = fields.Integer(string="Anomalies", compute="_compute_report_totals")
    skipped_count = fields.Integer(
        string="Sites not invoiced", compute="_compute_report_totals"
    )
    sent_at = fields.Datetime(string="Sending started", readonly=True, copy=False)
    document_missing_count = fields.Integer(
        string="Invoices without PDF",
        compute="_compute_sending",
        help="Posted invoices whose PDF and Factur-X are not made yet.",
    )
    sent_count = fields.Integer(string="Sent", compute="_compute_sending")
    send_failed_count = fields.Integer(
        string="Sending failed",
        compute="_compute_sending",
        help="Refused by the mail server, or without a PDF: sent again by "
        "“Send the invoicing”.",
    )
    no_email_count = fields.Integer(
        string="No e-mail address",
        compute="_compute_sending",
        help="Invoices whose billing contact has no e-mail address.",
    )
    unsent_count = fields.Integer(string="Not sent yet", compute="_compute_sending")
    send_unsure_count = fields.Integer(
        string="To check",
        compute="_compute_sending",
        help="Invoices whose sending was interrupted while their e-mail was handed "
        "to the mail server: not sent again by “Send the invoicing”; check with "
        "the customer, then “Send again” on the invoice.",
    )
    sending_job_count = fields.Integer(
        string="Sending jobs", compute="_compute_sending"
    )
    sending_job_done_count = fields.Integer(
        string="Sending jobs done", compute="_compute_sending"
    )
    sending_job_failed_count = fields.Integer(
        string="Sending jobs failed", compute="_compute_sending"
    )
    sending_running = fields.Boolean(
        string="Sending under way",
        compute="_compute_sending",
        help="The run's invoices are being sent: the form follows the sending.",
    )

    @api.depends("run_date")
    def _compute_name(self):
        for run in self:
            run.name = self.env._(
                "Invoice run of %(date)s", date=format_date(self.env, run.run_date)
            )

    def _job_domain(self, method="_invoice_sites"):
        self.ensure_one()
        return [("func_string", "=like", f"{self._name}({self.id},).{method}(%")]

    def _job_states(self, method):
        return dict(
            self.env["queue.job"]
            .sudo()
            ._read_group(self._job_domain(method), ["state"], ["__count"])
        )

    @api.depends("started_at", "posted_at")
    def _compute_progress(self):
        for run in self:
            states = run._job_states("_invoice_sites") if run.id else {}
            posting = run._job_states("_post_invoices") if run.posted_at else {}
            run.job_count = sum(states.values()) + sum(posting.values())
            run.job_done_count = states.get("done", 0) + posting.get("done", 0)
            run.job_failed_count = states.get("failed", 0) + posting.get("failed", 0)
            if not run.started_at:
                run.state = "draft"
            elif run.job_failed_count:
                run.state = "failed"
            elif run.job_done_count < run.job_count:
                run.state = "posting" if run.posted_at else "running"
            else:
                run.state = "posted" if run.posted_at else "done"

    @api.depends("invoice_ids.amount_untaxed_signed")
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
                ["__count", "amount_untaxed_signed:sum"],
            )
        }
        for run in self:
            run.invoice_count, run.amount_untaxed = totals.get(run.id, (0, 0.0))

    @api.depends("report_ids")
    def _compute_report_totals(self):
        totals = {
            run.id: (previous, regularisations, anomalies)
            for run, previous, regularisations, anomalies in self.env[
                "softwhere.invoice.run.site"
            ]._read_group(
                [("run_id", "in", self.ids)],
                ["run_id"],
                ["previous_amount:sum", "regularisation_amount:sum", "anomaly:count"],
            )
        }
        skipped = dict(
            self.env["softwhere.invoice.run.site"]._read_group(
                [("run_id", "in", self.ids), ("state", "=", "skipped")],
                ["run_id"],
                ["__count"],
            )
        )
        anomalies = dict(
            self.env["softwhere.invoice.run.site"]._read_group(
                [("run_id", "in", self.ids), ("anomaly", "=", True)],
                ["run_id"],
                ["__count"],
            )
        )
        for run in self:
            previous, regularisations, _count = totals.get(run.id, (0.0, 0.0, 0))
            run.previous_amount = previous
            run.regularisation_amount = regularisations
            run.anomaly_count = anomalies.get(run, 0)
            run.skipped_count = skipped.get(run, 0)

    @api.depends("invoice_ids.softwhere_send_state", "invoice_ids.state")
    def _compute_sending(self):
        Move = self.env["account.move"].sudo()
        posted = [("park_invoice_run_id", "in", self.ids), ("state", "=", "posted")]
        states = defaultdict(dict)
        for run, state, count in Move._read_group(
            posted, ["park_invoice_run_id", "softwhere_send_state"], ["__count"]
        ):
            states[run.id][state] = count
        # The PDF is an attachment of the invoice's binary field: counted from
        # the attachments.
        moves = Move.search_fetch(posted, ["park_invoice_run_id"])
        with_pdf = set(
            self.env["ir.attachment"]
            .sudo()
            .search_fetch(
                [
                    ("res_model", "=", "account.move"),
                    ("res_field", "=", "invoice_pdf_report_file"),
                    ("res_id", "in", moves.ids),
                ],
                ["res_id"],
            )
            .mapped("res_id")
        )
        missing = defaultdict(int)
        for move in moves:
            if move.id not in with_pdf:
                missing[move.park_invoice_run_id.id] += 1
        for run in self:
            counts = states[run.id]
            run.sent_count = counts.get("sent", 0)
            run.send_failed_count = counts.get("failed", 0)
            run.no_email_count = counts.get("no_email", 0)
            run.unsent_count = counts.get(False, 0)
            run.send_unsure_count = counts.get("unsure", 0)
            run.document_missing_count = missing[run.id]
            jobs = {}
            if run.id and run.posted_at:
                for method in ("_make_documents", "_send_invoices"):
                    for state, count in run._job_states(method).items():
                        jobs[state] = jobs.get(state, 0) + count
            run.sending_job_count = sum(jobs.values())
            run.sending_job_done_count = jobs.get("done", 0)
            run.sending_job_failed_count = jobs.get("failed", 0)
            run.sending_running = any(jobs.get(state) for state in BUSY_JOB_STATES)

    # -- running ---------------------------------------------------------------------
    def action_start(self):
        """Split the company's billing sites into jobs; each invoices its sites."""
        self.env["res.users"]._softwhere_check_group(
            MANAGER_GROUP, self.env._("Run"), self
        )
        # The control report's reasons and the jobs' names in the manager's
        # language, or the company's when the scheduled action starts the run.
        runs = in_working_language(self)
        Site = runs.env["softwhere.billing.site"]
        for run in runs:
            sites = Site._park_sites_to_invoice(run.run_date, run.company_id)
            if not run.company_id.softwhere_billing_start:
                run._go_live(sites)
            run.write({"started_at": fields.Datetime.now(), "site_count": len(sites)})
            run._delay_by_chunk(
                "_invoice_sites",
                sites.ids,
                runs.env._("%(run)s: %(count)s billing sites"),
            )
        return True

    def _delay_by_chunk(self, method, ids, description):
        """One job of ``method`` per chunk of ``ids`` (``chunk_size`` each),
        described by ``description`` (``%(run)s``, ``%(count)s``); a job
        already queued for the same chunk is not queued twice."""
        self.ensure_one()
        for chunk in split_every(max(self.chunk_size, 1), ids):
            delayed = self.with_delay(
                description=description % {"run": self.name, "count": len(chunk)},
                identity_key=identity_exact,
            )
            getattr(delayed, method)(list(chunk))

    def _go_live(self, sites):
        """The company's first run: Odoo bills each of its sites from the
        period this run covers for it (before, the previous tool did), and a
        site made later from the first day of this run's month (its first days
        and one-offs are Odoo's to bill)."""
        self.ensure_one()
        starts = defaultdict(list)
        for site in sites.filtered(lambda s: not s.park_billing_start):
            starts[site._invoice_period(self.run_date).start].append(site.id)
        for start, site_ids in starts.items():
            sites.browse(site_ids).write({"park_billing_start": start})
        self.company_id.sudo().softwhere_billing_start = self.run_date.replace(day=1)

    def _invoice_sites(self, site_ids):
        """Job: the invoices and credit notes of these billing sites.

        Idempotent: each site is billed what is due less what was billed, so
        a job retried, run twice or resumed after a crash bills nothing twice.
        """
        self.ensure_one()
        sites = self.env["softwhere.billing.site"].browse(site_ids).exists()
        try:
            with self.env.cr.savepoint():
                moves = sites._park_invoice(self.run_date, self)
        except psycopg2.errors.SerializationFailure as error:
            # Another run is billing one of these sites: retry once it is done.
            raise RetryableJobError(
                str(error), seconds=10, ignore_retry=True
            ) from error
        _logger.info(
            "%s: %s invoices for %s billing sites", self.name, len(moves), len(sites)
        )
        return self.env._("%(count)s invoices created.", count=len(moves))

    def _record_sites(self, plans, moves):
        """The control report rows of the sites a job billed (or not)."""
        self.ensure_one()
        # The run's moves of these sites, made by this job or an earlier one
        # (a run resumed): the report shows the run, not the job.
        move_of = defaultdict(lambda: self.env["account.move"])
        run_moves = self.env["account.move"].search(
            [
                ("park_invoice_run_id", "=", self.id),
                ("billing_site_id", "in", [plan["site"].id for plan in plans]),
            ]
        )
        for move in moves | run_moves:
            move_of[move.billing_site_id.id] |= move
        sites = self.env["softwhere.billing.site"].browse(
            [plan["site"].id for plan in plans]
        )
        Row = self.env["softwhere.invoice.run.site"]
        # A job run again replaces its sites' rows.
        Row.search([("run_id", "=", self.id), ("site_id", "in", sites.ids)]).unlink()
        previous = self._previous_run_amounts(sites)
        status_labels = dict(
            self.env["res.partner"]
            ._fields["customer_status"]
            ._description_selection(self.env)
        )
        rows = []
        for plan in plans:
            site, period = plan["site"], plan["period"]
            move = move_of[site.id]
            dues = plan.get("dues", ())
            in_period = [
                due for due in dues if due["periodic"] and due["start"] <= period.end
            ]
            row = {
                "run_id": self.id,
                "site_id": site.id,
                "period_label": period.label,
                "previous_amount": previous.get(site.id, 0.0),
                "lines_started": len(
                    {
                        due["line"].id
                        for due in in_period
                        if period.start <= due["start"] <= period.end
                    }
                ),
                "lines_ended": len(
                    {
                        due["line"].id
                        for due in in_period
                        if due["end"] and period.start <= due["end"] <= period.end
                    }
                ),
                "zero_line_count": len(
                    {
                        due["line"].id
                        for due in in_period
                        if not due["article"].sale_price
                        and (not due["end"] or due["end"] >= period.start)
                    }
                ),
            }
            if plan["skip_reason"]:
                row.update(
                    state="skipped",
                    reason=self.env._(
                        "Customer account “%(status)s”",
                        status=status_labels.get(site.partner_id.customer_status),
                    ),
                )
            elif move:
                regularisations = sum(
                    (-1 if line.move_id.move_type == "out_refund" else 1)
                    * line.price_subtotal
                    for line in move.invoice_line_ids
                    if line.softwhere_regularisation
                )
                amount = sum(move.mapped("amount_untaxed_signed"))
                row.update(
                    state="credited" if amount < 0 else "invoiced",
                    move_id=move.sorted("id")[-1].id,
                    amount_untaxed=amount,
                    regularisation_amount=regularisations,
                )
            else:
                row.update(state="nothing", reason=self.env._("Nothing due"))
            rows.append(row)
        Row.create(rows)

    def _previous_run_amounts(self, sites):
        """{site id: untaxed amount} of each site's latest earlier run."""
        self.env["softwhere.invoice.run.site"].flush_model()
        self.env["softwhere.invoice.run"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT ON (row.site_id) row.site_id, row.amount_untaxed
                  FROM softwhere_invoice_run_site row
                  JOIN softwhere_invoice_run run ON run.id = row.run_id
                 WHERE row.site_id IN %s AND run.id != %s
                   AND run.company_id = %s
                   AND row.state IN ('invoiced', 'credited')
                   AND (run.run_date, run.id) < (%s, %s)
                 ORDER BY row.site_id, run.run_date DESC, run.id DESC
                """,
                tuple(sites.ids) or (0,),
                self.id,
                self.company_id.id,
                self.run_date,
                self.id,
            )
        )
        return dict(rows)

    # -- posting ---------------------------------------------------------------------
    def action_post(self):
        """Valider la facturation: post every draft of the run, in jobs.

        The jobs run one after the other so the invoice numbers follow the
        sites' order.
        """
        self.env["res.users"]._softwhere_check_group(
            MANAGER_GROUP, self.env._("Post the invoicing"), self
        )
        for run in self:
            if run.state != "done":
                raise UserError(
                    self.env._(
                        "%(run)s: the invoices can be posted once the run is done "
                        "and before it is posted.",
                        run=run.name,
                    )
                )
            drafts = run.invoice_ids.filtered(lambda move: move.state == "draft")
            # The sites' own order (customer, name), as the run made them.
            rank = {
                site_id: index
                for index, site_id in enumerate(
                    self.env["softwhere.billing.site"]
                    .search([("id", "in", drafts.billing_site_id.ids)])
                    .ids
                )
            }
            drafts = drafts.sorted(
                lambda move, rank=rank: (rank[move.billing_site_id.id], move.id)
            )
            run.posted_at = fields.Datetime.now()
            chunks = list(split_every(max(run.chunk_size, 1), drafts.ids))
            posting = self.env._("%(run)s: posting %(count)s invoices")
            # Once all are posted, their PDF with the Factur-X inside.
            documents = self.env._("%(run)s: PDF and Factur-X of %(count)s invoices")
            jobs = {
                method: [
                    getattr(
                        run.delayable(
                            description=label % {"run": run.name, "count": len(chunk)}
                        ),
                        method,
                    )(list(chunk))
                    for chunk in chunks
                ]
                for method, label in (
                    ("_post_invoices", posting),
                    ("_make_documents", documents),
                )
            }
            if chunks:
                # Posted one job after the other (the numbers follow the
                # sites' order), then the documents side by side, over every
                # worker.
                chain(*jobs["_post_invoices"], group(*jobs["_make_documents"])).delay()
        return True

    def _make_documents(self, move_ids):
        """Job: the PDF of these posted invoices of the run, with the Factur-X
        inside (those that have none yet: a job run again makes the rest)."""
        self.ensure_one()
        moves = self._own_posted_moves(move_ids)
        failed = moves._softwhere_generate_documents()
        return self.env._(
            "%(count)s invoices with their PDF, %(failed)s without.",
            count=len(moves) - len(failed),
            failed=len(failed),
        )

    def _own_posted_moves(self, move_ids):
        return (
            self.env["account.move"]
            .browse(move_ids)
            .exists()
            .filtered(
                lambda move: move.state == "posted" and move.park_invoice_run_id == self
            )
        )

    # -- sending ---------------------------------------------------------------------
    def action_send(self):
        """Envoyer la facturation: e-mail the run's posted invoices, in jobs.

        Sends those not sent yet: run again, it sends what failed or had no
        e-mail address then, never an invoice twice.
        """
        self.env["res.users"]._softwhere_check_group(
            MANAGER_GROUP, self.env._("Send the invoicing"), self
        )
        for run in self:
            if run.state != "posted":
                raise UserError(
                    self.env._(
                        "%(run)s: the invoices can be sent once the run is posted.",
                        run=run.name,
                    )
                )
            states = run._job_states("_send_invoices")
            if any(states.get(state) for state in BUSY_JOB_STATES):
                # Sent twice at once, an invoice would reach its customer twice.
                raise UserError(
                    self.env._(
                        "%(run)s: its invoices are being sent; wait for the "
                        "sending to end.",
                        run=run.name,
                    )
                )
            moves = self.env["account.move"].search(
                [
                    ("park_invoice_run_id", "=", run.id),
                    ("state", "=", "posted"),
                    ("softwhere_send_state", "!=", "sent"),
                ],
                order="name, id",
            )
            run.sent_at = fields.Datetime.now()
            run._delay_by_chunk(
                "_send_invoices",
                moves.ids,
                self.env._("%(run)s: sending %(count)s invoices"),
            )
        return True

    def _send_invoices(self, move_ids):
        """Job: e-mail these posted invoices of the run (those not sent yet)."""
        self.ensure_one()
        moves = self._own_posted_moves(move_ids)._softwhere_send_invoices()
        counts = defaultdict(int)
        for move in moves:
            counts[move.softwhere_send_state] += 1
        return self.env._(
            "%(sent)s sent, %(failed)s failed, %(no_email)s without e-mail address.",
            sent=counts["sent"],
            failed=counts["failed"],
            no_email=counts["no_email"],
        )

    def _post_invoices(self, move_ids):
        """Job: post these drafts of the run (those still drafts)."""
        self.ensure_one()
        moves = self.env["account.move"].browse(move_ids).exists()
        moves = moves.filtered(
            lambda move: move.state == "draft" and move.park_invoice_run_id == self
        )
        # Odoo numbers a batch in (date, reference) order and the reference
        # names the period: the invoices of consecutive sites sharing one are
        # posted together, so the numbers follow the sites' order even when
        # the sites of a job have different periods.
        batch = self.env["account.move"]
        for move in moves:
            if batch and (move.date, move.ref) != (batch[-1].date, batch[-1].ref):
                batch.with_context(softwhere_post_run=self.id).action_post()
                batch = self.env["account.move"]
            batch |= move
        if batch:
            batch.with_context(softwhere_post_run=self.id).action_post()
        return self.env._("%(count)s invoices posted.", count=len(moves))

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

    def action_view_jobs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "queue_job.action_queue_job"
        )
        action["domain"] = self._job_domain()
        action["context"] = {}
        return action
