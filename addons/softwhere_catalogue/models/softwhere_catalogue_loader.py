# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The reference catalogues loaded from the addon's CSV files, which the
simulators read too (``softwhere_lib.catalogue`` gives their columns)."""

import csv
import logging
import os

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools.misc import file_path

from softwhere_lib.catalogue import ARTICLE_COLUMNS, CATALOGUE_COLUMNS

from ..reference import ARTICLES_CSV, CATALOGUES_CSV, MODULE, xmlid_name
from .product_template import ARTICLE_KINDS
from .softwhere_catalogue import PLATFORMS, SERVICE_TYPES

_logger = logging.getLogger(__name__)


class SoftwhereCatalogue(models.Model):
    _inherit = "softwhere.catalogue"

    @api.model
    def _read_reference_csv(self, path, columns):
        """[(line number, row)] of one reference CSV file, its header checked."""
        name = os.path.basename(path)
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != columns:
                raise UserError(
                    self.env._(
                        "%(file)s: the columns are %(found)s, expected %(expected)s.",
                        file=name,
                        found=", ".join(reader.fieldnames or ()),
                        expected=", ".join(columns),
                    )
                )
            return [
                (
                    reader.line_num,
                    {key: (value or "").strip() for key, value in row.items()},
                )
                for row in reader
            ]

    def _reference_row_error(self, path, line, column, value, expected):
        return UserError(
            self.env._(
                "%(file)s, line %(line)s: the column “%(column)s” holds “%(value)s”, "
                "expected %(expected)s.",
                file=os.path.basename(path),
                line=line,
                column=column,
                value=value,
                expected=expected,
            )
        )

    @api.model
    def _check_reference_rows(self, paths, catalogue_rows, article_rows):
        """Refuse a bad value of the reference files, naming file, line and column."""
        catalogues_path, articles_path = paths
        selections = {
            "service_type": [key for key, _label in SERVICE_TYPES],
            "platform": [key for key, _label in PLATFORMS],
            "kind": [key for key, _label in ARTICLE_KINDS],
        }
        keys = []
        for line, row in catalogue_rows:
            for column in ("key", "name", "operator"):
                if not row[column]:
                    raise self._reference_row_error(
                        catalogues_path, line, column, "", self.env._("a value")
                    )
            if row["key"] in keys:
                raise self._reference_row_error(
                    catalogues_path, line, "key", row["key"], self.env._("a new key")
                )
            keys.append(row["key"])
            for column in ("service_type", "platform"):
                if row[column] not in selections[column]:
                    raise self._reference_row_error(
                        catalogues_path,
                        line,
                        column,
                        row[column],
                        ", ".join(selections[column]),
                    )
        seen = {"label": set(), "supplier_code": set()}
        for line, row in article_rows:
            if row["catalogue"] not in keys:
                raise self._reference_row_error(
                    articles_path, line, "catalogue", row["catalogue"], ", ".join(keys)
                )
            if row["kind"] not in selections["kind"]:
                raise self._reference_row_error(
                    articles_path,
                    line,
                    "kind",
                    row["kind"],
                    ", ".join(selections["kind"]),
                )
            for column in ("label", "supplier_code"):
                value = row[column]
                key = value if column == "label" else xmlid_name(value)
                if not value or key in seen[column]:
                    raise self._reference_row_error(
                        articles_path, line, column, value, self.env._("a new value")
                    )
                seen[column].add(key)
            for column in ("sale_price", "buy_price"):
                try:
                    price = float(row[column])
                except ValueError:
                    price = -1
                if price < 0:
                    raise self._reference_row_error(
                        articles_path,
                        line,
                        column,
                        row[column],
                        self.env._("a price such as 9.90"),
                    )

    def _reference_records(self, model, prefix):
        """{XML id name: record} of our ``model`` records named ``prefix…``."""
        rows = self.env["ir.model.data"].search_read(
            [
                ("module", "=", MODULE),
                ("model", "=", model),
                ("name", "=like", f"{prefix}%"),
            ],
            ["name", "res_id"],
        )
        records = self.env[model].with_context(active_test=False)
        existing = records.browse([row["res_id"] for row in rows]).exists()
        return {
            row["name"]: records.browse(row["res_id"])
            for row in rows
            if row["res_id"] in existing.ids
        }

    @api.model
    def _reference_operator(self, name):
        """The supplier partner of an operator of the reference CSV, made if missing."""
        xml_name = f"operator_{xmlid_name(name)}"
        partner = self.env.ref(f"{MODULE}.{xml_name}", raise_if_not_found=False)
        if partner:
            return partner
        partner = self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "supplier_rank": 1,
                "softwhere_partner_type": "supplier",
            }
        )
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": f"{MODULE}.{xml_name}", "record": partner, "noupdate": True}]
        )
        return partner

    @api.model
    def _reference_taxes(self, company, kind):
        """The French 20 % sale tax of ``company`` for this kind of article.

        On payments (``tva_normale_encaissement``) for services, on debits
        (``tva_normale``) for hardware; no tax when the company has no French
        chart of accounts.
        """
        xml_name = "tva_normale" if kind == "hardware" else "tva_normale_encaissement"
        chart = self.env["account.chart.template"].with_company(company)
        return chart.ref(xml_name, raise_if_not_found=False) or self.env["account.tax"]

    @api.model
    def _load_reference_catalogue(self, catalogues_path=None, articles_path=None):
        """Create the reference catalogues and articles of the CSV files not yet made.

        Called at each installation and update of the module, create-only (the
        ``noupdate`` of Odoo's data files): a row whose record exists (by its
        XML id) is left as the users edited it (prices, labels, catalogue,
        archive), a new row is created, a row gone from the files archives
        nothing. Operators are the supplier partners ``operator_<name>``,
        catalogues ``catalogue_<key>`` and articles (``product.product``)
        ``article_<supplier code>``, with the operator's ``product.supplierinfo``
        at the planned purchase price, supplier code and label.
        """
        catalogues_path = catalogues_path or file_path(CATALOGUES_CSV)
        articles_path = articles_path or file_path(ARTICLES_CSV)
        catalogue_rows = self._read_reference_csv(catalogues_path, CATALOGUE_COLUMNS)
        article_rows = self._read_reference_csv(articles_path, ARTICLE_COLUMNS)
        self._check_reference_rows(
            (catalogues_path, articles_path), catalogue_rows, article_rows
        )
        # Labels are data, not terms: they are read and written untranslated.
        loader = self.with_context(lang="en_US", active_test=False)
        company = self.env.ref("base.main_company")
        existing = loader._reference_records(self._name, "catalogue_")
        # Only the operators of catalogues still to create: an existing
        # catalogue keeps the operator the users gave it.
        operators = {
            name: loader._reference_operator(name)
            for name in dict.fromkeys(
                row["operator"]
                for _line, row in catalogue_rows
                if f"catalogue_{xmlid_name(row['key'])}" not in existing
            )
        }
        catalogues, created_catalogues = loader._load_reference_catalogues(
            catalogue_rows, operators, company, existing
        )
        created_articles = loader._load_reference_articles(article_rows, catalogues)
        _logger.info(
            "Reference catalogues: %s catalogues and %s articles created.",
            len(created_catalogues),
            len(created_articles),
        )
        return catalogues

    def _load_reference_catalogues(self, rows, operators, company, existing):
        """({key: catalogue} of every row, the catalogues created now)."""
        catalogues, to_create = {}, []
        for _line, row in rows:
            xml_name = f"catalogue_{xmlid_name(row['key'])}"
            catalogue = existing.get(xml_name)
            if catalogue:
                catalogues[row["key"]] = catalogue
                continue
            values = {
                "name": row["name"],
                "code": row["key"],
                "operator_id": operators[row["operator"]].id,
                "service_type": row["service_type"],
                "platform": row["platform"],
            }
            to_create.append((row["key"], xml_name, values))
        # New catalogues come after the others, in the order of the file.
        last = self.search([], order="sequence desc", limit=1).sequence
        created = self.create(
            [
                dict(values, company_id=company.id, sequence=last + 10 * (index + 1))
                for index, (_key, _xml, values) in enumerate(to_create)
            ]
        )
        xmlids = []
        for (key, xml_name, _values), catalogue in zip(to_create, created, strict=True):
            catalogues[key] = catalogue
            xmlids.append(
                {
                    "xml_id": f"{MODULE}.{xml_name}",
                    "record": catalogue,
                    "noupdate": True,
                }
            )
        self.env["ir.model.data"]._update_xmlids(xmlids)
        return catalogues, created

    def _load_reference_articles(self, rows, catalogues):
        """The articles (``product.product``) of the rows not yet made, created."""
        existing = self._reference_records("product.product", "article_")
        to_create = []
        for _line, row in rows:
            xml_name = f"article_{xmlid_name(row['supplier_code'])}"
            if xml_name in existing:
                continue
            catalogue = catalogues[row["catalogue"]]
            values = {
                "name": row["label"],
                "catalogue_id": catalogue.id,
                "softwhere_kind": row["kind"],
                "list_price": float(row["sale_price"]),
                "planned_purchase_price": float(row["buy_price"]),
                "supplier_article_code": row["supplier_code"],
                "supplier_article_label": row["supplier_label"] or False,
                "company_id": catalogue.company_id.id,
                # A new article of a catalogue archived by the users stays out of sight.
                "active": catalogue.active,
                "sale_ok": True,
                "purchase_ok": True,
            }
            to_create.append((xml_name, values))
        templates = self.env["product.template"].create(
            [values for _xml, values in to_create]
        )
        products = self.env["product.product"]
        xmlids = []
        for (xml_name, _values), template in zip(to_create, templates, strict=True):
            product = template.with_context(active_test=False).product_variant_ids[:1]
            products |= product
            xmlids.append(
                {"xml_id": f"{MODULE}.{xml_name}", "record": product, "noupdate": True}
            )
        self.env["ir.model.data"]._update_xmlids(xmlids)
        return products
