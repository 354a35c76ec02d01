# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _post_load_data(self, template_code, company, template_data):
        """A chart installed after the catalogues gives their articles its taxes."""
        result = super()._post_load_data(template_code, company, template_data)
        company = company or self.env.company
        articles = (
            self.env["product.template"]
            .sudo()
            .with_context(active_test=False)
            .search([("catalogue_id", "!=", False), ("company_id", "=", company.id)])
        )
        articles._softwhere_apply_reference_taxes()
        return result
