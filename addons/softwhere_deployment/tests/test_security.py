# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
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
