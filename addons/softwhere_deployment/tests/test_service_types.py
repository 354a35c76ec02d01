# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Provisioning for every service type, checked before the first call."""

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SoftwhereProvisioningJobsCase


@tagged("post_install", "-at_install")
class TestServiceTypes(SoftwhereProvisioningJobsCase):
    def fixed_service(self):
        """A fixed service of the park, its site known to Cfast."""
        service = self.env["softwhere.service"].search(
            [
                ("company_id", "=", self.company.id),
                ("service_type", "=", "fixe"),
                ("cfast_site_id", "!=", 0),
            ],
            limit=1,
        )
        self.assertTrue(service, "the synced park has a fixed service")
        return service

    def test_a_fixed_line_is_created_without_sim_card(self):
        service = self.fixed_service()
        voip = self.article("AC-VOIP")
        order = self.order(
            {"kind": "create_line", "product_id": voip.id, "last_name": "Accueil"},
            service=service,
        )
        stock_moves = self.env["stock.move"].search_count([])
        self.provision(order)
        self.assertEqual(order.state, "done", order.failure_reason)
        self.assertEqual(self.env["stock.move"].search_count([]), stock_moves)
        operation = order.operation_ids
        line = operation.line_id
        self.assertFalse(operation.sim_lot_id)
        self.assertFalse(line.iccid)
        self.assertEqual(line.number_kind, "voip")
        [in_place] = [
            item for item in self.snaic.app.park.lines if item["number"] == line.name
        ]
        self.assertEqual(
            (in_place["iccid"], in_place["offer"]["code"]), ("", "AC-VOIP")
        )
        [billed] = self.cfast_services(line.name)
        self.assertEqual(billed["siteId"], service.cfast_site_id)
        self.assertEqual(self.writes_applied(), (1, 1))

    def test_a_fixed_line_whose_record_was_lost_is_found_by_its_reference(self):
        order = self.order(
            {"kind": "create_line", "product_id": self.article("AC-VOIP").id},
            service=self.fixed_service(),
        )
        self.provision(order, crash_at="supplier")
        self.assertEqual(order.state, "done", order.failure_reason)
        self.assertEqual(self.writes_applied(), (1, 1))

    def test_a_mobile_line_keeps_its_checked_iccid(self):
        line = self.new_line()
        self.assertIn(line.iccid, self.lots.mapped("name"))
        with self.assertRaisesRegex(ValidationError, "clé de contrôle"):
            line.iccid = line.iccid[:-1] + str((int(line.iccid[-1]) + 1) % 10)

    def assert_refused_before_any_call(self, order, message):
        with self.assertRaisesRegex(UserError, message):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.call_ids)
        self.assertEqual(self.writes_applied(), (0, 0))

    def test_what_can_be_checked_is_checked_before_the_first_call(self):
        # A plan of a catalogue of another service type.
        self.assert_refused_before_any_call(
            self.order(
                {"kind": "create_line", "product_id": self.article("AC-VOIP").id}
            ),
            "not for .* kind of service",
        )
        # A supplier platform that does not serve the catalogue.
        alphalink = self.env["softwhere.supplier.backend"].create(
            {
                "name": "Alphalink",
                "platform": "alphalink",
                "url": "http://127.0.0.1:9",
                "api_key": "clé",
                "company_id": self.company.id,
            }
        )
        self.assert_refused_before_any_call(
            self.order(
                {"kind": "create_line", "product_id": self.plan.id},
                supplier=alphalink,
            ),
            "does not serve the catalogue",
        )
        # An option of another catalogue, a plan given as an option.
        self.assert_refused_before_any_call(
            self.create_line_order(
                option_ids=[Command.set(self.article("AC-SDA").ids)]
            ),
            "is not an option of the catalogue",
        )
        # A ported number without a valid RIO.
        self.assert_refused_before_any_call(
            self.create_line_order(ported_number="0612345678", rio="123"),
            "RIO invalide",
        )
        line = self.new_line()
        before = self.writes_applied()
        # A plan as an option; a billing site without Cfast billing point.
        order = self.order(
            {"kind": "add_option", "line_id": line.id, "product_id": self.plan.id}
        )
        with self.assertRaisesRegex(UserError, "not an article of this kind"):
            order.action_confirm()
        line.billing_site_id.cfast_billing_point_id = 0
        order = self.order(
            {"kind": "one_off", "line_id": line.id, "product_id": self.top_up.id}
        )
        with self.assertRaisesRegex(UserError, "no Cfast billing point"):
            order.action_confirm()
        self.assertEqual(self.writes_applied(), before)
        # No SIM card is reserved for a refused order.
        self.assertFalse(self.env["stock.move"].search([("origin", "=", order.name)]))
