# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from softwhere_lib.iccid import InvalidIccid, check_iccid


class SoftwhereLine(models.Model):
    _inherit = "softwhere.line"

    iccid = fields.Char(
        string="SIM card (ICCID)",
        index="btree_not_null",
        copy=False,
        help="The SIM card the line was activated on (mobile lines).",
    )

    @api.constrains("iccid")
    def _check_iccid(self):
        for line in self.filtered("iccid"):
            try:
                check_iccid(line.iccid)
            except InvalidIccid as error:
                raise ValidationError(
                    self.env._("%(line)s: %(error)s", line=line.name, error=error)
                ) from error
