# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ORM helpers the SoftWhere addons share."""

from odoo.tools import float_compare


def changed_values(record, values):
    """The part of ``values`` that differs from what ``record`` holds: an
    import writes only what changed (no write, no tracking, no recompute)."""
    changed = {}
    for name, value in values.items():
        field = record._fields[name]
        current = record[name]
        if field.type == "many2one":
            current = current.id
        if field.type == "float":
            digits = field.get_digits(record.env)
            precision = digits[1] if digits else 6
            if not float_compare(current, value, precision_digits=precision):
                continue
        elif (current or False) == (value or False):
            continue
        changed[name] = value
    return changed
