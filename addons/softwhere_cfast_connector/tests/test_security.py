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
        cls.other_company = cls.env["res.company"].create({"name": "Marque Sud"})
        # A connector admin: the access rights let them read everything, only
        # the company stands between them and company A's records.
        cls.other_admin = new_test_user(
            cls.env,
            login="sw_cfast_admin_sud",
            name="Administrateur Marque Sud",
            groups=ADMIN_GROUP,
            company_id=cls.other_company.id,
            company_ids=cls.other_company.ids,
        )

    def as_other_company(self, model):
        return (
            self.env[model]
            .with_user(self.other_admin)
            .with_context(allowed_company_ids=self.other_company.ids)
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

    def test_another_company_sees_no_binding_log_or_log_page(self):
        logs = self.sync()
        pages = logs.page_ids
        bindings = self.env["softwhere.cfast.binding"].search(
            [("backend_id", "=", self.backend.id)]
        )
        self.assertTrue(bindings and pages)
        self.assertEqual(pages.company_id, self.company)
        # Company A's user sees them all.
        user_bindings = bindings.with_user(self.user)
        self.assertEqual(user_bindings.search([("id", "in", bindings.ids)]), bindings)
        user_pages = pages.with_user(self.user)
        self.assertEqual(user_pages.search([("id", "in", pages.ids)]), pages)
        # Company B's sees none of them, and cannot open one by its id.
        for model, records in (
            ("softwhere.cfast.binding", bindings),
            ("softwhere.cfast.sync.log", logs),
            ("softwhere.cfast.sync.log.page", pages),
        ):
            with self.subTest(model=model):
                other = self.as_other_company(model)
                self.assertFalse(other.search([("id", "in", records.ids)]))
                with self.assertRaises(AccessError):
                    other.browse(records[:1].id).read(["id"])
