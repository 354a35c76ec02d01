# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SoftwhereProvisioningCall(models.Model):
    """One API call an order made, with its answer: what support reads first."""

    _name = "softwhere.provisioning.call"
    _description = "Provisioning API call"
    _order = "id"

    order_id = fields.Many2one(
        "softwhere.provisioning.order", required=True, ondelete="cascade", index=True
    )
    # Stored for the multi-company rule: numbers, ICCIDs and RIO codes.
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    operation_id = fields.Many2one(
        "softwhere.provisioning.operation", ondelete="cascade"
    )
    system = fields.Selection(
        [("supplier", "Supplier"), ("billing", "Billing (Cfast)")], required=True
    )
    call = fields.Char(required=True)
    idempotency_key = fields.Char()
    request = fields.Text()
    answer = fields.Text()
    success = fields.Boolean()
    date = fields.Datetime(default=fields.Datetime.now)
