import pytest

from softwhere_lib.phone import InvalidNumber, e164, line_number, search_key


@pytest.mark.parametrize(
    ("text", "national", "kind"),
    [
        ("0612345678", "0612345678", "mobile"),
        ("+33 6 12 34 56 78", "0612345678", "mobile"),
        ("33612345678", "0612345678", "mobile"),
        ("0033 7 81 23 45 67", "0781234567", "mobile"),
        ("06.12.34.56.78", "0612345678", "mobile"),
        ("09 70 12 34 56", "0970123456", "voip"),
        ("01 42 68 53 00", "0142685300", "geographic"),
        ("07 00 12 34 56 78 90", "07001234567890", "m2m"),
        ("+33 700 1234567890", "07001234567890", "m2m"),
    ],
)
def test_line_numbers_in_any_usual_spelling(text, national, kind):
    number = line_number(text)
    assert (number.national, number.kind) == (national, kind)
    assert number.e164 == "+33" + national[1:]


@pytest.mark.parametrize(
    "text", ["061234567", "0812345678", "+44 20 7946 0958", "bonjour", "", "0899123456"]
)
def test_bad_line_numbers_are_refused_in_french(text):
    with pytest.raises(InvalidNumber, match="Numéro de ligne invalide"):
        line_number(text)


def test_contact_phones_become_e164():
    assert e164("01 42 68 53 00") == "+33142685300"
    assert e164("+32 2 555 12 12") == "+3225551212"
    assert e164("") == ""
    with pytest.raises(InvalidNumber, match="impossible"):
        e164("01 42")


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("0612345678", "0612345678"),
        ("+33 6 12 34 56 78", "0612345678"),
        ("33612345678", "0612345678"),
        ("+33 6 12", "0612"),
        ("12 34", "1234"),
    ],
)
def test_search_key_from_what_a_user_types(typed, key):
    assert search_key(typed) == key
