"""The reference catalogue the simulators bill and provision.

The Odoo demo data of ``softwhere_catalogue`` mirrors these articles, so a demo
sync matches every Cfast ``articleLabel`` to a catalogue article and the
supplier labels line up for the reconciliation.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Catalogue:
    key: str
    name: str
    operator: str
    service_type: str  # fixe, internet, fixe_internet, mobile, cybersecurite
    platform: str  # none, snaic, alphalink


@dataclass(frozen=True)
class Article:
    catalogue: str
    kind: str  # subscription, option, one_off, hardware
    label: str  # Cfast articleLabel
    supplier_code: str
    supplier_label: str
    sale_price: float  # Cfast articlePeriodicPrice (one-off price for one_off/hardware)
    buy_price: float  # Cfast periodicBuyPrice, the planned purchase price


CATALOGUES = (
    Catalogue(
        "mobile_orange", "Actif telecom – Mobile – Orange", "Orange", "mobile", "snaic"
    ),
    Catalogue(
        "mobile_bouygues",
        "Actif telecom – Mobile – Bouygues",
        "Bouygues Telecom",
        "mobile",
        "snaic",
    ),
    Catalogue("fixe_actif", "Actif telecom – Fixe – Actif", "Actif", "fixe", "snaic"),
    Catalogue(
        "fixe_internet_actif",
        "Actif telecom – Fixe et Internet – Actif",
        "Actif",
        "fixe_internet",
        "snaic",
    ),
    Catalogue(
        "internet_actif",
        "Actif telecom – Internet – Actif",
        "Actif",
        "internet",
        "snaic",
    ),
    Catalogue(
        "mobile_orange_alp",
        "Actif telecom – Mobile – Orange ALP",
        "Orange",
        "mobile",
        "alphalink",
    ),
)

_A = Article
# fmt: off
ARTICLES = (
    # Mobile – Orange
    _A("mobile_orange", "subscription", "Forfait Pro 2h 5Go Orange", "OR-P2H5", "PRO 2H 5GO", 9.90, 4.20),
    _A("mobile_orange", "subscription", "Forfait Pro Illimité 20Go Orange", "OR-PI20", "PRO ILLIMITE 20GO", 19.90, 8.50),
    _A("mobile_orange", "subscription", "Forfait Pro Illimité 100Go Orange", "OR-PI100", "PRO ILLIMITE 100GO", 29.90, 12.90),
    _A("mobile_orange", "subscription", "Forfait Pro Illimité 200Go 5G Orange", "OR-PI200", "PRO ILLIMITE 200GO 5G", 39.90, 17.50),
    _A("mobile_orange", "subscription", "Forfait Data 50Go Orange", "OR-D50", "DATA ONLY 50GO", 14.90, 6.40),
    _A("mobile_orange", "option", "Option Europe Voyage Orange", "OR-OEU", "OPT EUROPE VOYAGE", 5.00, 2.00),
    _A("mobile_orange", "option", "Option Data +10Go Orange", "OR-OD10", "OPT DATA 10GO", 4.00, 1.60),
    _A("mobile_orange", "option", "Option Messagerie Vocale Visuelle Orange", "OR-OMVV", "OPT MVV", 1.00, 0.30),
    _A("mobile_orange", "one_off", "Recharge Data 5Go Orange", "OR-RD5", "RECHARGE 5GO", 7.00, 3.00),
    _A("mobile_orange", "hardware", "Carte SIM Orange triple découpe", "OR-SIM", "SIM TRIPLE DECOUPE", 10.00, 2.50),
    _A("mobile_orange", "hardware", "Smartphone Samsung Galaxy A55", "HW-SGA55", "SAMSUNG A55 128GO", 399.00, 309.00),
    # Mobile – Bouygues
    _A("mobile_bouygues", "subscription", "Forfait Pro 5Go Bouygues", "BY-P5", "B.PRO 5GO", 8.90, 3.90),
    _A("mobile_bouygues", "subscription", "Forfait Pro Illimité 40Go Bouygues", "BY-PI40", "B.PRO ILLIMITE 40GO", 21.90, 9.40),
    _A("mobile_bouygues", "subscription", "Forfait Pro Illimité 150Go 5G Bouygues", "BY-PI150", "B.PRO ILLIMITE 150GO 5G", 34.90, 15.20),
    _A("mobile_bouygues", "option", "Option International Bouygues", "BY-OINT", "B.OPT INTERNATIONAL", 9.00, 4.00),
    _A("mobile_bouygues", "option", "Option Data +20Go Bouygues", "BY-OD20", "B.OPT DATA 20GO", 6.00, 2.40),
    _A("mobile_bouygues", "one_off", "Recharge Data 10Go Bouygues", "BY-RD10", "B.RECHARGE 10GO", 12.00, 5.00),
    _A("mobile_bouygues", "hardware", "Carte SIM Bouygues", "BY-SIM", "B.SIM", 10.00, 2.00),
    # Fixe – Actif
    _A("fixe_actif", "subscription", "Ligne fixe VoIP illimitée France", "AC-VOIP", "VOIP ILLIMITE FR", 14.90, 5.50),
    _A("fixe_actif", "subscription", "Trunk SIP 4 canaux", "AC-SIP4", "TRUNK SIP 4C", 29.90, 11.00),
    _A("fixe_actif", "subscription", "Trunk SIP 10 canaux", "AC-SIP10", "TRUNK SIP 10C", 59.90, 24.00),
    _A("fixe_actif", "subscription", "Poste Centrex cloud", "AC-CTX", "CENTREX POSTE", 12.90, 4.80),
    _A("fixe_actif", "option", "Option SDA supplémentaire", "AC-SDA", "OPT SDA", 1.50, 0.40),
    _A("fixe_actif", "option", "Option Standard automatique", "AC-SVI", "OPT SVI", 9.90, 3.00),
    _A("fixe_actif", "option", "Option Enregistrement des appels", "AC-REC", "OPT ENREGISTREMENT", 4.90, 1.50),
    _A("fixe_actif", "one_off", "Frais de portabilité", "AC-PORT", "FRAIS PORTA", 30.00, 8.00),
    _A("fixe_actif", "hardware", "Téléphone IP Yealink T54W", "HW-T54W", "YEALINK T54W", 189.00, 142.00),
    # Fixe et Internet – Actif
    _A("fixe_internet_actif", "subscription", "Pack Fibre Pro + VoIP", "AC-PFV", "PACK FIBRE VOIP", 59.90, 27.00),
    _A("fixe_internet_actif", "subscription", "Pack ADSL Pro + VoIP", "AC-PAV", "PACK ADSL VOIP", 44.90, 19.50),
    _A("fixe_internet_actif", "option", "Option IP fixe", "AC-IPF", "OPT IP FIXE", 5.00, 1.00),
    _A("fixe_internet_actif", "option", "Option Backup 4G", "AC-B4G", "OPT BACKUP 4G", 15.00, 6.00),
    _A("fixe_internet_actif", "hardware", "Routeur Pro Wi-Fi 6", "HW-RWF6", "ROUTEUR WIFI6", 129.00, 88.00),
    # Internet – Actif
    _A("internet_actif", "subscription", "Fibre FTTH Pro 1 Gb/s", "AC-FTTH1", "FTTH PRO 1G", 39.90, 18.00),
    _A("internet_actif", "subscription", "Fibre FTTO 100 Mb/s garantis", "AC-FTTO100", "FTTO 100M GTR4H", 249.00, 140.00),
    _A("internet_actif", "subscription", "ADSL Pro 20 Mb/s", "AC-ADSL", "ADSL PRO", 29.90, 13.00),
    _A("internet_actif", "subscription", "SDSL 8 Mb/s", "AC-SDSL8", "SDSL 8M", 119.00, 62.00),
    _A("internet_actif", "subscription", "Firewall managé Cybersécurité", "AC-FW", "FIREWALL MANAGE", 49.90, 21.00),
    _A("internet_actif", "option", "Option GTR 4h", "AC-GTR4", "OPT GTR 4H", 25.00, 9.00),
    _A("internet_actif", "option", "Option Filtrage web", "AC-FWEB", "OPT FILTRAGE WEB", 8.00, 2.50),
    _A("internet_actif", "one_off", "Frais de mise en service fibre", "AC-FMES", "FMES FIBRE", 150.00, 90.00),
    # Mobile – Orange ALP (Alphalink)
    _A("mobile_orange_alp", "subscription", "Forfait ALP Pro 10Go", "ALP-P10", "ALP ORANGE 10GO", 11.90, 5.10),
    _A("mobile_orange_alp", "subscription", "Forfait ALP Pro Illimité 60Go", "ALP-PI60", "ALP ORANGE ILLIMITE 60GO", 24.90, 10.80),
    _A("mobile_orange_alp", "subscription", "Forfait ALP M2M 100Mo", "ALP-M2M", "ALP M2M 100MO", 3.90, 1.20),
    _A("mobile_orange_alp", "option", "Option ALP Roaming Monde", "ALP-ORM", "ALP OPT ROAMING MONDE", 12.00, 5.50),
    _A("mobile_orange_alp", "one_off", "Recharge ALP Data 5Go", "ALP-RD5", "ALP RECHARGE 5GO", 7.50, 3.20),
    _A("mobile_orange_alp", "hardware", "Carte SIM ALP", "ALP-SIM", "ALP SIM", 10.00, 2.20),
)

# fmt: on

CATALOGUE_BY_KEY = {c.key: c for c in CATALOGUES}
ARTICLE_BY_LABEL = {a.label: a for a in ARTICLES}
ARTICLE_BY_SUPPLIER_CODE = {a.supplier_code: a for a in ARTICLES}


def articles(catalogue, kind):
    return [a for a in ARTICLES if a.catalogue == catalogue and a.kind == kind]


def platform_of_label(label):
    """The supplier platform that provisions the article of this Cfast label."""
    return CATALOGUE_BY_KEY[ARTICLE_BY_LABEL[label].catalogue].platform
