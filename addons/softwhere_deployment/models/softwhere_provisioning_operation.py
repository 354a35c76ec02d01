# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid
from datetime import timedelta

from odoo import Command, fields, models

OPERATION_KINDS = [
    ("create_line", "Create a line"),
    ("change_plan", "Change the plan"),
    ("add_option", "Add an option"),
    ("suspend", "Suspend"),
    ("terminate", "Terminate"),
    ("one_off", "One-off option or hardware fee"),
]
OPERATION_STATES = [
    ("pending", "Pending"),
    ("supplier_done", "Done at the supplier"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("undone", "Undone"),
]
#: Operations a cancellation can undo through the APIs; the others by hand.
UNDOABLE = ("create_line", "change_plan", "add_option")


class SoftwhereProvisioningOperation(models.Model):
    """One thing an order does, on the supplier side then on the billing side."""

    _name = "softwhere.provisioning.operation"
    _description = "Provisioning operation"
    _order = "order_id, sequence, id"

    order_id = fields.Many2one(
        "softwhere.provisioning.order", required=True, ondelete="cascade", index=True
    )
    # Stored for the multi-company rule: numbers, ICCIDs and RIO codes.
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(OPERATION_KINDS, required=True)
    line_id = fields.Many2one(
        "softwhere.line",
        help="The line changed; for a creation, the line made.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Article",
        domain=[("catalogue_id", "!=", False)],
        help="The plan, the option, the one-off option or the hardware.",
    )
    previous_product_id = fields.Many2one("product.product", readonly=True)
    option_ids = fields.Many2many(
        "product.product", string="Options", domain=[("softwhere_kind", "=", "option")]
    )
    date = fields.Date(default=fields.Date.context_today, required=True)
    first_name = fields.Char(string="User first name")
    last_name = fields.Char(string="User last name")
    ported_number = fields.Char(
        help="The number ported in; empty: the supplier gives one."
    )
    rio = fields.Char(
        string="RIO", help="The 12-character code of the number ported in."
    )
    sim_lot_id = fields.Many2one("stock.lot", string="SIM card (ICCID)", readonly=True)
    sim_move_id = fields.Many2one("stock.move", readonly=True)
    state = fields.Selection(OPERATION_STATES, default="pending", required=True)
    key = fields.Char(
        string="Idempotency key",
        default=lambda self: str(uuid.uuid4()),
        required=True,
        copy=False,
        readonly=True,
        help="Sent with every call of this operation, the same on each retry: "
        "the platforms apply it once.",
    )
    supplier_number = fields.Char(readonly=True)
    cfast_service_id = fields.Integer(readonly=True)
    error = fields.Text(readonly=True)

    def _workflow_write(self, values):
        """The workflow's own writes: once its order left draft, an operation is
        read-only to users (a record rule), as is its trail of API calls."""
        return self.sudo().write(values)

    def _label(self):
        return dict(self._fields["kind"]._description_selection(self.env))[self.kind]

    # -- the two sides ---------------------------------------------------------------
    def _run_supplier(self, client):
        """The supplier's call; returns the number of the line."""
        order = self.order_id
        key = f"{self.key}-supplier"
        line = self.line_id
        if self.kind == "create_line":
            result = order._call(
                self,
                "supplier",
                "create_line",
                key,
                lambda: client.create_line(
                    self.product_id.supplier_article_code,
                    self.sim_lot_id.name,
                    idempotency_key=key,
                    option_codes=self.option_ids.mapped("supplier_article_code"),
                    ported_number=self.ported_number or None,
                    rio=self.rio or None,
                ),
            )
            return result.number
        number = line.name
        if self.kind == "change_plan":
            previous = line.with_context(
                date=fields.Date.to_string(self.date - timedelta(days=1))
            ).subscription_id.product_id
            self._workflow_write({"previous_product_id": previous.id})
            order._call(
                self,
                "supplier",
                "modify_line",
                key,
                lambda: client.modify_line(
                    number,
                    idempotency_key=key,
                    offer_code=self.product_id.supplier_article_code,
                ),
            )
        elif self.kind == "add_option":
            order._call(
                self,
                "supplier",
                "modify_line",
                key,
                lambda: client.modify_line(
                    number,
                    idempotency_key=key,
                    add_options=[self.product_id.supplier_article_code],
                ),
            )
        elif self.kind == "suspend":
            order._call(
                self,
                "supplier",
                "suspend_line",
                key,
                lambda: client.suspend_line(number, idempotency_key=key),
            )
        elif self.kind == "terminate":
            order._call(
                self,
                "supplier",
                "terminate_line",
                key,
                lambda: client.terminate_line(number, self.date, idempotency_key=key),
            )
        elif self.kind == "one_off":
            order._call(
                self,
                "supplier",
                "add_one_off",
                key,
                lambda: client.add_one_off(
                    number, self.product_id.supplier_article_code, idempotency_key=key
                ),
            )
        return number

    def _run_billing(self, cfast):
        """Cfast's call; returns the Cfast service id of the line."""
        order = self.order_id
        key = f"{self.key}-billing"
        if self.kind == "create_line":
            service = order.service_id
            result = order._call(
                self,
                "billing",
                "create_service",
                key,
                lambda: cfast.create_service(
                    service.cfast_site_id,
                    self.supplier_number,
                    self.product_id.name,
                    idempotency_key=key,
                    first_name=self.first_name or "",
                    last_name=self.last_name or "",
                    option_labels=self.option_ids.mapped("name"),
                    start_date=self.date,
                ),
            )
            return result.external_id
        service_id = self.line_id.cfast_service_id
        label = self.product_id.name
        if self.kind == "change_plan":
            order._call(
                self,
                "billing",
                "change_plan",
                key,
                lambda: cfast.change_plan(
                    service_id, label, self.date, idempotency_key=key
                ),
            )
        elif self.kind == "add_option":
            order._call(
                self,
                "billing",
                "add_option",
                key,
                lambda: cfast.add_option(
                    service_id, label, self.date, idempotency_key=key
                ),
            )
        elif self.kind == "suspend":
            order._call(
                self,
                "billing",
                "suspend",
                key,
                lambda: cfast.suspend(service_id, idempotency_key=key),
            )
        elif self.kind == "terminate":
            order._call(
                self,
                "billing",
                "terminate",
                key,
                lambda: cfast.terminate(service_id, self.date, idempotency_key=key),
            )
        elif self.kind == "one_off":
            order._call(
                self,
                "billing",
                "add_charge",
                key,
                lambda: cfast.add_charge(
                    self.line_id.billing_site_id.cfast_billing_point_id,
                    label,
                    idempotency_key=key,
                    on_date=self.date,
                    service_id=service_id,
                ),
            )
        return service_id

    def _update_park(self):
        """The park after both sides said yes."""
        if self.kind == "create_line":
            articles = [self.product_id, *self.option_ids]
            if self.sim_lot_id:
                articles.append(self.sim_lot_id.product_id)
            line = self.env["softwhere.line"].create(
                {
                    "name": self.supplier_number,
                    "service_id": self.order_id.service_id.id,
                    "first_name": self.first_name,
                    "last_name": self.last_name,
                    "cfast_service_id": self.cfast_service_id,
                    "service_label": self.supplier_number,
                    "article_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "date_start": self.date,
                                # The SIM card is billed once, on the next invoice.
                                "date_end": self.date
                                if not product.is_periodic
                                else False,
                            }
                        )
                        for product in articles
                    ],
                }
            )
            self._workflow_write({"line_id": line.id})
            if self.sim_move_id:
                self.sim_move_id.picked = True
                self.sim_move_id._action_done()
        elif self.kind == "change_plan":
            self.line_id.change_plan(self.product_id, self.date)
        elif self.kind in ("add_option", "one_off"):
            self.line_id.article_ids = [
                Command.create(
                    {
                        "product_id": self.product_id.id,
                        "date_start": self.date,
                        "date_end": False if self.product_id.is_periodic else self.date,
                    }
                )
            ]
        elif self.kind == "suspend":
            self.line_id.activity = "inactive"
        elif self.kind == "terminate":
            self.line_id.action_terminate(self.date)

    # -- undoing ---------------------------------------------------------------------
    def _undo(self, client, cfast):
        """Undo a done operation through the APIs (``UNDOABLE`` kinds)."""
        order = self.order_id
        key = f"{self.key}-undo"
        line = self.line_id
        if self.kind == "create_line":
            order._call(
                self,
                "supplier",
                "terminate_line",
                f"{key}-supplier",
                lambda: client.terminate_line(
                    line.name, self.date, idempotency_key=f"{key}-supplier"
                ),
            )
            order._call(
                self,
                "billing",
                "terminate",
                f"{key}-billing",
                lambda: cfast.terminate(
                    line.cfast_service_id, self.date, idempotency_key=f"{key}-billing"
                ),
            )
            line.action_terminate(self.date)
        elif self.kind == "change_plan" and self.previous_product_id:
            previous = self.previous_product_id
            day = fields.Date.context_today(self)
            order._call(
                self,
                "supplier",
                "modify_line",
                f"{key}-supplier",
                lambda: client.modify_line(
                    line.name,
                    idempotency_key=f"{key}-supplier",
                    offer_code=previous.supplier_article_code,
                ),
            )
            order._call(
                self,
                "billing",
                "change_plan",
                f"{key}-billing",
                lambda: cfast.change_plan(
                    line.cfast_service_id,
                    previous.name,
                    day,
                    idempotency_key=f"{key}-billing",
                ),
            )
            line.change_plan(previous, max(day, self.date + timedelta(days=1)))
        elif self.kind == "add_option":
            day = fields.Date.context_today(self)
            order._call(
                self,
                "supplier",
                "modify_line",
                f"{key}-supplier",
                lambda: client.modify_line(
                    line.name,
                    idempotency_key=f"{key}-supplier",
                    remove_options=[self.product_id.supplier_article_code],
                ),
            )
            order._call(
                self,
                "billing",
                "remove_option",
                f"{key}-billing",
                lambda: cfast.remove_option(
                    line.cfast_service_id,
                    self.product_id.name,
                    day,
                    idempotency_key=f"{key}-billing",
                ),
            )
            line.article_ids.filtered(
                lambda a: a.product_id == self.product_id and not a.date_end
            ).date_end = max(day, self.date)
        self._workflow_write({"state": "undone"})
