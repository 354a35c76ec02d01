# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.addons.softwhere_park.tests.common import SoftwhereParkCase

from softwhere_lib.cfast import Service
from softwhere_lib.reconciliation import GAP_KINDS
from softwhere_lib.vocabulary import ENDED_LINE_ACTIVITIES
from softwhere_sim import snaic as snaic_sim
from softwhere_sim.alphalink import DEFAULT_API_KEY, start_alphalink
from softwhere_sim.park import Park

#: Quiet batch creates: no chatter for generated records.
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}


def _in_one_go(model, vals_list):
    return model.create(vals_list)


def load_park(env, park, company, create=_in_one_go):
    """Odoo's park from a simulated Cfast park, as its sync would make it for
    the reconciliation: customers, their billing sites, services and lines
    with their plan history. ``create(model, vals_list)`` makes the records
    (``make bench-recon`` creates them in batches). Returns the lines made."""
    env = env(context=dict(env.context, **QUIET))
    partners = create(
        env["res.partner"],
        [
            {
                "name": item["customer_name"],
                "is_company": True,
                "is_customer_account": True,
                "customer_reference": item["customerReference"],
                "company_id": company.id,
            }
            for item in park.customers
        ],
    )
    site_of = {
        partner.customer_reference: partner.billing_site_ids[:1] for partner in partners
    }
    partners.billing_site_ids.company_id = company
    services = create(
        env["softwhere.service"],
        [
            {
                "name": item["name"],
                "partner_id": site_of[item["customerReference"]].partner_id.id,
                "billing_site_id": site_of[item["customerReference"]].id,
                "service_type": item["siteType"].lower(),
                "cfast_site_id": item["siteId"],
            }
            for item in park.sites
        ],
    )
    service_of = {service.cfast_site_id: service.id for service in services}
    articles = env["softwhere.catalogue"]._articles_by_label()
    lines = []
    for item in park.services:
        history = Service.from_json(item).plan_history()
        ended = item["activity"].lower() in ENDED_LINE_ACTIVITIES
        lines.append(
            {
                "name": item["serviceLabel"],
                "service_id": service_of[item["siteId"]],
                "cfast_service_id": item["serviceId"],
                "activity": "terminated" if ended else "active",
                "article_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": articles[period.label].id,
                            "date_start": period.start,
                            "date_end": period.end or False,
                        },
                    )
                    for period in history.subscriptions + history.options
                    if period.label in articles
                ],
            }
        )
    return create(env["softwhere.line"], lines)


class SoftwhereSupplierCase(SoftwhereParkCase):
    """A simulated park in Odoo, and a supplier platform over the same park
    with a gap of every kind injected."""

    CUSTOMERS = 4
    LINES = 80

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The simulated park's customer references start at CL0001 too.
        cls.customer.customer_reference = "TEST-0001"

    def setUp(self):
        super().setUp()
        self.today = date.today()
        self.park = self.simulated_park()
        self.snaic = snaic_sim.start_snaic(
            self.park,
            gaps=dict.fromkeys(GAP_KINDS, 1),
            on_date=self.today,
            retry_after=0,
        )
        self.addCleanup(self.snaic.stop)
        self.load_park()
        self.backend_snaic = self.env["softwhere.supplier.backend"].create(
            {
                "name": "SNAIC test",
                "platform": "snaic",
                "url": f"{self.snaic.url}/soap/parc",
                "login": snaic_sim.DEFAULT_LOGIN,
                "password": snaic_sim.DEFAULT_PASSWORD,
                "timeout": 5,
                "page_size": 20,
                "company_id": self.company.id,
            }
        )

    def simulated_park(self):
        return Park(customers=self.CUSTOMERS, lines=self.LINES, seed=7)

    def load_park(self):
        load_park(self.env, self.park, self.company)

    def start_alphalink(self, **kwargs):
        server = start_alphalink(self.park, on_date=self.today, retry_after=0, **kwargs)
        self.addCleanup(server.stop)
        return self.env["softwhere.supplier.backend"].create(
            {
                "name": "Alphalink test",
                "platform": "alphalink",
                "url": server.url,
                "api_key": DEFAULT_API_KEY,
                "timeout": 5,
                "company_id": self.company.id,
            }
        )

    def reconcile(self, backend=None):
        backend = (backend or self.backend_snaic).with_context(queue_job__no_delay=True)
        backend.action_reconcile_now()
        return self.env["softwhere.reconciliation.gap"].search(
            [("backend_id", "=", backend.id)]
        )
