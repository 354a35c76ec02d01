"""Cfast simulator: the billing platform's REST/JSON API on loopback.

Read API (bearer token, paginated, ``modifiedSince`` for incremental syncs)::

    GET /api/v1/ping
    GET /api/v1/customers          (1000, key customerReference)
    GET /api/v1/billing-points     (5000, key billingPointId)
    GET /api/v1/sites              (9000, key siteId)
    GET /api/v1/services           (lines, key serviceId, with their history)
    GET /api/v1/<resource>/<id>

Query: ``page`` (from 1), ``pageSize`` (1..500), ``modifiedSince`` (ISO 8601,
strict "after"). Answer: ``{"items": [...], "page", "pageSize", "totalItems",
"totalPages"}``, items sorted by id.

Admin API for tests and demos (never faulted)::

    POST /_admin/faults  {"faults": ["429", "timeout"], "path": "/services"}
    POST /_admin/touch   {"resource": "services", "ids": [1000001]}
    GET  /_admin/stats
"""

import threading
from datetime import datetime

from werkzeug.exceptions import BadRequest

from .common import (
    FaultInjector,
    SimulatorApp,
    SimulatorServer,
    base_argument_parser,
    json_response,
    serve_from_cli,
)
from .park import ID_FIELDS, Park, public

API_PREFIX = "/api/v1/"
MAX_PAGE_SIZE = 500
DEFAULT_TOKEN = "cfast-demo-token"


class CfastApp(SimulatorApp):
    def __init__(self, park, token=DEFAULT_TOKEN, faults=None):
        super().__init__(faults)
        self.park = park
        self.token = token
        self._filtered = {}
        self._filtered_lock = threading.Lock()

    # -- routing --------------------------------------------------------------
    def handle(self, request):
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return json_response(
                {"error": "invalid or missing bearer token"}, status=401
            )
        if not request.path.startswith(API_PREFIX):
            return json_response({"error": "not found"}, status=404)
        parts = request.path[len(API_PREFIX) :].strip("/").split("/")
        if parts == ["ping"]:
            return json_response({"status": "ok", "platform": "cfast-simulator"})
        resource = parts[0]
        if resource not in ID_FIELDS or len(parts) > 2:
            return json_response({"error": f"unknown resource {resource}"}, status=404)
        if request.method != "GET":
            return json_response({"error": "method not allowed"}, status=405)
        if len(parts) == 2:
            return self._get_one(resource, parts[1])
        try:
            return self._get_page(resource, request.args)
        except (ValueError, BadRequest) as exc:
            return json_response({"error": str(exc)}, status=400)

    def is_page(self, request):
        parts = request.path[len(API_PREFIX) :].strip("/").split("/")
        return (
            request.path.startswith(API_PREFIX)
            and len(parts) == 1
            and parts[0] in ID_FIELDS
        )

    def page_key(self, request):
        return (
            request.path,
            request.args.get("pageSize"),
            request.args.get("modifiedSince"),
        )

    def _get_one(self, resource, raw_id):
        external_id = (
            raw_id
            if resource == "customers"
            else int(raw_id)
            if raw_id.isdigit()
            else raw_id
        )
        item = self.park.get(resource, external_id)
        if item is None:
            return json_response(
                {"error": f"{resource} {raw_id} not found"}, status=404
            )
        return json_response(public(item))

    def _get_page(self, resource, args):
        page = int(args.get("page", 1))
        size = int(args.get("pageSize", 100))
        if page < 1 or not 1 <= size <= MAX_PAGE_SIZE:
            raise ValueError(
                f"page must be >= 1 and pageSize within 1..{MAX_PAGE_SIZE}"
            )
        since = args.get("modifiedSince")
        if since:
            datetime.fromisoformat(since.replace("Z", "+00:00"))  # reject bad dates
        items = self._items(resource, since)
        total = len(items)
        chunk = items[(page - 1) * size : page * size]
        return json_response(
            {
                "items": [public(item) for item in chunk],
                "page": page,
                "pageSize": size,
                "totalItems": total,
                "totalPages": (total + size - 1) // size,
            }
        )

    def _items(self, resource, since):
        items = self.park.by_resource[resource]
        if not since:
            return items
        # ISO strings in one format and zone compare as dates do.
        since = since.replace("+00:00", "Z")
        key = (resource, since)
        with self._filtered_lock:
            if key not in self._filtered:
                self._filtered[key] = [
                    item for item in items if item["modifiedAt"] > since
                ]
            return self._filtered[key]

    # -- admin ------------------------------------------------------------------
    def handle_admin(self, request):
        path = request.path[len(self.admin_prefix) :]
        if path == "/stats":
            return json_response(
                {"requests": self.requests_served, "faults": self.faults.served}
            )
        payload = request.get_json(force=True, silent=True) or {}
        if path == "/faults":
            self.faults.inject(*payload.get("faults", []), path=payload.get("path"))
            return json_response({"queued": len(payload.get("faults", []))})
        if path == "/touch":
            changed = self.touch(payload["resource"], payload["ids"])
            return json_response({"touched": len(changed)})
        return super().handle_admin(request)

    def touch(self, resource, external_ids, when=None):
        changed = self.park.touch(resource, external_ids, when)
        with self._filtered_lock:
            self._filtered.clear()
        return changed


def start_cfast(
    customers=20,
    lines=100,
    seed=1,
    fault_rate=0.0,
    token=DEFAULT_TOKEN,
    timeout_delay=2.0,
    retry_after=1,
    port=0,
):
    """Start a Cfast simulator in a thread; returns the running ``SimulatorServer``."""
    park = Park(customers=customers, lines=lines, seed=seed)
    faults = FaultInjector(
        rate=fault_rate, seed=seed, timeout_delay=timeout_delay, retry_after=retry_after
    )
    return SimulatorServer(
        CfastApp(park, token=token, faults=faults), port=port
    ).start()


def main(argv=None):
    parser = base_argument_parser("Cfast billing platform simulator (REST/JSON)")
    parser.add_argument("--customers", type=int, default=20)
    parser.add_argument("--lines", type=int, default=100)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    args = parser.parse_args(argv)
    park = Park(customers=args.customers, lines=args.lines, seed=args.seed)
    faults = FaultInjector(
        rate=args.fault_rate, seed=args.seed, timeout_delay=args.timeout_delay
    )
    serve_from_cli(
        CfastApp(park, token=args.token, faults=faults), args, "Cfast simulator"
    )


if __name__ == "__main__":
    main()
