# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from softwhere_lib.phone import national
from softwhere_lib.reconciliation import Reconciler
from softwhere_sim.park import iccid_for

from .common import SoftwhereSupplierCase


@tagged("post_install", "-at_install")
class TestReconciliation(SoftwhereSupplierCase):
    def test_every_injected_gap_is_found_with_its_line(self):
        gaps = self.reconcile()
        injected = self.snaic.app.park.injected
        self.assertEqual(len(injected), 6, injected)
        for gap in injected:
            found = gaps.filtered(
                lambda g, gap=gap: g.kind == gap.kind
                and g.number == national(gap.number)
            )
            self.assertTrue(
                found, f"{gap.kind} {gap.number} not found: {gaps.mapped('detail')}"
            )
            if gap.kind != "not_billed":
                self.assertTrue(found.line_id, gap.kind)
                self.assertTrue(found.line_id.has_supplier_gap)
        self.assertEqual(set(gaps.mapped("state")), {"new"})
        # The service of a line in error shows it too.
        with_gap = gaps.line_id.service_id
        self.assertTrue(with_gap and all(with_gap.mapped("has_supplier_gap")))
        self.assertEqual(
            self.env["softwhere.service"].search(
                [("has_supplier_gap", "=", True), ("company_id", "=", self.company.id)]
            ),
            with_gap,
        )
        # The month's snapshot holds the supplier's park as it was read.
        snapshot = self.env["softwhere.supplier.snapshot"].search(
            [("backend_id", "=", self.backend_snaic.id)]
        )
        self.assertEqual(len(snapshot), len(self.snaic.app.park.lines))
        price_gap = gaps.filtered(lambda g: g.kind == "price_above")
        self.assertEqual(price_gap.catalogue_id.platform, "snaic")
        self.assertEqual(set(gaps.mapped("month")), {self.today.replace(day=1)})

    def test_the_dashboard_shows_both_directions_each_with_its_measure(self):
        self.reconcile()
        Gap = self.env["softwhere.reconciliation.gap"]
        # What each graph sums, by kind of gap: no direction comes out at zero.
        for action, measure, kind in (
            (
                "softwhere_reconciliation_gap_revenue_action",
                "revenue_lost",
                "not_billed",
            ),
            (
                "softwhere_reconciliation_gap_dispute_action",
                "overbilled",
                "not_in_place",
            ),
        ):
            opened = self.env.ref(f"softwhere_supplier_connector.{action}")
            self.assertEqual(opened.view_mode.split(",")[0], "graph")
            self.assertIn(f"'graph_measure': '{measure}'", opened.context)
            by_kind = dict(
                Gap._read_group(
                    [("company_id", "=", self.company.id)], ["kind"], [f"{measure}:sum"]
                )
            )
            self.assertGreater(by_kind[kind], 0, (measure, by_kind))

    def test_price_above_gives_the_margin_lost(self):
        gaps = self.reconcile()
        gap = gaps.filtered(lambda g: g.kind == "price_above")
        self.assertTrue(gap.supplier_price > gap.billed_price)
        self.assertAlmostEqual(
            gap.margin_lost, round(gap.supplier_price - gap.billed_price, 2)
        )
        article = self.env["product.product"].search(
            [("name", "=", gap.billed_label), ("catalogue_id", "!=", False)], limit=1
        )
        self.assertEqual(gap.billed_price, article.planned_purchase_price)
        self.assertEqual(gap.operator_id, gap.line_id.operator_id)
        self.assertIn("au lieu de", gap.detail)
        self.assertEqual(
            self.backend_snaic.margin_lost, sum(gaps.mapped("margin_lost"))
        )

    def test_gaps_are_attributed_to_their_lines_operator_and_catalogue(self):
        """One SNAIC platform, catalogues of several operators: each gap its own."""
        supplier_park = self.snaic.app.park
        injected = {gap.number for gap in supplier_park.injected}
        # A price above plan on one line of every catalogue the platform serves.
        first_of_catalogue = {}
        for line in supplier_park.lines:
            if line["status"] == "active" and line["number"] not in injected:
                first_of_catalogue.setdefault(line["_catalogue"], line)
        for line in first_of_catalogue.values():
            line["offer"]["price"] = round(line["offer"]["price"] + 5, 2)
        # A line only at the supplier, of an article no catalogue knows.
        supplier_park.lines.append(
            {
                "number": "0699887766",
                "iccid": "",
                "status": "active",
                "activationDate": str(self.today.replace(day=1)),
                "terminationDate": None,
                "offer": {"code": "XX-INCONNU", "label": "OFFRE INCONNUE", "price": 5},
                "options": [],
                "_catalogue": None,
            }
        )
        gaps = self.reconcile()
        Catalogue = self.env["softwhere.catalogue"]
        catalogues = {
            key: Catalogue.search(
                [("code", "=", key), ("company_id", "=", self.company.id)]
            )
            for key in first_of_catalogue
        }
        operators = {catalogue.operator_id for catalogue in catalogues.values()}
        self.assertGreaterEqual(len(operators), 2, "several operators on one platform")
        for key, line in first_of_catalogue.items():
            with self.subTest(catalogue=key):
                gap = gaps.filtered(
                    lambda g, line=line: g.kind == "price_above"
                    and g.number == national(line["number"])
                )
                self.assertTrue(gap.line_id)
                self.assertRecordValues(
                    gap,
                    [
                        {
                            "catalogue_id": catalogues[key].id,
                            "operator_id": catalogues[key].operator_id.id,
                        }
                    ],
                )
                self.assertEqual(gap.operator_id, gap.line_id.operator_id)
        for gap in gaps.filtered("line_id"):
            self.assertEqual(gap.operator_id, gap.line_id.operator_id, gap.detail)
        # A line only at the supplier: the catalogue its article code names, or none.
        not_billed = gaps.filtered(lambda g: g.kind == "not_billed")
        known = not_billed.filtered(lambda g: g.number != "0699887766")
        unknown = not_billed - known
        self.assertFalse(known.line_id)
        mobile_orange = Catalogue.search(
            [("code", "=", "mobile_orange"), ("company_id", "=", self.company.id)]
        )
        self.assertRecordValues(
            known,
            [
                {
                    "catalogue_id": mobile_orange.id,
                    "operator_id": self.env.ref(
                        "softwhere_catalogue.operator_orange"
                    ).id,
                }
            ],
        )
        self.assertRecordValues(
            unknown, [{"line_id": False, "catalogue_id": False, "operator_id": False}]
        )
        # The dashboard: the margin lost splits by operator as the gaps do.
        by_operator = dict(
            self.env["softwhere.reconciliation.gap"]._read_group(
                [("backend_id", "=", self.backend_snaic.id)],
                ["operator_id"],
                ["margin_lost:sum"],
            )
        )
        for operator in operators:
            self.assertAlmostEqual(
                by_operator.get(operator),
                sum(
                    gaps.filtered(lambda g, o=operator: g.operator_id == o).mapped(
                        "margin_lost"
                    )
                ),
            )

    def test_running_again_keeps_states_and_creates_nothing(self):
        gaps = self.reconcile()
        acknowledged = gaps.filtered(lambda g: g.kind == "price_above")
        acknowledged.action_acknowledge()
        ignored = gaps.filtered(lambda g: g.kind == "not_billed")
        with self.assertRaisesRegex(UserError, "give the reason why it is ignored"):
            ignored.action_ignore()
        ignored.ignore_reason = "Ligne de test de l'opérateur"
        ignored.action_ignore()
        again = self.reconcile()
        self.assertEqual(again, gaps)
        self.assertEqual(
            self.env["softwhere.supplier.snapshot"].search_count(
                [("backend_id", "=", self.backend_snaic.id)]
            ),
            len(self.snaic.app.park.lines),
            "a run again replaces the month's snapshot",
        )
        self.assertEqual(acknowledged.state, "acknowledged")
        self.assertEqual(ignored.state, "ignored")
        # The operator fixes its price: the gap is fixed at the next run.
        line = next(
            line
            for line in self.snaic.app.park.lines
            if national(line["number"]) == acknowledged.number
        )
        plan = self.env["product.product"].search(
            [("name", "=", acknowledged.billed_label)], limit=1
        )
        line["offer"]["price"] = plan.planned_purchase_price
        self.reconcile()
        self.assertEqual(acknowledged.state, "fixed")
        self.assertFalse(acknowledged.line_id.has_supplier_gap)

    def test_running_again_unchanged_writes_nothing(self):
        backend = self.backend_snaic
        park = self.snaic.app.park
        Snapshot = self.env["softwhere.supplier.snapshot"]
        Message = self.env["mail.message"]
        gaps = self.reconcile()
        fields_ = ["kind", "number", "line_id", "catalogue_id", "detail", "state"]
        values = gaps.read(fields_)
        snapshot = Snapshot.search([("backend_id", "=", backend.id)])
        self.assertEqual(len(snapshot), len(park.lines))
        messages = Message.search_count([("model", "=", gaps._name)])
        # Nothing changed on either side: not a snapshot row written again
        # (the same rows, not new ones of the same content), no gap made or
        # changed, no tracking message.
        self.assertEqual(self.reconcile(), gaps)
        self.assertEqual(Snapshot.search([("backend_id", "=", backend.id)]), snapshot)
        self.assertEqual(gaps.read(fields_), values)
        self.assertEqual(Message.search_count([("model", "=", gaps._name)]), messages)
        # One price changed at the operator: its page alone is written again,
        # and its gap found.
        injected = {national(gap.number) for gap in park.injected}
        line = next(
            line
            for line in park.lines
            if line["status"] == "active"
            and line["offer"]
            and national(line["number"]) not in injected
        )
        line["offer"]["price"] = round(line["offer"]["price"] + 5, 2)
        pages = set(
            snapshot.filtered(
                lambda row: row.number == national(line["number"])
            ).mapped("page")
        )
        rows_of_page = snapshot.filtered(lambda row: row.page in pages)
        gaps = self.reconcile()
        now = Snapshot.search([("backend_id", "=", backend.id)])
        self.assertEqual(snapshot - now, rows_of_page, "the changed page's rows go")
        self.assertEqual(set((now - snapshot).mapped("page")), pages)
        self.assertEqual(len(now - snapshot), len(rows_of_page))
        self.assertTrue(
            gaps.filtered(
                lambda g: g.kind == "price_above"
                and g.number == national(line["number"])
            )
        )
        # Lines gone at the operator, a page fewer: the month's snapshot is
        # the park as it is, no row of the earlier reading left over.
        del park.lines[-(backend.page_size + 5) :]
        self.reconcile()
        self.assertEqual(
            sorted(Snapshot.search([("backend_id", "=", backend.id)]).mapped("number")),
            sorted(national(line["number"]) for line in park.lines),
        )

    def test_a_comparison_of_the_same_inputs_is_not_made_again(self):
        backend = self.backend_snaic
        gaps = self.reconcile()
        calls = []
        original = Reconciler.reconcile

        def counting(reconciler, billed, supplier_lines):
            calls.append(len(billed))
            return original(reconciler, billed, supplier_lines)

        def as_if_compared_in_an_earlier_transaction():
            inputs = backend.reconciled_inputs.partition(" ")[2]
            self.assertTrue(inputs)
            backend.reconciled_inputs = f"0 {inputs}"

        with patch.object(Reconciler, "reconcile", counting):
            as_if_compared_in_an_earlier_transaction()
            self.assertEqual(self.reconcile(), gaps)
            self.assertEqual(calls, [], "nothing changed: not compared again")
            # A billed line loses an option: compared again.
            option = self.env["softwhere.line.article"].search(
                [("kind", "=", "option"), ("company_id", "=", self.company.id)],
                limit=1,
            )
            self.assertTrue(option)
            as_if_compared_in_an_earlier_transaction()
            option.unlink()
            self.reconcile()
            self.assertEqual(len(calls), 1)
            # Within the transaction of the last comparison: compared again.
            self.reconcile()
            self.assertEqual(len(calls), 2)
            # A price changed by a transaction that began before the last
            # comparison and committed after it: its write date is older than
            # the latest one, yet its content changed: compared again.
            article = self.env["softwhere.line.article"].search(
                [("kind", "=", "subscription"), ("company_id", "=", self.company.id)],
                limit=1,
            )
            as_if_compared_in_an_earlier_transaction()
            self.env.cr.execute(
                "UPDATE softwhere_line_article SET sale_price = sale_price + 1,"
                " write_date = write_date - interval '1 day' WHERE id = %s",
                [article.id],
            )
            article.invalidate_recordset()
            self.reconcile()
            self.assertEqual(len(calls), 3)

    def test_the_park_is_read_one_job_per_page(self):
        backend = self.backend_snaic
        supplier_lines = len(self.snaic.app.park.lines)
        pages = -(-supplier_lines // backend.page_size)
        self.assertGreater(pages, 2)
        month = str(self.today.replace(day=1))
        Snapshot = self.env["softwhere.supplier.snapshot"]
        with trap_jobs() as trap:
            backend.action_reconcile_now()
            trap.assert_jobs_count(1, only=backend._reconcile)
            trap.perform_enqueued_jobs()
            # Page 1 read by the first job, which queued page 2; each page
            # job queues the next.
            trap.assert_jobs_count(1, only=backend._read_park_page)
            self.assertEqual(
                Snapshot.search_count([("backend_id", "=", backend.id)]),
                backend.page_size,
                "page 1 read by the first job",
            )
            for _page in range(2, pages + 1):
                self.assertFalse(backend.gap_ids, "compared once every page is read")
                trap.assert_jobs_count(1, only=backend._read_park_page)
                trap.perform_enqueued_jobs()
            trap.assert_jobs_count(1, only=backend._reconcile_snapshot)
            trap.perform_enqueued_jobs()
            # A page read again (its job retried) replaces its rows.
            backend._read_park_page(month, 2)
        snapshot = Snapshot.search([("backend_id", "=", backend.id)])
        self.assertEqual(len(snapshot), supplier_lines)
        self.assertEqual(
            sorted(set(snapshot.mapped("page"))), list(range(1, pages + 1))
        )
        backend.invalidate_recordset(["gap_ids"])
        gaps = backend.gap_ids
        self.assertEqual(len(gaps), 6, gaps.mapped("detail"))
        # A line served on two pages (it moved while the park was read) counts
        # once, and its second row goes.
        line = snapshot.filtered("options_data")[:1]
        self.assertTrue(line)
        line.copy({"page": pages + 1})
        backend._reconcile_snapshot(month)
        self.assertEqual(
            Snapshot.search_count([("backend_id", "=", backend.id)]), supplier_lines
        )
        backend.invalidate_recordset(["gap_ids"])
        self.assertEqual(backend.gap_ids, gaps)
        self.assertEqual(set(gaps.mapped("state")), {"new"})

    def test_lines_added_between_page_jobs_give_no_false_gap(self):
        backend = self.backend_snaic
        park = self.snaic.app.park
        injected = {(gap.kind, national(gap.number)) for gap in park.injected}
        # A SIM card goes with a mobile offer only.
        offer = next(line for line in park.lines if line["iccid"])["offer"]["code"]
        added = []
        with trap_jobs() as trap:
            backend.action_reconcile_now()
            for step in range(1, 40):
                if not trap.enqueued_jobs:
                    break
                if step in (2, 3):
                    # Between two page jobs: a number ported in, before every
                    # other, shifts the park by one line.
                    number = f"060000000{step}"
                    park.create_line(
                        iccid_for(900_000 + step),
                        offer,
                        ported_number=number,
                        rio=f"OP{step:010d}",
                    )
                    added.append(number)
                trap.perform_enqueued_jobs()
            self.assertFalse(trap.enqueued_jobs, "the reconciliation is over")
        # The oracle: the simulator's park, each line once in the snapshot.
        snapshot = self.env["softwhere.supplier.snapshot"].search(
            [("backend_id", "=", backend.id)]
        )
        self.assertEqual(
            sorted((r.number, r.iccid or "", r.activation_date) for r in snapshot),
            sorted(
                (
                    national(line["number"]),
                    line["iccid"],
                    date.fromisoformat(line["activationDate"]),
                )
                for line in park.lines
            ),
        )
        self.assertEqual(set(snapshot.mapped("read_pass")), {2}, "read again once")
        # No line billed and in place is reported missing: the gaps are the
        # injected ones and the added lines, billed nowhere.
        backend.invalidate_recordset(["gap_ids"])
        self.assertEqual(
            {(gap.kind, gap.number) for gap in backend.gap_ids},
            injected | {("not_billed", number) for number in added},
        )

    def test_alphalink_platform(self):
        backend = self.start_alphalink(gaps={"price_above": 1})
        gaps = self.reconcile(backend)
        self.assertEqual(gaps.mapped("kind"), ["price_above"])
        self.assertTrue(
            gaps.line_id.article_ids.product_id.catalogue_id & backend.catalogue_ids
        )

    def test_secrets_and_errors(self):
        with self.assertRaises(AccessError):
            self.backend_snaic.with_user(self.manager).read(["password"])
        self.assertEqual(
            self.backend_snaic.with_user(self.manager).read(["name"])[0]["name"],
            "SNAIC test",
        )
        self.backend_snaic.password = "wrong"
        with self.assertRaisesRegex(UserError, "SNAIC test cannot be reached"):
            self.backend_snaic.action_test_connection()
        with self.assertRaisesRegex(UserError, "SNAIC test: the park cannot be read"):
            self.backend_snaic._reconcile(str(self.today))
