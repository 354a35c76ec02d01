# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import SoftwhereCatalogueCase


@tagged("post_install", "-at_install")
class TestTaxes(SoftwhereCatalogueCase):
    """A French company whose chart of accounts comes after its first articles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create(
            {"name": "Actif Télécom SAS", "country_id": cls.env.ref("base.fr").id}
        )
        cls.french_catalogue = cls.Catalogue.create(
            {
                "name": "Essai – Fixe – Actif",
                "code": "essai_fixe_actif",
                "operator_id": cls.actif.id,
                "service_type": "fixe",
                "company_id": cls.company.id,
            }
        )
        cls.early_service = cls.create_article(
            "Trunk SIP Essai", catalogue_id=cls.french_catalogue.id
        )
        cls.early_hardware = cls.create_article(
            "Téléphone IP Essai", "hardware", catalogue_id=cls.french_catalogue.id
        )
        cls.env["account.chart.template"].try_loading(
            "fr", cls.company, install_demo=False
        )
        chart = cls.env["account.chart.template"].with_company(cls.company)
        cls.on_payments = chart.ref("tva_normale_encaissement")
        cls.on_debits = chart.ref("tva_normale")
        cls.exempt = chart.ref("tva_sale_service_0")

    def french_taxes(self, article):
        return article.taxes_id.filtered(lambda t: t.company_id == self.company)

    def test_the_french_20_percent_sale_tax(self):
        """On payments for services (French VAT on services), on debits for goods."""
        for kind, tax, exigibility in (
            ("subscription", self.on_payments, "on_payment"),
            ("option", self.on_payments, "on_payment"),
            ("one_off", self.on_payments, "on_payment"),
            ("hardware", self.on_debits, "on_invoice"),
        ):
            with self.subTest(kind=kind):
                found = self.Catalogue._reference_taxes(self.company, kind)
                self.assertEqual(found, tax)
                self.assertRecordValues(
                    found,
                    [
                        {
                            "amount": 20.0,
                            "type_tax_use": "sale",
                            "tax_exigibility": exigibility,
                        }
                    ],
                )

    def test_articles_made_before_the_chart_get_its_taxes(self):
        self.assertEqual(self.french_taxes(self.early_service), self.on_payments)
        self.assertEqual(self.french_taxes(self.early_hardware), self.on_debits)

    def test_a_new_article_gets_the_tax_of_its_kind(self):
        Template = self.Template.with_company(self.company)
        article = Template.create(
            {
                "name": "Poste Centrex Essai",
                "catalogue_id": self.french_catalogue.id,
                "softwhere_kind": "subscription",
            }
        )
        self.assertEqual(self.french_taxes(article), self.on_payments)
        article.softwhere_kind = "hardware"
        self.assertEqual(self.french_taxes(article), self.on_debits)

    def test_a_tax_chosen_by_hand_is_kept(self):
        article = self.create_article(
            "Option Essai exonérée",
            "option",
            catalogue_id=self.french_catalogue.id,
            taxes_id=[Command.set(self.exempt.ids)],
        )
        self.assertEqual(self.french_taxes(article), self.exempt)
        article.softwhere_kind = "subscription"
        self.assertEqual(self.french_taxes(article), self.exempt)

    def test_no_tax_and_no_failure_without_a_french_chart(self):
        company = self.env["res.company"].create({"name": "Sans plan comptable"})
        self.assertFalse(self.Catalogue._reference_taxes(company, "subscription"))
        catalogue = self.french_catalogue.copy(
            {"company_id": company.id, "code": "sans_plan"}
        )
        article = self.create_article("Forfait Sans Plan", catalogue_id=catalogue.id)
        self.assertFalse(article.taxes_id.filtered(lambda t: t.company_id == company))
