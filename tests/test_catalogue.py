"""The reference catalogues: one data source (the catalogue addon's CSV files)
for the Odoo data and the simulators, and the park generated from it."""

import csv

from softwhere_sim import catalogue
from softwhere_sim.park import SITE_TYPES, Park

SPEC_CATALOGUES = (
    "Actif telecom – Mobile – Orange",
    "Actif telecom – Mobile – Bouygues",
    "Actif telecom – Fixe – Actif",
    "Actif telecom – Fixe et Internet – Actif",
    "Actif telecom – Internet – Actif",
    "Actif telecom – Mobile – Orange ALP",
)


def csv_rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_the_simulators_read_the_catalogue_addon_csv_files():
    assert catalogue.CATALOGUES_CSV.parts[-4:] == (
        "addons",
        "softwhere_catalogue",
        "data",
        "reference_catalogues.csv",
    )
    catalogues = csv_rows(catalogue.CATALOGUES_CSV)
    articles = csv_rows(catalogue.ARTICLES_CSV)
    assert catalogues[0] == ["key", "name", "operator", "service_type", "platform"]
    assert articles[0] == [
        "catalogue",
        "kind",
        "label",
        "supplier_code",
        "supplier_label",
        "sale_price",
        "buy_price",
    ]
    assert [tuple(row) for row in catalogues[1:]] == [
        (c.key, c.name, c.operator, c.service_type, c.platform)
        for c in catalogue.CATALOGUES
    ]
    assert [tuple(row) for row in articles[1:]] == [
        (
            a.catalogue,
            a.kind,
            a.label,
            a.supplier_code,
            a.supplier_label,
            f"{a.sale_price:.2f}",
            f"{a.buy_price:.2f}",
        )
        for a in catalogue.ARTICLES
    ]


def test_the_six_catalogues_of_the_spec_and_cybersecurity():
    names = [c.name for c in catalogue.CATALOGUES]
    assert names[:6] == list(SPEC_CATALOGUES)
    cyber = catalogue.CATALOGUE_BY_KEY["cybersecurite_actif"]
    assert (cyber.name, cyber.operator, cyber.service_type, cyber.platform) == (
        "Actif telecom – Cybersécurité – Actif",
        "Actif",
        "cybersecurite",
        "snaic",
    )
    firewall = catalogue.ARTICLE_BY_LABEL["Firewall managé Cybersécurité"]
    assert (firewall.catalogue, firewall.supplier_code, firewall.sale_price) == (
        "cybersecurite_actif",
        "AC-FW",
        49.90,
    )
    assert catalogue.articles("internet_actif", "subscription")
    assert firewall not in catalogue.articles("internet_actif", "subscription")


def test_labels_and_supplier_codes_are_unique_and_values_known():
    labels = [a.label for a in catalogue.ARTICLES]
    codes = [a.supplier_code for a in catalogue.ARTICLES]
    assert len(set(labels)) == len(labels) == 47
    assert len(set(codes)) == len(codes)
    for article in catalogue.ARTICLES:
        assert article.kind in catalogue.ARTICLE_KINDS
        assert article.catalogue in catalogue.CATALOGUE_BY_KEY
        assert article.sale_price > 0 and article.buy_price > 0
    for item in catalogue.CATALOGUES:
        assert item.service_type in catalogue.SERVICE_TYPES
        assert item.platform in catalogue.PLATFORMS
        assert catalogue.articles(item.key, "subscription"), item.key


def test_the_park_has_the_four_groups_of_the_spec():
    park = Park(customers=30, lines=300, seed=2)
    assert SITE_TYPES == ("FIXE", "INTERNET", "MOBILE", "CYBERSECURITE")
    assert {site["siteType"] for site in park.sites} == set(SITE_TYPES)
    site_type = {site["siteId"]: site["siteType"] for site in park.sites}
    cyber = [s for s in park.services if site_type[s["siteId"]] == "CYBERSECURITE"]
    assert cyber
    assert {s["_catalogue"] for s in cyber} == {"cybersecurite_actif"}
    assert all(
        catalogue.ARTICLE_BY_LABEL[a["articleLabel"]].catalogue == "cybersecurite_actif"
        for s in cyber
        for a in s["articles"]
    )
