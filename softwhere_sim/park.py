"""Deterministic generator of a reseller's park, in Cfast's shapes.

The same seed always gives the same customers, billing points, sites and
services (lines) with their subscription history, whatever the size, so tests,
the demo and the benchmarks can compare runs. Keys starting with ``_`` are
internal (the SIM's ICCID, the catalogue of the line) and never served by Cfast.
"""

import random
from datetime import date, datetime, timedelta, timezone

from stdnum import iban as std_iban
from stdnum import luhn

from .catalogue import ARTICLE_BY_LABEL, CATALOGUE_BY_KEY, articles

BASE_MODIFIED = datetime(2026, 1, 1, tzinfo=timezone.utc)

_COMPANY_WORDS = (
    "Boulangerie",
    "Garage",
    "Cabinet",
    "Transports",
    "Pharmacie",
    "Agence",
    "Atelier",
    "Menuiserie",
    "Plomberie",
    "Clinique",
    "Hôtel",
    "Restaurant",
    "Imprimerie",
    "Électricité",
    "Optique",
    "Fromagerie",
    "Librairie",
    "Laboratoire",
    "Domaine",
    "Brasserie",
    "Immobilière",
    "Architecture",
    "Conseil",
    "Logistique",
    "Distribution",
)
_COMPANY_NAMES = (
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Lefèvre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guerin",
    "Muller",
    "Henry",
    "Roussel",
)
_FIRST_NAMES = (
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Emma",
    "Julie",
    "Sarah",
    "Inès",
    "Claire",
    "Lucas",
    "Hugo",
    "Louis",
    "Nathan",
    "Thomas",
    "Julien",
    "Antoine",
    "Nicolas",
    "Pierre",
    "Maxime",
    "Sophie",
    "Isabelle",
    "Philippe",
    "Olivier",
    "Céline",
)
_LEGAL_FORMS = ("SARL", "SAS", "SASU", "EURL", "SA", "SCI", "EI", "SELARL")
_CITIES = (
    ("75011", "Paris"),
    ("69003", "Lyon"),
    ("13008", "Marseille"),
    ("31000", "Toulouse"),
    ("33000", "Bordeaux"),
    ("44000", "Nantes"),
    ("59000", "Lille"),
    ("67000", "Strasbourg"),
    ("34000", "Montpellier"),
    ("35000", "Rennes"),
    ("06000", "Nice"),
    ("21000", "Dijon"),
    ("37000", "Tours"),
    ("49000", "Angers"),
    ("76000", "Rouen"),
    ("38000", "Grenoble"),
)
_STREETS = (
    "rue de la République",
    "avenue Jean Jaurès",
    "boulevard Victor Hugo",
    "rue Nationale",
    "place de la Mairie",
    "rue du Général de Gaulle",
    "avenue de la Gare",
    "rue Pasteur",
    "chemin des Vignes",
    "rue des Écoles",
    "allée des Tilleuls",
    "quai de la Loire",
)
_BICS = ("BNPAFRPPXXX", "AGRIFRPPXXX", "SOGEFRPPXXX", "CCBPFRPPXXX", "CMCIFRPPXXX")

CUSTOMER_TYPES = (
    "ENTREPRISE",
    "PROFESSION_LIBERALE",
    "PARTICULIER",
    "ETABLISSEMENT_PUBLIC",
)
CUSTOMER_STATUSES = (
    "ACTIF_CONFORME",
    "ATTENTE_SIGNATURE",
    "SIGNE",
    "OBSOLETE",
    "RESILIE",
)
LINE_ACTIVITIES = ("ACTIVE", "INACTIVE", "TERMINATED", "OBSOLETE", "UNDER_CONSTRUCTION")

#: Cfast ``siteType`` values: the spec's four groups of the park
#: (Fixe / Internet / Mobile / Cybersécurité).
SITE_TYPES = ("FIXE", "INTERNET", "MOBILE", "CYBERSECURITE")
# Catalogues a site of each type takes its lines from, with weights.
_CATALOGUES_BY_SITE_TYPE = {
    "MOBILE": (
        ("mobile_orange", 45),
        ("mobile_bouygues", 35),
        ("mobile_orange_alp", 20),
    ),
    "FIXE": (("fixe_actif", 70), ("fixe_internet_actif", 30)),
    "INTERNET": (("internet_actif", 70), ("fixe_internet_actif", 30)),
    "CYBERSECURITE": (("cybersecurite_actif", 100),),
}
_SITE_TYPE_WEIGHTS = (
    ("MOBILE", 50),
    ("FIXE", 22),
    ("INTERNET", 18),
    ("CYBERSECURITE", 10),
)


_ADDRESS_KEYS = ("addressLine1", "addressLine2", "postalCode", "city", "countryCode")


def _address_of(item):
    return {key: item[key] for key in _ADDRESS_KEYS}


def _weighted(rng, choices):
    items, weights = zip(*choices, strict=True)
    return rng.choices(items, weights)[0]


def _iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def siret_for(number):
    """A valid SIRET (Luhn on SIREN and on SIRET) derived from ``number``."""
    siren_body = f"{(number * 7919 + 12345) % 10**8:08d}"
    siren = siren_body + luhn.calc_check_digit(siren_body)
    body = siren + f"{number % 1000:04d}"[:4]
    return body + luhn.calc_check_digit(body)


def vat_for(siren):
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


def iban_for(number):
    bban = f"30004{number % 100000:05d}{number:011d}{number % 97:02d}"
    return "FR" + std_iban.calc_check_digits("FR00" + bban) + bban


def iccid_for(number):
    body = f"893301{number:013d}"
    return body + luhn.calc_check_digit(body)


def _scramble(index, modulus):
    """A bijection of ``range(modulus)`` so numbers look random but never collide."""
    return (index * 7_654_321 + 1_234_567) % modulus


def line_number(index, site_type, m2m=False):
    if m2m:
        return f"0700{_scramble(index, 10**10):010d}"
    if site_type == "MOBILE":
        prefix = "06" if index % 2 else "07"
        # Mobile blocks allocated by Arcep (as phonenumbers knows them): 0640-0689
        # (0639 and 069x are not) and 0730-0799 (not below 073).
        if prefix == "06":
            digits = _scramble(index, 5 * 10**7) + 4 * 10**7
        else:
            digits = _scramble(index, 7 * 10**7) + 3 * 10**7
        return f"{prefix}{digits:08d}"
    return f"09{_scramble(index, 10**8):08d}"


class Park:
    """A generated park; lists sorted by external id, items in Cfast's JSON shape."""

    def __init__(self, customers=20, lines=100, seed=1, messy_rate=0.0):
        self.seed = seed
        self.rng = random.Random(seed)
        self.customers = []
        self.billing_points = []
        self.sites = []
        self.services = []
        self.charges = []  # one-off options and hardware fees to bill once
        self._generate(customers, lines)
        if messy_rate:
            self._mess_histories(messy_rate)
        self.by_resource = {
            "customers": self.customers,
            "billing-points": self.billing_points,
            "sites": self.sites,
            "services": self.services,
        }
        self._index = {
            name: {item[ID_FIELDS[name]]: item for item in items}
            for name, items in self.by_resource.items()
        }

    # -- generation ---------------------------------------------------------
    def _modified(self):
        return _iso(
            BASE_MODIFIED + timedelta(minutes=self.rng.randrange(300 * 24 * 60))
        )

    def _address(self):
        postal_code, city = self.rng.choice(_CITIES)
        return {
            "addressLine1": f"{self.rng.randrange(1, 180)} {self.rng.choice(_STREETS)}",
            "addressLine2": "",
            "postalCode": postal_code,
            "city": city,
            "countryCode": "FR",
        }

    def _generate(self, n_customers, n_lines):
        rng = self.rng
        for n in range(1, n_customers + 1):
            self._generate_customer(n)
        if not self.customers:
            return
        # Two sites per customer on average, each tied to one of its billing points.
        bp_by_customer = {}
        for bp in self.billing_points:
            bp_by_customer.setdefault(bp["customerReference"], []).append(bp)
        for n in range(1, 2 * n_customers + 1):
            customer = self.customers[
                (n - 1) % n_customers
                if n <= n_customers
                else rng.randrange(n_customers)
            ]
            bp = rng.choice(bp_by_customer[customer["customerReference"]])
            self._generate_site(n, customer, bp)
        for n in range(1, n_lines + 1):
            self._generate_service(n, rng.choice(self.sites))

    def _generate_customer(self, n):
        rng = self.rng
        ctype = rng.choices(CUSTOMER_TYPES, (70, 15, 8, 7))[0]
        family = rng.choice(_COMPANY_NAMES)
        if ctype == "PARTICULIER":
            name = f"{rng.choice(_FIRST_NAMES)} {family}"
            trade_name = ""
        elif ctype == "ETABLISSEMENT_PUBLIC":
            name = f"Mairie de {rng.choice(_CITIES)[1]} {n}"
            trade_name = ""
        else:
            trade_name = f"{rng.choice(_COMPANY_WORDS)} {family}"
            name = f"{trade_name} {rng.choice(_LEGAL_FORMS)} {n}"
        siret = siret_for(n) if ctype != "PARTICULIER" else ""
        customer = {
            "customerReference": f"CL{n:04d}",
            "customer_name": name,
            "tradeName": trade_name,
            "customerType": ctype,
            "partnerType": "CLIENT",
            "status": rng.choices(CUSTOMER_STATUSES, (80, 6, 8, 3, 3))[0],
            **self._address(),
            "whiteLabel": "Actif Télécom",
            "internalReference": f"SW{n:06d}",
            "registrationNumber": siret,
            "vatNumber": vat_for(siret[:9]) if siret else "",
            "email": f"contact{n}@client{n}.example.fr",
            "phone": f"01{_scramble(n, 10**8):08d}",
            "businessProvider": (
                {
                    "name": f"Apporteur {rng.choice(_COMPANY_NAMES)}",
                    "commissionRate": rng.choice((5.0, 8.0, 10.0)),
                }
                if rng.random() < 0.2
                else None
            ),
            "contacts": [self._contact(n, k) for k in range(rng.choice((1, 1, 2, 3)))],
            "modifiedAt": self._modified(),
        }
        self.customers.append(customer)
        for k in range(2 if rng.random() < 0.1 else 1):
            self._generate_billing_point(customer, k)

    def _contact(self, n, k):
        rng = self.rng
        first, last = rng.choice(_FIRST_NAMES), rng.choice(_COMPANY_NAMES)
        return {
            "civility": rng.choice(("M.", "Mme")),
            "firstName": first,
            "lastName": last,
            "phone": f"01{_scramble(n * 7 + k, 10**8):08d}",
            "directPhone": f"09{_scramble(n * 11 + k, 10**8):08d}",
            # Mobiles in the blocks phonenumbers knows (as the lines' numbers).
            "mobile": line_number(n * 13 + k, "MOBILE"),
            "jobTitle": rng.choice(
                (
                    "Gérant",
                    "Comptable",
                    "Responsable informatique",
                    "Assistante de direction",
                )
            ),
            "email": f"{first.lower()}.{last.lower()}{n}@client{n}.example.fr",
        }

    def _generate_billing_point(self, customer, k):
        rng = self.rng
        n = len(self.billing_points) + 1
        terminated = customer["status"] == "RESILIE" or rng.random() < 0.02
        signed = date(2021, 1, 1) + timedelta(days=rng.randrange(1800))
        self.billing_points.append(
            {
                "billingPointId": 50000 + n,
                "customerReference": customer["customerReference"],
                "name": customer["customer_name"]
                if k == 0
                else f"{customer['customer_name']} – site {k + 1}",
                "status": "TERMINATED" if terminated else "ACTIVE",
                "terminationDate": (signed + timedelta(days=400)).isoformat()
                if terminated
                else None,
                "vatRate": 20.0,
                "periodicity": rng.choices(
                    ("MONTHLY", "QUARTERLY", "SEMIANNUAL", "ANNUAL"), (90, 6, 2, 2)
                )[0],
                "periodFormat": rng.choices(
                    ("CURRENT_MONTH", "PREVIOUS_MONTH"), (85, 15)
                )[0],
                "blockUnpaidReminders": rng.random() < 0.05,
                "mandate": (
                    {
                        "holder": customer["customer_name"],
                        "signatureDate": signed.isoformat(),
                        "iban": iban_for(n),
                        "bic": rng.choice(_BICS),
                        "rum": f"ACT-{n:08d}",
                    }
                    if rng.random() < 0.75
                    else None
                ),
                **_address_of(customer),
                "modifiedAt": self._modified(),
            }
        )

    def _generate_site(self, n, customer, bp):
        rng = self.rng
        site_type = _weighted(rng, _SITE_TYPE_WEIGHTS)
        address = self._address() if rng.random() < 0.3 else _address_of(customer)
        self.sites.append(
            {
                "siteId": 90000 + n,
                "billingPointId": bp["billingPointId"],
                "customerReference": customer["customerReference"],
                "name": customer["customer_name"],
                "siteType": site_type,
                "activity": "TERMINATED" if bp["status"] == "TERMINATED" else "ACTIVE",
                "status": rng.choices(("PRINCIPALE", "AGENCE", "AUTRES"), (60, 30, 10))[
                    0
                ],
                **address,
                "siret": customer["registrationNumber"],
                "internalReference": f"PARC{n:06d}",
                "privateInstaller": rng.choice(
                    ("", "", "Télécom Install 33", "Pro Câblage")
                ),
                "itProvider": rng.choice(("", "", "InfoServices", "Cyber Support")),
                "freeText": "",
                "modifiedAt": self._modified(),
            }
        )

    def _generate_service(self, n, site):
        rng = self.rng
        catalogue = _weighted(rng, _CATALOGUES_BY_SITE_TYPE[site["siteType"]])
        plans = articles(catalogue, "subscription")
        plan = rng.choice(plans)
        m2m = plan.label == "Forfait ALP M2M 100Mo"
        activity = rng.choices(LINE_ACTIVITIES, (88, 4, 5, 2, 1))[0]
        if site["activity"] == "TERMINATED":
            activity = "TERMINATED"
        start = date(2021, 1, 1) + timedelta(days=rng.randrange(1500))
        history = []
        # Earlier plans of the same catalogue, then the current one.
        for _ in range(rng.choices((0, 1, 2), (70, 22, 8))[0]):
            old = rng.choice(plans)
            end = start + timedelta(days=rng.randrange(60, 300))
            history.append(_entry(old, "SUBSCRIPTION", start, end - timedelta(days=1)))
            start = end
        end = None
        if activity in ("TERMINATED", "OBSOLETE"):
            end = start + timedelta(days=rng.randrange(30, 400))
        history.append(_entry(plan, "SUBSCRIPTION", start, end))
        options = articles(catalogue, "option")
        for option in rng.sample(
            options, min(len(options), rng.choice((0, 0, 1, 1, 2)))
        ):
            opt_start = start + timedelta(days=rng.randrange(0, 60))
            opt_end = end
            if opt_end is None and rng.random() < 0.15:
                opt_end = opt_start + timedelta(days=rng.randrange(30, 200))
            history.append(_entry(option, "OPTION", opt_start, opt_end))
        self.services.append(
            {
                "serviceId": 1_000_000 + n,
                "siteId": site["siteId"],
                "billingPointId": site["billingPointId"],
                "customerReference": site["customerReference"],
                "serviceLabel": line_number(n, site["siteType"], m2m=m2m),
                "firstName": rng.choice(_FIRST_NAMES),
                "lastName": rng.choice(_COMPANY_NAMES),
                "activity": activity,
                "hideCalledNumbers": rng.random() < 0.9,
                "articles": history,
                "modifiedAt": self._modified(),
                "_catalogue": catalogue,
                "_iccid": iccid_for(n) if site["siteType"] == "MOBILE" else "",
            }
        )

    def _mess_histories(self, rate):
        """Record some histories as a real platform sometimes does.

        ``_clean_articles`` keeps the truth, which the supplier side follows;
        ``_messy`` names what was done, for tests.
        """
        rng = random.Random(self.seed * 7 + 3)  # apart: the clean park stays the same
        for service in self.services:
            if rng.random() >= rate:
                continue
            clean = [dict(entry) for entry in service["articles"]]
            plans = [
                e for e in service["articles"] if e["articleType"] == "SUBSCRIPTION"
            ]
            kinds = ["duplicate", "reversed"] + (
                ["open_overlap"] if len(plans) > 1 else []
            )
            kind = rng.choice(kinds)
            if kind == "duplicate":
                service["articles"].append(dict(plans[-1]))
            elif kind == "open_overlap":
                plans[0]["endDate"] = None  # the plan change forgot to close it
            else:
                option = articles(service["_catalogue"], "option")[0]
                start = date.fromisoformat(plans[-1]["startDate"]) + timedelta(days=20)
                service["articles"].append(
                    _entry(option, "OPTION", start, start - timedelta(days=10))
                )
            service["_clean_articles"] = clean
            service["_messy"] = kind

    # -- queries and changes -------------------------------------------------
    def get(self, resource, external_id):
        return self._index[resource].get(external_id)

    def put(self, resource, item):
        """Add or replace a record as given (a test's hand-written raw JSON).

        The list stays sorted by id; keys starting with ``_`` are internal.
        """
        id_field = ID_FIELDS[resource]
        items = self.by_resource[resource]
        items[:] = [i for i in items if i[id_field] != item[id_field]] + [item]
        items.sort(key=lambda i: i[id_field])
        self._index[resource][item[id_field]] = item
        return item

    def touch(self, resource, external_ids, when=None):
        """Change the given records as a Cfast user would, bumping ``modifiedAt``."""
        stamp = _iso(when or datetime.now(timezone.utc))
        changed = []
        for external_id in external_ids:
            item = self._index[resource][external_id]
            if resource == "customers":
                item["tradeName"] = (
                    item["tradeName"] or item["customer_name"]
                ) + " (modifié)"
            elif resource == "billing-points":
                item["blockUnpaidReminders"] = not item["blockUnpaidReminders"]
            elif resource == "sites":
                item["freeText"] = (item["freeText"] + " modifié").strip()
            else:
                item["lastName"] = item["lastName"] + "-Modifié"
            item["modifiedAt"] = stamp
            changed.append(item)
        return changed

    def change_plan(self, service_id, new_label, on_date):
        """End the current plan the day before ``on_date`` and start ``new_label``."""
        service = self._service(service_id)
        article = _article(new_label)
        for entry in service["articles"]:
            if entry["articleType"] == "SUBSCRIPTION" and entry["endDate"] is None:
                entry["endDate"] = (on_date - timedelta(days=1)).isoformat()
        service["articles"].append(_entry(article, "SUBSCRIPTION", on_date, None))
        service["modifiedAt"] = _now()
        return service

    def catalogue_of(self, service):
        return CATALOGUE_BY_KEY[service["_catalogue"]]

    # -- writes (provisioning) ---------------------------------------------------
    # Each raises ValueError with the reason Cfast would give (HTTP 422).
    def create_service(
        self,
        site_id,
        number,
        first_name,
        last_name,
        plan_label,
        option_labels,
        start,
        hide=True,
    ):
        site = self._index["sites"].get(site_id)
        if site is None:
            raise ValueError(f"site {site_id} inconnu")
        if any(
            s["serviceLabel"] == number and s["activity"] != "TERMINATED"
            for s in self.services
        ):
            raise ValueError(f"le numéro {number} est déjà actif")
        plan = _article(plan_label)
        catalogue = plan.catalogue
        entries = [_entry(plan, "SUBSCRIPTION", start, None)]
        entries += [
            _entry(_article(label), "OPTION", start, None) for label in option_labels
        ]
        service = {
            "serviceId": max((s["serviceId"] for s in self.services), default=1_000_000)
            + 1,
            "siteId": site_id,
            "billingPointId": site["billingPointId"],
            "customerReference": site["customerReference"],
            "serviceLabel": number,
            "firstName": first_name,
            "lastName": last_name,
            "activity": "ACTIVE",
            "hideCalledNumbers": hide,
            "articles": entries,
            "modifiedAt": _now(),
            "_catalogue": catalogue,
            "_iccid": "",
        }
        self.services.append(service)
        self._index["services"][service["serviceId"]] = service
        return service

    def _service(self, service_id):
        service = self._index["services"].get(service_id)
        if service is None:
            raise LookupError(f"service {service_id} inconnu")
        if service["activity"] == "TERMINATED":
            raise ValueError(f"le service {service_id} est résilié")
        return service

    def add_option(self, service_id, label, start):
        service = self._service(service_id)
        service["articles"].append(_entry(_article(label), "OPTION", start, None))
        service["modifiedAt"] = _now()
        return service

    def remove_option(self, service_id, label, end):
        service = self._service(service_id)
        for entry in service["articles"]:
            if (
                entry["articleType"] == "OPTION"
                and entry["articleLabel"] == label
                and entry["endDate"] is None
            ):
                entry["endDate"] = end.isoformat()
                service["modifiedAt"] = _now()
                return service
        raise ValueError(
            f"l'option « {label} » n'est pas active sur le service {service_id}"
        )

    def set_activity(self, service_id, activity, end=None):
        service = self._service(service_id)
        service["activity"] = activity
        if end is not None:
            for entry in service["articles"]:
                if entry["endDate"] is None:
                    entry["endDate"] = end.isoformat()
        service["modifiedAt"] = _now()
        return service

    def add_charge(self, billing_point_id, label, quantity, on_date, service_id=None):
        if billing_point_id not in self._index["billing-points"]:
            raise LookupError(f"point de facturation {billing_point_id} inconnu")
        article = _article(label)
        if article.kind not in ("one_off", "hardware"):
            raise ValueError(f"« {label} » n'est pas un article ponctuel")
        charge = {
            "chargeId": len(self.charges) + 1,
            "billingPointId": billing_point_id,
            "serviceId": service_id,
            "articleLabel": label,
            "quantity": quantity,
            "unitPrice": article.sale_price,
            "date": on_date.isoformat(),
        }
        self.charges.append(charge)
        return charge


ID_FIELDS = {
    "customers": "customerReference",
    "billing-points": "billingPointId",
    "sites": "siteId",
    "services": "serviceId",
}


def _entry(article, article_type, start, end):
    return {
        "articleCode": article.supplier_code,
        "articleLabel": article.label,
        "articleType": article_type,
        "articlePeriodicPrice": article.sale_price,
        "periodicBuyPrice": article.buy_price,
        "quantity": 1,
        "startDate": start.isoformat(),
        "endDate": end.isoformat() if end else None,
    }


def _article(label):
    try:
        return ARTICLE_BY_LABEL[label]
    except KeyError:
        raise ValueError(f"article « {label} » inconnu du catalogue") from None


def _now():
    return _iso(datetime.now(timezone.utc))


def clean_articles(service):
    """The service's true history, whatever Cfast shows of it."""
    return service.get("_clean_articles") or service["articles"]


def current_articles(service, on_date=None):
    """The entries of a service's history in force on ``on_date`` (today by default)."""
    day = (on_date or date.today()).isoformat()
    return [
        entry
        for entry in clean_articles(service)
        if entry["startDate"] <= day
        and (entry["endDate"] is None or entry["endDate"] >= day)
    ]


def public(item):
    """The item as Cfast serves it: internal keys removed."""
    return {key: value for key, value in item.items() if not key.startswith("_")}
