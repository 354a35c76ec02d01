# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ORM helpers the SoftWhere addons share."""

from odoo.exceptions import UserError
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


def check_company_by_sample(records, fnames, check):
    """Odoo's ``_check_company`` (``check``, called on a recordset) run on one
    record per group of ``records`` it would judge alike: same company and
    same values in the fields it checks.

    Odoo checks record by record, and its verdict on a record depends on those
    values only, so this is the same check: a batch of customers or billing
    sites made by the thousand falls into a handful of groups. When the sample
    fails, every record is checked, so that the error names the records at
    fault as Odoo's does.
    """
    sample = _company_check_sample(records, fnames)
    if len(sample) == len(records):
        return check(records)
    try:
        return check(sample)
    except UserError:
        check(records)
        raise


def _company_check_sample(records, fnames):
    if len(records) < 2 or records._name == "res.company":
        return records
    if fnames is None or {"company_id", "company_ids"} & set(fnames):
        fnames = records._fields
    names = [
        name
        for name in fnames
        if records._fields[name].relational and records._fields[name].check_company
    ]
    company_field = next(
        (name for name in ("company_id", "company_ids") if name in records._fields),
        None,
    )
    if not names or not company_field:
        return records
    sample = {}
    for record in records.sudo():
        key = (record[company_field]._ids, *(record[name]._ids for name in names))
        sample.setdefault(key, record.id)
    return records.browse(list(sample.values()))
