# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date, datetime, timedelta, timezone

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from softwhere_sim.catalogue import articles
from softwhere_sim.cfast import DEFAULT_TOKEN, start_cfast

from ..cli.cfast_sync import execute
from .common import SoftwhereCfastCase


@tagged("post_install", "-at_install")
class TestCfastSync(SoftwhereCfastCase):
    def test_first_sync_brings_the_whole_park(self):
        logs = self.sync()
        self.assertEqual(
            logs.mapped("resource"),
            ["customers", "billing-points", "sites", "services"],
        )
        self.assertEqual(set(logs.mapped("state")), {"done"})
        park = self.park
        expected = {
            "customers": len(park.customers),
            "billing-points": len(park.billing_points),
            "sites": len(park.sites),
            "services": len(park.services),
        }
        for log in logs:
            # With demo data, Cfast's CL0001… are the demo customers: adopted.
            self.assertEqual(
                log.created_count + log.updated_count + log.unchanged_count,
                expected[log.resource],
                log.message,
            )
            self.assertEqual(log.error_count, 0, log.message)
        # Lines: 25 over 3 pages of 10.
        self.assertEqual(logs[-1].page_count, 3)

        customers = self.bound("customers")
        self.assertEqual(
            sorted(customers.mapped("customer_reference")),
            sorted(c["customerReference"] for c in park.customers),
        )
        first = park.customers[0]
        partner = customers.filtered(
            lambda p: p.customer_reference == first["customerReference"]
        )
        self.assertEqual(partner.name, first["customer_name"])
        self.assertTrue(partner.is_customer_account)
        sites = self.bound("billing-points")
        self.assertEqual(len(sites), len(park.billing_points))
        self.assertEqual(sites.company_id, self.company)

        item = park.services[0]
        line = self.env["softwhere.line"].search(
            [("cfast_service_id", "=", item["serviceId"])]
        )
        self.assertEqual(line.name, item["serviceLabel"])
        self.assertEqual(line.last_name, item["lastName"])
        self.assertEqual(line.service_id.cfast_site_id, item["siteId"])
        self.assertEqual(
            line.billing_site_id.cfast_billing_point_id, item["billingPointId"]
        )
        labels = sorted(entry["articleLabel"] for entry in item["articles"])
        self.assertEqual(sorted(line.article_ids.mapped("label")), labels)
        subscriptions = line.article_ids.filtered(lambda a: a.kind == "subscription")
        self.assertEqual(
            len(subscriptions),
            len([e for e in item["articles"] if e["articleType"] == "SUBSCRIPTION"]),
        )
        self.assertEqual(self.backend.binding_count, sum(expected.values()))
        self.assertTrue(self.backend.services_synced_at)

    def test_customer_fields_and_contacts(self):
        item = self.park.customers[0]
        item["contacts"] = [
            *item["contacts"][:1],
            {
                "civility": "Mme",
                "firstName": "Louise",
                "lastName": "Garnier",
                "phone": "0142685300",
                "directPhone": "0970000001",
                "mobile": "0781234567",
                "jobTitle": "Comptable",
                "email": "louise.garnier@example.fr",
            },
        ]
        item["businessProvider"] = {"name": "Apporteur Test", "commissionRate": 8.0}
        bad_mobile = item["contacts"][1]["mobile"]
        item["contacts"][1]["mobile"] = "0690000000"  # no operator block
        self.sync()
        customer = self.bound("customers").filtered(
            lambda p: p.customer_reference == item["customerReference"]
        )
        self.assertRecordValues(
            customer,
            [
                {
                    "ref": item["internalReference"],
                    "company_registry": item["registrationNumber"] or False,
                    "vat": item["vatNumber"] or False,
                    "softwhere_partner_type": "client",
                    "commission_rate": 8.0,
                }
            ],
        )
        self.assertEqual(customer.white_label_id.name, item["whiteLabel"])
        self.assertEqual(customer.business_provider_id.name, "Apporteur Test")
        self.assertTrue(customer.business_provider_id.is_business_provider)
        # With demo data, CL0001 is a demo customer: adopted with its contact.
        contacts_before = customer.child_ids
        contacts = customer.child_ids.filtered(
            lambda c: c.lastname in {k["lastName"] for k in item["contacts"]}
        ).sorted("id")
        self.assertEqual(len(contacts), len(item["contacts"]))
        first = item["contacts"][0]
        self.assertRecordValues(
            contacts[0],
            [
                {
                    "type": "contact",
                    "firstname": first["firstName"],
                    "lastname": first["lastName"],
                    "softwhere_civility": "mr" if first["civility"] == "M." else "mrs",
                    "function": first["jobTitle"],
                    "email": first["email"],
                    "phone": "+33" + first["phone"][1:],
                    "direct_phone": "+33" + first["directPhone"][1:],
                    "mobile": "+33" + first["mobile"][1:],
                }
            ],
        )
        # Contacts share their company's address and commercial fields.
        self.assertEqual(contacts.mapped("city"), [customer.city] * 2)
        self.assertEqual(contacts.commercial_partner_id, customer)
        self.assertEqual(contacts.mapped("vat"), [customer.vat] * 2)
        # The contact with a number no one could call is kept without it.
        self.assertFalse(contacts[1].mobile)
        self.assertEqual(contacts[1].lastname, item["contacts"][1]["lastName"])
        customers_log = self.Log.search(
            [("backend_id", "=", self.backend.id), ("resource", "=", "customers")]
        )
        self.assertIn("0690000000", customers_log.message)
        self.assertIn(item["customerReference"], customers_log.message)

        # Cfast changes a contact's job and number and adds one: updated and
        # created, none doubled; a contact added in Odoo by a person stays.
        own = self.env["res.partner"].create(
            {"parent_id": customer.id, "type": "contact", "lastname": "Saisi-à-la-main"}
        )
        item["contacts"][0]["jobTitle"] = "Directrice"
        item["contacts"][1]["mobile"] = bad_mobile
        item["contacts"].append(
            {"civility": "Mme", "firstName": "Inès", "lastName": "Nouvelle"}
        )
        self.park.touch("customers", [item["customerReference"]])
        logs = self.sync()
        self.assertEqual(
            logs.filtered(lambda log: log.resource == "customers").updated_count, 1
        )
        customer.invalidate_recordset()
        contacts = (customer.child_ids - contacts_before).sorted("id")
        self.assertEqual(len(contacts), 2)
        contacts = customer.child_ids.filtered(
            lambda c: c.lastname
            in {k["lastName"] for k in item["contacts"]} | {own.lastname}
        ).sorted("id")
        self.assertEqual(len(contacts), len(item["contacts"]) + 1)
        self.assertEqual(contacts[0].function, "Directrice")
        self.assertEqual(contacts[1].mobile, "+33" + bad_mobile[1:])
        self.assertIn(own, contacts)
        self.assertEqual(contacts[-1].name, "Inès Nouvelle")

    def test_second_sync_changes_nothing(self):
        # Two contacts of a customer may bear the same name: neither is made
        # again at each sync.
        item = self.park.customers[1]
        item["contacts"] = [
            {
                "civility": "M.",
                "firstName": "Jean",
                "lastName": "Martin",
                "jobTitle": job_title,
            }
            for job_title in ("Gérant", "Homonyme")
        ]
        self.sync()
        customer = self.bound("customers").filtered(
            lambda p: p.customer_reference == item["customerReference"]
        )
        namesakes = customer.child_ids.filtered(lambda c: c.name == "Jean Martin")
        self.assertEqual(
            namesakes.sorted("id").mapped("function"),
            ["Gérant", "Homonyme"],
        )
        counts = {
            model: self.env[model].search_count([])
            for model in (
                "res.partner",
                "softwhere.billing.site",
                "softwhere.line",
                "softwhere.line.article",
            )
        }
        incremental = self.sync()
        self.assertEqual(sum(incremental.mapped("created_count")), 0)
        self.assertEqual(sum(incremental.mapped("updated_count")), 0)
        full = self.sync(full=True)
        self.assertEqual(full.mapped("full_sync"), [True] * 4)
        self.assertEqual(sum(full.mapped("created_count")), 0)
        self.assertEqual(sum(full.mapped("updated_count")), 0, full.mapped("message"))
        self.assertEqual(
            sum(full.mapped("unchanged_count")),
            len(self.park.customers)
            + len(self.park.billing_points)
            + len(self.park.sites)
            + len(self.park.services),
        )
        for model, count in counts.items():
            self.assertEqual(self.env[model].search_count([]), count, model)
        self.assertEqual(len(customer.child_ids & namesakes), 2)

    def test_incremental_sync_reads_what_changed(self):
        self.sync()
        item = next(
            service
            for service in self.park.services
            if service["activity"] == "ACTIVE"
            and any(
                e["articleType"] == "SUBSCRIPTION" and not e["endDate"]
                for e in service["articles"]
            )
        )
        held = [e["articleLabel"] for e in item["articles"]]
        new_plan = next(
            a
            for a in articles(self.park.catalogue_of(item).key, "subscription")
            if a.label not in held
        )
        self.park.touch("services", [item["serviceId"]])
        self.park.change_plan(item["serviceId"], new_plan.label, date(2026, 11, 16))
        logs = self.sync()
        services = logs.filtered(lambda log: log.resource == "services")
        self.assertEqual(services.updated_count, 1, services.message)
        self.assertEqual(services.created_count + services.unchanged_count, 0)
        self.assertEqual(sum((logs - services).mapped("updated_count")), 0)
        line = self.env["softwhere.line"].search(
            [("cfast_service_id", "=", item["serviceId"])]
        )
        self.assertTrue(line.last_name.endswith("-Modifié"))
        current = line.with_context(date="2026-11-20").subscription_id
        self.assertEqual(current.label, new_plan.label)
        ended = line.article_ids.filtered(lambda a: a.date_end == date(2026, 11, 15))
        self.assertEqual(ended.kind, "subscription")

    def test_faults_are_retried(self):
        faults = self.cfast.app.faults
        faults.inject("429", "503", "malformed", path="/services")
        faults.inject("duplicate_page", path="/sites")
        logs = self.sync()
        self.assertEqual(set(logs.mapped("state")), {"done"}, logs.mapped("message"))
        self.assertEqual(
            self.env["softwhere.line"].search_count(
                [("company_id", "=", self.company.id)]
            ),
            len(self.park.services),
            logs.mapped("message"),
        )

    def test_platform_down_retries_the_job_later(self):
        self.backend.url = "http://127.0.0.1:9"  # nothing listens there
        self.backend.timeout = 1
        with (
            mute_logger("urllib3.connectionpool"),
            self.assertRaises(RetryableJobError),
        ):
            self.backend._sync_resource("customers")

    def test_jobs_one_per_page(self):
        self.backend.page_size = 3
        with trap_jobs() as trap:
            self.backend.action_sync_now()
            trap.assert_jobs_count(1, only=self.backend._sync_resource)
            trap.perform_enqueued_jobs()
            # 4 customers, 3 a page: page 2 is a job of its own, queued by
            # page 1 with the cursor after it; the billing points wait.
            trap.assert_jobs_count(1, only=self.backend._import_page)
            trap.assert_jobs_count(0, only=self.backend._finish_resource)
            log = self.Log.search([("backend_id", "=", self.backend.id)])
            self.assertEqual(log.resource, "customers")
            self.assertEqual(log.created_count + log.updated_count, 3)
            self.assertEqual(log.state, "running")
            trap.perform_enqueued_jobs()
            trap.assert_jobs_count(1, only=self.backend._finish_resource)
            trap.perform_enqueued_jobs()
        # Each page job wrote a row of its own; the log sums them.
        self.assertEqual(log.page_ids.mapped("page"), [1, 2])
        self.assertEqual((log.page_count, log.state), (2, "done"))
        self.assertEqual(log.created_count + log.updated_count, 4)

    def test_records_changed_between_page_jobs_are_all_synced(self):
        self.sync()
        self.backend.page_size = 3
        park = self.park
        now = datetime.now(timezone.utc)
        # The last sync an hour ago; eight lines changed half an hour ago,
        # before the overlap: one of them skipped now would be lost for good.
        self.backend.services_synced_at = (now - timedelta(hours=1)).replace(
            tzinfo=None
        )
        park.touch(
            "services",
            [s["serviceId"] for s in park.services[10:18]],
            when=now - timedelta(minutes=30),
        )
        before = self.Log.search([]).ids
        with trap_jobs() as trap:
            self.backend._sync_resource("services")
            for minute in range(1, 20):
                if not trap.enqueued_jobs:
                    break
                if minute <= 4:
                    # Between two page jobs: two older lines of lower ids than
                    # every line still to read, and a line read already.
                    changed = [
                        park.services[2 * minute - 2]["serviceId"],
                        park.services[2 * minute - 1]["serviceId"],
                        park.services[9 + minute]["serviceId"],
                    ]
                    park.touch(
                        "services", changed, when=now + timedelta(minutes=minute)
                    )
                trap.perform_enqueued_jobs()
            self.assertFalse(trap.enqueued_jobs, "the sync is over")
        log = self.Log.search([("id", "not in", before)])
        self.assertEqual((log.resource, log.state), ("services", "done"))
        self.assertEqual(log.error_count, 0, log.message)
        # The oracle: the simulator's park. Every line changed before the
        # sync or during it is in Odoo as Cfast has it now.
        changed = [s for s in park.services if s["lastName"].endswith("-Modifié")]
        lines = self.Line.search(
            [("cfast_service_id", "in", [s["serviceId"] for s in changed])]
        )
        self.assertEqual(
            {line.cfast_service_id: line.last_name for line in lines},
            {s["serviceId"]: s["lastName"] for s in changed},
        )
        self.assertEqual(len(changed), 16, "changed between each two pages")
        # 8 lines, 8 more moved to the end, 4 read again there: 20 reads.
        self.assertEqual(log.updated_count + log.unchanged_count, 20)
        self.assertEqual(log.page_count, 7)

    def test_bad_record_is_reported_and_the_others_kept(self):
        item = dict(self.park.services[0])
        item["serviceLabel"] = "0812345678"  # a premium-rate number: no line
        self.park.put("services", item)
        logs = self.sync()
        services = logs.filtered(lambda log: log.resource == "services")
        self.assertEqual(services.error_count, 1, services.message)
        self.assertIn(str(item["serviceId"]), services.message)
        self.assertIn("0812345678", services.message)
        self.assertEqual(services.created_count, len(self.park.services) - 1)

    def test_unknown_article_is_logged(self):
        item = dict(self.park.services[1])
        item["articles"] = [dict(entry) for entry in item["articles"]]
        item["articles"][-1]["articleLabel"] = "Forfait inconnu du catalogue"
        self.park.put("services", item)
        logs = self.sync()
        services = logs.filtered(lambda log: log.resource == "services")
        self.assertIn("Forfait inconnu du catalogue", services.message)
        self.assertIn(item["serviceLabel"], services.message)

    def test_connection_and_token(self):
        action = self.backend.action_test_connection()
        self.assertEqual(action["params"]["type"], "success")
        self.backend.token = "wrong"
        with self.assertRaisesRegex(UserError, "Cfast test: Cfast cannot be reached"):
            self.backend.action_test_connection()
        with self.assertRaises(AccessError):
            self.backend.with_user(self.manager).read(["token"])
        admin = self.manager.copy({"login": "sw_connector_admin"})
        admin.group_ids |= self.env.ref(
            "softwhere_client.softwhere_client_group_connector_admin"
        )
        self.assertEqual(
            self.backend.with_user(admin).read(["token"])[0]["token"], "wrong"
        )


@tagged("post_install", "-at_install")
class TestCfastSyncCommand(SoftwhereCfastCase):
    def test_command_prints_the_summary(self):
        out = io.StringIO()
        status = execute(self.env, self.cfast.url, DEFAULT_TOKEN, page_size=7, out=out)
        lines = out.getvalue().splitlines()
        total = (
            len(self.park.customers)
            + len(self.park.billing_points)
            + len(self.park.sites)
            + len(self.park.services)
        )
        self.assertEqual(status, 0, out.getvalue())
        summary = next(line for line in lines if line.startswith("created: "))
        created = int(summary.split(",")[0].split(": ")[1])
        updated = int(summary.split(",")[1].split(": ")[1])
        self.assertEqual(created + updated, total, summary)
        self.assertTrue(summary.endswith("unchanged: 0, failed: 0"), summary)
        out = io.StringIO()
        execute(self.env, self.cfast.url, DEFAULT_TOKEN, out=out)
        self.assertIn(
            f"created: 0, updated: 0, unchanged: {total}, failed: 0",
            out.getvalue().splitlines(),
        )

    def test_ten_percent_faults_give_the_data_of_a_clean_run(self):
        faults = self.cfast.app.faults
        # Every fault but stalls: Odoo's test mode stretches HTTP timeouts to
        # 10 s (the lib's tests cover timeouts).
        faults.kinds = ("429", "500", "503", "malformed", "duplicate_page")
        faults.rate = 0.10
        logs = self.sync()
        self.assertEqual(set(logs.mapped("state")), {"done"}, logs.mapped("message"))
        self.assertGreater(sum(faults.served.values()), 0, "faults were served")
        lines = self.env["softwhere.line"].search(
            [("company_id", "=", self.company.id)]
        )
        stamps = dict(zip(lines.ids, lines.mapped("write_date"), strict=True))
        faults.rate = 0.0
        clean = self.sync(full=True)
        self.assertEqual(sum(clean.mapped("created_count")), 0)
        self.assertEqual(sum(clean.mapped("updated_count")), 0, clean.mapped("message"))
        lines.invalidate_recordset()
        self.assertEqual(
            dict(zip(lines.ids, lines.mapped("write_date"), strict=True)), stamps
        )
        self.assertEqual(len(lines), len(self.park.services))

    def test_retry_button(self):
        self.backend.token = "wrong"
        with mute_logger(
            "odoo.addons.softwhere_cfast_connector.models.softwhere_cfast_backend"
        ):
            logs = self.sync()
        self.assertEqual(logs.state, "failed")
        self.assertIn("customers", logs.resource)
        self.backend.token = DEFAULT_TOKEN
        logs.with_context(queue_job__no_delay=True).action_retry()
        after = self.Log.search(
            [("backend_id", "=", self.backend.id), ("id", ">", logs.id)]
        )
        self.assertEqual(set(after.mapped("state")), {"done"})
        self.assertEqual(len(after), 4)


@tagged("post_install", "-at_install")
class TestCfastSyncAndBilling(SoftwhereCfastCase):
    """What the sync hands over to the invoice run."""

    def _live_line(self):
        """A synced line of an invoiced customer, with a plan running on."""
        for item in self.park.services:
            if item["activity"] != "ACTIVE" or not any(
                e["articleType"] == "SUBSCRIPTION" and not e["endDate"]
                for e in item["articles"]
            ):
                continue
            line = self.Line.search([("cfast_service_id", "=", item["serviceId"])])
            if line.partner_id.customer_status in ("signed", "active_compliant"):
                return item, line
        raise AssertionError("the simulated park has no live invoiced line")

    def test_sync_keeps_what_odoo_added_and_bills_it_once(self):
        self.sync()
        item, line = self._live_line()
        catalogue = line.subscription_id.product_id.catalogue_id
        extras = catalogue.article_ids.filtered(
            lambda t: t.softwhere_kind in ("one_off", "hardware")
        ).product_variant_id[:2]
        self.assertTrue(extras)
        # What provisioning adds in Odoo: a SIM card, a top-up, a fee.
        line.write(
            {
                "article_ids": [
                    Command.create(
                        {"product_id": product.id, "date_start": date(2026, 11, 5)}
                    )
                    for product in extras
                ]
            }
        )
        # A change in Cfast rewrites the line's history at the next syncs.
        self.park.touch("services", [item["serviceId"]])
        self.park.change_plan(
            item["serviceId"], item["articles"][0]["articleLabel"], date(2026, 11, 20)
        )
        self.sync()
        self.sync(full=True)
        kept = line.article_ids.filtered(lambda a: a.product_id in extras)
        self.assertEqual(kept.product_id, extras, "the sync deletes nothing of Odoo's")
        site = line.billing_site_id
        site._park_invoice(date(2026, 11, 1))
        self.sync(full=True)
        site._park_invoice(date(2026, 12, 1))
        site._park_invoice(date(2026, 12, 1))
        billed = self.env["account.move.line"].search(
            [("park_line_id", "=", line.id), ("product_id", "in", extras.ids)]
        )
        self.assertEqual(len(billed), len(extras), "each once")
        self.assertEqual(billed.product_id, extras)

    def test_quantity_vat_rate_and_termination_come_from_cfast(self):
        self.sync()
        item, _line = self._live_line()
        entry = next(e for e in item["articles"] if not e["endDate"])
        entry["quantity"] = 3
        point = self.park.get("billing-points", item["billingPointId"])
        point["vatRate"] = 5.5
        self.park.touch("services", [item["serviceId"]])
        self.park.touch("billing-points", [item["billingPointId"]])
        ended = next(
            s
            for s in self.park.services
            if s["activity"] == "ACTIVE" and s["serviceId"] != item["serviceId"]
        )
        self.park.set_activity(ended["serviceId"], "TERMINATED", date(2026, 11, 20))
        self.sync()
        line = self.Line.search([("cfast_service_id", "=", item["serviceId"])])
        article = line.article_ids.filtered(
            lambda a: a.date_start.isoformat() == entry["startDate"]
            and a.label == entry["articleLabel"]
        )
        self.assertEqual(article.quantity, 3)
        self.assertEqual(line.billing_site_id.tax_id.amount, 5.5)
        terminated = self.Line.search([("cfast_service_id", "=", ended["serviceId"])])
        self.assertEqual(terminated.activity, "terminated")
        self.assertEqual(terminated.termination_date, date(2026, 11, 20))


@tagged("post_install", "-at_install")
class TestCfastSyncOwners(SoftwhereCfastCase):
    """Who holds a mandate, and which company's customer a Cfast adopts."""

    def _site_of(self, point):
        return self.env["softwhere.billing.site"].search(
            [
                ("cfast_billing_point_id", "=", point["billingPointId"]),
                ("company_id", "=", self.company.id),
            ]
        )

    def test_a_mandate_held_by_a_third_party_names_a_contact_of_the_customer(self):
        with_mandate = [p for p in self.park.billing_points if p["mandate"]]
        first, second, own = with_mandate[:3]
        first["mandate"]["holder"] = "SCI  Les Tilleuls"
        self.sync()
        site = self._site_of(first)
        holder = site.mandate_partner_id
        self.assertRecordValues(
            holder,
            [{"name": "SCI Les Tilleuls", "parent_id": site.partner_id.id}],
        )
        self.assertEqual(site.mandate_id.partner_id, holder)
        self.assertEqual(site.mandate_id.partner_bank_id.partner_id, holder)
        # A holder of the customer's own name is the customer.
        own_site = self._site_of(own)
        self.assertEqual(own_site.mandate_partner_id, own_site.partner_id)
        # Another site of the same holder's name: the same contact; another
        # holder on a synced site: a contact found or created at the next sync.
        self.assertEqual(second["customerReference"], first["customerReference"])
        second["mandate"]["holder"] = "sci les tilleuls"
        own["mandate"]["holder"] = "Jeanne Payeur"
        self.park.touch(
            "billing-points", [second["billingPointId"], own["billingPointId"]]
        )
        self.sync()
        self.assertEqual(self._site_of(second).mandate_partner_id, holder)
        payer = own_site.mandate_partner_id
        self.assertRecordValues(
            payer, [{"name": "Jeanne Payeur", "parent_id": own_site.partner_id.id}]
        )
        self.assertEqual(own_site.mandate_id.partner_id, payer)
        # Nothing is written again, no contact made twice.
        partners = self.env["res.partner"].search_count([])
        full = self.sync(full=True)
        self.assertEqual(sum(full.mapped("created_count")), 0)
        self.assertEqual(sum(full.mapped("updated_count")), 0, full.mapped("message"))
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    # -- companies -------------------------------------------------------------------
    def test_cfast_customers_are_adopted_only_within_the_backends_company(self):
        item = self.park.customers[0]
        reference = item["customerReference"]
        # A customer of no company (as the BlueRockTEL import and the demo
        # make them) is adopted by the first Cfast that lists it, and stays
        # shared.
        shared_item = self.park.customers[1]
        shared = self.env["res.partner"].search(
            [
                ("customer_reference", "=", shared_item["customerReference"]),
                ("is_customer_account", "=", True),
                ("company_id", "=", False),
            ]
        ) or self.env["res.partner"].create(
            {
                "name": shared_item["customer_name"],
                "is_company": True,
                "is_customer_account": True,
                "customer_reference": shared_item["customerReference"],
            }
        )
        self.assertFalse(shared.company_id)
        Partner = self.env["res.partner"].with_context(active_test=False)
        # With demo data, the first reference is a demo customer's: shared too.
        was_shared = Partner.search(
            [("customer_reference", "=", reference), ("company_id", "=", False)]
        )
        self.sync()
        ours = Partner.search(
            [("customer_reference", "=", reference), ("is_customer_account", "=", True)]
        )
        expected = self.env["res.company"] if was_shared else self.company
        self.assertEqual(ours.company_id, expected)
        self.assertIn(shared, self.bound("customers"))
        self.assertFalse(shared.company_id)
        # Another company's Cfast lists the same CL references.
        other_company = self.env["res.company"].create({"name": "Marque Sud"})
        other_cfast = start_cfast(
            customers=self.CUSTOMERS, lines=self.LINES, seed=7, retry_after=0
        )
        self.addCleanup(other_cfast.stop)
        other_item = other_cfast.app.park.get("customers", reference)
        other_item["customer_name"] = "Société du Sud"
        other_backend = self.Backend.create(
            {
                "name": "Cfast Sud",
                "url": other_cfast.url,
                "token": DEFAULT_TOKEN,
                "page_size": 10,
                "timeout": 5,
                "company_id": other_company.id,
            }
        )
        ours_before = ours.read(["name", "trade_name", "company_id"])
        other_backend.with_context(queue_job__no_delay=True)._sync_resource(
            "customers", full=True
        )
        namesakes = Partner.search(
            [("customer_reference", "=", reference), ("is_customer_account", "=", True)]
        )
        self.assertEqual(len(namesakes), 2)
        theirs = namesakes - ours
        self.assertRecordValues(
            theirs, [{"name": "Société du Sud", "company_id": other_company.id}]
        )
        self.assertEqual(theirs.child_ids.company_id, other_company)
        self.assertEqual(ours.read(["name", "trade_name", "company_id"]), ours_before)
        self.assertEqual(ours.name, item["customer_name"])
        other_bound = self.env["softwhere.cfast.binding"].search(
            [("backend_id", "=", other_backend.id), ("resource", "=", "customers")]
        )
        self.assertNotIn(ours.id, other_bound.mapped("res_id"))
        self.assertNotIn(shared.id, other_bound.mapped("res_id"))
        self.assertEqual(len(other_bound), len(other_cfast.app.park.customers))
        # Our Cfast again: our customer stays ours and as it was.
        full = self.sync(full=True)
        self.assertEqual(sum(full.mapped("created_count")), 0)
        self.assertEqual(sum(full.mapped("updated_count")), 0, full.mapped("message"))
        self.assertEqual(theirs.name, "Société du Sud")


@tagged("post_install", "-at_install")
class TestCfastSyncFeedback(SoftwhereCfastCase):
    """What the user sees of a sync running in the background."""

    def bus_messages(self):
        """What the browser of the user would be sent (the bus, flushed)."""
        self.env.cr.precommit.run()
        return [
            notification.message
            for notification in self.env["bus.bus"]
            .sudo()
            .search([], order="id desc", limit=5)
        ]

    def test_the_form_follows_a_sync_and_its_end_is_notified(self):
        with trap_jobs() as trap:
            self.backend.action_sync_now()
            # Queued: the form shows the banner and reloads itself until the end.
            self.assertTrue(self.backend.sync_running)
            while trap.enqueued_jobs:
                trap.perform_enqueued_jobs()
        self.assertFalse(self.backend.sync_running)
        logs = self.backend.sync_log_ids
        self.assertEqual(len(logs), 4, "customers, billing points, sites, lines")
        created = sum(logs.mapped("created_count"))
        updated = sum(logs.mapped("updated_count"))  # demo data: Cfast's too
        self.assertGreater(created, len(self.park.services))
        self.assertFalse(sum(logs.mapped("error_count")))
        [message] = [m for m in self.bus_messages() if "Sync done" in m]
        self.assertIn("simple_notification", message)
        self.assertIn(
            f"Sync done: {created} created, {updated} updated, 0 in error", message
        )

    def test_a_sync_that_stops_is_notified_as_such(self):
        self.cfast.app.faults.inject(*["500"] * 30, path="/api/v1/customers")
        with (
            mute_logger("urllib3.connectionpool", "softwhere_lib.http"),
            trap_jobs() as trap,
        ):
            self.backend.action_sync_now()
            with self.assertRaises(RetryableJobError):
                trap.perform_enqueued_jobs()
        # The tries ran out: queue_job calls the backend's on_fail method.
        self.backend._on_sync_job_failed(exc_message="Max. retries reached: 500")
        self.assertFalse(self.backend.sync_running)
        [message] = [m for m in self.bus_messages() if "Sync stopped" in m]
        self.assertIn("500", message)
