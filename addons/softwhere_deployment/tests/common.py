# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextlib

from odoo import Command

from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.addons.softwhere_cfast_connector.tests.common import SoftwhereCfastCase
from odoo.addons.softwhere_supplier_connector.tests.common import SoftwhereSupplierCase

from softwhere_sim.park import iccid_for


class SoftwhereDeploymentCase(SoftwhereSupplierCase, SoftwhereCfastCase):
    """Cfast and SNAIC simulators over one park, synced; SIM cards in stock."""

    LINES = 30
    SIM_CARDS = 3

    def simulated_park(self):
        return self.cfast.app.park

    def load_park(self):
        self.sync()

    def setUp(self):
        super().setUp()
        self.plan = self.article("OR-PI20")
        self.other_plan = self.article("OR-PI100")
        self.option = self.article("OR-OEU")
        self.top_up = self.article("OR-RD5")
        self.sim = self.article("OR-SIM")
        self.assertTrue(self.sim.is_sim_card)
        self.assertEqual(self.sim.tracking, "serial")
        self.warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company.id)], limit=1
        )
        self.lots = self.env["stock.lot"].create(
            [
                {
                    "name": iccid_for(900_000 + index),
                    "product_id": self.sim.id,
                    "company_id": self.company.id,
                }
                for index in range(self.SIM_CARDS)
            ]
        )
        for lot in self.lots:
            self.env["stock.quant"]._update_available_quantity(
                self.sim, self.warehouse.lot_stock_id, 1, lot_id=lot
            )
        # A mobile service of Cfast's park, synced: new lines go there.
        self.service = self.env["softwhere.service"].search(
            [
                ("company_id", "=", self.company.id),
                ("service_type", "=", "mobile"),
                ("cfast_site_id", "!=", 0),
            ],
            limit=1,
        )
        self.assertTrue(self.service)

    def order(self, *operations, service=None, supplier=None):
        return self.env["softwhere.provisioning.order"].create(
            {
                "service_id": (service or self.service).id,
                "supplier_backend_id": (supplier or self.backend_snaic).id,
                "cfast_backend_id": self.backend.id,
                "operation_ids": [Command.create(values) for values in operations],
            }
        )

    def create_line_order(self, **values):
        return self.order(
            {
                "kind": "create_line",
                "product_id": self.plan.id,
                "option_ids": [Command.set(self.option.ids)],
                "first_name": "Léa",
                "last_name": "Petit",
                **values,
            }
        )

    def supplier_lines(self, iccid):
        return [line for line in self.snaic.app.park.lines if line["iccid"] == iccid]

    def cfast_services(self, number):
        return [s for s in self.park.services if s["serviceLabel"] == number]


class Crash(Exception):
    """A worker killed after a step's calls, before its transaction committed."""


#: The step an order's next job runs, by the state of its next operation.
STEP_OF_STATE = {
    "pending": "supplier",
    "failed": "supplier",
    "supplier_done": "billing",
    "billing_done": "park",
}


class SoftwhereProvisioningJobsCase(SoftwhereDeploymentCase):
    """Orders run job by job, as queue_job runs them, crashes included; against
    platforms that ignore idempotency keys."""

    def setUp(self):
        super().setUp()
        self.snaic.app.idempotency.honoured = False
        self.cfast.app.idempotency.honoured = False

    def next_step(self, order):
        operation = order.operation_ids.filtered(
            lambda op: op.state not in ("done", "undone")
        )[:1]
        if operation.kind == "one_off" and not operation.known_before:
            return "prepare"
        return STEP_OF_STATE.get(operation.state)

    def run_job(self, order, crash=False):
        """One job of the order; ``crash``: its transaction is lost after its
        calls went out. Returns the jobs it queued (none after a crash)."""
        with trap_jobs() as trap:
            if crash:
                with contextlib.suppress(Crash), self.env.cr.savepoint():
                    order._process()
                    raise Crash
                self.env.invalidate_all()
                return []
            order._process()
        return trap.enqueued_jobs

    def run_jobs(self, order):
        """Run the order's jobs one by one until it stops (done or failed)."""
        for _job in range(40):
            if order.state not in ("confirmed", "in_progress"):
                return order
            self.run_job(order)
        self.fail(f"{order.name} still {order.state} after 40 jobs")

    def provision(self, order, crash_at=None):
        """Confirm the order and run its jobs until it stops; ``crash_at``: the
        step (prepare, supplier, billing, park) whose job crashes once."""
        with trap_jobs() as trap:
            order.action_confirm()
        self.assertEqual(len(trap.enqueued_jobs), 1)
        crashed = False
        for _job in range(40):
            if order.state not in ("confirmed", "in_progress"):
                break
            crash = bool(crash_at) and not crashed and self.next_step(order) == crash_at
            crashed |= crash
            self.run_job(order, crash=crash)
        self.assertEqual(crashed, bool(crash_at), f"no {crash_at} step to crash")
        return order

    def writes_applied(self):
        return (
            self.snaic.app.idempotency.writes_applied,
            self.cfast.app.idempotency.writes_applied,
        )

    def new_line(self):
        """A line provisioned on the plan with its option and a SIM card."""
        order = self.provision(self.create_line_order())
        self.assertEqual(order.state, "done", order.failure_reason)
        return order.operation_ids.line_id
