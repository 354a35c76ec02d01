# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .res_partner import VAT_CHECKS

#: base_vat's look-up in ``_run_vat_checks``, once per VAT number checked.
EU_PREFIX_DOMAIN = [("code", "=", "EU_PREFIX")]


class ResCountryGroup(models.Model):
    _inherit = "res.country.group"

    @api.model
    def search(self, domain, offset=0, limit=None, order=None):
        """The EU_PREFIX group looked up once per BlueRockTEL import.

        base_vat's ``_run_vat_checks`` searches this group for every VAT number
        it checks: one query per new customer, most of an import's queries (a
        round trip each, slow on a busy database server). While an import runs
        (``VAT_CHECKS`` in the cursor's cache, dropped with a rolled back
        savepoint), the group found first is given again: country groups do not
        change during an import. Any other search runs as usual.
        """
        memo = self.env.cr.cache.get(VAT_CHECKS)
        if (
            memo is None
            or offset
            or order
            or limit != 1
            or not isinstance(domain, list)
            or [tuple(term) for term in domain] != EU_PREFIX_DOMAIN
        ):
            return super().search(domain, offset=offset, limit=limit, order=order)
        key = (self._name, "EU_PREFIX", self.env.uid, self.env.su)
        if key not in memo:
            memo[key] = super().search(domain, limit=1).ids
        return self.browse(memo[key])
