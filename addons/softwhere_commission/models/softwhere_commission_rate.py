# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from bisect import bisect_right

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


def first_of_month(day):
    return day.replace(day=1)


def first_of_next_month(day):
    return first_of_month(day) + relativedelta(months=1)


class SoftwhereCommissionRate(models.Model):
    """The business provider and commission of a customer account from a month on.

    A change of a customer's business provider or commission applies from the
    first day of the next month: the terms of the month being invoiced never
    change, so neither does a statement already computed. One entry per customer
    and month; the entry in force on an invoice's date is the one whose month is
    the latest on or before it. Written by the customer account's changes only.
    """

    _name = "softwhere.commission.rate"
    _description = "Commission terms of a customer account over time"
    _order = "partner_id, date_from desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer account",
        required=True,
        index=True,
        ondelete="cascade",
    )
    date_from = fields.Date(
        string="In force from",
        required=True,
        help="First day of the month from which these terms apply.",
    )
    business_provider_id = fields.Many2one(
        "res.partner", string="Business provider", ondelete="restrict"
    )
    rate = fields.Float(string="Commission (%)", digits=(5, 2))

    _partner_month_unique = models.Constraint(
        "UNIQUE(partner_id, date_from)",
        "A customer account has one set of commission terms per month.",
    )

    @api.constrains("date_from")
    def _check_date_from(self):
        for terms in self:
            if terms.date_from.day != 1:
                raise ValidationError(
                    self.env._(
                        "%(partner)s: the field “%(field)s” must be the first day "
                        "of a month (%(date)s given).",
                        partner=terms.partner_id.display_name,
                        field=terms._fields["date_from"]._description_string(self.env),
                        date=terms.date_from,
                    )
                )

    @api.model
    def _terms_by_partner(self, partner_ids):
        """{partner id: ([date_from, …], [(provider id, rate), …])}, by date."""
        history = {}
        entries = self.sudo().search_fetch(
            [("partner_id", "in", list(partner_ids))],
            ["partner_id", "date_from", "business_provider_id", "rate"],
            order="partner_id, date_from",
        )
        for entry in entries:
            dates, terms = history.setdefault(entry.partner_id.id, ([], []))
            dates.append(entry.date_from)
            terms.append((entry.business_provider_id.id, entry.rate))
        return history

    @staticmethod
    def _terms_on(history, day):
        """The (provider id, rate) in force on ``day``, or None before any."""
        if not history:
            return None
        dates, terms = history
        index = bisect_right(dates, day)
        return terms[index - 1] if index else None
