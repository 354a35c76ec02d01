"""Client of the Alphalink supplier platform (REST/JSON, API key)."""

from datetime import date

from .http import build_session, request_json
from .supplier import (
    OneOff,
    SupplierClient,
    SupplierLine,
    SupplierPage,
    SupplierProduct,
    register,
)

_STATUSES = {
    "active": "active",
    "suspended": "suspended",
    "cancelled": "terminated",
    "pending": "pending",
}


@register("alphalink")
class AlphalinkClient(SupplierClient):
    def __init__(
        self,
        url,
        api_key,
        *,
        timeout=10.0,
        page_size=200,
        retries=5,
        backoff_factor=0.2,
        body_retries=3,
    ):
        self.base_url = url.rstrip("/")
        self.timeout = timeout
        self.page_size = page_size
        self.body_retries = body_retries
        self.session = build_session(retries=retries, backoff_factor=backoff_factor)
        self.session.headers.update(
            {"X-Api-Key": api_key, "Accept": "application/json"}
        )

    def _request(self, method, path, check=None, **kwargs):
        return request_json(
            self.session,
            method,
            f"{self.base_url}/v1/{path}",
            timeout=self.timeout,
            body_retries=self.body_retries,
            check=check,
            **kwargs,
        )

    def _get(self, path, params=None, check=None):
        return self._request("GET", path, check=check, params=params)

    def ping(self):
        return self._get("ping").get("pong") is True

    def _post(self, path, payload, idempotency_key):
        if not idempotency_key:
            raise ValueError("an idempotency key is required for every write")
        headers = {"Idempotency-Key": idempotency_key}
        return self._request("POST", path, json=payload, headers=headers)

    def create_line(
        self,
        offer_code,
        iccid,
        *,
        idempotency_key,
        option_codes=(),
        ported_number=None,
        rio=None,
    ):
        payload = {"iccid": iccid, "offer": offer_code, "options": list(option_codes)}
        if ported_number:
            payload["port_in"] = {"msisdn": ported_number, "rio": rio}
        return _line(self._post("lines", payload, idempotency_key))

    def modify_line(
        self,
        number,
        *,
        idempotency_key,
        offer_code=None,
        add_options=(),
        remove_options=(),
    ):
        payload = {
            "offer": offer_code,
            "add_options": list(add_options),
            "remove_options": list(remove_options),
        }
        return _line(self._post(f"lines/{number}/change", payload, idempotency_key))

    def suspend_line(self, number, *, idempotency_key):
        return _line(self._post(f"lines/{number}/suspend", {}, idempotency_key))

    def terminate_line(self, number, on_date, *, idempotency_key):
        payload = {"date": on_date.isoformat()}
        return _line(self._post(f"lines/{number}/terminate", payload, idempotency_key))

    def add_one_off(self, number, product_code, *, idempotency_key, quantity=1):
        payload = {"product": product_code, "quantity": quantity}
        data = self._post(f"lines/{number}/one-offs", payload, idempotency_key)
        return OneOff(reference=data["reference"], amount=float(data["amount"]))

    def fetch_page(self, page=1):
        def check(payload):
            meta = payload.get("meta") if isinstance(payload, dict) else None
            if not meta or not isinstance(payload.get("data"), list):
                return f"Alphalink lines page {page}: unexpected body"
            if meta.get("page") != page:
                return (
                    f"Alphalink lines page {page}: got page {meta.get('page')} instead"
                )
            return None

        payload = self._get("lines", {"page": page, "per_page": self.page_size}, check)
        meta = payload["meta"]
        return SupplierPage(
            number=page,
            total_pages=int(meta["last_page"]) if meta["total"] else 0,
            total_lines=int(meta["total"]),
            lines=tuple(_line(item) for item in payload["data"]),
        )


def _product(item):
    if not item:
        return None
    return SupplierProduct(
        code=item["code"], label=item["name"], monthly_price=float(item["monthly_cost"])
    )


def _date(value):
    return date.fromisoformat(value) if value else None


def _line(item):
    return SupplierLine(
        number=item["msisdn"],
        iccid=item.get("iccid") or "",
        status=_STATUSES.get(item.get("status"), "pending"),
        activation_date=_date(item.get("activated_at")),
        termination_date=_date(item.get("terminated_at")),
        offer=_product(item.get("offer")),
        options=tuple(_product(o) for o in item.get("options") or ()),
    )
