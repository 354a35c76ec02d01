"""Client of the Alphalink supplier platform (REST/JSON, API key)."""

from datetime import date

from .http import DEFAULT_TIMEOUT, HeaderKeyAuth, build_session, request_json
from .phone import national
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
        timeout=DEFAULT_TIMEOUT,
        page_size=200,
        retries=5,
        backoff_factor=0.2,
        body_retries=3,
        write_attempts=3,
        write_pause=1.0,
    ):
        self.base_url = url.rstrip("/")
        self.write_attempts = write_attempts
        self.write_pause = write_pause
        self.timeout = timeout
        self.page_size = page_size
        self.body_retries = body_retries
        self.session = build_session(retries=retries, backoff_factor=backoff_factor)
        # Not a session header: those follow a redirect to any host.
        self.session.auth = HeaderKeyAuth("X-Api-Key", api_key)
        self.session.headers["Accept"] = "application/json"

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
        # Not retried here nor by the session: SupplierClient reads back first.
        return request_json(
            self.session,
            "POST",
            f"{self.base_url}/v1/{path}",
            timeout=self.timeout,
            body_retries=0,
            json=payload,
            headers={"Idempotency-Key": idempotency_key},
        )

    def _send_create_line(
        self,
        offer_code,
        iccid,
        idempotency_key,
        option_codes,
        ported_number,
        rio,
        reference,
    ):
        payload = {"iccid": iccid, "offer": offer_code, "options": list(option_codes)}
        if reference:
            payload["reference"] = reference
        if ported_number:
            payload["port_in"] = {"msisdn": ported_number, "rio": rio}
        return _line(self._post("lines", payload, idempotency_key))

    def _send_modify_line(
        self, number, idempotency_key, offer_code, add_options, remove_options
    ):
        payload = {
            "offer": offer_code,
            "add_options": list(add_options),
            "remove_options": list(remove_options),
        }
        return _line(self._post(f"lines/{number}/change", payload, idempotency_key))

    def _send_suspend_line(self, number, idempotency_key):
        return _line(self._post(f"lines/{number}/suspend", {}, idempotency_key))

    def _send_terminate_line(self, number, on_date, idempotency_key):
        payload = {"date": on_date.isoformat()}
        return _line(self._post(f"lines/{number}/terminate", payload, idempotency_key))

    def _send_add_one_off(self, number, product_code, quantity, idempotency_key):
        payload = {"product": product_code, "quantity": quantity}
        return _one_off(
            self._post(f"lines/{number}/one-offs", payload, idempotency_key)
        )

    def find_lines(self, number=None, iccid=None, reference=None):
        """The lines of a number, an ICCID and/or an order reference
        (``GET /v1/lines?msisdn&iccid&reference``)."""
        params = {"page": 1, "per_page": 500}
        if number:
            params["msisdn"] = national(number)
        if iccid:
            params["iccid"] = iccid
        if reference:
            params["reference"] = reference
        return [_line(item) for item in self._get("lines", params)["data"]]

    def one_offs(self, number):
        data = self._get(f"lines/{number}/one-offs")["data"]
        return [_one_off(item) for item in data]

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


def _one_off(item):
    return OneOff(
        reference=item["reference"],
        amount=float(item["amount"]),
        product_code=item.get("product") or "",
        quantity=int(item.get("quantity") or 1),
    )


def _date(value):
    return date.fromisoformat(value) if value else None


def _line(item):
    return SupplierLine(
        number=item["msisdn"],
        iccid=item.get("iccid") or "",
        reference=item.get("reference") or "",
        status=_STATUSES.get(item.get("status"), "pending"),
        activation_date=_date(item.get("activated_at")),
        termination_date=_date(item.get("terminated_at")),
        offer=_product(item.get("offer")),
        options=tuple(_product(o) for o in item.get("options") or ()),
    )
