# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.exceptions import UserError
from odoo.tests import tagged

from softwhere_lib import bluerocktel as brt

from .common import (
    OTHER_SIRET,
    OTHER_VAT,
    SIRET,
    VAT,
    BlueRockTelCase,
    company,
    csv_file,
)


@tagged("post_install", "-at_install")
class TestBlueRockTelExport(BlueRockTelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Made in Odoo, as users make them, not by an import.
        cls.made = cls.create_customer(
            "SAS Transports Leroy",
            customer_reference="CL8001",
            accounts_reference="411LEROY",
            company_registry=SIRET,
            vat=VAT,
            legal_form="SAS",
            softwhere_capital=15000.5,
            street="12 rue de la Paix",
            street2="Bâtiment B",
            zip="75002",
            city="Paris",
            website="https://leroy.example",
            is_reseller=True,
            reseller_level=2,
            charge_vat=False,
            vat_auto_reverse=True,
            on_call_duty=True,
            softwhere_vip=True,
        )
        cls.made |= cls.create_customer(
            "Hugo Mercier",
            customer_reference="CL8002",
            customer_type="individual",
            is_company=False,
            city="Dijon",
        )
        cls.made |= cls.create_customer(
            "Cabinet d'Architecture Simon",
            customer_reference="CL8003",
            customer_type="liberal_profession",
            legal_form="SARL",
            company_registry=OTHER_SIRET,
            vat=OTHER_VAT,
        )
        cls.made |= cls.create_customer(
            "Conseil Départemental",
            customer_reference="CL8004",
            customer_type="public_body",
            legal_form="COLLECTIVITE",
        )
        archived = cls.create_customer("Ancien Client", customer_reference="CL8005")
        archived.action_terminate()
        archived.active = False
        cls.made |= archived

    def export(self, partners, file_format="csv", delimiter=";"):
        wizard = (
            self.env["softwhere.bluerocktel.export"]
            .with_context(active_model="res.partner", active_ids=partners.ids)
            .create({"file_format": file_format, "delimiter": delimiter})
        )
        wizard.action_export()
        return base64.b64decode(wizard.data), wizard.data_name

    def test_a_file_exported_then_imported_changes_nothing(self):
        imported = self.run_import(
            csv_file(
                [company(1, isReseller="1", resellerLevel="3"), company(2, active="0")]
            )
        )
        partners = self.made | self.env["res.partner"].browse(imported.created)
        for file_format, delimiter in (("csv", ";"), ("csv", ","), ("xlsx", ";")):
            with self.subTest(file_format=file_format, delimiter=delimiter):
                data, name = self.export(partners, file_format, delimiter)
                self.assertTrue(name.endswith(f".{file_format}"))
                before = partners.with_context(active_test=False).read(
                    [
                        "name",
                        "write_date",
                        "customer_type",
                        "legal_form",
                        "customer_status",
                    ]
                )
                result = self.run_import(data, name)
                self.assertEqual(
                    result.summary(),
                    f"created: 0, updated: 0, unchanged: {len(partners)}, rejected: 0",
                    result.error_lines(),
                )
                self.assertEqual(
                    partners.with_context(active_test=False).read(
                        [
                            "name",
                            "write_date",
                            "customer_type",
                            "legal_form",
                            "customer_status",
                        ]
                    ),
                    before,
                )

    def test_the_export_writes_the_bluerocktel_columns(self):
        data, _name = self.export(self.made)
        table = brt.read_table(data)
        self.assertEqual(table.header, list(brt.COLUMN_NAMES))
        by_account = {row.values["customerAccount"]: row.values for row in table.rows}
        self.assertEqual(
            list(by_account), ["CL8001", "CL8002", "CL8003", "CL8004", "CL8005"]
        )
        leroy = by_account["CL8001"]
        self.assertEqual(
            {
                k: leroy[k]
                for k in (
                    "type",
                    "capital",
                    "isReseller",
                    "resellerLevel",
                    "chargeVAT",
                    "vip",
                )
            },
            {
                "type": "SAS",
                "capital": "15000,5",  # the lib writes a French decimal comma
                "isReseller": "1",
                "resellerLevel": "2",
                "chargeVAT": "0",
                "vip": "1",
            },
        )
        self.assertEqual(by_account["CL8002"]["type"], "Particulier")
        self.assertEqual(by_account["CL8005"]["active"], "0")

    def test_no_selection_exports_every_customer_account(self):
        wizard = self.env["softwhere.bluerocktel.export"].create({})
        data, _name = wizard.export_file()
        accounts = {row.values["customerAccount"] for row in brt.read_table(data).rows}
        self.assertTrue({"CL8001", "CL8005"} <= accounts)
        supplier = self.env["res.partner"].create(
            {"name": "Orange", "is_company": True}
        )
        with self.assertRaises(UserError):
            self.env["softwhere.bluerocktel.export"].with_context(
                active_model="res.partner", active_ids=supplier.ids
            ).create({})
