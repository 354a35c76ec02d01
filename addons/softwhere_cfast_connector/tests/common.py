# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.softwhere_park.tests.common import SoftwhereParkCase

from softwhere_sim.cfast import DEFAULT_TOKEN, start_cfast


class SoftwhereCfastCase(SoftwhereParkCase):
    """The park's company, a real Cfast simulator on loopback and its backend."""

    CUSTOMERS = 4
    LINES = 25

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Cfast's customer references start at CL0001 too: the park case's
        # customer is not one of Cfast's.
        cls.customer.customer_reference = "TEST-0001"
        cls.Backend = cls.env["softwhere.cfast.backend"]
        cls.backend = cls.Backend.create(
            {
                "name": "Cfast test",
                "url": "http://127.0.0.1:1",
                "token": DEFAULT_TOKEN,
                "page_size": 10,
                "timeout": 5,
                "company_id": cls.company.id,
            }
        )
        cls.Log = cls.env["softwhere.cfast.sync.log"]

    def setUp(self):
        super().setUp()
        # A simulator of its own per test: tests change its park and its faults.
        self.cfast = start_cfast(
            customers=self.CUSTOMERS, lines=self.LINES, seed=7, retry_after=0
        )
        self.addCleanup(self.cfast.stop)
        self.park = self.cfast.app.park
        self.backend.url = self.cfast.url

    def sync(self, backend=None, full=False):
        """The "Sync now" button, its jobs run at once; returns this sync's logs."""
        backend = (backend or self.backend).with_context(queue_job__no_delay=True)
        before = self.Log.search([]).ids
        if full:
            backend.action_full_sync()
        else:
            backend.action_sync_now()
        return self.Log.search(
            [("id", "not in", before), ("backend_id", "=", backend.id)], order="id"
        )

    def bound(self, resource):
        bindings = self.env["softwhere.cfast.binding"].search(
            [("backend_id", "=", self.backend.id), ("resource", "=", resource)]
        )
        return self.env[bindings[:1].res_model or "res.partner"].browse(
            bindings.mapped("res_id")
        )
