# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Gaps recorded before 19.0.1.1.0 go under their line's catalogue and operator.

The operator of a gap was the backend's (the operator of its first catalogue),
so every gap of a platform serving several operators showed under one of them.
It is now the operator of the gap's catalogue, and the catalogue of a gap with
a park line is the catalogue of that line's latest subscription.
"""

from collections import defaultdict

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    Gap = env["softwhere.reconciliation.gap"]
    gaps = Gap.search([])
    with_line = gaps.filtered("line_id")
    catalogue_of_line = Gap._catalogue_of_lines(with_line.line_id)
    by_catalogue = defaultdict(list)
    for gap in with_line:
        catalogue_id = catalogue_of_line.get(gap.line_id.id)
        if catalogue_id and gap.catalogue_id.id != catalogue_id:
            by_catalogue[catalogue_id].append(gap.id)
    for catalogue_id, gap_ids in by_catalogue.items():
        Gap.browse(gap_ids).write({"catalogue_id": catalogue_id})
    # The related column changed its path: recompute it for every gap.
    env.add_to_compute(Gap._fields["operator_id"], gaps)
    env.flush_all()
