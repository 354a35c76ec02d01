# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .softwhere_line import park_date
from .softwhere_service import SERVED_TYPES

ARTICLE_STATES = [("planned", "Planned"), ("active", "Active"), ("ended", "Ended")]


def overlapping_pair(rows, mine_ids):
    """(mine, other): two subscriptions of one line at a date, one of ``mine_ids``.

    ``rows``: (line, id, start, end or None) ordered by line and start. Within a
    line, a subscription overlaps the one ending last before it when that one
    ends on or after its start (ends are included, None is open-ended).
    """
    current_line = latest = None
    for line_id, article_id, start, end in rows:
        if line_id != current_line:
            current_line, latest = line_id, None
        overlaps = latest is not None and (latest[1] is None or latest[1] >= start)
        if overlaps and mine_ids.intersection((article_id, latest[0])):
            if article_id in mine_ids:
                return article_id, latest[0]
            return latest[0], article_id
        if latest is None or _ends_later(end, latest[1]):
            latest = (article_id, end)
    return None


def _ends_later(end, other_end):
    if other_end is None:
        return False
    return end is None or end > other_end


class SoftwhereLineArticle(models.Model):
    """A subscription or option of a line from one date to another."""

    _name = "softwhere.line.article"
    _description = "Subscription or option of a line"
    _order = "line_id, date_start desc, id desc"
    _rec_name = "label"

    line_id = fields.Many2one(
        "softwhere.line",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="line_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        string="Article",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("catalogue_id", "!=", False)],
    )
    catalogue_id = fields.Many2one(related="product_id.catalogue_id")
    kind = fields.Selection(related="product_id.softwhere_kind", store=True)
    is_periodic = fields.Boolean(related="product_id.is_periodic", store=True)
    label = fields.Char(
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    sale_price = fields.Monetary(
        string="Sale price",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
        help="Monthly for a subscription or an option (Cfast articlePeriodicPrice).",
    )
    purchase_price = fields.Monetary(
        string="Planned purchase price",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
        help="What the operator should charge (Cfast periodicBuyPrice).",
    )
    quantity = fields.Integer(
        default=1,
        required=True,
        help="Cfast quantity: the invoice line's quantity, the prorata applying "
        "to the unit price.",
    )
    margin = fields.Monetary(compute="_compute_margin")
    date_start = fields.Date(string="Start", required=True, index=True)
    date_end = fields.Date(string="End", index="btree_not_null")
    state = fields.Selection(
        ARTICLE_STATES,
        compute="_compute_state",
        search="_search_state",
    )

    # -- computes --------------------------------------------------------------------
    @api.depends("product_id")
    def _compute_from_product(self):
        for article in self:
            product = article.product_id
            article.label = product.name
            article.sale_price = product.list_price
            article.purchase_price = product.planned_purchase_price

    @api.depends("sale_price", "purchase_price")
    def _compute_margin(self):
        for article in self:
            article.margin = article.sale_price - article.purchase_price

    @api.depends("date_start", "date_end")
    @api.depends_context("date")
    def _compute_state(self):
        day = park_date(self)
        for article in self:
            if article.date_start and article.date_start > day:
                article.state = "planned"
            elif article.date_end and article.date_end < day:
                article.state = "ended"
            else:
                article.state = "active"

    def _search_state(self, operator, value):
        if operator not in ("=", "in"):
            return NotImplemented
        states = [value] if operator == "=" else list(value)
        day = park_date(self)
        domains = {
            "planned": [("date_start", ">", day)],
            "ended": [("date_end", "<", day)],
            "active": [
                ("date_start", "<=", day),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", day),
            ],
        }
        result = []
        for state in states:
            result = ["|", *result, *domains[state]] if result else domains[state]
        return result or [("id", "=", False)]

    def _in_force_on(self, day):
        self.ensure_one()
        return bool(self.date_start) and (
            self.date_start <= day and (not self.date_end or self.date_end >= day)
        )

    # -- CRUD ------------------------------------------------------------------------
    # A terminated site whose park changes is looked at again by the next run.
    @api.model_create_multi
    def create(self, vals_list):
        articles = super().create(vals_list)
        articles.line_id.billing_site_id._park_mark_recheck()
        return articles

    def write(self, vals):
        sites = self.line_id.billing_site_id
        result = super().write(vals)
        (sites | self.line_id.billing_site_id)._park_mark_recheck()
        return result

    def unlink(self):
        self.line_id.billing_site_id._park_mark_recheck()
        return super().unlink()

    # -- constraints -----------------------------------------------------------------
    def _raise(self, field_name, message, **args):
        raise ValidationError(
            self.env._(
                "Line %(line)s, field “%(field)s”: %(message)s",
                line=self.line_id.display_name,
                field=self._fields[field_name]._description_string(self.env),
                message=message,
            )
        )

    @api.constrains("quantity")
    def _check_quantity(self):
        for article in self:
            if article.quantity < 1:
                article._raise(
                    "quantity",
                    self.env._(
                        "%(label)s: the quantity must be at least 1.",
                        label=article.label,
                    ),
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for article in self:
            if article.date_end and article.date_end < article.date_start:
                article._raise(
                    "date_end",
                    self.env._(
                        "%(label)s ends on %(end)s, before its start on %(start)s.",
                        label=article.label,
                        end=fields.Date.to_string(article.date_end),
                        start=fields.Date.to_string(article.date_start),
                    ),
                )

    @api.constrains("product_id", "line_id")
    def _check_catalogue_service_type(self):
        for article in self:
            catalogue = article.product_id.catalogue_id
            service_type = article.line_id.service_id.service_type
            if not catalogue:
                article._raise(
                    "product_id",
                    self.env._(
                        "%(label)s is in no operator catalogue.", label=article.label
                    ),
                )
            if service_type not in SERVED_TYPES.get(catalogue.service_type, ()):
                article._raise(
                    "product_id",
                    self.env._(
                        "%(label)s comes from the catalogue %(catalogue)s, which "
                        "does not serve %(type)s services.",
                        label=article.label,
                        catalogue=catalogue.display_name,
                        type=dict(
                            article.line_id.service_id._fields[
                                "service_type"
                            ]._description_selection(self.env)
                        ).get(service_type),
                    ),
                )

    @api.constrains("date_start", "date_end", "product_id", "line_id")
    def _check_one_subscription_at_a_time(self):
        subscriptions = self.filtered(lambda article: article.kind == "subscription")
        if not subscriptions:
            return
        self.flush_model(["line_id", "date_start", "date_end", "kind"])
        # One query for the whole batch (a sync or an import checks thousands),
        # the overlaps found here: a self-join on date ranges is quadratic
        # whenever PostgreSQL has no statistics yet, as in a first sync.
        self.env.cr.execute(
            """
            SELECT line_id, id, date_start, date_end
              FROM softwhere_line_article
             WHERE kind = 'subscription' AND line_id IN %s
             ORDER BY line_id, date_start, id
            """,
            [tuple(set(subscriptions.line_id.ids))],
        )
        row = overlapping_pair(self.env.cr.fetchall(), set(subscriptions.ids))
        if row:
            mine, other = self.browse(row)
            mine._raise(
                "date_start",
                self.env._(
                    "%(label)s (from %(start)s) overlaps %(other)s (from "
                    "%(other_start)s): a line has one subscription at a date.",
                    label=mine.label,
                    start=fields.Date.to_string(mine.date_start),
                    other=other.label,
                    other_start=fields.Date.to_string(other.date_start),
                ),
            )
