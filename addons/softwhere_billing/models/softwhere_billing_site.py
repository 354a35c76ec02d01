# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import clean_context

from odoo.addons.softwhere_client.orm import check_company_by_sample

from softwhere_lib import billing as sw_billing

#: ``softwhere_lib.billing``'s vocabulary: keep the keys.
PERIODICITIES = [
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("semiannual", "Half-yearly"),
    ("annual", "Yearly"),
]
PERIOD_FORMATS = [
    ("current", "Current month (billed in advance)"),
    ("previous", "Previous month (billed in arrears)"),
]
STATES = [("active", "Active"), ("terminated", "Terminated")]


class SoftwhereBillingSite(models.Model):
    _name = "softwhere.billing.site"
    _description = "Billing site"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "partner_id, name, id"
    _check_company_auto = True
    _rec_names_search = ["name", "partner_id.customer_reference"]

    name = fields.Char(
        compute="_compute_name",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        tracking=True,
        help="The customer's name unless another one is given (Dénomination).",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        ondelete="cascade",
        domain=[("is_customer_account", "=", True)],
        help="The customer account this site bills.",
    )
    customer_reference = fields.Char(related="partner_id.customer_reference")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    cfast_billing_point_id = fields.Integer(
        string="Cfast billing point ID",
        copy=False,
        tracking=True,
        aggregator=False,
        help="billingPointId of the billing point in Cfast (5000), unique in a "
        "company.",
    )
    state = fields.Selection(
        STATES,
        string="Status",
        default="active",
        required=True,
        index=True,
        copy=False,
        tracking=True,
    )
    termination_date = fields.Date(string="Termination date", copy=False, tracking=True)
    # -- invoicing -------------------------------------------------------------------
    invoice_partner_id = fields.Many2one(
        "res.partner",
        string="Invoice address",
        compute="_compute_invoice_partner_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        tracking=True,
        ondelete="restrict",
        domain="['|', ('id', '=', partner_id), ('parent_id', '=', partner_id)]",
        help="Who the invoices are addressed to: the customer, or one of its "
        "addresses.",
    )
    tax_id = fields.Many2one(
        "account.tax",
        string="VAT",
        compute="_compute_tax_id",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
        check_company=True,
        ondelete="restrict",
        domain=[("type_tax_use", "=", "sale")],
        help="The tax of the site's subscriptions and options: the 20 % VAT on "
        "services by default. The fiscal position maps it.",
    )
    fiscal_position_id = fields.Many2one(
        "account.fiscal.position",
        compute="_compute_fiscal_position_id",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
        check_company=True,
        ondelete="restrict",
        help="Follows the customer: no VAT charged when its “Charge VAT” is off, "
        "self-assessed VAT when it is an Arcep operator.",
    )
    periodicity = fields.Selection(
        PERIODICITIES,
        default="monthly",
        required=True,
        tracking=True,
        help="How often the site is invoiced, on calendar periods.",
    )
    period_format = fields.Selection(
        PERIOD_FORMATS,
        default="current",
        required=True,
        tracking=True,
        help="Current: an invoice covers the period it is made in (in "
        "advance). Previous: it covers the period before (in arrears).",
    )
    block_reminders = fields.Boolean(
        string="Block unpaid-invoice reminder e-mails",
        tracking=True,
        help="Credit control chases none of this site's unpaid invoices: no "
        "reminder e-mail, no formal notice, no suspension.",
    )
    payment_mode_id = fields.Many2one(
        "account.payment.mode",
        compute="_compute_payment_mode_id",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
        check_company=True,
        ondelete="restrict",
        domain=[("payment_type", "=", "inbound")],
        help="SEPA direct debit once the site has a valid mandate.",
    )
    invoice_count = fields.Integer(compute="_compute_invoice_count")

    _cfast_billing_point_unique = models.UniqueIndex(
        "(company_id, cfast_billing_point_id) WHERE cfast_billing_point_id <> 0",
        "Another billing site of this company already has this Cfast billing point ID.",
    )

    # -- computes --------------------------------------------------------------------
    @api.depends("partner_id")
    def _compute_name(self):
        for site in self:
            site.name = self._name_of(site.partner_id)

    @api.model
    def _name_of(self, partner):
        return partner.name or partner.display_name

    @api.depends("partner_id")
    def _compute_invoice_partner_id(self):
        for site in self:
            site.invoice_partner_id = site.partner_id

    @api.depends("company_id")
    def _compute_tax_id(self):
        taxes = {}
        for site in self:
            company = site.company_id
            if site.tax_id and site.tax_id.company_id in company.parent_ids:
                continue
            if company not in taxes:
                taxes[company] = company._softwhere_default_sale_tax()
            site.tax_id = taxes[company]

    @api.depends("partner_id.charge_vat", "partner_id.vat_auto_reverse", "company_id")
    def _compute_fiscal_position_id(self):
        for site in self:
            kind = site._fiscal_position_kind()
            site.fiscal_position_id = (
                site.company_id._softwhere_fiscal_position(kind) if kind else False
            )

    def _fiscal_position_kind(self):
        self.ensure_one()
        return self._fiscal_position_kind_of(self.partner_id)

    @api.model
    def _fiscal_position_kind_of(self, partner):
        """Which SoftWhere fiscal position the customer's VAT settings call for."""
        if partner.vat_auto_reverse:
            return "arcep"
        if partner and not partner.charge_vat:
            return "exempt"
        return None

    @api.depends("mandate_id.state", "company_id")
    def _compute_payment_mode_id(self):
        for site in self:
            site.payment_mode_id = site._payment_mode_for_mandate()

    def _payment_mode_for_mandate(self):
        """SEPA direct debit with a valid mandate; no debit without one."""
        self.ensure_one()
        if self.mandate_id.state == "valid":
            return self.company_id._softwhere_sepa_payment_mode()
        if self.payment_mode_id.payment_method_id.mandate_required:
            return self.env["account.payment.mode"]
        return self.payment_mode_id

    def _compute_invoice_count(self):
        # A count only: sites are shown to users without access to invoices.
        counts = dict(
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("billing_site_id", "in", self.ids),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                ],
                ["billing_site_id"],
                ["__count"],
            )
        )
        for site in self:
            site.invoice_count = counts.get(site, 0)

    @api.depends("name", "cfast_billing_point_id", "partner_id.name")
    def _compute_display_name(self):
        for site in self:
            name = site.name or ""
            if site.cfast_billing_point_id:
                name = f"{name} ({site.cfast_billing_point_id})"
            elif name and name == site.partner_id.name:
                # Told apart from its customer (in a breadcrumb: "X / X (billing)").
                name = self.env._("%(name)s (billing)", name=name)
            site.display_name = name

    # -- constraints -----------------------------------------------------------------
    @api.constrains("cfast_billing_point_id")
    def _check_cfast_billing_point_id(self):
        for site in self:
            if site.cfast_billing_point_id < 0:
                raise ValidationError(
                    self.env._(
                        "%(site)s: the field “%(field)s” cannot be negative.",
                        site=site.display_name,
                        field=site._field_label("cfast_billing_point_id"),
                    )
                )

    @api.constrains("state", "termination_date")
    def _check_termination_date(self):
        for site in self:
            if site.state == "terminated" and not site.termination_date:
                raise ValidationError(
                    self.env._(
                        "%(site)s: a terminated site needs its “%(field)s”.",
                        site=site.display_name,
                        field=site._field_label("termination_date"),
                    )
                )

    @api.constrains("partner_id")
    def _check_partner_is_customer_account(self):
        for site in self:
            if not site.partner_id.is_customer_account:
                raise ValidationError(
                    self.env._(
                        "%(site)s: the field “%(field)s” must be a customer account "
                        "(%(partner)s is not).",
                        site=site.display_name,
                        field=site._field_label("partner_id"),
                        partner=site.partner_id.display_name,
                    )
                )

    def _check_cfast_ids_available(self, entries):
        """Refuse a Cfast billing point ID another site of the company has.

        ``entries``: (ID, company id, site name, site id or None). The unique
        index guards the database; this names the other site.
        """
        entries = [entry for entry in entries if entry[0]]
        if not entries:
            return
        seen = {}
        for cfast_id, company_id, name, _site_id in entries:
            key = (cfast_id, company_id)
            if key in seen:
                self._raise_cfast_id_taken(name, cfast_id, seen[key])
            seen[key] = name
        self.flush_model(["cfast_billing_point_id", "company_id"])
        # Past record rules and archiving, as the unique index sees the table:
        # a site the user may not read still holds its ID. One query a batch.
        self.env.cr.execute(
            """
            SELECT cfast_billing_point_id, company_id, id
              FROM softwhere_billing_site
             WHERE cfast_billing_point_id IN %s
            """,
            [tuple({entry[0] for entry in entries})],
        )
        taken = {
            (cfast, company): sid for cfast, company, sid in self.env.cr.fetchall()
        }
        for cfast_id, company_id, name, site_id in entries:
            other_id = taken.get((cfast_id, company_id))
            if other_id and other_id != site_id:
                self._raise_cfast_id_taken(
                    name, cfast_id, self.sudo().browse(other_id).display_name
                )

    def _raise_cfast_id_taken(self, name, cfast_id, other_name):
        raise ValidationError(
            self.env._(
                "%(site)s: the field “%(field)s” (%(value)s) is already the one of "
                "the billing site %(other)s.",
                site=name,
                field=self._field_label("cfast_billing_point_id"),
                value=cfast_id,
                other=other_name,
            )
        )

    def _field_label(self, field_name):
        return self._fields[field_name]._description_string(self.env)

    # -- CRUD ------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        company_id = self.env.company.id
        self._check_cfast_ids_available(
            [
                (
                    vals.get("cfast_billing_point_id"),
                    vals.get("company_id") or company_id,
                    vals.get("name") or "",
                    None,
                )
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        if "cfast_billing_point_id" in vals or "company_id" in vals:
            self._check_cfast_ids_available(
                [
                    (
                        vals.get("cfast_billing_point_id", site.cfast_billing_point_id),
                        vals.get("company_id", site.company_id.id),
                        site.display_name,
                        site.id,
                    )
                    for site in self
                ]
            )
        return super().write(vals)

    def _check_company(self, fnames=None):
        return check_company_by_sample(
            self,
            fnames,
            lambda sites: super(SoftwhereBillingSite, sites)._check_company(fnames),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        invoiced = self.filtered("invoice_count")
        if invoiced:
            raise UserError(
                self.env._(
                    "%(site)s has invoices: terminate it instead of deleting it.",
                    site=invoiced[0].display_name,
                )
            )

    @api.model
    def _create_default_sites(self, partners):
        """One billing site per customer account, in one batch create.

        A site costs one row: no mandate, no message. Customers
        imported by the thousand stay cheap to create.
        """
        if not partners:
            return self.browse()
        # The values the precomputed fields would get, once per company and
        # kind: Odoo would compute them on one new record per site.
        taxes, positions = {}, {}
        vals_list = []
        for partner in partners:
            company = partner.company_id or self.env.company
            kind = self._fiscal_position_kind_of(partner)
            if company not in taxes:
                taxes[company] = company._softwhere_default_sale_tax()
            if (company, kind) not in positions:
                positions[company, kind] = (
                    company._softwhere_fiscal_position(kind) if kind else False
                )
            vals_list.append(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "name": self._name_of(partner),
                    "invoice_partner_id": partner.id,
                    "tax_id": taxes[company].id,
                    "fiscal_position_id": positions[company, kind].id
                    if positions[company, kind]
                    else False,
                    # No mandate yet: no direct debit.
                    "payment_mode_id": False,
                }
            )
        return (
            self.with_context(
                clean_context(self.env.context),
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                tracking_disable=True,
            )
            .sudo()
            .create(vals_list)
            .sudo(False)
        )

    # -- invoicing -------------------------------------------------------------------
    def _invoice_period(self, run_date):
        """The period an invoice run on ``run_date`` covers for this site."""
        self.ensure_one()
        return sw_billing.invoice_period(run_date, self.periodicity, self.period_format)

    def _invoice_journal(self):
        """The company's sales journal, where the site's invoices go."""
        self.ensure_one()
        Journal = self.env["account.journal"].sudo()
        return Journal.search(
            [*Journal._check_company_domain(self.company_id), ("type", "=", "sale")],
            limit=1,
        )

    # -- lifecycle -------------------------------------------------------------------
    def _terminate(self, termination_date):
        terminated = self.filtered(lambda site: site.state == "terminated")
        if terminated:
            raise UserError(
                self.env._(
                    "%(site)s is already terminated.", site=terminated[0].display_name
                )
            )
        self.write({"state": "terminated", "termination_date": termination_date})
        return True

    def action_open_terminate_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Terminate"),
            "res_model": "softwhere.billing.site.terminate",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_reactivate(self):
        active = self.filtered(lambda site: site.state == "active")
        if active:
            raise UserError(
                self.env._("%(site)s is not terminated.", site=active[0].display_name)
            )
        self.write({"state": "active", "termination_date": False})
        return True

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [
            ("billing_site_id", "=", self.id),
            ("move_type", "in", ("out_invoice", "out_refund")),
        ]
        action["context"] = {
            "default_move_type": "out_invoice",
            "default_partner_id": self.invoice_partner_id.id,
            "default_billing_site_id": self.id,
        }
        return action

    def _invoice_taxes(self):
        """The site's VAT as its fiscal position maps it."""
        self.ensure_one()
        return self.fiscal_position_id.map_tax(self.tax_id)
