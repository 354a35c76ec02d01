# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import date, timedelta
from urllib.parse import urlparse

from odoo import fields, http
from odoo.tests import new_test_user

from odoo.addons.softwhere_billing.tests.common import IBAN, OTHER_BIC, OTHER_IBAN
from odoo.addons.softwhere_client.tests.common import SoftwhereFrenchHttpCase
from odoo.addons.softwhere_park.tests.common import InvoiceDocumentCase

#: What a page must never hold: the full IBANs, as typed and compact.
FULL_IBANS = (IBAN, IBAN.replace(" ", ""), OTHER_IBAN, OTHER_IBAN.replace(" ", ""))


class SoftwherePortalCase(InvoiceDocumentCase, SoftwhereFrenchHttpCase):
    """Two customer accounts of one company, each with a billing site and its
    SEPA mandate, a mobile service and a line, and a portal user among its
    contacts; the supplier and Cfast platforms a request is drafted for.

    Customer A is the park case's Boulangerie Martin; customer B, Garage Dubois.
    """

    french_modules = (
        "softwhere_client",
        "softwhere_billing",
        "softwhere_park",
        "softwhere_deployment",
        "softwhere_portal",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.option_eu = cls.article("OR-OEU")  # Option Europe Voyage Orange
        cls.option_data = cls.article("OR-OD10")  # Option Data +10Go Orange
        cls.bouygues_plan = cls.article("BY-PI40")
        cls.fixed_plan = cls.article("AC-VOIP")
        # Customer A.
        cls.customer_a, cls.site_a, cls.service_a = cls.customer, cls.site, cls.mobile
        cls.site_a.write(cls.mandate_values())
        cls.line_a = cls.create_line(
            "0612345678",
            first_name="Léa",
            last_name="Petit",
            articles=[
                (cls.plan_20, date(2026, 1, 1)),
                (cls.option_eu, date(2026, 3, 1)),
            ],
        )
        # Customer B.
        cls.site_b = cls.create_site("Garage Dubois")
        cls.customer_b = cls.site_b.partner_id
        cls.site_b.write(
            cls.mandate_values(mandate_iban=OTHER_IBAN, mandate_bic=OTHER_BIC)
        )
        cls.service_b = cls.Service.create(
            {
                "name": "Garage Dubois – Mobiles",
                "partner_id": cls.customer_b.id,
                "service_type": "mobile",
            }
        )
        cls.line_b = cls.create_line(
            "0698765432",
            service=cls.service_b,
            first_name="Julien",
            last_name="Dubois",
            articles=[(cls.plan_100, date(2026, 2, 1))],
        )
        # The platforms a customer's request is drafted for (not called).
        cls.supplier_backend = cls.env["softwhere.supplier.backend"].create(
            {
                "name": "SNAIC",
                "platform": "snaic",
                "url": "http://127.0.0.1:9/soap/parc",
                "company_id": cls.company.id,
            }
        )
        cls.cfast_backend = cls.env["softwhere.cfast.backend"].create(
            {"name": "Cfast", "url": "http://127.0.0.1:9", "company_id": cls.company.id}
        )
        cls.portal_a = cls.portal_user("portal_a", "Camille Martin", cls.customer_a)
        cls.portal_b = cls.portal_user("portal_b", "Julien Dubois", cls.customer_b)
        cls.Order = cls.env["softwhere.provisioning.order"]
        #: A day ahead: the date a customer asks a change for.
        cls.later = fields.Date.to_string(fields.Date.today() + timedelta(days=30))

    @classmethod
    def portal_user(cls, login, name, customer):
        contact = cls.env["res.partner"].create(
            {"name": name, "parent_id": customer.id, "type": "contact"}
        )
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            groups="base.group_portal",
            partner_id=contact.id,
            email=f"{login}@example.fr",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
            lang="fr_FR",
            tz="Europe/Paris",
        )

    def page(self, url, status=200):
        """The page's text after redirections, and where it ended."""
        response = self.url_open(url)
        self.assertEqual(response.status_code, status, url)
        return response

    def landed_on(self, response):
        """Where a redirection ended, without the language of the URL."""
        return re.sub(r"^/fr(?=/)", "", urlparse(response.url).path)

    def ask(self, line, kind, product=None, day=None, **extra):
        """Post the line page's request form as the browser does."""
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "kind": kind,
            "date": day or "",
            **extra,
        }
        if product is not None:
            data["product_id"] = str(product.id if product else "")
        return self.url_open(f"/my/lines/{line.id}/request", data=data)

    def customer_orders(self):
        return self.Order.search([("requested_by_id", "!=", False)])
