# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import SoftwhereCfastCase

ADMIN_GROUP = "softwhere_client.softwhere_client_group_connector_admin"


@tagged("post_install", "-at_install")
class TestCfastSecurity(SoftwhereCfastCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connector_admin = new_test_user(
            cls.env,
            login="sw_cfast_admin",
            name="Administrateur Cfast",
            groups=ADMIN_GROUP,
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )

    def test_sync_actions_over_rpc_need_the_connector_admin_group(self):
        for user in (self.user, self.manager):
            backend = self.backend.with_user(user)
            for action in ("action_sync_now", "action_full_sync"):
                with (
                    self.subTest(user=user.login, action=action),
                    trap_jobs() as jobs,
                    self.assertRaisesRegex(AccessError, "Connector administrator"),
                ):
                    getattr(backend, action)()
                jobs.assert_jobs_count(0)
            with self.assertRaisesRegex(AccessError, "Test connection"):
                backend.action_test_connection()

    def test_a_connector_admin_passes_the_check(self):
        backend = self.backend.with_user(self.connector_admin)
        with trap_jobs() as jobs:
            backend.action_sync_now()
            backend.action_full_sync()
        jobs.assert_jobs_count(2)
        result = backend.action_test_connection()
        self.assertEqual(result["params"]["type"], "success")

    def test_retrying_a_sync_log_needs_the_connector_admin_group(self):
        log = self.sync()[:1]
        with (
            trap_jobs() as jobs,
            self.assertRaisesRegex(AccessError, "Connector administrator"),
        ):
            log.with_user(self.user).action_retry()
        jobs.assert_jobs_count(0)
        with trap_jobs() as jobs:
            log.with_user(self.connector_admin).action_retry()
        jobs.assert_jobs_count(1)
