"""The reference catalogues the simulators bill and provision, read from the
catalogue addon's data.

One data source for the Odoo data and the simulators: two CSV files of the
``softwhere_catalogue`` addon (UTF-8, comma-separated, header row, prices with
a dot decimal)::

    addons/softwhere_catalogue/data/reference_catalogues.csv
        key,name,operator,service_type,platform
    addons/softwhere_catalogue/data/reference_articles.csv
        catalogue,kind,label,supplier_code,supplier_label,sale_price,buy_price

so a demo sync matches every Cfast ``articleLabel`` to a catalogue article and
the supplier labels line up for the reconciliation.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from softwhere_lib.catalogue import ARTICLE_COLUMNS, CATALOGUE_COLUMNS

DATA_DIR = Path(__file__).resolve().parents[1] / "addons/softwhere_catalogue/data"
CATALOGUES_CSV = DATA_DIR / "reference_catalogues.csv"
ARTICLES_CSV = DATA_DIR / "reference_articles.csv"

SERVICE_TYPES = ("fixe", "internet", "fixe_internet", "mobile", "cybersecurite")
PLATFORMS = ("none", "snaic", "alphalink")
ARTICLE_KINDS = ("subscription", "option", "one_off", "hardware")


@dataclass(frozen=True)
class Catalogue:
    key: str
    name: str
    operator: str
    service_type: str  # one of SERVICE_TYPES
    platform: str  # one of PLATFORMS


@dataclass(frozen=True)
class Article:
    catalogue: str
    kind: str  # one of ARTICLE_KINDS
    label: str  # Cfast articleLabel
    supplier_code: str
    supplier_label: str
    #: Cfast articlePeriodicPrice, a monthly price (the unit price of a one_off
    #: or hardware article).
    sale_price: float
    buy_price: float  # Cfast periodicBuyPrice, the planned purchase price


def _rows(path, columns):
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(
                f"{path}: columns {reader.fieldnames}, expected {list(columns)}"
            )
        return [(reader.line_num, row) for row in reader]


def _check(path, line, field, value, allowed):
    if value not in allowed:
        raise ValueError(
            f"{path}, line {line}: {field} {value!r} not one of {', '.join(allowed)}"
        )


def load_catalogues(path=CATALOGUES_CSV):
    catalogues = []
    for line, row in _rows(path, CATALOGUE_COLUMNS):
        _check(path, line, "service_type", row["service_type"], SERVICE_TYPES)
        _check(path, line, "platform", row["platform"], PLATFORMS)
        catalogues.append(Catalogue(**row))
    return tuple(catalogues)


def load_articles(path=ARTICLES_CSV, catalogue_keys=None):
    articles_ = []
    for line, row in _rows(path, ARTICLE_COLUMNS):
        _check(path, line, "kind", row["kind"], ARTICLE_KINDS)
        if catalogue_keys is not None:
            _check(path, line, "catalogue", row["catalogue"], catalogue_keys)
        articles_.append(
            Article(
                **{
                    **row,
                    "sale_price": float(row["sale_price"]),
                    "buy_price": float(row["buy_price"]),
                }
            )
        )
    return tuple(articles_)


CATALOGUES = load_catalogues()
CATALOGUE_BY_KEY = {c.key: c for c in CATALOGUES}
ARTICLES = load_articles(catalogue_keys=tuple(CATALOGUE_BY_KEY))
ARTICLE_BY_LABEL = {a.label: a for a in ARTICLES}
ARTICLE_BY_SUPPLIER_CODE = {a.supplier_code: a for a in ARTICLES}


def articles(catalogue, kind):
    return [a for a in ARTICLES if a.catalogue == catalogue and a.kind == kind]


def platform_of_label(label):
    """The supplier platform that provisions the article of this Cfast label."""
    return CATALOGUE_BY_KEY[ARTICLE_BY_LABEL[label].catalogue].platform
