"""No CSV of ours holds a cell a spreadsheet would run as a formula, and what we
write still reads back to the same values."""

import csv
import io

import pytest

from softwhere_lib import bluerocktel as brt
from softwhere_lib import csvsafe

#: A customer every check accepts (SIRET and VAT are valid).
GOOD = {
    "customerAccount": "CL0042",
    "name": "Boulangerie Dupont SARL",
    "registrationNumber": "73282932000074",
    "taxRegistrationNumber": "FR44732829320",
    "postalCode": "69003",
    "mainAddressCity": "Lyon",
}
FORMULAS = ['=HYPERLINK("http://x")', "@SUM(A1)", "+1+1", "-2+3", "\t=1", "\r=1"]
TRICKY = [
    *FORMULAS,
    "+33 6 12 34 56 78",
    "-12.50",
    "'quoted",
    "'=already quoted",
    "''",
    "'",
    "=",
    "",
    "plain text",
    "a=b",
]


def csv_bytes(rows):
    """A file as a user's spreadsheet saves it: cells raw, no quote added."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(brt.COLUMN_NAMES)
    for row in rows:
        writer.writerow([row.get(name, "") for name in brt.COLUMN_NAMES])
    return buffer.getvalue().encode("utf-8")


def checked(data, filename="clients.csv"):
    return brt.check_rows(brt.read_table(data, filename))


def cells_of(data):
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_cell_is_written_behind_a_quote(value):
    assert csvsafe.neutralise(value) == "'" + value


def test_phone_numbers_and_negative_amounts_are_quoted_too():
    assert csvsafe.neutralise("+33612345678") == "'+33612345678"
    assert csvsafe.neutralise("-12.50") == "'-12.50"
    assert csvsafe.neutralise(-5) == "'-5"
    assert csvsafe.neutralise("0612345678") == "0612345678"
    assert csvsafe.neutralise(None) == ""


@pytest.mark.parametrize("value", TRICKY)
def test_every_value_reads_back_as_written(value):
    assert csvsafe.unneutralise(csvsafe.neutralise(value)) == value


def test_a_quote_a_user_typed_is_kept():
    # Not one of our quotes: nothing a spreadsheet would run follows it.
    assert csvsafe.unneutralise("'quoted") == "'quoted"


def test_the_writer_leaves_no_cell_a_spreadsheet_would_run():
    buffer = io.StringIO(newline="")
    writer = csvsafe.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(TRICKY)
    writer.writerows([FORMULAS, [1, -1, None]])
    rows = list(csv.reader(io.StringIO(buffer.getvalue(), newline=""), delimiter=";"))
    assert len(rows) == 3
    for row in rows:
        assert not [cell for cell in row if cell.startswith(csvsafe.FORMULA_PREFIXES)]
    assert rows[2] == ["1", "'-1", ""]
    assert [csvsafe.unneutralise(cell) for cell in rows[0]] == TRICKY


def test_bluerocktel_export_neutralises_formulas_and_reads_back_the_same():
    customer = {
        **GOOD,
        "name": '=HYPERLINK("http://x")',
        "mainAddressLine1": "@SUM(A1)",
        "mainAddressLine2": "-12.50",
        "mainAddressCity": "+33 Lyon",
    }
    original = [r.values for r in checked(csv_bytes([customer]))]
    data = brt.write_csv(original)
    header, row = cells_of(data)
    cell = dict(zip(header, row, strict=True))
    assert cell["name"] == '\'=HYPERLINK("http://x")'
    assert cell["mainAddressLine1"] == "'@SUM(A1)"
    assert cell["mainAddressLine2"] == "'-12.50"
    assert cell["mainAddressCity"] == "'+33 Lyon"
    again = checked(data, "export.csv")
    assert [r.values for r in again] == original
    assert all(r.ok for r in again)


def test_error_report_neutralises_the_rejected_cells_and_reimports():
    bad = {**GOOD, "name": "@SUM(A1)", "registrationNumber": "123"}
    table = brt.read_table(csv_bytes([bad]))
    report = brt.error_report_csv(table, brt.check_rows(table))
    header, row = cells_of(report)
    assert dict(zip(header, row, strict=True))["name"] == "'@SUM(A1)"
    fixed = report.decode("utf-8-sig").replace(";123;", ";73282932000074;")
    (again,) = checked(fixed.encode("utf-8-sig"))
    assert again.ok and again.values["name"] == "@SUM(A1)"
