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

from . import csvsafe


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
    Column("type", "company_type", "Type de société"),  # see COMPANY_TYPES
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


@dataclass(frozen=True)
class CompanyType:
    code: str  # what the ``type`` column reads as, and what an import stores
    label: str  # French
    insee: str  # INSEE catégorie juridique (level III), "" when it spans several


def _company_types(*rows):
    return {code: CompanyType(code, label, insee) for code, label, insee in rows}


#: The common French legal forms, by the abbreviation French people write.
#: ``type`` accepts the abbreviation, the label, a usual spelling or the INSEE
#: catégorie juridique code; any other non-empty text is kept as written (a
#: legal form is information for the account, not a reason to reject it).
COMPANY_TYPES = _company_types(
    ("SA", "Société anonyme", "5599"),
    ("SAS", "Société par actions simplifiée", "5710"),
    ("SASU", "Société par actions simplifiée unipersonnelle", "5720"),
    ("SARL", "Société à responsabilité limitée", "5499"),
    ("EURL", "Entreprise unipersonnelle à responsabilité limitée", "5498"),
    ("SNC", "Société en nom collectif", "5202"),
    ("SCS", "Société en commandite simple", "5306"),
    ("SCA", "Société en commandite par actions", "5308"),
    ("SE", "Société européenne", "5800"),
    ("SEM", "Société d'économie mixte", "5515"),
    ("SCOP", "Société coopérative et participative", ""),
    ("SCIC", "Société coopérative d'intérêt collectif", ""),
    ("SELARL", "Société d'exercice libéral à responsabilité limitée", "5485"),
    ("SELAS", "Société d'exercice libéral par actions simplifiée", "5785"),
    ("SELAFA", "Société d'exercice libéral à forme anonyme", "5585"),
    ("SC", "Société civile", "6599"),
    ("SCI", "Société civile immobilière", "6540"),
    ("SCM", "Société civile de moyens", "6589"),
    ("SCP", "Société civile professionnelle", "6585"),
    ("SCEA", "Société civile d'exploitation agricole", "6597"),
    ("SCPI", "Société civile de placement immobilier", "6521"),
    ("EARL", "Exploitation agricole à responsabilité limitée", "6598"),
    ("GAEC", "Groupement agricole d'exploitation en commun", "6533"),
    ("GFA", "Groupement foncier agricole", "6534"),
    ("CUMA", "Coopérative d'utilisation de matériel agricole en commun", "6316"),
    ("EI", "Entreprise individuelle", "1000"),
    ("EIRL", "Entreprise individuelle à responsabilité limitée", ""),
    ("MICRO", "Micro-entreprise (auto-entrepreneur)", ""),
    ("GIE", "Groupement d'intérêt économique", "6220"),
    ("GIP", "Groupement d'intérêt public", "7410"),
    ("ASSOCIATION", "Association déclarée (loi 1901)", "9220"),
    ("FONDATION", "Fondation", "9300"),
    ("SYNDICAT_COPROPRIETE", "Syndicat de copropriété", "9110"),
    ("MUTUELLE", "Mutuelle", "8210"),
    ("EPIC", "Établissement public industriel et commercial", ""),
    ("EPA", "Établissement public administratif", ""),
    ("COLLECTIVITE", "Collectivité territoriale", ""),
    ("ETAT", "Administration de l'État", ""),
    ("PARTICULIER", "Particulier", ""),
)
_COMPANY_TYPE_SYNONYMS = {
    "AE": "MICRO",
    "AUTOENTREPRENEUR": "MICRO",
    "AUTOENTREPRISE": "MICRO",
    "MICROENTREPRENEUR": "MICRO",
    "MICROENTREPRISE": "MICRO",
    "ENTREPRENEURINDIVIDUEL": "EI",
    "ENTREPRISEINDIVIDUELLE": "EI",
    "ASSO": "ASSOCIATION",
    "ASSOCIATIONLOI1901": "ASSOCIATION",
    "ASSOCIATIONDECLAREE": "ASSOCIATION",
    "ASSOCIATION1901": "ASSOCIATION",
    "SAEM": "SEM",
    "SEML": "SEM",
    "SOCIETEDECONOMIEMIXTELOCALE": "SEM",
    "SOCIETECOOPERATIVEOUVRIEREDEPRODUCTION": "SCOP",
    "SCIVILE": "SC",
    "COPROPRIETE": "SYNDICAT_COPROPRIETE",
    "SYNDICATDECOPROPRIETE": "SYNDICAT_COPROPRIETE",
    "MAIRIE": "COLLECTIVITE",
    "COMMUNE": "COLLECTIVITE",
    "DEPARTEMENT": "COLLECTIVITE",
    "REGION": "COLLECTIVITE",
    "COMMUNAUTEDECOMMUNES": "COLLECTIVITE",
    "ETABLISSEMENTPUBLIC": "EPA",
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
    "invalid_decimal": (
        "nombre invalide « {value} » (écrit comme 1 000,50 ; 1.000,50 ; 1000.5)"
    ),
    "negative_capital": "le capital social ne peut pas être négatif ({value})",
    "invalid_boolean": "valeur « {value} » invalide : indiquez 1 (oui) ou 0 (non)",
    "invalid_integer": "nombre entier attendu, « {value} » donné",
    "invalid_postal_code": (
        "code postal invalide « {value} » : 5 chiffres attendus "
        "(un code à 4 chiffres retrouve son 0 initial)"
    ),
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
            # A file we wrote has its formula-like cells quoted (csvsafe).
            grid.append((start, [csvsafe.unneutralise(cell) for cell in cells]))
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
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        # A decimal comma and no exponent: 12.125 must not read as 12125.
        return f"{Decimal(repr(value)):f}".replace(".", ",")
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
    **{_fold(t.label): code for code, t in COMPANY_TYPES.items()},
    **{t.insee: code for code, t in COMPANY_TYPES.items() if t.insee},
    **_COMPANY_TYPE_SYNONYMS,
}


def company_type(text):
    """The code of a known legal form (``SARL``, ``EARL``…), else the text."""
    return _COMPANY_TYPE_LOOKUP.get(_fold(text), text)


def company_type_label(value):
    """The French label of a legal form code; free text is its own label."""
    known = COMPANY_TYPES.get(value)
    return known.label if known else value


def account_key(text):
    """What makes two ``customerAccount`` values the same account.

    Case and surrounding spaces do not count (``cl0042 `` is ``CL0042``). The
    Odoo import matches existing accounts on this key too.
    """
    return (text or "").strip().upper()


#: Digits, thousands separated by "." (or "," before a "." decimal), one
#: decimal separator. The value must be finite: NaN, inf, exponents are errors.
_DIGITS = re.compile(r"\d+")
_MAX_DIGITS = 30
#: Integers go into a PostgreSQL integer column.
_MAX_INTEGER = 2**31 - 1


def _grouped(text, separator):
    """``1.000.000`` with ``.``: 1 to 3 digits (no leading 0), then groups of 3."""
    return re.fullmatch(rf"[1-9]\d{{0,2}}(?:{re.escape(separator)}\d{{3}})+", text)


def _parse_decimal(text):
    """A number as French spreadsheets and users write it, or ``InvalidOperation``.

    Spaces (ordinary, no-break, narrow no-break) and € are ignored. With both
    "," and ".", the last one is the decimal separator and the other groups
    thousands (``1.000,50``, ``1,000.50``). A "," alone is the decimal
    separator (``1,5``). A "." alone followed by groups of exactly three
    digits and nothing else groups thousands (``1.000`` is 1000, ``12.500``
    is 12500): the French way, and the ambiguous case is read so; any other
    "." is a decimal point (``1.5``, ``1.50``, ``0.500``, ``1000.125``).
    """
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", text)
    sign = ""
    if cleaned[:1] in ("+", "-"):
        sign, cleaned = cleaned[0], cleaned[1:]
    integer, fraction = cleaned, ""
    if "," in cleaned and "." in cleaned:
        decimal = "," if cleaned.rindex(",") > cleaned.rindex(".") else "."
        thousands = "." if decimal == "," else ","
        integer, _, fraction = cleaned.rpartition(decimal)
        if not (_DIGITS.fullmatch(integer) or _grouped(integer, thousands)):
            raise InvalidOperation(text)
        integer = integer.replace(thousands, "")
    elif "," in cleaned:
        integer, _, fraction = cleaned.partition(",")
    elif "." in cleaned:
        if _grouped(cleaned, "."):
            integer = cleaned.replace(".", "")
        else:
            integer, _, fraction = cleaned.partition(".")
    if not _DIGITS.fullmatch(integer) or (fraction and not _DIGITS.fullmatch(fraction)):
        raise InvalidOperation(text)
    if cleaned.endswith((",", ".")) or len(integer) + len(fraction) > _MAX_DIGITS:
        raise InvalidOperation(text)
    return Decimal(f"{sign}{integer}.{fraction}" if fraction else f"{sign}{integer}")


def _postal_code(text):
    """Five digits; four lost their leading 0 in a spreadsheet (6000: 06000).

    French postal codes only: the file has no country column.
    """
    if re.fullmatch(r"\d{5}", text):
        return text
    if re.fullmatch(r"\d{4}", text):
        return "0" + text
    raise _Problem("invalid_postal_code")


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
    if kind == "company_type" and len(text) <= _MAX_LENGTH:
        return company_type(text)
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
        if value != value.to_integral_value() or abs(value) > _MAX_INTEGER:
            raise _Problem("invalid_integer")
        return int(value)
    if kind == "postal_code":
        return _postal_code(text)
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
    """Check every row; a ``customerAccount`` found twice (``account_key``: case
    and surrounding spaces aside) rejects all its rows."""
    checked = [check_row(row) for row in table.rows]
    rows_by_key = {}
    for row in checked:
        account = row.values.get("customerAccount")
        if account:
            rows_by_key.setdefault(account_key(account), []).append(row)
    for rows in rows_by_key.values():
        if len(rows) > 1:
            lines = ", ".join(str(r.line) for r in rows)
            for row in rows:
                account = row.values["customerAccount"]
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
        # A decimal comma, as French spreadsheets write it: "100.125" would
        # read back as 100125 (a dot and three digits group thousands).
        value = Decimal(str(value)).normalize()
        return f"{value:f}".replace(".", ",")
    return str(value)


def write_csv(records, delimiter=";"):
    """CSV of customers (dicts by column name), UTF-8 with BOM for Excel."""
    buffer = io.StringIO(newline="")
    writer = csvsafe.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
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
    writer = csvsafe.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([*table.header, REPORT_LINE_COLUMN, REPORT_ERROR_COLUMN])
    for row in table.rows:
        errors = errors_by_line.get(row.line)
        if errors:
            reasons = " | ".join(f"{e.column} : {e.message}" for e in errors)
            writer.writerow([*row.cells, row.line, reasons])
    return buffer.getvalue().encode("utf-8-sig")
