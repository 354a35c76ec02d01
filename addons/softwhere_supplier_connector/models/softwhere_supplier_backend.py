# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import calendar
import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

from softwhere_lib import phone as sw_phone
from softwhere_lib.exceptions import ApiError, TransientApiError
from softwhere_lib.reconciliation import (
    BilledItem,
    BilledLine,
    CatalogueArticle,
    Reconciler,
)
from softwhere_lib.supplier import (
    MAX_PASSES,
    SupplierLine,
    SupplierProduct,
    client_for,
    stable_pass,
)

from .softwhere_reconciliation_gap import OPEN_STATES

_logger = logging.getLogger(__name__)

PLATFORMS = [("snaic", "SNAIC (SOAP)"), ("alphalink", "Alphalink (REST)")]
ADMIN_GROUP = "softwhere_client.softwhere_client_group_connector_admin"
ENDED = ("terminated", "obsolete")


def month_start(day):
    return day.replace(day=1)


def month_end(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


class SoftwhereSupplierBackend(models.Model):
    """A supplier platform: how to reach it and the catalogues it provisions."""

    _name = "softwhere.supplier.backend"
    _description = "Supplier backend"
    _inherit = ["mail.thread"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    platform = fields.Selection(PLATFORMS, required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    url = fields.Char(string="URL", required=True, tracking=True)
    login = fields.Char(groups=ADMIN_GROUP, help="SNAIC: the account's login.")
    password = fields.Char(groups=ADMIN_GROUP, copy=False, help="SNAIC: its password.")
    api_key = fields.Char(
        string="API key", groups=ADMIN_GROUP, copy=False, help="Alphalink: the API key."
    )
    timeout = fields.Integer(string="Timeout (s)", default=30, required=True)
    page_size = fields.Integer(default=200, required=True)
    catalogue_ids = fields.Many2many(
        "softwhere.catalogue",
        compute="_compute_catalogue_ids",
        store=True,
        readonly=False,
        string="Catalogues",
        help="The catalogues whose lines this platform provisions.",
    )
    operator_id = fields.Many2one(
        "res.partner",
        compute="_compute_operator_id",
        store=True,
        readonly=False,
    )
    reconciled_at = fields.Datetime(string="Last reconciliation", readonly=True)
    gap_ids = fields.One2many("softwhere.reconciliation.gap", "backend_id")
    open_gap_count = fields.Integer(compute="_compute_gap_totals")
    margin_lost = fields.Monetary(compute="_compute_gap_totals")
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("platform", "company_id")
    def _compute_catalogue_ids(self):
        for backend in self:
            backend.catalogue_ids = self.env["softwhere.catalogue"].search(
                [
                    ("platform", "=", backend.platform),
                    ("company_id", "in", [backend.company_id.id, False]),
                ]
            )

    @api.depends("catalogue_ids.operator_id")
    def _compute_operator_id(self):
        for backend in self:
            backend.operator_id = backend.catalogue_ids.operator_id[:1]

    def _compute_gap_totals(self):
        totals = {
            backend.id: (count, amount)
            for backend, count, amount in self.env[
                "softwhere.reconciliation.gap"
            ]._read_group(
                [("backend_id", "in", self.ids), ("state", "in", OPEN_STATES)],
                ["backend_id"],
                ["__count", "margin_lost:sum"],
            )
        }
        for backend in self:
            backend.open_gap_count, backend.margin_lost = totals.get(
                backend.id, (0, 0.0)
            )

    # -- transport -------------------------------------------------------------------
    def _client(self):
        self.ensure_one()
        secrets = self.sudo()
        if self.platform == "snaic":
            credentials = {"login": secrets.login, "password": secrets.password}
        else:
            credentials = {"api_key": secrets.api_key}
        if not all(credentials.values()):
            raise UserError(
                self.env._(
                    "%(backend)s: the credentials of %(platform)s are missing.",
                    backend=self.display_name,
                    platform=self.platform,
                )
            )
        return client_for(
            self.platform,
            url=self.url,
            timeout=self.timeout,
            page_size=self.page_size,
            **credentials,
        )

    def action_test_connection(self):
        self.ensure_one()
        self.env["res.users"]._softwhere_check_group(
            ADMIN_GROUP, self.env._("Test connection"), self
        )
        try:
            ok = self._client().ping()
        except ApiError as error:
            ok, reason = False, str(error)
        else:
            reason = self.env._("credentials refused")
        if not ok:
            raise UserError(
                self.env._(
                    "%(backend)s cannot be reached: %(reason)s.",
                    backend=self.display_name,
                    reason=reason,
                )
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.name,
                "message": self.env._("Connection to %(url)s works.", url=self.url),
            },
        }

    # -- reconciliation --------------------------------------------------------------
    def action_reconcile_now(self):
        self.env["res.users"]._softwhere_check_group(
            ADMIN_GROUP, self.env._("Reconcile now"), self
        )
        month = month_start(fields.Date.context_today(self))
        for backend in self:
            backend.with_delay(
                description=self.env._(
                    "%(backend)s: reconciliation of %(month)s",
                    backend=backend.name,
                    month=fields.Date.to_string(month),
                ),
                identity_key=identity_exact,
            )._reconcile(fields.Date.to_string(month))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": self.env._("Reconciliation"),
                "message": self.env._(
                    "The reconciliation is queued; the gaps appear when it is done."
                ),
            },
        }

    @api.model
    def _cron_reconcile(self):
        self.search([("active", "=", True)]).action_reconcile_now()
        return True

    def _reconcile(self, month_text):
        """Job: the supplier's park against what is billed, for one month.

        The park is read into the month's snapshot (an earlier one replaced),
        page after page: each page job queues the next, then
        ``_reconcile_snapshot`` compares. Idempotent: gaps are keyed (kind,
        number, labels); a run again updates their amounts and keeps their
        states; a gap no longer found is fixed.
        """
        self.ensure_one()
        month = month_start(fields.Date.to_date(month_text))
        self._snapshot(month).unlink()
        return self._read_park_page(month_text, 1)

    def _read_park_page(
        self, month_text, number, read_pass=1, pass_total=None, stable=True
    ):
        """Job: one page of the supplier's park into the month's snapshot.

        The platforms page their park by number, sorted by number, with no
        cursor: a line added while the park is read shifts the lines after it.
        So the pages are read in order, on to the last one as the latest answer
        tells (none is pushed past the end), and when the park's total changed
        during this reading (``read_pass``; ``pass_total``: what its first page
        said), it is read again whole, as the lib's ``iter_lines`` does: an
        added line may have landed on a page read already. A reading with one
        total throughout is the park as it was: it alone is kept.
        """
        self.ensure_one()
        month = month_start(fields.Date.to_date(month_text))
        inline = self.env.context.get("queue_job__no_delay")
        while True:
            page = self._fetch_park_page(number)
            # Done again after a failure: the page's rows replaced, not doubled.
            self._snapshot(month, page=number, read_pass=read_pass).unlink()
            self._store_snapshot(month, page, read_pass)
            if pass_total is None:
                pass_total = page.total_lines
            stable = stable and stable_pass((pass_total, page.total_lines))
            if not page.is_last:
                number += 1
            elif stable or read_pass >= MAX_PASSES:
                return self._park_read(month_text, read_pass, stable)
            else:
                number, read_pass, pass_total, stable = 1, read_pass + 1, None, True
            if not inline:
                self.with_delay(
                    description=self.env._(
                        "%(backend)s: park of %(month)s, page %(page)s",
                        backend=self.name,
                        month=month_text,
                        page=number,
                    ),
                )._read_park_page(month_text, number, read_pass, pass_total, stable)
                return self.env._("%(lines)s supplier lines.", lines=len(page.lines))

    def _park_read(self, month_text, read_pass, stable):
        """The park is read: the readings before a stable one go, the
        comparison is queued."""
        month = month_start(fields.Date.to_date(month_text))
        if stable:
            self.env["softwhere.supplier.snapshot"].search(
                [
                    ("backend_id", "=", self.id),
                    ("month", "=", month),
                    ("read_pass", "<", read_pass),
                ]
            ).unlink()
        else:
            # Kept all: each line once, as its latest reading gave it.
            _logger.warning(
                "%s: the park of %s changed during each of %s readings",
                self.display_name,
                month_text,
                read_pass,
            )
        self.with_delay(
            description=self.env._(
                "%(backend)s: reconciliation of %(month)s",
                backend=self.name,
                month=month_text,
            ),
        )._reconcile_snapshot(month_text)
        return self.env._(
            "The park is read (%(passes)s readings); its comparison is queued.",
            passes=read_pass,
        )

    def _fetch_park_page(self, number):
        try:
            return self._client().fetch_page(number)
        except TransientApiError as error:
            raise RetryableJobError(str(error)) from error
        except ApiError as error:
            raise UserError(
                self.env._(
                    "%(backend)s: the park cannot be read (%(error)s).",
                    backend=self.display_name,
                    error=error,
                )
            ) from error

    def _reconcile_snapshot(self, month_text):
        """Job: the month's snapshot, every page read, against what is billed."""
        self.ensure_one()
        month = month_start(fields.Date.to_date(month_text))
        on_date = min(month_end(month), fields.Date.context_today(self))
        supplier_lines = self._snapshot_lines(month)
        articles = self._catalogue_articles()
        billed = self._billed_lines(on_date, articles)
        gaps = Reconciler(articles.values()).reconcile(billed, supplier_lines)
        self._store_gaps(month, gaps, supplier_lines)
        self.reconciled_at = fields.Datetime.now()
        return self.env._(
            "%(lines)s supplier lines, %(billed)s billed lines, %(gaps)s gaps.",
            lines=len(supplier_lines),
            billed=len(billed),
            gaps=len(gaps),
        )

    def _catalogue_articles(self):
        products = (
            self.env["product.product"]
            .with_context(active_test=False)
            .search([("catalogue_id", "in", self.catalogue_ids.ids)])
        )
        return {
            product.id: CatalogueArticle(
                label=product.name,
                supplier_label=product.supplier_article_label or product.name,
                sale_price=product.list_price,
                planned_price=product.planned_purchase_price,
            )
            for product in products
        }

    def _billed_lines(self, on_date, articles):
        """The lines of this platform's catalogues as billed on ``on_date``."""
        rows = self.env["softwhere.line.article"].search_read(
            [
                ("product_id", "in", list(articles)),
                ("company_id", "=", self.company_id.id),
            ],
            ["line_id", "product_id", "kind", "sale_price", "date_start", "date_end"],
        )
        by_line = defaultdict(list)
        for row in rows:
            by_line[row["line_id"][0]].append(row)
        lines = self.env["softwhere.line"].search_read(
            [("id", "in", list(by_line))], ["name", "activity"]
        )
        billed = []
        for line in lines:
            entries = by_line[line["id"]]
            active = line["activity"] not in ENDED
            items = tuple(
                BilledItem(
                    articles[row["product_id"][0]].label,
                    "subscription" if row["kind"] == "subscription" else "option",
                    row["sale_price"],
                )
                for row in entries
                if active
                and row["kind"] in ("subscription", "option")
                and row["date_start"] <= on_date
                and (not row["date_end"] or row["date_end"] >= on_date)
            )
            plans = [row for row in entries if row["kind"] == "subscription"]
            ends = [row["date_end"] or None for row in plans]
            billed.append(
                BilledLine(
                    number=line["name"],
                    active=active,
                    items=items,
                    ref=line["id"],
                    start=min((row["date_start"] for row in plans), default=None),
                    end=None if active or None in ends else max(ends, default=None),
                )
            )
        return billed

    def _snapshot(self, month, page=None, read_pass=None):
        domain = [("backend_id", "=", self.id), ("month", "=", month)]
        if page is not None:
            domain.append(("page", "=", page))
        if read_pass is not None:
            domain.append(("read_pass", "=", read_pass))
        return self.env["softwhere.supplier.snapshot"].search(domain, order="page, id")

    def _store_snapshot(self, month, page, read_pass=1):
        """A page of the supplier's park into the month's snapshot."""
        self.env["softwhere.supplier.snapshot"].create(
            [
                {
                    "backend_id": self.id,
                    "month": month,
                    "page": page.number,
                    "read_pass": read_pass,
                    "number": sw_phone.national(line.number),
                    "iccid": line.iccid,
                    "status": line.status,
                    "activation_date": line.activation_date,
                    "termination_date": line.termination_date,
                    "offer_code": line.offer.code if line.offer else False,
                    "offer_label": line.offer.label if line.offer else False,
                    "offer_price": line.offer.monthly_price if line.offer else 0.0,
                    "options": ", ".join(option.label for option in line.options),
                    "options_data": [
                        [option.code, option.label, option.monthly_price]
                        for option in line.options
                    ],
                    "monthly_price": line.monthly_price,
                }
                for line in page.lines
            ]
        )

    def _snapshot_lines(self, month):
        """The supplier's lines of the month's snapshot, each once.

        A line served on two pages (it moved while the park was read) or by
        two readings is kept as the latest reading first gave it; two lines
        of one number (given again after one was terminated) are both kept: a
        line is its number, SIM and activation.
        Read in one query: a park is a hundred thousand rows.
        """
        Snapshot = self.env["softwhere.supplier.snapshot"]
        Snapshot.flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT id, number, iccid, status, activation_date, termination_date,
                       offer_code, offer_label, offer_price, options_data
                  FROM %s
                 WHERE backend_id = %s AND month = %s
              ORDER BY read_pass DESC, page, id
                """,
                SQL.identifier(Snapshot._table),
                self.id,
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
        Snapshot.browse(doubles).unlink()
        return lines

    def _catalogue_of_codes(self):
        """{supplier article code: catalogue id} of the platform's articles.

        A code that two catalogues of the platform share names neither of them.
        """
        products = (
            self.env["product.product"]
            .with_context(active_test=False)
            .search(
                [
                    ("catalogue_id", "in", self.catalogue_ids.ids),
                    ("supplier_article_code", "!=", False),
                ]
            )
        )
        catalogues = defaultdict(set)
        for product in products:
            catalogues[product.supplier_article_code].add(product.catalogue_id.id)
        return {code: ids.pop() for code, ids in catalogues.items() if len(ids) == 1}

    def _supplier_code_of_gaps(self, gaps, supplier_lines):
        """{gap key: the supplier's article code} of the gaps without a park line.

        The code of the supplier's product the gap names (its offer or an
        option), else the offer of the supplier's line of that number.
        """
        by_number = defaultdict(list)
        for line in supplier_lines:
            by_number[sw_phone.national(line.number)].append(line)
        codes = {}
        for gap in gaps:
            products = [
                product
                for line in by_number.get(sw_phone.national(gap.number), ())
                for product in (line.offer, *line.options)
                if product
            ]
            named = [p.code for p in products if p.label == gap.supplier_label]
            code = (named or [p.code for p in products[:1]] or [None])[0]
            if code:
                codes[gap.key] = code
        return codes

    def _store_gaps(self, month, gaps, supplier_lines=()):
        """Record the month's gaps, each under its line's catalogue and operator.

        A gap without a park line (a line only at the supplier) takes the
        catalogue of the platform that the supplier's article code names, if any.
        """
        Gap = self.env["softwhere.reconciliation.gap"]
        existing = {
            gap.key: gap
            for gap in Gap.search([("backend_id", "=", self.id), ("month", "=", month)])
        }
        numbers = {sw_phone.national(gap.number) for gap in gaps if not gap.ref}
        line_of_number = {
            row["name"]: row["id"]
            for row in self.env["softwhere.line"].search_read(
                [
                    ("name", "in", list(numbers)),
                    ("company_id", "=", self.company_id.id),
                ],
                ["name"],
            )
        }
        now = fields.Datetime.now()
        line_of_gap = {
            gap.key: gap.ref or line_of_number.get(sw_phone.national(gap.number))
            for gap in gaps
        }
        catalogue_of_line = Gap._catalogue_of_lines(
            self.env["softwhere.line"].browse(set(filter(None, line_of_gap.values())))
        )
        catalogue_of_code = self._catalogue_of_codes()
        code_of_gap = self._supplier_code_of_gaps(
            [gap for gap in gaps if not line_of_gap[gap.key]], supplier_lines
        )
        seen, to_create = set(), []
        for gap in gaps:
            key = "|".join(gap.key)
            seen.add(key)
            line_id = line_of_gap[gap.key]
            values = {
                "kind": gap.kind,
                "number": sw_phone.national(gap.number),
                "line_id": line_id,
                "detail": gap.detail,
                "catalogue_id": catalogue_of_line.get(line_id)
                if line_id
                else catalogue_of_code.get(code_of_gap.get(gap.key)),
                "billed_label": gap.billed_label,
                "supplier_label": gap.supplier_label,
                "billed_price": gap.billed_price,
                "supplier_price": gap.supplier_price,
                "revenue_lost": gap.revenue_lost,
                "margin_lost": gap.margin_lost,
                "overbilled": gap.overbilled,
                "last_seen": now,
            }
            record = existing.get(key)
            if record:
                if record.state == "fixed":
                    values["state"] = "new"
                record.write(values)
            else:
                to_create.append(
                    {**values, "backend_id": self.id, "month": month, "key": key}
                )
        Gap.with_context(tracking_disable=True).create(to_create)
        gone = [
            gap
            for key, gap in existing.items()
            if key not in seen and gap.state in OPEN_STATES
        ]
        Gap.browse([gap.id for gap in gone]).write({"state": "fixed"})

    def action_view_gaps(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_supplier_connector.softwhere_reconciliation_gap_action"
        )
        action["domain"] = [("backend_id", "=", self.id)]
        return action

    def action_view_snapshot(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_supplier_connector.softwhere_supplier_snapshot_action"
        )
        action["domain"] = [("backend_id", "=", self.id)]
        return action
