# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import float_compare

from .softwhere_commission_rate import first_of_month, first_of_next_month

#: The fields of a customer account its commission terms are made of.
TERMS_FIELDS = ("business_provider_id", "commission_rate")


class ResPartner(models.Model):
    _inherit = "res.partner"

    softwhere_commission_rate_ids = fields.One2many(
        "softwhere.commission.rate",
        "partner_id",
        string="Commission history",
        readonly=True,
        help="The business provider and commission in force from each month: "
        "a change applies from the first day of the next month.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        # A customer account created with its business provider: from this month.
        brought = partners.filtered("business_provider_id")
        if brought:
            today = fields.Date.context_today(self)
            brought._softwhere_record_terms(first_of_month(today))
        return partners

    def write(self, vals):
        if not any(name in vals for name in TERMS_FIELDS):
            return super().write(vals)
        result = super().write(vals)
        today = fields.Date.context_today(self)
        self._softwhere_record_terms(first_of_next_month(today))
        return result

    def _softwhere_record_terms(self, date_from):
        """Record each partner's current provider and rate from ``date_from``.

        Several changes in one month make one entry (the last one); a change
        back to the terms already in force removes the pending entry. A partner
        that never had a business provider gets no entry.
        """
        Terms = self.env["softwhere.commission.rate"].sudo()
        history = defaultdict(list)
        for entry in Terms.search([("partner_id", "in", self.ids)], order="date_from"):
            history[entry.partner_id.id].append(entry)
        to_create, to_update, obsolete = [], [], []
        for partner in self:
            provider = partner.business_provider_id
            rate = partner.commission_rate if provider else 0.0
            entries = history[partner.id]
            pending = [e for e in entries if e.date_from == date_from]
            previous = [e for e in entries if e.date_from < date_from][-1:]
            unchanged = (
                not provider
                if not previous
                else previous[0].business_provider_id == provider
                and not float_compare(previous[0].rate, rate, precision_digits=2)
            )
            if unchanged:
                obsolete += [entry.id for entry in pending]
            elif pending:
                to_update.append((pending[0], provider.id, rate))
            else:
                to_create.append(
                    {
                        "partner_id": partner.id,
                        "date_from": date_from,
                        "business_provider_id": provider.id,
                        "rate": rate,
                    }
                )
        Terms.browse(obsolete).unlink()
        for entry, provider_id, rate in to_update:
            entry.write({"business_provider_id": provider_id, "rate": rate})
        Terms.create(to_create)
