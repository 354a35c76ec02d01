# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(HttpCase):
    def test_demo_portal_user_or_none(self):
        user = self.env.ref("softwhere_portal.user_portal_customer_01", False)
        if not self.env["ir.module.module"]._get("softwhere_portal").demo:
            self.assertFalse(user, "a demo portal user without demo data")
            return
        self.assertTrue(user._is_portal())
        customer = self.env.ref("softwhere_client.customer_01")
        self.assertEqual(user.partner_id.commercial_partner_id, customer)
        self.assertEqual(user.login, "camille.martin@example.fr")
        # The login of readme/USAGE.md opens the customer's own lines.
        self.authenticate("camille.martin@example.fr", "portail")
        lines = self.url_open("/my/lines").text
        own = self.env["softwhere.line"].search([("partner_id", "=", customer.id)])
        self.assertTrue(own)
        self.assertIn(own[0].name, lines)
        other = self.env["softwhere.line"].search(
            [("partner_id", "!=", customer.id)], limit=1
        )
        self.assertNotIn(other.name, lines)
