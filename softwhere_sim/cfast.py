"""Cfast simulator: the billing platform's REST/JSON API on loopback.

Read API (bearer token, paginated, ``modifiedSince`` for incremental syncs)::

    GET /api/v1/ping
    GET /api/v1/customers          (1000, key customerReference)
    GET /api/v1/billing-points     (5000, key billingPointId)
    GET /api/v1/sites              (9000, key siteId)
    GET /api/v1/services           (lines, key serviceId, with their history)
    GET /api/v1/<resource>/<id>

Query: ``page`` (from 1), ``pageSize`` (1..500), ``modifiedSince`` (ISO 8601,
strict "after"); on services, ``siteId`` and ``serviceLabel`` filter (how the
client reads back a line creation whose answer was lost). Answer:
``{"items": [...], "page", "pageSize", "totalItems", "totalPages"}``, items
sorted by id. Lists are live: each request filters the park as it is then.

Keyset extension (ours, not in the documents Cfast gave): ``sort=modifiedAt,id``
sorts by modification then id, and ``after=<modifiedAt>,<id>`` serves the
records strictly after that pair, ``pageSize`` of them; no ``page``. A record
modified while a list is read moves to its end, so no other record shifts
across a page boundary. Answer: ``{"items", "pageSize", "sort", "after"}``.

Write API (provisioning), each call with an ``Idempotency-Key`` header::

    POST /api/v1/services                        create a line
    POST /api/v1/services/<id>/change-plan       {"articleLabel", "startDate"}
    POST /api/v1/services/<id>/options           {"articleLabel", "startDate"}
    POST /api/v1/services/<id>/options/remove    {"articleLabel", "endDate"}
    POST /api/v1/services/<id>/suspend           {}
    POST /api/v1/services/<id>/terminate         {"endDate"}
    POST /api/v1/billing-points/<id>/charges     one-off option or hardware fee
    GET  /api/v1/billing-points/<id>/charges

Admin API for tests and demos (never faulted)::

    POST /_admin/faults  {"faults": ["429", "timeout"], "path": "/services"}
    POST /_admin/touch   {"resource": "services", "ids": [1000001]}
    GET  /_admin/stats
"""

import hashlib
import heapq
import json
from datetime import date, datetime

from werkzeug.exceptions import BadRequest

from .common import (
    DEFAULT_STALL,
    FaultInjector,
    IdempotencyStore,
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
        self.idempotency = IdempotencyStore()

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
        if resource not in ID_FIELDS:
            return json_response({"error": f"unknown resource {resource}"}, status=404)
        if request.method == "POST":
            return self._write(request, parts)
        if resource == "billing-points" and len(parts) == 3 and parts[2] == "charges":
            charges = [
                c for c in self.park.charges if str(c["billingPointId"]) == parts[1]
            ]
            return json_response({"items": charges})
        if request.method != "GET" or len(parts) > 2:
            return json_response({"error": "not found"}, status=404)
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
            request.args.get("sort"),
            request.args.get("modifiedSince"),
            request.args.get("siteId"),
            request.args.get("serviceLabel"),
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
        if resource == "services":
            if args.get("siteId"):
                site_id = int(args["siteId"])
                items = [item for item in items if item["siteId"] == site_id]
            if args.get("serviceLabel"):
                label = args["serviceLabel"]
                items = [item for item in items if item["serviceLabel"] == label]
        if args.get("sort") or args.get("after"):
            return self._get_after(resource, items, args.get("sort"), args, size)
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

    def _get_after(self, resource, items, sort, args, size):
        """The keyset extension: ``size`` records after the ``after`` pair."""
        if sort != KEYSET_SORT:
            raise ValueError(f"sort must be {KEYSET_SORT!r}")
        id_field = ID_FIELDS[resource]
        after = args.get("after")
        if after:
            stamp, _, raw_id = after.partition(",")
            if not raw_id:
                raise ValueError("after is <modifiedAt>,<id>")
            if stamp:
                datetime.fromisoformat(stamp.replace("Z", "+00:00"))
            ident = raw_id if resource == "customers" else int(raw_id)
            cursor = (stamp.replace("+00:00", "Z"), ident)
            items = [item for item in items if _keyset_key(item, id_field) > cursor]
        # The page's records only: a park of 100,000 lines is not sorted whole
        # for each page.
        page = heapq.nsmallest(
            size, items, key=lambda item: _keyset_key(item, id_field)
        )
        return json_response(
            {
                "items": [public(item) for item in page],
                "pageSize": size,
                "sort": sort,
                "after": after,
            }
        )

    # -- writes -------------------------------------------------------------------
    def _write(self, request, parts):
        payload = request.get_json(force=True, silent=True)
        if not isinstance(payload, dict):
            return json_response({"error": "a JSON object is expected"}, status=400)
        key = request.headers.get("Idempotency-Key")
        if not key:
            return json_response(
                {"error": "the Idempotency-Key header is required"}, status=400
            )
        fingerprint = hashlib.sha256(
            (request.path + json.dumps(payload, sort_keys=True)).encode()
        ).hexdigest()
        status, body = self.idempotency.run(
            key, fingerprint, lambda: self._apply(parts, payload)
        )
        return json_response(body, status=status)

    def _apply(self, parts, payload):
        park = self.park
        action = "/".join(parts[2:])
        try:
            if parts == ["services"]:
                service = park.create_service(
                    int(payload["siteId"]),
                    payload["serviceLabel"],
                    payload.get("firstName", ""),
                    payload.get("lastName", ""),
                    payload["subscription"]["articleLabel"],
                    [o["articleLabel"] for o in payload.get("options", [])],
                    _day(payload["subscription"].get("startDate")),
                    payload.get("hideCalledNumbers", True),
                )
                result = (201, public(service))
            elif parts[0] == "billing-points" and action == "charges":
                charge = park.add_charge(
                    int(parts[1]),
                    payload["articleLabel"],
                    int(payload.get("quantity", 1)),
                    _day(payload.get("date")),
                    payload.get("serviceId"),
                )
                result = (201, charge)
            elif parts[0] == "services" and len(parts) >= 3:
                service_id = int(parts[1])
                if action == "change-plan":
                    service = park.change_plan(
                        service_id,
                        payload["articleLabel"],
                        _day(payload.get("startDate")),
                    )
                elif action == "options":
                    service = park.add_option(
                        service_id,
                        payload["articleLabel"],
                        _day(payload.get("startDate")),
                    )
                elif action == "options/remove":
                    service = park.remove_option(
                        service_id,
                        payload["articleLabel"],
                        _day(payload.get("endDate")),
                    )
                elif action == "suspend":
                    service = park.set_activity(service_id, "INACTIVE")
                elif action == "terminate":
                    service = park.set_activity(
                        service_id, "TERMINATED", _day(payload.get("endDate"))
                    )
                else:
                    return 404, {"error": f"unknown action {action}"}
                result = (200, public(service))
            else:
                return 404, {"error": "not found"}
        # KeyError first: it is a LookupError too.
        except (KeyError, TypeError) as exc:
            return 400, {"error": f"missing or bad field {exc}"}
        except LookupError as exc:
            return 404, {"error": str(exc)}
        except ValueError as exc:
            return 422, {"error": str(exc)}
        return result

    def _items(self, resource, since):
        """The list as the park is now: a change between two pages shows."""
        items = list(self.park.by_resource[resource])
        if not since:
            return items
        # ISO strings in one format and zone compare as dates do.
        since = since.replace("+00:00", "Z")
        return [item for item in items if (item.get("modifiedAt") or "") > since]

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
        return self.park.touch(resource, external_ids, when)

    def put(self, resource, item):
        """Serve this raw record (added or replaced) from now on."""
        return self.park.put(resource, item)


#: The only order the keyset extension offers.
KEYSET_SORT = "modifiedAt,id"


def _keyset_key(item, id_field):
    return (item.get("modifiedAt") or "", item[id_field])


def _day(value):
    return date.fromisoformat(value) if value else date.today()


def start_cfast(
    customers=20,
    lines=100,
    seed=1,
    fault_rate=0.0,
    token=DEFAULT_TOKEN,
    timeout_delay=DEFAULT_STALL,
    retry_after=1,
    port=0,
    messy_rate=0.0,
):
    """Start a Cfast simulator in a thread; returns the running ``SimulatorServer``."""
    park = Park(customers=customers, lines=lines, seed=seed, messy_rate=messy_rate)
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
    parser.add_argument(
        "--messy-history-rate",
        type=float,
        default=0.0,
        help="share of lines with a repeated, overlapping or reversed entry",
    )
    args = parser.parse_args(argv)
    park = Park(
        customers=args.customers,
        lines=args.lines,
        seed=args.seed,
        messy_rate=args.messy_history_rate,
    )
    faults = FaultInjector(
        rate=args.fault_rate, seed=args.seed, timeout_delay=args.timeout_delay
    )
    serve_from_cli(
        CfastApp(park, token=args.token, faults=faults), args, "Cfast simulator"
    )


if __name__ == "__main__":
    main()
