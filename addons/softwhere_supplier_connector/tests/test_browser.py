# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from odoo.addons.softwhere_client.tests.common import SoftwhereFrenchHttpCase

from softwhere_lib.reconciliation import GAP_KINDS
from softwhere_sim import snaic as snaic_sim
from softwhere_sim.park import Park

from .common import load_park


@tagged("post_install", "-at_install")
class TestBrowser(SoftwhereFrenchHttpCase):
    """The lost-margin dashboard, in French, down to a line in error."""

    french_modules = (
        "softwhere_client",
        "softwhere_park",
        "softwhere_supplier_connector",
    )
    french_chart = True

    def setUp(self):
        super().setUp()
        park = Park(customers=4, lines=40, seed=23)
        snaic = snaic_sim.start_snaic(
            park, gaps=dict.fromkeys(GAP_KINDS, 1), on_date=date.today()
        )
        self.addCleanup(snaic.stop)
        self.env["softwhere.supplier.backend"].search([]).active = False
        load_park(self.env, park, self.env.company)
        self.env["softwhere.supplier.backend"].with_context(
            queue_job__no_delay=True
        ).create(
            {
                "name": "SNAIC",
                "platform": "snaic",
                "url": f"{snaic.url}/soap/parc",
                "login": snaic_sim.DEFAULT_LOGIN,
                "password": snaic_sim.DEFAULT_PASSWORD,
            }
        ).action_reconcile_now()

    def test_from_the_dashboard_to_the_line(self):
        gap = self.env["softwhere.reconciliation.gap"].search(
            [("kind", "=", "price_above")]
        )
        self.assertEqual(len(gap), 1)
        self.assertTrue(gap.line_id.has_supplier_gap)
        self.start_tour("/odoo", "softwhere_lost_margin_tour", login="admin")
