import pytest

from softwhere_lib.iccid import InvalidIccid, check_iccid, issuer
from softwhere_lib.sepa import MandateError, check_mandate, check_rum
from softwhere_sim.park import iban_for, iccid_for

IBAN = "FR76 3000 6000 0112 3456 7890 189"


def test_a_good_mandate_is_normalised():
    fields = check_mandate(IBAN, "bnpafrpp", "ACT-00000042")
    assert (fields.iban, fields.bic, fields.rum) == (
        "FR7630006000011234567890189",
        "BNPAFRPPXXX",
        "ACT-00000042",
    )
    assert check_mandate(iban_for(7), "AGRIFRPPXXX").rum == ""


@pytest.mark.parametrize(
    ("iban", "bic", "rum", "field", "message"),
    [
        (
            "FR76 3000 6000 0112 3456 7890 188",
            "BNPAFRPPXXX",
            "",
            "IBAN",
            "n'est pas un IBAN valide",
        ),
        (IBAN, "BNPA", "", "BIC", "n'est pas un BIC valide"),
        (IBAN, "DEUTDEFFXXX", "", "BIC", "d'un autre pays que l'IBAN (FR)"),
        (IBAN, "BNPAFRPPXXX", "/ACT-1", "RUM", "sans / au début"),
        (IBAN, "BNPAFRPPXXX", "ACT//1", "RUM", "35 caractères au plus"),
        (IBAN, "BNPAFRPPXXX", "R" * 36, "RUM", "35 caractères au plus"),
        (IBAN, "BNPAFRPPXXX", "ACT_1", "RUM", "lettres, chiffres"),
    ],
)
def test_each_bad_field_is_named(iban, bic, rum, field, message):
    with pytest.raises(MandateError) as error:
        check_mandate(iban, bic, rum)
    assert error.value.field == field
    assert str(error.value).startswith(f"{field} : ")
    assert message in str(error.value)


def test_rum_keeps_what_the_customer_signed():
    assert check_rum("  ++ACT 2024/001  ") == "++ACT 2024/001"
    assert check_rum(None) == ""


def test_iccid_check_and_issuer():
    iccid = iccid_for(12)
    assert check_iccid(" ".join([iccid[:4], iccid[4:]])) == iccid
    assert issuer(iccid) == "Orange"
    assert issuer("8933201234567890123") == "Bouygues Telecom"
    with pytest.raises(InvalidIccid, match="clé de contrôle"):
        check_iccid(iccid[:-1] + str((int(iccid[-1]) + 1) % 10))
    with pytest.raises(InvalidIccid, match="commençant par 89"):
        check_iccid("1234")


@pytest.mark.parametrize(
    "country", ["RE", "GP", "MQ", "GF", "YT", "PM", "BL", "MF", "NC", "PF", "WF"]
)
def test_overseas_french_banks_use_fr_ibans(country):
    """A Réunion, Guadeloupe… bank: its BIC says RE, GP…, its IBANs are FR."""
    fields = check_mandate(IBAN, f"BNPA{country}RX")
    assert fields.bic == f"BNPA{country}RXXXX"


def test_a_foreign_bic_on_a_french_iban_is_still_refused():
    with pytest.raises(MandateError, match="autre pays"):
        check_mandate(IBAN, "BNPABEBBXXX")
