# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Our fields on products take the ``softwhere_`` prefix (issue 29).

``service_type`` is Sales' own field (manual, milestones, timesheet), which
ours replaced; ``margin`` is a name others use too. The data stays, in the
renamed columns.
"""

from odoo.tools.sql import column_exists

from odoo.addons.softwhere_client.upgrade import rename_fields

#: Our service types, which Sales' field held while ours replaced it.
SERVICE_TYPES = ("fixe", "internet", "fixe_internet", "mobile", "cybersecurite")

RENAMES = {
    "service_type": "softwhere_service_type",
    "margin": "softwhere_margin",
    "margin_rate": "softwhere_margin_rate",
}


def migrate(cr, version):
    if not version:
        return
    rename_fields(
        cr, "softwhere_catalogue", "product.template", RENAMES, ("product.product",)
    )
    if column_exists(cr, "product_template", "service_type"):
        # Sales installed beside us: the column held both fields' values. Ours
        # is the catalogue's type again, and Sales' field gets its default back.
        cr.execute(
            """UPDATE product_template template
                  SET softwhere_service_type = (
                      SELECT catalogue.service_type FROM softwhere_catalogue catalogue
                       WHERE catalogue.id = template.catalogue_id
                  )"""
        )
        cr.execute(
            """UPDATE product_template SET service_type = 'manual'
                WHERE service_type = ANY(%s)""",
            (list(SERVICE_TYPES),),
        )
