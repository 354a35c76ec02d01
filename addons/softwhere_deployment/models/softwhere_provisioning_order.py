# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import pprint

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact
from odoo.addons.softwhere_client.keys import USER_GROUP

from softwhere_lib.exceptions import ApiError, TransientApiError

from .softwhere_provisioning_operation import UNDOABLE

_logger = logging.getLogger(__name__)

#: A step's tries: on the retry pattern of ``queue_job_data.xml``, about a day.
MAX_TRIES = 40

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
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        help="Who is asked to look at the order when it fails.",
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
        """Everything that can be checked before the first call: a call that
        goes out for an order the park then refuses is a half-done order."""
        service = self.service_id
        catalogues = self.supplier_backend_id.catalogue_ids
        for operation in self.operation_ids:
            problem = operation._problem(service, catalogues)
            if problem:
                raise UserError(
                    self.env._(
                        "%(order)s: the operation “%(operation)s”: %(problem)s",
                        order=self.name,
                        operation=operation._label(),
                        problem=problem,
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
            lambda op: op.kind == "create_line"
            and op.product_id.catalogue_id.service_type == "mobile"
            and not op.sim_move_id
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
            max_retries=MAX_TRIES,
        )._process()

    def _clients(self):
        """Both platforms' clients; each write is read back before it is sent,
        as a step may run again after its success was sent but not recorded."""
        supplier = self.supplier_backend_id._client()
        cfast = self.cfast_backend_id._client()
        supplier.read_before_write = cfast.read_before_write = True
        return supplier, cfast

    def _process(self):
        """Job: the next step of the order (one side of one operation, or the
        park), then the next step in a job of its own.

        A step's success is committed before the next step starts, so a retry
        knows what is done; every write is read back before it is sent, so a
        step whose success was lost (a crash before the commit) is not applied
        twice, even by a platform that ignores idempotency keys. A platform
        down is retried on the retry pattern for hours; a refusal, or the tries
        run out (``_on_job_failed``), stops the order with its reason.
        """
        self.ensure_one()
        if self.state not in ("confirmed", "in_progress"):
            return self.env._("Nothing to do.")
        operation = self.operation_ids.filtered(
            lambda op: op.state not in ("done", "undone")
        )[:1]
        if not operation:
            self.state = "done"
            return self.env._("Done.")
        if self.state != "in_progress":
            self.write({"state": "in_progress", "failure_reason": False})
        supplier, cfast = self._clients()
        state = operation.state
        try:
            step = operation._run_next_step(supplier, cfast)
        except TransientApiError as error:
            raise RetryableJobError(str(error)) from error
        except ApiError as error:
            side = (
                self.env._("billing side")
                if state == "supplier_done"
                else self.env._("supplier side")
            )
            return self._fail(
                self.env._(
                    "%(operation)s refused on the %(side)s: %(error)s",
                    operation=operation._label(),
                    side=side,
                    error=error,
                ),
                operation,
            )
        except (UserError, ValidationError) as error:
            if state == "billing_done":
                reason = self.env._(
                    "%(operation)s done on both platforms, refused by the park: "
                    "%(error)s",
                    operation=operation._label(),
                    error=error,
                )
            else:
                reason = self.env._(
                    "%(operation)s stopped: %(error)s",
                    operation=operation._label(),
                    error=error,
                )
            return self._fail(reason, operation)
        self._enqueue()
        return step

    def _fail(self, reason, operation=None):
        """Stop the order with its reason; a person is asked to look at it."""
        if operation:
            values = {"error": reason}
            if operation.state == "pending":
                values["state"] = "failed"
            operation._workflow_write(values)
        self.write({"state": "failed", "failure_reason": reason})
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Provisioning failed"),
            note=reason,
            user_id=self.user_id.id or self.env.uid,
        )
        return reason

    def _on_job_failed(self, exc_name=None, exc_message=None, **_kwargs):
        """queue_job's ``on_fail``: the tries ran out (or the job crashed)."""
        for order in self.filtered(lambda o: o.state in ("confirmed", "in_progress")):
            operation = order.operation_ids.filtered(
                lambda op: op.state not in ("done", "undone")
            )[:1]
            order._fail(
                order.env._(
                    "%(operation)s: stopped after %(tries)s tries: %(error)s",
                    operation=operation._label() if operation else order.name,
                    tries=MAX_TRIES,
                    error=exc_message or exc_name,
                ),
                operation,
            )

    def action_retry(self):
        """Relancer: resume a failed order where it stopped."""
        self.env["res.users"]._softwhere_check_group(
            USER_GROUP, self.env._("Retry"), self
        )
        for order in self.filtered(lambda o: o.state == "failed"):
            order.operation_ids.filtered(
                lambda op: op.state == "failed"
            )._workflow_write({"state": "pending"})
            order.write({"state": "confirmed", "failure_reason": False})
            order.activity_ids.filtered(
                lambda a: a.activity_type_id
                == self.env.ref("mail.mail_activity_data_todo")
            ).action_feedback(feedback=self.env._("Retried."))
            order._enqueue()
        return True

    def action_cancel(self):
        """Cancel. A draft is cancelled at once; otherwise a job reads back what
        the platforms did, undoes what the APIs allow, lists the rest for a
        person, and gives a SIM card back only when no supplier line uses it."""
        self.env["res.users"]._softwhere_check_group(
            USER_GROUP, self.env._("Cancel"), self
        )
        for order in self:
            if order.state == "cancelled":
                continue
            if order.state == "draft":
                order.state = "cancelled"
                continue
            # Cancelling again (its job gave up) queues the undo again; a job
            # still queued is not doubled (its identity).
            order.state = "cancelling"
            order.with_delay(
                description=self.env._("%(order)s: cancellation", order=order.name),
                identity_key=identity_exact,
                max_retries=MAX_TRIES,
            )._undo_done_operations()
        return True

    def _on_undo_job_failed(self, exc_name=None, exc_message=None, **_kwargs):
        """queue_job's ``on_fail`` for the undo: the order stays Cancelling,
        with the reason, and a person is asked to cancel it again."""
        for order in self.filtered(lambda o: o.state == "cancelling"):
            reason = order.env._(
                "The cancellation stopped after %(tries)s tries: %(error)s. "
                "Cancel again to resume it.",
                tries=MAX_TRIES,
                error=exc_message or exc_name,
            )
            order.failure_reason = reason
            order.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=order.env._("Cancellation failed"),
                note=reason,
                user_id=order.user_id.id or order.env.uid,
            )

    def _undo_done_operations(self):
        """Job: undo the order's operations, the last one first.

        A line creation whose record was lost is read back at the supplier
        first: a live line there is undone like a recorded one, and its SIM
        card stays out of stock. Each undo call carries a key of its own and is
        read back before it is sent, so a retry applies it once.
        """
        self.ensure_one()
        if self.state != "cancelling":
            return self.env._("Nothing to do.")
        supplier, cfast = self._clients()
        manual = []
        try:
            for operation in self.operation_ids.sorted(reverse=True):
                if operation.kind == "create_line":
                    operation._read_back_creation(supplier, cfast)
                if operation.state in ("pending", "failed", "undone"):
                    if operation.sim_move_id.state not in ("done", "cancel", False):
                        operation.sim_move_id._action_cancel()
                    continue
                if operation.sim_lot_id and operation.state != "done":
                    manual.append(
                        self.env._(
                            "SIM card %(iccid)s activated at the supplier: not "
                            "put back in stock",
                            iccid=operation.sim_lot_id.name,
                        )
                    )
                if operation.kind == "create_line" or (
                    operation.kind in UNDOABLE and operation.state == "done"
                ):
                    try:
                        operation._undo(supplier, cfast)
                    except TransientApiError:
                        raise
                    except ApiError as error:
                        manual.append(f"{operation._label()} : {error}")
                else:
                    manual.append(
                        self.env._(
                            "%(operation)s on %(line)s (%(state)s)",
                            operation=operation._label(),
                            line=operation.line_id.name or operation.supplier_number,
                            state=dict(
                                operation._fields["state"]._description_selection(
                                    self.env
                                )
                            )[operation.state],
                        )
                    )
        except TransientApiError as error:
            raise RetryableJobError(str(error)) from error
        self.write(
            {
                "state": "cancelled",
                "manual_undo": "\n".join(manual) or False,
                "failure_reason": False,
            }
        )
        return self.env._("Cancelled.")
