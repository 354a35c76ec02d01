# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.account.controllers.download_docs import _get_headers
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.softwhere_line import OPEN_ORDER_STATES

#: The portal's counters on /my, by the model they count.
COUNTERS = {
    "softwhere_site_count": "softwhere.billing.site",
    "softwhere_service_count": "softwhere.service",
    "softwhere_line_count": "softwhere.line",
}


class SoftwherePortal(CustomerPortal):
    """The customer's billing sites, services and lines; a line's change
    requests. Every page reads as superuser only a record the user may read
    (``_document_check_access``); a request is taken only on the user's own
    line, never on an access token."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        for counter, model in COUNTERS.items():
            if counter in counters:
                records = request.env[model]
                values[counter] = (
                    records.search_count([]) if records.has_access("read") else 0
                )
        return values

    def _softwhere_list_values(self, model, url, page, domain, order, page_name):
        """A page of the user's records (their record rules select them)."""
        records = request.env[model]
        if not records.has_access("read"):
            domain = [("id", "=", False)]
        total = records.search_count(domain)
        pager = portal_pager(
            url=url,
            total=total,
            page=page,
            step=self._items_per_page,
            url_args=None,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "records": records.search(
                    domain,
                    order=order,
                    limit=self._items_per_page,
                    offset=pager["offset"],
                ),
                "pager": pager,
                "page_name": page_name,
                "default_url": url,
            }
        )
        return values

    def _softwhere_document(self, model, record_id, access_token):
        """The record, as superuser, when the user may read it (or holds its
        access token); None otherwise."""
        try:
            return self._document_check_access(model, record_id, access_token)
        except (AccessError, MissingError):
            return None

    def _softwhere_pending_line_ids(self, lines):
        """The lines with a request under way, in one query."""
        operations = (
            request.env["softwhere.provisioning.operation"]
            .sudo()
            .search(
                [
                    ("line_id", "in", lines.ids),
                    ("order_id.state", "in", OPEN_ORDER_STATES),
                ]
            )
        )
        return set(operations.line_id.ids)

    def _softwhere_is_owner(self, record_sudo):
        """The logged-in user is a contact of the record's customer account."""
        user = request.env.user
        return not user._is_public() and (
            record_sudo.partner_id.commercial_partner_id
            == user.partner_id.commercial_partner_id
        )

    # -- billing sites -----------------------------------------------------------------
    @http.route(
        ["/my/billing_sites", "/my/billing_sites/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_billing_sites(self, page=1, **kw):
        values = self._softwhere_list_values(
            "softwhere.billing.site",
            "/my/billing_sites",
            page,
            [],
            "state, name, id",
            "softwhere_billing_site",
        )
        values["mandates"] = {
            site.id: site._portal_mandate() for site in values["records"]
        }
        return request.render("softwhere_portal.portal_my_billing_sites", values)

    @http.route(
        ["/my/billing_sites/<int:site_id>"], type="http", auth="public", website=True
    )
    def portal_my_billing_site(self, site_id, access_token=None, **kw):
        site_sudo = self._softwhere_document(
            "softwhere.billing.site", site_id, access_token
        )
        if not site_sudo:
            return request.redirect("/my")
        invoices = (
            request.env["account.move"]
            .sudo()
            .search(
                [
                    ("billing_site_id", "=", site_sudo.id),
                    ("state", "=", "posted"),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                ],
                order="invoice_date desc, id desc",
                limit=12,
            )
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "site": site_sudo,
                "mandate": site_sudo._portal_mandate(),
                "services": site_sudo.env["softwhere.service"].search(
                    [("billing_site_id", "=", site_sudo.id)]
                ),
                "invoices": invoices,
                "page_name": "softwhere_billing_site",
            }
        )
        values = self._get_page_view_values(
            site_sudo, access_token, values, "my_billing_sites_history", False, **kw
        )
        return request.render("softwhere_portal.portal_my_billing_site", values)

    # -- services ----------------------------------------------------------------------
    @http.route(
        ["/my/services", "/my/services/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_services(self, page=1, **kw):
        values = self._softwhere_list_values(
            "softwhere.service",
            "/my/services",
            page,
            [],
            "activity, service_type, name, id",
            "softwhere_service",
        )
        return request.render("softwhere_portal.portal_my_services", values)

    @http.route(
        ["/my/services/<int:service_id>"], type="http", auth="public", website=True
    )
    def portal_my_service(self, service_id, access_token=None, **kw):
        service_sudo = self._softwhere_document(
            "softwhere.service", service_id, access_token
        )
        if not service_sudo:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "service": service_sudo,
                "lines": service_sudo.line_ids.sorted(
                    lambda line: (
                        line.activity in ("terminated", "obsolete"),
                        line.name,
                    )
                ),
                "pending_line_ids": self._softwhere_pending_line_ids(
                    service_sudo.line_ids
                ),
                "page_name": "softwhere_service",
            }
        )
        values = self._get_page_view_values(
            service_sudo, access_token, values, "my_services_history", False, **kw
        )
        return request.render("softwhere_portal.portal_my_service", values)

    # -- lines -------------------------------------------------------------------------
    @http.route(
        ["/my/lines", "/my/lines/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_lines(self, page=1, search=None, **kw):
        domain = []
        if search:
            domain = [("display_name", "ilike", search)]
        values = self._softwhere_list_values(
            "softwhere.line",
            "/my/lines",
            page,
            domain,
            "service_id, name, id",
            "softwhere_line",
        )
        values["search"] = search or ""
        values["pending_line_ids"] = self._softwhere_pending_line_ids(values["records"])
        return request.render("softwhere_portal.portal_my_lines", values)

    @http.route(["/my/lines/<int:line_id>"], type="http", auth="public", website=True)
    def portal_my_line(self, line_id, access_token=None, **kw):
        line_sudo = self._softwhere_document("softwhere.line", line_id, access_token)
        if not line_sudo:
            return request.redirect("/my")
        values = self._softwhere_line_values(line_sudo, access_token, **kw)
        return request.render("softwhere_portal.portal_my_line", values)

    def _softwhere_line_values(self, line_sudo, access_token, form=None, **kw):
        today = fields.Date.context_today(line_sudo)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "line": line_sudo,
                "start_date": line_sudo._portal_start_date(),
                "articles": line_sudo._portal_current_articles(),
                "operations": line_sudo._portal_operations(),
                "open_operation": line_sudo._portal_open_operation(),
                "can_request": self._softwhere_is_owner(line_sudo)
                and line_sudo.activity not in ("terminated", "obsolete"),
                "plans": line_sudo._portal_offered_articles("change_plan"),
                "options": line_sudo._portal_offered_articles("add_option"),
                "today": fields.Date.to_string(today),
                "form": form or {},
                "request_sent": kw.get("request_sent"),
                "page_name": "softwhere_line",
            }
        )
        return self._get_page_view_values(
            line_sudo, access_token, values, "my_lines_history", False, **kw
        )

    @http.route(
        ["/my/lines/<int:line_id>/request"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_line_request(self, line_id, kind=None, product_id=None, **kw):
        """A change request on the user's own line: never on a token, never on
        another customer's line (not found, nothing written)."""
        line_sudo = self._softwhere_document("softwhere.line", line_id, None)
        if not line_sudo or not self._softwhere_is_owner(line_sudo):
            raise NotFound()
        day = kw.get("date")
        Order = request.env["softwhere.provisioning.order"].sudo()
        try:
            with request.env.cr.savepoint():
                order = Order._portal_create_request(
                    line_sudo, kind, product_id, day, request.env.user
                )
        except (UserError, ValidationError) as error:
            values = self._softwhere_line_values(
                line_sudo,
                None,
                form={"kind": kind, "product_id": product_id, "date": day},
            )
            values["request_error"] = error.args[0]
            return request.render("softwhere_portal.portal_my_line", values)
        return request.redirect(f"/my/lines/{line_id}?request_sent={order.name}")

    # -- invoices: their Factur-X ------------------------------------------------------
    @http.route(
        ["/my/invoices/<int:invoice_id>/facturx/<any(pdf,xml):kind>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_invoice_facturx(self, invoice_id, kind, access_token=None, **kw):
        """The invoice's PDF with its Factur-X inside, or its Factur-X XML, as
        they were made and sent."""
        invoice_sudo = self._softwhere_document(
            "account.move", invoice_id, access_token
        )
        if not invoice_sudo:
            return request.redirect("/my")
        if invoice_sudo.state != "posted" or not invoice_sudo.is_sale_document():
            raise NotFound()
        attachment = (
            invoice_sudo.invoice_pdf_report_id
            if kind == "pdf"
            else invoice_sudo.ubl_cii_xml_id
        )
        if not attachment:
            raise NotFound()
        content = attachment.raw
        headers = _get_headers(attachment.name, attachment.mimetype, content)
        return request.make_response(content, headers)
