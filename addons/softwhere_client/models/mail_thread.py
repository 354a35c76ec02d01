# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..lang import in_working_language


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _creation_message(self):
        """The note logged when one of our records is created, French through our
        fr.po (« Fiche créée : Ligne »), whatever Odoo's own French. Written in the
        language of whoever creates it; in the company's when Odoo itself does,
        without a language (demo data installed, a command), rather than English."""
        if not self._name.startswith("softwhere."):
            return super()._creation_message()
        self.ensure_one()
        env = in_working_language(self).env
        return env._(
            "Record created: %(document)s",
            document=env["ir.model"]._get(self._name).name,
        )
