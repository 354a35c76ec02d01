# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import optparse
import tempfile
from pathlib import Path

from odoo.tests import tagged

from ..cli.bluerocktel_import import (
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_UNUSABLE,
    execute,
    split_arguments,
)
from .common import BlueRockTelCase, company, csv_file


@tagged("post_install", "-at_install")
class TestBlueRockTelCommand(BlueRockTelCase):
    """The command's core, as ``odoo-bin bluerocktel_import`` runs it."""

    def run_command(self, data, **options):
        out = io.StringIO()
        status = execute(self.env, data, "clients.csv", out=out, **options)
        return status, out.getvalue().splitlines()

    def test_summary_then_rejected_rows_and_status(self):
        rows = [company(1), company(2, registrationNumber="1"), company(3)]
        status, lines = self.run_command(csv_file(rows), batch_size=1)
        self.assertEqual(status, EXIT_REJECTED)
        self.assertRegex(lines[0], r"^1/2 rows \(\d+\.\d s\)$")
        self.assertRegex(lines[1], r"^2/2 rows")
        summary = lines.index("created: 2, updated: 0, unchanged: 0, rejected: 1")
        self.assertEqual(len(lines), summary + 2)
        self.assertRegex(
            lines[-1], r"^ligne 3, colonne registrationNumber \(SIRET\) : .+"
        )

        status, lines = self.run_command(csv_file([company(1), company(3)]))
        self.assertEqual(status, EXIT_OK)
        self.assertEqual(lines[-1], "created: 0, updated: 0, unchanged: 2, rejected: 0")

    def test_all_or_nothing_and_report(self):
        rows = [company(10), company(11, name="")]
        with tempfile.TemporaryDirectory() as folder:
            report = Path(folder) / "rejets.csv"
            status, lines = self.run_command(
                csv_file(rows), all_or_nothing=True, report=str(report)
            )
            self.assertIn(b"_erreurs", report.read_bytes())
        self.assertEqual(status, EXIT_REJECTED)
        self.assertIn("created: 0, updated: 0, unchanged: 0, rejected: 1", lines)
        self.assertFalse(self.customers("BRT00010"))

    def test_an_unreadable_file(self):
        status, lines = self.run_command(b"nom;ville\n")
        self.assertEqual(status, EXIT_UNUSABLE)
        self.assertIn("clients.csv", lines[0])

    def test_the_file_is_told_from_the_server_options(self):
        parser = optparse.OptionParser()
        parser.add_option("-d", "--database", dest="db_name")
        parser.add_option("--addons-path", dest="addons_path")
        parser.add_option("--all-or-nothing", action="store_true", dest="aon")
        cases = {
            ("-d", "db", "clients.csv"): ["-d", "db"],
            ("clients.csv", "-d", "db", "--all-or-nothing"): [
                "-d",
                "db",
                "--all-or-nothing",
            ],
            ("--addons-path=a,b", "-d", "clients.csv", "clients.csv"): [
                "--addons-path=a,b",
                "-d",
                "clients.csv",
            ],
        }
        for args, server_args in cases.items():
            with self.subTest(args=args):
                self.assertEqual(
                    split_arguments(parser, args), (server_args, "clients.csv")
                )
