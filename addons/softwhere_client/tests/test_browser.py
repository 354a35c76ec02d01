# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBrowser(HttpCase):
    """What a sales assistant sees in the web client, in French."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(["softwhere_client"], ["fr_FR"])
        cls.user = new_test_user(
            cls.env,
            login="sw_assistant",
            name="Assistante commerciale",
            groups="softwhere_client.softwhere_client_group_user",
            lang="fr_FR",
        )

    def test_create_a_customer_account_with_a_contact_and_sign_it(self):
        self.start_tour(
            "/odoo", "softwhere_customer_account_tour", login="sw_assistant"
        )
        customer = self.env["res.partner"].search([("name", "=", "Fromagerie Durand")])
        self.assertEqual(customer.customer_status, "signed")
        self.assertEqual(customer.trade_name, "La Cave à Fromages")
        self.assertEqual(customer.child_ids.mobile, "+33612345678")
        self.assertRegex(customer.customer_reference, r"^CL\d{4}$")
