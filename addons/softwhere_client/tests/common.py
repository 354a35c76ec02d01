# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import io

import xlsxwriter
from stdnum import luhn

from odoo.tests import HttpCase, TransactionCase, new_test_user

from softwhere_lib import bluerocktel as brt

from ..bluerocktel.importer import BlueRockTelImport, describe

#: Valid French company identifiers (checked by python-stdnum).
SIRET = "73282932000074"  # SIREN 732829320
VAT = "FR44732829320"
OTHER_SIRET = "55210055400013"  # SIREN 552100554
OTHER_VAT = "FR96552100554"


class SoftwhereClientCase(TransactionCase):
    """Customer accounts created as the Comptes clients menu creates them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.Partner = cls.env["res.partner"].with_context(
            default_is_customer_account=True, default_is_company=True
        )
        cls.white_label = cls.env.ref("softwhere_client.white_label_actif_telecom")
        cls.france = cls.env.ref("base.fr")
        cls.user = new_test_user(
            cls.env,
            login="sw_user",
            name="Utilisateur SoftWhere",
            groups="softwhere_client.softwhere_client_group_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="sw_manager",
            name="Responsable SoftWhere",
            groups="softwhere_client.softwhere_client_group_manager",
        )
        cls.employee = new_test_user(
            cls.env, login="sw_employee", name="Employé", groups="base.group_user"
        )

    @classmethod
    def create_customer(cls, name="Boulangerie Martin", **values):
        return cls.Partner.create({"name": name, **values})


class SoftwhereFrenchHttpCase(HttpCase):
    """Browser tests as a French back office works: French loaded with the
    terms of ``french_modules``, the admin and the users made here in French;
    with ``french_chart``, a company without accounts gets the French chart."""

    #: The addons whose French terms the tour reads.
    french_modules = ("softwhere_client",)
    french_chart = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        if cls.french_chart and not company.chart_template:
            company.country_id = cls.env.ref("base.fr")
            cls.env["account.chart.template"].try_loading("fr", company)
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            list(cls.french_modules), ["fr_FR"]
        )
        cls.env.ref("base.user_admin").lang = "fr_FR"

    @classmethod
    def french_user(cls, login, name, groups):
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            groups=groups,
            lang="fr_FR",
            tz="Europe/Paris",
        )


def csv_file(rows, header=None, delimiter=";", encoding="utf-8"):
    """A BlueRockTEL CSV built as a user's spreadsheet would save it.

    ``rows``: dicts by column name (a missing key is an empty cell); ``header``:
    the columns, by default those the rows use, in BlueRockTEL's order.
    """
    header = header or _header(rows)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(row.get(name, "")) for name in header])
    return buffer.getvalue().encode(encoding)


def xlsx_file(rows, header=None):
    """An XLSX file whose cells keep their types (numbers, booleans, text)."""
    header = header or _header(rows)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Clients")
    sheet.write_row(0, 0, header)
    for index, row in enumerate(rows, start=1):
        for position, name in enumerate(header):
            value = row.get(name)
            if value is None or value == "":
                continue
            sheet.write(index, position, value)
    workbook.close()
    return buffer.getvalue()


def _header(rows):
    used = {name for row in rows for name in row}
    known = [name for name in brt.COLUMN_NAMES if name in used]
    return known + sorted(used - set(known))


def _cell(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    return "" if value is None else str(value)


def siret_for(number):
    """A valid SIRET derived from ``number`` (Luhn on the SIREN and the SIRET)."""
    siren = f"{(number * 7919 + 12345) % 10**8:08d}"
    siren += luhn.calc_check_digit(siren)
    body = f"{siren}{number % 10000:04d}"
    return body + luhn.calc_check_digit(body)


def vat_for(siren):
    """The French VAT number of a SIREN."""
    return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


def company(number, **values):
    """A valid row of the file: company ``number`` with its SIRET and VAT."""
    siret = siret_for(number)
    return {
        "customerAccount": f"BRT{number:05d}",
        "name": f"Société {number}",
        "registrationNumber": siret,
        "taxRegistrationNumber": vat_for(siret[:9]),
        "type": "SAS",
        "mainAddressLine1": f"{number} rue de la République",
        "postalCode": "69002",
        "mainAddressCity": "Lyon",
        **values,
    }


class BlueRockTelCase(SoftwhereClientCase):
    """Imports of files built by the tests, as the wizard and the command run them."""

    def run_import(self, data, filename="clients.csv", **options):
        return BlueRockTelImport(self.env, **options).run(data, filename)

    def preview(self, data, filename="clients.csv", **options):
        return BlueRockTelImport(self.env, **options).preview(data, filename)

    def customers(self, *accounts):
        partners = self.env["res.partner"].with_context(active_test=False)
        found = partners.search([("customer_reference", "in", list(accounts))])
        return found.sorted(lambda p: list(accounts).index(p.customer_reference))

    def assertRowError(self, result, line, column):
        """A French message for ``column`` of ``line``, named as the user sees it."""
        errors = [e for e in result.errors if (e.line, e.column) == (line, column)]
        self.assertTrue(
            errors,
            f"no error on line {line}, column {column}: "
            f"{[(e.line, e.column, e.message) for e in result.errors]}",
        )
        for error in errors:
            self.assertTrue(error.message.strip())
            text = describe(error)
            self.assertIn(f"ligne {line}", text)
            self.assertIn(f"colonne {column}", text)
        return errors
