# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.tests import tagged

from odoo.addons.softwhere_catalogue.reference import xmlid_name
from odoo.addons.softwhere_client.tests.common import SoftwhereFrenchHttpCase
from odoo.addons.softwhere_park.tests.common import run_queued_jobs

from softwhere_sim import snaic as snaic_sim
from softwhere_sim.cfast import DEFAULT_TOKEN, start_cfast
from softwhere_sim.park import iccid_for


@tagged("post_install", "-at_install")
class TestBrowser(SoftwhereFrenchHttpCase):
    """A line created from Odoo on both platforms, in French."""

    french_modules = ("softwhere_client", "softwhere_park", "softwhere_deployment")
    french_chart = True

    def article(self, code):
        return self.env.ref(f"softwhere_catalogue.article_{xmlid_name(code)}")

    def setUp(self):
        super().setUp()
        cfast = start_cfast(customers=3, lines=10, seed=29)
        self.addCleanup(cfast.stop)
        snaic = snaic_sim.start_snaic(cfast.app.park, on_date=date.today())
        self.addCleanup(snaic.stop)
        self.supplier_park = snaic.app.park
        self.env["softwhere.cfast.backend"].search([]).active = False
        cfast_backend = self.env["softwhere.cfast.backend"].create(
            {"name": "Cfast", "url": cfast.url, "token": DEFAULT_TOKEN}
        )
        cfast_backend.with_context(queue_job__no_delay=True).action_sync_now()
        snaic_backend = self.env["softwhere.supplier.backend"].create(
            {
                "name": "SNAIC",
                "platform": "snaic",
                "url": f"{snaic.url}/soap/parc",
                "login": snaic_sim.DEFAULT_LOGIN,
                "password": snaic_sim.DEFAULT_PASSWORD,
            }
        )
        sim = self.article("OR-SIM")
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        lot = self.env["stock.lot"].create(
            {"name": iccid_for(880_001), "product_id": sim.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            sim, warehouse.lot_stock_id, 1, lot_id=lot
        )
        service = self.env["softwhere.service"].search(
            [("service_type", "=", "mobile"), ("cfast_site_id", "!=", 0)], limit=1
        )
        self.order = self.env["softwhere.provisioning.order"].create(
            {
                "service_id": service.id,
                "supplier_backend_id": snaic_backend.id,
                "cfast_backend_id": cfast_backend.id,
                "operation_ids": [
                    Command.create(
                        {
                            "kind": "create_line",
                            "product_id": self.article("OR-PI20").id,
                            "first_name": "Hugo",
                            "last_name": "Martin",
                        }
                    )
                ],
            }
        )

    def test_confirm_an_order_to_its_end(self):
        self.start_tour("/odoo", "softwhere_provisioning_confirm_tour", login="admin")
        self.assertEqual(self.order.state, "confirmed")
        run_queued_jobs(self.env)
        self.assertEqual(self.order.state, "done", self.order.failure_reason)
        iccid = self.order.operation_ids.sim_lot_id.name
        self.assertEqual(
            len([line for line in self.supplier_park.lines if line["iccid"] == iccid]),
            1,
        )
        self.start_tour("/odoo", "softwhere_provisioning_done_tour", login="admin")
