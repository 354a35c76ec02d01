"""SNAIC simulator: the supplier platform's SOAP park service on loopback.

Serves ``softwhere_lib/wsdl/snaic_parc.wsdl`` (``GET /soap/parc?wsdl``) and
answers its operations at ``POST /soap/parc``: ``Ping``, ``GetParc`` (paged),
``GetLignes`` (by number or ICCID), ``GetPonctuels`` (a line's one-offs) and
the writes.
Faults as the Cfast simulator; a simulated server error is a SOAP Fault with
HTTP 500, as SOAP 1.1 prescribes.
"""

import re
from datetime import date

from lxml import etree
from werkzeug.wrappers import Response

from softwhere_lib.snaic import WSDL_PATH

from .common import (
    IdempotencyStore,
    SimulatorApp,
    json_response,
)
from .supplier_park import start_supplier_simulator, supplier_main

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
NS = "urn:snaic:parc:v1"
SOAP_PATH = "/soap/parc"
DEFAULT_LOGIN = "actif"
DEFAULT_PASSWORD = "snaic-demo-password"
MAX_PAGE_SIZE = 500

_STATUS_CODES = {
    "active": "ACTIVE",
    "suspended": "SUSPENDUE",
    "terminated": "RESILIEE",
    "pending": "EN_COURS",
}


def _q(tag):
    return f"{{{NS}}}{tag}"


def _sub(parent, tag, text=None):
    element = etree.SubElement(parent, _q(tag))
    if text is not None:
        element.text = str(text)
    return element


def _envelope():
    envelope = etree.Element(
        f"{{{SOAP_ENV}}}Envelope", nsmap={"soap": SOAP_ENV, "tns": NS}
    )
    body = etree.SubElement(envelope, f"{{{SOAP_ENV}}}Body")
    return envelope, body


def _xml_response(envelope, status=200):
    return Response(
        etree.tostring(envelope, xml_declaration=True, encoding="UTF-8"),
        status=status,
        content_type="text/xml; charset=utf-8",
    )


def soap_fault(code, message):
    envelope, body = _envelope()
    fault = etree.SubElement(body, f"{{{SOAP_ENV}}}Fault")
    etree.SubElement(fault, "faultcode").text = f"soap:{code}"
    etree.SubElement(fault, "faultstring").text = message
    return _xml_response(envelope, status=500)


class SnaicApp(SimulatorApp):
    platform = "snaic"

    def __init__(
        self, supplier_park, login=DEFAULT_LOGIN, password=DEFAULT_PASSWORD, faults=None
    ):
        super().__init__(faults)
        self.park = supplier_park
        self.idempotency = IdempotencyStore()
        self.login = login
        self.password = password

    def error_response(self, status):
        if status == 500:
            return soap_fault("Server", "Erreur interne simulée")
        return super().error_response(status)

    def is_page(self, request):
        return (
            request.method == "POST"
            and request.path == SOAP_PATH
            and b"GetParcRequest" in request.get_data()
        )

    def page_key(self, request):
        return request.path

    def fault_key(self, request):
        action = request.headers.get("SOAPAction", "").strip('"')
        return f"{request.method} {request.path}#{action.rsplit('#', 1)[-1]}"

    def handle(self, request):
        if request.path != SOAP_PATH:
            return json_response({"error": "not found"}, status=404)
        if request.method == "GET":
            return Response(
                WSDL_PATH.read_bytes(), content_type="text/xml; charset=utf-8"
            )
        try:
            root = etree.fromstring(request.get_data())
            operation = root.find(f"{{{SOAP_ENV}}}Body")[0]
        except (etree.XMLSyntaxError, TypeError, IndexError):
            return soap_fault("Client", "Requête SOAP illisible")
        credentials = operation.find(_q("Identifiants"))
        if (
            credentials is None
            or credentials.findtext(_q("Login")) != self.login
            or credentials.findtext(_q("MotDePasse")) != self.password
        ):
            return soap_fault(
                "Client", "Authentification refusée : identifiants invalides"
            )
        name = etree.QName(operation).localname
        if name == "PingRequest":
            envelope, body = _envelope()
            _sub(etree.SubElement(body, _q("PingResponse")), "Statut", "OK")
            return _xml_response(envelope)
        if name == "GetParcRequest":
            return self._get_parc(operation)
        if name == "GetLignesRequest":
            envelope, body = _envelope()
            container = _sub(etree.SubElement(body, _q("GetLignesResponse")), "Lignes")
            found = self.park.find_lines(
                operation.findtext(_q("Numero")),
                operation.findtext(_q("ICCID")),
                operation.findtext(_q("ReferenceCommande")),
            )
            for line in found:
                _line_element(container, line)
            return _xml_response(envelope)
        if name == "GetPonctuelsRequest":
            try:
                one_offs = self.park.one_offs_of(operation.findtext(_q("Numero")))
            except LookupError as exc:
                return soap_fault("Client", str(exc).strip("'"))
            envelope, body = _envelope()
            response = etree.SubElement(body, _q("GetPonctuelsResponse"))
            container = _sub(response, "Ponctuels")
            for one_off in one_offs:
                _one_off_element(_sub(container, "Ponctuel"), one_off)
            return _xml_response(envelope)
        if name in _WRITES:
            return self._write(name, operation)
        return soap_fault("Client", f"Opération inconnue : {name}")

    def _get_parc(self, operation):
        try:
            page = int(operation.findtext(_q("Page")))
            size = int(operation.findtext(_q("TaillePage")))
        except (TypeError, ValueError):
            return soap_fault("Client", "Page et TaillePage sont obligatoires")
        if page < 1 or not 1 <= size <= MAX_PAGE_SIZE:
            return soap_fault(
                "Client", f"Page >= 1 et TaillePage entre 1 et {MAX_PAGE_SIZE}"
            )
        lines = self.park.lines
        total_pages = (len(lines) + size - 1) // size
        envelope, body = _envelope()
        response = etree.SubElement(body, _q("GetParcResponse"))
        _sub(response, "Page", page)
        _sub(response, "NombrePages", total_pages)
        _sub(response, "NombreLignes", len(lines))
        container = _sub(response, "Lignes")
        for line in lines[(page - 1) * size : page * size]:
            _line_element(container, line)
        return _xml_response(envelope)

    # -- writes -------------------------------------------------------------------
    def _write(self, name, operation):
        key = operation.findtext(_q("CleIdempotence"))
        if not key:
            return soap_fault("Client", "CleIdempotence obligatoire")
        # The request without credentials nor key tells whether a replay is the
        # same request.
        fingerprint = etree.tostring(operation, method="c14n")
        for tag in (rb"Identifiants", rb"CleIdempotence"):
            pattern = rb"<[^>]*" + tag + rb">.*?</[^>]*" + tag + rb">"
            fingerprint = re.sub(pattern, b"", fingerprint, flags=re.S)
        status, body = self.idempotency.run(
            key, fingerprint, lambda: self._apply(name, operation)
        )
        if status == 409:
            return soap_fault(
                "Client", f"CleIdempotence {key} déjà utilisée pour une autre demande"
            )
        if status >= 400:
            return soap_fault("Client", body)
        return Response(body, content_type="text/xml; charset=utf-8")

    def _apply(self, name, operation):
        park = self.park
        text = operation.findtext
        number = text(_q("Numero"))
        try:
            if name == "CreerLigneRequest":
                porting = operation.find(_q("Portabilite"))
                line = park.create_line(
                    text(_q("ICCID")),
                    text(_q("CodeOffre")),
                    _codes(operation, "CodesOptions"),
                    porting.findtext(_q("NumeroPorte"))
                    if porting is not None
                    else None,
                    porting.findtext(_q("RIO")) if porting is not None else None,
                    reference=text(_q("ReferenceCommande")),
                )
            elif name == "ModifierLigneRequest":
                line = park.modify_line(
                    number,
                    text(_q("CodeOffre")),
                    _codes(operation, "OptionsAjoutees"),
                    _codes(operation, "OptionsRetirees"),
                )
            elif name == "SuspendreLigneRequest":
                line = park.suspend_line(number)
            elif name == "ResilierLigneRequest":
                line = park.terminate_line(
                    number, date.fromisoformat(text(_q("DateResiliation")))
                )
            else:
                one_off = park.add_one_off(
                    number, text(_q("CodeProduit")), int(text(_q("Quantite")))
                )
                envelope, body = _envelope()
                response = etree.SubElement(body, _q("AjouterPonctuelResponse"))
                _sub(response, "Reference", one_off["reference"])
                _sub(response, "Montant", f"{one_off['amount']:.2f}")
                _sub(response, "CodeProduit", one_off["code"])
                _sub(response, "Quantite", one_off["quantity"])
                return 200, etree.tostring(
                    envelope, xml_declaration=True, encoding="UTF-8"
                )
        except (LookupError, ValueError, TypeError) as exc:
            return 422, str(exc).strip("'")
        envelope, body = _envelope()
        _line_element(etree.SubElement(body, _q("LigneResponse")), line)
        return 200, etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


_WRITES = (
    "CreerLigneRequest",
    "ModifierLigneRequest",
    "SuspendreLigneRequest",
    "ResilierLigneRequest",
    "AjouterPonctuelRequest",
)


def _codes(operation, tag):
    container = operation.find(_q(tag))
    return (
        [code.text for code in container.findall(_q("Code"))]
        if container is not None
        else []
    )


def _line_element(parent, line):
    element = _sub(parent, "Ligne")
    _sub(element, "Numero", line["number"])
    if line["iccid"]:
        _sub(element, "ICCID", line["iccid"])
    if line.get("reference"):
        _sub(element, "ReferenceCommande", line["reference"])
    _sub(element, "Statut", _STATUS_CODES[line["status"]])
    _sub(element, "DateActivation", line["activationDate"])
    if line["terminationDate"]:
        _sub(element, "DateResiliation", line["terminationDate"])
    _product(_sub(element, "Offre"), line["offer"])
    options = _sub(element, "Options")
    for option in line["options"]:
        _product(_sub(options, "Option"), option)
    return element


def _one_off_element(element, one_off):
    _sub(element, "Reference", one_off["reference"])
    _sub(element, "CodeProduit", one_off["code"])
    _sub(element, "Quantite", one_off["quantity"])
    _sub(element, "Montant", f"{one_off['amount']:.2f}")


def _product(element, product):
    _sub(element, "Code", product["code"])
    _sub(element, "Libelle", product["label"])
    _sub(element, "PrixAchatMensuel", f"{product['price']:.2f}")


def start_snaic(park, **kwargs):
    """Start a SNAIC simulator over ``park`` (a Cfast ``Park``) in a thread."""
    return start_supplier_simulator(SnaicApp, park, **kwargs)


def main(argv=None):
    supplier_main(SnaicApp, "SNAIC supplier platform simulator (SOAP)", argv)


if __name__ == "__main__":
    main()
