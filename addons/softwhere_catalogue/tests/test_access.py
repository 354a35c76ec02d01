# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ast import literal_eval

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MODULE, SoftwhereCatalogueCase


@tagged("post_install", "-at_install")
class TestAccess(SoftwhereCatalogueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.article = cls.create_article(
            "Forfait Lecture", list_price=10.0, planned_purchase_price=4.0
        )

    def test_a_user_reads_catalogues_and_articles(self):
        catalogues = self.Catalogue.with_user(self.user).search([])
        self.assertIn(self.catalogue, catalogues)
        self.assertIn(self.env.ref(f"{MODULE}.catalogue_mobile_orange"), catalogues)
        article = self.article.with_user(self.user)
        self.assertRecordValues(
            article,
            [
                {
                    "catalogue_id": self.catalogue.id,
                    "operator_id": self.orange.id,
                    "planned_purchase_price": 4.0,
                    "softwhere_margin": 6.0,
                }
            ],
        )
        by_label = self.Catalogue.with_user(self.user)._articles_by_label(
            ["Forfait Lecture"]
        )
        self.assertEqual(by_label["Forfait Lecture"], self.article.product_variant_id)

    def test_a_user_opens_the_catalogue_menus(self):
        for xml_id in (
            f"{MODULE}.softwhere_catalogue_action",
            f"{MODULE}.product_template_article_action",
        ):
            action = self.env.ref(xml_id)
            views = [(view.view_id.id, view.view_mode) for view in action.view_ids]
            views = views or [(False, mode) for mode in action.view_mode.split(",")]
            model = self.env[action.res_model].with_user(self.user)
            result = model.get_views(
                [*views, (action.search_view_id.id, "search")],
                {"action_id": action.id},
            )
            self.assertEqual(
                set(result["views"]), {mode for _id, mode in views} | {"search"}
            )
            self.assertTrue(model.search_count(literal_eval(action.domain or "[]")))
        menus = self.env["ir.ui.menu"].with_user(self.user)._visible_menu_ids()
        self.assertIn(self.env.ref(f"{MODULE}.product_template_article_menu").id, menus)
        self.assertNotIn(self.env.ref(f"{MODULE}.res_partner_operator_menu").id, menus)

    def test_a_user_cannot_edit_catalogues_or_articles(self):
        catalogue = self.catalogue.with_user(self.user)
        with self.assertRaises(AccessError):
            catalogue.name = "Modifié"
        with self.assertRaises(AccessError):
            self.Catalogue.with_user(self.user).create(
                {
                    "name": "Refusé",
                    "code": "refuse",
                    "operator_id": self.orange.id,
                    "service_type": "mobile",
                }
            )
        article = self.article.with_user(self.user)
        for values in ({"list_price": 1.0}, {"planned_purchase_price": 1.0}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                article.write(values)
        with self.assertRaises(AccessError):
            self.Template.with_user(self.user).create(
                {
                    "name": "Refusé",
                    "catalogue_id": self.catalogue.id,
                    "softwhere_kind": "option",
                }
            )
        self.assertEqual(self.operator_sellers(self.article).price, 4.0)

    def test_a_manager_edits_catalogues_and_articles(self):
        Catalogue = self.Catalogue.with_user(self.manager)
        catalogue = Catalogue.create(
            {
                "name": "Essai – Fixe – Actif",
                "code": "essai_fixe",
                "operator_id": self.actif.id,
                "service_type": "fixe",
            }
        )
        article = (
            self.env["product.template"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Trunk SIP Essai",
                    "catalogue_id": catalogue.id,
                    "softwhere_kind": "subscription",
                    "list_price": 30.0,
                    "planned_purchase_price": 11.0,
                    "supplier_article_code": "AC-ESSAI",
                }
            )
        )
        self.assertEqual(article.softwhere_margin, 19.0)
        self.assertEqual(self.operator_sellers(article).price, 11.0)
        article.planned_purchase_price = 12.0
        self.assertEqual(self.operator_sellers(article).price, 12.0)
        catalogue.active = False
        self.assertFalse(article.active)
        self.bouygues_catalogue.with_user(self.manager).unlink()

    def test_an_employee_reads_but_does_not_edit(self):
        catalogue = self.catalogue.with_user(self.employee)
        self.assertEqual(catalogue.name, self.catalogue.name)
        self.assertEqual(self.article.with_user(self.employee).catalogue_id, catalogue)
        with self.assertRaises(AccessError):
            catalogue.platform = "none"

    def test_a_catalogue_of_another_company_is_hidden(self):
        company = self.env["res.company"].create({"name": "Marque Sud"})
        other = self.Catalogue.create(
            {
                "name": "Catalogue Sud",
                "code": "sud",
                "operator_id": self.orange.id,
                "service_type": "mobile",
                "company_id": company.id,
                "white_label_id": False,
            }
        )
        self.assertNotIn(other, self.Catalogue.with_user(self.user).search([]))
