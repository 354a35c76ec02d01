# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import D, SoftwhereParkCase


@tagged("post_install", "-at_install")
class TestPark(SoftwhereParkCase):
    # -- services --------------------------------------------------------------------
    def test_service_defaults_from_customer(self):
        customer = self.create_customer(
            "Garage Dupont", street="3 rue Neuve", zip="69003", city="Lyon"
        )
        service = self.Service.create(
            {"partner_id": customer.id, "service_type": "fixe"}
        )
        self.assertEqual(service.name, "Garage Dupont")
        self.assertEqual(service.billing_site_id, customer.billing_site_ids)
        self.assertEqual(
            (service.street, service.zip, service.city),
            ("3 rue Neuve", "69003", "Lyon"),
        )
        self.assertEqual(service.activity, "active")
        service.city = "Villeurbanne"
        self.assertEqual(customer.city, "Lyon", "the service's address is its own")

    def test_service_siret_and_site_of_another_customer(self):
        with self.assertRefused("Boulangerie Martin.*SIRET.*14 digits"):
            self.mobile.siret = "1234"
        self.mobile.siret = "73282932000074"
        other = self.create_site("Garage Dupont")
        with self.assertRefused("belongs to another customer"):
            self.mobile.billing_site_id = other

    # -- numbers ---------------------------------------------------------------------
    def test_number_normalised_from_any_format(self):
        line = self.create_line("+33 6 12 34 56 78")
        self.assertEqual(line.name, "0612345678")
        self.assertEqual(line.number_e164, "+33612345678")
        self.assertEqual(line.number_kind, "mobile")
        self.assertTrue(line.hide_called_numbers)
        m2m = self.create_line("07 00 12 34 56 78 90")
        self.assertEqual((m2m.name, m2m.number_kind), ("07001234567890", "m2m"))
        fixed = self.create_line("04.72.10.20.30")
        self.assertEqual((fixed.name, fixed.number_kind), ("0472102030", "geographic"))

    def test_invalid_number_names_line_and_field(self):
        with self.assertRefused(r"Line 0812.*“Number”.*0812"):
            self.create_line("0812345678")
        line = self.create_line()
        with self.assertRefused(r"Line 0612345678.*“Number”"):
            line.name = "12"
        self.assertEqual(line.name, "0612345678")

    def test_search_by_number_in_any_format(self):
        line = self.create_line("0612345678", first_name="Léa", last_name="Petit")
        self.create_line("0698765432")
        for typed in ("0612345678", "+33 6 12 34 56 78", "33612345678", "06 12 34"):
            found = self.Line.search(
                [("display_name", "ilike", typed), ("company_id", "=", self.company.id)]
            )
            self.assertEqual(found, line, typed)
        self.assertEqual(
            self.Line.search(
                [
                    ("display_name", "ilike", "petit"),
                    ("company_id", "=", self.company.id),
                ]
            ),
            line,
        )
        self.assertEqual(line.display_name, "0612345678 (Léa Petit)")

    def test_duplicate_live_number_refused(self):
        first = self.create_line("0612345678")
        other_service = self.Service.create(
            {
                "partner_id": self.create_customer("Garage Dupont").id,
                "service_type": "mobile",
            }
        )
        with self.assertRefused(
            r"0612345678.*already the one of a live line.*Boulangerie"
        ):
            self.create_line("06 12 34 56 78", service=other_service)
        with self.assertRefused("already the one of a live line"):
            self.Line.create(
                [
                    {"name": "0611111111", "service_id": self.mobile.id},
                    {"name": "0611111111", "service_id": self.mobile.id},
                ]
            )
        # A terminated line gives its number back (portability to another customer).
        first.action_terminate(D(2026, 10, 31))
        moved = self.create_line("0612345678", service=other_service)
        self.assertEqual(moved.partner_id, other_service.partner_id)
        with self.assertRefused("already the one of a live line"):
            first.activity = "active"

    # -- subscriptions and options ---------------------------------------------------
    def test_article_defaults_and_totals(self):
        line = self.create_line(
            articles=[
                (self.plan_20, D(2026, 1, 1)),
                (self.article("OR-OEU"), D(2026, 3, 1)),
            ]
        )
        subscription = line.article_ids.filtered(lambda a: a.kind == "subscription")
        self.assertEqual(subscription.label, "Forfait Pro Illimité 20Go Orange")
        self.assertEqual(
            (subscription.sale_price, subscription.purchase_price), (19.90, 8.50)
        )
        on_day = line.with_context(date="2026-06-15")
        self.assertEqual(
            on_day.subscription_id, subscription.with_context(date="2026-06-15")
        )
        self.assertAlmostEqual(on_day.monthly_sale_total, 24.90)
        self.assertAlmostEqual(on_day.monthly_purchase_total, 10.50)
        self.assertAlmostEqual(on_day.monthly_margin, 14.40)
        before_option = line.with_context(date="2026-02-15")
        self.assertAlmostEqual(before_option.monthly_sale_total, 19.90)
        self.assertEqual(line.operator_id, self.plan_20.operator_id)
        self.assertEqual(self.mobile.operator_ids, self.plan_20.operator_id)

    def test_a_line_being_edited_computes_without_dates(self):
        # What the form computes while articles are added, before their dates.
        line = self.Line.new(
            {
                "name": "0612345678",
                "service_id": self.mobile.id,
                "article_ids": [
                    Command.create({"product_id": self.plan_20.id}),
                    Command.create({"product_id": self.plan_100.id}),
                ],
            }
        )
        self.assertEqual(line.monthly_sale_total, 0.0)
        self.assertFalse(line.subscription_id)
        self.assertEqual(line.operator_id, self.plan_100.operator_id)

    def test_change_plan_keeps_history(self):
        line = self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        line.change_plan(self.plan_100, D(2026, 6, 16))
        history = line.article_ids.sorted("date_start")
        self.assertEqual(history.product_id, self.plan_20 | self.plan_100)
        self.assertEqual(history[0].date_end, D(2026, 6, 15))
        self.assertFalse(history[1].date_end)
        self.assertAlmostEqual(
            line.with_context(date="2026-06-10").monthly_sale_total, 19.90
        )
        self.assertAlmostEqual(
            line.with_context(date="2026-06-16").monthly_sale_total, 29.90
        )
        states = line.with_context(date="2026-06-20").article_ids.sorted("date_start")
        self.assertEqual(states.mapped("state"), ["ended", "active"])

    def test_change_plan_wizard(self):
        line = self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        wizard = self.env["softwhere.line.change.plan"].create(
            {"line_id": line.id, "product_id": self.plan_100.id, "date": D(2026, 2, 1)}
        )
        self.assertEqual(set(wizard.catalogue_ids.mapped("service_type")), {"mobile"})
        self.assertIn(self.plan_100.catalogue_id, wizard.catalogue_ids)
        wizard.action_confirm()
        self.assertEqual(len(line.article_ids), 2)

    def test_catalogues_offered_to_a_line(self):
        # A new mobile line: every mobile catalogue, whatever its operator.
        line = self.Line.new({"name": "0612345678", "service_id": self.mobile.id})
        mobile = self.env["softwhere.catalogue"].search(
            [("service_type", "=", "mobile")]
        )
        self.assertEqual(len(mobile.operator_id), 2, "Orange and Bouygues")
        self.assertEqual(line.catalogue_ids._origin, mobile)
        # An Orange plan chosen: Orange's catalogues only.
        line.article_ids = [Command.create({"product_id": self.plan_20.id})]
        self.assertEqual(
            line.catalogue_ids._origin,
            mobile.filtered(lambda c: c.operator_id == self.plan_20.operator_id),
        )
        # A fixed service is offered the fixed and the fixed-and-internet ones.
        fixed = self.Service.create(
            {"partner_id": self.customer.id, "service_type": "fixe"}
        )
        line = self.Line.new({"name": "0472102030", "service_id": fixed.id})
        self.assertEqual(
            set(line.catalogue_ids.mapped("service_type")), {"fixe", "fixe_internet"}
        )

    def test_creation_notes_name_our_records_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["softwhere_client", "softwhere_park"], ["fr_FR"]
        )
        in_french = {"tracking_disable": False, "mail_create_nolog": False}
        in_french["lang"] = "fr_FR"
        service = self.Service.with_context(**in_french).create(
            {"partner_id": self.customer.id, "service_type": "fixe"}
        )
        line = self.Line.with_context(**in_french).create(
            {"name": "0472102030", "service_id": service.id}
        )
        self.assertIn("Fiche créée : Service", service.message_ids[-1].body)
        self.assertIn("Fiche créée : Ligne", line.message_ids[-1].body)

    def create_article(self, line, product, start, end):
        return self.env["softwhere.line.article"].create(
            {
                "line_id": line.id,
                "product_id": product.id,
                "date_start": start,
                "date_end": end,
            }
        )

    def test_two_subscriptions_at_one_date_refused(self):
        line = self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        with self.assertRefused(
            r"Line 0612345678.*“Start”.*one subscription at a date"
        ):
            line.write(
                {
                    "article_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": self.plan_100.id,
                                "date_start": D(2026, 5, 1),
                            },
                        )
                    ]
                }
            )
        # Ends are included: a past plan ending the day the current one starts
        # overlaps it; one ending the day before does not.
        with self.assertRefused(
            r"Line 0612345678.*“Start”.*one subscription at a date"
        ):
            self.create_article(line, self.plan_100, D(2025, 6, 1), D(2026, 1, 1))
        past = self.create_article(line, self.plan_100, D(2025, 6, 1), D(2025, 12, 31))
        self.assertEqual(past.state, "ended")
        # Options live beside the subscription.
        line.write(
            {
                "article_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.article("OR-OD10").id,
                            "date_start": D(2026, 5, 1),
                        },
                    )
                ]
            }
        )
        self.assertEqual(len(line.article_ids), 3)

    def test_article_of_another_service_type_refused(self):
        with self.assertRefused(r"Line 0612345678.*“Article”.*does not serve Mobile"):
            self.create_line(articles=[(self.article("AC-FTTH1"), D(2026, 1, 1))])
        fixed = self.Service.create(
            {"partner_id": self.customer.id, "service_type": "fixe"}
        )
        line = self.create_line(
            "0472102030",
            service=fixed,
            articles=[(self.article("AC-PFV"), D(2026, 1, 1))],
        )
        self.assertEqual(line.article_ids.catalogue_id.service_type, "fixe_internet")

    def test_end_before_start_refused(self):
        with self.assertRefused(
            r"Line 0612345678.*“End”.*ends on 2026-01-31, before its start",
        ):
            self.create_line(articles=[(self.plan_20, D(2026, 3, 1), D(2026, 1, 31))])
        self.assertFalse(self.Line.search([("name", "=", "0612345678")]))

    def test_terminate_line_ends_its_articles(self):
        line = self.create_line(
            articles=[
                (self.plan_20, D(2026, 1, 1)),
                (self.article("OR-OEU"), D(2026, 12, 1)),
            ]
        )
        line.action_terminate(D(2026, 10, 15))
        self.assertEqual(line.activity, "terminated")
        self.assertEqual(line.termination_date, D(2026, 10, 15))
        self.assertEqual(
            line.article_ids.product_id, self.plan_20, "the later option is dropped"
        )
        self.assertEqual(line.article_ids.date_end, D(2026, 10, 15))

    # -- smart buttons ---------------------------------------------------------------
    def test_customer_and_site_smart_buttons(self):
        self.create_line(articles=[(self.plan_20, D(2020, 1, 1))])
        self.create_line("0698765432", articles=[(self.plan_100, D(2020, 1, 1))])
        for record in (self.customer, self.site):
            record.invalidate_recordset()
            self.assertEqual(record.service_count, 1)
            self.assertEqual(record.line_count, 2)
            self.assertAlmostEqual(record.monthly_revenue, 49.80)
            self.assertEqual(
                len(self.Line.search(record.action_view_lines()["domain"])), 2
            )
            self.assertEqual(
                self.Service.search(record.action_view_services()["domain"]),
                self.mobile,
            )

    # -- access ----------------------------------------------------------------------
    def test_access(self):
        line = self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        as_user = line.with_user(self.user)
        as_user.first_name = "Hugo"
        as_user.change_plan(self.plan_100, D(2026, 4, 1))
        with self.assertRaises(AccessError):
            as_user.unlink()
        with self.assertRaises(AccessError):
            line.with_user(self.employee).read(["name"])
        line.with_user(self.manager).unlink()
