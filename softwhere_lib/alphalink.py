"""Client of the Alphalink supplier platform (REST/JSON, API key)."""

from datetime import date

from .exceptions import TransientApiError
from .http import build_session, send
from .supplier import (
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

    def _get(self, path, params=None, check=None):
        url = f"{self.base_url}/v1/{path}"
        problem = None
        for _attempt in range(self.body_retries + 1):
            response = send(
                self.session, "GET", url, params=params, timeout=self.timeout
            )
            try:
                payload = response.json()
            except ValueError:
                problem = f"GET {url}: malformed JSON body"
                continue
            problem = check(payload) if check else None
            if problem is None:
                return payload
        raise TransientApiError(problem, url=url)

    def ping(self):
        return self._get("ping").get("pong") is True

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
