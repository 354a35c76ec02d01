"""SEPA direct-debit mandate fields: IBAN, BIC and RUM, checked with stdnum.

Errors name the field in French, as the billing site's form shows them.
"""

import re
from dataclasses import dataclass

from stdnum import bic as std_bic
from stdnum import exceptions as stdnum_exceptions
from stdnum import iban as std_iban

# The RUM (Référence Unique du Mandat, EPC "Mandate Identification"): at most
# 35 characters of the SEPA Latin set, no leading, trailing or double slash.
_RUM_CHARS = re.compile(r"^[A-Za-z0-9/\-?:().,'+ ]{1,35}$")


#: BIC countries a bank's IBANs may differ from. The French overseas
#: departments and territories (Réunion, Guadeloupe, Martinique, Guyane,
#: Mayotte, Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin,
#: Nouvelle-Calédonie, Polynésie française, Wallis-et-Futuna) have their own
#: ISO country code in BICs but use FR IBANs.
FRENCH_OVERSEAS = ("RE", "GP", "MQ", "GF", "YT", "PM", "BL", "MF", "NC", "PF", "WF")
BIC_COUNTRIES_BY_IBAN_COUNTRY = {"FR": ("FR", *FRENCH_OVERSEAS)}
#: IBAN countries whose banks may carry another country's BIC (Monaco, San
#: Marino, the Vatican: banks of their neighbours).
ANY_BIC_IBAN_COUNTRIES = ("MC", "SM", "VA")


class MandateError(ValueError):
    def __init__(self, field, message):
        super().__init__(f"{field} : {message}")
        self.field = field


@dataclass(frozen=True)
class MandateFields:
    iban: str  # compact, upper case
    bic: str  # 11 characters, upper case
    rum: str  # as given, or "" to generate one


def check_iban(value):
    try:
        return std_iban.validate(value)
    except stdnum_exceptions.ValidationError:
        raise MandateError("IBAN", f"« {value} » n'est pas un IBAN valide") from None


def check_bic(value, iban=None):
    try:
        bic = std_bic.validate(value)
    except stdnum_exceptions.ValidationError:
        raise MandateError("BIC", f"« {value} » n'est pas un BIC valide") from None
    if len(bic) == 8:
        bic += "XXX"  # the primary office, as banks write it in full
    country = iban[:2] if iban else ""
    allowed = BIC_COUNTRIES_BY_IBAN_COUNTRY.get(country, (country,))
    if iban and bic[4:6] not in allowed and country not in ANY_BIC_IBAN_COUNTRIES:
        raise MandateError(
            "BIC", f"« {value} » est d'un autre pays que l'IBAN ({iban[:2]})"
        )
    return bic


def check_rum(value):
    rum = (value or "").strip()
    if not rum:
        return ""
    if (
        not _RUM_CHARS.match(rum)
        or rum.startswith("/")
        or rum.endswith("/")
        or "//" in rum
    ):
        raise MandateError(
            "RUM",
            f"« {rum} » : 35 caractères au plus, lettres, chiffres, espaces "
            "et / - ? : ( ) . , ' +, sans / au début, à la fin ni en double",
        )
    return rum


def check_mandate(iban, bic, rum=""):
    """Every field of a mandate, normalised; ``MandateError`` names the bad one."""
    iban = check_iban(iban)
    return MandateFields(iban=iban, bic=check_bic(bic, iban), rum=check_rum(rum))
