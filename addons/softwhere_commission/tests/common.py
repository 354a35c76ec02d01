# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user
from odoo.tests.common import freeze_time

from odoo.addons.softwhere_park.tests.common import SoftwhereParkCase

#: The customers of the tests are brought on this day: their terms apply from
#: January 2026.
SIGNED = "2026-01-10 09:00:00"


class SoftwhereCommissionCase(SoftwhereParkCase):
    """The park case's company, two business providers and their customers,
    invoices posted on chosen dates, statements computed on chosen days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Statement = cls.env["softwhere.commission.statement"]
        cls.Terms = cls.env["softwhere.commission.rate"]
        cls.provider = cls.create_provider("Apport Conseil", 10.0)
        cls.other_provider = cls.create_provider("Réseau Pro", 5.0)
        cls.sales_manager = new_test_user(
            cls.env,
            login="sw_commission_manager",
            name="Responsable commercial",
            groups="softwhere_client.softwhere_client_group_manager",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )

    @classmethod
    def create_provider(cls, name, rate):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "is_business_provider": True,
                "softwhere_partner_type": "business_provider",
                "provider_commission_rate": rate,
            }
        )

    @classmethod
    def brought_site(cls, name, provider, rate=None, when=SIGNED):
        """A billing site of a customer account brought by ``provider`` on
        ``when`` (at the provider's standard commission unless ``rate``)."""
        values = {"business_provider_id": provider.id}
        if rate is not None:
            values["commission_rate"] = rate
        with freeze_time(when):
            customer = cls.create_customer(name, **values)
        customer.customer_status = "active_compliant"
        return customer.billing_site_ids

    @classmethod
    def post_invoice(cls, site, day, amount, refund=False):
        """A customer invoice (or credit note) of ``amount`` untaxed, posted."""
        return cls.create_invoice(
            site,
            price=amount,
            move_type="out_refund" if refund else "out_invoice",
            invoice_date=day,
        )

    def compute(self, month, today, user=None):
        """The statements of ``month`` as computed on ``today``."""
        Statement = self.Statement.with_user(user) if user else self.Statement
        with freeze_time(today):
            return Statement._compute_month(month, self.company)
