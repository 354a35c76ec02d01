# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import SoftwherePortalCase


@tagged("post_install", "-at_install")
class TestBrowser(SoftwherePortalCase):
    """A customer's contact, in French, on the portal from /my to a request."""

    def test_ask_for_another_plan(self):
        self.start_tour("/my", "softwhere_portal_change_plan_tour", login="portal_a")
        order = self.customer_orders()
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.requested_by_id, self.portal_a.partner_id)
        self.assertEqual(
            (order.operation_ids.line_id, order.operation_ids.product_id),
            (self.line_a, self.plan_100),
        )


@tagged("post_install", "-at_install")
class TestPhone(SoftwherePortalCase):
    """The line page on a phone: what the customer reads fits the screen."""

    browser_size = "390x844"
    touch_enabled = True

    def test_line_page_on_a_phone(self):
        self.authenticate("portal_a", "portal_a")
        self.ask(self.line_a, "change_plan", self.plan_100, self.later)
        self.assertEqual(self.customer_orders().state, "draft")
        self.start_tour(
            f"/my/lines/{self.line_a.id}",
            "softwhere_portal_phone_tour",
            login="portal_a",
        )
