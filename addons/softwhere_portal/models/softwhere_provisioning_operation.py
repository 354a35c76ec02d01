# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .softwhere_billing_site import INTERNAL


class SoftwhereProvisioningOperation(models.Model):
    _inherit = "softwhere.provisioning.operation"

    # The workflow's own bookkeeping: not the customer's to read.
    key = fields.Char(groups=INTERNAL)
    known_before = fields.Json(groups=INTERNAL)
    error = fields.Text(groups=INTERNAL)
    sim_move_id = fields.Many2one(groups=INTERNAL)
