# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import SoftwhereCatalogueCase


@tagged("post_install", "-at_install")
class TestTaxes(SoftwhereCatalogueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.french_company = cls.env["res.company"].create(
            {"name": "Actif Télécom SAS", "country_id": cls.env.ref("base.fr").id}
        )
        cls.env["account.chart.template"].try_loading(
            "fr", cls.french_company, install_demo=False
        )

    def test_the_french_20_percent_sale_tax(self):
        """On payments for services (French VAT on services), on debits for goods."""
        for kind, exigibility, xml_name in (
            ("subscription", "on_payment", "tva_normale_encaissement"),
            ("option", "on_payment", "tva_normale_encaissement"),
            ("one_off", "on_payment", "tva_normale_encaissement"),
            ("hardware", "on_invoice", "tva_normale"),
        ):
            with self.subTest(kind=kind):
                tax = self.Catalogue._reference_taxes(self.french_company, kind)
                self.assertRecordValues(
                    tax,
                    [
                        {
                            "amount": 20.0,
                            "type_tax_use": "sale",
                            "tax_exigibility": exigibility,
                            "company_id": self.french_company.id,
                        }
                    ],
                )
                company_id = self.french_company.id
                self.assertEqual(tax, self.env.ref(f"account.{company_id}_{xml_name}"))

    def test_no_tax_and_no_failure_without_a_french_chart(self):
        company = self.env["res.company"].create({"name": "Sans plan comptable"})
        self.assertFalse(self.Catalogue._reference_taxes(company, "subscription"))
