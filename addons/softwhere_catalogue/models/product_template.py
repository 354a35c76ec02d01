# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.softwhere_client.orm import changed_values

ARTICLE_KINDS = [
    ("subscription", "Subscription"),
    ("option", "Option"),
    ("one_off", "One-off option"),
    ("hardware", "Hardware or one-off fee"),
]
#: Kinds billed every period; the others are billed once.
PERIODIC_KINDS = ("subscription", "option")
#: The article fields kept in the catalogue operator's product.supplierinfo.
SUPPLIERINFO_FIELDS = {
    "planned_purchase_price": "price",
    "supplier_article_code": "product_code",
    "supplier_article_label": "product_name",
}


def product_type_of(kind):
    """Hardware is goods; subscriptions, options and one-off options are services."""
    return "consu" if kind == "hardware" else "service"


class ProductTemplate(models.Model):
    """An article of an operator catalogue (its variant is the article itself)."""

    _inherit = "product.template"

    catalogue_id = fields.Many2one(
        "softwhere.catalogue",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        check_company=True,
        help="The operator catalogue this article belongs to.",
    )
    softwhere_kind = fields.Selection(
        ARTICLE_KINDS,
        string="Article kind",
        index="btree_not_null",
        tracking=True,
        help="Subscription and option: billed every period at the sale price. "
        "One-off option (a data top-up) and hardware or one-off fee (a "
        "smartphone, porting fees): billed once.",
    )
    is_periodic = fields.Boolean(
        string="Periodic",
        compute="_compute_is_periodic",
        store=True,
        help="Billed every period (subscriptions and options).",
    )
    operator_id = fields.Many2one(
        related="catalogue_id.operator_id",
        string="Operator",
        store=True,
        index="btree_not_null",
    )
    softwhere_service_type = fields.Selection(
        related="catalogue_id.service_type", string="Service type", store=True
    )
    planned_purchase_price = fields.Float(
        string="Planned purchase price",
        digits="Product Price",
        compute="_compute_operator_supplierinfo",
        inverse="_inverse_operator_supplierinfo",
        store=True,
        readonly=False,
        tracking=True,
        help="What the operator charges for the article (monthly for a "
        "subscription or an option), kept as the operator's vendor price "
        "(Cfast periodicBuyPrice).",
    )
    supplier_article_code = fields.Char(
        string="Supplier article code",
        compute="_compute_operator_supplierinfo",
        inverse="_inverse_operator_supplierinfo",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="The operator's own code of the article, kept as the vendor product code.",
    )
    supplier_article_label = fields.Char(
        string="Supplier article label",
        compute="_compute_operator_supplierinfo",
        inverse="_inverse_operator_supplierinfo",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="The operator's own label of the article, kept as the vendor "
        "product name: the reconciliation matches the supplier's park on it.",
    )
    softwhere_margin = fields.Float(
        string="Margin",
        digits="Product Price",
        compute="_compute_margin",
        store=True,
        help="Sale price minus planned purchase price.",
    )
    softwhere_margin_rate = fields.Float(
        string="Margin (%)",
        digits=(16, 2),
        compute="_compute_margin",
        store=True,
        aggregator="avg",
        help="The margin as a share of the sale price.",
    )

    # -- computes ----------------------------------------------------------------------
    @api.depends("softwhere_kind")
    def _compute_is_periodic(self):
        for template in self:
            template.is_periodic = template.softwhere_kind in PERIODIC_KINDS

    def _operator_seller(self):
        """The catalogue operator's vendor price of the article, if any."""
        self.ensure_one()
        operator = self.catalogue_id.operator_id
        # Every vendor price of the article (archived or not) is one of its own.
        sellers = self.variant_seller_ids.filtered(
            lambda s: operator and s.partner_id == operator
        )
        own = sellers.filtered(lambda s: s.company_id == self.company_id)
        shared = sellers.filtered(lambda s: not s.company_id)
        return (own or shared or sellers)[:1]

    @api.depends(
        "catalogue_id.operator_id",
        "company_id",
        "variant_seller_ids.partner_id",
        "variant_seller_ids.company_id",
        "variant_seller_ids.product_id",
        "variant_seller_ids.sequence",
        "variant_seller_ids.min_qty",
        "variant_seller_ids.price",
        "variant_seller_ids.product_code",
        "variant_seller_ids.product_name",
    )
    def _compute_operator_supplierinfo(self):
        for template in self:
            seller = template._operator_seller()
            for name, seller_field in SUPPLIERINFO_FIELDS.items():
                template[name] = seller[seller_field]

    def _inverse_operator_supplierinfo(self):
        to_create = []
        for template in self:
            values = {
                "price": template.planned_purchase_price,
                "product_code": template.supplier_article_code or False,
                "product_name": template.supplier_article_label or False,
            }
            seller = template._operator_seller()
            if seller:
                changed = changed_values(seller, values)
                if changed:
                    seller.write(changed)
                continue
            if not any(values.values()):
                continue
            operator = template.catalogue_id.operator_id
            if not operator:
                name = next(n for n, f in SUPPLIERINFO_FIELDS.items() if values[f])
                raise ValidationError(
                    self.env._(
                        "%(record)s: the field “%(field)s” needs a catalogue first: "
                        "its operator is the supplier of the article.",
                        record=template.display_name,
                        field=template._field_label(name),
                    )
                )
            company = template.company_id
            to_create.append(
                dict(
                    values,
                    partner_id=operator.id,
                    product_tmpl_id=template.id,
                    company_id=company.id,
                    currency_id=(company or self.env.company).currency_id.id,
                    min_qty=0.0,
                )
            )
        if to_create:
            self.env["product.supplierinfo"].create(to_create)

    @api.depends("catalogue_id", "list_price", "planned_purchase_price")
    def _compute_margin(self):
        for template in self:
            if not template.catalogue_id:
                template.softwhere_margin = template.softwhere_margin_rate = 0.0
                continue
            template.softwhere_margin = (
                template.list_price - template.planned_purchase_price
            )
            template.softwhere_margin_rate = (
                template.softwhere_margin / template.list_price * 100
                if template.list_price
                else 0.0
            )

    def _field_label(self, field_name):
        return self._fields[field_name]._description_string(self.env)

    # -- onchanges ---------------------------------------------------------------------
    @api.onchange("softwhere_kind")
    def _onchange_softwhere_kind(self):
        if self.softwhere_kind:
            self.type = product_type_of(self.softwhere_kind)

    @api.onchange("catalogue_id")
    def _onchange_catalogue_id(self):
        if self.catalogue_id:
            self.company_id = self.catalogue_id.company_id

    # -- constraints -------------------------------------------------------------------
    @api.constrains("catalogue_id", "softwhere_kind")
    def _check_catalogue_and_kind(self):
        for template in self:
            if template.softwhere_kind and not template.catalogue_id:
                raise ValidationError(
                    self.env._(
                        "%(record)s: the field “%(field)s” is required for an "
                        "article of kind “%(kind)s”.",
                        record=template.display_name,
                        field=template._field_label("catalogue_id"),
                        kind=dict(
                            template._fields["softwhere_kind"]._description_selection(
                                self.env
                            )
                        )[template.softwhere_kind],
                    )
                )
            if template.catalogue_id and not template.softwhere_kind:
                raise ValidationError(
                    self.env._(
                        "%(record)s: the field “%(field)s” is required for an "
                        "article of the catalogue %(catalogue)s.",
                        record=template.display_name,
                        field=template._field_label("softwhere_kind"),
                        catalogue=template.catalogue_id.display_name,
                    )
                )

    @api.constrains("softwhere_kind", "type")
    def _check_kind_and_type(self):
        for template in self:
            kind = template.softwhere_kind
            if kind and template.type != product_type_of(kind):
                raise ValidationError(
                    self.env._(
                        "%(record)s: the field “%(field)s” must be “Goods” for "
                        "hardware and “Service” for the other kinds of article.",
                        record=template.display_name,
                        field=template._field_label("type"),
                    )
                )

    @api.constrains("catalogue_id", "list_price", "planned_purchase_price")
    def _check_article_prices(self):
        for template in self.filtered("catalogue_id"):
            for name in ("list_price", "planned_purchase_price"):
                if template[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "%(record)s: the field “%(field)s” cannot be negative "
                            "(%(price)s given).",
                            record=template.display_name,
                            field=template._field_label(name),
                            price=template[name],
                        )
                    )

    @api.constrains("name", "catalogue_id", "company_id", "active")
    def _check_article_label_unique(self):
        """One active article per label and company: the syncs match on it."""
        articles = self.filtered(lambda t: t.catalogue_id and t.active)
        if not articles:
            return
        same_labels = self.search(
            [
                ("catalogue_id", "!=", False),
                ("name", "in", list(set(articles.mapped("name")))),
            ]
        )
        by_key = defaultdict(list)
        for template in same_labels:
            by_key[template.name, template.company_id.id].append(template)
        for template in articles:
            others = [
                other
                for other in by_key[template.name, template.company_id.id]
                if other != template
            ]
            if others:
                raise ValidationError(
                    self.env._(
                        "%(record)s: the field “%(field)s” is already the label of "
                        "the article %(other)s (catalogue %(catalogue)s); article "
                        "labels are unique.",
                        record=template.display_name,
                        field=template._field_label("name"),
                        other=others[0].display_name,
                        catalogue=others[0].catalogue_id.display_name,
                    )
                )

    # -- CRUD --------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        catalogue_ids = {v["catalogue_id"] for v in vals_list if v.get("catalogue_id")}
        catalogues = self.env["softwhere.catalogue"].browse(catalogue_ids)
        companies = {c.id: c.company_id.id for c in catalogues}
        for vals in vals_list:
            if vals.get("softwhere_kind") and "type" not in vals:
                vals["type"] = product_type_of(vals["softwhere_kind"])
            if vals.get("catalogue_id") and not vals.get("company_id"):
                vals["company_id"] = companies[vals["catalogue_id"]]
        templates = super().create(vals_list)
        templates._softwhere_apply_reference_taxes()
        return templates

    def write(self, vals):
        if vals.get("softwhere_kind") and "type" not in vals:
            vals = dict(vals, type=product_type_of(vals["softwhere_kind"]))
        if vals.get("catalogue_id"):
            catalogue = self.env["softwhere.catalogue"].browse(vals["catalogue_id"])
            self._check_operator_change(catalogue)
            if "company_id" not in vals:
                vals = dict(vals, company_id=catalogue.company_id.id)
        result = super().write(vals)
        if vals.get("softwhere_kind") or vals.get("catalogue_id"):
            self._softwhere_apply_reference_taxes()
        return result

    def _softwhere_apply_reference_taxes(self):
        """The French 20 % sale tax of their kind on catalogue articles.

        Only where the article's company has the French chart of accounts, and
        only over taxes set automatically (none, the company's default sale tax,
        or the French tax of another kind): a tax chosen by hand is kept.
        """
        Catalogue = self.env["softwhere.catalogue"]
        articles = self.sudo().filtered(lambda t: t.catalogue_id and t.softwhere_kind)
        for template in articles:
            company = template.company_id or template.catalogue_id.company_id
            tax = Catalogue._reference_taxes(company, template.softwhere_kind)
            if not tax:
                continue
            automatic = (
                company.account_sale_tax_id
                | Catalogue._reference_taxes(company, "subscription")
                | Catalogue._reference_taxes(company, "hardware")
            )
            company_taxes = template.taxes_id.filtered(
                lambda t, c=company: t.company_id == c
            )
            if company_taxes == tax or company_taxes - automatic:
                continue
            template.taxes_id = [
                *(Command.unlink(t.id) for t in company_taxes),
                Command.link(tax.id),
            ]

    def _check_operator_change(self, catalogue):
        """A used article keeps its operator: its lines were ordered from it."""
        moving = self.filtered(
            lambda t: t.catalogue_id and t.operator_id != catalogue.operator_id
        )
        for template in moving._softwhere_used_articles():
            raise ValidationError(
                self.env._(
                    "%(record)s: the field “%(field)s” cannot change to %(catalogue)s: "
                    "the article is already used, and its operator would change "
                    "from %(old)s to %(new)s.",
                    record=template.display_name,
                    field=template._field_label("catalogue_id"),
                    catalogue=catalogue.display_name,
                    old=template.operator_id.display_name,
                    new=catalogue.operator_id.display_name,
                )
            )

    def _softwhere_used_articles(self):
        """The articles among these that are already used: on an invoice line.

        The addons that put articles on lines (the park) add their own uses.
        """
        if not self:
            return self
        products = self.with_context(active_test=False).product_variant_ids
        used = (
            self.env["account.move.line"]
            .sudo()
            ._read_group([("product_id", "in", products.ids)], ["product_id"])
        )
        used_templates = {product.product_tmpl_id for (product,) in used}
        return self.filtered(lambda t: t in used_templates)
