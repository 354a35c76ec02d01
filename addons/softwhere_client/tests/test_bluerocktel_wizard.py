# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BlueRockTelCase, company, csv_file


@tagged("post_install", "-at_install")
class TestBlueRockTelWizard(BlueRockTelCase):
    def wizard(self, data, filename="clients.csv", **values):
        return (
            self.env["softwhere.bluerocktel.import"]
            .with_user(self.user)
            .with_context(default_is_customer_account=True, default_name="Piège")
            .create(
                {"file_data": base64.b64encode(data), "file_name": filename, **values}
            )
        )

    def test_preview_then_import(self):
        self.create_customer("Déjà là", customer_reference="BRT00001")
        existing = self.create_customer("Société 2", customer_reference="BRT00002")
        row = company(2)
        existing.write(
            {
                "company_registry": row["registrationNumber"],
                "vat": row["taxRegistrationNumber"],
                "legal_form": "SAS",
                "street": row["mainAddressLine1"],
                "zip": "69002",
                "city": "Lyon",
            }
        )
        rows = [company(n) for n in range(1, 4)]
        rows.append(company(4, registrationNumber="123"))
        rows += [company(n) for n in range(5, 16)]
        wizard = self.wizard(csv_file(rows))
        action = wizard.action_preview()
        self.assertEqual((action["res_id"], action["target"]), (wizard.id, "new"))
        self.assertEqual(wizard.state, "preview")
        self.assertEqual(
            (
                wizard.row_count,
                wizard.count_create,
                wizard.count_update,
                wizard.count_unchanged,
                wizard.count_rejected,
            ),
            (15, 12, 1, 1, 1),
        )
        self.assertEqual(wizard.problem_ids.mapped("line"), [5])
        self.assertEqual(wizard.problem_ids.column, "registrationNumber")
        self.assertEqual(wizard.problem_ids.column_label, "SIRET")
        self.assertTrue(wizard.problem_ids.message)
        self.assertIn("Société 10", wizard.preview_html)
        self.assertNotIn("Société 11", wizard.preview_html)  # the first 10 rows
        self.assertTrue(wizard.notice)
        self.assertFalse(self.customers("BRT00003"), "a preview writes nothing")

        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(
            wizard.summary, "created: 12, updated: 1, unchanged: 1, rejected: 1"
        )
        self.assertEqual(len(wizard.partner_ids), 13)
        self.assertEqual(self.customers("BRT00001").name, "Société 1")
        self.assertEqual(self.customers("BRT00003").name, "Société 3")
        report = base64.b64decode(wizard.error_report).decode("utf-8-sig")
        lines = list(csv.reader(io.StringIO(report), delimiter=";"))
        self.assertEqual(len(lines), 2)
        self.assertEqual(lines[1][0], "BRT00004")
        self.assertEqual(lines[1][-2], "5")
        self.assertTrue(wizard.error_report_name.endswith("-rejets.csv"))
        opened = wizard.action_open_customers()
        self.assertEqual(opened["res_model"], "res.partner")
        self.assertEqual(
            self.env["res.partner"]
            .with_context(active_test=False)
            .search(opened["domain"]),
            wizard.partner_ids,
        )

    def test_all_or_nothing_from_the_wizard(self):
        rows = [company(20), company(21, vip="oui peut-être")]
        wizard = self.wizard(csv_file(rows), all_or_nothing=True)
        wizard.action_preview()
        self.assertIn("nothing", wizard.notice)
        wizard.action_import()
        self.assertEqual(
            wizard.summary, "created: 0, updated: 0, unchanged: 0, rejected: 1"
        )
        self.assertFalse(self.customers("BRT00020"))
        self.assertFalse(wizard.partner_ids)

    def test_an_unreadable_file_is_a_clear_error(self):
        wizard = self.wizard(b"nom;ville\nMartin;Lyon\n", "clients.csv")
        with self.assertRaises(UserError) as error:
            wizard.action_preview()
        self.assertIn("clients.csv", str(error.exception))
        self.assertIn("name", str(error.exception))

    def test_back_to_another_file(self):
        wizard = self.wizard(csv_file([company(30, vip="?")]))
        wizard.action_preview()
        wizard.action_back()
        self.assertEqual(wizard.state, "upload")
        self.assertFalse(wizard.problem_ids)
