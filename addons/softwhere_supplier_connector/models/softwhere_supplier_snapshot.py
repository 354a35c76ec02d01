# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import json

from odoo import fields, models
from odoo.tools import SQL, float_repr

from softwhere_lib import phone as sw_phone
from softwhere_lib.supplier import SupplierLine, SupplierProduct

#: The columns a page of the supplier's park fills, in ``_page_rows``' order.
PAGE_COLUMNS = (
    "number",
    "iccid",
    "status",
    "activation_date",
    "termination_date",
    "offer_code",
    "offer_label",
    "offer_price",
    "options",
    "options_data",
    "monthly_price",
)


class SoftwhereSupplierSnapshot(models.Model):
    """A line as the supplier had it in place when a month was reconciled."""

    _name = "softwhere.supplier.snapshot"
    _description = "Supplier park snapshot"
    _order = "month desc, number"
    _rec_name = "number"

    backend_id = fields.Many2one(
        "softwhere.supplier.backend", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="backend_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(required=True, index=True)
    page = fields.Integer(help="The page of the supplier's park it was read on.")
    read_pass = fields.Integer(
        string="Reading",
        default=1,
        help="Which reading of the supplier's park it comes from: the park is "
        "read again when lines were added while it was read.",
    )
    number = fields.Char(required=True, index=True)
    iccid = fields.Char(string="ICCID")
    status = fields.Char()
    activation_date = fields.Date()
    termination_date = fields.Date()
    offer_code = fields.Char(string="Offer code")
    offer_label = fields.Char(string="Offer")
    # Read back by the reconciliation only: a Float costs a park of rows less
    # than a Monetary (a currency looked up per value).
    offer_price = fields.Float(string="Offer monthly price", digits="Product Price")
    options = fields.Char()
    options_data = fields.Json(
        string="Options (code, label, monthly price)",
        help="The options as the reconciliation reads them back.",
    )
    monthly_price = fields.Monetary(string="Monthly purchase price")
    page_hash = fields.Char(
        readonly=True,
        help="The content of the page this row was written with: a page read "
        "again the same is not written again.",
    )

    _month_number_index = models.Index("(backend_id, month, number)")
    _month_page_index = models.Index("(backend_id, month, page)")

    # -- a page of the supplier's park -------------------------------------------
    def _values_of_line(self, line):
        """The ORM values of one supplier line (``SupplierLine``)."""
        offer = line.offer
        return {
            "number": sw_phone.national(line.number),
            "iccid": line.iccid,
            "status": line.status,
            "activation_date": line.activation_date,
            "termination_date": line.termination_date,
            "offer_code": offer.code if offer else False,
            "offer_label": offer.label if offer else False,
            "offer_price": offer.monthly_price if offer else 0.0,
            "options": ", ".join(option.label for option in line.options),
            "options_data": [
                [option.code, option.label, option.monthly_price]
                for option in line.options
            ],
            "monthly_price": line.monthly_price,
        }

    def _page_rows(self, backend, lines):
        """The column values of ``lines`` as the ORM would store them.

        Each field's own conversion (``convert_to_column``), except the
        Monetary, rounded by the backend's currency once for the page rather
        than looking the currency up per value.
        """
        currency = backend.company_id.currency_id
        fields_ = [self._fields[name] for name in PAGE_COLUMNS]
        rows = []
        for line in lines:
            values = self._values_of_line(line)
            row = []
            for field in fields_:
                value = values[field.name]
                if field.type == "monetary":
                    value = float(value or 0.0)
                    if currency:
                        value = float_repr(
                            currency.round(value), currency.decimal_places
                        )
                elif field.type == "json":
                    value = json.dumps(value) if value else None
                else:
                    value = field.convert_to_column(value, self, values)
                row.append(value)
            rows.append(row)
        return rows

    def _lines_hash(self, backend, lines):
        """The page's content: its lines as read, and what their conversion
        depends on (the same hash, the same rows). Hashed without converting
        them: a page read again the same costs no conversion."""
        currency = backend.company_id.currency_id
        digits = self._fields["offer_price"].get_digits(self.env)
        text = repr((currency.id, currency.decimal_places, digits, tuple(lines)))
        return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()

    def _write_page(self, backend, month, page, read_pass, lines):
        """A page of the supplier's park as the month's rows of that page and
        reading, in one ``INSERT … SELECT``; nothing written when the page's
        rows already are these. True when the page was written.

        The ORM's invariants kept by hand: access rights checked as for
        ``create``/``unlink``, the company (the backend's), the log columns,
        each value converted as the ORM does (``_page_rows``; the rows read
        back equal to those ``create`` makes: see the tests), and the
        model's cache invalidated.
        """
        self.check_access("create")
        self.check_access("unlink")
        page_hash = self._lines_hash(backend, lines)
        table = SQL.identifier(self._table)
        where = SQL(
            "backend_id = %s AND month = %s AND page = %s AND read_pass = %s",
            backend.id,
            month,
            page,
            read_pass,
        )
        self.flush_model()
        [(count, hashes)] = self.env.execute_query(
            SQL(
                "SELECT count(*), array_agg(DISTINCT page_hash) FROM %s WHERE %s",
                table,
                where,
            )
        )
        if count == len(lines) and (not lines or hashes == [page_hash]):
            return False
        self.env.execute_query(SQL("DELETE FROM %s WHERE %s", table, where))
        if lines:
            rows = self._page_rows(backend, lines)
            self._insert_rows(backend, month, page, read_pass, page_hash, rows)
        self.invalidate_model()
        return True

    def _insert_rows(self, backend, month, page, read_pass, page_hash, rows):
        columns = list(zip(*rows, strict=True))
        types = [
            self._fields[name].column_type[1].split("(")[0] for name in PAGE_COLUMNS
        ]
        now = self.env.cr.now()
        uid = self.env.uid
        self.env.execute_query(
            SQL(
                """
                INSERT INTO %(table)s (
                    backend_id, company_id, month, page, read_pass, page_hash,
                    create_uid, create_date, write_uid, write_date, %(columns)s
                )
                SELECT %(backend)s, %(company)s, %(month)s, %(page)s, %(read_pass)s,
                       %(hash)s, %(uid)s, %(now)s, %(uid)s, %(now)s, *
                  FROM unnest(%(arrays)s)
                """,
                table=SQL.identifier(self._table),
                columns=SQL(", ").join(SQL.identifier(name) for name in PAGE_COLUMNS),
                backend=backend.id,
                company=backend.company_id.id or None,
                month=month,
                page=page,
                read_pass=read_pass,
                hash=page_hash,
                uid=uid,
                now=now,
                arrays=SQL(", ").join(
                    SQL("%s::" + kind + "[]", list(values))
                    for kind, values in zip(types, columns, strict=True)
                ),
            )
        )

    def _trim_reading(self, backend, month, read_pass, last_page):
        """Drop the rows of a reading beyond its last page (a park shrunk since
        an earlier run of the month)."""
        self._delete_where(
            SQL(
                "backend_id = %s AND month = %s AND read_pass = %s AND page > %s",
                backend.id,
                month,
                read_pass,
                last_page,
            )
        )

    def _keep_reading(self, backend, month, read_pass):
        """Drop the month's rows of every other reading."""
        self._delete_where(
            SQL(
                "backend_id = %s AND month = %s AND read_pass != %s",
                backend.id,
                month,
                read_pass,
            )
        )

    def _delete_where(self, where):
        self.check_access("unlink")
        self.flush_model()
        self.env.execute_query(
            SQL("DELETE FROM %s WHERE %s", SQL.identifier(self._table), where)
        )
        self.invalidate_model()

    # -- read back -----------------------------------------------------------------
    def _month_lines(self, backend, month):
        """The supplier's lines of the month's snapshot, each once.

        A line served on two pages (it moved while the park was read) or by
        two readings is kept as the latest reading first gave it; two lines
        of one number (given again after one was terminated) are both kept: a
        line is its number, SIM and activation. The doubles' rows go.
        Read in one query: a park is a hundred thousand rows.
        """
        self.flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT id, number, iccid, status, activation_date, termination_date,
                       offer_code, offer_label, offer_price, options_data
                  FROM %s
                 WHERE backend_id = %s AND month = %s
              ORDER BY read_pass DESC, page, id
                """,
                SQL.identifier(self._table),
                backend.id,
                month,
            )
        )
        lines, doubles, seen = [], [], set()
        for (
            row_id,
            number,
            iccid,
            status,
            activation_date,
            termination_date,
            offer_code,
            offer_label,
            offer_price,
            options,
        ) in rows:
            key = (number, iccid, activation_date)
            if key in seen:
                doubles.append(row_id)
                continue
            seen.add(key)
            offer = (
                SupplierProduct(offer_code, offer_label, offer_price or 0.0)
                if offer_code or offer_label
                else None
            )
            lines.append(
                SupplierLine(
                    number=number,
                    iccid=iccid or "",
                    status=status,
                    activation_date=activation_date,
                    termination_date=termination_date,
                    offer=offer,
                    options=tuple(
                        SupplierProduct(code, label, price)
                        for code, label, price in options or ()
                    ),
                )
            )
        self.browse(doubles).unlink()
        return lines
