# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SoftwhereCatalogueCase


@tagged("post_install", "-at_install")
class TestCatalogue(SoftwhereCatalogueCase):
    def test_defaults_of_a_new_catalogue(self):
        catalogue = self.Catalogue.create(
            {
                "name": "Essai – Internet – Actif",
                "code": " essai_internet ",
                "operator_id": self.actif.id,
                "service_type": "internet",
            }
        )
        self.assertRecordValues(
            catalogue,
            [
                {
                    "code": "essai_internet",
                    "white_label_id": self.white_label.id,
                    "platform": "none",
                    "active": True,
                    "company_id": self.env.company.id,
                    "article_count": 0,
                }
            ],
        )

    def test_the_choices_of_service_type_platform_and_kind(self):
        def keys(model, field_name):
            return [
                key for key, _label in self.env[model]._fields[field_name].selection
            ]

        self.assertEqual(
            keys("softwhere.catalogue", "service_type"),
            ["fixe", "internet", "fixe_internet", "mobile", "cybersecurite"],
        )
        self.assertEqual(
            keys("softwhere.catalogue", "platform"), ["none", "snaic", "alphalink"]
        )
        self.assertEqual(
            keys("product.template", "softwhere_kind"),
            ["subscription", "option", "one_off", "hardware"],
        )

    def test_the_reference_is_unique_in_a_company_naming_both(self):
        with self.assertRaises(ValidationError) as error:
            self.Catalogue.create(
                {
                    "name": "Doublon",
                    "code": "essai_mobile_orange",
                    "operator_id": self.orange.id,
                    "service_type": "mobile",
                }
            )
        message = str(error.exception)
        self.assertIn("Doublon", message)
        self.assertIn("essai_mobile_orange", message)
        self.assertIn(self.catalogue.name, message)
        self.assertIn("Reference", message)
        with self.assertRaises(ValidationError):
            self.bouygues_catalogue.code = "essai_mobile_orange"

    def test_the_database_refuses_a_duplicate_reference_too(self):
        self.env.flush_all()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE softwhere_catalogue SET code = %s WHERE id = %s",
                ["essai_mobile_orange", self.bouygues_catalogue.id],
            )

    def test_the_same_reference_in_another_company(self):
        company = self.env["res.company"].create({"name": "Marque Sud"})
        other = self.Catalogue.create(
            {
                "name": "Essai Sud",
                "code": "essai_mobile_orange",
                "operator_id": self.orange.id,
                "service_type": "mobile",
                "company_id": company.id,
                "white_label_id": False,
            }
        )
        self.assertEqual(other.code, self.catalogue.code)
        article = self.create_article("Forfait Sud", catalogue_id=other.id)
        self.assertEqual(article.company_id, company)

    def test_articles_count_and_open_from_the_catalogue(self):
        articles = self.create_article("Forfait A") | self.create_article(
            "Option B", "option"
        )
        self.assertEqual(self.catalogue.article_count, 2)
        action = self.catalogue.action_view_articles()
        self.assertEqual(action["res_model"], "product.template")
        self.assertEqual(self.Template.search(action["domain"]), articles)
        self.assertEqual(action["context"]["default_catalogue_id"], self.catalogue.id)

    def test_archiving_a_catalogue_archives_its_articles(self):
        article = self.create_article()
        self.catalogue.active = False
        self.assertFalse(article.active)
        self.assertFalse(article.product_variant_ids.active)
        self.catalogue.active = True
        self.assertTrue(article.active)

    def test_a_catalogue_with_articles_is_archived_not_deleted(self):
        self.create_article()
        with self.assertRaises(UserError) as error:
            self.catalogue.unlink()
        self.assertIn(self.catalogue.name, str(error.exception))
        self.bouygues_catalogue.unlink()
        self.assertFalse(self.bouygues_catalogue.exists())

    def test_the_operator_of_the_articles_follows_the_catalogue(self):
        article = self.create_article()
        self.catalogue.operator_id = self.actif
        self.assertEqual(article.operator_id, self.actif)
        self.assertEqual(
            self.Template.search([("operator_id", "=", self.actif.id)]) & article,
            article,
        )
