"""The stable vocabularies the Cfast client exposes, mapped in one place.

Cfast sends its own codes (``MONTHLY``, ``ETABLISSEMENT_PUBLIC``, ``M.``…); the
client's dataclasses carry our keys instead, the keys of the Odoo selection
fields (``selection()`` gives ``[(key, French label), …]``). Each vocabulary
maps every Cfast code it knows; a key of ours is accepted as well, matching
ignores case and surrounding spaces. A value sent but unknown raises
``UnknownValueError`` naming the field, the value and the keys expected: a
record is never imported with a value nobody mapped. A value not sent at all
(missing, null or empty) gives the vocabulary's default: the spec's default
where it has one (monthly, current period, client, active), else ``""``.
"""

from dataclasses import dataclass


class UnknownValueError(ValueError):
    """Cfast sent a code outside a vocabulary."""

    def __init__(self, field, value, keys):
        super().__init__(
            f"{field} : valeur Cfast inconnue « {value} » "
            f"(attendu : {', '.join(keys)})"
        )
        self.field = field
        self.value = value


@dataclass(frozen=True)
class Vocabulary:
    field: str  # the Cfast field, for messages
    choices: tuple  # (key, French label), in display order
    cfast_codes: dict  # Cfast code (upper case) -> key
    default: str = ""  # the key when Cfast sends nothing

    @property
    def keys(self):
        return tuple(key for key, _label in self.choices)

    def selection(self):
        """For an Odoo ``fields.Selection``."""
        return list(self.choices)

    def label(self, key):
        return dict(self.choices)[key]

    def from_cfast(self, value):
        key = self.cfast_codes.get(value)  # the usual case: Cfast's exact code
        if key is not None:
            return key
        text = "" if value is None else str(value).strip()
        if not text:
            return self.default
        code = text.upper()
        key = self.cfast_codes.get(code)
        if key is None and text.lower() in self.keys:
            key = text.lower()
        if key is None:
            raise UnknownValueError(self.field, text, self.keys)
        return key


def _vocabulary(field, choices, codes, default=""):
    codes = dict(codes)
    unknown = set(codes.values()) - {key for key, _label in choices}
    if unknown:  # a mistake in the tables below
        raise ValueError(f"{field}: codes mapped to no key {sorted(unknown)}")
    return Vocabulary(field, tuple(choices), codes, default)


#: Customer (Cfast 1000) ``customerType``: Type.
CUSTOMER_TYPES = _vocabulary(
    "customerType",
    [
        ("entreprise", "Entreprise"),
        ("profession_liberale", "Profession libérale"),
        ("particulier", "Particulier"),
        ("etablissement_public", "Etablissement public"),
    ],
    {
        "ENTREPRISE": "entreprise",
        "PROFESSION_LIBERALE": "profession_liberale",
        "PARTICULIER": "particulier",
        "ETABLISSEMENT_PUBLIC": "etablissement_public",
    },
)

#: Customer ``partnerType``: Type partenaire, Client by default.
PARTNER_TYPES = _vocabulary(
    "partnerType",
    [("client", "Client"), ("prospect", "Prospect"), ("fournisseur", "Fournisseur")],
    {"CLIENT": "client", "PROSPECT": "prospect", "FOURNISSEUR": "fournisseur"},
    default="client",
)

#: Customer ``status``: Statut.
CUSTOMER_STATUSES = _vocabulary(
    "status",
    [
        ("actif_conforme", "Actif / Conforme"),
        ("attente_signature", "Attente de signature"),
        ("signe", "Signé"),
        ("obsolete", "Obsolète"),
        ("resilie", "Résilié"),
    ],
    {
        "ACTIF_CONFORME": "actif_conforme",
        "ATTENTE_SIGNATURE": "attente_signature",
        "SIGNE": "signe",
        "OBSOLETE": "obsolete",
        "RESILIE": "resilie",
    },
)

#: Contact ``civility``: Civilité. "Mlle" is no longer used in French
#: administration (circulaire du 21 février 2012): read as "Mme".
CIVILITIES = _vocabulary(
    "civility",
    [("m", "M."), ("mme", "Mme"), ("dr", "Dr"), ("me", "Maître")],
    {
        "M.": "m",
        "M": "m",
        "MR": "m",
        "MR.": "m",
        "MONSIEUR": "m",
        "MME": "mme",
        "MME.": "mme",
        "MADAME": "mme",
        "MLLE": "mme",
        "MADEMOISELLE": "mme",
        "DR": "dr",
        "DR.": "dr",
        "DOCTEUR": "dr",
        "ME": "me",
        "ME.": "me",
        "MAITRE": "me",
        "MAÎTRE": "me",
    },
)

#: Billing point (Cfast 5000) ``status``: Statut, Actif / Résilié.
BILLING_POINT_STATUSES = _vocabulary(
    "status",
    [("active", "Actif"), ("terminated", "Résilié")],
    {"ACTIVE": "active", "TERMINATED": "terminated"},
    default="active",
)

#: Site (Cfast 9000, the Service of the park) ``siteType``: the spec's groups.
SITE_TYPES = _vocabulary(
    "siteType",
    [
        ("fixe", "Fixe"),
        ("internet", "Internet"),
        ("mobile", "Mobile"),
        ("cybersecurite", "Cybersécurité"),
    ],
    {
        "FIXE": "fixe",
        "INTERNET": "internet",
        "MOBILE": "mobile",
        "CYBERSECURITE": "cybersecurite",
        "CYBERSÉCURITÉ": "cybersecurite",
    },
)

#: Site ``activity``: Activité, Actif / Résilié.
SITE_ACTIVITIES = _vocabulary(
    "activity",
    [("active", "Actif"), ("terminated", "Résilié")],
    {"ACTIVE": "active", "TERMINATED": "terminated"},
    default="active",
)

#: Site ``status``: Statut, Agence / Principale / Autres.
SITE_STATUSES = _vocabulary(
    "status",
    [("principale", "Principale"), ("agence", "Agence"), ("autres", "Autres")],
    {"PRINCIPALE": "principale", "AGENCE": "agence", "AUTRES": "autres"},
)

#: Line (Cfast service) ``activity``: Activité.
LINE_ACTIVITIES = _vocabulary(
    "activity",
    [
        ("active", "Actif"),
        ("inactive", "Inactif"),
        ("terminated", "Résilié"),
        ("obsolete", "Obsolète"),
        ("under_construction", "En cours de construction"),
    ],
    {
        "ACTIVE": "active",
        "INACTIVE": "inactive",
        "TERMINATED": "terminated",
        "OBSOLETE": "obsolete",
        "UNDER_CONSTRUCTION": "under_construction",
    },
    default="active",
)
#: Line activities that mean the line is over (billed no more).
ENDED_LINE_ACTIVITIES = ("terminated", "obsolete")

#: History entry ``articleType``: the catalogue's article kinds a line carries.
ARTICLE_TYPES = _vocabulary(
    "articleType",
    [("subscription", "Abonnement"), ("option", "Option")],
    {"SUBSCRIPTION": "subscription", "OPTION": "option"},
    default="subscription",
)
