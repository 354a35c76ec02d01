# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from odoo.addons.softwhere_supplier_connector.tests.common import SoftwhereSupplierCase

from softwhere_sim.park import iccid_for


class SoftwhereDeploymentCase(SoftwhereSupplierCase):
    """Cfast and SNAIC simulators over one park, synced; SIM cards in stock."""

    LINES = 30

    def setUp(self):
        super().setUp()
        self.plan = self.article("OR-PI20")
        self.other_plan = self.article("OR-PI100")
        self.option = self.article("OR-OEU")
        self.top_up = self.article("OR-RD5")
        self.sim = self.article("OR-SIM")
        self.assertTrue(self.sim.is_sim_card)
        self.assertEqual(self.sim.tracking, "serial")
        self.warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company.id)], limit=1
        )
        self.lots = self.env["stock.lot"].create(
            [
                {
                    "name": iccid_for(900_000 + index),
                    "product_id": self.sim.id,
                    "company_id": self.company.id,
                }
                for index in range(3)
            ]
        )
        for lot in self.lots:
            self.env["stock.quant"]._update_available_quantity(
                self.sim, self.warehouse.lot_stock_id, 1, lot_id=lot
            )
        # A mobile service of Cfast's park, synced: new lines go there.
        self.service = self.env["softwhere.service"].search(
            [
                ("company_id", "=", self.company.id),
                ("service_type", "=", "mobile"),
                ("cfast_site_id", "!=", 0),
            ],
            limit=1,
        )
        self.assertTrue(self.service)

    def order(self, *operations, service=None, supplier=None):
        return self.env["softwhere.provisioning.order"].create(
            {
                "service_id": (service or self.service).id,
                "supplier_backend_id": (supplier or self.backend_snaic).id,
                "cfast_backend_id": self.backend.id,
                "operation_ids": [Command.create(values) for values in operations],
            }
        )

    def create_line_order(self, **values):
        return self.order(
            {
                "kind": "create_line",
                "product_id": self.plan.id,
                "option_ids": [Command.set(self.option.ids)],
                "first_name": "Léa",
                "last_name": "Petit",
                **values,
            }
        )

    def supplier_lines(self, iccid):
        return [line for line in self.snaic.app.park.lines if line["iccid"] == iccid]

    def cfast_services(self, number):
        return [s for s in self.park.services if s["serviceLabel"] == number]
