# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.softwhere_client.tests.common import SoftwhereFrenchHttpCase
from odoo.addons.softwhere_park.tests.common import run_queued_jobs

from softwhere_sim.cfast import DEFAULT_TOKEN, start_cfast


@tagged("post_install", "-at_install")
class TestBrowser(SoftwhereFrenchHttpCase):
    """The first day with Cfast, in French: sync now, then read the log."""

    french_modules = ("softwhere_client", "softwhere_park", "softwhere_cfast_connector")
    french_chart = True

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
