# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import SoftwhereSupplierCase

ADMIN_GROUP = "softwhere_client.softwhere_client_group_connector_admin"


@tagged("post_install", "-at_install")
class TestSupplierSecurity(SoftwhereSupplierCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connector_admin = new_test_user(
            cls.env,
            login="sw_supplier_admin",
            name="Administrateur Fournisseurs",
            groups=ADMIN_GROUP,
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        cls.other_company = cls.env["res.company"].create({"name": "Marque Sud"})
        cls.other_admin = new_test_user(
            cls.env,
            login="sw_supplier_admin_sud",
            name="Administrateur Marque Sud",
            groups=ADMIN_GROUP,
            company_id=cls.other_company.id,
            company_ids=cls.other_company.ids,
        )

    def test_reconcile_over_rpc_needs_the_connector_admin_group(self):
        for user in (self.user, self.manager):
            backend = self.backend_snaic.with_user(user)
            with (
                self.subTest(user=user.login),
                trap_jobs() as jobs,
                self.assertRaisesRegex(AccessError, "Connector administrator"),
            ):
                backend.action_reconcile_now()
            jobs.assert_jobs_count(0)
            with self.assertRaisesRegex(AccessError, "Test connection"):
                backend.action_test_connection()

    def test_a_connector_admin_passes_the_check(self):
        backend = self.backend_snaic.with_user(self.connector_admin)
        with trap_jobs() as jobs:
            backend.action_reconcile_now()
        jobs.assert_jobs_count(1)
        result = backend.action_test_connection()
        self.assertEqual(result["params"]["type"], "success")

    def test_a_connector_admin_runs_the_reconciliation(self):
        """The snapshot is written and both sides read in SQL: under the
        connector administrator's rights, as the ORM would."""
        gaps = self.reconcile(self.backend_snaic.with_user(self.connector_admin))
        self.assertEqual(len(gaps), 6, gaps.mapped("detail"))
        self.assertEqual(
            self.env["softwhere.supplier.snapshot"]
            .search([("backend_id", "=", self.backend_snaic.id)])
            .create_uid,
            self.connector_admin,
        )

    def test_another_company_sees_no_snapshot_nor_gap(self):
        gaps = self.reconcile()
        snapshot = self.env["softwhere.supplier.snapshot"].search(
            [("backend_id", "=", self.backend_snaic.id)]
        )
        self.assertTrue(gaps and snapshot)
        Snapshot = snapshot.with_user(self.user)
        self.assertEqual(Snapshot.search([("id", "in", snapshot.ids)]), snapshot)
        for model, records in (
            ("softwhere.supplier.snapshot", snapshot),
            ("softwhere.reconciliation.gap", gaps),
        ):
            with self.subTest(model=model):
                other = (
                    self.env[model]
                    .with_user(self.other_admin)
                    .with_context(allowed_company_ids=self.other_company.ids)
                )
                self.assertFalse(other.search([("id", "in", records.ids)]))
                with self.assertRaises(AccessError):
                    other.browse(records[:1].id).read(["number"])
