# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.addons.softwhere_cfast_connector.tests.common import SoftwhereCfastCase

from softwhere_lib.reconciliation import GAP_KINDS
from softwhere_sim import snaic as snaic_sim
from softwhere_sim.alphalink import DEFAULT_API_KEY, start_alphalink


class SoftwhereSupplierCase(SoftwhereCfastCase):
    """Cfast's park synced into Odoo, and a supplier platform over the same park
    with a gap of every kind injected."""

    LINES = 80

    def setUp(self):
        super().setUp()
        self.today = date.today()
        self.snaic = snaic_sim.start_snaic(
            self.park,
            gaps=dict.fromkeys(GAP_KINDS, 1),
            on_date=self.today,
            retry_after=0,
        )
        self.addCleanup(self.snaic.stop)
        self.sync()
        self.backend_snaic = self.env["softwhere.supplier.backend"].create(
            {
                "name": "SNAIC test",
                "platform": "snaic",
                "url": f"{self.snaic.url}/soap/parc",
                "login": snaic_sim.DEFAULT_LOGIN,
                "password": snaic_sim.DEFAULT_PASSWORD,
                "timeout": 5,
                "page_size": 20,
                "company_id": self.company.id,
            }
        )

    def start_alphalink(self, **kwargs):
        server = start_alphalink(self.park, on_date=self.today, retry_after=0, **kwargs)
        self.addCleanup(server.stop)
        return self.env["softwhere.supplier.backend"].create(
            {
                "name": "Alphalink test",
                "platform": "alphalink",
                "url": server.url,
                "api_key": DEFAULT_API_KEY,
                "timeout": 5,
                "company_id": self.company.id,
            }
        )

    def reconcile(self, backend=None):
        backend = (backend or self.backend_snaic).with_context(queue_job__no_delay=True)
        backend.action_reconcile_now()
        return self.env["softwhere.reconciliation.gap"].search(
            [("backend_id", "=", backend.id)]
        )
