# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.queue_job.job import Job

from softwhere_sim.cfast import DEFAULT_TOKEN, start_cfast


def run_queued_jobs(env, commit=False):
    """What queue_job's runner does, in this process: every job pending, then
    those their dependencies released. In the test's transaction, or with
    ``commit`` each job committed as the runner does (``make bench-cfast``)."""
    for _round in range(50):
        records = env["queue.job"].search([("state", "=", "pending")], order="id")
        if not records:
            return
        for record in records:
            job = Job.load(env, record.uuid)
            job.set_started()
            job.store()
            job.perform()
            job.set_done()
            job.store()
            job.enqueue_waiting()
            if commit:
                env.cr.commit()


@tagged("post_install", "-at_install")
class TestBrowser(HttpCase):
    """The first day with Cfast, in French: sync now, then read the log."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        if not company.chart_template:
            company.country_id = cls.env.ref("base.fr")
            cls.env["account.chart.template"].try_loading("fr", company)
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["softwhere_client", "softwhere_park", "softwhere_cfast_connector"],
            ["fr_FR"],
        )
        cls.env.ref("base.user_admin").lang = "fr_FR"

    def setUp(self):
        super().setUp()
        self.cfast = start_cfast(customers=4, lines=25, seed=21)
        self.addCleanup(self.cfast.stop)
        # Demo customers CL0001… would be adopted: this Cfast is on its own.
        self.env["softwhere.cfast.backend"].search([]).active = False
        self.backend = self.env["softwhere.cfast.backend"].create(
            {
                "name": "Cfast du tour",
                "url": self.cfast.url,
                "token": DEFAULT_TOKEN,
                "page_size": 10,
            }
        )

    def test_sync_now_then_read_the_log(self):
        self.start_tour("/odoo", "softwhere_cfast_sync_tour", login="admin")
        self.assertTrue(self.env["queue.job"].search_count([("state", "=", "pending")]))
        run_queued_jobs(self.env)
        logs = self.env["softwhere.cfast.sync.log"].search(
            [("backend_id", "=", self.backend.id)]
        )
        self.assertEqual(len(logs), 4)
        self.assertEqual(set(logs.mapped("state")), {"done"})
        self.start_tour("/odoo", "softwhere_cfast_log_tour", login="admin")
