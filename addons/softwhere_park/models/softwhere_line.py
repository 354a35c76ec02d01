# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from softwhere_lib import phone as sw_phone
from softwhere_lib.vocabulary import ENDED_LINE_ACTIVITIES

from .softwhere_service import SERVED_TYPES

LINE_ACTIVITIES = [
    ("active", "Active"),
    ("inactive", "Inactive"),
    ("terminated", "Terminated"),
    ("obsolete", "Obsolete"),
    ("building", "Under construction"),
]
#: A line's fields that change what its billing site is due.
BILLING_FIELDS = {
    "activity",
    "termination_date",
    "activation_date",
    "never_activated",
    "service_id",
    "article_ids",
}
NUMBER_KINDS = [
    ("mobile", "Mobile"),
    ("voip", "VoIP"),
    ("geographic", "Geographic"),
    ("m2m", "M2M"),
]


def park_date(records):
    """The day the park is looked at: the context's ``date``, else today."""
    day = records.env.context.get("date")
    return fields.Date.to_date(day) if day else fields.Date.context_today(records)


class SoftwhereLine(models.Model):
    """A line of the park (a Cfast service): a number and its plan over time."""

    _name = "softwhere.line"
    _description = "Line"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "service_id, name, id"
    _check_company_auto = True

    name = fields.Char(
        string="Number",
        required=True,
        index="trigram",
        tracking=True,
        help="French 06, 07, 09 or 01 to 05 number, or 14-digit M2M number; "
        "stored in the national form (0612345678).",
    )
    number_e164 = fields.Char(string="International number", readonly=True)
    number_kind = fields.Selection(NUMBER_KINDS, readonly=True, string="Number kind")
    service_id = fields.Many2one(
        "softwhere.service",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    service_type = fields.Selection(related="service_id.service_type", store=True)
    partner_id = fields.Many2one(
        related="service_id.partner_id", store=True, index=True, string="Customer"
    )
    customer_reference = fields.Char(related="partner_id.customer_reference")
    billing_site_id = fields.Many2one(
        string="Billing site",
        related="service_id.billing_site_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(related="service_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    first_name = fields.Char(string="User first name")
    last_name = fields.Char(string="User last name", help="Cfast lastName.")
    activity = fields.Selection(
        LINE_ACTIVITIES,
        required=True,
        default="active",
        index=True,
        tracking=True,
    )
    termination_date = fields.Date(copy=False, string="Termination date")
    activation_date = fields.Date(
        copy=False,
        string="Activation date",
        tracking=True,
        help="The day the line left construction: its subscriptions and options "
        "are billed from it, not from their start.",
    )
    never_activated = fields.Boolean(
        readonly=True,
        copy=False,
        help="Terminated while under construction: nothing of the line is billed, "
        "neither its subscriptions nor its one-off fees.",
    )
    hide_called_numbers = fields.Boolean(
        string="Hide called numbers",
        default=True,
        help="The last digits of called numbers are hidden on the detailed bill.",
    )
    cfast_service_id = fields.Integer(
        string="Cfast service ID", copy=False, index="btree_not_null"
    )
    service_label = fields.Char(
        string="Cfast service label", help="Cfast serviceLabel: the number there."
    )
    article_ids = fields.One2many(
        "softwhere.line.article", "line_id", string="Subscriptions and options"
    )
    subscription_id = fields.Many2one(
        "softwhere.line.article",
        compute="_compute_subscription_id",
        help="The subscription in force today.",
    )
    operator_id = fields.Many2one(
        "res.partner",
        compute="_compute_operator_id",
        store=True,
        index=True,
        help="The operator of the line's latest subscription.",
    )
    catalogue_ids = fields.Many2many(
        "softwhere.catalogue",
        string="Catalogues offered",
        compute="_compute_catalogue_ids",
        help="The catalogues serving the service's type whose articles the line "
        "is offered; once it has an operator, that operator's only.",
    )
    monthly_sale_total = fields.Monetary(
        string="Monthly sales", compute="_compute_monthly_totals"
    )
    monthly_purchase_total = fields.Monetary(
        string="Monthly purchases", compute="_compute_monthly_totals"
    )
    monthly_margin = fields.Monetary(
        compute="_compute_monthly_totals", string="Monthly margin"
    )

    _cfast_service_unique = models.UniqueIndex(
        "(company_id, cfast_service_id) WHERE cfast_service_id <> 0",
        "Another line of this company already has this Cfast service ID.",
    )
    _live_number_unique = models.UniqueIndex(
        "(company_id, name) WHERE activity NOT IN ('terminated', 'obsolete')",
        "Another live line of this company already has this number.",
    )

    # -- computes --------------------------------------------------------------------
    @api.depends("article_ids.date_start", "article_ids.date_end")
    @api.depends_context("date")
    def _compute_subscription_id(self):
        day = park_date(self)
        for line in self:
            line.subscription_id = line.article_ids.filtered(
                lambda article: article.kind == "subscription"
                and article._in_force_on(day)
            )[:1]

    @api.depends("article_ids.date_start", "article_ids.product_id.operator_id")
    def _compute_operator_id(self):
        for line in self:
            subscriptions = (
                line.article_ids.filtered(
                    lambda article: article.kind == "subscription"
                )
                or line.article_ids
            )
            # Rows being edited in a form have no id nor date yet.
            latest = subscriptions.sorted(
                lambda a: (a.date_start or date.min, a._origin.id or 0)
            )[-1:]
            line.operator_id = latest.product_id.operator_id

    @api.depends("service_id.service_type", "company_id", "operator_id")
    def _compute_catalogue_ids(self):
        for line in self:
            catalogues = line._serving_catalogues()
            if line.operator_id:
                catalogues = catalogues.filtered(
                    lambda catalogue, line=line: (
                        catalogue.operator_id == line.operator_id
                    )
                )
            line.catalogue_ids = catalogues

    def _serving_catalogues(self):
        """The catalogues whose articles may go on the line (one, or none): its
        service type's."""
        service_type = self.service_id.service_type
        return self.env["softwhere.catalogue"].search(
            [
                (
                    "service_type",
                    "in",
                    [
                        catalogue_type
                        for catalogue_type, served in SERVED_TYPES.items()
                        if service_type in served
                    ],
                ),
                ("company_id", "in", [False, (self.company_id or self.env.company).id]),
            ]
        )

    @api.depends(
        "article_ids.date_start",
        "article_ids.date_end",
        "article_ids.sale_price",
        "article_ids.purchase_price",
    )
    @api.depends_context("date")
    def _compute_monthly_totals(self):
        day = park_date(self)
        for line in self:
            in_force = line.article_ids.filtered(
                lambda article: article.is_periodic and article._in_force_on(day)
            )
            line.monthly_sale_total = sum(in_force.mapped("sale_price"))
            line.monthly_purchase_total = sum(in_force.mapped("purchase_price"))
            line.monthly_margin = line.monthly_sale_total - line.monthly_purchase_total

    @api.depends("name", "first_name", "last_name")
    def _compute_display_name(self):
        for line in self:
            user = " ".join(filter(None, (line.first_name, line.last_name)))
            line.display_name = f"{line.name} ({user})" if user else line.name or ""

    @api.model
    def _search_display_name(self, operator, value):
        """A number is found from any usual spelling, a user from a name."""
        if operator in ("ilike", "=ilike", "=", "like") and isinstance(value, str):
            key = sw_phone.search_key(value)
            name_domain = [
                "|",
                ("first_name", operator, value),
                ("last_name", operator, value),
            ]
            if key:
                return ["|", ("name", "ilike", key), *name_domain]
            return name_domain
        return super()._search_display_name(operator, value)

    # -- numbers ---------------------------------------------------------------------
    def _field_label(self, field_name):
        return self._fields[field_name]._description_string(self.env)

    @api.model
    def _number_values(self, text, line_label=None):
        """The stored number fields from what the user typed, or a French error."""
        try:
            number = sw_phone.line_number(text)
        except sw_phone.InvalidNumber as error:
            raise ValidationError(
                self.env._(
                    "Line %(line)s, field “%(field)s”: %(error)s",
                    line=line_label or text,
                    field=self._field_label("name"),
                    error=str(error),
                )
            ) from None
        return {
            "name": number.national,
            "number_e164": number.e164,
            "number_kind": number.kind,
        }

    def _check_numbers_free(self, entries):
        """Refuse a number a live line of the company already has.

        ``entries``: (number, company id, line id or None) of live lines. The unique
        index guards the database; this names the other line.
        """
        seen = set()
        for number, company_id, _line_id in entries:
            if (number, company_id) in seen:
                self._raise_number_taken(number, number)
            seen.add((number, company_id))
        if not entries:
            return
        self.flush_model(["name", "company_id", "activity"])
        # Past record rules, as the partial unique index sees the table: a line
        # the user may not read still holds its number. One query a batch.
        self.env.cr.execute(
            """
            SELECT name, company_id, id
              FROM softwhere_line
             WHERE name IN %s AND activity NOT IN %s
            """,
            [tuple({entry[0] for entry in entries}), ENDED_LINE_ACTIVITIES],
        )
        taken = {(name, company): lid for name, company, lid in self.env.cr.fetchall()}
        for number, company_id, line_id in entries:
            other_id = taken.get((number, company_id))
            if other_id and other_id != line_id:
                other = self.sudo().browse(other_id)
                self._raise_number_taken(
                    number,
                    f"{other.partner_id.display_name} / "
                    f"{other.service_id.display_name}",
                )

    def _raise_number_taken(self, number, other):
        raise ValidationError(
            self.env._(
                "Line %(line)s, field “%(field)s”: this number is already the one "
                "of a live line (%(other)s).",
                line=number,
                field=self._field_label("name"),
                other=other,
            )
        )

    # -- CRUD ------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        services = self.env["softwhere.service"].browse(
            {vals["service_id"] for vals in vals_list if vals.get("service_id")}
        )
        company_of = {service.id: service.company_id.id for service in services}
        entries = []
        for vals in vals_list:
            if vals.get("activity") in ENDED_LINE_ACTIVITIES and not vals.get(
                "termination_date"
            ):
                vals["termination_date"] = park_date(self)
            if "name" in vals:
                vals.update(self._number_values(vals["name"]))
            if vals.get("activity", "active") not in ENDED_LINE_ACTIVITIES and vals.get(
                "name"
            ):
                company_id = company_of.get(vals.get("service_id"))
                entries.append((vals["name"], company_id, None))
        self._check_numbers_free(entries)
        lines = super().create(vals_list)
        lines.billing_site_id._park_mark_recheck()
        return lines

    def write(self, vals):
        if "activity" in vals and "termination_date" not in vals:
            # Billing stops at the termination date: a line that dies gets
            # today's, a line that comes back to life loses its old one.
            dying = vals["activity"] in ENDED_LINE_ACTIVITIES
            changing = self.filtered(
                lambda line: (line.activity in ENDED_LINE_ACTIVITIES) != dying
            )
            if changing:
                today = park_date(self)
                changing.write({"termination_date": today if dying else False})
        if vals.get("activity") in ENDED_LINE_ACTIVITIES:
            # An order cancelled before the line ever worked bills nothing. Odoo
            # sees only what the sync saw: a line that went live and ended
            # between two syncs was billed, or has its activation date.
            building = self.filtered(
                lambda line: line.activity == "building" and not line.activation_date
            )
            if building:
                billed, _first = building.billing_site_id._park_billed_amounts()
                ever_billed = {
                    key[0]
                    for amounts in billed.values()
                    for key, amount in amounts.items()
                    if amount
                }
                building.filtered(lambda line: line.id not in ever_billed).write(
                    {"never_activated": True}
                )
        elif vals.get("activity") in ("active", "inactive"):
            # Days in construction are not billed, even once the line works:
            # billing starts the day it left construction.
            waiting = self.filtered(
                lambda line: line.activity == "building" or line.never_activated
            )
            if "activation_date" not in vals:
                waiting.write({"activation_date": park_date(self)})
            waiting.filtered("never_activated").write({"never_activated": False})
        if "name" in vals:
            vals = {**vals, **self._number_values(vals["name"], self[:1].name)}
        if {"name", "activity", "service_id"}.intersection(vals):
            service = self.env["softwhere.service"].browse(vals.get("service_id"))
            self._check_numbers_free(
                [
                    (
                        vals.get("name", line.name),
                        (service or line.service_id).company_id.id,
                        line.id,
                    )
                    for line in self
                    if vals.get("activity", line.activity) not in ENDED_LINE_ACTIVITIES
                ]
            )
        billed_from = self.billing_site_id
        result = super().write(vals)
        if BILLING_FIELDS.intersection(vals):
            (billed_from | self.billing_site_id)._park_mark_recheck()
        return result

    # -- plan history ----------------------------------------------------------------
    def change_plan(self, product, date):
        """End the subscription in force the day before ``date``; ``product`` from it.

        The old subscription stays in the line's history.
        """
        date = fields.Date.to_date(date)
        for line in self:
            current = line.article_ids.filtered(
                lambda a: a.kind == "subscription"
                and a.date_start < date
                and (not a.date_end or a.date_end >= date)
            )
            later = line.article_ids.filtered(
                lambda a: a.kind == "subscription" and a.date_start >= date
            )
            if later:
                raise UserError(
                    self.env._(
                        "Line %(line)s: a subscription already starts on %(date)s "
                        "or later (%(article)s).",
                        line=line.display_name,
                        date=fields.Date.to_string(later[0].date_start),
                        article=later[0].label,
                    )
                )
            current.write({"date_end": date - timedelta(days=1)})
            line.write(
                {
                    "article_ids": [
                        Command.create({"product_id": product.id, "date_start": date})
                    ]
                }
            )
        return True

    def action_terminate(self, termination_date=None):
        """The line ends: its subscriptions and options end with it.

        One-offs and hardware stay as they are: one billed stays billed, one
        dated after the termination and not billed yet is not billed, which
        the line's chatter says.
        """
        day = fields.Date.to_date(termination_date) or fields.Date.context_today(self)
        billed, _first = self.billing_site_id._park_billed_amounts()
        for line in self:
            periodic = line.article_ids.filtered("is_periodic")
            periodic.filtered(lambda a: a.date_start > day).unlink()
            periodic.exists().filtered(
                lambda a: not a.date_end or a.date_end > day
            ).write({"date_end": day})
            site_billed = billed.get(line.billing_site_id.id, {})
            unbilled = line.article_ids.filtered(
                lambda a, site_billed=site_billed: not a.is_periodic
                and a.date_start > day
                and not site_billed.get((a.line_id.id, a.product_id.id, a.date_start))
            )
            if unbilled:
                line.message_post(
                    body=self.env._(
                        "Terminated on %(date)s: not billed, as dated after the "
                        "termination: %(articles)s.",
                        date=format_date(self.env, day),
                        articles=", ".join(
                            f"{a.label} ({format_date(self.env, a.date_start)})"
                            for a in unbilled.sorted("date_start")
                        ),
                    )
                )
        self.write({"activity": "terminated", "termination_date": day})
        return True

    def action_open_terminate(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Terminate the line"),
            "res_model": "softwhere.line.terminate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_id": self.id},
        }

    def action_open_change_plan(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change plan"),
            "res_model": "softwhere.line.change.plan",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_id": self.id},
        }
