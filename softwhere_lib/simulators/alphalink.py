"""Alphalink simulator: the "Mobile – Orange ALP" supplier platform, REST/JSON.

    GET /v1/ping
    GET /v1/lines?page=1&per_page=100     (header X-Api-Key)

Answer: ``{"data": [...], "meta": {"page", "per_page", "total", "last_page"}}``.
"""

from .common import (
    FaultInjector,
    SimulatorApp,
    SimulatorServer,
    base_argument_parser,
    json_response,
    serve_from_cli,
)
from .park import Park
from .supplier_park import SupplierPark, parse_gaps

DEFAULT_API_KEY = "alphalink-demo-key"
MAX_PER_PAGE = 500
_STATUS_CODES = {
    "active": "active",
    "suspended": "suspended",
    "terminated": "cancelled",
    "pending": "pending",
}


class AlphalinkApp(SimulatorApp):
    def __init__(self, supplier_park, api_key=DEFAULT_API_KEY, faults=None):
        super().__init__(faults)
        self.park = supplier_park
        self.api_key = api_key

    def is_page(self, request):
        return request.path == "/v1/lines"

    def page_key(self, request):
        return (request.path, request.args.get("per_page"))

    def handle(self, request):
        if request.headers.get("X-Api-Key") != self.api_key:
            return json_response({"error": "unauthorized"}, status=401)
        if request.path == "/v1/ping":
            return json_response({"pong": True})
        if request.path != "/v1/lines":
            return json_response({"error": "not found"}, status=404)
        try:
            page = int(request.args.get("page", 1))
            per_page = int(request.args.get("per_page", 100))
        except ValueError:
            return json_response(
                {"error": "page and per_page are integers"}, status=400
            )
        if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
            return json_response(
                {"error": f"per_page within 1..{MAX_PER_PAGE}"}, status=400
            )
        lines = self.park.lines
        return json_response(
            {
                "data": [
                    _line(line)
                    for line in lines[(page - 1) * per_page : page * per_page]
                ],
                "meta": {
                    "page": page,
                    "per_page": per_page,
                    "total": len(lines),
                    "last_page": max(1, (len(lines) + per_page - 1) // per_page),
                },
            }
        )


def _product(product):
    return {
        "code": product["code"],
        "name": product["label"],
        "monthly_cost": product["price"],
    }


def _line(line):
    return {
        "msisdn": line["number"],
        "iccid": line["iccid"],
        "status": _STATUS_CODES[line["status"]],
        "activated_at": line["activationDate"],
        "terminated_at": line["terminationDate"],
        "offer": _product(line["offer"]),
        "options": [_product(o) for o in line["options"]],
    }


def start_alphalink(
    park,
    gaps=None,
    gap_rate=0.0,
    fault_rate=0.0,
    seed=1,
    timeout_delay=2.0,
    retry_after=1,
    on_date=None,
    port=0,
):
    """Start an Alphalink simulator over ``park`` (a Cfast ``Park``) in a thread."""
    supplier_park = SupplierPark(
        park, "alphalink", gaps=gaps, gap_rate=gap_rate, on_date=on_date
    )
    faults = FaultInjector(
        rate=fault_rate, seed=seed, timeout_delay=timeout_delay, retry_after=retry_after
    )
    return SimulatorServer(
        AlphalinkApp(supplier_park, faults=faults), port=port
    ).start()


def main(argv=None):
    parser = base_argument_parser("Alphalink supplier platform simulator (REST/JSON)")
    parser.add_argument(
        "--customers", type=int, default=20, help="as given to the Cfast simulator"
    )
    parser.add_argument(
        "--lines", type=int, default=100, help="as given to the Cfast simulator"
    )
    parser.add_argument("--gaps", default="", help="e.g. not_billed=3,price_above=5")
    parser.add_argument("--gap-rate", type=float, default=0.0)
    parser.add_argument("--api-key", default=DEFAULT_API_KEY)
    args = parser.parse_args(argv)
    park = Park(customers=args.customers, lines=args.lines, seed=args.seed)
    supplier_park = SupplierPark(
        park, "alphalink", gaps=parse_gaps(args.gaps), gap_rate=args.gap_rate
    )
    faults = FaultInjector(
        rate=args.fault_rate, seed=args.seed, timeout_delay=args.timeout_delay
    )
    serve_from_cli(
        AlphalinkApp(supplier_park, api_key=args.api_key, faults=faults),
        args,
        "Alphalink simulator",
    )


if __name__ == "__main__":
    main()
