# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _softwhere_check_group(self, group, action, records):
        """Refuse ``action`` on ``records`` to a user outside ``group`` (an xml id).

        A button's ``groups=`` only hides it: any public method of a model the
        user can read is callable over RPC, so each action checks here too.
        """
        env = records.env
        if env.su or env.user.has_group(group):
            return
        # Named only to a user who may read them: no name leaks across companies.
        readable = records and records.has_access("read")
        names = records.mapped("display_name")[:3] if readable else []
        raise AccessError(
            env._(
                "%(records)s: “%(action)s” is reserved to the group “%(group)s”.",
                records=", ".join(names) or records._description,
                action=action,
                group=env.ref(group).sudo().full_name,
            )
        )
