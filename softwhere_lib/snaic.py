"""Client of the SNAIC supplier platform (SOAP, through zeep).

The WSDL is kept in the repository (``wsdl/snaic_parc.wsdl``): zeep reads it
from disk and only the service address comes from the configuration, so the
same code talks to the simulator and to the real platform.
"""

import functools
from pathlib import Path

import requests
from zeep import Client, Settings
from zeep.exceptions import Fault, TransportError, XMLParseError
from zeep.exceptions import ValidationError as SchemaError
from zeep.transports import Transport
from zeep.wsdl import Document

from .exceptions import AuthenticationError, TransientApiError, ValidationError
from .http import DEFAULT_TIMEOUT, build_session
from .phone import national
from .supplier import (
    OneOff,
    SupplierClient,
    SupplierLine,
    SupplierPage,
    SupplierProduct,
    register,
)

WSDL_PATH = Path(__file__).resolve().parent / "wsdl" / "snaic_parc.wsdl"
BINDING = "{urn:snaic:parc:v1}ParcBinding"

_STATUSES = {
    "ACTIVE": "active",
    "SUSPENDUE": "suspended",
    "RESILIEE": "terminated",
    "EN_COURS": "pending",
}
_SETTINGS = Settings(strict=True)


@functools.cache
def _wsdl_document():
    """The WSDL, parsed once per process and shared by the clients.

    zeep takes tens of milliseconds to parse it, and a client is made per page
    job on the Odoo side. The document is only read once parsed; the calls go
    through each client's own transport (its session, its timeout).
    """
    return Document(str(WSDL_PATH), Transport(), settings=_SETTINGS)


# HTTP 500 carries SOAP faults, which are told apart by their fault code, not
# retried blindly by the transport.
_SOAP_RETRY_STATUSES = (429, 502, 503, 504)


@register("snaic")
class SnaicClient(SupplierClient):
    def __init__(
        self,
        url,
        login,
        password,
        *,
        timeout=DEFAULT_TIMEOUT,
        page_size=200,
        retries=5,
        backoff_factor=0.2,
        call_retries=3,
        write_attempts=3,
        write_pause=1.0,
    ):
        # SOAP reads are POSTs: the reading session retries them. Writes go
        # through a session that does not (SupplierClient reads back first).
        self.service = self._service(
            url, timeout, build_session(retries, backoff_factor, retry_post=True)
        )
        self.write_service = self._service(
            url, timeout, build_session(retries, backoff_factor, retry_post=False)
        )
        self.credentials = {"Login": login, "MotDePasse": password}
        self.page_size = page_size
        self.call_retries = call_retries
        self.write_attempts = write_attempts
        self.write_pause = write_pause
        self.url = url

    @staticmethod
    def _service(url, timeout, session):
        for adapter in session.adapters.values():
            adapter.max_retries = adapter.max_retries.new(
                status_forcelist=_SOAP_RETRY_STATUSES
            )
        transport = Transport(
            session=session, timeout=timeout, operation_timeout=timeout
        )
        client = Client(_wsdl_document(), transport=transport, settings=_SETTINGS)
        return client.create_service(BINDING, url)

    def _call(self, operation, check=None, write=False, **params):
        """Call an operation; for a read, server faults and unreadable answers
        are retried.

        The session already retried 429/503 and timeouts of reads; what
        reaches here is a SOAP fault or a body zeep cannot read. A write is
        sent once: any of these is a ``TransientApiError`` for
        ``SupplierClient`` to read back.
        """
        problem = None
        service = self.write_service if write else self.service
        for _attempt in range(1 if write else self.call_retries + 1):
            try:
                result = getattr(service, operation)(
                    Identifiants=self.credentials, **params
                )
            except Fault as fault:
                code = (fault.code or "").rsplit(":", 1)[-1]
                if code == "Client":
                    # SNAIC tells a refused login from a refused request only
                    # by the fault's text.
                    error = (
                        AuthenticationError
                        if "uthentification" in fault.message
                        else ValidationError
                    )
                    raise error(
                        f"SNAIC {operation}: {fault.message}", url=self.url
                    ) from fault
                problem = f"SNAIC {operation}: {fault.message}"
                continue
            except SchemaError as exc:
                # zeep checks our request against the WSDL before sending it.
                raise ValidationError(
                    f"SNAIC {operation}: requête invalide ({exc})", url=self.url
                ) from exc
            except XMLParseError as exc:
                # Well-formed XML not shaped as the WSDL says (a garbled answer).
                problem = f"SNAIC {operation}: unreadable answer ({exc})"
                continue
            except TransportError as exc:
                if exc.status_code < 400:
                    # zeep's word for a 200 whose body is not XML.
                    problem = f"SNAIC {operation}: unreadable answer"
                    continue
                raise TransientApiError(
                    f"SNAIC {operation} {self.url}: HTTP {exc.status_code}",
                    status=exc.status_code,
                    url=self.url,
                ) from exc
            except requests.exceptions.RequestException as exc:
                # Timeouts and connection errors, once the session's retries are spent.
                raise TransientApiError(
                    f"SNAIC {operation} {self.url}: {exc.__class__.__name__}",
                    url=self.url,
                ) from exc
            problem = check(result) if check else None
            if problem is None:
                return result
        raise TransientApiError(problem, url=self.url)

    def ping(self):
        return self._call("Ping") == "OK"

    def _write(self, operation, idempotency_key, **params):
        return self._call(
            operation, write=True, CleIdempotence=idempotency_key, **params
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
        porting = {"NumeroPorte": ported_number, "RIO": rio} if ported_number else None
        result = self._write(
            "CreerLigne",
            idempotency_key,
            ICCID=iccid,
            ReferenceCommande=reference,
            CodeOffre=offer_code,
            CodesOptions={"Code": list(option_codes)} if option_codes else None,
            Portabilite=porting,
        )
        return _line(result)

    def _send_modify_line(
        self, number, idempotency_key, offer_code, add_options, remove_options
    ):
        result = self._write(
            "ModifierLigne",
            idempotency_key,
            Numero=number,
            CodeOffre=offer_code,
            OptionsAjoutees={"Code": list(add_options)} if add_options else None,
            OptionsRetirees={"Code": list(remove_options)} if remove_options else None,
        )
        return _line(result)

    def _send_suspend_line(self, number, idempotency_key):
        return _line(self._write("SuspendreLigne", idempotency_key, Numero=number))

    def _send_terminate_line(self, number, on_date, idempotency_key):
        result = self._write(
            "ResilierLigne", idempotency_key, Numero=number, DateResiliation=on_date
        )
        return _line(result)

    def _send_add_one_off(self, number, product_code, quantity, idempotency_key):
        result = self._write(
            "AjouterPonctuel",
            idempotency_key,
            Numero=number,
            CodeProduit=product_code,
            Quantite=quantity,
        )
        return OneOff(
            reference=result.Reference,
            amount=float(result.Montant),
            product_code=result.CodeProduit or product_code,
            quantity=result.Quantite if result.Quantite is not None else quantity,
        )

    def find_lines(self, number=None, iccid=None, reference=None):
        """The lines of a number, an ICCID and/or an order reference (``GetLignes``)."""
        result = self._call(
            "GetLignes",
            Numero=national(number) if number else None,
            ICCID=iccid,
            ReferenceCommande=reference,
        )
        return [_line(item) for item in _repeated(result, "Ligne")]

    def one_offs(self, number):
        result = self._call("GetPonctuels", Numero=number)
        return [
            OneOff(
                reference=item.Reference,
                amount=float(item.Montant),
                product_code=item.CodeProduit,
                quantity=item.Quantite,
            )
            for item in _repeated(result, "Ponctuel")
        ]

    def fetch_page(self, page=1):
        def check(result):
            if result.Page != page:
                return f"SNAIC GetParc page {page}: got page {result.Page} instead"
            return None

        result = self._call(
            "GetParc", check=check, Page=page, TaillePage=self.page_size
        )
        lines = result.Lignes.Ligne if result.Lignes is not None else []
        return SupplierPage(
            number=page,
            total_pages=result.NombrePages,
            total_lines=result.NombreLignes,
            lines=tuple(_line(item) for item in lines),
        )


def _repeated(result, name):
    """The items of a one-list answer: zeep unwraps it to the list itself, or
    to the element holding it."""
    if result is None:
        return []
    if isinstance(result, list):
        return result
    return getattr(result, name, None) or []


def _product(item):
    if item is None:
        return None
    return SupplierProduct(
        code=item.Code, label=item.Libelle, monthly_price=float(item.PrixAchatMensuel)
    )


def _line(item):
    return SupplierLine(
        number=item.Numero,
        iccid=item.ICCID or "",
        reference=item.ReferenceCommande or "",
        status=_STATUSES.get(item.Statut, "pending"),
        activation_date=item.DateActivation,
        termination_date=item.DateResiliation,
        offer=_product(item.Offre),
        options=tuple(
            _product(o)
            for o in (item.Options.Option if item.Options is not None else [])
        ),
    )
