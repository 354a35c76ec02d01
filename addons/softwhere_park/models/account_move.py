# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    park_period_start = fields.Date(
        string="Invoiced period start", copy=False, readonly=True
    )
    park_period_end = fields.Date(
        string="Invoiced period end", copy=False, readonly=True
    )
    park_period_label = fields.Char(string="Invoiced period", copy=False, readonly=True)
    park_invoice_run_id = fields.Many2one(
        "softwhere.invoice.run",
        string="Invoice run",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )

    def write(self, vals):
        result = super().write(vals)
        if "state" in vals:
            # Cancelled, reset or posted: what the site was billed changed.
            self.billing_site_id._park_mark_recheck()
        return result

    def unlink(self):
        self.billing_site_id._park_mark_recheck()
        return super().unlink()

    def _post(self, soft=True):
        """A draft of an invoice run is posted by the run only ("Valider la
        facturation"), once its control report is checked."""
        # Once posted (reset to draft to be corrected), or once its run is
        # posted, a draft is posted as any other.
        outside = self.filtered(
            lambda move: move.park_invoice_run_id
            and not move.posted_before
            and not move.park_invoice_run_id.posted_at
            and self.env.context.get("softwhere_post_run")
            != move.park_invoice_run_id.id
        )
        if outside:
            raise UserError(
                self.env._(
                    "%(move)s belongs to %(run)s: post it with “Post the "
                    "invoicing” on the run, after its control report.",
                    move=outside[0].display_name,
                    run=outside[0].park_invoice_run_id.display_name,
                )
            )
        return super()._post(soft=soft)
