# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every operation applied once on each platform, whatever step crashes, against
platforms that ignore idempotency keys (``honoured = False``)."""

from datetime import timedelta

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from ..models.softwhere_provisioning_order import MAX_TRIES
from .common import SoftwhereProvisioningJobsCase

#: Where a job's transaction is lost after its calls went out: before the
#: supplier call (a one-off's look at what the line has), between the two calls,
#: after the billing call, after the park.
CRASH_POINTS = {
    "create_line": (None, "supplier", "billing", "park"),
    "change_plan": (None, "supplier", "billing", "park"),
    "add_option": (None, "supplier", "billing", "park"),
    "suspend": (None, "supplier", "billing", "park"),
    "terminate": (None, "supplier", "billing", "park"),
    "one_off": (None, "prepare", "supplier", "billing", "park"),
}


@tagged("post_install", "-at_install")
class TestExactlyOnce(SoftwhereProvisioningJobsCase):
    SIM_CARDS = 30

    def operation(self, kind, line):
        values = {
            "change_plan": {
                "product_id": self.other_plan.id,
                "date": self.today + timedelta(days=1),
            },
            "add_option": {"product_id": self.article("OR-OD10").id},
            "terminate": {"date": self.today + timedelta(days=10)},
            "one_off": {"product_id": self.top_up.id},
        }.get(kind, {})
        return {"kind": kind, "line_id": line.id, **values}

    def assert_applied_once(self, kind, order, line):
        """What a user checks on each side: the change is there, once."""
        operation = order.operation_ids
        line = line or operation.line_id
        [in_place] = [
            item for item in self.snaic.app.park.lines if item["number"] == line.name
        ]
        [billed] = self.cfast_services(line.name)
        labels = [article["articleLabel"] for article in billed["articles"]]
        if kind == "create_line":
            self.assertEqual(in_place["iccid"], operation.sim_lot_id.name)
            self.assertEqual(line.iccid, operation.sim_lot_id.name)
            self.assertEqual(
                self.env["softwhere.line"].search_count([("name", "=", line.name)]), 1
            )
        elif kind == "change_plan":
            self.assertEqual(in_place["offer"]["code"], "OR-PI100")
            self.assertEqual(labels.count(self.other_plan.name), 1, labels)
        elif kind == "add_option":
            codes = [option["code"] for option in in_place["options"]]
            self.assertEqual(codes.count("OR-OD10"), 1)
            self.assertEqual(labels.count(self.article("OR-OD10").name), 1, labels)
        elif kind == "suspend":
            self.assertEqual(
                (in_place["status"], billed["activity"], line.activity),
                ("suspended", "INACTIVE", "inactive"),
            )
        elif kind == "terminate":
            self.assertEqual(
                (in_place["status"], billed["activity"], line.activity),
                ("terminated", "TERMINATED", "terminated"),
            )
        elif kind == "one_off":
            one_offs = self.snaic.app.park.one_offs_of(line.name)
            self.assertEqual([o["code"] for o in one_offs], ["OR-RD5"])
            charges = [
                c for c in self.park.charges if c["serviceId"] == line.cfast_service_id
            ]
            self.assertEqual([c["articleLabel"] for c in charges], [self.top_up.name])
        articles = line.article_ids.filtered(
            lambda a: a.product_id == operation.product_id
        )
        if kind in ("create_line", "add_option", "one_off"):
            self.assertEqual(len(articles), 1, "one article in the park")

    def test_every_operation_applied_once_whatever_step_crashes(self):
        for kind, points in CRASH_POINTS.items():
            for crash_at in points:
                with self.subTest(kind=kind, crash_at=crash_at):
                    line = self.new_line() if kind != "create_line" else None
                    if line:
                        order = self.order(self.operation(kind, line))
                    else:
                        order = self.create_line_order()
                    before = self.writes_applied()
                    self.provision(order, crash_at=crash_at)
                    self.assertEqual(order.state, "done", order.failure_reason)
                    supplier, cfast = self.writes_applied()
                    self.assertEqual(
                        (supplier - before[0], cfast - before[1]),
                        (1, 1),
                        "one write on each platform",
                    )
                    self.assert_applied_once(kind, order, line)

    def test_two_one_offs_on_one_line_are_added_one_after_the_other(self):
        line = self.new_line()
        first = self.order(self.operation("one_off", line))
        second = self.order(
            {
                **self.operation("one_off", line),
                "date": self.today + timedelta(days=1),
            }
        )
        with trap_jobs():
            (first | second).action_confirm()
        self.run_job(first)  # it notes what the line had before it
        self.assertEqual(self.next_step(first), "supplier")
        # Started now, the second would take the first's top-up for its own.
        with self.assertRaisesRegex(RetryableJobError, first.name):
            self.run_job(second)
        self.assertEqual(self.next_step(second), "prepare")
        self.run_jobs(first)
        self.run_jobs(second)
        self.assertEqual((first.state, second.state), ("done", "done"))
        one_offs = self.snaic.app.park.one_offs_of(line.name)
        self.assertEqual([o["code"] for o in one_offs], ["OR-RD5", "OR-RD5"])
        charges = [
            c for c in self.park.charges if c["serviceId"] == line.cfast_service_id
        ]
        self.assertEqual(len(charges), 2)
        top_ups = line.article_ids.filtered(lambda a: a.product_id == self.top_up)
        self.assertEqual(len(top_ups), 2)

    def test_a_platform_down_is_retried_for_hours_then_the_order_fails(self):
        order = self.create_line_order()
        with trap_jobs() as trap:
            order.action_confirm()
        trap.assert_enqueued_job(order._process, properties={"max_retries": MAX_TRIES})
        function = self.env["queue.job.function"].search(
            [("name", "=", "<softwhere.provisioning.order>._process")]
        )
        self.assertEqual(function.on_fail_method, "_on_job_failed")
        # The retry pattern spans about a day of tries.
        pattern = function.retry_pattern
        waits = sum(
            next(
                seconds
                for tries, seconds in sorted(
                    pattern.items(), key=lambda item: int(item[0]), reverse=True
                )
                if int(tries) <= attempt
            )
            for attempt in range(1, MAX_TRIES)
        )
        self.assertGreater(waits, 12 * 3600)
        # SNAIC down: the job is retried, nothing was applied.
        self.snaic.app.faults.inject(*["503"] * 40)
        with (
            mute_logger("urllib3.connectionpool", "softwhere_lib.http"),
            self.assertRaises(RetryableJobError),
            self.env.cr.savepoint(),
        ):
            self.run_job(order)
        self.assertEqual(self.writes_applied()[0], 0)
        # The tries ran out: queue_job calls the order's on_fail method.
        order._on_job_failed(
            exc_name="FailedJobError", exc_message="Max. retries (40) reached: 503"
        )
        self.assertEqual(order.state, "failed")
        self.assertIn("40", order.failure_reason)
        self.assertIn("503", order.failure_reason)
        [activity] = order.activity_ids
        self.assertEqual(activity.user_id, self.env.user)
        self.assertEqual(order.operation_ids.state, "failed")
        # "Relancer" resumes where it stopped, and the order is done once.
        self.snaic.app.faults.clear()
        with trap_jobs():
            order.action_retry()
        self.assertFalse(order.activity_ids)
        self.run_jobs(order)
        self.assertEqual(order.state, "done", order.failure_reason)
        self.assertEqual(self.writes_applied(), (1, 1))

    def test_a_refusal_between_the_two_calls_is_resumed_not_redone(self):
        order = self.create_line_order()
        with trap_jobs():
            order.action_confirm()
        self.run_job(order)  # the supplier side
        self.assertEqual(order.operation_ids.state, "supplier_done")
        # Cfast refuses: the number is live on another site. The order stops
        # with the reason, the supplier's success kept.
        number = order.operation_ids.supplier_number
        other_site = next(
            site
            for site in self.park.sites
            if site["siteType"] == "MOBILE"
            and site["siteId"] != self.service.cfast_site_id
        )
        squatter = self.park.create_service(
            other_site["siteId"], number, "", "Autre", self.plan.name, [], self.today
        )
        self.run_job(order)
        self.assertEqual(order.state, "failed")
        self.assertIn("billing side", order.failure_reason)
        self.assertIn("déjà actif", order.failure_reason)
        self.assertEqual(order.operation_ids.state, "supplier_done")
        self.assertEqual(len(order.activity_ids), 1)
        # Once the number is free in Cfast, "Relancer" does the billing side only.
        self.park.set_activity(squatter["serviceId"], "TERMINATED", self.today)
        with trap_jobs():
            order.action_retry()
        self.run_jobs(order)
        self.assertEqual(order.state, "done", order.failure_reason)
        # The supplier asked once; Cfast twice (refused, then resumed): one line.
        self.assertEqual(self.writes_applied(), (1, 2))
        live = [
            service
            for service in self.cfast_services(number)
            if service["activity"] != "TERMINATED"
        ]
        self.assertEqual(len(live), 1)
        self.assertEqual(live[0]["siteId"], self.service.cfast_site_id)

    def test_cancel_never_puts_back_a_sim_live_at_the_supplier(self):
        order = self.create_line_order()
        with trap_jobs():
            order.action_confirm()
        # The supplier activated the SIM card; the worker died before recording it.
        self.run_job(order, crash=True)
        operation = order.operation_ids
        iccid = operation.sim_lot_id.name
        self.assertEqual(operation.state, "pending")
        [in_place] = self.supplier_lines(iccid)
        self.assertEqual(in_place["status"], "active")
        with trap_jobs() as trap:
            order.action_cancel()
            trap.perform_enqueued_jobs()
        self.assertEqual(order.state, "cancelled")
        # Read back, the line is terminated at the supplier; Cfast never had it.
        self.assertEqual(self.supplier_lines(iccid)[0]["status"], "terminated")
        self.assertFalse(self.cfast_services(in_place["number"]))
        # The SIM card was activated: it does not go back to stock, and a person
        # is told.
        self.assertEqual(operation.sim_move_id.state, "assigned")
        self.assertEqual(
            self.env["stock.quant"]._get_available_quantity(
                self.sim, self.warehouse.lot_stock_id, lot_id=operation.sim_lot_id
            ),
            0,
        )
        self.assertIn(iccid, order.manual_undo)
        self.assertEqual(self.writes_applied(), (2, 0), "created, then terminated")

    def test_a_cancellation_that_gave_up_is_resumed_by_cancelling_again(self):
        line = self.new_line()
        order = self.env["softwhere.provisioning.order"].search(
            [("operation_ids.line_id", "=", line.id)]
        )
        self.cfast.app.faults.inject(*["503"] * 40, path="/terminate")
        with trap_jobs() as trap:
            order.action_cancel()
            with (
                mute_logger("urllib3.connectionpool", "softwhere_lib.http"),
                self.assertRaises(RetryableJobError),
                self.env.cr.savepoint(),
            ):
                trap.perform_enqueued_jobs()
        order._on_undo_job_failed(exc_message="Max. retries (40) reached: 503")
        self.assertEqual(order.state, "cancelling")
        self.assertIn("Cancel again", order.failure_reason)
        self.assertEqual(len(order.activity_ids), 1)
        self.cfast.app.faults.clear()
        with trap_jobs() as trap:
            order.action_cancel()
            trap.perform_enqueued_jobs()
        self.assertEqual(order.state, "cancelled")
        self.assertFalse(order.failure_reason)
        self.assertEqual(line.activity, "terminated")
        # Terminated once on each side: the supplier's first termination, lost
        # with the job's transaction, was read back, not sent again.
        self.assertEqual(
            order.call_ids.filtered("success").mapped("call"),
            ["create_line", "create_service", "terminate_line", "terminate"],
        )
        self.assertEqual(self.writes_applied(), (2, 2))

    def test_a_park_refusal_keeps_both_platforms_done_and_resumes_at_the_park(self):
        order = self.create_line_order()
        with trap_jobs():
            order.action_confirm()
        self.run_job(order)  # the supplier side
        self.run_job(order)  # the billing side
        operation = order.operation_ids
        self.assertEqual(operation.state, "billing_done")
        # Someone typed the new number into the park by hand meanwhile.
        squatter = self.env["softwhere.line"].create(
            {"name": operation.supplier_number, "service_id": self.service.id}
        )
        self.run_job(order)
        self.assertEqual(order.state, "failed")
        self.assertIn("refused by the park", order.failure_reason)
        self.assertEqual(operation.state, "billing_done")
        self.assertFalse(operation.line_id)
        squatter.unlink()
        with trap_jobs():
            order.action_retry()
        self.run_jobs(order)
        self.assertEqual(order.state, "done", order.failure_reason)
        self.assertEqual(operation.line_id.name, operation.supplier_number)
        self.assertEqual(self.writes_applied(), (1, 1))
