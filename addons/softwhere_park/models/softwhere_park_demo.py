# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command, api, models

#: Services each demo customer gets: (type, catalogue service types serving it).
DEMO_SERVICES = (
    ("mobile", ("mobile",)),
    ("fixe", ("fixe", "fixe_internet")),
    ("internet", ("internet", "fixe_internet")),
)
FIRST_NAMES = ("Camille", "Léa", "Hugo", "Louis", "Chloé", "Nathan", "Inès", "Jules")
LAST_NAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand")


class SoftwhereParkDemo(models.AbstractModel):
    """The demo park: services, a few hundred lines with history, one month
    invoiced. Deterministic, so every demo database is the same."""

    _name = "softwhere.park.demo"
    _description = "Demo park"

    @api.model
    def _create_demo_park(self, seed=2026):
        rng = random.Random(seed)
        today = date.today().replace(day=1)
        customers = self.env["res.partner"].search(
            [("is_customer_account", "=", True), ("billing_site_ids", "!=", False)],
            order="id",
        )
        articles = self.env["product.product"].search(
            [
                ("catalogue_id", "!=", False),
                ("softwhere_kind", "in", ("subscription", "option")),
            ],
            order="id",
        )
        services_vals = []
        for customer in customers:
            for service_type, _served in DEMO_SERVICES[: rng.randint(1, 3)]:
                services_vals.append(
                    {
                        "partner_id": customer.id,
                        "service_type": service_type,
                        "status": "main",
                    }
                )
        services = self.env["softwhere.service"].create(services_vals)
        numbers = iter(range(10000, 99999, 37))
        lines_vals = []
        for service in services:
            served = dict(DEMO_SERVICES)[service.service_type]
            plans = articles.filtered(
                lambda a, served=served: a.catalogue_id.service_type in served
                and a.softwhere_kind == "subscription"
            )
            options = articles.filtered(
                lambda a, plans=plans: a.softwhere_kind == "option"
                and a.catalogue_id in plans.catalogue_id
            )
            count = rng.randint(15, 30) if service.service_type == "mobile" else 2
            prefix = "06123" if service.service_type == "mobile" else "01441"
            for _index in range(count):
                start = today - relativedelta(months=rng.randint(4, 24))
                plan = plans[rng.randrange(len(plans))]
                history = [Command.create({"product_id": plan.id, "date_start": start})]
                if rng.random() < 0.3:
                    change = today - relativedelta(months=rng.randint(1, 3), days=-14)
                    history = [
                        Command.create(
                            {
                                "product_id": plan.id,
                                "date_start": start,
                                "date_end": change - relativedelta(days=1),
                            }
                        ),
                        Command.create(
                            {
                                "product_id": plans[rng.randrange(len(plans))].id,
                                "date_start": change,
                            }
                        ),
                    ]
                if options and rng.random() < 0.4:
                    option = options[rng.randrange(len(options))]
                    history.append(
                        Command.create({"product_id": option.id, "date_start": start})
                    )
                lines_vals.append(
                    {
                        "name": f"{prefix}{next(numbers)}",
                        "service_id": service.id,
                        "first_name": rng.choice(FIRST_NAMES),
                        "last_name": rng.choice(LAST_NAMES),
                        "article_ids": history,
                    }
                )
        lines = self.env["softwhere.line"].create(lines_vals)
        ended = lines.filtered(lambda line: line.service_type == "mobile")[::25]
        ended.action_terminate(today - relativedelta(months=1, days=-10))
        return True

    @api.model
    def _invoice_demo_month(self):
        """Last month's invoice run, done."""
        run_date = date.today().replace(day=1) - relativedelta(months=1)
        run = self.env["softwhere.invoice.run"].create({"run_date": run_date})
        run.with_context(queue_job__no_delay=True).action_start()
        return True
