# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError

from odoo.addons.softwhere_billing.tests.common import SoftwhereBillingCase
from odoo.addons.softwhere_catalogue.reference import xmlid_name


class SoftwhereParkCase(SoftwhereBillingCase):
    """The billing case's company and customers, with the reference catalogues'
    articles and a mobile service to put lines in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The reference catalogues are the main company's: this company of the
        # tests takes them over, as a reseller running one company would have them.
        catalogues = cls.env["softwhere.catalogue"].with_context(active_test=False)
        catalogues = catalogues.search([])
        catalogues.write({"company_id": cls.company.id})
        templates = catalogues.article_ids.with_context(active_test=False)
        templates.write({"company_id": cls.company.id})
        templates.seller_ids.write({"company_id": cls.company.id})
        templates._softwhere_apply_reference_taxes()
        cls.Service = cls.env["softwhere.service"]
        cls.Line = cls.env["softwhere.line"]
        cls.plan_20 = cls.article("OR-PI20")  # 19.90 sold, 8.50 bought
        cls.plan_100 = cls.article("OR-PI100")  # 29.90 sold, 12.90 bought
        cls.site = cls.create_site("Boulangerie Martin")
        cls.customer = cls.site.partner_id
        cls.mobile = cls.Service.create(
            {"partner_id": cls.customer.id, "service_type": "mobile"}
        )

    @classmethod
    def create_site(cls, name="Boulangerie Martin", **values):
        """A billing site of a signed customer: one awaiting signature is not
        invoiced."""
        site = super().create_site(name, **values)
        site.partner_id.customer_status = "active_compliant"
        return site

    @contextmanager
    def assertRefused(self, regex, exception=ValidationError):
        """The error, its message, and nothing of the refused write left."""
        with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
            yield

    @classmethod
    def article(cls, supplier_code):
        return cls.env.ref(f"softwhere_catalogue.article_{xmlid_name(supplier_code)}")

    @classmethod
    def create_sites_with_a_line(cls, count, plan):
        """``count`` more customers, each with a billing site and a mobile line
        on ``plan`` since 1 January 2026."""
        sites = cls.env["softwhere.billing.site"]
        for index in range(count):
            site = cls.create_site(f"Client {index}")
            service = cls.Service.create(
                {"partner_id": site.partner_id.id, "service_type": "mobile"}
            )
            cls.create_line(
                f"061111111{index}", service=service, articles=[(plan, D(2026, 1, 1))]
            )
            sites |= site
        return sites

    @classmethod
    def create_line(cls, number="0612345678", service=None, articles=(), **values):
        """A line with its subscriptions and options: (article, start[, end])."""
        history = [
            Command.create(
                {
                    "product_id": entry[0].id,
                    "date_start": entry[1],
                    "date_end": entry[2] if len(entry) > 2 else False,
                }
            )
            for entry in articles
        ]
        return cls.Line.create(
            {
                "name": number,
                "service_id": (service or cls.mobile).id,
                "article_ids": history,
                **values,
            }
        )


D = date
