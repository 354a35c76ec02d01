"""The park as a supplier platform sees it, derived from the Cfast park.

By default the supplier has exactly what Cfast bills for the lines of its
catalogues. A simulator can be told to diverge in each kind of gap the
reconciliation looks for; the gaps it made are listed in ``injected`` so a test
can check that the reconciliation finds exactly those.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from softwhere_lib.reconciliation import GAP_KINDS  # each kind can be injected here

from .catalogue import (
    ARTICLE_BY_LABEL,
    ARTICLE_BY_SUPPLIER_CODE,
    CATALOGUE_BY_KEY,
    articles,
)
from .common import (
    DEFAULT_STALL,
    FaultInjector,
    SimulatorServer,
    base_argument_parser,
    serve_from_cli,
)
from .park import Park, clean_articles, current_articles, iccid_for, line_number

_STATUS_BY_ACTIVITY = {
    "ACTIVE": "active",
    "INACTIVE": "suspended",
    "TERMINATED": "terminated",
    "OBSOLETE": "terminated",
    "UNDER_CONSTRUCTION": "pending",
}

#: Share of the planned price the supplier adds on a "price_above" gap.
PRICE_INCREASE = 0.15


@dataclass
class InjectedGap:
    kind: str
    number: str
    detail: str


def parse_gaps(text):
    """``"not_billed=3,price_above=5"`` -> ``{"not_billed": 3, "price_above": 5}``."""
    gaps = {}
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        kind, _, count = part.partition("=")
        if kind not in GAP_KINDS:
            raise ValueError(
                f"unknown gap kind {kind!r}; known: {', '.join(GAP_KINDS)}"
            )
        gaps[kind] = int(count or 1)
    return gaps


class SupplierPark:
    """Lines in place at one platform (``snaic`` or ``alphalink``), as dicts."""

    def __init__(
        self, park, platform, gaps=None, gap_rate=0.0, on_date=None, seed=None
    ):
        self.platform = platform
        self.on_date = on_date or date.today()
        self.rng = random.Random(park.seed * 1000 + 17 if seed is None else seed)
        self.injected = []
        self.one_offs = []
        self.lines = []
        for service in park.services:
            if park.catalogue_of(service).platform == platform:
                self.lines.append(self._line_from_service(service))
        eligible = [line for line in self.lines if line["status"] == "active"]
        counts = dict.fromkeys(GAP_KINDS, 0)
        if gap_rate:
            counts.update({kind: int(len(eligible) * gap_rate) for kind in GAP_KINDS})
        counts.update(gaps or {})
        self._removed = set()
        self._inject(eligible, counts, len(park.services))
        self.lines = [line for line in self.lines if id(line) not in self._removed]
        self.lines.sort(key=lambda line: line["number"])
        self._by_number = {line["number"]: line for line in self.lines}

    # -- writes (provisioning) ---------------------------------------------------
    # Each raises ValueError with the reason the platform gives, LookupError
    # for an unknown line.
    def _product_of(self, code, kinds):
        article = ARTICLE_BY_SUPPLIER_CODE.get(code)
        if (
            article is None
            or CATALOGUE_BY_KEY[article.catalogue].platform != self.platform
        ):
            raise ValueError(f"produit {code} inconnu de la plateforme")
        if article.kind not in kinds:
            raise ValueError(f"le produit {code} n'est pas un(e) {' ou '.join(kinds)}")
        return article

    def _live_line(self, number):
        line = self._by_number.get(number)
        if line is None:
            raise LookupError(f"ligne {number} inconnue")
        if line["status"] == "terminated":
            raise ValueError(f"la ligne {number} est résiliée")
        return line

    def create_line(
        self,
        iccid,
        offer_code,
        option_codes=(),
        ported_number=None,
        rio=None,
        reference=None,
    ):
        offer = self._product_of(offer_code, ("subscription",))
        options = [self._product_of(code, ("option",)) for code in option_codes]
        mobile = CATALOGUE_BY_KEY[offer.catalogue].service_type == "mobile"
        if mobile and (
            not iccid
            or any(
                line["iccid"] == iccid and line["status"] != "terminated"
                for line in self.lines
            )
        ):
            raise ValueError(
                f"carte SIM {iccid or '(aucune)'} absente ou déjà utilisée"
            )
        if not mobile and iccid:
            raise ValueError(f"l'offre {offer_code} ne prend pas de carte SIM")
        if ported_number:
            if not rio or len(rio) != 12:
                raise ValueError("portabilité : RIO à 12 caractères obligatoire")
            number = ported_number
            if (
                number in self._by_number
                and self._by_number[number]["status"] != "terminated"
            ):
                raise ValueError(f"le numéro {number} est déjà actif")
        else:
            number = self._next_free_number("MOBILE" if mobile else "FIXE")
        line = {
            "number": number,
            "iccid": iccid or "",
            "reference": reference or "",
            "status": "active",
            "activationDate": date.today().isoformat(),
            "terminationDate": None,
            "offer": _product(offer),
            "options": [_product(o) for o in options],
            "_catalogue": offer.catalogue,
        }
        self.lines = [
            existing for existing in self.lines if existing["number"] != number
        ]
        self.lines.append(line)
        self.lines.sort(key=lambda item: item["number"])
        self._by_number[number] = line
        return line

    def _next_free_number(self, site_type):
        index = len(self.lines) + 500_000
        while line_number(index, site_type) in self._by_number:
            index += 1
        return line_number(index, site_type)

    def modify_line(self, number, offer_code=None, add_options=(), remove_options=()):
        line = self._live_line(number)
        offer = self._product_of(offer_code, ("subscription",)) if offer_code else None
        added = [self._product_of(code, ("option",)) for code in add_options]
        current = {o["code"] for o in line["options"]}
        missing = [code for code in remove_options if code not in current]
        if missing:
            raise ValueError(
                f"option(s) {', '.join(missing)} absente(s) de la ligne {number}"
            )
        if offer:
            line["offer"] = _product(offer)
        line["options"] = [
            o for o in line["options"] if o["code"] not in remove_options
        ]
        line["options"] += [
            _product(o) for o in added if o.supplier_code not in current
        ]
        return line

    def suspend_line(self, number):
        line = self._live_line(number)
        line["status"] = "suspended"
        return line

    def terminate_line(self, number, on_date):
        line = self._live_line(number)
        line["status"] = "terminated"
        line["terminationDate"] = on_date.isoformat()
        return line

    def find_lines(self, number=None, iccid=None, reference=None):
        """Lines of a number, an ICCID and/or a creation's reference (the
        platforms' look-up calls)."""
        return [
            line
            for line in self.lines
            if (not number or line["number"] == number)
            and (not iccid or line["iccid"] == iccid)
            and (not reference or line.get("reference") == reference)
        ]

    def one_offs_of(self, number):
        if number not in self._by_number:
            raise LookupError(f"ligne {number} inconnue")
        return [o for o in self.one_offs if o["number"] == number]

    def add_one_off(self, number, code, quantity=1):
        self._live_line(number)
        product = self._product_of(code, ("one_off", "hardware"))
        one_off = {
            "reference": f"PONCT-{len(self.one_offs) + 1:06d}",
            "number": number,
            "code": code,
            "quantity": quantity,
            "amount": round(product.buy_price * quantity, 2),
        }
        self.one_offs.append(one_off)
        return one_off

    def _line_from_service(self, service):
        entries = current_articles(service, self.on_date)
        plan = next((e for e in entries if e["articleType"] == "SUBSCRIPTION"), None)
        if plan is None:
            # Ended lines: the supplier keeps the last plan, terminated.
            ended = [
                e for e in clean_articles(service) if e["articleType"] == "SUBSCRIPTION"
            ]
            plan = max(ended, key=lambda e: e["startDate"])
        status = _STATUS_BY_ACTIVITY[service["activity"]]
        first_start = min(e["startDate"] for e in clean_articles(service))
        return {
            "number": service["serviceLabel"],
            "iccid": service["_iccid"],
            "status": status,
            "activationDate": first_start,
            "terminationDate": plan["endDate"] if status == "terminated" else None,
            "offer": _product(ARTICLE_BY_LABEL[plan["articleLabel"]]),
            "options": [
                _product(ARTICLE_BY_LABEL[e["articleLabel"]])
                for e in entries
                if e["articleType"] == "OPTION"
            ],
            "_catalogue": service["_catalogue"],
        }

    def _inject(self, eligible, counts, service_count):
        pool = list(eligible)
        self.rng.shuffle(pool)
        for kind in GAP_KINDS:
            for _ in range(counts.get(kind, 0)):
                if kind == "not_billed":
                    self._add_unbilled_line(service_count + len(self.injected) + 1)
                    continue
                # The last line of the pool that can diverge so (usually the last).
                index = next(
                    (
                        i
                        for i in range(len(pool) - 1, -1, -1)
                        if _can_diverge(kind, pool[i])
                    ),
                    None,
                )
                if index is None:
                    raise ValueError(
                        f"not enough active lines to inject {counts[kind]} {kind} gaps"
                    )
                getattr(self, f"_gap_{kind}")(pool.pop(index))

    def _record(self, kind, line, detail):
        self.injected.append(InjectedGap(kind, line["number"], detail))

    def _add_unbilled_line(self, index):
        catalogue = (
            "mobile_orange_alp" if self.platform == "alphalink" else "mobile_orange"
        )
        plan = self.rng.choice(articles(catalogue, "subscription"))
        line = {
            "number": line_number(index, "MOBILE"),
            "iccid": iccid_for(index),
            "status": "active",
            "activationDate": (self.on_date - timedelta(days=90)).isoformat(),
            "terminationDate": None,
            "offer": _product(plan),
            "options": [],
            "_catalogue": catalogue,
        }
        self.lines.append(line)
        self._record("not_billed", line, plan.supplier_label)

    def _gap_not_in_place(self, line):
        # By identity, at once: list.remove compares dicts, quadratic at scale.
        self._removed.add(id(line))
        self._record("not_in_place", line, line["offer"]["label"])

    def _gap_plan_different(self, line):
        plans = [
            a
            for a in articles(line["_catalogue"], "subscription")
            if a.supplier_code != line["offer"]["code"]
        ]
        line["offer"] = _product(self.rng.choice(plans))
        self._record("plan_different", line, line["offer"]["label"])

    def _gap_option_different(self, line):
        billed = {o["code"] for o in line["options"]}
        extra = [
            a
            for a in articles(line["_catalogue"], "option")
            if a.supplier_code not in billed
        ]
        if not extra:
            # Every option is already billed: drop one instead.
            removed = line["options"].pop()
            self._record("option_different", line, f"-{removed['label']}")
            return
        option = _product(self.rng.choice(extra))
        line["options"].append(option)
        self._record("option_different", line, f"+{option['label']}")

    def _gap_price_above(self, line):
        offer = line["offer"]
        offer["price"] = round(offer["price"] * (1 + PRICE_INCREASE), 2)
        self._record("price_above", line, f"{offer['label']} {offer['price']}")

    def _gap_terminated_one_side(self, line):
        line["status"] = "terminated"
        line["terminationDate"] = (self.on_date - timedelta(days=10)).isoformat()
        self._record("terminated_one_side", line, line["terminationDate"])


#: Catalogues with more than one plan: only their lines can show another plan.
_SEVERAL_PLANS = {
    key for key in CATALOGUE_BY_KEY if len(articles(key, "subscription")) > 1
}


def _can_diverge(kind, line):
    return kind != "plan_different" or line["_catalogue"] in _SEVERAL_PLANS


def _product(article):
    return {
        "code": article.supplier_code,
        "label": article.supplier_label,
        "price": article.buy_price,
    }


def start_supplier_simulator(
    app_class,
    park,
    gaps=None,
    gap_rate=0.0,
    fault_rate=0.0,
    seed=1,
    timeout_delay=DEFAULT_STALL,
    retry_after=1,
    on_date=None,
    port=0,
    **app_options,
):
    """Start a supplier simulator over ``park`` (a Cfast ``Park``) in a thread."""
    supplier_park = SupplierPark(
        park, app_class.platform, gaps=gaps, gap_rate=gap_rate, on_date=on_date
    )
    faults = FaultInjector(
        rate=fault_rate, seed=seed, timeout_delay=timeout_delay, retry_after=retry_after
    )
    app = app_class(supplier_park, faults=faults, **app_options)
    return SimulatorServer(app, port=port).start()


def supplier_main(app_class, description, argv=None, options=()):
    """Command line of a supplier simulator; ``options`` are extra app settings,
    as ``(flag, app keyword, default)``."""
    parser = base_argument_parser(description)
    parser.add_argument(
        "--customers", type=int, default=20, help="as the Cfast simulator"
    )
    parser.add_argument("--lines", type=int, default=100, help="as the Cfast simulator")
    parser.add_argument("--gaps", default="", help="e.g. not_billed=3,price_above=5")
    parser.add_argument(
        "--gap-rate",
        type=float,
        default=0.0,
        help="share of lines diverging in each kind",
    )
    for flag, keyword, default in options:
        parser.add_argument(flag, dest=keyword, default=default)
    args = parser.parse_args(argv)
    park = Park(customers=args.customers, lines=args.lines, seed=args.seed)
    supplier_park = SupplierPark(
        park, app_class.platform, gaps=parse_gaps(args.gaps), gap_rate=args.gap_rate
    )
    faults = FaultInjector(
        rate=args.fault_rate, seed=args.seed, timeout_delay=args.timeout_delay
    )
    app_options = {
        keyword: getattr(args, keyword) for _flag, keyword, _default in options
    }
    app = app_class(supplier_park, faults=faults, **app_options)
    serve_from_cli(app, args, f"{description.split(' ', 1)[0]} simulator")
