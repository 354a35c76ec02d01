# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import SoftwhereDeploymentCase


@tagged("post_install", "-at_install")
class TestProvisioningSecurity(SoftwhereDeploymentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Marque Sud"})
        cls.other_manager = new_test_user(
            cls.env,
            login="sw_deployment_manager_sud",
            name="Responsable Marque Sud",
            groups="softwhere_client.softwhere_client_group_manager",
            company_id=cls.other_company.id,
            company_ids=cls.other_company.ids,
        )

    def provisioned_line(self):
        order = self.create_line_order()
        order.with_context(queue_job__no_delay=True).action_confirm()
        self.assertEqual(order.state, "done", order.failure_reason)
        return order

    def test_provisioning_actions_over_rpc_need_the_user_group(self):
        order = self.create_line_order().with_user(self.employee)
        for action in ("action_confirm", "action_retry", "action_cancel"):
            with (
                self.subTest(action=action),
                trap_jobs() as jobs,
                self.assertRaisesRegex(AccessError, "SoftWhere / User"),
            ):
                getattr(order, action)()
            jobs.assert_jobs_count(0)
        self.assertEqual(order.sudo().state, "draft")

    def test_a_user_provisions_and_only_the_workflow_writes_the_trail(self):
        line = self.provisioned_line().operation_ids.line_id
        Order = self.env["softwhere.provisioning.order"].with_user(self.user)
        order = Order.create(
            {
                "service_id": self.service.id,
                "supplier_backend_id": self.backend_snaic.id,
                "cfast_backend_id": self.backend.id,
                "operation_ids": [
                    Command.create({"kind": "one_off", "line_id": line.id})
                ],
            }
        )
        # A draft is the user's to edit: its operations are what it asks for.
        operation = order.operation_ids
        operation.product_id = self.top_up
        order.with_context(queue_job__no_delay=True).action_confirm()
        self.assertEqual(order.state, "done", order.failure_reason)
        self.assertEqual(operation.state, "done")
        self.assertEqual(order.call_ids.mapped("call"), ["add_one_off", "add_charge"])
        self.assertIn(self.top_up, line.article_ids.product_id)

    def test_operations_and_calls_are_read_only_once_the_order_left_draft(self):
        order = self.provisioned_line()
        operation, call = order.operation_ids, order.call_ids[:1]
        for user in (self.user, self.manager):
            with self.subTest(user=user.login):
                self.assertEqual(operation.with_user(user).state, "done")
                self.assertEqual(call.with_user(user).call, "create_line")
                with self.assertRaises(AccessError):
                    operation.with_user(user).write({"state": "pending"})
                with self.assertRaises(AccessError):
                    operation.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    call.with_user(user).write({"success": False})
                with self.assertRaises(AccessError):
                    call.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    call.with_user(user).create(
                        {"order_id": order.id, "system": "supplier", "call": "forged"}
                    )
        self.assertEqual(operation.state, "done")
        self.assertEqual(len(order.call_ids), 2)

    def test_an_order_with_api_calls_is_not_deleted(self):
        order = self.provisioned_line()
        with self.assertRaisesRegex(UserError, "cancel it instead"):
            order.with_user(self.manager).unlink()
        self.assertEqual(len(order.call_ids), 2)
        draft = self.create_line_order()
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    def test_a_draft_operation_can_be_removed_by_its_user(self):
        order = self.create_line_order()
        order.operation_ids.with_user(self.user).unlink()
        self.assertFalse(order.operation_ids)

    def test_another_company_sees_no_order_operation_or_call(self):
        order = self.provisioned_line()
        self.assertEqual(order.operation_ids.company_id, self.company)
        self.assertEqual(order.call_ids.company_id, self.company)
        for model, records in (
            ("softwhere.provisioning.order", order),
            ("softwhere.provisioning.operation", order.operation_ids),
            ("softwhere.provisioning.call", order.call_ids),
        ):
            with self.subTest(model=model):
                other = (
                    self.env[model]
                    .with_user(self.other_manager)
                    .with_context(allowed_company_ids=self.other_company.ids)
                )
                self.assertFalse(other.search([("id", "in", records.ids)]))
                with self.assertRaises(AccessError):
                    other.browse(records[:1].id).read(["id"])
                mine = records.with_user(self.user)
                self.assertEqual(mine.search([("id", "in", records.ids)]), records)
