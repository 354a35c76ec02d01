# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Upsert of customer accounts from a BlueRockTEL file.

One code path for the wizard, the ``bluerocktel_import`` command and the
benchmark: ``BlueRockTelImport(env, ...).run(data, filename)``.

- The lib reads and checks the file; two rows whose ``customerAccount`` only
  differ by case or spaces are duplicates too.
- The good rows go by batches. Per batch, one query finds the customers already
  there (by ``reference_key``), one reads their fields; the comparison is in
  Python, so an unchanged row writes nothing. The new customers of a batch are
  made by one ``res.partner.create`` call (so every override of ``create`` sees
  the whole batch), each changed one by a ``write`` of its changed fields.
- Each batch runs in a savepoint; when the database refuses it (a constraint,
  an index), it is replayed row by row, each row in its own savepoint, and each
  refused row becomes a row error naming the line, the column and the message.
- Rows with a ``customerAccount`` go first, so the numbers the sequence gives to
  the rows without one never take a number the file gives further down.
- All or nothing: nothing is written when a row is bad, found by the checks
  (nothing is tried) or by the database (everything is rolled back).
"""

import logging
from dataclasses import dataclass, field

import psycopg2

from odoo.exceptions import UserError

from softwhere_lib import bluerocktel as brt

from ..keys import BATCH_CREATE, VAT_CHECKS
from ..models.res_partner import reference_key
from .mapper import COLUMN_BY_FIELD, COMPARED_FIELDS, Mapper, RowProblem

_logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500
#: Columns whose text, found in a database message, names the culprit.
_TELLING_COLUMNS = (
    "customerAccount",
    "registrationNumber",
    "taxRegistrationNumber",
    "accountsReference",
    "website",
    "type",
    "postalCode",
)


@dataclass
class ImportResult:
    """What an import did (or, for a preview, would do), row by row."""

    table: brt.Table
    rows: list  # brt.CheckedRow, every row of the file, with every error
    created: list = field(default_factory=list)  # partner ids
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    applied: bool = False  # False: a preview, or refused by all or nothing
    all_or_nothing: bool = False

    @property
    def rejected(self):
        return [row for row in self.rows if row.errors]

    @property
    def errors(self):
        return [error for row in self.rows for error in row.errors]

    def counts(self):
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "rejected": len(self.rejected),
        }

    def summary(self):
        """The summary line: ``created: N, updated: N, unchanged: N, rejected: N``."""
        return ", ".join(f"{name}: {count}" for name, count in self.counts().items())

    def error_lines(self):
        return [describe(error) for error in self.errors]

    def error_report(self):
        """The rejected rows as they were, with the reasons (CSV), or None."""
        if not self.rejected:
            return None
        return brt.error_report_csv(self.table, self.rows)


def describe(error):
    """``ligne 7, colonne registrationNumber (SIRET) : …`` in French."""
    column = brt.COLUMN_BY_NAME.get(error.column)
    where = f"colonne {error.column} ({column.label})" if column else "ligne entière"
    return f"ligne {error.line}, {where} : {error.message}"


class BlueRockTelImport:
    """Import (or preview) one BlueRockTEL file into customer accounts."""

    def __init__(
        self,
        env,
        *,
        all_or_nothing=False,
        batch_size=DEFAULT_BATCH_SIZE,
        progress=None,
        batch_create=True,
    ):
        """``batch_create=False`` lets partner_firstname create the new customers
        one by one, as it does by itself: only the benchmark wants that."""
        # No default_* of the caller's context may reach res.partner.create.
        context = {
            key: value
            for key, value in env.context.items()
            if not key.startswith("default_") and key != "active_test"
        }
        context.update(
            {
                BATCH_CREATE: batch_create,
                "mail_create_nolog": True,
                "mail_create_nosubscribe": True,
            }
        )
        self.env = env(context=context)
        self.partners = self.env["res.partner"]
        self.all_or_nothing = all_or_nothing
        self.batch_size = max(1, batch_size)
        self.progress = progress or (lambda done, total: None)

    # -- reading and checking ----------------------------------------------------
    def check(self, data, filename=""):
        """Read and check the file (``brt.FileFormatError`` when unreadable)."""
        table = brt.read_table(data, filename)
        rows = self._check_rows(table)
        self._check_duplicate_keys(rows)
        return table, rows

    @staticmethod
    def _check_rows(table):
        try:
            return brt.check_rows(table)
        except Exception:  # noqa: BLE001 - a row the lib cannot check
            _logger.info("BlueRockTEL check failed, checking row by row", exc_info=True)
        return [_check_row_alone(row) for row in table.rows]

    @staticmethod
    def _check_duplicate_keys(rows):
        """Accounts equal but for case and spaces are duplicates as well."""
        by_key = {}
        for row in rows:
            account = row.values.get("customerAccount")
            if account:
                by_key.setdefault(reference_key(account), []).append(row)
        for same in by_key.values():
            if len(same) < 2:
                continue
            lines = ", ".join(str(row.line) for row in same)
            for row in same:
                if any(e.code == "duplicate_account" for e in row.errors):
                    continue
                account = row.values["customerAccount"]
                row.errors.append(
                    brt.RowError(
                        line=row.line,
                        column="customerAccount",
                        code="duplicate_account",
                        value=account,
                        message=brt.MESSAGES["duplicate_account"].format(
                            value=account, detail=lines
                        ),
                    )
                )

    # -- the upsert --------------------------------------------------------------
    def preview(self, data, filename=""):
        """What ``run`` would do, writing nothing."""
        return self._process(data, filename, write=False)

    def run(self, data, filename=""):
        return self._process(data, filename, write=True)

    def _process(self, data, filename, write):
        table, rows = self.check(data, filename)
        result = ImportResult(
            table=table, rows=rows, all_or_nothing=self.all_or_nothing
        )
        self.mapper = Mapper(self.env, table.header)
        self.raw_by_line = {row.line: row.values for row in table.rows}
        good = [row for row in rows if row.ok]
        if write and self.all_or_nothing and len(good) < len(rows):
            return result  # nothing tried: the file has bad rows
        # Rows with an account first: see the module's docstring.
        good.sort(key=lambda row: not row.values.get("customerAccount"))
        savepoint = self.env.cr.savepoint() if write and self.all_or_nothing else None
        try:
            for start in range(0, len(good), self.batch_size):
                # Set again each time: a rolled back savepoint empties the cache.
                self.env.cr.cache.setdefault(VAT_CHECKS, {})
                self._batch(good[start : start + self.batch_size], result, write)
                self.progress(min(start + self.batch_size, len(good)), len(good))
        except Exception:
            if savepoint:
                savepoint.close(rollback=True)
            raise
        finally:
            self.env.cr.cache.pop(VAT_CHECKS, None)
        if savepoint:
            # Every batch was tried, so that every bad row is named; then all
            # or nothing.
            savepoint.close(rollback=bool(result.rejected))
            if result.rejected:
                result.created, result.updated, result.unchanged = [], [], []
                return result
        result.applied = write
        return result

    def _batch(self, rows, result, write):
        existing = self._existing(
            reference_key(row.values["customerAccount"])
            for row in rows
            if row.values.get("customerAccount")
        )
        creates, updates = [], []
        for row in rows:
            try:
                target = self.mapper.target(row.values)
            except RowProblem as problem:
                row.errors.append(_at_line(problem.error, row.line))
                continue
            partner = existing.get(reference_key(row.values.get("customerAccount")))
            if partner is None:
                creates.append((row, self.mapper.create_values(target)))
                continue
            changes = self.mapper.changes(partner, target)
            if changes:
                updates.append((row, partner, changes))
            else:
                result.unchanged.append(partner.id)
        if not write:
            result.created += [None] * len(creates)  # no id before the import
            result.updated += [partner.id for _row, partner, _changes in updates]
            return
        if self._apply(creates, updates, result) is None:
            return
        # Replay row by row: every row the database refuses is named.
        for item in creates:
            error = self._apply([item], [], result)
            if error is not None:
                self._reject(item[0], error, item[1])
        for item in updates:
            error = self._apply([], [item], result)
            if error is not None:
                self._reject(item[0], error, item[2])

    def _existing(self, keys):
        """Customers by account key, archived ones too: one query, one read."""
        keys = tuple(set(keys) - {""})
        if not keys:
            return {}
        self.partners.flush_model(["customer_reference", "company_id"])
        # The unique index is on (COALESCE(company_id, 0), UPPER(TRIM(...))):
        # shared customers or the current company's, the latter first.
        self.env.cr.execute(
            """
            SELECT UPPER(TRIM(customer_reference)), id
              FROM res_partner
             WHERE COALESCE(company_id, 0) IN (0, %s)
               AND UPPER(TRIM(customer_reference)) IN %s
          ORDER BY company_id NULLS LAST
            """,
            [self.env.company.id, keys],
        )
        ids_by_key = {}
        for key, partner_id in self.env.cr.fetchall():
            ids_by_key.setdefault(key, partner_id)
        partners = self.partners.with_context(active_test=False).browse(
            list(ids_by_key.values())
        )
        partners.fetch(list(COMPARED_FIELDS))
        return {key: partners.browse(pid) for key, pid in ids_by_key.items()}

    def _apply(self, creates, updates, result):
        """Write one batch in a savepoint; the exception when it was refused."""
        try:
            with self.env.cr.savepoint():
                # A new customer has no history to track (no creation message,
                # no follower: see __init__); its updates are tracked.
                created = self.partners.with_context(tracking_disable=True).create(
                    [dict(vals) for _row, vals in creates]
                )
                for _row, partner, changes in updates:
                    partner.write(changes)
        except (UserError, psycopg2.Error, ValueError) as error:
            return error
        except Exception as error:  # noqa: BLE001 - reported, never a traceback
            _logger.info("BlueRockTEL import: unexpected error", exc_info=True)
            return error
        # Tracking values wait for the commit: written now, a later rollback of
        # a savepoint (which clears the pending hooks) cannot lose them.
        self.env.cr.precommit.run()
        result.created += created.ids
        result.updated += [partner.id for _row, partner, _changes in updates]
        return None

    # -- errors the database finds ---------------------------------------------
    def _reject(self, row, error, values):
        message = self._message(error)
        row.errors.append(
            brt.RowError(
                line=row.line,
                column=self._column(row, error, message, values),
                code="refused",
                value="",
                message=message,
            )
        )

    def _message(self, error):
        if isinstance(error, psycopg2.Error):
            return self.partners._sql_error_to_message(error)
        if isinstance(error, UserError):
            return str(error.args[0])
        return self.env._(
            "Unexpected error: %(kind)s: %(error)s",
            kind=type(error).__name__,
            error=error,
        )

    def _column(self, row, error, message, values):
        """The column the database's message points at, as well as it can tell."""
        diag = getattr(error, "diag", None)
        if diag is not None and getattr(diag, "column_name", None):
            column = COLUMN_BY_FIELD.get(diag.column_name)
            if column:
                return column
        if "customer_reference" in str(error):
            return "customerAccount"
        raw = self.raw_by_line.get(row.line, {})
        for column in _TELLING_COLUMNS:
            for text in (raw.get(column), row.values.get(column)):
                text = str(text or "").strip()
                if len(text) >= 3 and text in message:
                    return column
        fields_ = self.partners._fields
        for field_name in values:
            column = COLUMN_BY_FIELD.get(field_name)
            label = fields_[field_name]._description_string(self.env)
            if column and label and label in message:
                return column
        return "customerAccount" if row.values.get("customerAccount") else "name"


def _at_line(error, line):
    return brt.RowError(
        line=line,
        column=error.column,
        code=error.code,
        value=error.value,
        message=error.message,
    )


def _check_row_alone(row):
    """Check one row; a value the lib cannot check is an error of its column."""
    try:
        return brt.check_row(row)
    except Exception:  # noqa: BLE001 - found column by column below
        _logger.info("BlueRockTEL line %s: checking column by column", row.line)
    checked = brt.CheckedRow(line=row.line, values={})
    for column in brt.COLUMNS:
        text = row.values.get(column.name, "")
        values = {"name": "x", column.name: text}
        alone = brt.Row(line=row.line, values=values, cells=[])
        try:
            brt.check_row(alone)
        except Exception:  # noqa: BLE001
            checked.errors.append(
                brt.RowError(
                    line=row.line,
                    column=column.name,
                    code="unreadable",
                    value=text,
                    message=f"valeur illisible « {text} »",
                )
            )
    if not checked.errors:
        checked.errors.append(
            brt.RowError(
                line=row.line,
                column="",
                code="unreadable",
                value="",
                message="ligne illisible",
            )
        )
    return checked
