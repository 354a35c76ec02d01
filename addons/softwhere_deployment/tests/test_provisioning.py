# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from softwhere_sim.alphalink import DEFAULT_API_KEY, start_alphalink
from softwhere_sim.park import iccid_for

from .common import SoftwhereProvisioningJobsCase


@tagged("post_install", "-at_install")
class TestProvisioning(SoftwhereProvisioningJobsCase):
    def test_create_line_end_to_end(self):
        order = self.create_line_order()
        order.with_context(queue_job__no_delay=True).action_confirm()
        self.assertEqual(order.state, "done", order.failure_reason)
        operation = order.operation_ids
        iccid = operation.sim_lot_id.name
        self.assertIn(iccid, self.lots.mapped("name"))
        # The supplier activated the SIM on the plan with its option, once.
        [in_place] = self.supplier_lines(iccid)
        self.assertEqual(in_place["offer"]["code"], "OR-PI20")
        self.assertEqual([o["code"] for o in in_place["options"]], ["OR-OEU"])
        # Cfast bills the number the supplier gave.
        number = in_place["number"]
        [billed] = self.cfast_services(number)
        self.assertEqual(billed["siteId"], self.service.cfast_site_id)
        # The park has the line, its plan, its option and its SIM card.
        line = operation.line_id
        self.assertEqual(line.name, number)
        self.assertEqual(line.cfast_service_id, billed["serviceId"])
        self.assertEqual(
            set(line.article_ids.product_id.ids),
            {self.plan.id, self.option.id, self.sim.id},
        )
        # The SIM card left the stock.
        self.assertEqual(operation.sim_move_id.state, "done")
        self.assertEqual(
            self.env["stock.quant"]._get_available_quantity(
                self.sim, self.warehouse.lot_stock_id, lot_id=operation.sim_lot_id
            ),
            0,
        )
        self.assertEqual(
            order.call_ids.mapped("call"), ["create_line", "create_service"]
        )
        self.assertTrue(all(order.call_ids.mapped("success")))

    def test_billing_failure_then_retry_provisions_once(self):
        order = self.create_line_order()
        with trap_jobs():
            order.action_confirm()
        iccid = order.operation_ids.sim_lot_id.name
        self.run_job(order)
        self.cfast.app.faults.inject(*["503"] * 12, path="POST /api/v1/services")
        with (
            mute_logger("urllib3.connectionpool", "softwhere_lib.http"),
            self.assertRaises(RetryableJobError),
            self.env.cr.savepoint(),
        ):
            self.run_job(order)
        # The supplier side was done and kept, the billing side not: the job
        # runs again.
        self.assertEqual(order.operation_ids.state, "supplier_done")
        self.assertEqual(len(self.supplier_lines(iccid)), 1)
        self.cfast.app.faults.clear()
        self.run_jobs(order)
        self.assertEqual(order.state, "done")
        self.assertEqual(len(self.supplier_lines(iccid)), 1, "provisioned once")
        number = self.supplier_lines(iccid)[0]["number"]
        self.assertEqual(len(self.cfast_services(number)), 1)

    def test_crash_between_the_two_calls(self):
        order = self.create_line_order()
        with trap_jobs():
            order.action_confirm()
        iccid = order.operation_ids.sim_lot_id.name
        self.run_job(order)
        url = self.backend.url
        self.backend.write({"url": "http://127.0.0.1:9", "timeout": 1})
        with (
            mute_logger("urllib3.connectionpool", "softwhere_lib.http"),
            self.assertRaises(RetryableJobError),
            self.env.cr.savepoint(),
        ):
            self.run_job(order)
        self.backend.url = url
        self.run_jobs(order)
        self.assertEqual(order.state, "done")
        self.assertEqual(len(self.supplier_lines(iccid)), 1, "the same key: once")

    def test_supplier_refusal_stops_the_order_with_its_reason(self):
        order = self.create_line_order()
        with trap_jobs():
            order.action_confirm()
        # The supplier already has this SIM on a live line.
        self.snaic.app.park.create_line(order.operation_ids.sim_lot_id.name, "OR-PI20")
        order._process()
        self.assertEqual(order.state, "failed")
        self.assertIn("supplier side", order.failure_reason)
        self.assertIn("déjà utilisée", order.failure_reason)
        # The refusal stays on record, with the supplier's answer.
        [refused] = order.call_ids
        self.assertEqual((refused.call, refused.success), ("create_line", False))
        self.assertIn("déjà utilisée", refused.answer)
        self.assertEqual(order.operation_ids.state, "failed")
        self.assertEqual(len(order.activity_ids), 1)
        self.assertFalse(
            self.cfast_services(order.operation_ids.supplier_number or "-")
        )

    def test_change_plan_option_one_off_then_invoiced(self):
        first = self.create_line_order()
        first.with_context(queue_job__no_delay=True).action_confirm()
        line = first.operation_ids.line_id
        today = date.today()
        tomorrow = today + timedelta(days=1)
        order = self.order(
            {
                "kind": "change_plan",
                "line_id": line.id,
                "product_id": self.other_plan.id,
                "date": tomorrow,
            },
            {
                "kind": "add_option",
                "line_id": line.id,
                "product_id": self.article("OR-OD10").id,
            },
            {"kind": "one_off", "line_id": line.id, "product_id": self.top_up.id},
        )
        order.with_context(queue_job__no_delay=True).action_confirm()
        self.assertEqual(order.state, "done", order.failure_reason)
        [in_place] = self.supplier_lines(first.operation_ids.sim_lot_id.name)
        self.assertEqual(in_place["offer"]["code"], "OR-PI100")
        self.assertIn("OR-OD10", [o["code"] for o in in_place["options"]])
        self.assertEqual(
            line.with_context(date=str(tomorrow)).subscription_id.product_id,
            self.other_plan,
        )
        top_up = line.article_ids.filtered(lambda a: a.product_id == self.top_up)
        self.assertEqual((top_up.date_start, top_up.date_end), (today, today))
        # The top-up and the SIM card are on the first invoice after their
        # date, once: next month's run (this month's was made in advance).
        site = line.billing_site_id
        site.partner_id.customer_status = "active_compliant"
        this_month = site._park_invoice(today.replace(day=1))
        self.assertNotIn(
            self.top_up.name, " ".join(this_month.invoice_line_ids.mapped("name"))
        )
        next_month = today.replace(day=1) + timedelta(days=32)
        invoices = site._park_invoice(next_month.replace(day=1))
        invoices |= site._park_invoice(next_month.replace(day=1))
        labels = invoices.invoice_line_ids.mapped("name")
        for product in (self.top_up, first.operation_ids.sim_lot_id.product_id):
            self.assertEqual(
                len([label for label in labels if product.name in label]), 1, labels
            )

    def test_cancel_gives_the_sim_back_and_undoes_a_creation(self):
        waiting = self.create_line_order()
        with trap_jobs():
            waiting.action_confirm()
        lot = waiting.operation_ids.sim_lot_id
        # The supplier is asked first whether the SIM card is in use: it is not.
        with trap_jobs() as trap:
            waiting.action_cancel()
            self.assertEqual(waiting.state, "cancelling")
            self.assertEqual(waiting.operation_ids.sim_move_id.state, "assigned")
            trap.perform_enqueued_jobs()
        self.assertEqual(waiting.state, "cancelled")
        self.assertEqual(waiting.operation_ids.sim_move_id.state, "cancel")
        self.assertEqual(
            self.env["stock.quant"]._get_available_quantity(
                self.sim, self.warehouse.lot_stock_id, lot_id=lot
            ),
            1,
        )
        done = self.create_line_order()
        done.with_context(queue_job__no_delay=True).action_confirm()
        line = done.operation_ids.line_id
        iccid = done.operation_ids.sim_lot_id.name
        # The undo calls the platforms: in a job, not in the user's request.
        with trap_jobs() as trap:
            done.action_cancel()
            self.assertEqual(done.state, "cancelling")
            self.assertEqual(self.supplier_lines(iccid)[0]["status"], "active")
            trap.assert_jobs_count(1, only=done._undo_done_operations)
            # Cfast down during the undo: the job is tried again; the supplier,
            # called again with the same key, terminates the line once.
            self.cfast.app.faults.inject(*["503"] * 12, path="POST /api/v1/services")
            with (
                mute_logger("urllib3.connectionpool", "softwhere_lib.http"),
                self.assertRaises(RetryableJobError),
                self.env.cr.savepoint(),
            ):
                trap.perform_enqueued_jobs()
            self.assertEqual(done.state, "cancelling")
            self.cfast.app.faults.clear()
            done._undo_done_operations()
        self.assertEqual(done.state, "cancelled")
        self.assertEqual(line.activity, "terminated")
        [in_place] = self.supplier_lines(iccid)
        self.assertEqual(in_place["status"], "terminated")
        [billed] = [s for s in self.park.services if s["serviceLabel"] == line.name]
        self.assertEqual(billed["activity"], "TERMINATED")
        self.assertFalse(done.manual_undo)
        self.assertEqual(
            done.call_ids.filtered("success").mapped("call"),
            ["create_line", "create_service", "terminate_line", "terminate"],
        )

    def test_suspend_hardware_fee_then_terminate(self):
        first = self.create_line_order()
        first.with_context(queue_job__no_delay=True).action_confirm()
        line = first.operation_ids.line_id
        iccid = first.operation_ids.sim_lot_id.name
        smartphone = self.article("HW-SGA55")
        order = self.order(
            {"kind": "suspend", "line_id": line.id},
            {"kind": "one_off", "line_id": line.id, "product_id": smartphone.id},
        )
        order.with_context(queue_job__no_delay=True).action_confirm()
        self.assertEqual(order.state, "done", order.failure_reason)
        [in_place] = self.supplier_lines(iccid)
        self.assertEqual(in_place["status"], "suspended")
        [billed] = self.cfast_services(line.name)
        self.assertEqual(billed["activity"], "INACTIVE")
        self.assertEqual(line.activity, "inactive")
        # The smartphone: one supplier one-off, one Cfast charge, one article
        # billed once on the site's next invoice.
        self.assertEqual(
            [o["code"] for o in self.snaic.app.park.one_offs_of(line.name)],
            ["HW-SGA55"],
        )
        charges = [
            charge
            for charge in self.park.charges
            if charge["serviceId"] == line.cfast_service_id
        ]
        self.assertEqual(
            [(c["articleLabel"], c["unitPrice"]) for c in charges],
            [(smartphone.name, 399.0)],
        )
        fee = line.article_ids.filtered(lambda a: a.product_id == smartphone)
        self.assertEqual((fee.date_start, fee.date_end), (self.today, self.today))
        self.assertEqual(
            order.call_ids.mapped("call"),
            ["suspend_line", "suspend", "add_one_off", "add_charge"],
        )

        end = self.today + timedelta(days=10)
        terminate = self.order({"kind": "terminate", "line_id": line.id, "date": end})
        terminate.with_context(queue_job__no_delay=True).action_confirm()
        self.assertEqual(terminate.state, "done", terminate.failure_reason)
        [in_place] = self.supplier_lines(iccid)
        self.assertEqual(in_place["status"], "terminated")
        [billed] = [s for s in self.park.services if s["serviceLabel"] == line.name]
        self.assertEqual(billed["activity"], "TERMINATED")
        self.assertEqual(line.activity, "terminated")
        self.assertEqual(line.subscription_id.date_end, end)

    def test_alphalink_create_line_change_plan_and_one_off(self):
        """The same orders through Alphalink's REST API, for its catalogue."""
        alphalink = start_alphalink(self.park, on_date=self.today, retry_after=0)
        self.addCleanup(alphalink.stop)
        backend = self.env["softwhere.supplier.backend"].create(
            {
                "name": "Alphalink test",
                "platform": "alphalink",
                "url": alphalink.url,
                "api_key": DEFAULT_API_KEY,
                "timeout": 5,
                "company_id": self.company.id,
            }
        )
        plan, other_plan, option, top_up, sim = (
            self.article(code)
            for code in ("ALP-P10", "ALP-PI60", "ALP-ORM", "ALP-RD5", "ALP-SIM")
        )
        self.assertTrue(sim.is_sim_card)
        lot = self.env["stock.lot"].create(
            {
                "name": iccid_for(910_000),
                "product_id": sim.id,
                "company_id": self.company.id,
            }
        )
        self.env["stock.quant"]._update_available_quantity(
            sim, self.warehouse.lot_stock_id, 1, lot_id=lot
        )
        order = self.order(
            {
                "kind": "create_line",
                "product_id": plan.id,
                "option_ids": [Command.set(option.ids)],
                "first_name": "Hugo",
                "last_name": "Leroy",
            },
            supplier=backend,
        )
        order.with_context(queue_job__no_delay=True).action_confirm()
        self.assertEqual(order.state, "done", order.failure_reason)
        self.assertEqual(order.operation_ids.sim_lot_id, lot)
        [in_place] = [
            line for line in alphalink.app.park.lines if line["iccid"] == lot.name
        ]
        self.assertEqual(in_place["offer"]["code"], "ALP-P10")
        self.assertEqual([o["code"] for o in in_place["options"]], ["ALP-ORM"])
        number = in_place["number"]
        [billed] = self.cfast_services(number)
        line = order.operation_ids.line_id
        self.assertEqual(line.name, number)
        self.assertEqual(line.cfast_service_id, billed["serviceId"])
        self.assertEqual(line.operator_id, plan.operator_id)
        self.assertEqual(
            order.call_ids.mapped("call"), ["create_line", "create_service"]
        )

        tomorrow = self.today + timedelta(days=1)
        change = self.order(
            {
                "kind": "change_plan",
                "line_id": line.id,
                "product_id": other_plan.id,
                "date": tomorrow,
            },
            {"kind": "one_off", "line_id": line.id, "product_id": top_up.id},
            supplier=backend,
        )
        change.with_context(queue_job__no_delay=True).action_confirm()
        self.assertEqual(change.state, "done", change.failure_reason)
        [in_place] = [
            line for line in alphalink.app.park.lines if line["iccid"] == lot.name
        ]
        self.assertEqual(in_place["offer"]["code"], "ALP-PI60")
        self.assertEqual(
            [one_off["code"] for one_off in alphalink.app.park.one_offs_of(number)],
            ["ALP-RD5"],
        )
        self.assertEqual(
            line.with_context(date=str(tomorrow)).subscription_id.product_id,
            other_plan,
        )
        self.assertIn(top_up, line.article_ids.product_id)
