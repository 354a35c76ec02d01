# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountEdiXmlCii(models.AbstractModel):
    _inherit = "account.edi.xml.cii"

    def _export_invoice_vals(self, invoice):
        """The days each line of an invoice run bills (BG-26), and the invoice's
        period (BG-14): the period billed, widened to the days its
        regularisations cover."""
        values = super()._export_invoice_vals(invoice)
        starts, ends = [], []
        for line_vals in values["invoice_line_vals_list"]:
            line = line_vals["line"]
            if line.softwhere_period_start and line.softwhere_period_end:
                line_vals["billing_start"] = line.softwhere_period_start
                line_vals["billing_end"] = line.softwhere_period_end
                starts.append(line.softwhere_period_start)
                ends.append(line.softwhere_period_end)
        if invoice.park_period_start and invoice.park_period_end:
            values["billing_start"] = min([invoice.park_period_start, *starts])
            values["billing_end"] = max([invoice.park_period_end, *ends])
        return values
