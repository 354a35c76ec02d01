# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import pprint

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact
from odoo.addons.softwhere_client.models.res_users import USER_GROUP

from softwhere_lib.exceptions import ApiError, TransientApiError

from .softwhere_provisioning_operation import UNDOABLE

_logger = logging.getLogger(__name__)

#: Operations that name an article.
ARTICLE_KINDS = ("create_line", "change_plan", "add_option", "one_off")

ORDER_STATES = [
    ("draft", "Draft"),
    ("confirmed", "Confirmed"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("cancelling", "Cancelling"),
    ("cancelled", "Cancelled"),
]


class SoftwhereProvisioningOrder(models.Model):
    """A request to the supplier and billing platforms: one or more operations."""

    _name = "softwhere.provisioning.order"
    _description = "Provisioning order"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        required=True, copy=False, readonly=True, default=lambda self: self.env._("New")
    )
    service_id = fields.Many2one(
        "softwhere.service",
        required=True,
        tracking=True,
        check_company=True,
    )
    partner_id = fields.Many2one(related="service_id.partner_id", store=True)
    billing_site_id = fields.Many2one(related="service_id.billing_site_id")
    company_id = fields.Many2one(related="service_id.company_id", store=True)
    supplier_backend_id = fields.Many2one(
        "softwhere.supplier.backend",
        string="Supplier platform",
        required=True,
        check_company=True,
    )
    cfast_backend_id = fields.Many2one(
        "softwhere.cfast.backend",
        string="Cfast",
        required=True,
        check_company=True,
    )
    state = fields.Selection(
        ORDER_STATES, default="draft", required=True, tracking=True, copy=False
    )
    operation_ids = fields.One2many(
        "softwhere.provisioning.operation", "order_id", string="Operations", copy=True
    )
    call_ids = fields.One2many(
        "softwhere.provisioning.call", "order_id", string="API calls", readonly=True
    )
    failure_reason = fields.Text(readonly=True, copy=False, tracking=True)
    manual_undo = fields.Text(
        string="To undo by hand",
        readonly=True,
        copy=False,
        help="What the cancellation could not undo through the APIs.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "softwhere.provisioning.order"
                )
        return super().create(vals_list)

    # -- API calls, recorded ---------------------------------------------------------
    def _call(self, operation, system, call, key, send):
        """Send one call; record it with its answer (or its refusal)."""
        values = {
            "order_id": self.id,
            "operation_id": operation.id,
            "system": system,
            "call": call,
            "idempotency_key": key,
        }
        try:
            result = send()
        except TransientApiError:
            # Rolled back with the job, which queue_job tries again.
            raise
        except ApiError as error:
            self.env["softwhere.provisioning.call"].sudo().create(
                {**values, "success": False, "answer": str(error)}
            )
            raise
        # The audit trail: read-only to every user, written by the workflow only.
        self.env["softwhere.provisioning.call"].sudo().create(
            {**values, "success": True, "answer": pprint.pformat(result, width=100)}
        )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_api_calls(self):
        # Deleting the order would take its API calls with it (cascade): the trail
        # of what the platforms were asked stays; a cancelled order keeps it too.
        for order in self.sudo():
            if order.call_ids:
                raise UserError(
                    self.env._(
                        "%(order)s has API calls on record: cancel it instead of "
                        "deleting it.",
                        order=order.name,
                    )
                )

    # -- workflow --------------------------------------------------------------------
    def action_confirm(self):
        self.env["res.users"]._softwhere_check_group(
            USER_GROUP, self.env._("Confirm"), self
        )
        for order in self:
            if order.state != "draft":
                raise UserError(
                    self.env._("%(order)s is not a draft.", order=order.name)
                )
            if not order.operation_ids:
                raise UserError(
                    self.env._("%(order)s has no operation.", order=order.name)
                )
            order._check_operations()
            order._reserve_sim_cards()
            order.state = "confirmed"
            order._enqueue()
        return True

    def _check_operations(self):
        for operation in self.operation_ids:
            needs_line = operation.kind != "create_line"
            if needs_line and not operation.line_id:
                raise UserError(
                    self.env._(
                        "%(order)s: the operation “%(operation)s” needs a line.",
                        order=self.name,
                        operation=operation._label(),
                    )
                )
            if operation.kind in ARTICLE_KINDS and not operation.product_id:
                raise UserError(
                    self.env._(
                        "%(order)s: the operation “%(operation)s” needs an article.",
                        order=self.name,
                        operation=operation._label(),
                    )
                )

    def _sim_product(self, catalogue):
        """The SIM card of a plan's catalogue (its operator's)."""
        return self.env["product.product"].search(
            [("is_sim_card", "=", True), ("catalogue_id", "=", catalogue.id)], limit=1
        )

    def _reserve_sim_cards(self):
        """One SIM card per line creation, reserved by a stock move to the customer."""
        creations = self.operation_ids.filtered(
            lambda op: op.kind == "create_line" and not op.sim_move_id
        )
        if not creations:
            return
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )
        customers = self.env.ref("stock.stock_location_customers")
        for operation in creations:
            product = self._sim_product(operation.product_id.catalogue_id)
            if not product:
                raise UserError(
                    self.env._(
                        "%(order)s: the catalogue %(catalogue)s has no SIM card.",
                        order=self.name,
                        catalogue=operation.product_id.catalogue_id.display_name,
                    )
                )
            move = self.env["stock.move"].create(
                {
                    "product_id": product.id,
                    "product_uom_qty": 1,
                    "product_uom": product.uom_id.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "location_dest_id": customers.id,
                    "company_id": self.company_id.id,
                    "partner_id": self.partner_id.id,
                    "origin": self.name,
                    "reference": self.name,
                }
            )
            move._action_confirm()
            move._action_assign()
            if move.state != "assigned":
                raise UserError(
                    self.env._(
                        "%(order)s: no %(sim)s left in stock.",
                        order=self.name,
                        sim=product.display_name,
                    )
                )
            operation._workflow_write(
                {"sim_move_id": move.id, "sim_lot_id": move.move_line_ids.lot_id.id}
            )

    def _enqueue(self):
        self.ensure_one()
        return self.with_delay(
            description=self.env._("%(order)s: provisioning", order=self.name),
            identity_key=identity_exact,
        )._process()

    def _process(self):
        """Job: each operation, supplier side then billing side, then the park.

        A transient failure rolls the job back and queue_job runs it again:
        every call carries its operation's key, so what a platform already
        applied is not applied twice. A refusal stops the order with its reason.
        """
        self.ensure_one()
        if self.state not in ("confirmed", "in_progress", "failed"):
            return self.env._("Nothing to do.")
        self.write({"state": "in_progress", "failure_reason": False})
        supplier = self.supplier_backend_id._client()
        cfast = self.cfast_backend_id._client()
        for operation in self.operation_ids:
            if operation.state in ("done", "undone"):
                continue
            try:
                if operation.state in ("pending", "failed"):
                    number = operation._run_supplier(supplier)
                    operation._workflow_write(
                        {"supplier_number": number, "state": "supplier_done"}
                    )
                cfast_service_id = operation._run_billing(cfast)
                operation._workflow_write({"cfast_service_id": cfast_service_id})
                operation._update_park()
                operation._workflow_write({"state": "done", "error": False})
            except TransientApiError as error:
                raise RetryableJobError(str(error)) from error
            except ApiError as error:
                side = (
                    self.env._("billing side")
                    if operation.state == "supplier_done"
                    else self.env._("supplier side")
                )
                reason = self.env._(
                    "%(operation)s refused on the %(side)s: %(error)s",
                    operation=operation._label(),
                    side=side,
                    error=error,
                )
                values = {"error": reason}
                if operation.state == "pending":
                    values["state"] = "failed"
                operation._workflow_write(values)
                self.write({"state": "failed", "failure_reason": reason})
                return reason
        self.state = "done"
        return self.env._("Done.")

    def action_retry(self):
        self.env["res.users"]._softwhere_check_group(
            USER_GROUP, self.env._("Retry"), self
        )
        for order in self.filtered(lambda o: o.state == "failed"):
            order._enqueue()
        return True

    def action_cancel(self):
        """Cancel: SIM cards back in stock at once; what was done is undone in a
        job (the platforms' calls, retried like any other), where the APIs
        allow it, and listed for a person otherwise."""
        self.env["res.users"]._softwhere_check_group(
            USER_GROUP, self.env._("Cancel"), self
        )
        for order in self:
            if order.state in ("cancelling", "cancelled"):
                continue
            for operation in order.operation_ids:
                if operation.sim_move_id.state not in ("done", "cancel", False):
                    operation.sim_move_id._action_cancel()
            if order.operation_ids.filtered(
                lambda op: op.state in ("supplier_done", "done")
            ):
                order.state = "cancelling"
                order.with_delay(
                    description=self.env._("%(order)s: cancellation", order=order.name),
                    identity_key=identity_exact,
                )._undo_done_operations()
            else:
                order.state = "cancelled"
        return True

    def _undo_done_operations(self):
        """Job: undo the order's done operations, the last one first.

        A transient failure rolls the job back and queue_job runs it again:
        each undo call carries a key of its own, so a platform applies it once.
        """
        self.ensure_one()
        if self.state != "cancelling":
            return self.env._("Nothing to do.")
        done = self.operation_ids.filtered(
            lambda op: op.state in ("supplier_done", "done")
        )
        supplier = self.supplier_backend_id._client()
        cfast = self.cfast_backend_id._client()
        manual = []
        for operation in done.sorted(reverse=True):
            if operation.kind in UNDOABLE and operation.state == "done":
                try:
                    operation._undo(supplier, cfast)
                except TransientApiError as error:
                    raise RetryableJobError(str(error)) from error
                except ApiError as error:
                    manual.append(f"{operation._label()} : {error}")
            else:
                manual.append(
                    self.env._(
                        "%(operation)s on %(line)s (%(state)s)",
                        operation=operation._label(),
                        line=operation.line_id.name or operation.supplier_number,
                        state=operation.state,
                    )
                )
        self.write({"state": "cancelled", "manual_undo": "\n".join(manual) or False})
        return self.env._("Cancelled.")
