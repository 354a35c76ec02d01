# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import itertools

from odoo import Command
from odoo.tests import tagged

from .common import SoftwhereBillingCase


@tagged("post_install", "-at_install")
class TestPartner(SoftwhereBillingCase):
    def test_a_new_customer_account_gets_its_default_site(self):
        customer = self.create_customer("Garage Dubois")
        site = customer.billing_site_ids
        self.assertEqual(len(site), 1)
        self.assertEqual(site.name, "Garage Dubois")
        self.assertEqual(site.company_id, self.company)
        self.assertEqual(site.periodicity, "monthly")
        self.assertEqual(customer.billing_site_count, 1)
        # A cheap site: no mandate, no message.
        self.assertFalse(site.mandate_id)
        self.assertFalse(site.message_ids)

    def test_a_batch_of_customers_gets_one_site_each(self):
        customers = self.Partner.create(
            [{"name": f"Client {number:03d}"} for number in range(30)]
        )
        sites = customers.billing_site_ids
        self.assertEqual(len(sites), 30)
        self.assertEqual(sites.partner_id, customers)
        self.assertEqual(sorted(sites.mapped("name")), sorted(customers.mapped("name")))

    def test_default_sites_get_what_a_site_alone_computes(self):
        """The default sites of a batch get their precomputed fields in one go
        (once per company and VAT setting): for every VAT setting and company,
        the values a site created alone computes, which are the oracle."""
        branch = self.env["res.company"].create(
            {"name": "Actif Télécom Nord", "parent_id": self.company.id}
        )
        self.env["account.chart.template"].try_loading("fr", branch)
        companies = [self.company.id, branch.id]
        settings = list(
            itertools.product(
                [self.company, branch, None], [True, False], [False, True]
            )
        )
        customers = self.Partner.with_context(allowed_company_ids=companies).create(
            [
                {
                    "name": f"Client {number}",
                    "company_id": company.id if company else False,
                    "charge_vat": charge_vat,
                    "vat_auto_reverse": arcep,
                }
                for number, (company, charge_vat, arcep) in enumerate(settings)
            ]
        )
        fields_ = ["name", "invoice_partner_id", "tax_id", "fiscal_position_id"]
        fields_ += ["payment_mode_id", "company_id", "state", "periodicity"]
        default_sites = customers.billing_site_ids
        for customer, (company, charge_vat, arcep) in zip(
            customers, settings, strict=True
        ):
            with self.subTest(
                company=company and company.name, charge=charge_vat, arcep=arcep
            ):
                site = default_sites & customer.billing_site_ids
                self.assertEqual(len(site), 1)
                alone = self.Site.with_context(allowed_company_ids=companies).create(
                    {"partner_id": customer.id, "company_id": site.company_id.id}
                )
                # A customer shared between companies: the current company's.
                self.assertEqual(site.company_id, company or self.company)
                for name in fields_:
                    self.assertEqual(site[name], alone[name], name)
        self.assertEqual(
            len(default_sites.filtered("fiscal_position_id")), 9, "exempt or arcep"
        )

    def test_no_default_site_when_sites_are_given(self):
        customer = self.Partner.create(
            {
                "name": "Transports Leroy",
                "billing_site_ids": [
                    Command.create({"name": "Leroy – Dépôt Nord"}),
                    Command.create(
                        {"name": "Leroy – Dépôt Sud", "periodicity": "annual"}
                    ),
                ],
            }
        )
        self.assertEqual(
            sorted(customer.billing_site_ids.mapped("name")),
            ["Leroy – Dépôt Nord", "Leroy – Dépôt Sud"],
        )

    def test_no_default_site_for_other_partners_or_when_the_import_says_so(self):
        contact = self.env["res.partner"].create({"name": "Camille Martin"})
        self.assertFalse(contact.billing_site_ids)
        imported = self.Partner.with_context(
            softwhere_no_default_billing_site=True
        ).create({"name": "Importé"})
        self.assertFalse(imported.billing_site_ids)

    def test_a_partner_made_customer_account_gets_its_site(self):
        partner = self.env["res.partner"].create(
            {"name": "Atelier Garnier", "is_company": True}
        )
        partner.is_customer_account = True
        self.assertEqual(len(partner.billing_site_ids), 1)
        partner.is_customer_account = False
        partner.is_customer_account = True
        self.assertEqual(len(partner.billing_site_ids), 1)

    def test_the_smart_button_opens_the_sites(self):
        customer = self.create_customer("Garage Dubois")
        action = customer.action_view_billing_sites()
        self.assertEqual(action["res_model"], "softwhere.billing.site")
        self.assertEqual(action["res_id"], customer.billing_site_ids.id)
        self.Site.create({"partner_id": customer.id, "name": "Garage Dubois – Atelier"})
        action = customer.action_view_billing_sites()
        self.assertEqual(self.Site.search(action["domain"]), customer.billing_site_ids)
        self.assertEqual(action["context"]["default_partner_id"], customer.id)

    def test_the_default_site_adds_few_queries_per_customer(self):
        """The default sites of a batch are one create: the extra queries do not grow
        with the number of customers (no query per customer)."""
        Partner = self.Partner.with_context(tracking_disable=True)
        Partner.create([{"name": "Chauffe"}])  # caches warmed, sequences read

        def extra_queries(count):
            names = [{"name": f"Client {count}-{n}"} for n in range(count)]
            self.env.flush_all()
            start = self.cr.sql_log_count
            Partner.with_context(softwhere_no_default_billing_site=True).create(names)
            self.env.flush_all()
            without = self.cr.sql_log_count - start
            names = [{"name": f"Client {count}-{n}bis"} for n in range(count)]
            start = self.cr.sql_log_count
            Partner.create(names)
            self.env.flush_all()
            return self.cr.sql_log_count - start - without

        small, large = extra_queries(20), extra_queries(80)
        self.assertLessEqual(large, small + 2, (small, large))
        self.assertLessEqual(small, 15, small)
