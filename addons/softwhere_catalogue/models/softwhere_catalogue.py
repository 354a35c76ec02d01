# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

SERVICE_TYPES = [
    ("fixe", "Fixed"),
    ("internet", "Internet"),
    ("fixe_internet", "Fixed and Internet"),
    ("mobile", "Mobile"),
    ("cybersecurite", "Cybersecurity"),
]
PLATFORMS = [
    ("none", "None"),
    ("snaic", "SNAIC"),
    ("alphalink", "Alphalink"),
]


class SoftwhereCatalogue(models.Model):
    """An operator's catalogue: the articles the reseller sells on its lines."""

    _name = "softwhere.catalogue"
    _description = "Operator catalogue"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(
        string="Reference",
        required=True,
        tracking=True,
        help="Key of the catalogue, unique in the company (the key of the "
        "reference catalogues shared with the simulators).",
    )
    operator_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain=[("is_company", "=", True)],
        help="The supplier whose offers the catalogue resells: its purchase "
        "prices are the planned purchase prices of the articles.",
    )
    service_type = fields.Selection(
        SERVICE_TYPES,
        string="Service type",
        required=True,
        index=True,
        tracking=True,
    )
    white_label_id = fields.Many2one(
        "softwhere.white.label",
        string="White label",
        default=lambda self: self._default_white_label(),
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    platform = fields.Selection(
        PLATFORMS,
        string="Supplier platform",
        required=True,
        default="none",
        tracking=True,
        help="The supplier platform that provisions the lines of this "
        "catalogue and lists them for the reconciliation.",
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    article_ids = fields.One2many("product.template", "catalogue_id", string="Articles")
    article_count = fields.Integer(
        string="Number of articles", compute="_compute_article_count"
    )

    _code_unique = models.Constraint(
        "UNIQUE (company_id, code)",
        "Another catalogue of the company already has this reference.",
    )

    @api.model
    def _default_white_label(self):
        return self.env.ref(
            "softwhere_client.white_label_actif_telecom", raise_if_not_found=False
        )

    @api.depends("article_ids")
    def _compute_article_count(self):
        counts = dict(
            self.env["product.template"]._read_group(
                [("catalogue_id", "in", self.ids)], ["catalogue_id"], ["__count"]
            )
        )
        for catalogue in self:
            catalogue.article_count = counts.get(catalogue, 0)

    def _field_label(self, field_name):
        return self._fields[field_name]._description_string(self.env)

    # -- CRUD --------------------------------------------------------------------------
    def _check_codes_available(self, entries):
        """Refuse a reference already used in the company, naming the other catalogue.

        ``entries``: (name, code, company id, catalogue id or None). The unique
        constraint guards the database; this says which catalogue holds the code.
        """
        entries = [entry for entry in entries if entry[1]]
        if not entries:
            return
        seen = {}
        taken = {
            (other.code, other.company_id.id): other.display_name
            for other in self.with_context(active_test=False).search(
                [("code", "in", [entry[1] for entry in entries])]
            )
            if other.id not in {entry[3] for entry in entries}
        }
        for name, code, company_id, _catalogue_id in entries:
            other = seen.get((code, company_id)) or taken.get((code, company_id))
            if other:
                raise ValidationError(
                    self.env._(
                        "%(record)s: the field “%(field)s” holds “%(code)s”, "
                        "already the one of the catalogue %(other)s.",
                        record=name,
                        field=self._field_label("code"),
                        code=code,
                        other=other,
                    )
                )
            seen[code, company_id] = name

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code"):
                vals["code"] = vals["code"].strip()
        self._check_codes_available(
            [
                (
                    vals.get("name") or "",
                    vals.get("code"),
                    vals.get("company_id") or self.env.company.id,
                    None,
                )
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("code"):
            vals = dict(vals, code=vals["code"].strip())
        if "code" in vals or "company_id" in vals:
            self._check_codes_available(
                [
                    (
                        catalogue.display_name,
                        vals.get("code", catalogue.code),
                        vals.get("company_id", catalogue.company_id.id),
                        catalogue.id,
                    )
                    for catalogue in self
                ]
            )
        result = super().write(vals)
        if "active" in vals:
            # An archived catalogue takes its articles with it, and brings them back.
            articles = (
                self.env["product.template"]
                .with_context(active_test=False)
                .search(
                    [
                        ("catalogue_id", "in", self.ids),
                        ("active", "!=", vals["active"]),
                    ]
                )
            )
            articles.write({"active": vals["active"]})
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_articles(self):
        for catalogue in self:
            count = (
                self.env["product.template"]
                .with_context(active_test=False)
                .search_count([("catalogue_id", "=", catalogue.id)])
            )
            if count:
                raise UserError(
                    self.env._(
                        "%(record)s still holds %(count)s article(s): archive the "
                        "catalogue instead of deleting it.",
                        record=catalogue.display_name,
                        count=count,
                    )
                )

    # -- actions -----------------------------------------------------------------------
    def action_view_articles(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_catalogue.product_template_article_action"
        )
        action["domain"] = [("catalogue_id", "=", self.id)]
        action["context"] = {
            "default_catalogue_id": self.id,
            "default_softwhere_kind": "subscription",
        }
        return action

    # -- public interface --------------------------------------------------------------
    @api.model
    def _articles_by_label(self, labels=None):
        """{article label: product.product} of the catalogue articles, in one query.

        The label is the article's name (the Cfast ``articleLabel``, the
        ``label`` column of the reference CSV). ``labels`` narrows the result to
        these labels; archived articles are included, an active article winning
        over an archived one of the same label.
        """
        Product = self.env["product.product"].with_context(active_test=False)
        domain = [("catalogue_id", "!=", False)]
        if labels is not None:
            labels = list({label for label in labels if label})
            if not labels:
                return {}
            domain.append(("name", "in", labels))
        query = Product._search(domain)
        rows = self.env.execute_query(
            query.select(
                SQL.identifier(query.table, "id"),
                Product._field_to_sql(query.table, "name", query),
                Product._field_to_sql(query.table, "active", query),
            )
        )
        articles = {}
        # Archived first, then the active ones overwrite them.
        for product_id, name, _active in sorted(rows, key=lambda r: (r[2], -r[0])):
            articles[name] = Product.browse(product_id)
        return articles
