# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools import html2plaintext

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import SoftwherePortalCase


@tagged("post_install", "-at_install")
class TestChangeRequests(SoftwherePortalCase):
    """A customer's change request on its line: a draft provisioning order with
    a note of who asked what and when, which staff confirm; what cannot be done
    is refused on the page, in French, and nothing is written."""

    def setUp(self):
        super().setUp()
        self.authenticate("portal_a", "portal_a")
        self.yesterday = fields.Date.to_string(fields.Date.today() - timedelta(days=1))

    def note(self, order):
        """The note of the customer's request, by its contact."""
        note = order.message_ids.filtered(
            lambda m: m.author_id == self.portal_a.partner_id
            and m.message_type == "comment"
        )
        self.assertEqual(len(note), 1)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        return note

    def test_a_plan_change_is_a_draft_order_staff_confirm(self):
        response = self.ask(self.line_a, "change_plan", self.plan_100, self.later)
        order = self.customer_orders()
        self.assertEqual(len(order), 1)
        self.assertEqual(self.landed_on(response), f"/my/lines/{self.line_a.id}")
        self.assertIn(f"Votre demande <strong>{order.name}</strong>", response.text)
        self.assertIn("a été transmise", response.text)
        self.assertIn("En attente de validation", response.text)
        # No other request while this one is under way.
        self.assertNotIn('name="kind" value="change_plan"', response.text)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.requested_by_id, self.portal_a.partner_id)
        self.assertEqual(order.service_id, self.service_a)
        self.assertEqual(order.supplier_backend_id, self.supplier_backend)
        self.assertEqual(order.cfast_backend_id, self.cfast_backend)
        self.assertFalse(order.user_id)
        operation = order.operation_ids
        self.assertEqual(
            (operation.kind, operation.line_id, operation.product_id),
            ("change_plan", self.line_a, self.plan_100),
        )
        self.assertEqual(fields.Date.to_string(operation.date), self.later)
        text = html2plaintext(self.note(order).body)
        day = fields.Date.from_string(self.later).strftime("%d/%m/%Y")
        for part in (
            "Demandé sur le portail client par Camille Martin (portal_a)",
            "Boulangerie Martin",
            "changer le forfait de la ligne 0612345678",
            "Forfait Pro Illimité 20Go Orange",
            "Forfait Pro Illimité 100Go Orange",
            f"au {day}",
        ):
            self.assertIn(part, text)
        # Nothing changes on the line before staff confirm it.
        self.assertEqual(self.line_a.subscription_id.product_id, self.plan_20)
        # Staff confirm it in the back office: the customer sees it under way.
        self.line_a.cfast_service_id = 4242
        with trap_jobs() as trap:
            order.with_user(self.user).action_confirm()
        self.assertEqual(order.state, "confirmed")
        self.assertEqual(len(trap.enqueued_jobs), 1)
        page = self.page(f"/my/lines/{self.line_a.id}").text
        self.assertIn("En cours de traitement", page)
        self.assertIn(order.name, page)

    def test_an_option_then_a_termination(self):
        self.ask(self.line_a, "add_option", self.option_data, self.later)
        order = self.customer_orders()
        self.assertEqual(
            (order.operation_ids.kind, order.operation_ids.product_id),
            ("add_option", self.option_data),
        )
        self.assertIn(
            "ajouter l'option Option Data +10Go Orange à la ligne 0612345678",
            html2plaintext(self.note(order).body),
        )
        # Staff cancel it: the customer sees it cancelled and may ask again.
        order.with_user(self.user).action_cancel()
        page = self.page(f"/my/lines/{self.line_a.id}").text
        self.assertIn("Annulée", page)
        response = self.ask(self.line_a, "terminate", day=self.later)
        termination = self.customer_orders() - order
        self.assertEqual(
            (termination.operation_ids.kind, termination.state), ("terminate", "draft")
        )
        self.assertEqual(
            fields.Date.to_string(termination.operation_ids.date), self.later
        )
        self.assertFalse(termination.operation_ids.product_id)
        self.assertIn("En attente de validation", response.text)
        self.assertEqual(self.line_a.activity, "active")

    def test_refused_requests(self):
        cases = [
            (
                "change_plan",
                self.bouygues_plan,
                self.later,
                "n'est pas l'un des forfaits proposés pour la ligne 0612345678",
            ),
            (
                "change_plan",
                self.fixed_plan,
                self.later,
                "n'est pas l'un des forfaits proposés",
            ),
            (
                "change_plan",
                self.option_data,
                self.later,
                "n'est pas l'un des forfaits proposés",
            ),
            (
                "change_plan",
                self.plan_20,
                self.later,
                "Forfait Pro Illimité 20Go Orange est déjà le forfait de la ligne "
                "0612345678",
            ),
            ("change_plan", False, self.later, "Choisissez le nouveau forfait."),
            (
                "change_plan",
                self.plan_100,
                self.yesterday,
                "est passée : choisissez aujourd'hui ou un jour suivant",
            ),
            (
                "add_option",
                self.option_eu,
                self.later,
                "Option Europe Voyage Orange est déjà une option de la ligne "
                "0612345678",
            ),
            (
                "add_option",
                self.plan_100,
                self.later,
                "n'est pas l'une des options proposées",
            ),
            (
                "add_option",
                self.article("BY-OINT"),
                self.later,
                "n'est pas l'une des options proposées",
            ),
            ("terminate", None, self.yesterday, "La date de résiliation"),
            (
                "terminate",
                None,
                "31/02/2026",
                "La date « 31/02/2026 » n'est pas une date valide.",
            ),
            ("terminate", None, "", "n'est pas une date valide"),
            (
                "suspend",
                None,
                self.later,
                "Cette demande ne peut pas être faite sur le portail.",
            ),
        ]
        for kind, product, day, message in cases:
            with self.subTest(
                kind=kind, product=product and product.display_name, day=day
            ):
                response = self.ask(self.line_a, kind, product, day)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(
                    self.landed_on(response), f"/my/lines/{self.line_a.id}/request"
                )
                self.assertIn("o_softwhere_request_error", response.text)
                self.assertIn(message, response.text.replace("&#39;", "'"))
                self.assertFalse(self.customer_orders())
        self.assertEqual(self.line_a.subscription_id.product_id, self.plan_20)

    def test_one_request_at_a_time_and_none_on_a_terminated_line(self):
        self.ask(self.line_a, "add_option", self.option_data, self.later)
        first = self.customer_orders()
        response = self.ask(self.line_a, "change_plan", self.plan_100, self.later)
        self.assertIn(
            f"Une demande est déjà en cours sur la ligne 0612345678 ({first.name})",
            response.text,
        )
        self.assertEqual(self.customer_orders(), first)
        ended = self.create_line(
            "0611223344", articles=[(self.plan_100, date(2026, 1, 1))]
        )
        ended.action_terminate(fields.Date.today() - timedelta(days=10))
        page = self.page(f"/my/lines/{ended.id}").text
        # The plan it had when it ended, and no request to make.
        self.assertIn("Forfait Pro Illimité 100Go Orange", page)
        self.assertIn("Résilié", page)
        self.assertNotIn("Changer de forfait", page)
        response = self.ask(ended, "change_plan", self.plan_100, self.later)
        self.assertIn("La ligne 0611223344 est résiliée", response.text)
        self.assertEqual(self.customer_orders(), first)

    def test_without_platforms_nothing_is_drafted(self):
        self.supplier_backend.active = False
        response = self.ask(self.line_a, "change_plan", self.plan_100, self.later)
        self.assertIn("contactez votre conseiller", response.text)
        self.assertFalse(self.customer_orders())
