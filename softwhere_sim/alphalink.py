"""Alphalink simulator: the "Mobile – Orange ALP" supplier platform, REST/JSON.

    GET  /v1/ping
    GET  /v1/lines?page=1&per_page=100     (header X-Api-Key; msisdn= iccid= reference=)
    GET  /v1/lines/<msisdn>/one-offs
    POST /v1/lines                         {"iccid", "reference", "offer", "options",
                                            "port_in"}
    POST /v1/lines/<msisdn>/change         {"offer", "add_options", "remove_options"}
    POST /v1/lines/<msisdn>/suspend
    POST /v1/lines/<msisdn>/terminate      {"date"}
    POST /v1/lines/<msisdn>/one-offs       {"product", "quantity"}

Writes need an ``Idempotency-Key`` header.

Answer: ``{"data": [...], "meta": {"page", "per_page", "total", "last_page"}}``.
"""

import json
from datetime import date

from .common import (
    IdempotencyStore,
    SimulatorApp,
    json_response,
)
from .supplier_park import start_supplier_simulator, supplier_main

DEFAULT_API_KEY = "alphalink-demo-key"
MAX_PER_PAGE = 500
_STATUS_CODES = {
    "active": "active",
    "suspended": "suspended",
    "terminated": "cancelled",
    "pending": "pending",
}


class AlphalinkApp(SimulatorApp):
    platform = "alphalink"

    def __init__(self, supplier_park, api_key=DEFAULT_API_KEY, faults=None):
        super().__init__(faults)
        self.park = supplier_park
        self.idempotency = IdempotencyStore()
        self.api_key = api_key

    def is_page(self, request):
        return request.path == "/v1/lines"

    def page_key(self, request):
        return (
            request.path,
            request.args.get("per_page"),
            request.args.get("msisdn"),
            request.args.get("iccid"),
            request.args.get("reference"),
        )

    def handle(self, request):
        if request.headers.get("X-Api-Key") != self.api_key:
            return json_response({"error": "unauthorized"}, status=401)
        if request.method == "POST":
            return self._write(request)
        if request.path == "/v1/ping":
            return json_response({"pong": True})
        parts = request.path.strip("/").split("/")
        if len(parts) == 4 and parts[:2] == ["v1", "lines"] and parts[3] == "one-offs":
            try:
                one_offs = self.park.one_offs_of(parts[2])
            except LookupError as exc:
                return json_response({"error": str(exc)}, status=404)
            return json_response({"data": [_one_off(o) for o in one_offs]})
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
        lookup = [request.args.get(key) for key in ("msisdn", "iccid", "reference")]
        if any(lookup):
            lines = self.park.find_lines(*lookup)
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

    def _write(self, request):
        payload = request.get_json(force=True, silent=True)
        key = request.headers.get("Idempotency-Key")
        if not isinstance(payload, dict) or not key:
            return json_response(
                {"error": "JSON body and Idempotency-Key required"}, status=400
            )
        fingerprint = request.path + json.dumps(payload, sort_keys=True)
        status, body = self.idempotency.run(
            key, fingerprint, lambda: self._apply(request.path, payload)
        )
        return json_response(body, status=status)

    def _apply(self, path, payload):
        park = self.park
        parts = path.strip("/").split("/")  # v1, lines[, msisdn, action]
        try:
            if parts == ["v1", "lines"]:
                port_in = payload.get("port_in") or {}
                line = park.create_line(
                    payload.get("iccid"),
                    payload["offer"],
                    payload.get("options", []),
                    port_in.get("msisdn"),
                    port_in.get("rio"),
                    reference=payload.get("reference"),
                )
                return 201, _line(line)
            if len(parts) != 4 or parts[1] != "lines":
                return 404, {"error": "not found"}
            number, action = parts[2], parts[3]
            if action == "change":
                line = park.modify_line(
                    number,
                    payload.get("offer"),
                    payload.get("add_options", []),
                    payload.get("remove_options", []),
                )
            elif action == "suspend":
                line = park.suspend_line(number)
            elif action == "terminate":
                line = park.terminate_line(number, date.fromisoformat(payload["date"]))
            elif action == "one-offs":
                one_off = park.add_one_off(
                    number, payload["product"], int(payload.get("quantity", 1))
                )
                return 201, _one_off(one_off)
            else:
                return 404, {"error": f"unknown action {action}"}
            return 200, _line(line)
        except KeyError as exc:
            return 400, {"error": f"missing field {exc}"}
        except LookupError as exc:
            return 404, {"error": str(exc)}
        except ValueError as exc:
            return 422, {"error": str(exc)}


def _product(product):
    return {
        "code": product["code"],
        "name": product["label"],
        "monthly_cost": product["price"],
    }


def _one_off(one_off):
    return {
        "reference": one_off["reference"],
        "product": one_off["code"],
        "quantity": one_off["quantity"],
        "amount": one_off["amount"],
    }


def _line(line):
    return {
        "msisdn": line["number"],
        "iccid": line["iccid"],
        "reference": line.get("reference") or None,
        "status": _STATUS_CODES[line["status"]],
        "activated_at": line["activationDate"],
        "terminated_at": line["terminationDate"],
        "offer": _product(line["offer"]),
        "options": [_product(o) for o in line["options"]],
    }


def start_alphalink(park, **kwargs):
    """Start a Alphalink simulator over ``park`` (a Cfast ``Park``) in a thread."""
    return start_supplier_simulator(AlphalinkApp, park, **kwargs)


def main(argv=None):
    supplier_main(
        AlphalinkApp,
        "Alphalink supplier platform simulator (REST/JSON)",
        argv,
        options=[("--api-key", "api_key", DEFAULT_API_KEY)],
    )


if __name__ == "__main__":
    main()
