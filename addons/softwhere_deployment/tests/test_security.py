# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import SoftwhereDeploymentCase


@tagged("post_install", "-at_install")
class TestProvisioningSecurity(SoftwhereDeploymentCase):
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
