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

from .http import apply_once
from .phone import national

#: Passes over a supplier's park at most, while lines are added as it is read.
MAX_PASSES = 3

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
    #: The reference the reseller gave the creation (its operation's key).
    reference: str = ""

    @property
    def monthly_price(self):
        offer = self.offer.monthly_price if self.offer else 0.0
        return round(offer + sum(o.monthly_price for o in self.options), 2)


@dataclass(frozen=True)
class OneOff:
    """A one-off option or hardware ordered on a line (a data top-up, a phone)."""

    reference: str
    amount: float  # what the operator charges for it
    product_code: str = ""
    quantity: int = 1


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
    """A supplier platform: its park, and provisioning writes applied once.

    A subclass implements the reads (``ping``, ``fetch_page``, ``find_lines``,
    ``one_offs``) and sends each write (``_send_create_line``…). The writes
    are not idempotent, so they are never sent blindly twice: after a lost
    answer (timeout, 5xx, 429, a body cut short) the write is read back from
    the park (by ICCID or number: ``find_lines``; the one-offs of the line:
    ``one_offs``) and sent again only when it was not applied
    (``http.apply_once``). Each write also carries the caller's idempotency
    key, the same on every retry of one operation: a second safety where the
    platform honours it.
    """

    platform = None
    #: Sends of one write at most, and seconds between two.
    write_attempts = 3
    write_pause = 1.0
    #: Read each write back before sending it, for a caller that may run an
    #: operation again after losing the record of its success (a job retried).
    read_before_write = False

    @abc.abstractmethod
    def ping(self):
        """True when the platform answers with our credentials."""

    @abc.abstractmethod
    def fetch_page(self, page=1):
        """One page of the supplier's park, as a ``SupplierPage``."""

    def find_lines(self, number=None, iccid=None, reference=None):
        """The lines of a number and/or an ICCID, terminated ones too.

        This reads the whole park; a platform with a look-up call overrides it.
        """
        return [
            line
            for line in self.iter_lines()
            if (number is None or national(line.number) == national(number))
            and (iccid is None or line.iccid == iccid)
        ]

    @abc.abstractmethod
    def one_offs(self, number):
        """The one-off products ordered on a line, as ``OneOff``."""

    # The sends, one per write: each returns what the platform answered.
    @abc.abstractmethod
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
        """Send a line creation; returns a ``SupplierLine``."""

    @abc.abstractmethod
    def _send_modify_line(
        self, number, idempotency_key, offer_code, add_options, remove_options
    ):
        """Send an offer or options change; returns a ``SupplierLine``."""

    @abc.abstractmethod
    def _send_suspend_line(self, number, idempotency_key):
        """Send a suspension; returns a ``SupplierLine``."""

    @abc.abstractmethod
    def _send_terminate_line(self, number, on_date, idempotency_key):
        """Send a termination; returns a ``SupplierLine``."""

    @abc.abstractmethod
    def _send_add_one_off(self, number, product_code, quantity, idempotency_key):
        """Send a one-off order; returns a ``OneOff``."""

    # Provisioning.
    def _apply(self, operation, idempotency_key, send, read_back):
        if not idempotency_key:
            raise ValueError("an idempotency key is required for every write")
        return apply_once(
            f"{self.platform} {operation}",
            send,
            read_back,
            attempts=self.write_attempts,
            pause=self.write_pause,
            read_first=self.read_before_write,
        )

    def _live_line(self, number, applied):
        """The live line of ``number`` when ``applied(line)`` says so."""
        for line in self.find_lines(number=number):
            if line.status != "terminated" and applied(line):
                return line
        return None

    def create_line(
        self,
        offer_code,
        iccid,
        *,
        idempotency_key,
        option_codes=(),
        ported_number=None,
        rio=None,
        reference=None,
    ):
        """Create a line on an offer (a mobile one activates a SIM: ``iccid``);
        the number is ported in or assigned.

        Read back: the live line of this reference (else of this SIM, else of
        the number ported in) on this offer.
        """
        if ported_number:
            ported_number = national(ported_number)
        if reference:
            lookup = {"reference": reference}
        elif iccid:
            lookup = {"iccid": iccid}
        elif ported_number:
            lookup = {"number": ported_number}
        else:
            raise ValueError("a line without SIM needs a reference to be read back")

        def read_back():
            for line in self.find_lines(**lookup):
                if (
                    line.status != "terminated"
                    and line.offer is not None
                    and line.offer.code == offer_code
                    and (
                        not ported_number
                        or national(line.number) == national(ported_number)
                    )
                ):
                    return line
            return None

        return self._apply(
            f"create_line {reference or iccid or ported_number}",
            idempotency_key,
            lambda: self._send_create_line(
                offer_code,
                iccid,
                idempotency_key,
                tuple(option_codes),
                ported_number,
                rio,
                reference,
            ),
            read_back,
        )

    def modify_line(
        self,
        number,
        *,
        idempotency_key,
        offer_code=None,
        add_options=(),
        remove_options=(),
    ):
        """Change the offer and/or the options of a line.

        Read back: the line on the new offer, with the added options and
        without the removed ones.
        """

        def applied(line):
            codes = {option.code for option in line.options}
            return (
                (offer_code is None or (line.offer and line.offer.code == offer_code))
                and set(add_options) <= codes
                and not set(remove_options) & codes
            )

        return self._apply(
            f"modify_line {number}",
            idempotency_key,
            lambda: self._send_modify_line(
                number,
                idempotency_key,
                offer_code,
                tuple(add_options),
                tuple(remove_options),
            ),
            lambda: self._live_line(number, applied),
        )

    def suspend_line(self, number, *, idempotency_key):
        """Suspend a line (loss, theft, unpaid)."""
        return self._apply(
            f"suspend_line {number}",
            idempotency_key,
            lambda: self._send_suspend_line(number, idempotency_key),
            lambda: self._live_line(number, lambda line: line.status == "suspended"),
        )

    def terminate_line(self, number, on_date, *, idempotency_key):
        """Terminate a line on a date. Read back: terminated on that date."""

        def read_back():
            for line in self.find_lines(number=number):
                if line.status == "terminated" and line.termination_date == on_date:
                    return line
            return None

        return self._apply(
            f"terminate_line {number}",
            idempotency_key,
            lambda: self._send_terminate_line(number, on_date, idempotency_key),
            read_back,
        )

    def add_one_off(
        self, number, product_code, *, idempotency_key, quantity=1, known=None
    ):
        """Order a one-off product on a line; returns a ``OneOff``.

        ``known``: the references of the line's one-offs before this order was
        first tried (``one_offs``), kept by a caller that may try it again
        after a crash; else they are read now. After a lost answer, a one-off
        of this product and quantity that is not among them is this order.
        """
        if known is None:
            before = {one_off.reference for one_off in self.one_offs(number)}
        else:
            before = set(known)

        def read_back():
            for one_off in self.one_offs(number):
                if (
                    one_off.reference not in before
                    and one_off.product_code == product_code
                    and one_off.quantity == quantity
                ):
                    return one_off
            return None

        return self._apply(
            f"add_one_off {number}",
            idempotency_key,
            lambda: self._send_add_one_off(
                number, product_code, quantity, idempotency_key
            ),
            read_back,
        )

    def iter_pages(self):
        """The pages in order, up to the last one as the latest page tells.

        The park is sorted by number and read by page number: a line added
        while it is read shifts the lines after it by one. Reading on to the
        end of the park as it is now (not as page 1 saw it) keeps every line
        already there ahead of the pages still to read.
        """
        number = 1
        while True:
            page = self.fetch_page(number)
            yield page
            if page.is_last:
                return
            number += 1

    def iter_lines(self, max_passes=MAX_PASSES):
        """Every line of the park once, whatever the pages did.

        A line served twice (it moved from one page to the next while the park
        was read) comes once; two lines of one number (a number given again
        after its line was terminated) both come: a line is its number, SIM
        and activation date. A line added while the park was read may have
        landed on a page already read: when the park's size changed during a
        pass, the park is read again (``stable_pass``), ``max_passes`` at most.
        """
        seen = set()
        for _number in range(max_passes):
            totals = []
            for page in self.iter_pages():
                totals.append(page.total_lines)
                for line in page.lines:
                    key = line_key(line)
                    if key not in seen:
                        seen.add(key)
                        yield line
            if stable_pass(totals):
                return


def line_key(line):
    """What tells two supplier lines apart: number, SIM and activation date."""
    return (line.number, line.iccid, line.activation_date)


def stable_pass(totals):
    """Whether a pass over the park read it as one state, by the totals its
    pages gave.

    The platforms never drop a line (a terminated one stays, with its
    status): a line added during a pass changes the total of the pages read
    after it, and only an added line can shift others onto a page already
    read. A pass whose pages all gave one total missed nothing.
    """
    return len(set(totals)) <= 1
