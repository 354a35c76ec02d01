# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from softwhere_lib.vocabulary import ENDED_LINE_ACTIVITIES

#: The park's grouping (Cfast site types); keys shared with the catalogues'.
SERVICE_TYPES = [
    ("fixe", "Fixed"),
    ("internet", "Internet"),
    ("mobile", "Mobile"),
    ("cybersecurite", "Cybersecurity"),
]
#: The park's service types each catalogue type may serve.
SERVED_TYPES = {
    "fixe": ("fixe",),
    "internet": ("internet",),
    "fixe_internet": ("fixe", "internet"),
    "mobile": ("mobile",),
    "cybersecurite": ("cybersecurite",),
}
SERVICE_ACTIVITIES = [("active", "Active"), ("terminated", "Terminated")]
SERVICE_STATUSES = [("agency", "Agency"), ("main", "Main"), ("other", "Other")]
#: The address a service takes from its customer until someone edits it.
ADDRESS_FIELDS = ("street", "street2", "zip", "city", "country_id")


class SoftwhereService(models.Model):
    """A service of the park: a Cfast site (9000), the place lines belong to."""

    _name = "softwhere.service"
    _description = "Service"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "partner_id, service_type, name, id"
    _check_company_auto = True
    _rec_names_search = ["name", "partner_id.customer_reference", "internal_reference"]

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("is_customer_account", "=", True)],
    )
    customer_reference = fields.Char(related="partner_id.customer_reference")
    billing_site_id = fields.Many2one(
        "softwhere.billing.site",
        string="Billing site",
        compute="_compute_billing_site_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('partner_id', '=', partner_id)]",
    )
    company_id = fields.Many2one(
        related="billing_site_id.company_id", store=True, index=True, precompute=True
    )
    cfast_site_id = fields.Integer(
        string="Cfast site ID",
        copy=False,
        index="btree_not_null",
        help="The site's siteId in Cfast (9000).",
    )
    service_type = fields.Selection(
        SERVICE_TYPES, string="Type", required=True, index=True, tracking=True
    )
    activity = fields.Selection(
        SERVICE_ACTIVITIES,
        required=True,
        default="active",
        index=True,
        tracking=True,
    )
    status = fields.Selection(SERVICE_STATUSES, default="main", tracking=True)
    street = fields.Char(compute="_compute_address", store=True, readonly=False)
    street2 = fields.Char(compute="_compute_address", store=True, readonly=False)
    zip = fields.Char(compute="_compute_address", store=True, readonly=False)
    city = fields.Char(compute="_compute_address", store=True, readonly=False)
    country_id = fields.Many2one(
        "res.country", compute="_compute_address", store=True, readonly=False
    )
    siret = fields.Char(string="SIRET", size=14)
    internal_reference = fields.Char(index="trigram", string="Internal reference")
    private_installer = fields.Char(string="Private installer")
    it_provider = fields.Char(string="IT provider")
    note = fields.Text(string="Notes")
    line_ids = fields.One2many("softwhere.line", "service_id", string="Lines")
    line_count = fields.Integer(compute="_compute_line_count", string="Line count")
    operator_ids = fields.Many2many(
        "res.partner",
        string="Operators",
        compute="_compute_operator_ids",
        help="The operators of the service's lines.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    monthly_sale_total = fields.Monetary(
        string="Monthly sales", compute="_compute_monthly_totals"
    )
    monthly_purchase_total = fields.Monetary(
        string="Monthly purchases", compute="_compute_monthly_totals"
    )
    monthly_margin = fields.Monetary(
        compute="_compute_monthly_totals", string="Monthly margin"
    )

    _cfast_site_unique = models.UniqueIndex(
        "(company_id, cfast_site_id) WHERE cfast_site_id <> 0",
        "Another service of this company already has this Cfast site ID.",
    )

    # -- computes --------------------------------------------------------------------
    @api.depends("partner_id")
    def _compute_name(self):
        for service in self:
            if not service.name:
                service.name = service.partner_id.name

    @api.depends("partner_id")
    def _compute_billing_site_id(self):
        for service in self:
            if service.billing_site_id.partner_id == service.partner_id:
                continue
            sites = service.partner_id.billing_site_ids
            service.billing_site_id = (
                sites.filtered(lambda site: site.state == "active")[:1] or sites[:1]
            )

    @api.depends("partner_id")
    def _compute_address(self):
        for service in self:
            customer = service.partner_id
            for name in ADDRESS_FIELDS:
                if not service[name]:
                    service[name] = customer[name]

    @api.depends("line_ids")
    def _compute_line_count(self):
        counts = dict(
            self.env["softwhere.line"]._read_group(
                [("service_id", "in", self.ids)], ["service_id"], ["__count"]
            )
        )
        for service in self:
            service.line_count = counts.get(service, 0)

    @api.depends("line_ids.operator_id")
    def _compute_operator_ids(self):
        for service in self:
            service.operator_ids = service.line_ids.operator_id

    @api.depends("line_ids.monthly_sale_total", "line_ids.monthly_purchase_total")
    @api.depends_context("date")
    def _compute_monthly_totals(self):
        for service in self:
            lines = service.line_ids
            service.monthly_sale_total = sum(lines.mapped("monthly_sale_total"))
            service.monthly_purchase_total = sum(lines.mapped("monthly_purchase_total"))
            service.monthly_margin = (
                service.monthly_sale_total - service.monthly_purchase_total
            )

    # -- constraints -----------------------------------------------------------------
    @api.constrains("siret")
    def _check_siret(self):
        for service in self:
            if service.siret and not (
                service.siret.isdigit() and len(service.siret) == 14
            ):
                raise ValidationError(
                    self.env._(
                        "%(service)s: the field “%(field)s” must hold 14 digits "
                        "(%(value)s).",
                        service=service.display_name,
                        field=self._fields["siret"]._description_string(self.env),
                        value=service.siret,
                    )
                )

    @api.constrains("partner_id", "billing_site_id")
    def _check_billing_site_of_customer(self):
        for service in self:
            if service.billing_site_id.partner_id != service.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(service)s: the billing site %(site)s belongs to another "
                        "customer.",
                        service=service.display_name,
                        site=service.billing_site_id.display_name,
                    )
                )

    # -- actions ---------------------------------------------------------------------
    # -- CRUD ------------------------------------------------------------------------
    def write(self, vals):
        # A terminated site that a service leaves, or joins, is looked at again
        # by the next run: what it was billed for moves with the lines.
        moved_from = self.billing_site_id if "billing_site_id" in vals else None
        result = super().write(vals)
        if moved_from is not None:
            (moved_from | self.billing_site_id)._park_mark_recheck()
        return result

    def action_view_lines(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_park.softwhere_line_action"
        )
        action["domain"] = [("service_id", "in", self.ids)]
        if len(self) == 1:
            action["context"] = {
                "default_service_id": self.id,
                "softwhere_service_fixed": True,
            }
        return action

    def action_terminate(self, termination_date=None):
        """End the service and its lines that are still live."""
        termination_date = termination_date or fields.Date.context_today(self)
        live = self.line_ids.filtered(
            lambda line: line.activity not in ENDED_LINE_ACTIVITIES
        )
        live.action_terminate(termination_date)
        self.write({"activity": "terminated"})
        return True
