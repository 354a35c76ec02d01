"""French phone and line numbers, through ``phonenumbers``.

Lines of the park are stored in the national format (``0612345678``), the form
Cfast's ``serviceLabel`` uses, and can be found from any usual spelling
(``+33 6 12 34 56 78``, ``33612345678``, ``06.12.34.56.78``).
"""

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

#: M2M numbers: 14 digits from 0700, allocated by Arcep to machine-to-machine.
_M2M = re.compile(r"^07\d{12}$")

LINE_KINDS = ("mobile", "voip", "geographic", "m2m")
_KIND_BY_TYPE = {
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.FIXED_LINE: "geographic",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "geographic",
}


class InvalidNumber(ValueError):
    """The text is not a number we accept (French message)."""


@dataclass(frozen=True)
class LineNumber:
    national: str  # 0612345678, or the 14 digits of an M2M number
    e164: str  # +33612345678
    kind: str  # one of LINE_KINDS


def _digits(text):
    return re.sub(r"\D", "", text or "")


def _national_digits(text):
    """``+33 6 12…``, ``0033612…``, ``33612…`` and ``0612…`` all give ``0612…``."""
    digits = _digits(text)
    if (text or "").strip().startswith("+") or digits.startswith("0033"):
        digits = digits[2:] if digits.startswith("00") else digits
        return "0" + digits[2:] if digits.startswith("33") else None
    if digits.startswith("33") and len(digits) in (11, 15):
        return "0" + digits[2:]
    return digits


def line_number(text):
    """Check and normalise the number of a line; raise ``InvalidNumber``."""
    national = _national_digits(text)
    if national and _M2M.match(national):
        return LineNumber(national=national, e164="+33" + national[1:], kind="m2m")
    try:
        parsed = phonenumbers.parse(national or text or "", "FR")
    except phonenumbers.NumberParseException:
        parsed = None
    if (
        parsed is None
        or parsed.country_code != 33
        or not phonenumbers.is_valid_number(parsed)
    ):
        raise InvalidNumber(
            f"Numéro de ligne invalide « {text} » : un numéro français à 10 chiffres "
            "(06, 07, 09, 01 à 05) ou un numéro M2M à 14 chiffres commençant par 07 "
            "est attendu."
        )
    kind = _KIND_BY_TYPE.get(phonenumbers.number_type(parsed))
    if kind is None:
        raise InvalidNumber(
            f"Numéro de ligne invalide « {text} » : numéro spécial ou surtaxé."
        )
    return LineNumber(
        national="0" + str(parsed.national_number),
        e164=phonenumbers.format_number(parsed, PhoneNumberFormat.E164),
        kind=kind,
    )


def e164(text, region="FR"):
    """A contact's phone number in E.164; ``""`` stays ``""``."""
    if not (text or "").strip():
        return ""
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise InvalidNumber(f"Numéro de téléphone impossible « {text} ».")
    return phonenumbers.format_number(parsed, PhoneNumberFormat.E164)


def national(text):
    """The national form of a full number in any usual spelling, for matching.

    ``33611223344``, ``+33 6 11 22 33 44`` and ``06.11.22.33.44`` all give
    ``0611223344``. No validation (``line_number`` validates): fast, never
    raises; a text that is no French number comes back stripped.
    """
    text = text or ""
    if (
        text[:1] == "0"
        and text.isdigit()
        and (len(text) == 10 and text[1] != "0" or len(text) == 14 and text[1] == "7")
    ):  # already national: the usual case, no regular expression (a hot path)
        return text
    return _national_digits(text) or text.strip()


def search_key(text):
    """What to look for in stored national numbers, from what a user typed.

    A full number in any usual spelling gives its national form; a part of one
    gives its digits (with a leading ``+33``/``33`` turned into ``0``), so
    ``+33 6 12`` finds ``0612…``.
    """
    national = _national_digits(text)
    return national or ""


def check_rio(rio):
    """A RIO (relevé d'identité opérateur, the code that ports a number in):
    12 characters, the operator's 2 digits, the contract kind (``P`` or ``E``),
    6 letters or digits and a 3-character key. Returns it in capitals;
    ``InvalidNumber`` (French message) otherwise. The key itself is the losing
    operator's to check (its algorithm is not public)."""
    code = re.sub(r"\s", "", rio or "").upper()
    if not re.fullmatch(r"\d{2}[PE][0-9A-Z]{6}[0-9A-Z+/]{3}", code):
        raise InvalidNumber(
            f"RIO invalide « {rio} » : 12 caractères attendus, les 2 chiffres de "
            "l'opérateur, P ou E, puis 9 lettres ou chiffres"
        )
    return code
