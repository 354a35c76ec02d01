# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import SoftwhereBillingCase


@tagged("post_install", "-at_install")
class TestFiscalPosition(SoftwhereBillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.exempt = cls.company._softwhere_fiscal_position("exempt")
        cls.arcep = cls.company._softwhere_fiscal_position("arcep")

    def test_the_chart_of_accounts_brings_both_positions_once(self):
        self.assertTrue(self.exempt and self.arcep)
        self.assertEqual(
            self.arcep.name, "Self-assessed VAT – telecom operators (Arcep)"
        )
        self.assertEqual((self.exempt | self.arcep).company_id, self.company)
        self.assertFalse(self.exempt.auto_apply or self.arcep.auto_apply)
        count = self.env["account.fiscal.position"].search_count(
            [("company_id", "=", self.company.id)]
        )
        self.company._softwhere_setup_billing_taxes()
        self.assertEqual(
            self.env["account.fiscal.position"].search_count(
                [("company_id", "=", self.company.id)]
            ),
            count,
        )

    def test_positions_map_20_percent_to_0_percent(self):
        exempt_tax = self.exempt.map_tax(self.tax_20)
        self.assertEqual(exempt_tax.amount, 0.0)
        self.assertNotEqual(exempt_tax, self.tax_20)
        arcep_tax = self.arcep.map_tax(self.tax_20)
        self.assertEqual(arcep_tax.amount, 0.0)
        self.assertIn("283-2 octies", arcep_tax.invoice_legal_notes)
        self.assertNotEqual(arcep_tax, exempt_tax)

    def test_charge_vat_off_gives_the_exempt_position(self):
        site = self.create_site()
        self.assertFalse(site.fiscal_position_id)
        site.partner_id.charge_vat = False
        self.assertEqual(site.fiscal_position_id, self.exempt)
        invoice = self.create_invoice(site)
        self.assertEqual(invoice.fiscal_position_id, self.exempt)
        self.assertEqual(invoice.invoice_line_ids.tax_ids.amount, 0.0)
        self.assertEqual(invoice.amount_total, 100.0)
        site.partner_id.charge_vat = True
        self.assertFalse(site.fiscal_position_id)

    def test_arcep_operator_invoice_line_at_20_becomes_0_with_the_legal_note(self):
        site = self.create_site("Opérateur Réseaux Garcia")
        site.partner_id.vat_auto_reverse = True
        self.assertEqual(site.fiscal_position_id, self.arcep)
        invoice = self.create_invoice(site, price=250.0)
        line = invoice.invoice_line_ids
        self.assertEqual(self.product.taxes_id, self.tax_20)
        self.assertEqual(line.tax_ids.amount, 0.0)
        self.assertEqual(invoice.amount_tax, 0.0)
        self.assertEqual(invoice.amount_total, 250.0)
        self.assertIn(
            "Self-assessed VAT – article 283-2 octies", invoice.taxes_legal_notes
        )

    def test_arcep_wins_over_charge_vat_off(self):
        site = self.create_site()
        site.partner_id.write({"charge_vat": False, "vat_auto_reverse": True})
        self.assertEqual(site.fiscal_position_id, self.arcep)

    def test_other_customers_keep_their_20_percent(self):
        site = self.create_site()
        invoice = self.create_invoice(site)
        self.assertEqual(invoice.invoice_line_ids.tax_ids, self.tax_20)
        self.assertEqual(invoice.amount_total, 120.0)
        # An invoice without a site, to a French customer: domestic, 20 %.
        other = self.create_invoice(site, billing_site_id=False)
        self.assertEqual(other.invoice_line_ids.tax_ids, self.tax_20)

    def test_the_position_is_editable_and_mapped_by_the_site(self):
        site = self.create_site()
        site.fiscal_position_id = self.exempt
        self.assertEqual(site._invoice_taxes().amount, 0.0)
        site.fiscal_position_id = False
        self.assertEqual(site._invoice_taxes(), self.tax_20)

    def test_the_legal_note_is_french_on_french_invoices(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        company = self.env["res.company"].create(
            {"name": "Marque Sud", "country_id": self.france.id}
        )
        self.env["account.chart.template"].try_loading("fr", company)
        arcep = company._softwhere_fiscal_position("arcep")
        french = arcep.with_context(lang="fr_FR")
        self.assertEqual(french.name, "Autoliquidation – opérateurs télécom (Arcep)")
        self.assertIn(
            "Autoliquidation – article 283-2 octies du CGI",
            french.map_tax(
                self.env.ref(f"account.{company.id}_tva_normale_encaissement")
            ).invoice_legal_notes,
        )
        self.assertEqual(
            arcep.with_context(lang="en_US").name,
            "Self-assessed VAT – telecom operators (Arcep)",
        )

    def _branch(self, name, parent):
        branch = self.env["res.company"].create(
            {"name": name, "parent_id": parent.id, "country_id": self.france.id}
        )
        self.env["account.chart.template"].try_loading("fr", branch)
        return branch

    def test_branches_use_their_parents_positions(self):
        # As l10n_fr_account's FEC test and sale's branch tour do: the French
        # chart on branches of branches, without a duplicate tax name.
        branch = self._branch("Actif Télécom Nord", self.company)
        sub_branch = self._branch("Actif Télécom Lille", branch)
        for company in (branch, sub_branch):
            self.assertEqual(company._softwhere_fiscal_position("exempt"), self.exempt)
            self.assertEqual(company._softwhere_fiscal_position("arcep"), self.arcep)
        self.assertFalse(
            self.env["account.fiscal.position"].search(
                [("company_id", "in", (branch | sub_branch).ids)]
            )
        )
        site = self.create_site()
        site.company_id = branch
        site.partner_id.charge_vat = False
        self.assertEqual(site.fiscal_position_id, self.exempt)

    def test_the_hook_on_a_family_makes_the_parents_positions_only(self):
        branch = self.env["res.company"].create(
            {"name": "Actif Télécom Est", "parent_id": self.company.id}
        )
        (branch | self.company)._softwhere_setup_billing_taxes()
        self.assertEqual(branch._softwhere_fiscal_position("exempt"), self.exempt)

    def test_a_chart_loaded_again_finds_its_positions_and_taxes(self):
        exempt_tax = self.exempt.map_tax(self.tax_20)
        self.env["account.chart.template"].try_loading(
            "fr", self.company, force_create=False
        )
        self.assertEqual(self.company._softwhere_fiscal_position("exempt"), self.exempt)
        # Its external id lost, the position is found by its name.
        self.env["ir.model.data"].search(
            [("model", "=", "account.fiscal.position"), ("res_id", "=", self.exempt.id)]
        ).unlink()
        self.company._softwhere_setup_billing_taxes()
        self.assertEqual(self.company._softwhere_fiscal_position("exempt"), self.exempt)
        self.assertEqual(self.exempt.map_tax(self.tax_20), exempt_tax)

    def test_a_family_member_with_its_own_positions_gets_a_named_tax(self):
        # A branch made the positions before its parent had any: the branch's
        # tax says whose it is rather than break the unique tax names.
        branch = self._branch("Actif Télécom Ouest", self.company)
        ours = self.env["ir.model.data"].search(
            [
                ("module", "=", "softwhere_billing"),
                ("name", "=like", f"{self.company.id}\\_%"),
            ]
        )
        ours.filtered(lambda d: "payment_mode" not in d.name).unlink()
        branch._softwhere_setup_billing_taxes()
        self.company._softwhere_setup_billing_taxes()
        taxes = branch._softwhere_fiscal_position("exempt").map_tax(self.tax_20)
        self.assertEqual(taxes.company_id, branch)
        self.assertIn("(Actif Télécom Ouest)", taxes.name)
