# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
from contextlib import contextmanager
from datetime import date
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import ValidationError
from odoo.tests.common import ChromeBrowser
from odoo.tests.common import _registry_test_lock as registry_test_lock
from odoo.tools import config, mute_logger

from odoo.addons.queue_job.job import Job
from odoo.addons.softwhere_billing.tests.common import (
    SoftwhereBillingCase,
    pdf_to_text,
)
from odoo.addons.softwhere_catalogue.reference import xmlid_name


def run_queued_jobs(env, commit=False):
    """What queue_job's runner does, in this process: every job pending, then
    those their dependencies released. In the test's transaction, or with
    ``commit`` each job committed as the runner does (``make bench-cfast``)."""
    for _round in range(50):
        records = env["queue.job"].search([("state", "=", "pending")], order="id")
        if not records:
            return
        for record in records:
            _perform(env, record.uuid)
            if commit:
                env.cr.commit()


def _perform(env, uuid):
    job = Job.load(env, uuid)
    job.set_started()
    job.store()
    job.perform()
    job.set_done()
    job.store()
    job.enqueue_waiting()


@contextmanager
def background_job_runner(case, step=None, interval=0.2):
    """queue_job's runner beside a browser tour: a thread that performs the
    pending jobs one at a time, each in a transaction of its own (the test's
    cursors, as the tour's requests), while the page waits for them as a user
    waits for the real runner. With ``step`` (a ``threading.Event``), each job
    waits for ``step`` to be set, and clears it: the test decides when the
    work moves on (e.g. once the page has shown how far it went).

    The thread starts once the browser opens the tour's page (before, the test
    logs in on its own cursor) and takes the test cursor's lock only when free
    (the test holds it outside the tour). A job that fails fails the test, at
    the end of the ``with`` block."""
    stop = threading.Event()
    page_opened = threading.Event()
    errors = []

    def next_job():
        if step is not None and not step.is_set():
            return False
        if not registry_test_lock.acquire(timeout=interval):
            return False
        try:
            with case.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                record = env["queue.job"].search(
                    [("state", "=", "pending")], order="id", limit=1
                )
                if not record:
                    return False
                if step is not None:
                    step.clear()
                _perform(env, record.uuid)
                return True
        finally:
            registry_test_lock.release()

    def loop():
        page_opened.wait()
        while not stop.is_set():
            try:
                ran = next_job()
            except Exception as error:  # noqa: BLE001 -- raised in the test below
                errors.append(error)
                return
            if not ran:
                stop.wait(interval)

    navigate_to = ChromeBrowser.navigate_to

    def navigate_and_start(browser, *args, **kwargs):
        result = navigate_to(browser, *args, **kwargs)
        page_opened.set()
        return result

    thread = threading.Thread(target=loop, name="softwhere-job-runner", daemon=True)
    with patch.object(ChromeBrowser, "navigate_to", navigate_and_start):
        thread.start()
        try:
            yield
        finally:
            stop.set()
            page_opened.set()
            thread.join(60)
    if errors:
        raise errors[0]


def take_over_reference_catalogues(env, company):
    """The reference catalogues are the main company's: the company of a test
    takes them over, as a reseller running one company would have them."""
    catalogues = env["softwhere.catalogue"].with_context(active_test=False).search([])
    catalogues.write({"company_id": company.id})
    templates = catalogues.article_ids.with_context(active_test=False)
    templates.write({"company_id": company.id})
    templates.seller_ids.write({"company_id": company.id})
    templates._softwhere_apply_reference_taxes()


class SoftwhereParkCase(SoftwhereBillingCase):
    """The billing case's company and customers, with the reference catalogues'
    articles and a mobile service to put lines in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        take_over_reference_catalogues(cls.env, cls.company)
        cls.Service = cls.env["softwhere.service"]
        cls.Line = cls.env["softwhere.line"]
        cls.plan_20 = cls.article("OR-PI20")  # 19.90 sold, 8.50 bought
        cls.plan_100 = cls.article("OR-PI100")  # 29.90 sold, 12.90 bought
        cls.site = cls.create_site("Boulangerie Martin")
        cls.customer = cls.site.partner_id
        cls.mobile = cls.Service.create(
            {"partner_id": cls.customer.id, "service_type": "mobile"}
        )

    @classmethod
    def create_site(cls, name="Boulangerie Martin", **values):
        """A billing site of a signed customer: one awaiting signature is not
        invoiced."""
        site = super().create_site(name, **values)
        site.partner_id.customer_status = "active_compliant"
        return site

    @contextmanager
    def assertRefused(self, regex, exception=ValidationError):
        """The error, its message, and nothing of the refused write left."""
        with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
            yield

    @classmethod
    def article(cls, supplier_code):
        return cls.env.ref(f"softwhere_catalogue.article_{xmlid_name(supplier_code)}")

    @classmethod
    def create_sites_with_a_line(cls, count, plan):
        """``count`` more customers, each with a billing site and a mobile line
        on ``plan`` since 1 January 2026."""
        sites = cls.env["softwhere.billing.site"]
        for index in range(count):
            site = cls.create_site(f"Client {index}")
            service = cls.Service.create(
                {"partner_id": site.partner_id.id, "service_type": "mobile"}
            )
            cls.create_line(
                f"061111111{index}", service=service, articles=[(plan, D(2026, 1, 1))]
            )
            sites |= site
        return sites

    @classmethod
    def create_line(cls, number="0612345678", service=None, articles=(), **values):
        """A line with its subscriptions and options: (article, start[, end])."""
        history = [
            Command.create(
                {
                    "product_id": entry[0].id,
                    "date_start": entry[1],
                    "date_end": entry[2] if len(entry) > 2 else False,
                }
            )
            for entry in articles
        ]
        return cls.Line.create(
            {
                "name": number,
                "service_id": (service or cls.mobile).id,
                "article_ids": history,
                **values,
            }
        )


#: A valid SIRET: Electricité de France's.
BUYER_SIRET = "55208131766522"


class InvoiceDocumentCase(SoftwhereParkCase):
    """A company with the details a French invoice and its Factur-X need, a
    customer with its address and SIRET, and a run's invoices made as a run
    makes them: posted, then their PDF with the Factur-X inside."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_invoice_pdf(
            phone="+33 4 72 10 20 30", email="facturation@actif-telecom.example.fr"
        )
        cls.customer.write(
            {
                "street": "3 place Bellecour",
                "zip": "69002",
                "city": "Lyon",
                "country_id": cls.france.id,
                "company_registry": BUYER_SIRET,
            }
        )

    def run_and_post(self, run_date, pdf=True):
        """A run on ``run_date``, posted as "Post the invoicing" posts it:
        with ``pdf``, its invoices' PDF as outside tests."""
        run = self.env["softwhere.invoice.run"].create(
            {"run_date": run_date, "company_id": self.company.id}
        )
        run = run.with_context(queue_job__no_delay=True)
        run.action_start()
        if pdf:
            with self.real_pdf():
                run.with_context(force_report_rendering=True).action_post()
        else:
            run.action_post()
        return run

    @contextmanager
    def real_pdf(self):
        """Odoo's PDF with its Factur-X, as outside tests: under test, Odoo
        renders HTML and attaches the XML beside it instead of inside."""
        # make test installs wkhtmltopdf: a missing one is a failure, not a skip.
        self.assertEqual(
            self.env["ir.actions.report"].get_wkhtmltopdf_state(), "ok", "wkhtmltopdf"
        )
        with (
            patch.dict(config.options.maps[0], {"test_enable": False}),
            mute_logger("odoo.addons.base.models.ir_actions_report"),
        ):
            yield

    def pdf_text(self, invoice):
        """The text of the invoice's PDF, as ``pdftotext`` reads it."""
        pdf = invoice.invoice_pdf_report_id.raw
        self.assertEqual(pdf[:5], b"%PDF-", invoice.name)
        return pdf_to_text(self, pdf)

    def invoice_of(self, run, site):
        return run.invoice_ids.filtered(lambda move: move.billing_site_id == site)


D = date
