"""Client of the Cfast billing platform (REST/JSON, bearer token).

Pure transport: it returns dataclasses and knows nothing of Odoo. The
connector's mappers turn these into ORM values.

Enumerations are exposed in our stable vocabularies, not in Cfast's codes
(``vocabulary`` and, for billing settings, ``billing``): the keys of the Odoo
selection fields. A record with a code outside a vocabulary raises
``UnexpectedDataError`` naming the record, the field and the value.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from . import vocabulary as voc
from .billing import period_format_from_cfast, periodicity_from_cfast
from .exceptions import UnexpectedDataError
from .history import rebuild
from .http import DEFAULT_TIMEOUT, apply_once, build_session, request_json
from .phone import national
from .vocabulary import ENDED_LINE_ACTIVITIES

RESOURCES = ("customers", "billing-points", "sites", "services")


def _date(value):
    return date.fromisoformat(value) if value else None


def utc_timestamp(moment):
    """An aware datetime as Cfast's UTC timestamp (``2026-11-20T10:00:00Z``)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"modified_since {moment.isoformat()} is naive: give an aware datetime "
            "(Odoo's naive UTC datetimes: dt.replace(tzinfo=timezone.utc))"
        )
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _datetime(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


@dataclass(frozen=True)
class Contact:
    civility: str  # vocabulary.CIVILITIES: m, mme, dr, me, or ""
    first_name: str
    last_name: str
    phone: str
    direct_phone: str
    mobile: str
    job_title: str
    email: str

    @classmethod
    def from_json(cls, data):
        return cls(
            civility=voc.CIVILITIES.from_cfast(data.get("civility")),
            first_name=data.get("firstName") or "",
            last_name=data.get("lastName") or "",
            phone=data.get("phone") or "",
            direct_phone=data.get("directPhone") or "",
            mobile=data.get("mobile") or "",
            job_title=data.get("jobTitle") or "",
            email=data.get("email") or "",
        )


@dataclass(frozen=True)
class Address:
    line1: str
    line2: str
    postal_code: str
    city: str
    country_code: str

    @classmethod
    def from_json(cls, data):
        return cls(
            line1=data.get("addressLine1") or "",
            line2=data.get("addressLine2") or "",
            postal_code=data.get("postalCode") or "",
            city=data.get("city") or "",
            country_code=data.get("countryCode") or "FR",
        )


@dataclass(frozen=True)
class Customer:
    """Cfast 1000, the Compte Client."""

    external_id: str  # customerReference
    name: str  # customer_name
    trade_name: str
    customer_type: str  # vocabulary.CUSTOMER_TYPES, or ""
    partner_type: str  # vocabulary.PARTNER_TYPES, client by default
    status: str  # vocabulary.CUSTOMER_STATUSES, or ""
    address: Address
    white_label: str
    internal_reference: str
    registration_number: str
    vat_number: str
    email: str
    phone: str
    business_provider: str
    commission_rate: float
    contacts: tuple
    modified_at: datetime

    @classmethod
    def from_json(cls, data):
        provider = data.get("businessProvider") or {}
        return cls(
            external_id=data["customerReference"],
            name=data["customer_name"],
            trade_name=data.get("tradeName") or "",
            customer_type=voc.CUSTOMER_TYPES.from_cfast(data.get("customerType")),
            partner_type=voc.PARTNER_TYPES.from_cfast(data.get("partnerType")),
            status=voc.CUSTOMER_STATUSES.from_cfast(data.get("status")),
            address=Address.from_json(data),
            white_label=data.get("whiteLabel") or "",
            internal_reference=data.get("internalReference") or "",
            registration_number=data.get("registrationNumber") or "",
            vat_number=data.get("vatNumber") or "",
            email=data.get("email") or "",
            phone=data.get("phone") or "",
            business_provider=provider.get("name") or "",
            commission_rate=float(provider.get("commissionRate") or 0.0),
            contacts=tuple(Contact.from_json(c) for c in data.get("contacts") or ()),
            modified_at=_datetime(data.get("modifiedAt")),
        )


@dataclass(frozen=True)
class Mandate:
    holder: str
    signature_date: date
    iban: str
    bic: str
    rum: str

    @classmethod
    def from_json(cls, data):
        if not data:
            return None
        return cls(
            holder=data.get("holder") or "",
            signature_date=_date(data.get("signatureDate")),
            iban=data.get("iban") or "",
            bic=data.get("bic") or "",
            rum=data.get("rum") or "",
        )


@dataclass(frozen=True)
class BillingPoint:
    """Cfast 5000, the Site de facturation."""

    external_id: int  # billingPointId
    customer_reference: str
    name: str
    status: str  # vocabulary.BILLING_POINT_STATUSES: active, terminated
    termination_date: date
    vat_rate: float
    periodicity: str  # billing.PERIODICITIES: monthly, quarterly, semiannual, annual
    period_format: str  # billing.PERIOD_FORMATS: current, previous
    block_unpaid_reminders: bool
    mandate: Mandate
    address: Address
    modified_at: datetime

    @classmethod
    def from_json(cls, data):
        return cls(
            external_id=data["billingPointId"],
            customer_reference=data["customerReference"],
            name=data.get("name") or "",
            status=voc.BILLING_POINT_STATUSES.from_cfast(data.get("status")),
            termination_date=_date(data.get("terminationDate")),
            vat_rate=float(data.get("vatRate", 20.0)),
            periodicity=periodicity_from_cfast(data.get("periodicity")),
            period_format=period_format_from_cfast(data.get("periodFormat")),
            block_unpaid_reminders=bool(data.get("blockUnpaidReminders")),
            mandate=Mandate.from_json(data.get("mandate")),
            address=Address.from_json(data),
            modified_at=_datetime(data.get("modifiedAt")),
        )


@dataclass(frozen=True)
class Site:
    """Cfast 9000, the Service of the park."""

    external_id: int  # siteId
    billing_point_id: int
    customer_reference: str
    name: str
    site_type: str  # vocabulary.SITE_TYPES: fixe, internet, mobile, cybersecurite
    activity: str  # vocabulary.SITE_ACTIVITIES: active, terminated
    status: str  # vocabulary.SITE_STATUSES: principale, agence, autres, or ""
    address: Address
    siret: str
    internal_reference: str
    private_installer: str
    it_provider: str
    free_text: str
    modified_at: datetime

    @classmethod
    def from_json(cls, data):
        return cls(
            external_id=data["siteId"],
            billing_point_id=data["billingPointId"],
            customer_reference=data["customerReference"],
            name=data.get("name") or "",
            site_type=voc.SITE_TYPES.from_cfast(data.get("siteType")),
            activity=voc.SITE_ACTIVITIES.from_cfast(data.get("activity")),
            status=voc.SITE_STATUSES.from_cfast(data.get("status")),
            address=Address.from_json(data),
            siret=data.get("siret") or "",
            internal_reference=data.get("internalReference") or "",
            private_installer=data.get("privateInstaller") or "",
            it_provider=data.get("itProvider") or "",
            free_text=data.get("freeText") or "",
            modified_at=_datetime(data.get("modifiedAt")),
        )


@dataclass(frozen=True)
class ArticleEntry:
    """One subscription or option of a line, as one entry of its history."""

    code: str
    label: str  # articleLabel
    article_type: str  # subscription or option (vocabulary.ARTICLE_TYPES)
    sale_price: float  # articlePeriodicPrice
    buy_price: float  # periodicBuyPrice
    quantity: int
    start_date: date
    end_date: date

    @classmethod
    def from_json(cls, data):
        return cls(
            code=data.get("articleCode") or "",
            label=data["articleLabel"],
            article_type=voc.ARTICLE_TYPES.from_cfast(data.get("articleType")),
            sale_price=float(data.get("articlePeriodicPrice") or 0.0),
            buy_price=float(data.get("periodicBuyPrice") or 0.0),
            quantity=int(data.get("quantity") or 1),
            start_date=_date(data.get("startDate")),
            end_date=_date(data.get("endDate")),
        )

    def active_on(self, day):
        return self.start_date <= day and (
            self.end_date is None or self.end_date >= day
        )


@dataclass(frozen=True)
class Service:
    """A Cfast service: one line of the park, with its whole history."""

    external_id: int  # serviceId
    site_id: int
    billing_point_id: int
    customer_reference: str
    number: str  # serviceLabel
    first_name: str
    last_name: str  # lastName, the line's user
    activity: str  # vocabulary.LINE_ACTIVITIES
    hide_called_numbers: bool
    history: tuple = field(default_factory=tuple)
    modified_at: datetime = None

    @classmethod
    def from_json(cls, data):
        return cls(
            external_id=data["serviceId"],
            site_id=data["siteId"],
            billing_point_id=data.get("billingPointId"),
            customer_reference=data.get("customerReference") or "",
            number=data["serviceLabel"],
            first_name=data.get("firstName") or "",
            last_name=data.get("lastName") or "",
            activity=voc.LINE_ACTIVITIES.from_cfast(data.get("activity")),
            hide_called_numbers=bool(data.get("hideCalledNumbers", True)),
            # Cfast's order is kept: it decides between two plans of one day.
            history=tuple(
                ArticleEntry.from_json(a) for a in data.get("articles") or ()
            ),
            modified_at=_datetime(data.get("modifiedAt")),
        )

    def plan_history(self):
        """The history rebuilt with one plan at a time (see ``history.rebuild``)."""
        return rebuild(self.history)


@dataclass(frozen=True)
class Charge:
    """A one-off option or hardware fee Cfast bills once on the billing point."""

    external_id: int  # chargeId
    billing_point_id: int
    service_id: int
    label: str
    quantity: int
    unit_price: float
    date: date

    @classmethod
    def from_json(cls, data):
        return cls(
            external_id=data["chargeId"],
            billing_point_id=data["billingPointId"],
            service_id=data.get("serviceId"),
            label=data["articleLabel"],
            quantity=int(data.get("quantity") or 1),
            unit_price=float(data.get("unitPrice") or 0.0),
            date=_date(data.get("date")),
        )


RECORD_TYPES = {
    "customers": Customer,
    "billing-points": BillingPoint,
    "sites": Site,
    "services": Service,
}
ID_KEYS = {
    "customers": "customerReference",
    "billing-points": "billingPointId",
    "sites": "siteId",
    "services": "serviceId",
}


def record_from_json(resource, data):
    """The dataclass of one Cfast record; ``UnexpectedDataError`` names the
    record and the problem when it cannot be read."""
    try:
        return RECORD_TYPES[resource].from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        ident = data.get(ID_KEYS[resource]) if isinstance(data, dict) else None
        problem = f"champ {exc} absent" if isinstance(exc, KeyError) else exc
        raise UnexpectedDataError(
            f"Cfast {resource} {ident}: {problem}", url=resource
        ) from exc


@dataclass(frozen=True)
class Page:
    resource: str
    number: int
    total_pages: int
    total_items: int
    records: tuple

    @property
    def is_last(self):
        return self.number >= self.total_pages


#: The order of a keyset read: Cfast must offer it (see ``fetch_after``).
KEYSET_SORT = "modifiedAt,id"


@dataclass(frozen=True)
class CursorPage:
    """A page of a keyset read: the records after ``after``, in (modifiedAt, id).

    ``cursor`` is the pair after which the next page starts, as Cfast wrote it
    (``("2026-11-20T10:00:00Z", 1000042)``); ``is_last`` when the page was not
    full: nothing came after it when it was read.
    """

    resource: str
    after: tuple
    records: tuple
    cursor: tuple
    page_size: int

    @property
    def is_last(self):
        return len(self.records) < self.page_size


def cursor_text(cursor):
    """The ``after`` parameter of a cursor pair."""
    stamp, ident = cursor
    return f"{stamp},{ident}"


class CfastClient:
    """Talks to Cfast; every public method returns dataclasses."""

    def __init__(
        self,
        base_url,
        token,
        *,
        timeout=DEFAULT_TIMEOUT,
        page_size=100,
        retries=5,
        backoff_factor=0.2,
        body_retries=3,
        session=None,
        write_attempts=3,
        write_pause=1.0,
        read_before_write=False,
    ):
        self.base_url = base_url.rstrip("/")
        # For a caller that may run an operation again after losing the record
        # of its success (a job retried): each write is read back first.
        self.read_before_write = read_before_write
        self.timeout = timeout
        self.page_size = page_size
        self.body_retries = body_retries
        self.write_attempts = write_attempts
        self.write_pause = write_pause
        # GETs are retried by the session; POSTs are not (see ``_write``).
        self.session = session or build_session(
            retries=retries, backoff_factor=backoff_factor
        )
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.session.headers["Accept"] = "application/json"

    def _url(self, path):
        return f"{self.base_url}/api/v1/{path}"

    def _get_json(self, path, params=None, check=None):
        return self._request_json("GET", path, check=check, params=params)

    def _request_json(self, method, path, check=None, **kwargs):
        return request_json(
            self.session,
            method,
            self._url(path),
            timeout=self.timeout,
            body_retries=self.body_retries,
            check=check,
            **kwargs,
        )

    def ping(self):
        return self._get_json("ping").get("status") == "ok"

    def fetch_page(self, resource, page=1, modified_since=None):
        """One page of a list, checked to be the page asked for.

        ``modified_since``: only the records modified after this moment, an
        aware ``datetime`` in any time zone (sent to Cfast in UTC). A naive
        datetime is refused (``ValueError``): its zone would be a guess. Odoo
        stores naive UTC datetimes: pass ``dt.replace(tzinfo=timezone.utc)``.
        """
        if resource not in RECORD_TYPES:
            raise ValueError(f"unknown Cfast resource {resource!r}")
        params = {"page": page, "pageSize": self.page_size}
        if modified_since:
            params["modifiedSince"] = utc_timestamp(modified_since)

        def check(payload):
            # A proxy or the platform may serve a page twice: its number tells.
            if not isinstance(payload, dict) or not isinstance(
                payload.get("items"), list
            ):
                return f"{resource} page {page}: unexpected body"
            if payload.get("page") != page:
                return f"{resource} page {page}: got page {payload.get('page')} instead"
            return None

        payload = self._get_json(resource, params, check)
        return Page(
            resource=resource,
            number=page,
            total_pages=int(payload.get("totalPages") or 0),
            total_items=int(payload.get("totalItems") or 0),
            records=tuple(
                record_from_json(resource, item) for item in payload["items"]
            ),
        )

    def fetch_after(self, resource, after=None, modified_since=None):
        """The next page of a list read by keyset: the records after ``after``.

        The list is sorted by (modifiedAt, id) and a page starts strictly after
        the last pair read (``after``, ``None`` for the first page). A record
        modified while the list is read moves to its end and is read there; no
        other record moves, so none is skipped, as one can be with pages read
        by number. This is our extension of the simulator: Cfast's documents
        offer no such sort; the real API needs ``sort=modifiedAt,id`` and
        ``after=<modifiedAt>,<id>`` (or a ``modifiedSince`` that includes its
        bound, with that sort) for it.
        """
        if resource not in RECORD_TYPES:
            raise ValueError(f"unknown Cfast resource {resource!r}")
        params = {"sort": KEYSET_SORT, "pageSize": self.page_size}
        if modified_since:
            params["modifiedSince"] = utc_timestamp(modified_since)
        if after:
            params["after"] = cursor_text(after)
        id_key = ID_KEYS[resource]
        start = tuple(after) if after else None

        def check(payload):
            # A page served twice (a proxy, a cache) holds records not after
            # the cursor asked for; a wrong order would make the next skip.
            if not isinstance(payload, dict) or not isinstance(
                payload.get("items"), list
            ):
                return f"{resource} after {after}: unexpected body"
            try:
                keys = [_keyset_key(item, id_key) for item in payload["items"]]
            except (KeyError, TypeError, AttributeError):
                return f"{resource} after {after}: a record without its id"
            if len(keys) > self.page_size:
                return f"{resource} after {after}: more records than asked for"
            if keys != sorted(keys) or (start and keys and keys[0] <= start):
                return f"{resource} after {after}: records out of the keyset order"
            return None

        payload = self._get_json(resource, params, check)
        items = payload["items"]
        return CursorPage(
            resource=resource,
            after=start,
            records=tuple(record_from_json(resource, item) for item in items),
            cursor=_keyset_key(items[-1], id_key) if items else start,
            page_size=self.page_size,
        )

    def iter_pages(self, resource, modified_since=None):
        """The pages of a list read by keyset, until one is not full."""
        page = self.fetch_after(resource, None, modified_since)
        yield page
        while not page.is_last:
            page = self.fetch_after(resource, page.cursor, modified_since)
            yield page

    def iter_records(self, resource, modified_since=None):
        """Every record of a list, once each, whatever the pages did.

        A record modified while the list is read comes as first read; its
        later version is after the sync's start, for the next incremental read.
        """
        seen = set()
        for page in self.iter_pages(resource, modified_since):
            for record in page.records:
                if record.external_id not in seen:
                    seen.add(record.external_id)
                    yield record

    def get(self, resource, external_id):
        return record_from_json(resource, self._get_json(f"{resource}/{external_id}"))

    def find_services(self, site_id=None, number=None):
        """The services (lines) of a site and/or of a number, terminated ones too.

        ``number`` in any usual spelling. Used to read back a line creation.
        """
        params = {"page": 1, "pageSize": 500}
        if site_id is not None:
            params["siteId"] = site_id
        if number:
            params["serviceLabel"] = national(number)
        payload = self._get_json("services", params)
        return [record_from_json("services", item) for item in payload["items"]]

    # -- provisioning. A write is not idempotent: it is never sent blindly
    # twice. After a lost answer (timeout, 5xx, 429, a body cut short) the
    # client reads back whether Cfast applied it (by service id, by number on
    # the site, in the charges of the billing point) and sends it again only
    # when it was not. Every write also carries the caller's idempotency key,
    # the same on every retry of one operation: a second safety where Cfast
    # honours it.
    def _write(self, operation, path, payload, idempotency_key, read_back, parse):
        if not idempotency_key:
            raise ValueError("an idempotency key is required for every write")

        def send():
            return parse(
                request_json(
                    self.session,
                    "POST",
                    self._url(path),
                    timeout=self.timeout,
                    body_retries=0,
                    json=payload,
                    headers={"Idempotency-Key": idempotency_key},
                )
            )

        return apply_once(
            f"Cfast {operation}",
            send,
            read_back,
            attempts=self.write_attempts,
            pause=self.write_pause,
            read_first=self.read_before_write,
        )

    def _service_if(self, service_id, applied):
        """The service when ``applied(service)`` says the write is in it."""
        service = self.get("services", service_id)
        return service if applied(service) else None

    def create_service(
        self,
        site_id,
        number,
        plan_label,
        *,
        idempotency_key,
        first_name="",
        last_name="",
        option_labels=(),
        start_date=None,
        hide_called_numbers=True,
    ):
        start = start_date or date.today()
        number = national(number)  # serviceLabel is the national form
        payload = {
            "siteId": site_id,
            "serviceLabel": number,
            "firstName": first_name,
            "lastName": last_name,
            "hideCalledNumbers": hide_called_numbers,
            "subscription": {
                "articleLabel": plan_label,
                "startDate": start.isoformat(),
            },
            "options": [{"articleLabel": label} for label in option_labels],
        }

        def read_back():
            # The line of this number on this site, live, on this plan from
            # this date: created by this call.
            for service in self.find_services(site_id=site_id, number=number):
                if service.activity not in ENDED_LINE_ACTIVITIES and any(
                    e.article_type == "subscription"
                    and e.label == plan_label
                    and e.start_date == start
                    for e in service.history
                ):
                    return service
            return None

        return self._write(
            "create_service",
            "services",
            payload,
            idempotency_key,
            read_back,
            Service.from_json,
        )

    def _service_action(self, service_id, action, payload, idempotency_key, applied):
        return self._write(
            f"{action} {service_id}",
            f"services/{service_id}/{action}",
            payload,
            idempotency_key,
            lambda: self._service_if(service_id, applied),
            Service.from_json,
        )

    def change_plan(self, service_id, plan_label, start_date, *, idempotency_key):
        payload = {"articleLabel": plan_label, "startDate": start_date.isoformat()}
        return self._service_action(
            service_id,
            "change-plan",
            payload,
            idempotency_key,
            lambda service: _has_entry(service, "subscription", plan_label, start_date),
        )

    def add_option(self, service_id, label, start_date, *, idempotency_key):
        payload = {"articleLabel": label, "startDate": start_date.isoformat()}
        return self._service_action(
            service_id,
            "options",
            payload,
            idempotency_key,
            lambda service: _has_entry(service, "option", label, start_date),
        )

    def remove_option(self, service_id, label, end_date, *, idempotency_key):
        payload = {"articleLabel": label, "endDate": end_date.isoformat()}
        return self._service_action(
            service_id,
            "options/remove",
            payload,
            idempotency_key,
            lambda service: any(
                e.article_type == "option"
                and e.label == label
                and e.end_date == end_date
                for e in service.history
            ),
        )

    def suspend(self, service_id, *, idempotency_key):
        return self._service_action(
            service_id,
            "suspend",
            {},
            idempotency_key,
            lambda service: service.activity == "inactive",
        )

    def terminate(self, service_id, end_date, *, idempotency_key):
        payload = {"endDate": end_date.isoformat()}
        return self._service_action(
            service_id,
            "terminate",
            payload,
            idempotency_key,
            lambda service: service.activity == "terminated",
        )

    def add_charge(
        self,
        billing_point_id,
        label,
        *,
        idempotency_key,
        quantity=1,
        on_date=None,
        service_id=None,
        known=None,
    ):
        """Bill a one-off option or hardware fee once.

        ``known``: the ids of the billing point's charges before this charge
        was first tried (``charges``), kept by a caller that may try it again
        after a crash; else they are read now. After a lost answer, a charge of
        this label, quantity, date and line that is not among them is this one.
        """
        day = on_date or date.today()
        payload = {
            "articleLabel": label,
            "quantity": quantity,
            "date": day.isoformat(),
            "serviceId": service_id,
        }
        if known is None:
            before = {charge.external_id for charge in self.charges(billing_point_id)}
        else:
            before = set(known)

        def read_back():
            for charge in self.charges(billing_point_id):
                if charge.external_id not in before and (
                    charge.label,
                    charge.quantity,
                    charge.date,
                    charge.service_id,
                ) == (label, quantity, day, service_id):
                    return charge
            return None

        return self._write(
            f"add_charge {billing_point_id}",
            f"billing-points/{billing_point_id}/charges",
            payload,
            idempotency_key,
            read_back,
            Charge.from_json,
        )

    def charges(self, billing_point_id):
        data = self._get_json(f"billing-points/{billing_point_id}/charges")
        return [Charge.from_json(item) for item in data["items"]]


def _keyset_key(item, id_key):
    return (item.get("modifiedAt") or "", item[id_key])


def _has_entry(service, kind, label, start_date):
    return any(
        e.article_type == kind and e.label == label and e.start_date == start_date
        for e in service.history
    )
