# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import SoftwhereCatalogueCase


@tagged("post_install", "-at_install")
class TestArticle(SoftwhereCatalogueCase):
    def label(self, field_name):
        return self.Template._fields[field_name]._description_string(self.env)

    # -- defaults ----------------------------------------------------------------------
    def test_defaults_of_a_new_subscription(self):
        article = self.create_article(list_price=12.9)
        self.assertRecordValues(
            article,
            [
                {
                    "type": "service",
                    "is_periodic": True,
                    "operator_id": self.orange.id,
                    "softwhere_service_type": "mobile",
                    "company_id": self.catalogue.company_id.id,
                    "planned_purchase_price": 0.0,
                    "supplier_article_code": False,
                    "supplier_article_label": False,
                    "softwhere_margin": 12.9,
                    "softwhere_margin_rate": 100.0,
                }
            ],
        )
        self.assertFalse(article.variant_seller_ids)
        self.assertEqual(self.catalogue.article_count, 1)
        self.assertEqual(self.catalogue.article_ids, article)

    def test_each_kind_gives_its_type_and_periodicity(self):
        expected = {
            "subscription": ("service", True),
            "option": ("service", True),
            "one_off": ("service", False),
            "hardware": ("consu", False),
        }
        for kind, (product_type, periodic) in expected.items():
            with self.subTest(kind=kind):
                article = self.create_article(f"Article {kind}", kind)
                self.assertEqual((article.type, article.is_periodic), expected[kind])
                self.assertEqual(article.product_variant_id.type, product_type)
                self.assertEqual(article.product_variant_id.is_periodic, periodic)

    def test_changing_the_kind_changes_the_type(self):
        article = self.create_article(kind="option")
        article.softwhere_kind = "hardware"
        self.assertEqual(article.type, "consu")
        self.assertFalse(article.is_periodic)
        article.softwhere_kind = "subscription"
        self.assertEqual(article.type, "service")

    def test_an_article_made_in_the_product_form(self):
        form = Form(self.Template, view="product.product_template_only_form_view")
        form.name = "Smartphone Essai"
        form.catalogue_id = self.catalogue
        form.softwhere_kind = "hardware"
        self.assertEqual(form.type, "consu")
        self.assertEqual(form.operator_id, self.orange)
        form.list_price = 300.0
        form.planned_purchase_price = 240.0
        form.supplier_article_code = "HW-ESSAI"
        self.assertEqual(form.softwhere_margin, 60.0)
        self.assertEqual(form.softwhere_margin_rate, 20.0)
        article = form.save()
        self.assertRecordValues(
            self.operator_sellers(article),
            [{"price": 240.0, "product_code": "HW-ESSAI"}],
        )
        self.assertEqual(article.company_id, self.catalogue.company_id)

    def test_articles_made_in_the_catalogue_form(self):
        with Form(self.catalogue) as form:
            with form.article_ids.new() as line:
                line.name = "Option Essai en ligne"
                line.softwhere_kind = "option"
                line.list_price = 5.0
                line.planned_purchase_price = 2.0
                line.supplier_article_label = "OPT ESSAI"
                self.assertEqual(line.softwhere_margin, 3.0)
            with form.article_ids.new() as line:
                line.name = "Carte SIM Essai"
                line.softwhere_kind = "hardware"
        option, sim = self.catalogue.article_ids.sorted("name", reverse=True)
        self.assertRecordValues(
            option | sim,
            [
                {"type": "service", "is_periodic": True, "planned_purchase_price": 2.0},
                {"type": "consu", "is_periodic": False, "planned_purchase_price": 0.0},
            ],
        )
        self.assertEqual(self.operator_sellers(option).product_name, "OPT ESSAI")
        self.assertFalse(sim.variant_seller_ids)

    def test_other_products_are_left_alone(self):
        product = self.Template.create({"name": "Câble RJ45", "list_price": 5.0})
        self.assertFalse(product.catalogue_id or product.softwhere_kind)
        self.assertEqual(product.type, "consu")
        self.assertEqual(
            (product.softwhere_margin, product.planned_purchase_price), (0.0, 0.0)
        )

    # -- planned purchase price, supplier code and label -------------------------------
    def test_the_planned_purchase_price_is_the_operator_vendor_price(self):
        article = self.create_article(list_price=19.9)
        article.planned_purchase_price = 8.5
        seller = self.operator_sellers(article)
        self.assertRecordValues(
            seller,
            [
                {
                    "partner_id": self.orange.id,
                    "price": 8.5,
                    "product_tmpl_id": article.id,
                    "company_id": article.company_id.id,
                }
            ],
        )
        product = article.product_variant_id
        self.assertEqual(product._select_seller(partner_id=self.orange), seller)
        self.assertEqual(product._select_seller(quantity=1), seller)
        # A new price updates the same vendor price.
        product.planned_purchase_price = 9.1
        self.assertEqual(self.operator_sellers(article), seller)
        self.assertEqual(seller.price, 9.1)
        self.assertEqual(product._select_seller(partner_id=self.orange).price, 9.1)
        # What purchasing changes is what the article shows.
        seller.price = 7.75
        self.assertEqual(article.planned_purchase_price, 7.75)
        self.assertAlmostEqual(article.softwhere_margin, 12.15)

    def test_supplier_code_and_label_are_the_vendor_code_and_name(self):
        article = self.create_article(
            "Forfait Pro Essai",
            planned_purchase_price=4.2,
            supplier_article_code="OR-ESSAI",
            supplier_article_label="PRO ESSAI 5GO",
        )
        seller = self.operator_sellers(article)
        self.assertRecordValues(
            seller,
            [
                {
                    "price": 4.2,
                    "product_code": "OR-ESSAI",
                    "product_name": "PRO ESSAI 5GO",
                }
            ],
        )
        product = article.product_variant_id
        self.assertEqual(
            product.with_context(partner_id=self.orange.id).display_name,
            "[OR-ESSAI] PRO ESSAI 5GO",
        )
        self.assertEqual(product.display_name, "Forfait Pro Essai")
        article.supplier_article_label = "PRO ESSAI 10GO"
        self.assertEqual(seller.product_name, "PRO ESSAI 10GO")
        self.assertEqual(self.operator_sellers(article), seller)

    def test_an_archived_article_keeps_its_one_vendor_price(self):
        article = self.create_article(planned_purchase_price=4.0)
        seller = self.operator_sellers(article)
        article.active = False
        article.write(
            {"planned_purchase_price": 4.5, "supplier_article_code": "OR-ARC"}
        )
        self.assertEqual(self.operator_sellers(article), seller)
        self.assertRecordValues(seller, [{"price": 4.5, "product_code": "OR-ARC"}])
        self.assertEqual(article.planned_purchase_price, 4.5)

    def test_a_code_alone_makes_a_vendor_price(self):
        article = self.create_article(supplier_article_code="OR-SEUL")
        self.assertRecordValues(
            self.operator_sellers(article), [{"price": 0.0, "product_code": "OR-SEUL"}]
        )

    def test_the_vendor_price_of_another_supplier_is_not_the_planned_one(self):
        article = self.create_article(planned_purchase_price=4.0)
        article.write(
            {
                "seller_ids": [
                    Command.create({"partner_id": self.bouygues.id, "price": 1.0})
                ]
            }
        )
        self.assertEqual(article.planned_purchase_price, 4.0)
        self.assertEqual(len(article.variant_seller_ids), 2)

    def test_a_purchase_price_needs_a_catalogue(self):
        product = self.Template.create({"name": "Produit libre"})
        with self.assertRaises(ValidationError) as error:
            product.planned_purchase_price = 3.0
        message = str(error.exception)
        self.assertIn("Produit libre", message)
        self.assertIn(self.label("planned_purchase_price"), message)

    def test_margin_and_margin_rate(self):
        article = self.create_article(list_price=20.0, planned_purchase_price=8.0)
        self.assertEqual(
            (article.softwhere_margin, article.softwhere_margin_rate), (12.0, 60.0)
        )
        article.list_price = 6.0
        self.assertEqual(article.softwhere_margin, -2.0)
        self.assertAlmostEqual(article.softwhere_margin_rate, -33.33, places=2)
        article.list_price = 0.0
        self.assertEqual(
            (article.softwhere_margin, article.softwhere_margin_rate), (-8.0, 0.0)
        )

    # -- constraints -------------------------------------------------------------------
    def test_a_kind_needs_a_catalogue_and_a_catalogue_a_kind(self):
        with self.assertRaises(ValidationError) as error:
            self.Template.create(
                {"name": "Option orpheline", "softwhere_kind": "option"}
            )
        self.assertIn("Option orpheline", str(error.exception))
        self.assertIn(self.label("catalogue_id"), str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self.Template.create(
                {"name": "Sans nature", "catalogue_id": self.catalogue.id}
            )
        self.assertIn("Sans nature", str(error.exception))
        self.assertIn(self.label("softwhere_kind"), str(error.exception))
        self.assertIn(self.catalogue.name, str(error.exception))

    def test_hardware_is_goods_and_the_rest_services(self):
        article = self.create_article("Forfait Essai", "subscription")
        with self.assertRaises(ValidationError) as error:
            article.type = "consu"
        self.assertIn("Forfait Essai", str(error.exception))
        self.assertIn(self.label("type"), str(error.exception))
        with self.assertRaises(ValidationError):
            self.create_article("Téléphone", "hardware", type="service")

    def test_prices_cannot_be_negative(self):
        article = self.create_article("Forfait Négatif")
        for field_name in ("list_price", "planned_purchase_price"):
            with (
                self.subTest(field=field_name),
                self.assertRaises(ValidationError) as error,
            ):
                article.write({field_name: -1.0})
            self.assertIn("Forfait Négatif", str(error.exception))
            self.assertIn(self.label(field_name), str(error.exception))

    def test_two_articles_cannot_share_a_label(self):
        first = self.create_article("Forfait Unique")
        with self.assertRaises(ValidationError) as error:
            self.create_article(
                "Forfait Unique", catalogue_id=self.bouygues_catalogue.id
            )
        message = str(error.exception)
        self.assertIn("Forfait Unique", message)
        self.assertIn(self.label("name"), message)
        self.assertIn(self.catalogue.name, message)
        # An archived article leaves its label free.
        first.active = False
        other = self.create_article("Forfait Unique")
        self.assertTrue(other.active)
        with self.assertRaises(ValidationError):
            first.active = True

    def test_an_unused_article_may_change_operator(self):
        article = self.create_article(planned_purchase_price=4.0)
        article.catalogue_id = self.bouygues_catalogue
        self.assertEqual(article.operator_id, self.bouygues)
        # Its price is now Bouygues Telecom's: none yet; Orange's stays a vendor price.
        self.assertEqual(article.planned_purchase_price, 0.0)
        article.planned_purchase_price = 3.0
        self.assertEqual(self.operator_sellers(article, self.bouygues).price, 3.0)
        self.assertEqual(self.operator_sellers(article, self.orange).price, 4.0)

    def test_a_used_article_keeps_its_operator(self):
        article = self.create_article("Forfait Facturé", list_price=10.0)
        customer = self.env["res.partner"].create({"name": "Client Essai"})
        self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": article.product_variant_id.id, "quantity": 1}
                    )
                ],
            }
        )
        with self.assertRaises(ValidationError) as error:
            article.catalogue_id = self.bouygues_catalogue
        message = str(error.exception)
        for part in (
            "Forfait Facturé",
            self.label("catalogue_id"),
            "Orange",
            "Bouygues Telecom",
        ):
            self.assertIn(part, message)
        self.assertEqual(article.catalogue_id, self.catalogue)
        # Another catalogue of the same operator is fine.
        same_operator = self.catalogue.copy({"code": "essai_bis", "name": "Essai bis"})
        article.catalogue_id = same_operator
        self.assertEqual(article.operator_id, self.orange)

    # -- matching by label -------------------------------------------------------------
    def test_articles_by_label_in_one_query(self):
        first = self.create_article("Forfait Essai A")
        second = self.create_article("Option Essai B", "option")
        archived = self.create_article("Option Essai C", "option", active=False)
        archived_product = (
            self.env["product.product"]
            .with_context(active_test=False)
            .search([("product_tmpl_id", "=", archived.id)])
        )
        self.Template.create({"name": "Câble RJ45"})
        labels = ["Forfait Essai A", "Option Essai B", "Option Essai C", "Inconnu"]
        self.env.flush_all()
        with self.assertQueryCount(1):
            articles = self.Catalogue._articles_by_label(labels)
        self.assertEqual(
            articles,
            {
                "Forfait Essai A": first.product_variant_id,
                "Option Essai B": second.product_variant_id,
                "Option Essai C": archived_product,
            },
        )
        self.assertEqual(self.Catalogue._articles_by_label([]), {})
        everything = self.Catalogue._articles_by_label()
        self.assertEqual(everything["Forfait Essai A"], first.product_variant_id)
        self.assertNotIn("Câble RJ45", everything)

    def test_an_active_article_wins_over_an_archived_one_of_the_same_label(self):
        old = self.create_article("Forfait Repris", active=False)
        new = self.create_article(
            "Forfait Repris", catalogue_id=self.bouygues_catalogue.id
        )
        articles = self.Catalogue._articles_by_label(["Forfait Repris"])
        self.assertEqual(articles, {"Forfait Repris": new.product_variant_id})
        self.assertNotEqual(articles["Forfait Repris"].product_tmpl_id, old)
