# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import io
from unittest.mock import patch

from odoo import api, models
from odoo.tests import tagged

from odoo.addons.base.models.res_partner import ResPartner as BasePartner
from odoo.addons.base_vat.models.res_partner import ResPartner as VatPartner

from softwhere_lib import bluerocktel as brt

from ..keys import BATCH_CREATE
from .common import OTHER_VAT, SIRET, VAT, BlueRockTelCase, company, csv_file, xlsx_file


@tagged("post_install", "-at_install")
class TestBlueRockTelImport(BlueRockTelCase):
    # -- bad rows ------------------------------------------------------------------
    def test_every_bad_row_is_reported_and_the_good_ones_imported(self):
        rows = [
            company(1),  # line 2, good
            company(2, registrationNumber="73282932000075"),  # 3: bad SIRET
            company(3, registrationNumber="", taxRegistrationNumber="FR00732829320"),
            company(4, taxRegistrationNumber=OTHER_VAT),  # 5: VAT of another SIREN
            company(5, resellerLevel="2"),  # 6: level without reseller
            company(6, vip="peut-être"),  # 7: not a boolean
            company(7, customerAccount="BRT-DOUBLE"),  # 8: duplicate…
            company(8, customerAccount="BRT-DOUBLE"),  # 9: …of line 8
            company(9, name=""),  # 10: no name
            company(10, isReseller="1", resellerLevel="3"),  # 11, good
            company(11, customerAccount="brt-casse"),  # 12: duplicate…
            company(12, customerAccount=" BRT-CASSE "),  # 13: …but for case
        ]
        result = self.run_import(csv_file(rows))
        self.assertRowError(result, 3, "registrationNumber")
        self.assertRowError(result, 4, "taxRegistrationNumber")
        self.assertRowError(result, 5, "taxRegistrationNumber")
        self.assertRowError(result, 6, "resellerLevel")
        self.assertRowError(result, 7, "vip")
        self.assertRowError(result, 8, "customerAccount")
        self.assertRowError(result, 9, "customerAccount")
        self.assertRowError(result, 10, "name")
        self.assertRowError(result, 12, "customerAccount")
        self.assertRowError(result, 13, "customerAccount")
        self.assertEqual(
            sorted({row.line for row in result.rejected}),
            [3, 4, 5, 6, 7, 8, 9, 10, 12, 13],
        )
        self.assertEqual(result.counts()["created"], 2)
        good = self.customers("BRT00001", "BRT00010")
        self.assertEqual(good.mapped("name"), ["Société 1", "Société 10"])
        self.assertEqual(good[1].reseller_level, 3)
        self.assertFalse(self.customers("BRT00002", "BRT-DOUBLE", "brt-casse"))

    def test_a_number_that_is_not_finite_is_a_row_error(self):
        rows = [company(15), company(16, capital="NaN"), company(17, capital="inf")]
        result = self.run_import(csv_file(rows))
        self.assertRowError(result, 3, "capital")
        self.assertRowError(result, 4, "capital")
        self.assertEqual(len(result.rejected), 2)
        self.assertEqual(self.customers("BRT00015").name, "Société 15")

    def test_an_unknown_company_type_follows_the_lib(self):
        """Rejected on its column while the lib rejects it, else kept as written."""
        row = company(20, type="EARL")
        lib_errors = brt.check_rows(brt.read_table(csv_file([row])))[0].errors
        result = self.run_import(csv_file([row]))
        if any(e.column == "type" for e in lib_errors):
            self.assertRowError(result, 2, "type")
            self.assertFalse(self.customers("BRT00020"))
        else:
            self.assertEqual(self.customers("BRT00020").legal_form, "EARL")

    def test_a_file_that_is_no_bluerocktel_file_is_refused_whole(self):
        for data in (b"", b"nom;ville\nMartin;Lyon\n"):
            with self.subTest(data=data), self.assertRaises(brt.FileFormatError):
                self.run_import(data)

    # -- encodings, separators, XLSX -----------------------------------------------
    def test_encodings_and_separators(self):
        cases = [
            ("utf-8", ";"),
            ("utf-8", ","),
            ("utf-8-sig", ";"),
            ("utf-8-sig", ","),
            ("cp1252", ";"),
            ("cp1252", ","),
        ]
        for number, (encoding, delimiter) in enumerate(cases, start=30):
            with self.subTest(encoding=encoding, delimiter=delimiter):
                row = company(
                    number,
                    name=f"Société Générale des Eaux, Île-de-France {number}",
                    mainAddressLine1="12, rue de l'Église",
                    mainAddressCity="Évry-Courcouronnes",
                    capital="1 000,50",
                )
                data = csv_file([row], delimiter=delimiter, encoding=encoding)
                result = self.run_import(data)
                self.assertFalse(result.errors, result.error_lines())
                customer = self.customers(f"BRT{number:05d}")
                self.assertEqual(customer.name, row["name"])
                self.assertEqual(customer.street, "12, rue de l'Église")
                self.assertEqual(customer.city, "Évry-Courcouronnes")
                self.assertEqual(customer.softwhere_capital, 1000.5)

    def test_xlsx_with_typed_cells(self):
        rows = [
            company(40, postalCode=6000, capital=15000.5, vip=1, active=True),
            company(41, postalCode=75002, isReseller=True, resellerLevel=2),
            company(42, registrationNumber="bad", active=0),
        ]
        result = self.run_import(xlsx_file(rows), "clients.xlsx")
        self.assertRowError(result, 4, "registrationNumber")
        first, second = self.customers("BRT00040", "BRT00041")
        self.assertEqual(first.zip, "06000")
        self.assertEqual(first.softwhere_capital, 15000.5)
        self.assertTrue(first.softwhere_vip and first.active)
        self.assertEqual((second.is_reseller, second.reseller_level), (True, 2))

    # -- mapping -------------------------------------------------------------------
    def test_every_column_lands_in_its_field(self):
        row = {
            "customerAccount": "BRT-FULL",
            "accountsReference": "411FULL",
            "name": "  Transports   Leroy  ",
            "registrationNumber": SIRET,
            "taxRegistrationNumber": VAT,
            "type": "Société par actions simplifiée",
            "capital": "15000,50",
            "mainAddressLine1": "12 rue de la Paix",
            "mainAddressLine2": "Bâtiment B",
            "postalCode": "75002",
            "mainAddressCity": "Paris",
            "website": "www.leroy.example",
            "active": "1",
            "isReseller": "1",
            "resellerLevel": "2",
            "chargeVAT": "0",
            "applyVATAutoReverseOperators": "1",
            "onCallDuty": "1",
            "vip": "1",
        }
        result = self.run_import(csv_file([row]))
        self.assertFalse(result.errors, result.error_lines())
        customer = self.customers("BRT-FULL")
        self.assertRecordValues(
            customer,
            [
                {
                    "is_customer_account": True,
                    "accounts_reference": "411FULL",
                    "name": "Transports Leroy",
                    "company_registry": SIRET,
                    "vat": VAT,
                    "legal_form": "SAS",
                    "customer_type": "company",
                    "is_company": True,
                    "softwhere_capital": 15000.5,
                    "street": "12 rue de la Paix",
                    "street2": "Bâtiment B",
                    "zip": "75002",
                    "city": "Paris",
                    "website": "http://www.leroy.example",
                    "active": True,
                    "is_reseller": True,
                    "reseller_level": 2,
                    "charge_vat": False,
                    "vat_auto_reverse": True,
                    "on_call_duty": True,
                    "softwhere_vip": True,
                    "customer_status": "active_compliant",
                    "country_id": self.france.id,
                    "white_label_id": self.white_label.id,
                    "customer_rank": 1,
                }
            ],
        )

    def test_individuals_public_bodies_and_liberal_professions(self):
        rows = [
            {
                "customerAccount": "BRT-P1",
                "name": "Hugo Mercier",
                "type": "Particulier",
            },
            {
                "customerAccount": "BRT-P2",
                "name": "Mairie de Dijon",
                "type": "COLLECTIVITE",
            },
            {"customerAccount": "BRT-P3", "name": "Cabinet Roux", "type": "SELARL"},
            {"customerAccount": "BRT-P4", "name": "Micro Dupont", "type": "micro"},
            {"customerAccount": "BRT-P5", "name": "Sans Type"},
        ]
        result = self.run_import(csv_file(rows))
        self.assertFalse(result.errors, result.error_lines())
        person, town, lawyer, micro, plain = self.customers(
            "BRT-P1", "BRT-P2", "BRT-P3", "BRT-P4", "BRT-P5"
        )
        self.assertEqual(
            (person.customer_type, person.is_company, person.legal_form),
            ("individual", False, False),
        )
        self.assertEqual((person.firstname, person.lastname), ("Hugo", "Mercier"))
        self.assertEqual(person.name, "Hugo Mercier")
        self.assertEqual(
            (town.customer_type, town.legal_form),
            ("public_body", "Collectivité territoriale"),
        )
        self.assertEqual(
            (lawyer.customer_type, lawyer.legal_form), ("liberal_profession", "SELARL")
        )
        self.assertEqual(
            (micro.customer_type, micro.legal_form), ("company", "Micro-entreprise")
        )
        self.assertEqual((plain.customer_type, plain.legal_form), ("company", False))
        self.assertEqual(plain.lastname, "Sans Type")

    def test_an_inactive_customer_comes_in_archived_and_terminated(self):
        self.run_import(csv_file([company(50, active="0")]))
        customer = self.customers("BRT00050")
        self.assertFalse(customer.active)
        self.assertEqual(customer.customer_status, "terminated")

    # -- upsert --------------------------------------------------------------------
    def test_create_then_update_then_unchanged(self):
        rows = [company(60), company(61, vip="1"), company(62)]
        first = self.run_import(csv_file(rows))
        self.assertEqual(
            first.summary(), "created: 3, updated: 0, unchanged: 0, rejected: 0"
        )
        customers = self.customers("BRT00060", "BRT00061", "BRT00062")
        # The customer accounts live their life in Odoo meanwhile.
        customers[1].customer_status = "signed"
        self.env.cr.precommit.run()
        self._age(customers)
        messages = {c.id: len(c.message_ids) for c in customers}

        rows[1] = company(61, vip="0", mainAddressCity="Villeurbanne", active="0")
        second = self.run_import(csv_file(rows))
        self.env.cr.precommit.run()
        self.assertEqual(
            second.summary(), "created: 0, updated: 1, unchanged: 2, rejected: 0"
        )
        customers.invalidate_recordset()
        changed = customers[1]
        self.assertEqual(
            (changed.city, changed.softwhere_vip, changed.active),
            ("Villeurbanne", False, False),
        )
        self.assertEqual(
            changed.customer_status, "signed", "an update keeps the status"
        )
        self.assertEqual(len(changed.message_ids), messages[changed.id] + 1)
        self.assertIn(
            "softwhere_vip",
            changed.message_ids[0].tracking_value_ids.field_id.mapped("name"),
        )
        for customer in customers[0] | customers[2]:
            self.assertEqual(str(customer.write_date), "2020-01-01 00:00:00")
            self.assertEqual(len(customer.message_ids), messages[customer.id])

        self._age(customers)
        third = self.run_import(csv_file(rows))
        self.assertEqual(
            third.summary(), "created: 0, updated: 0, unchanged: 3, rejected: 0"
        )
        customers.invalidate_recordset()
        self.assertEqual(
            {str(c.write_date) for c in customers}, {"2020-01-01 00:00:00"}
        )

    def _age(self, customers):
        """Back-date write_date: a write of the import would show."""
        customers.flush_recordset()
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = '2020-01-01' WHERE id IN %s",
            [tuple(customers.ids)],
        )
        customers.invalidate_recordset()

    def test_accounts_match_without_case_and_spaces(self):
        existing = self.create_customer("Garage Dubois", customer_reference="CL9100")
        result = self.run_import(
            csv_file([{"customerAccount": "  cl9100 ", "name": "Garage Dubois & Fils"}])
        )
        self.assertEqual(result.counts()["updated"], 1)
        self.assertEqual(existing.name, "Garage Dubois & Fils")
        self.assertEqual(existing.customer_reference, "CL9100")

    def test_an_archived_customer_is_matched_too(self):
        existing = self.create_customer("Ancien Client", customer_reference="CL9101")
        existing.active = False
        result = self.run_import(
            csv_file(
                [{"customerAccount": "CL9101", "name": "Ancien Client", "active": "0"}]
            )
        )
        self.assertEqual(result.counts()["unchanged"], 1)

    def test_a_row_without_account_gets_the_next_free_number(self):
        probe = self.create_customer("Sonde")
        following = f"CL{int(probe.customer_reference[2:]) + 1:04d}"
        after = f"CL{int(probe.customer_reference[2:]) + 2:04d}"
        rows = [
            {"customerAccount": "", "name": "Sans numéro"},  # line 2
            {"customerAccount": following, "name": "Numéroté"},  # line 3
        ]
        result = self.run_import(csv_file(rows))
        self.assertFalse(result.errors, result.error_lines())
        self.assertEqual(self.customers(following).name, "Numéroté")
        self.assertEqual(self.customers(after).name, "Sans numéro")

    def test_absent_columns_are_left_alone(self):
        existing = self.create_customer(
            "Cabinet Roux",
            customer_reference="CL9102",
            customer_type="liberal_profession",
            legal_form="SCP",
            softwhere_vip=True,
            city="Lyon",
        )
        rows = [
            {
                "customerAccount": "CL9102",
                "name": "Cabinet Roux",
                "mainAddressCity": "Bron",
            }
        ]
        self.run_import(csv_file(rows))
        self.assertEqual(existing.city, "Bron")
        self.assertTrue(existing.softwhere_vip)
        self.assertEqual(
            (existing.legal_form, existing.customer_type),
            ("SCP", "liberal_profession"),
        )

    # -- all or nothing, and what only the database sees ---------------------------
    def test_all_or_nothing(self):
        rows = [company(70), company(71, registrationNumber="12345678901234")]
        result = self.run_import(csv_file(rows), all_or_nothing=True)
        self.assertFalse(result.applied)
        self.assertRowError(result, 3, "registrationNumber")
        self.assertEqual(
            result.summary(), "created: 0, updated: 0, unchanged: 0, rejected: 1"
        )
        self.assertFalse(self.customers("BRT00070"))

        good = self.run_import(csv_file(rows[:1]), all_or_nothing=True)
        self.assertTrue(good.applied)
        self.assertTrue(self.customers("BRT00070"))

    def test_a_database_refusal_is_a_row_error_and_the_rest_goes_in(self):
        # The lib cannot see it: the SIRET is in Odoo only, the file has no column
        # for it; l10n_fr_siret refuses a VAT number of another SIREN.
        self.create_customer(
            "Garage Dubois", customer_reference="CL9200", company_registry=SIRET
        )
        self.create_customer("Cabinet Roux", customer_reference="CL9201")
        header = ["customerAccount", "name", "taxRegistrationNumber", "mainAddressCity"]
        rows = [
            {"customerAccount": "NEW-1", "name": "Nouveau Un"},
            {
                "customerAccount": "CL9200",
                "name": "Garage Dubois",
                "taxRegistrationNumber": OTHER_VAT,
            },
            {
                "customerAccount": "CL9201",
                "name": "Cabinet Roux",
                "mainAddressCity": "Lyon",
            },
            {"customerAccount": "NEW-2", "name": "Nouveau Deux"},
        ]
        for all_or_nothing in (False, True):
            with self.subTest(all_or_nothing=all_or_nothing):
                result = self.run_import(
                    csv_file(rows, header=header), all_or_nothing=all_or_nothing
                )
                (error,) = self.assertRowError(result, 3, "taxRegistrationNumber")
                self.assertIn(OTHER_VAT, error.message)
                self.assertEqual(len(result.rejected), 1)
                garage = self.customers("CL9200")
                self.assertFalse(garage.vat)
                if all_or_nothing:
                    self.assertFalse(result.applied)
                    self.assertFalse(self.customers("NEW-1", "NEW-2"))
                    self.assertFalse(self.customers("CL9201").city)
                else:
                    self.assertEqual(
                        result.summary(),
                        "created: 2, updated: 1, unchanged: 0, rejected: 1",
                    )
                    self.assertEqual(len(self.customers("NEW-1", "NEW-2")), 2)
                    self.assertEqual(self.customers("CL9201").city, "Lyon")
                    self.customers("NEW-1", "NEW-2").unlink()
                    self.customers("CL9201").city = False

    # -- the error report ----------------------------------------------------------
    def test_the_error_report_gives_the_rejected_rows_as_they_were(self):
        rows = [
            company(80),
            company(81, registrationNumber="732 829 320 00075", extra="à garder"),
            company(82, name=""),
        ]
        data = csv_file(rows, delimiter=",", encoding="cp1252")
        result = self.run_import(data)
        report = result.error_report()
        self.assertTrue(report.startswith(b"\xef\xbb\xbf"))
        lines = list(csv.reader(io.StringIO(report.decode("utf-8-sig")), delimiter=";"))
        header = next(csv.reader(io.StringIO(data.decode("cp1252"))))
        self.assertEqual(
            lines[0], [*header, brt.REPORT_LINE_COLUMN, brt.REPORT_ERROR_COLUMN]
        )
        self.assertEqual(len(lines), 3)
        bad_siret, no_name = lines[1], lines[2]
        position = header.index("registrationNumber")
        self.assertEqual(bad_siret[position], "732 829 320 00075")
        self.assertEqual(bad_siret[header.index("extra")], "à garder")
        self.assertEqual(bad_siret[-2], "3")
        self.assertIn("registrationNumber", bad_siret[-1])
        self.assertEqual(no_name[-2], "4")
        self.assertIn("name", no_name[-1])
        self.assertIsNone(self.run_import(csv_file([company(83)])).error_report())

    # -- speed: whole batches ------------------------------------------------------
    def test_new_customers_are_created_in_one_batch(self):
        """partner_firstname's per-record loop is bypassed, names split the same."""
        calls = []
        original = BasePartner.create

        @api.model_create_multi
        def counting_create(self, vals_list):
            calls.append(len(vals_list))
            return original(self, vals_list)

        rows = [company(90 + n) for n in range(5)]
        rows.append(
            {
                "customerAccount": "BRT-PERS",
                "name": "Léa  Garnier",
                "type": "Particulier",
            }
        )
        with patch.object(BasePartner, "create", counting_create):
            self.run_import(csv_file(rows))
        self.assertEqual(calls, [6])
        person = self.customers("BRT-PERS")
        self.assertEqual((person.firstname, person.lastname), ("Léa", "Garnier"))
        companies = self.customers(*[f"BRT{90 + n:05d}" for n in range(5)])
        self.assertEqual(companies.mapped("lastname"), companies.mapped("name"))
        self.assertFalse(any(companies.mapped("firstname")))

    def test_odoo_checks_each_vat_number_and_reads_the_eu_group_once(self):
        """base_vat still checks every number; its EU_PREFIX group look-up,
        once per number by itself, is made once per import."""
        checked, group_searches = [], []
        run_vat_checks, search = VatPartner._run_vat_checks, models.BaseModel.search

        def counting_checks(self, country, vat, partner_name="", validation="error"):
            if validation == "error":
                checked.append(vat)
            return run_vat_checks(self, country, vat, partner_name, validation)

        def counting_search(self, domain, offset=0, limit=None, order=None):
            if self._name == "res.country.group":
                group_searches.append(domain)
            return search(self, domain, offset=offset, limit=limit, order=order)

        rows = [company(120 + n) for n in range(4)]
        with (
            patch.object(VatPartner, "_run_vat_checks", counting_checks),
            patch.object(models.BaseModel, "search", counting_search),
        ):
            result = self.run_import(csv_file(rows))
            self.assertEqual(result.counts()["created"], 4)
            self.assertEqual(
                sorted(checked), sorted(row["taxRegistrationNumber"] for row in rows)
            )
            self.assertEqual(len(group_searches), 1, group_searches)
            # Outside an import, base_vat searches it at each check, as it does.
            self.env["res.partner"].create(
                [
                    {"name": name, "vat": vat, "country_id": self.env.ref("base.fr").id}
                    for name, vat in (("Hors import", VAT), ("Autre", OTHER_VAT))
                ]
            )
            self.assertGreaterEqual(len(group_searches), 1 + 2, group_searches)

    def test_the_batch_create_splits_names_as_partner_firstname(self):
        values = [
            {"name": "Camille  Martin", "company_type": "person"},
            {"name": "Atelier  Garnier", "company_type": "company", "is_company": True},
            {"firstname": "Léa", "lastname": "Roux", "name": "ignoré"},
        ]
        Partner = self.env["res.partner"]
        one_by_one = Partner.create([dict(v) for v in values])
        batch = Partner.with_context(**{BATCH_CREATE: True}).create(
            [dict(v) for v in values]
        )
        for field_name in ("name", "firstname", "lastname", "is_company"):
            self.assertEqual(batch.mapped(field_name), one_by_one.mapped(field_name))
