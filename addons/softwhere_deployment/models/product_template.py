# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

#: Below this many SIM cards of an operator in stock, replenishment is proposed.
SIM_MINIMUM = 20


class ProductTemplate(models.Model):
    _inherit = "product.template"

    is_sim_card = fields.Boolean(
        string="SIM card",
        help="Tracked by ICCID in stock; a line creation takes one.",
    )

    def write(self, vals):
        # Archiving an article archives its minimum-stock rules (stock does it),
        # which only inventory administrators may write: whoever may archive
        # the article archives them with it.
        if set(vals) == {"active"} and not self.env.su:
            self.check_access("write")
            return super(ProductTemplate, self.sudo()).write(vals)
        return super().write(vals)

    @api.model
    def _softwhere_setup_sim_cards(self):
        """The hardware articles whose supplier code ends in -SIM: storable, one
        serial number (ICCID) each, and a minimum stock in each warehouse."""
        sims = self.with_context(active_test=False).search(
            [
                ("catalogue_id", "!=", False),
                ("softwhere_kind", "=", "hardware"),
                ("supplier_article_code", "=like", "%-SIM"),
            ]
        )
        sims.write({"is_sim_card": True, "is_storable": True, "tracking": "serial"})
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        warehouses = self.env["stock.warehouse"].search([("active", "=", True)])
        for warehouse in warehouses:
            for product in sims.product_variant_id:
                if product.company_id and product.company_id != warehouse.company_id:
                    continue
                if not Orderpoint.search_count(
                    [
                        ("product_id", "=", product.id),
                        ("warehouse_id", "=", warehouse.id),
                    ]
                ):
                    Orderpoint.create(
                        {
                            "product_id": product.id,
                            "warehouse_id": warehouse.id,
                            "location_id": warehouse.lot_stock_id.id,
                            "product_min_qty": SIM_MINIMUM,
                            "product_max_qty": SIM_MINIMUM * 5,
                            "trigger": "manual",
                        }
                    )
        return sims
