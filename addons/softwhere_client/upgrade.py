# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Renaming fields of ours on Odoo's own models, for the migration scripts.

Plain SQL (OCA's ``openupgradelib`` is not installed): run before the module's
update, it renames what holds the field's name so that Odoo, reflecting the new
field, finds its column, its ``ir.model.fields`` record (and with it the
selection values, the tracking values and the defaults that point there) and
its external ids, rather than making new ones and dropping the old column.
"""

import logging

from odoo.tools.sql import (
    SQL,
    column_exists,
    index_exists,
    make_index_name,
    rename_column,
)

_logger = logging.getLogger(__name__)


def _table(model):
    return model.replace(".", "_")


def rename_fields(cr, module, model, renames, inheriting=()):
    """Rename ``module``'s fields ``renames`` (old name → new) of ``model``.

    ``inheriting``: the models that show the fields too (``_inherits``:
    ``res.users`` for ``res.partner``, ``product.product`` for
    ``product.template``), whose field records and external ids follow.
    """
    table = _table(model)
    models = [model, *inheriting]
    for old, new in renames.items():
        if _shared(cr, module, model, old):
            _copy_shared_field(cr, module, table, models, old, new)
            continue
        if column_exists(cr, table, old) and not column_exists(cr, table, new):
            rename_column(cr, table, old, new)
            old_index, new_index = (
                make_index_name(table, old),
                make_index_name(table, new),
            )
            if index_exists(cr, old_index) and not index_exists(cr, new_index):
                cr.execute(
                    SQL(
                        "ALTER INDEX %s RENAME TO %s",
                        SQL.identifier(old_index),
                        SQL.identifier(new_index),
                    )
                )
        cr.execute(
            "UPDATE ir_model_fields SET name = %s WHERE model = ANY(%s) AND name = %s",
            (new, models, old),
        )
        for each in models:
            prefix = _table(each)
            cr.execute(
                """UPDATE ir_model_data SET name = %s
                    WHERE module = %s AND model = 'ir.model.fields' AND name = %s""",
                (f"field_{prefix}__{new}", module, f"field_{prefix}__{old}"),
            )
            old_selection = f"selection__{prefix}__{old}__"
            cr.execute(
                """UPDATE ir_model_data
                      SET name = %s || substr(name, %s)
                    WHERE module = %s AND model = 'ir.model.fields.selection'
                      AND starts_with(name, %s)""",
                (
                    f"selection__{prefix}__{new}__",
                    len(old_selection) + 1,
                    module,
                    old_selection,
                ),
            )
        # What users made by hand: views, saved filters and export lists.
        cr.execute(
            """UPDATE ir_ui_view
                  SET arch_db = replace(arch_db::text, %s, %s)::jsonb
                WHERE model = ANY(%s) AND arch_db::text LIKE %s""",
            (
                f'<field name=\\"{old}\\"',
                f'<field name=\\"{new}\\"',
                models,
                f'%<field name=\\\\"{old}\\\\"%',
            ),
        )
        for quote in ("'", '"'):
            cr.execute(
                """UPDATE ir_filters
                      SET domain = replace(domain, %(old)s, %(new)s),
                          context = replace(context, %(old)s, %(new)s)
                    WHERE model_id = ANY(%(models)s)""",
                {
                    "old": f"{quote}{old}{quote}",
                    "new": f"{quote}{new}{quote}",
                    "models": models,
                },
            )
        cr.execute(
            """UPDATE ir_exports_line line SET name = %s
                 FROM ir_exports export
                WHERE line.export_id = export.id AND export.resource = ANY(%s)
                  AND line.name = %s""",
            (new, models, old),
        )
        _logger.info("%s: field %s.%s renamed %s", module, model, old, new)


def _shared(cr, module, model, name):
    """Whether another module defines the field too (ours replaced theirs)."""
    cr.execute(
        """SELECT 1 FROM ir_model_data data
             JOIN ir_model_fields field ON field.id = data.res_id
            WHERE data.model = 'ir.model.fields' AND data.module != %s
              AND field.model = %s AND field.name = %s""",
        (module, model, name),
    )
    return bool(cr.rowcount)


def _copy_shared_field(cr, module, table, models, old, new):
    """The other module keeps the field and its column; ours gets a copy.

    Our external ids of the old field go, so that the update does not remove
    the field the other module still defines.
    """
    if column_exists(cr, table, old) and not column_exists(cr, table, new):
        cr.execute(
            """SELECT format_type(atttypid, atttypmod) FROM pg_attribute
                WHERE attrelid = %s::regclass AND attname = %s""",
            (table, old),
        )
        column_type = cr.fetchone()[0]
        cr.execute(
            SQL(
                "ALTER TABLE %s ADD COLUMN %s " + column_type,
                SQL.identifier(table),
                SQL.identifier(new),
            )
        )
        cr.execute(
            SQL(
                "UPDATE %s SET %s = %s",
                SQL.identifier(table),
                SQL.identifier(new),
                SQL.identifier(old),
            )
        )
    for each in models:
        prefix = _table(each)
        cr.execute(
            """DELETE FROM ir_model_data
                WHERE module = %s AND (name = %s OR starts_with(name, %s))""",
            (module, f"field_{prefix}__{old}", f"selection__{prefix}__{old}__"),
        )
    _logger.info("%s: field %s of %s copied to %s", module, old, table, new)
