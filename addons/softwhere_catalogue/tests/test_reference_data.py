# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import os
import tempfile
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.convert import convert_file

from softwhere_lib.catalogue import ARTICLE_COLUMNS, CATALOGUE_COLUMNS

from ..reference import MODULE, xmlid_name
from .common import SoftwhereCatalogueCase, reference_rows

CATALOGUE_ROWS = reference_rows("reference_catalogues.csv")
ARTICLE_ROWS = reference_rows("reference_articles.csv")
#: The catalogues of the specification (CATALOGUE).
SPEC_CATALOGUES = (
    "Actif telecom – Mobile – Orange",
    "Actif telecom – Mobile – Bouygues",
    "Actif telecom – Fixe – Actif",
    "Actif telecom – Fixe et Internet – Actif",
    "Actif telecom – Internet – Actif",
    "Actif telecom – Mobile – Orange ALP",
)


def catalogue_of(row):
    return f"{MODULE}.catalogue_{xmlid_name(row['key'])}"


def article_of(row):
    return f"{MODULE}.article_{xmlid_name(row['supplier_code'])}"


@tagged("post_install", "-at_install")
class TestReferenceData(SoftwhereCatalogueCase):
    def reference_catalogues(self):
        return self.Catalogue.with_context(active_test=False).browse(
            [self.env.ref(catalogue_of(row)).id for row in CATALOGUE_ROWS]
        )

    def reference_articles(self):
        return self.env["product.product"].browse(
            [self.env.ref(article_of(row)).id for row in ARTICLE_ROWS]
        )

    def counts(self):
        Template = self.Template.with_context(active_test=False)
        return {
            "catalogues": self.Catalogue.with_context(active_test=False).search_count(
                []
            ),
            "articles": Template.search_count([("catalogue_id", "!=", False)]),
            "products": self.env["product.product"]
            .with_context(active_test=False)
            .search_count([]),
            "vendor prices": self.env["product.supplierinfo"].search_count([]),
            "operators": self.env["res.partner"]
            .with_context(active_test=False)
            .search_count([("supplier_rank", ">", 0)]),
            "xml ids": self.env["ir.model.data"].search_count(
                [("module", "=", MODULE)]
            ),
        }

    def write_csv(self, folder, file_name, columns, rows):
        path = os.path.join(folder, file_name)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        return path

    # -- what is loaded ----------------------------------------------------------------
    def test_the_catalogues_of_the_specification_are_loaded(self):
        self.assertIn(len(CATALOGUE_ROWS), (6, 7))
        names = self.reference_catalogues().mapped("name")
        for name in SPEC_CATALOGUES:
            self.assertIn(name, names)
        self.assertGreaterEqual(len(ARTICLE_ROWS), 46)

    def test_the_operators_are_supplier_companies(self):
        for xml_name, name in (
            ("operator_orange", "Orange"),
            ("operator_bouygues_telecom", "Bouygues Telecom"),
            ("operator_actif", "Actif"),
            ("operator_alphalink", "Alphalink"),
        ):
            partner = self.env.ref(f"{MODULE}.{xml_name}")
            self.assertRecordValues(
                partner,
                [
                    {
                        "name": name,
                        "is_company": True,
                        "softwhere_partner_type": "supplier",
                        "is_customer_account": False,
                    }
                ],
            )
            self.assertGreater(partner.supplier_rank, 0)

    def test_every_catalogue_of_the_csv_file_is_a_catalogue(self):
        catalogues = self.reference_catalogues()
        self.assertEqual(len(catalogues), len(CATALOGUE_ROWS))
        self.assertRecordValues(
            catalogues,
            [
                {
                    "name": row["name"],
                    "code": row["key"],
                    "service_type": row["service_type"],
                    "platform": row["platform"],
                    "white_label_id": self.white_label.id,
                    "company_id": self.env.ref("base.main_company").id,
                    "active": True,
                }
                for row in CATALOGUE_ROWS
            ],
        )
        for row, catalogue in zip(CATALOGUE_ROWS, catalogues, strict=True):
            self.assertEqual(catalogue.operator_id.name, row["operator"])
            self.assertEqual(
                catalogue.operator_id.get_external_id()[catalogue.operator_id.id],
                f"{MODULE}.operator_{xmlid_name(row['operator'])}",
            )

    def test_the_csv_files_and_the_articles_match_one_to_one(self):
        """One source of truth: every CSV row is one article, and nothing else."""
        products = self.reference_articles()
        self.assertEqual(len(products), len(ARTICLE_ROWS))
        catalogues = {
            row["key"]: self.env.ref(catalogue_of(row)) for row in CATALOGUE_ROWS
        }
        for row, product in zip(ARTICLE_ROWS, products, strict=True):
            with self.subTest(article=row["label"]):
                catalogue = catalogues[row["catalogue"]]
                self.assertRecordValues(
                    product,
                    [
                        {
                            "name": row["label"],
                            "display_name": row["label"],
                            "catalogue_id": catalogue.id,
                            "operator_id": catalogue.operator_id.id,
                            "softwhere_service_type": catalogue.service_type,
                            "softwhere_kind": row["kind"],
                            "list_price": float(row["sale_price"]),
                            "planned_purchase_price": float(row["buy_price"]),
                            "supplier_article_code": row["supplier_code"],
                            "supplier_article_label": row["supplier_label"] or False,
                            "company_id": catalogue.company_id.id,
                            "active": True,
                        }
                    ],
                )
                seller = self.operator_sellers(product.product_tmpl_id)
                self.assertRecordValues(
                    seller,
                    [
                        {
                            "price": float(row["buy_price"]),
                            "product_code": row["supplier_code"],
                            "product_name": row["supplier_label"] or False,
                        }
                    ],
                )
                self.assertEqual(
                    product._select_seller(partner_id=catalogue.operator_id), seller
                )
        # Nothing in the reference catalogues that the files do not hold.
        in_catalogues = (
            self.env["product.product"]
            .with_context(active_test=False)
            .search([("catalogue_id", "in", list(map(int, catalogues.values())))])
        )
        self.assertEqual(in_catalogues, products)
        # The connector's matching finds each of them by its label.
        by_label = self.Catalogue._articles_by_label(
            [row["label"] for row in ARTICLE_ROWS]
        )
        self.assertEqual(
            by_label,
            {row["label"]: p for row, p in zip(ARTICLE_ROWS, products, strict=True)},
        )

    def test_kinds_types_and_periodicity_of_the_articles(self):
        products = self.reference_articles()
        self.assertEqual(
            set(products.mapped("softwhere_kind")),
            {"subscription", "option", "one_off", "hardware"},
        )
        for product in products:
            with self.subTest(article=product.name):
                hardware = product.softwhere_kind == "hardware"
                self.assertEqual(product.type, "consu" if hardware else "service")
                self.assertEqual(
                    product.is_periodic,
                    product.softwhere_kind in ("subscription", "option"),
                )
                self.assertTrue(product.sale_ok and product.purchase_ok)

    def test_the_articles_get_the_french_sale_tax_when_there_is_one(self):
        for product in self.reference_articles():
            company = product.company_id
            company_taxes = product.taxes_id.filtered(
                lambda t, c=company: t.company_id == c
            )
            tax = self.Catalogue._reference_taxes(company, product.softwhere_kind)
            if tax:
                self.assertEqual(company_taxes, tax)
            else:
                # No French chart of accounts: no French tax, and no failure.
                self.assertFalse(
                    company_taxes.filtered(lambda t: t.country_code == "FR")
                )

    # -- reloading ---------------------------------------------------------------------
    def test_reloading_creates_and_writes_nothing(self):
        before = self.counts()
        writes = []

        def spy_on(model):
            cls = self.registry[model]
            original = cls.write

            def write(records, vals):
                writes.append((records, vals))
                return original(records, vals)

            return patch.object(cls, "write", write)

        with (
            spy_on("softwhere.catalogue"),
            spy_on("product.template"),
            spy_on("product.supplierinfo"),
        ):
            self.Catalogue._load_reference_catalogue()
        self.assertEqual(writes, [])
        self.assertEqual(self.counts(), before)

    def update_module_data(self):
        """Load the module's data file as ``-u softwhere_catalogue`` does."""
        convert_file(
            self.env,
            MODULE,
            "data/softwhere_catalogue_data.xml",
            {},
            mode="update",
            noupdate=False,
        )

    def test_an_update_keeps_the_prices_labels_and_archives_of_the_users(self):
        row, archived_row = ARTICLE_ROWS[0], ARTICLE_ROWS[1]
        product = self.env.ref(article_of(row))
        product.write(
            {
                "name": "Forfait renommé",
                "list_price": 99.0,
                "planned_purchase_price": 55.0,
                "supplier_article_label": "AUTRE LIBELLE",
            }
        )
        archived = self.env.ref(article_of(archived_row))
        archived.product_tmpl_id.active = False
        catalogue = product.catalogue_id
        catalogue.write({"name": "Catalogue renommé", "platform": "none"})
        before = self.counts()
        self.update_module_data()
        self.assertEqual(self.counts(), before)
        self.assertRecordValues(
            product,
            [
                {
                    "name": "Forfait renommé",
                    "list_price": 99.0,
                    "planned_purchase_price": 55.0,
                    "supplier_article_label": "AUTRE LIBELLE",
                    "active": True,
                }
            ],
        )
        self.assertEqual(self.operator_sellers(product.product_tmpl_id).price, 55.0)
        self.assertFalse(archived.active)
        self.assertFalse(archived.product_tmpl_id.active)
        self.assertRecordValues(
            catalogue, [{"name": "Catalogue renommé", "platform": "none"}]
        )

    def test_an_update_creates_the_new_rows_and_archives_nothing(self):
        """New catalogue and operator, an article added; moved and gone rows kept."""
        moved_row, gone_row = ARTICLE_ROWS[-1], ARTICLE_ROWS[0]
        moved = self.env.ref(article_of(moved_row))
        gone = self.env.ref(article_of(gone_row))
        old_catalogue = moved.catalogue_id
        gone_catalogue_row = CATALOGUE_ROWS[0]
        gone_catalogue = self.env.ref(catalogue_of(gone_catalogue_row))
        catalogue_rows = [
            *CATALOGUE_ROWS[1:],
            {
                "key": "essai_nouveau",
                "name": "Actif telecom – Essai – Nouveau",
                "operator": "Opérateur Test",
                "service_type": "cybersecurite",
                "platform": "snaic",
            },
        ]
        article_rows = [
            *[
                r
                for r in ARTICLE_ROWS
                if r not in (moved_row, gone_row)
                and r["catalogue"] != gone_catalogue_row["key"]
            ],
            dict(moved_row, catalogue="essai_nouveau", sale_price="77.00"),
            {
                "catalogue": "essai_nouveau",
                "kind": "option",
                "label": "Option Essai Antivirus",
                "supplier_code": "TST-AV.1",
                "supplier_label": "OPT ANTIVIRUS",
                "sale_price": "3.50",
                "buy_price": "1.20",
            },
        ]
        before = self.counts()
        with tempfile.TemporaryDirectory() as folder:
            self.Catalogue._load_reference_catalogue(
                self.write_csv(
                    folder,
                    "reference_catalogues.csv",
                    CATALOGUE_COLUMNS,
                    catalogue_rows,
                ),
                self.write_csv(
                    folder, "reference_articles.csv", ARTICLE_COLUMNS, article_rows
                ),
            )
        new_catalogue = self.env.ref(f"{MODULE}.catalogue_essai_nouveau")
        operator = self.env.ref(f"{MODULE}.operator_operateur_test")
        self.assertEqual(operator.name, "Opérateur Test")
        self.assertEqual(new_catalogue.operator_id, operator)
        added = self.env.ref(f"{MODULE}.article_tst_av_1")
        self.assertRecordValues(
            added,
            [
                {
                    "name": "Option Essai Antivirus",
                    "catalogue_id": new_catalogue.id,
                    "operator_id": operator.id,
                    "softwhere_kind": "option",
                    "list_price": 3.5,
                    "planned_purchase_price": 1.2,
                    "supplier_article_label": "OPT ANTIVIRUS",
                    "active": True,
                }
            ],
        )
        self.assertEqual(self.operator_sellers(added.product_tmpl_id).price, 1.2)
        # What exists stays where and as the users have it; nothing is archived.
        self.assertEqual(moved.catalogue_id, old_catalogue)
        self.assertEqual(moved.list_price, float(moved_row["sale_price"]))
        self.assertTrue(gone.active)
        self.assertTrue(gone_catalogue.active)
        after = self.counts()
        self.assertEqual(after["catalogues"], before["catalogues"] + 1)
        self.assertEqual(after["articles"], before["articles"] + 1)

    def test_a_new_row_of_an_archived_catalogue_is_created_archived(self):
        catalogue_row = CATALOGUE_ROWS[0]
        catalogue = self.env.ref(catalogue_of(catalogue_row))
        catalogue.active = False
        row = {
            "catalogue": catalogue_row["key"],
            "kind": "one_off",
            "label": "Frais Essai Archivé",
            "supplier_code": "TST-ARCH",
            "supplier_label": "",
            "sale_price": "10.00",
            "buy_price": "2.00",
        }
        with tempfile.TemporaryDirectory() as folder:
            self.Catalogue._load_reference_catalogue(
                self.write_csv(
                    folder,
                    "reference_catalogues.csv",
                    CATALOGUE_COLUMNS,
                    CATALOGUE_ROWS,
                ),
                self.write_csv(
                    folder, "reference_articles.csv", ARTICLE_COLUMNS, [row]
                ),
            )
        added = self.env.ref(f"{MODULE}.article_tst_arch")
        self.assertRecordValues(
            added,
            [{"name": "Frais Essai Archivé", "catalogue_id": catalogue.id}],
        )
        self.assertFalse(added.active)
        self.assertFalse(catalogue.active)

    def test_a_bad_csv_file_is_refused_naming_file_line_and_column(self):
        bad_kind = [dict(ARTICLE_ROWS[0]), dict(ARTICLE_ROWS[1], kind="abonnement")]
        bad_price = [dict(ARTICLE_ROWS[0], buy_price="4,20")]
        unknown_catalogue = [dict(ARTICLE_ROWS[0], catalogue="inconnu")]
        # Two codes that would give the same XML id.
        code = xmlid_name(ARTICLE_ROWS[0]["supplier_code"])
        same_code = [ARTICLE_ROWS[0], dict(ARTICLE_ROWS[1], supplier_code=code)]
        with tempfile.TemporaryDirectory() as folder:
            catalogues = self.write_csv(
                folder, "reference_catalogues.csv", CATALOGUE_COLUMNS, CATALOGUE_ROWS
            )
            cases = (
                (bad_kind, "line 3", "kind", "abonnement"),
                (bad_price, "line 2", "buy_price", "4,20"),
                (unknown_catalogue, "line 2", "catalogue", "inconnu"),
                (same_code, "line 3", "supplier_code", code),
            )
            for rows, line, column, value in cases:
                with self.subTest(column=column):
                    articles = self.write_csv(
                        folder, "reference_articles.csv", ARTICLE_COLUMNS, rows
                    )
                    with self.assertRaises(UserError) as error:
                        self.Catalogue._load_reference_catalogue(catalogues, articles)
                    message = str(error.exception)
                    for part in ("reference_articles.csv", line, column, value):
                        self.assertIn(part, message)
            bad_header = self.write_csv(
                folder, "reference_catalogues.csv", ("key", "name"), []
            )
            with self.assertRaises(UserError) as error:
                self.Catalogue._load_reference_catalogue(bad_header, articles)
            self.assertIn("reference_catalogues.csv", str(error.exception))
            self.assertIn("service_type", str(error.exception))
