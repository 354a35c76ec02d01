"""The BlueRockTEL customer file, with real files built here."""

import csv
import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from softwhere_lib import bluerocktel as brt

GOOD = {
    "customerAccount": "CL0042",
    "accountsReference": "411CL0042",
    "name": "Boulangerie Dupont SARL",
    "registrationNumber": "732 829 320 00074",
    "taxRegistrationNumber": "FR44732829320",
    "type": "SARL",
    "capital": "10 000,50",
    "mainAddressLine1": "12 rue de la République",
    "mainAddressLine2": "Bâtiment B",
    "postalCode": "69003",
    "mainAddressCity": "Lyon",
    "website": "https://boulangerie-dupont.example.fr",
    "active": "1",
    "isReseller": "0",
    "resellerLevel": "",
    "chargeVAT": "1",
    "applyVATAutoReverseOperators": "0",
    "onCallDuty": "0",
    "vip": "1",
}


def csv_bytes(rows, delimiter=";", encoding="utf-8", header=brt.COLUMN_NAMES):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return buffer.getvalue().encode(encoding)


def checked(data, filename="clients.csv"):
    return brt.check_rows(brt.read_table(data, filename))


def errors_of(row_values):
    (row,) = checked(csv_bytes([{**GOOD, **row_values}]))
    return [(e.line, e.column, e.code) for e in row.errors]


def test_a_good_row_gives_typed_values():
    (row,) = checked(csv_bytes([GOOD]))
    assert row.ok, row.errors
    values = row.values
    assert values["customerAccount"] == "CL0042"
    assert values["registrationNumber"] == "73282932000074"
    assert values["taxRegistrationNumber"] == "FR44732829320"
    assert values["capital"] == Decimal("10000.50")
    assert values["vip"] is True and values["isReseller"] is False
    assert values["resellerLevel"] is None


def test_defaults_of_the_document_apply_to_empty_booleans():
    row = {"name": "Client Minimal"}
    (result,) = checked(csv_bytes([row], header=("name",)))
    assert result.ok
    assert result.values["active"] is True
    assert result.values["chargeVAT"] is True
    for column in ("isReseller", "applyVATAutoReverseOperators", "onCallDuty", "vip"):
        assert result.values[column] is False
    assert result.values["customerAccount"] is None


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ";"),
        ("utf-8", ","),
        ("utf-8-sig", ";"),
        ("utf-8-sig", ","),
        ("cp1252", ";"),
        ("cp1252", ","),
    ],
)
def test_encodings_and_separators(encoding, delimiter):
    data = csv_bytes(
        [GOOD, {**GOOD, "customerAccount": "CL0043"}],
        delimiter=delimiter,
        encoding=encoding,
    )
    rows = checked(data)
    assert [r.ok for r in rows] == [True, True]
    assert rows[0].values["mainAddressLine1"] == "12 rue de la République"
    assert rows[0].values["mainAddressLine2"] == "Bâtiment B"


def test_xlsx_with_typed_cells():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(brt.COLUMN_NAMES))
    values = dict(
        GOOD,
        postalCode=6000,
        active=1,
        vip=True,
        capital=15000.0,
        isReseller=1,
        resellerLevel=2,
    )
    sheet.append([values[name] for name in brt.COLUMN_NAMES])
    buffer = io.BytesIO()
    workbook.save(buffer)
    (row,) = checked(buffer.getvalue(), "clients.xlsx")
    assert row.ok, row.errors
    assert row.line == 2
    assert row.values["postalCode"] == "06000"
    assert row.values["capital"] == Decimal("15000")
    assert row.values["resellerLevel"] == 2 and row.values["vip"] is True


@pytest.mark.parametrize(
    ("change", "column", "code"),
    [
        (
            {"registrationNumber": "73282932000075"},
            "registrationNumber",
            "invalid_siret",
        ),
        ({"registrationNumber": "1234"}, "registrationNumber", "invalid_siret"),
        (
            {"taxRegistrationNumber": "FR00732829320"},
            "taxRegistrationNumber",
            "invalid_vat",
        ),
        (
            {"taxRegistrationNumber": "FR40303265045"},
            "taxRegistrationNumber",
            "vat_siret_mismatch",
        ),
        ({"resellerLevel": "2"}, "resellerLevel", "reseller_level_without_reseller"),
        (
            {"isReseller": "1", "resellerLevel": "0"},
            "resellerLevel",
            "reseller_level_range",
        ),
        (
            {"isReseller": "1", "resellerLevel": "deux"},
            "resellerLevel",
            "invalid_integer",
        ),
        ({"vip": "peut-être"}, "vip", "invalid_boolean"),
        ({"active": "2"}, "active", "invalid_boolean"),
        ({"capital": "beaucoup"}, "capital", "invalid_decimal"),
        ({"capital": "-5"}, "capital", "negative_capital"),
        ({"name": ""}, "name", "required"),
    ],
)
def test_each_bad_input_names_line_column_and_problem(change, column, code):
    assert errors_of(change) == [(2, column, code)]


def test_messages_are_french_and_name_the_value():
    (row,) = checked(csv_bytes([{**GOOD, "registrationNumber": "123", "vip": "x"}]))
    assert [str(e) for e in row.errors] == [
        "ligne 2, colonne registrationNumber (SIRET) : SIRET invalide « 123 » "
        "(14 chiffres avec une clé de contrôle juste)",
        "ligne 2, colonne vip (Client VIP) : "
        "valeur « x » invalide : indiquez 1 (oui) ou 0 (non)",
    ]


def test_company_type_accepts_codes_labels_and_usual_spellings():
    for spelling, code in [
        ("s.a.r.l.", "SARL"),
        ("Société anonyme", "SA"),
        ("auto-entrepreneur", "MICRO"),
    ]:
        (row,) = checked(csv_bytes([{**GOOD, "type": spelling}]))
        assert row.values["type"] == code


def test_duplicate_account_rejects_every_row_that_has_it():
    rows = checked(
        csv_bytes(
            [
                GOOD,
                {**GOOD, "customerAccount": "CL0099", "name": "Autre"},
                {**GOOD, "name": "Doublon"},
            ]
        )
    )
    assert [r.ok for r in rows] == [False, True, False]
    assert (
        rows[0].errors[0].message
        == "compte client « CL0042 » en double dans le fichier (lignes 2, 4)"
    )


def test_line_numbers_follow_the_file_with_multiline_cells_and_blank_rows():
    data = csv_bytes(
        [
            {**GOOD, "mainAddressLine2": "Bâtiment B\nEscalier 3"},
            {},
            {**GOOD, "customerAccount": "CL0050", "vip": "x"},
        ]
    )
    rows = checked(data)
    assert [r.line for r in rows] == [2, 5]
    assert rows[1].errors[0].line == 5


def test_files_that_cannot_be_read_say_why():
    with pytest.raises(brt.FileFormatError, match="vide"):
        brt.read_table(b"")
    with pytest.raises(brt.FileFormatError, match="« name » est absente"):
        brt.read_table(b"Raison sociale;SIRET\nDupont;1\n")
    with pytest.raises(brt.FileFormatError, match="XLSX illisible"):
        brt.read_table(b"PK\x03\x04 not really a zip", "clients.xlsx")


def test_unknown_columns_are_listed_and_ignored():
    table = brt.read_table(csv_bytes([GOOD], header=("name", "couleur")))
    assert table.ignored_columns == ["couleur"]


@pytest.mark.parametrize("writer", ["csv", "xlsx"])
def test_round_trip_gives_the_same_values(writer):
    original = [
        r.values
        for r in checked(
            csv_bytes([GOOD, {"name": "Client Minimal", "customerAccount": "CL7"}])
        )
    ]
    data = brt.write_csv(original) if writer == "csv" else brt.write_xlsx(original)
    again = checked(data, f"export.{writer}")
    assert [r.values for r in again] == original
    assert all(r.ok for r in again)


def test_error_report_lists_rejected_rows_as_they_were_and_reimports():
    bad = {**GOOD, "customerAccount": "CL0077", "registrationNumber": "123"}
    data = csv_bytes([GOOD, bad])
    table = brt.read_table(data)
    report = brt.error_report_csv(table, brt.check_rows(table))
    lines = list(csv.reader(io.StringIO(report.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][-2:] == ["_ligne", "_erreurs"]
    assert len(lines) == 2
    assert lines[1][:-2] == [bad[name] for name in brt.COLUMN_NAMES]
    assert lines[1][-2] == "3"
    assert "SIRET invalide" in lines[1][-1]
    # Fixed in place, the report is a valid import file again.
    fixed = (
        report.decode("utf-8-sig")
        .replace(";123;", ";73282932000074;")
        .encode("utf-8-sig")
    )
    (row,) = checked(fixed)
    assert row.ok and row.values["customerAccount"] == "CL0077"


def test_check_command_prints_rejects_and_writes_the_report(tmp_path):
    source = tmp_path / "clients.csv"
    source.write_bytes(
        csv_bytes(
            [GOOD, {**GOOD, "customerAccount": "CL0077", "vip": "x"}], encoding="cp1252"
        )
    )
    report = tmp_path / "rejets.csv"
    script = Path(__file__).resolve().parents[1] / "tools" / "bluerocktel_check.py"
    result = subprocess.run(
        [sys.executable, str(script), str(source), "--report", str(report)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "ligne 3, colonne vip (Client VIP) : "
        "valeur « x » invalide : indiquez 1 (oui) ou 0 (non)",
        f"rapport des rejets : {report}",
        "lues : 2, valides : 1, rejetées : 1",
    ]
    assert "CL0077" in report.read_bytes().decode("utf-8-sig")
    unreadable = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "absent.csv")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert unreadable.returncode == 2


# -- numbers as French spreadsheets write them, and what is not a number -------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.000", Decimal("1000")),  # a dot and three digits: thousands
        ("12.500", Decimal("12500")),
        ("1.000.000", Decimal("1000000")),
        ("1 000,50", Decimal("1000.50")),
        ("1\u202f000,50", Decimal("1000.50")),  # narrow no-break space (Excel FR)
        ("1.000,50", Decimal("1000.50")),
        ("1,000.50", Decimal("1000.50")),
        ("1,5", Decimal("1.5")),
        ("1.5", Decimal("1.5")),
        ("1.50", Decimal("1.50")),
        ("0.500", Decimal("0.500")),  # no thousands after a leading 0
        ("1000.125", Decimal("1000.125")),  # four digits before: a decimal dot
        ("10 000 €", Decimal("10000")),
        ("7500", Decimal("7500")),
    ],
)
def test_french_decimals(text, value):
    (row,) = checked(csv_bytes([{**GOOD, "capital": text}]))
    assert row.ok, row.errors
    assert row.values["capital"] == value


@pytest.mark.parametrize(
    "text",
    ["NaN", "nan", "sNaN", "inf", "-inf", "Infinity", "-Infinity", "1e999999999",
     "1,000,000", "1.00,5", "1,2.3", "12,", ",5", "--1", "1e5", "0x10"],
)  # fmt: skip
def test_what_is_not_a_finite_number_is_a_row_error(text):
    (row,) = checked(
        csv_bytes([{**GOOD, "capital": text, "isReseller": "1", "resellerLevel": text}])
    )
    assert [(e.column, e.code) for e in row.errors] == [
        ("capital", "invalid_decimal"),
        ("resellerLevel", "invalid_integer"),
    ]
    assert row.values["capital"] is None and row.values["resellerLevel"] is None


def test_a_huge_reseller_level_is_a_row_error_not_a_hang():
    (row,) = checked(
        csv_bytes([{**GOOD, "isReseller": "1", "resellerLevel": "9" * 40}])
    )
    assert [e.code for e in row.errors] == ["invalid_integer"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("75011", "75011"), ("6000", "06000"), (" 06000 ", "06000"), ("97400", "97400")],
)
def test_postal_codes_have_five_digits(text, value):
    (row,) = checked(csv_bytes([{**GOOD, "postalCode": text}]))
    assert row.ok, row.errors
    assert row.values["postalCode"] == value


@pytest.mark.parametrize("text", ["75", "750", "7500A", "123456", "75 0011", "F-75011"])
def test_a_postal_code_that_is_not_five_digits_is_a_row_error(text):
    (row,) = checked(csv_bytes([{**GOOD, "postalCode": text}]))
    assert [(e.column, e.code) for e in row.errors] == [
        ("postalCode", "invalid_postal_code")
    ]
    assert row.errors[0].message == (
        f"code postal invalide « {text.strip()} » : 5 chiffres attendus "
        "(un code à 4 chiffres retrouve son 0 initial)"
    )


def test_account_keys_compare_without_case_and_surrounding_spaces():
    assert brt.account_key("  cl0042 ") == brt.account_key("CL0042") == "CL0042"
    assert brt.account_key("") == ""
    rows = checked(
        csv_bytes([GOOD, {**GOOD, "customerAccount": "cl0042 ", "name": "Doublon"}])
    )
    assert [r.ok for r in rows] == [False, False]
    assert rows[1].errors[0].message == (
        "compte client « cl0042 » en double dans le fichier (lignes 2, 3)"
    )
    # The account is kept as written.
    assert rows[1].values["customerAccount"] == "cl0042"


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("auto-entrepreneur", "MICRO"),
        ("Micro-entreprise", "MICRO"),
        ("micro entrepreneur", "MICRO"),
        ("EARL", "EARL"),
        ("Exploitation agricole à responsabilité limitée", "EARL"),
        ("GAEC", "GAEC"),
        ("SEM", "SEM"),
        ("Société d'économie mixte", "SEM"),
        ("SCI", "SCI"),
        ("SCM", "SCM"),
        ("SCEA", "SCEA"),
        ("Société civile", "SC"),
        ("association loi 1901", "ASSOCIATION"),
        ("Association", "ASSOCIATION"),
        ("SELARL", "SELARL"),
        ("5499", "SARL"),  # the INSEE catégorie juridique code
        ("6540", "SCI"),
    ],
)
def test_common_french_legal_forms_are_known(spelling, code):
    (row,) = checked(csv_bytes([{**GOOD, "type": spelling}]))
    assert row.ok, row.errors
    assert row.values["type"] == code
    assert brt.COMPANY_TYPES[code].label


def test_another_legal_form_is_kept_as_written():
    (row,) = checked(csv_bytes([{**GOOD, "type": "Coopérative d'activité"}]))
    assert row.ok
    assert row.values["type"] == "Coopérative d'activité"
    assert brt.company_type_label("EARL") == (
        "Exploitation agricole à responsabilité limitée"
    )
    assert brt.company_type_label("Coopérative d'activité") == (
        "Coopérative d'activité"
    )


NASTY = ["NaN", "inf", "-Infinity", "1e999999999", "\x00", "€", "ÿ" * 300, "-0", ","]


def test_no_value_anywhere_raises_instead_of_a_row_error():
    rows = [{**GOOD, column: value} for column in brt.COLUMN_NAMES for value in NASTY]
    for row in rows:
        row["customerAccount"] = ""
    checked_rows = checked(csv_bytes(rows))
    assert len(checked_rows) == len(rows)


def test_check_command_never_prints_a_traceback(tmp_path):
    source = tmp_path / "clients.csv"
    source.write_bytes(
        csv_bytes(
            [
                {**GOOD, "capital": "NaN"},
                {**GOOD, "customerAccount": "CL1", "resellerLevel": "inf"},
                {**GOOD, "customerAccount": "CL2", "capital": "Infinity"},
            ]
        )
    )
    script = Path(__file__).resolve().parents[1] / "tools" / "bluerocktel_check.py"
    result = subprocess.run(
        [sys.executable, str(script), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "lues : 3, valides : 0, rejetées : 3"
    garbled = tmp_path / "garbled.xlsx"
    garbled.write_bytes(b"PK\x03\x04 broken")
    result = subprocess.run(
        [sys.executable, str(script), str(garbled)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "XLSX illisible" in result.stderr


def test_xlsx_decimal_cells_are_not_read_as_thousands():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "capital"])
    sheet.append(["Client A", 12.125])
    sheet.append(["Client B", 0.00001])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = checked(buffer.getvalue(), "clients.xlsx")
    assert [r.values["capital"] for r in rows] == [
        Decimal("12.125"),
        Decimal("0.00001"),
    ]


def test_written_decimals_read_back_the_same():
    data = brt.write_csv([{"name": "A", "capital": Decimal("100.125")}])
    (row,) = checked(data)
    assert row.values["capital"] == Decimal("100.125")
