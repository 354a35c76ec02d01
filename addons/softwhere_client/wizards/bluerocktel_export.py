# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

from softwhere_lib import bluerocktel as brt

from ..bluerocktel.mapper import Mapper


class SoftwhereBluerocktelExport(models.TransientModel):
    _name = "softwhere.bluerocktel.export"
    _description = "BlueRockTEL customer export"

    partner_ids = fields.Many2many(
        "res.partner",
        string="Customer accounts",
        default=lambda self: self._default_partners(),
        context={"active_test": False},
        help="The selected customer accounts; all of them, archived ones "
        "included, when none is selected.",
    )
    file_format = fields.Selection(
        [("csv", "CSV"), ("xlsx", "Excel (XLSX)")],
        string="Format",
        default="csv",
        required=True,
    )
    delimiter = fields.Selection(
        [(";", "Semicolon (;)"), (",", "Comma (,)")],
        default=";",
        required=True,
    )
    data = fields.Binary(string="File", readonly=True, attachment=False)
    data_name = fields.Char()

    @api.model
    def _default_partners(self):
        context = self.env.context
        if context.get("active_model") != "res.partner" or not context.get(
            "active_ids"
        ):
            return self.env["res.partner"]
        selected = self.env["res.partner"].browse(context["active_ids"])
        accounts = selected.filtered("is_customer_account")
        if not accounts:
            raise UserError(
                self.env._("None of the selected partners is a customer account.")
            )
        return accounts

    def _customers(self):
        selected = self.with_context(active_test=False).partner_ids
        if selected:
            return selected
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("is_customer_account", "=", True)])
        )

    def export_file(self):
        """The file's bytes and name for the customer accounts of the wizard."""
        customers = self._customers().sorted(
            lambda p: (p.customer_reference or "", p.id)
        )
        rows = [Mapper.export_row(partner) for partner in customers]
        if self.file_format == "xlsx":
            return brt.write_xlsx(rows), "clients-bluerocktel.xlsx"
        return brt.write_csv(rows, delimiter=self.delimiter), "clients-bluerocktel.csv"

    def action_export(self):
        self.ensure_one()
        data, name = self.export_file()
        self.write({"data": base64.b64encode(data), "data_name": name})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Export BlueRockTEL"),
        }
