# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid
from datetime import timedelta

from odoo import Command, fields, models
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError

from softwhere_lib import phone as sw_phone
from softwhere_lib.vocabulary import ENDED_LINE_ACTIVITIES

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
    ("billing_done", "Done at the supplier and in Cfast"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("undone", "Undone"),
]
#: Operations a cancellation can undo through the APIs; the others by hand.
UNDOABLE = ("create_line", "change_plan", "add_option")
#: The article kinds each operation takes.
PRODUCT_KINDS = {
    "create_line": ("subscription",),
    "change_plan": ("subscription",),
    "add_option": ("option",),
    "one_off": ("one_off", "hardware"),
}
#: Operations whose platforms have been written to (each side's success kept).
STARTED_STATES = ("supplier_done", "billing_done", "done")


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
    # A one-off is the only write the platforms cannot be asked about by itself
    # (a line may have several of one product): what the line and the billing
    # point had before the first try is kept, so a retry tells this one apart.
    # {"supplier": [one-off references], "cfast": [charge ids]}
    known_before = fields.Json(readonly=True, copy=False)

    def _workflow_write(self, values):
        """The workflow's own writes: once its order left draft, an operation is
        read-only to users (a record rule), as is its trail of API calls."""
        return self.sudo().write(values)

    def _label(self):
        return dict(self._fields["kind"]._description_selection(self.env))[self.kind]

    def _line_catalogue(self):
        """The catalogue of the line's latest plan."""
        plans = self.line_id.article_ids.filtered(
            lambda a: a.product_id.softwhere_kind == "subscription"
        )
        return plans.sorted("date_start")[-1:].product_id.catalogue_id

    def _problem(self, service, catalogues):
        """Why the operation cannot be sent (in the user's words), or None.

        ``catalogues``: those the order's supplier platform serves."""
        line, product = self.line_id, self.product_id
        if self.kind == "create_line":
            catalogue = product.catalogue_id
        else:
            if not line:
                return self.env._("it needs a line.")
            if line.service_id != service:
                return self.env._(
                    "the line %(line)s is not on the service %(service)s.",
                    line=line.name,
                    service=service.display_name,
                )
            if line.activity in ENDED_LINE_ACTIVITIES:
                return self.env._("the line %(line)s is terminated.", line=line.name)
            if not line.cfast_service_id:
                return self.env._(
                    "the line %(line)s is not known to Cfast.", line=line.name
                )
            catalogue = self._line_catalogue() or product.catalogue_id
        if self.kind in PRODUCT_KINDS:
            if not product:
                return self.env._("it needs an article.")
            if product.softwhere_kind not in PRODUCT_KINDS[self.kind]:
                return self.env._(
                    "%(article)s is not an article of this kind.",
                    article=product.display_name,
                )
            if product.catalogue_id != catalogue:
                return self.env._(
                    "%(article)s is not in the catalogue %(catalogue)s.",
                    article=product.display_name,
                    catalogue=catalogue.display_name,
                )
        if catalogue not in catalogues:
            return self.env._(
                "the supplier platform %(backend)s does not serve the catalogue "
                "%(catalogue)s.",
                backend=self.order_id.supplier_backend_id.display_name,
                catalogue=catalogue.display_name,
            )
        if self.kind == "one_off" and not line.billing_site_id.cfast_billing_point_id:
            return self.env._(
                "the billing site %(site)s has no Cfast billing point.",
                site=line.billing_site_id.display_name,
            )
        if self.kind == "create_line":
            return self._creation_problem(service, catalogue)
        return None

    def _creation_problem(self, service, catalogue):
        if catalogue.service_type != service.service_type:
            return self.env._(
                "the catalogue %(catalogue)s is not for %(service)s's kind of "
                "service.",
                catalogue=catalogue.display_name,
                service=service.display_name,
            )
        if not service.cfast_site_id:
            return self.env._(
                "the service %(service)s has no Cfast site.",
                service=service.display_name,
            )
        if not service.billing_site_id.cfast_billing_point_id:
            return self.env._(
                "the billing site %(site)s has no Cfast billing point.",
                site=service.billing_site_id.display_name,
            )
        for option in self.option_ids:
            if option.softwhere_kind != "option" or option.catalogue_id != catalogue:
                return self.env._(
                    "%(option)s is not an option of the catalogue %(catalogue)s.",
                    option=option.display_name,
                    catalogue=catalogue.display_name,
                )
        if self.rio and not self.ported_number:
            return self.env._("a RIO is given without the number to port in.")
        if self.ported_number:
            try:
                sw_phone.e164(self.ported_number)
                sw_phone.check_rio(self.rio)
            except sw_phone.InvalidNumber as error:
                return str(error)
        return None

    # -- one step at a time ---------------------------------------------------------
    def _run_next_step(self, supplier, cfast):
        """Do this operation's next step; each step's success is committed (with
        the next step's job) before the next step starts, so a retry knows what
        is done. Returns what was done."""
        self.ensure_one()
        if self.state in ("pending", "failed"):
            if self.kind == "one_off" and not self.known_before:
                self._wait_for_other_one_offs_on_the_line()
                billing_point = self.line_id.billing_site_id.cfast_billing_point_id
                self._workflow_write(
                    {
                        "known_before": {
                            "supplier": [
                                one_off.reference
                                for one_off in supplier.one_offs(self.line_id.name)
                            ],
                            "cfast": [
                                charge.external_id
                                for charge in cfast.charges(billing_point)
                            ],
                        }
                    }
                )
                return "prepared"
            number = self._run_supplier(supplier)
            self._workflow_write(
                {"supplier_number": number, "state": "supplier_done", "error": False}
            )
            return "supplier_done"
        if self.state == "supplier_done":
            cfast_service_id = self._run_billing(cfast)
            self._workflow_write(
                {"cfast_service_id": cfast_service_id, "state": "billing_done"}
            )
            return "billing_done"
        # The park refusing (a UserError) leaves nothing half written.
        with self.env.cr.savepoint():
            self._update_park()
        self._workflow_write({"state": "done", "error": False})
        return "done"

    def _wait_for_other_one_offs_on_the_line(self):
        """One line's one-offs are added one after the other: each takes as its
        own, on read-back, a one-off of the line the platforms did not have
        before it started, so two at once could each take the other's."""
        # Two jobs starting at once both update the line's row: PostgreSQL's
        # serialisation check has one retried, which then sees the other.
        self.env.cr.execute(
            SQL(
                "UPDATE softwhere_line SET write_date = write_date WHERE id = %s",
                self.line_id.id,
            )
        )
        started = self.search(
            [
                ("id", "!=", self.id),
                ("line_id", "=", self.line_id.id),
                ("kind", "=", "one_off"),
                ("state", "in", ("pending", "supplier_done", "billing_done", "failed")),
                # A failed or cancelling order holds the line too: retried, its
                # read-back would take a one-off added meanwhile for its own.
                (
                    "order_id.state",
                    "in",
                    ("confirmed", "in_progress", "failed", "cancelling"),
                ),
            ]
        ).filtered("known_before")
        if started:
            raise RetryableJobError(
                self.env._(
                    "%(line)s: %(order)s is adding a one-off to the line; this one "
                    "follows it.",
                    line=self.line_id.name,
                    order=started[0].order_id.name,
                ),
            )

    # -- the two sides, one method per kind of operation ---------------------------
    def _run_supplier(self, client):
        """The supplier's call; returns the number of the line."""
        return {
            "create_line": self._supplier_create_line,
            "change_plan": self._supplier_change_plan,
            "add_option": self._supplier_add_option,
            "suspend": self._supplier_suspend,
            "terminate": self._supplier_terminate,
            "one_off": self._supplier_one_off,
        }[self.kind](client, f"{self.key}-supplier")

    def _run_billing(self, cfast):
        """Cfast's call; returns the Cfast service id of the line."""
        return {
            "create_line": self._billing_create_line,
            "change_plan": self._billing_change_plan,
            "add_option": self._billing_add_option,
            "suspend": self._billing_suspend,
            "terminate": self._billing_terminate,
            "one_off": self._billing_one_off,
        }[self.kind](cfast, f"{self.key}-billing")

    def _update_park(self):
        """The park after both sides said yes."""
        return {
            "create_line": self._park_create_line,
            "change_plan": self._park_change_plan,
            "add_option": self._park_add_article,
            "suspend": self._park_suspend,
            "terminate": self._park_terminate,
            "one_off": self._park_add_article,
        }[self.kind]()

    def _supplier_call(self, call, key, send):
        return self.order_id._call(self, "supplier", call, key, send)

    def _billing_call(self, call, key, send):
        return self.order_id._call(self, "billing", call, key, send)

    # Create a line.
    def _supplier_create_line(self, client, key):
        result = self._supplier_call(
            "create_line",
            key,
            lambda: client.create_line(
                self.product_id.supplier_article_code,
                self.sim_lot_id.name or None,
                idempotency_key=key,
                reference=self.key,
                option_codes=self.option_ids.mapped("supplier_article_code"),
                ported_number=self.ported_number or None,
                rio=self.rio or None,
            ),
        )
        return result.number

    def _billing_create_line(self, cfast, key):
        service = self.order_id.service_id
        result = self._billing_call(
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

    def _park_create_line(self):
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
                "iccid": self.sim_lot_id.name or False,
                "article_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "date_start": self.date,
                            # The SIM card is billed once, on the next invoice.
                            "date_end": False if product.is_periodic else self.date,
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

    # Change the plan.
    def _supplier_change_plan(self, client, key):
        line = self.line_id
        previous = line.with_context(
            date=fields.Date.to_string(self.date - timedelta(days=1))
        ).subscription_id.product_id
        self._workflow_write({"previous_product_id": previous.id})
        self._supplier_call(
            "modify_line",
            key,
            lambda: client.modify_line(
                line.name,
                idempotency_key=key,
                offer_code=self.product_id.supplier_article_code,
            ),
        )
        return line.name

    def _billing_change_plan(self, cfast, key):
        service_id = self.line_id.cfast_service_id
        self._billing_call(
            "change_plan",
            key,
            lambda: cfast.change_plan(
                service_id, self.product_id.name, self.date, idempotency_key=key
            ),
        )
        return service_id

    def _park_change_plan(self):
        self.line_id.change_plan(self.product_id, self.date)

    # Add an option.
    def _supplier_add_option(self, client, key):
        number = self.line_id.name
        self._supplier_call(
            "modify_line",
            key,
            lambda: client.modify_line(
                number,
                idempotency_key=key,
                add_options=[self.product_id.supplier_article_code],
            ),
        )
        return number

    def _billing_add_option(self, cfast, key):
        service_id = self.line_id.cfast_service_id
        self._billing_call(
            "add_option",
            key,
            lambda: cfast.add_option(
                service_id, self.product_id.name, self.date, idempotency_key=key
            ),
        )
        return service_id

    def _park_add_article(self):
        """An option from its date on; a one-off on its date."""
        self.line_id.article_ids = [
            Command.create(
                {
                    "product_id": self.product_id.id,
                    "date_start": self.date,
                    "date_end": False if self.product_id.is_periodic else self.date,
                }
            )
        ]

    # Suspend.
    def _supplier_suspend(self, client, key):
        number = self.line_id.name
        self._supplier_call(
            "suspend_line",
            key,
            lambda: client.suspend_line(number, idempotency_key=key),
        )
        return number

    def _billing_suspend(self, cfast, key):
        service_id = self.line_id.cfast_service_id
        self._billing_call(
            "suspend", key, lambda: cfast.suspend(service_id, idempotency_key=key)
        )
        return service_id

    def _park_suspend(self):
        self.line_id.activity = "inactive"

    # Terminate.
    def _supplier_terminate(self, client, key):
        number = self.line_id.name
        self._supplier_call(
            "terminate_line",
            key,
            lambda: client.terminate_line(number, self.date, idempotency_key=key),
        )
        return number

    def _billing_terminate(self, cfast, key):
        service_id = self.line_id.cfast_service_id
        self._billing_call(
            "terminate",
            key,
            lambda: cfast.terminate(service_id, self.date, idempotency_key=key),
        )
        return service_id

    def _park_terminate(self):
        self.line_id.action_terminate(self.date)

    # A one-off option or a hardware fee.
    def _supplier_one_off(self, client, key):
        number = self.line_id.name
        self._supplier_call(
            "add_one_off",
            key,
            lambda: client.add_one_off(
                number,
                self.product_id.supplier_article_code,
                idempotency_key=key,
                known=self.known_before["supplier"],
            ),
        )
        return number

    def _billing_one_off(self, cfast, key):
        line = self.line_id
        self._billing_call(
            "add_charge",
            key,
            lambda: cfast.add_charge(
                line.billing_site_id.cfast_billing_point_id,
                self.product_id.name,
                idempotency_key=key,
                on_date=self.date,
                service_id=line.cfast_service_id,
                known=self.known_before["cfast"],
            ),
        )
        return line.cfast_service_id

    # -- undoing ---------------------------------------------------------------------
    def _read_back_creation(self, client, cfast):
        """Before undoing a line creation: what the platforms have of it, even
        where the record of a success was lost (a crash before the commit)."""
        if self.state in ("pending", "failed"):
            # By the reference it was given; by its SIM card too, for an order
            # sent before lines were given one.
            found = client.find_lines(reference=self.key)
            if self.sim_lot_id:
                found += client.find_lines(iccid=self.sim_lot_id.name)
            live = [line for line in found if line.status != "terminated"]
            if live:
                self._workflow_write(
                    {"supplier_number": live[0].number, "state": "supplier_done"}
                )
        if self.state == "supplier_done":
            for service in cfast.find_services(
                site_id=self.order_id.service_id.cfast_site_id,
                number=self.supplier_number,
            ):
                if service.activity != "terminated":
                    self._workflow_write(
                        {
                            "cfast_service_id": service.external_id,
                            "state": "billing_done",
                        }
                    )
                    break

    def _undo(self, client, cfast):
        """Undo an operation through the APIs: a line creation on the sides it
        reached, the other ``UNDOABLE`` kinds once done."""
        key = f"{self.key}-undo"
        undo = {
            "create_line": self._undo_create_line,
            "change_plan": self._undo_change_plan,
            "add_option": self._undo_add_option,
        }[self.kind]
        undo(client, cfast, f"{key}-supplier", f"{key}-billing")
        self._workflow_write({"state": "undone"})

    def _undo_create_line(self, client, cfast, supplier_key, billing_key):
        line = self.line_id
        number = line.name or self.supplier_number
        self._supplier_call(
            "terminate_line",
            supplier_key,
            lambda: client.terminate_line(
                number, self.date, idempotency_key=supplier_key
            ),
        )
        if self.state in ("billing_done", "done"):
            service_id = line.cfast_service_id or self.cfast_service_id
            self._billing_call(
                "terminate",
                billing_key,
                lambda: cfast.terminate(
                    service_id, self.date, idempotency_key=billing_key
                ),
            )
        if line:
            line.action_terminate(self.date)

    def _undo_change_plan(self, client, cfast, supplier_key, billing_key):
        previous, line = self.previous_product_id, self.line_id
        if not previous:
            return
        day = fields.Date.context_today(self)
        self._supplier_call(
            "modify_line",
            supplier_key,
            lambda: client.modify_line(
                line.name,
                idempotency_key=supplier_key,
                offer_code=previous.supplier_article_code,
            ),
        )
        self._billing_call(
            "change_plan",
            billing_key,
            lambda: cfast.change_plan(
                line.cfast_service_id, previous.name, day, idempotency_key=billing_key
            ),
        )
        line.change_plan(previous, max(day, self.date + timedelta(days=1)))

    def _undo_add_option(self, client, cfast, supplier_key, billing_key):
        line = self.line_id
        day = fields.Date.context_today(self)
        self._supplier_call(
            "modify_line",
            supplier_key,
            lambda: client.modify_line(
                line.name,
                idempotency_key=supplier_key,
                remove_options=[self.product_id.supplier_article_code],
            ),
        )
        self._billing_call(
            "remove_option",
            billing_key,
            lambda: cfast.remove_option(
                line.cfast_service_id,
                self.product_id.name,
                day,
                idempotency_key=billing_key,
            ),
        )
        line.article_ids.filtered(
            lambda a: a.product_id == self.product_id and not a.date_end
        ).date_end = max(day, self.date)
