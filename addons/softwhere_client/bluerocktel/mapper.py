# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""BlueRockTEL columns <-> customer account fields, in one place.

``softwhere_lib.bluerocktel`` reads and checks the file into typed values by
column name; this module turns those values into ``res.partner`` values (what
the customer should look like), compares them with a customer already there
(only the fields whose value changed are written), and turns a customer back
into a row for the export, so that an exported file imports as a no-op.

Decisions the format leaves open:

- ``type``: the lib's code becomes the legal form as French people write it
  (the acronym, ``SAS``; the word for the forms that have none, ``Association``),
  any other text is kept as given. ``Particulier`` makes an individual (a
  person, not a company: ``partner_firstname`` splits the name) without legal
  form. A new customer is a public body for EPIC, EPA and local authorities, a
  liberal profession for SELARL, SELAS and SCP, a company otherwise. An existing
  customer keeps its customer type, except between individual and the others,
  which only ``Particulier`` tells.
- A new customer is *Active – compliant* when ``active`` is 1 and *Terminated*
  (and archived) when 0: BlueRockTEL's customers are customers already. An
  existing customer keeps its status; ``active`` archives or restores it.
- A new customer is in France; an existing one gets France only if it has no
  country. The billing account of an existing customer keeps its spelling (the
  file's matched it without regard to case and spaces).
- A column absent from the file changes nothing; a column present with an empty
  cell sets the documented default (booleans) or clears the field.
"""

import math
import re
from decimal import Decimal

from odoo.tools import float_compare

from softwhere_lib import bluerocktel as brt

#: Column -> field, for the columns copied as they are (typed by the lib).
SIMPLE_FIELDS = {
    "accountsReference": "accounts_reference",
    "registrationNumber": "company_registry",
    "taxRegistrationNumber": "vat",
    "mainAddressLine1": "street",
    "mainAddressLine2": "street2",
    "postalCode": "zip",
    "mainAddressCity": "city",
    "website": "website",
    "active": "active",
    "isReseller": "is_reseller",
    "chargeVAT": "charge_vat",
    "applyVATAutoReverseOperators": "vat_auto_reverse",
    "onCallDuty": "on_call_duty",
    "vip": "softwhere_vip",
}
#: Column -> the fields it sets (for the update, the error column, the export).
FIELDS_BY_COLUMN = {
    "customerAccount": ("customer_reference",),
    "name": ("name",),
    "type": ("legal_form", "customer_type", "is_company"),
    "capital": ("softwhere_capital",),
    "resellerLevel": ("reseller_level",),
    **{column: (field,) for column, field in SIMPLE_FIELDS.items()},
}
COLUMN_BY_FIELD = {
    field: column
    for column, field_names in FIELDS_BY_COLUMN.items()
    for field in field_names
}
#: Every field the import compares: read once per batch of existing customers.
COMPARED_FIELDS = (
    "customer_reference",
    "name",
    "legal_form",
    "customer_type",
    "is_company",
    "softwhere_capital",
    "reseller_level",
    "country_id",
    *SIMPLE_FIELDS.values(),
)

INDIVIDUAL = "PARTICULIER"
#: Legal form stored for a company-type code of the lib: the acronym French
#: people write, or the word when there is none.
LEGAL_FORM_WORDS = {
    "MICRO": "Micro-entreprise",
    "ASSOCIATION": "Association",
    "COLLECTIVITE": "Collectivité territoriale",
}
PUBLIC_BODY_FORMS = {"EPIC", "EPA", "COLLECTIVITE"}
LIBERAL_PROFESSION_FORMS = {"SELARL", "SELAS", "SCP"}
STATUS_ACTIVE = "active_compliant"
STATUS_INACTIVE = "terminated"


def _fold(text):
    return re.sub(r"[\W_]", "", str(text or "")).upper()


def type_code(text):
    """The lib's code for a legal form or company type (any spelling), or None."""
    if not text:
        return None
    code = brt.company_type(str(text).strip())
    if code in brt.COMPANY_TYPES:
        return code
    return _CODE_BY_WORD.get(_fold(text))


#: Our words for a code (``LEGAL_FORM_WORDS``) read back to the code.
_CODE_BY_WORD = {_fold(word): code for code, word in LEGAL_FORM_WORDS.items()}


def legal_form(text):
    """The legal form stored for the lib's company type (any spelling, free text)."""
    if not text:
        return False
    code = type_code(text)
    if code is None:
        return str(text).strip()
    return LEGAL_FORM_WORDS.get(code, code)


def customer_type_of(code):
    """The customer type a company type says for sure, or None."""
    code = type_code(code)
    if code == INDIVIDUAL:
        return "individual"
    if code in PUBLIC_BODY_FORMS:
        return "public_body"
    if code in LIBERAL_PROFESSION_FORMS:
        return "liberal_profession"
    return None


def clean_name(name):
    """Names are stored with single spaces (``partner_firstname`` cleans them)."""
    return " ".join(str(name).split()) if name else False


class RowProblem(Exception):
    """A value the lib let through that no field can hold (French message)."""

    def __init__(self, column, code, value, message):
        super().__init__(message)
        self.error = brt.RowError(
            line=0, column=column, code=code, value=value, message=message
        )


def french_message(code, value, fallback, detail=""):
    """The lib's French message for ``code``, or ``fallback`` when it has none."""
    return brt.MESSAGES.get(code, fallback).format(value=value, detail=detail)


def to_capital(value):
    if value is None or value == "":
        return 0.0
    number = float(value)
    if not math.isfinite(number):
        raise RowProblem(
            "capital",
            "invalid_decimal",
            str(value),
            french_message("invalid_decimal", value, "nombre invalide « {value} »"),
        )
    return round(number, 2)


class Mapper:
    """Values of customer accounts from checked BlueRockTEL rows, and back."""

    def __init__(self, env, columns):
        self.env = env
        self.partners = env["res.partner"]
        #: The columns the file has: the others are left alone on update.
        self.columns = set(columns) & set(brt.COLUMN_NAMES)
        self.france = env.ref("base.fr")

    # -- file -> Odoo -------------------------------------------------------------
    def target(self, values):
        """What the customer must look like, field by field, for one checked row.

        Only the fields of the file's columns; ``type`` gives its three fields.
        """
        target = {}
        columns = self.columns
        for column, field_name in SIMPLE_FIELDS.items():
            if column in columns:
                value = values.get(column)
                target[field_name] = False if value in (None, "") else value
        if "website" in target and target["website"]:
            target["website"] = self.partners._clean_website(target["website"])
        if "name" in columns:
            target["name"] = clean_name(values.get("name"))
        if "customerAccount" in columns:
            target["customer_reference"] = (
                values.get("customerAccount") or ""
            ).strip() or False
        if "capital" in columns:
            target["softwhere_capital"] = to_capital(values.get("capital"))
        if "resellerLevel" in columns:
            # Checked against isReseller by the lib; settled with it below.
            target["_reseller_level"] = values.get("resellerLevel") or 0
        if "type" in columns:
            code = values.get("type")
            kind = customer_type_of(code)
            target["legal_form"] = False if kind == "individual" else legal_form(code)
            target["_customer_type"] = kind  # None: the type does not say
        return target

    @staticmethod
    def _reseller_level(level, is_reseller):
        """As the form does: a reseller is at level 1 at least, others at 0."""
        return (level or 1) if is_reseller else 0

    def create_values(self, target):
        """Values of a new customer account."""
        values = {k: v for k, v in target.items() if not k.startswith("_")}
        kind = target.get("_customer_type") or "company"
        active = target.get("active", True)
        if "_reseller_level" in target:
            values["reseller_level"] = self._reseller_level(
                target["_reseller_level"], target.get("is_reseller", False)
            )
        values.update(
            is_customer_account=True,
            customer_rank=1,
            customer_type=kind,
            is_company=kind != "individual",
            country_id=self.france.id,
            active=active,
            customer_status=STATUS_ACTIVE if active else STATUS_INACTIVE,
            # What Odoo's precompute gives a partner without parent: with
            # every precomputed field given, no new record is made per row.
            user_id=False,
        )
        if "name" in values:
            # The name parts partner_firstname would compute: a company's name is
            # its last name, a person's is split. (Its ``company_type`` would do
            # the same, at the price of one write per record.)
            name = values.pop("name")
            if kind == "individual":
                values.update(self.partners._get_inverse_name(name, False))
            else:
                values.update(lastname=name, firstname=False)
        return values

    def changes(self, partner, target):
        """The values to write on ``partner`` for it to match ``target``."""
        changes = {}
        for field_name, value in target.items():
            if field_name.startswith("_") or field_name == "customer_reference":
                continue
            if not self.same(field_name, partner[field_name], value):
                changes[field_name] = value
        if "_reseller_level" in target:
            level = self._reseller_level(
                target["_reseller_level"],
                target.get("is_reseller", partner.is_reseller),
            )
            if level != partner.reseller_level:
                changes["reseller_level"] = level
        if "_customer_type" in target:
            wanted = target["_customer_type"]
            current = partner.customer_type
            # Only "Particulier" or its absence tells the customer type for sure.
            if "individual" in (wanted, current):
                new_type = wanted or "company"
            else:
                new_type = current
            if new_type != current:
                changes["customer_type"] = new_type
            if partner.is_company != (new_type != "individual"):
                changes["is_company"] = new_type != "individual"
        if not partner.country_id:
            changes["country_id"] = self.france.id
        return changes

    def same(self, field_name, current, value):
        """Whether the stored value already is the file's."""
        kind = self.partners._fields[field_name].type
        if kind == "boolean":
            return bool(current) == bool(value)
        if kind == "float":
            return float_compare(current or 0.0, value or 0.0, precision_digits=2) == 0
        if kind == "integer":
            return (current or 0) == (value or 0)
        if field_name in ("vat", "company_registry"):
            return _compact(current) == _compact(value)
        if field_name == "legal_form" and current and value:
            # "COLLECTIVITE" typed in Odoo and the file's "Collectivité
            # territoriale" are the same form: the stored spelling stays.
            code = type_code(current)
            return current == value or (code is not None and code == type_code(value))
        return (current or False) == (value or False)

    # -- Odoo -> file -------------------------------------------------------------
    @staticmethod
    def export_row(partner):
        """The row of the BlueRockTEL file for one customer account."""
        individual = partner.customer_type == "individual"
        return {
            "customerAccount": partner.customer_reference or "",
            "accountsReference": partner.accounts_reference or "",
            "name": partner.name or "",
            "registrationNumber": partner.company_registry or "",
            "taxRegistrationNumber": partner.vat or "",
            "type": brt.COMPANY_TYPES[INDIVIDUAL].label
            if individual
            else partner.legal_form or "",
            "capital": Decimal(str(partner.softwhere_capital))
            if partner.softwhere_capital
            else None,
            "mainAddressLine1": partner.street or "",
            "mainAddressLine2": partner.street2 or "",
            "postalCode": partner.zip or "",
            "mainAddressCity": partner.city or "",
            "website": partner.website or "",
            "active": partner.active,
            "isReseller": partner.is_reseller,
            "resellerLevel": partner.reseller_level or None,
            "chargeVAT": partner.charge_vat,
            "applyVATAutoReverseOperators": partner.vat_auto_reverse,
            "onCallDuty": partner.on_call_duty,
            "vip": partner.softwhere_vip,
        }


def _compact(text):
    return re.sub(r"[\s.\-/]", "", str(text or "")).upper() or False
