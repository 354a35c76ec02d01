"""The BlueRockTEL customer file: read, check, write.

One column per field, named by BlueRockTEL's technical name (``customerAccount``,
``name``, ``registrationNumber``…), booleans as 1/0 with the documented
defaults. ``read_table`` accepts CSV (comma, semicolon or tab; UTF-8 with or
without BOM, or Windows-1252) and XLSX; ``check_rows`` turns each row into typed
values or into errors naming the line, the column and the problem in French.
Writing back gives a file that reads to the same values (round trip).

Nothing here touches a database: the Odoo import does the upsert.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import xlsxwriter
from openpyxl import load_workbook
from stdnum import exceptions as stdnum_exceptions
from stdnum.eu import vat as eu_vat
from stdnum.fr import siret as fr_siret


@dataclass(frozen=True)
class Column:
    name: str
    kind: (
        str  # string, siret, vat, company_type, decimal, postal_code, boolean, integer
    )
    label: str  # French, as BlueRockTEL's documentation names it
    default: object = None
    required: bool = False


COLUMNS = (
    Column("customerAccount", "string", "Compte client"),
    Column("accountsReference", "string", "Compte comptable"),
    Column("name", "string", "Raison sociale", required=True),
    Column("registrationNumber", "siret", "SIRET"),
    Column("taxRegistrationNumber", "vat", "Numéro de TVA intracommunautaire"),
    Column("type", "company_type", "Type de société"),
    Column("capital", "decimal", "Capital social"),
    Column("mainAddressLine1", "string", "Première ligne d'adresse"),
    Column("mainAddressLine2", "string", "Seconde ligne d'adresse"),
    Column("postalCode", "postal_code", "Code postal"),
    Column("mainAddressCity", "string", "Ville"),
    Column("website", "string", "Site web"),
    Column("active", "boolean", "Actif", default=True),
    Column("isReseller", "boolean", "Revendeur", default=False),
    Column("resellerLevel", "integer", "Niveau de revendeur"),
    Column("chargeVAT", "boolean", "Facturer la TVA", default=True),
    Column(
        "applyVATAutoReverseOperators",
        "boolean",
        "TVA auto-liquidée (opérateur Arcep)",
        default=False,
    ),
    Column("onCallDuty", "boolean", "Client sous contrat d'astreinte", default=False),
    Column("vip", "boolean", "Client VIP", default=False),
)
COLUMN_BY_NAME = {c.name: c for c in COLUMNS}
COLUMN_NAMES = tuple(c.name for c in COLUMNS)

#: French legal forms and bodies, by code. ``type`` accepts the code or the label.
COMPANY_TYPES = {
    "SA": "Société anonyme",
    "SAS": "Société par actions simplifiée",
    "SASU": "Société par actions simplifiée unipersonnelle",
    "SARL": "Société à responsabilité limitée",
    "EURL": "Entreprise unipersonnelle à responsabilité limitée",
    "SNC": "Société en nom collectif",
    "SCS": "Société en commandite simple",
    "SCA": "Société en commandite par actions",
    "SCI": "Société civile immobilière",
    "SCP": "Société civile professionnelle",
    "SCOP": "Société coopérative de production",
    "SELARL": "Société d'exercice libéral à responsabilité limitée",
    "SELAS": "Société d'exercice libéral par actions simplifiée",
    "EI": "Entreprise individuelle",
    "EIRL": "Entreprise individuelle à responsabilité limitée",
    "MICRO": "Micro-entreprise",
    "ASSOCIATION": "Association",
    "GIE": "Groupement d'intérêt économique",
    "EPIC": "Établissement public industriel et commercial",
    "EPA": "Établissement public administratif",
    "COLLECTIVITE": "Collectivité territoriale",
    "PARTICULIER": "Particulier",
}
_COMPANY_TYPE_SYNONYMS = {
    "AUTOENTREPRENEUR": "MICRO",
    "MICROENTREPRENEUR": "MICRO",
    "MICROENTREPRISE": "MICRO",
    "ASSOCIATIONLOI1901": "ASSOCIATION",
    "MAIRIE": "COLLECTIVITE",
    "COMMUNE": "COLLECTIVITE",
}

#: French messages, by error code; ``{value}`` and ``{detail}`` are filled in.
MESSAGES = {
    "required": "la raison sociale est obligatoire",
    "invalid_siret": (
        "SIRET invalide « {value} » (14 chiffres avec une clé de contrôle juste)"
    ),
    "invalid_vat": "numéro de TVA intracommunautaire invalide « {value} »",
    "vat_siret_mismatch": (
        "le numéro de TVA « {value} » ne correspond pas au SIREN du SIRET ({detail})"
    ),
    "unknown_company_type": "type de société inconnu « {value} » (attendu : {detail})",
    "invalid_decimal": "nombre invalide « {value} »",
    "negative_capital": "le capital social ne peut pas être négatif ({value})",
    "invalid_boolean": "valeur « {value} » invalide : indiquez 1 (oui) ou 0 (non)",
    "invalid_integer": "nombre entier attendu, « {value} » donné",
    "reseller_level_range": "le niveau de revendeur doit être au moins 1 ({value})",
    "reseller_level_without_reseller": (
        "niveau de revendeur « {value} » pour un client qui n'est pas revendeur "
        "(isReseller = 0)"
    ),
    "duplicate_account": (
        "compte client « {value} » en double dans le fichier (lignes {detail})"
    ),
    "too_long": "valeur trop longue ({detail} caractères au plus)",
}

_TRUE = {"1", "true", "vrai", "oui", "yes", "o", "y"}
_FALSE = {"0", "false", "faux", "non", "no", "n"}
_MAX_LENGTH = 255

#: Columns of our error report, after the file's own columns.
REPORT_LINE_COLUMN = "_ligne"
REPORT_ERROR_COLUMN = "_erreurs"


class FileFormatError(ValueError):
    """The file as a whole cannot be read (French message)."""


@dataclass
class Row:
    line: int  # line (CSV) or row (XLSX) number in the file, header = 1
    values: dict  # column name -> raw text, for the known columns
    cells: list  # the row as it was, every column, for the error report


@dataclass
class Table:
    header: list
    rows: list
    ignored_columns: list = field(default_factory=list)


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    code: str
    value: str
    message: str

    def __str__(self):
        label = COLUMN_BY_NAME[self.column].label
        return f"ligne {self.line}, colonne {self.column} ({label}) : {self.message}"


@dataclass
class CheckedRow:
    line: int
    values: dict  # column name -> typed value (None when empty and no default)
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


# -- reading -------------------------------------------------------------------
def read_table(data, filename=""):
    """Read a CSV or XLSX file into a ``Table``; raise ``FileFormatError``."""
    if not data:
        raise FileFormatError("Le fichier est vide.")
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
        grid = _read_xlsx(data)
    else:
        grid = _read_csv(data)
    return _table(grid)


def _decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise FileFormatError(
            "Encodage du fichier non reconnu : "
            "enregistrez-le en UTF-8 ou en Windows-1252."
        ) from exc


def _read_csv(data):
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid = []
    start = 1
    try:
        for cells in reader:
            grid.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FileFormatError(
            f"Fichier CSV illisible vers la ligne {reader.line_num} : {exc}"
        ) from exc
    return grid


def _read_xlsx(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise FileFormatError(f"Fichier XLSX illisible : {exc}") from exc
    sheet = workbook.worksheets[0]
    grid = [
        (number, [_xlsx_cell(value) for value in row])
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
    ]
    workbook.close()
    return grid


def _xlsx_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(grid):
    grid = [(line, cells) for line, cells in grid if any(str(c).strip() for c in cells)]
    if not grid:
        raise FileFormatError("Le fichier ne contient aucune ligne.")
    header_line, header = grid[0]
    header = [str(h).strip() for h in header]
    if "name" not in header:
        raise FileFormatError(
            f"La ligne {header_line} doit nommer les colonnes de BlueRockTEL "
            "(customerAccount, name, registrationNumber…) : "
            "la colonne « name » est absente."
        )
    duplicates = sorted({h for h in header if h and header.count(h) > 1})
    if duplicates:
        raise FileFormatError(
            f"Colonnes en double dans l'en-tête : {', '.join(duplicates)}."
        )
    positions = {
        name: index for index, name in enumerate(header) if name in COLUMN_BY_NAME
    }
    ignored = [
        h for h in header if h and h not in COLUMN_BY_NAME and not h.startswith("_")
    ]
    rows = []
    for line, cells in grid[1:]:
        cells = list(cells) + [""] * (len(header) - len(cells))
        values = {name: str(cells[index]).strip() for name, index in positions.items()}
        rows.append(Row(line=line, values=values, cells=cells[: len(header)]))
    return Table(header=header, rows=rows, ignored_columns=ignored)


# -- checking ------------------------------------------------------------------
def _fold(text):
    text = unicodedata.normalize("NFKD", text)
    return re.sub(
        r"[^A-Z0-9]",
        "",
        "".join(c for c in text if not unicodedata.combining(c)).upper(),
    )


_COMPANY_TYPE_LOOKUP = {
    **{_fold(code): code for code in COMPANY_TYPES},
    **{_fold(label): code for code, label in COMPANY_TYPES.items()},
    **_COMPANY_TYPE_SYNONYMS,
}


def _parse_decimal(text):
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", text)
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "")  # 10.000,50
    return Decimal(cleaned.replace(",", "."))


class _Problem(Exception):
    def __init__(self, code, detail=""):
        super().__init__(code)
        self.code = code
        self.detail = detail


def _convert(column, text):
    kind = column.kind
    if kind == "boolean":
        folded = text.lower()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        raise _Problem("invalid_boolean")
    if kind == "siret":
        try:
            return fr_siret.validate(text)
        except stdnum_exceptions.ValidationError:
            raise _Problem("invalid_siret") from None
    if kind == "vat":
        try:
            return eu_vat.validate(text)
        except stdnum_exceptions.ValidationError:
            raise _Problem("invalid_vat") from None
    if kind == "company_type":
        code = _COMPANY_TYPE_LOOKUP.get(_fold(text))
        if code is None:
            raise _Problem("unknown_company_type", ", ".join(COMPANY_TYPES))
        return code
    if kind == "decimal":
        try:
            value = _parse_decimal(text)
        except InvalidOperation:
            raise _Problem("invalid_decimal") from None
        if value < 0:
            raise _Problem("negative_capital")
        return value
    if kind == "integer":
        try:
            value = _parse_decimal(text)
        except InvalidOperation:
            raise _Problem("invalid_integer") from None
        if value != value.to_integral_value():
            raise _Problem("invalid_integer")
        return int(value)
    if kind == "postal_code" and text.isdigit() and len(text) < 5:
        # A spreadsheet stores 06000 as the number 6000.
        return text.zfill(5)
    if len(text) > _MAX_LENGTH:
        raise _Problem("too_long", str(_MAX_LENGTH))
    return text


def _error(line, column, code, value, detail=""):
    message = MESSAGES[code].format(value=value, detail=detail)
    return RowError(line=line, column=column, code=code, value=value, message=message)


def check_row(row):
    """Typed values of one row, or its errors (every one, not only the first)."""
    checked = CheckedRow(line=row.line, values={})
    for column in COLUMNS:
        text = row.values.get(column.name, "")
        if not text:
            checked.values[column.name] = column.default
            if column.required:
                checked.errors.append(_error(row.line, column.name, "required", text))
            continue
        try:
            checked.values[column.name] = _convert(column, text)
        except _Problem as problem:
            checked.values[column.name] = None
            checked.errors.append(
                _error(row.line, column.name, problem.code, text, problem.detail)
            )
    values = checked.values
    level = values.get("resellerLevel")
    if level is not None:
        if level < 1:
            checked.errors.append(
                _error(row.line, "resellerLevel", "reseller_level_range", str(level))
            )
        elif not values.get("isReseller"):
            checked.errors.append(
                _error(
                    row.line,
                    "resellerLevel",
                    "reseller_level_without_reseller",
                    str(level),
                )
            )
    siret, vat = values.get("registrationNumber"), values.get("taxRegistrationNumber")
    if siret and vat and vat.startswith("FR") and vat[4:] != siret[:9]:
        checked.errors.append(
            _error(
                row.line,
                "taxRegistrationNumber",
                "vat_siret_mismatch",
                vat,
                f"SIREN {siret[:9]}",
            )
        )
    return checked


def check_rows(table):
    """Check every row; a ``customerAccount`` found twice rejects all its rows."""
    checked = [check_row(row) for row in table.rows]
    lines_by_account = {}
    for row in checked:
        account = row.values.get("customerAccount")
        if account:
            lines_by_account.setdefault(account, []).append(row)
    for account, rows in lines_by_account.items():
        if len(rows) > 1:
            lines = ", ".join(str(r.line) for r in rows)
            for row in rows:
                row.errors.append(
                    _error(
                        row.line, "customerAccount", "duplicate_account", account, lines
                    )
                )
    return checked


# -- writing -------------------------------------------------------------------
def format_value(column, value):
    if value is None or value == "":
        return ""
    if column.kind == "boolean":
        return "1" if value else "0"
    if column.kind == "decimal":
        value = Decimal(str(value)).normalize()
        return f"{value:f}"
    return str(value)


def write_csv(records, delimiter=";"):
    """CSV of customers (dicts by column name), UTF-8 with BOM for Excel."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    for record in records:
        writer.writerow([format_value(c, record.get(c.name)) for c in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(records):
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Clients")
    text = workbook.add_format({"num_format": "@"})
    sheet.write_row(0, 0, COLUMN_NAMES)
    for index, record in enumerate(records, start=1):
        for position, column in enumerate(COLUMNS):
            sheet.write_string(
                index, position, format_value(column, record.get(column.name)), text
            )
    workbook.close()
    return buffer.getvalue()


def error_report_csv(table, checked_rows, delimiter=";"):
    """The rejected rows as they were, with line and reasons, to fix and re-import."""
    errors_by_line = {row.line: row.errors for row in checked_rows if row.errors}
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([*table.header, REPORT_LINE_COLUMN, REPORT_ERROR_COLUMN])
    for row in table.rows:
        errors = errors_by_line.get(row.line)
        if errors:
            reasons = " | ".join(f"{e.column} : {e.message}" for e in errors)
            writer.writerow([*row.cells, row.line, reasons])
    return buffer.getvalue().encode("utf-8-sig")
