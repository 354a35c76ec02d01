"""SIM cards: the ICCID, their serial number in the SIM stock.

An ICCID is 19 or 20 digits: ``89`` (telecom), the country code (``33`` for
France), the issuer, the serial, and a Luhn check digit.
"""

import re

from stdnum import luhn

#: French issuers, by the two digits after 8933.
FRENCH_ISSUERS = {
    "01": "Orange",
    "10": "SFR",
    "15": "Free Mobile",
    "20": "Bouygues Telecom",
}


class InvalidIccid(ValueError):
    pass


def check_iccid(value):
    """The ICCID in digits; ``InvalidIccid`` (French message) otherwise."""
    digits = re.sub(r"[\s-]", "", value or "")
    if not re.fullmatch(r"89\d{17,18}", digits):
        raise InvalidIccid(
            f"ICCID invalide « {value} » : 19 ou 20 chiffres commençant par 89 attendus"
        )
    if not luhn.is_valid(digits):
        raise InvalidIccid(
            f"ICCID invalide « {value} » : la clé de contrôle est fausse"
        )
    return digits


def issuer(iccid):
    """The French operator that issued the SIM, or "" when unknown or foreign."""
    if iccid.startswith("8933"):
        return FRENCH_ISSUERS.get(iccid[4:6], "")
    return ""
