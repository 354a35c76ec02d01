"""What every supplier platform client returns, and how to pick one.

SNAIC (SOAP) and Alphalink (REST) speak differently but describe the same
thing: the lines really in place at the operator, with the offer, the options
and the real monthly purchase price. A new operator platform is one subclass of
``SupplierClient`` registered under its platform code.
"""

import abc
import importlib
from dataclasses import dataclass
from datetime import date

#: Normalised line statuses.
STATUSES = ("active", "suspended", "terminated", "pending")


@dataclass(frozen=True)
class SupplierProduct:
    code: str
    label: str  # the supplier's own label, matched through the catalogue
    monthly_price: float  # the real monthly purchase price


@dataclass(frozen=True)
class SupplierLine:
    number: str
    iccid: str
    status: str  # one of STATUSES
    activation_date: date
    termination_date: date
    offer: SupplierProduct
    options: tuple = ()

    @property
    def monthly_price(self):
        offer = self.offer.monthly_price if self.offer else 0.0
        return round(offer + sum(o.monthly_price for o in self.options), 2)


@dataclass(frozen=True)
class OneOff:
    """A one-off option or hardware ordered on a line (a data top-up, a phone)."""

    reference: str
    amount: float  # what the operator charges for it


@dataclass(frozen=True)
class SupplierPage:
    number: int
    total_pages: int
    total_lines: int
    lines: tuple

    @property
    def is_last(self):
        return self.number >= self.total_pages


_CLIENTS = {}
#: Clients shipped with SoftWhere, imported on first use.
_BUILTIN_MODULES = ("softwhere_lib.snaic", "softwhere_lib.alphalink")


def register(platform):
    """Class decorator: make a client available under its platform code."""

    def decorator(cls):
        cls.platform = platform
        _CLIENTS[platform] = cls
        return cls

    return decorator


def _load_builtin():
    for module in _BUILTIN_MODULES:
        importlib.import_module(module)


def client_for(platform, **config):
    _load_builtin()
    try:
        cls = _CLIENTS[platform]
    except KeyError:
        raise ValueError(f"no supplier client for platform {platform!r}") from None
    return cls(**config)


def platforms():
    _load_builtin()
    return sorted(_CLIENTS)


class SupplierClient(abc.ABC):
    platform = None

    @abc.abstractmethod
    def ping(self):
        """True when the platform answers with our credentials."""

    @abc.abstractmethod
    def fetch_page(self, page=1):
        """One page of the supplier's park, as a ``SupplierPage``."""

    # Provisioning. Every write takes the caller's idempotency key, the same on
    # every retry of one operation, so the platform applies it once.
    @abc.abstractmethod
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
        """Activate a SIM on an offer; the number is ported in or assigned."""

    @abc.abstractmethod
    def modify_line(
        self,
        number,
        *,
        idempotency_key,
        offer_code=None,
        add_options=(),
        remove_options=(),
    ):
        """Change the offer and/or the options of a line."""

    @abc.abstractmethod
    def suspend_line(self, number, *, idempotency_key):
        """Suspend a line (loss, theft, unpaid)."""

    @abc.abstractmethod
    def terminate_line(self, number, on_date, *, idempotency_key):
        """Terminate a line on a date."""

    @abc.abstractmethod
    def add_one_off(self, number, product_code, *, idempotency_key, quantity=1):
        """Order a one-off product on a line; returns a ``OneOff``."""

    def iter_pages(self):
        page = self.fetch_page(1)
        yield page
        for number in range(2, page.total_pages + 1):
            yield self.fetch_page(number)

    def iter_lines(self):
        """Every line of the park once, whatever the pages did.

        A line served twice (it moved from one page to the next while the park
        was read) comes once; two lines of one number (a number given again
        after its line was terminated) both come: a line is its number, SIM
        and activation date.
        """
        seen = set()
        for page in self.iter_pages():
            for line in page.lines:
                key = (line.number, line.iccid, line.activation_date)
                if key not in seen:
                    seen.add(key)
                    yield line
