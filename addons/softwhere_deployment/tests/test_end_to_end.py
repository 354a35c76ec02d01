# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.tests import tagged

from .common import SoftwhereProvisioningJobsCase


@tagged("post_install", "-at_install")
class TestEndToEnd(SoftwhereProvisioningJobsCase):
    def test_sim_and_one_off_provisioned_survive_the_syncs_and_are_invoiced_once(
        self,
    ):
        line = self.new_line()
        order = self.provision(
            self.order(
                {"kind": "one_off", "line_id": line.id, "product_id": self.top_up.id}
            ),
            crash_at="billing",
        )
        self.assertEqual(order.state, "done", order.failure_reason)
        # The hourly sync, twice (the second one full): Cfast's history of the
        # line is merged, the articles Odoo added stay.
        self.sync()
        self.sync(full=True)
        for product in (self.sim, self.top_up):
            self.assertEqual(
                len(line.article_ids.filtered(lambda a, p=product: a.product_id == p)),
                1,
                product.display_name,
            )
        # This month's run (in advance) is made before; next month's run, made
        # twice, bills the SIM card and the top-up once.
        site = line.billing_site_id
        site.partner_id.customer_status = "active_compliant"
        this_month = self.today.replace(day=1)
        next_month = (this_month + timedelta(days=32)).replace(day=1)
        invoices = site._park_invoice(this_month)
        invoices |= site._park_invoice(next_month)
        invoices |= site._park_invoice(next_month)
        lines = invoices.invoice_line_ids.filtered(lambda il: il.park_line_id == line)
        for product in (self.sim, self.top_up):
            billed = lines.filtered(lambda il, p=product: il.product_id == p)
            self.assertEqual(len(billed), 1, product.display_name)
            self.assertEqual(billed.price_subtotal, product.lst_price)
