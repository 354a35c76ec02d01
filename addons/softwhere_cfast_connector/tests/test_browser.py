# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.softwhere_client.tests.common import SoftwhereFrenchHttpCase
from odoo.addons.softwhere_park.tests.common import background_job_runner

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
        # queue_job's runner beside the page, one job each time the form has
        # read the sync running again: the banner and the log are seen while
        # the sync runs, whatever the machine's speed.
        step = threading.Event()
        Backend = type(self.env["softwhere.cfast.backend"])
        web_read = Backend.web_read

        def web_read_seen(records, *args, **kwargs):
            result = web_read(records, *args, **kwargs)
            if any(values.get("sync_running") for values in result):
                step.set()
            return result

        with (
            patch.object(Backend, "web_read", web_read_seen),
            background_job_runner(self, step=step),
        ):
            self.start_tour("/odoo", "softwhere_cfast_sync_tour", login="admin")
        self.env.invalidate_all()
        self.assertFalse(self.backend.sync_running)
        self.assertFalse(
            self.env["queue.job"].search_count([("state", "=", "pending")])
        )
        logs = self.env["softwhere.cfast.sync.log"].search(
            [("backend_id", "=", self.backend.id)]
        )
        self.assertEqual(len(logs), 4)
        self.assertEqual(set(logs.mapped("state")), {"done"})
        self.start_tour("/odoo", "softwhere_cfast_log_tour", login="admin")
