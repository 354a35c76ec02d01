# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged
from odoo.tools.sql import column_exists

from ..upgrade import rename_fields


@tagged("post_install", "-at_install")
class TestUpgrade(TransactionCase):
    """The 19.0.1.1.0 renaming on a database put back as the old version left it.

    The table changes are rolled back with the test's transaction.
    """

    def _put_back_the_old_names(self):
        cr = self.env.cr
        self.env.flush_all()
        cr.execute("ALTER TABLE res_partner RENAME COLUMN softwhere_vip TO vip")
        cr.execute(
            """ALTER INDEX IF EXISTS res_partner__softwhere_partner_type_index
               RENAME TO res_partner__partner_type_index"""
        )
        cr.execute(
            """ALTER TABLE res_partner
               RENAME COLUMN softwhere_partner_type TO partner_type"""
        )
        cr.execute(
            """UPDATE ir_model_fields SET name = substr(name, 11)
                WHERE model IN ('res.partner', 'res.users')
                  AND name IN ('softwhere_vip', 'softwhere_partner_type')"""
        )
        cr.execute(
            """UPDATE ir_model_data SET name = replace(name, '__softwhere_', '__')
                WHERE module = 'softwhere_client'
                  AND (name LIKE 'field_res_%%__softwhere_vip'
                       OR name LIKE '%%__softwhere_partner_type%%')"""
        )

    def test_the_fields_keep_their_data_and_records(self):
        partner = self.env["res.partner"].create(
            {"name": "Client VIP", "softwhere_vip": True}
        )
        field = self.env["ir.model.fields"]._get("res.partner", "softwhere_vip")
        selection_ids = (
            self.env["ir.model.fields"]
            ._get("res.partner", "softwhere_partner_type")
            .selection_ids.ids
        )
        user_filter = self.env["ir.filters"].create(
            {
                "name": "VIP",
                "model_id": "res.partner",
                "domain": "[('vip', '=', True)]",
                "context": "{'group_by': ['partner_type']}",
            }
        )
        self._put_back_the_old_names()
        self.assertTrue(column_exists(self.env.cr, "res_partner", "vip"))

        renames = {"vip": "softwhere_vip", "partner_type": "softwhere_partner_type"}
        rename_fields(
            self.env.cr, "softwhere_client", "res.partner", renames, ("res.users",)
        )

        cr = self.env.cr
        cr.execute("SELECT softwhere_vip FROM res_partner WHERE id = %s", [partner.id])
        self.assertEqual(cr.fetchone(), (True,))
        self.assertFalse(column_exists(cr, "res_partner", "vip"))
        cr.execute(
            "SELECT 1 FROM pg_indexes WHERE indexname = %s",
            ["res_partner__softwhere_partner_type_index"],
        )
        self.assertTrue(cr.rowcount)
        self.env.invalidate_all()
        self.env.registry.clear_cache()  # the external ids' lookups
        self.assertEqual(
            self.env.ref("softwhere_client.field_res_partner__softwhere_vip"), field
        )
        self.assertTrue(self.env.ref("softwhere_client.field_res_users__softwhere_vip"))
        self.assertEqual(
            self.env.ref(
                "softwhere_client.selection__res_partner__softwhere_partner_type__client"
            ).field_id.name,
            "softwhere_partner_type",
        )
        self.assertEqual(
            self.env["ir.model.fields"]
            ._get("res.partner", "softwhere_partner_type")
            .selection_ids.ids,
            selection_ids,
        )
        self.assertEqual(user_filter.domain, "[('softwhere_vip', '=', True)]")
        self.assertEqual(
            user_filter.context, "{'group_by': ['softwhere_partner_type']}"
        )
