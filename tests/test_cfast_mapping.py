"""Every field of the Cfast records, checked one by one against raw JSON.

The raw records are written here, served by the Cfast simulator over HTTP and
read through the client. Every value differs from the client's defaults (VAT
rate not 20, periodicity not monthly, hide called numbers off, a commission,
another white label…), and the expected dataclass values are written out, not
computed by the mapping under test: a broken mapping line fails a test here.
"""

import dataclasses
import re
from datetime import date, datetime, timezone

import pytest

from softwhere_lib.cfast import (
    Address,
    ArticleEntry,
    BillingPoint,
    CfastClient,
    Charge,
    Contact,
    Customer,
    Mandate,
    Service,
    Site,
)
from softwhere_sim.cfast import DEFAULT_TOKEN

ADDRESS = {
    "addressLine1": "3 rue de Paris",
    "addressLine2": "Zone artisanale du Chaudron",
    "postalCode": "97490",
    "city": "Sainte-Clotilde",
    "countryCode": "RE",
}
EXPECTED_ADDRESS = Address(
    line1="3 rue de Paris",
    line2="Zone artisanale du Chaudron",
    postal_code="97490",
    city="Sainte-Clotilde",
    country_code="RE",
)
CUSTOMER = {
    "customerReference": "CL9001",
    "customer_name": "Électricité Générale Payet SAS",
    "tradeName": "Élec Payet",
    "customerType": "PROFESSION_LIBERALE",
    "partnerType": "PROSPECT",
    "status": "ATTENTE_SIGNATURE",
    **ADDRESS,
    "whiteLabel": "Connextoo",
    "internalReference": "SW-000777",
    "registrationNumber": "73282932000074",
    "vatNumber": "FR44732829320",
    "email": "contact@elec-payet.example.re",
    "phone": "0262123456",
    "businessProvider": {"name": "Apporteur Hoarau", "commissionRate": 12.5},
    "contacts": [
        {
            "civility": "Mme",
            "firstName": "Josiane",
            "lastName": "Payet",
            "phone": "0262111111",
            "directPhone": "0262222222",
            "mobile": "0692333333",
            "jobTitle": "Gérante",
            "email": "josiane@elec-payet.example.re",
        },
        {
            "civility": "M.",
            "firstName": "Éric",
            "lastName": "Grondin",
            "phone": "0262444444",
            "directPhone": "0262555555",
            "mobile": "0693666666",
            "jobTitle": "Comptable",
            "email": "eric@elec-payet.example.re",
        },
    ],
    "modifiedAt": "2026-03-04T05:06:07Z",
}
BILLING_POINT = {
    "billingPointId": 59001,
    "customerReference": "CL9001",
    "name": "Élec Payet – atelier",
    "status": "TERMINATED",
    "terminationDate": "2026-06-30",
    "vatRate": 8.5,
    "periodicity": "QUARTERLY",
    "periodFormat": "PREVIOUS_MONTH",
    "blockUnpaidReminders": True,
    "mandate": {
        "holder": "SAS Électricité Générale Payet",
        "signatureDate": "2024-02-29",
        "iban": "FR7630004000031234567890143",
        "bic": "BNPARERXXXX",
        "rum": "ACT-REU-0001",
    },
    **ADDRESS,
    "modifiedAt": "2026-05-06T07:08:09Z",
}
SITE = {
    "siteId": 99001,
    "billingPointId": 59001,
    "customerReference": "CL9001",
    "name": "Élec Payet – dépôt",
    "siteType": "CYBERSECURITE",
    "activity": "TERMINATED",
    "status": "AGENCE",
    **ADDRESS,
    "siret": "73282932000082",
    "internalReference": "PARC-REU-1",
    "privateInstaller": "Réunion Câblage",
    "itProvider": "Cyber Océan Indien",
    "freeText": "Accès par le portail arrière",
    "modifiedAt": "2026-07-08T09:10:11Z",
}
SERVICE = {
    "serviceId": 1999001,
    "siteId": 99001,
    "billingPointId": 59001,
    "customerReference": "CL9001",
    "serviceLabel": "0692777777",
    "firstName": "Josiane",
    "lastName": "Payet-Hoarau",
    "activity": "UNDER_CONSTRUCTION",
    "hideCalledNumbers": False,
    "articles": [
        {
            "articleCode": "OR-P2H5",
            "articleLabel": "Forfait Pro 2h 5Go Orange",
            "articleType": "SUBSCRIPTION",
            "articlePeriodicPrice": 9.9,
            "periodicBuyPrice": 4.2,
            "quantity": 1,
            "startDate": "2024-01-15",
            "endDate": "2025-03-31",
        },
        {
            "articleCode": "OR-PI20",
            "articleLabel": "Forfait Pro Illimité 20Go Orange",
            "articleType": "SUBSCRIPTION",
            "articlePeriodicPrice": 19.9,
            "periodicBuyPrice": 8.5,
            "quantity": 1,
            "startDate": "2025-04-01",
            "endDate": None,
        },
        {
            "articleCode": "OR-OD10",
            "articleLabel": "Option Data +10Go Orange",
            "articleType": "OPTION",
            "articlePeriodicPrice": 4.0,
            "periodicBuyPrice": 1.6,
            "quantity": 3,
            "startDate": "2025-05-01",
            "endDate": "2025-12-31",
        },
    ],
    "modifiedAt": "2026-09-10T11:12:13Z",
}


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


EXPECTED = {
    "customers": Customer(
        external_id="CL9001",
        name="Électricité Générale Payet SAS",
        trade_name="Élec Payet",
        customer_type="profession_liberale",
        partner_type="prospect",
        status="attente_signature",
        address=EXPECTED_ADDRESS,
        white_label="Connextoo",
        internal_reference="SW-000777",
        registration_number="73282932000074",
        vat_number="FR44732829320",
        email="contact@elec-payet.example.re",
        phone="0262123456",
        business_provider="Apporteur Hoarau",
        commission_rate=12.5,
        contacts=(
            Contact(
                civility="mme",
                first_name="Josiane",
                last_name="Payet",
                phone="0262111111",
                direct_phone="0262222222",
                mobile="0692333333",
                job_title="Gérante",
                email="josiane@elec-payet.example.re",
            ),
            Contact(
                civility="m",
                first_name="Éric",
                last_name="Grondin",
                phone="0262444444",
                direct_phone="0262555555",
                mobile="0693666666",
                job_title="Comptable",
                email="eric@elec-payet.example.re",
            ),
        ),
        modified_at=utc(2026, 3, 4, 5, 6, 7),
    ),
    "billing-points": BillingPoint(
        external_id=59001,
        customer_reference="CL9001",
        name="Élec Payet – atelier",
        status="terminated",
        termination_date=date(2026, 6, 30),
        vat_rate=8.5,
        periodicity="quarterly",
        period_format="previous",
        block_unpaid_reminders=True,
        mandate=Mandate(
            holder="SAS Électricité Générale Payet",
            signature_date=date(2024, 2, 29),
            iban="FR7630004000031234567890143",
            bic="BNPARERXXXX",
            rum="ACT-REU-0001",
        ),
        address=EXPECTED_ADDRESS,
        modified_at=utc(2026, 5, 6, 7, 8, 9),
    ),
    "sites": Site(
        external_id=99001,
        billing_point_id=59001,
        customer_reference="CL9001",
        name="Élec Payet – dépôt",
        site_type="cybersecurite",
        activity="terminated",
        status="agence",
        address=EXPECTED_ADDRESS,
        siret="73282932000082",
        internal_reference="PARC-REU-1",
        private_installer="Réunion Câblage",
        it_provider="Cyber Océan Indien",
        free_text="Accès par le portail arrière",
        modified_at=utc(2026, 7, 8, 9, 10, 11),
    ),
    "services": Service(
        external_id=1999001,
        site_id=99001,
        billing_point_id=59001,
        customer_reference="CL9001",
        number="0692777777",
        first_name="Josiane",
        last_name="Payet-Hoarau",
        activity="under_construction",
        hide_called_numbers=False,
        history=(
            ArticleEntry(
                code="OR-P2H5",
                label="Forfait Pro 2h 5Go Orange",
                article_type="subscription",
                sale_price=9.9,
                buy_price=4.2,
                quantity=1,
                start_date=date(2024, 1, 15),
                end_date=date(2025, 3, 31),
            ),
            ArticleEntry(
                code="OR-PI20",
                label="Forfait Pro Illimité 20Go Orange",
                article_type="subscription",
                sale_price=19.9,
                buy_price=8.5,
                quantity=1,
                start_date=date(2025, 4, 1),
                end_date=None,
            ),
            ArticleEntry(
                code="OR-OD10",
                label="Option Data +10Go Orange",
                article_type="option",
                sale_price=4.0,
                buy_price=1.6,
                quantity=3,
                start_date=date(2025, 5, 1),
                end_date=date(2025, 12, 31),
            ),
        ),
        modified_at=utc(2026, 9, 10, 11, 12, 13),
    ),
}
RAW = {
    "customers": CUSTOMER,
    "billing-points": BILLING_POINT,
    "sites": SITE,
    "services": SERVICE,
}
ID = {"customers": "CL9001", "billing-points": 59001, "sites": 99001}
ID["services"] = 1999001


def leaves(value, path=""):
    """Every (path, value) of a dataclass, nested dataclasses and tuples opened."""
    if dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            yield from leaves(getattr(value, item.name), f"{path}.{item.name}")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from leaves(item, f"{path}[{index}]")
    else:
        yield path, value


@pytest.fixture
def served(cfast):
    for resource, raw in RAW.items():
        cfast.app.put(resource, raw)
    return CfastClient(cfast.url, DEFAULT_TOKEN, timeout=2, page_size=500)


@pytest.mark.parametrize("resource", list(RAW))
def test_every_field_one_by_one(served, resource):
    record = served.get(resource, ID[resource])
    expected = dict(leaves(EXPECTED[resource]))
    got = dict(leaves(record))
    assert list(got) == list(expected)  # the same fields, none left unchecked
    for path, value in expected.items():
        assert got[path] == value, path
        assert type(got[path]) is type(value), path


@pytest.mark.parametrize("resource", list(RAW))
def test_a_list_page_maps_the_same(served, resource):
    (record,) = (
        r for r in served.iter_records(resource) if r.external_id == ID[resource]
    )
    assert record == EXPECTED[resource]


def test_no_expected_value_is_a_default():
    """Each field above differs from what the client gives an empty record
    (in one entry at least, for the fields of history entries and contacts)."""
    empty = {
        "customers": Customer.from_json(
            {"customerReference": "CL9001", "customer_name": "x", "contacts": [{}]}
        ),
        "billing-points": BillingPoint.from_json(
            {
                "billingPointId": 59001,
                "customerReference": "CL9001",
                "mandate": {"x": 1},
            }
        ),
        "sites": Site.from_json(
            {"siteId": 99001, "billingPointId": 59001, "customerReference": "CL9001"}
        ),
        "services": Service.from_json(
            {
                "serviceId": 1999001,
                "siteId": 99001,
                "serviceLabel": "x",
                "articles": [{"articleLabel": "x"}],
            }
        ),
    }
    ids = {"external_id", "customer_reference", "billing_point_id", "site_id"}
    for resource, record in empty.items():
        defaults = dict(leaves(record))
        differs = {}
        for path, value in leaves(EXPECTED[resource]):
            if path.lstrip(".").split(".")[0] in ids:
                continue
            field = re.sub(r"\[\d+\]", "[0]", path)
            differs[field] = differs.get(field, False) or value != defaults[field]
        assert [field for field, ok in differs.items() if not ok] == [], resource


def test_a_one_off_charge_field_by_field(served, cfast):
    cfast.app.park.charges.append(
        {
            "chargeId": 7001,
            "billingPointId": 59001,
            "serviceId": 1999001,
            "articleLabel": "Smartphone Samsung Galaxy A55",
            "quantity": 2,
            "unitPrice": 399.0,
            "date": "2026-10-15",
        }
    )
    assert served.charges(59001) == [
        Charge(
            external_id=7001,
            billing_point_id=59001,
            service_id=1999001,
            label="Smartphone Samsung Galaxy A55",
            quantity=2,
            unit_price=399.0,
            date=date(2026, 10, 15),
        )
    ]
