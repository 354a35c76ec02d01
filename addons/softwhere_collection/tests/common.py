# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from lxml import etree

from odoo.tests.common import freeze_time

from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.addons.softwhere_park.tests.common import D, SoftwhereParkCase

#: A run on 1 November 2026 invoices November for a "current month" site.
RUN = D(2026, 11, 1)


class SoftwhereCollectionCase(SoftwhereParkCase):
    """The park case's company, debiting on the 10th after a 14-day notice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"softwhere_debit_day": 10, "softwhere_debit_lead_days": 14})

    @classmethod
    def create_site_with_line(cls, name, number, sepa=True, **values):
        """A signed customer's site with a mobile line on the 20 GB plan."""
        if sepa:
            values = cls.mandate_values(**values)
        site = cls.create_site(name, **values)
        service = cls.Service.create(
            {"partner_id": site.partner_id.id, "service_type": "mobile"}
        )
        cls.create_line(
            number, service=service, articles=[(cls.plan_20, D(2026, 1, 1))]
        )
        return site

    @classmethod
    def create_sepa_sites(cls, count, rum_prefix):
        """``count`` sites paying by SEPA direct debit, each with a line."""
        sites = cls.env["softwhere.billing.site"]
        for index in range(count):
            sites |= cls.create_site_with_line(
                f"Client SEPA {index}",
                f"060000000{index}",
                mandate_rum=f"{rum_prefix}{index}",
            )
        return sites

    def run_invoicing(self, run_date=RUN, edit_drafts=None):
        """A run on ``run_date``, posted with « Valider la facturation » (its
        posting jobs run). ``edit_drafts``: called with the drafts first."""
        run = self.env["softwhere.invoice.run"].create(
            {"run_date": run_date, "company_id": self.company.id}
        )
        with freeze_time(run_date):
            run.with_context(queue_job__no_delay=True).action_start()
            if edit_drafts:
                edit_drafts(run.invoice_ids)
            with trap_jobs() as trap:
                run.action_post()
                trap.perform_enqueued_jobs()
        return run

    def generate_file(self, order):
        """Confirm the debit order and generate its PAIN.008: the XML root."""
        order.draft2open()
        action = order.open2generated()
        attachment = self.env["ir.attachment"].browse(action["res_id"])
        return etree.fromstring(base64.b64decode(attachment.datas))


def texts(xml, path):
    """The texts of the nodes at ``path`` (``p:`` the document's namespace)."""
    return [node.text for node in xml.xpath(path, namespaces={"p": xml.nsmap[None]})]
