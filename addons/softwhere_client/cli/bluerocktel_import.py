# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``odoo-bin bluerocktel_import``: import a BlueRockTEL customer file.

    odoo-bin --addons-path=addons,/opt/odoo-19/addons bluerocktel_import \\
        -d DB [--all-or-nothing] [--batch-size N] [--report REJECTS.csv] FILE

Odoo 19 finds a command of an addon (``<addon>/cli/<name>.py``) through the
addons path it knows *before* the command's name: give ``--addons-path`` first
(or in the configuration file, ``-c``/``ODOO_RC``). Every other server option
(``-d``, ``--db_host``…) goes after the name, as for ``odoo-bin shell``.

The same import as the wizard (``BlueRockTelImport``), in one transaction
committed at the end. Prints its progress, then the line
``created: N, updated: N, unchanged: N, rejected: N``, then each rejected row
with its line number, column and reason. Exit status: 0 when no row was
rejected, 1 when rows were rejected (the others imported, or none with
``--all-or-nothing``), 2 when the file or the command line cannot be used.
"""

import optparse
import sys
import time
from pathlib import Path

from odoo import SUPERUSER_ID, api
from odoo.cli.command import Command
from odoo.modules.registry import Registry
from odoo.tools import config

from softwhere_lib import bluerocktel as brt

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_UNUSABLE = 2
DEFAULT_BATCH_SIZE = 500


def execute(
    env,
    data,
    filename,
    *,
    all_or_nothing=False,
    batch_size=None,
    report=None,
    out=None,
):
    """Import ``data`` and print as the command does; return the exit status.

    ``report``: a path where to write the error report when rows are rejected.

    The command's core, also run by the tests and the benchmark. Commits
    nothing: the caller owns the transaction.
    """
    # Imported here: odoo-bin loads this file before the addons' packages.
    from odoo.addons.softwhere_client.bluerocktel.importer import (  # noqa: PLC0415
        BlueRockTelImport,
        describe,
    )

    out = out or sys.stdout
    started = time.monotonic()

    def progress(done, total):
        elapsed = time.monotonic() - started
        print(f"{done}/{total} rows ({elapsed:.1f} s)", file=out, flush=True)

    importer = BlueRockTelImport(
        env,
        all_or_nothing=all_or_nothing,
        batch_size=batch_size or DEFAULT_BATCH_SIZE,
        progress=progress,
    )
    try:
        result = importer.run(data, filename)
    except brt.FileFormatError as error:
        print(f"{filename}: {error}", file=out)
        return EXIT_UNUSABLE
    if result.table.ignored_columns:
        ignored = ", ".join(result.table.ignored_columns)
        print(f"colonnes ignorées : {ignored}", file=out)
    if result.rejected and all_or_nothing:
        print("tout ou rien : aucune ligne importée", file=out)
    print(result.summary(), file=out)
    for error in result.errors:
        print(describe(error), file=out)
    if report and result.rejected:
        Path(report).write_bytes(result.error_report())
        print(f"rapport d'erreurs : {report}", file=out)
    out.flush()
    return EXIT_REJECTED if result.rejected else EXIT_OK


def split_arguments(parser, args):
    """The server options and the one FILE of the command line."""
    _values, positional = parser.parse_args(list(args))
    if len(positional) != 1:
        parser.error("give one BlueRockTEL file (CSV or XLSX)")
    filename = positional[0]
    server_args = list(args)
    # optparse keeps the order: the last token equal to FILE is FILE.
    del server_args[len(server_args) - 1 - server_args[::-1].index(filename)]
    return server_args, filename


class BluerocktelImport(Command):
    """Import customer accounts from a BlueRockTEL file (CSV or XLSX)."""

    name = "bluerocktel_import"

    def run(self, args):
        parser = config.parser
        parser.prog = f"{self.prog} [options] FILE"
        group = optparse.OptionGroup(
            parser,
            "BlueRockTEL import",
            "Import FILE into the customer accounts of the database -d. Exit "
            "status: 0 all rows imported, 1 rows rejected, 2 file unusable.",
        )
        group.add_option(
            "--all-or-nothing",
            dest="bluerocktel_all_or_nothing",
            action="store_true",
            file_loadable=False,
            help="import nothing when any row is rejected",
        )
        group.add_option(
            "--batch-size",
            dest="bluerocktel_batch_size",
            type="int",
            my_default=DEFAULT_BATCH_SIZE,
            file_loadable=False,
            help=f"rows per batch (default {DEFAULT_BATCH_SIZE})",
        )
        group.add_option(
            "--report",
            dest="bluerocktel_report",
            type="string",
            file_loadable=False,
            help="also write the rejected rows and their reasons to this CSV file",
        )
        parser.add_option_group(group)
        server_args, filename = split_arguments(parser, args)
        config.parse_config(server_args, setup_logging=True)
        options = config.options
        dbnames = config["db_name"]
        if len(dbnames) != 1:
            sys.exit("bluerocktel_import: give one database with -d")
        path = Path(filename)
        if not path.is_file():
            print(f"{filename}: fichier introuvable", file=sys.stderr)
            sys.exit(EXIT_UNUSABLE)
        sys.exit(
            self.import_file(
                dbnames[0],
                path,
                all_or_nothing=bool(options.get("bluerocktel_all_or_nothing")),
                batch_size=options.get("bluerocktel_batch_size"),
                report=options.get("bluerocktel_report"),
            )
        )

    def import_file(self, dbname, path, *, all_or_nothing, batch_size, report):
        registry = Registry(dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if env["ir.module.module"]._get("softwhere_client").state != "installed":
                print(f"softwhere_client is not installed in {dbname}", file=sys.stderr)
                return EXIT_UNUSABLE
            context = env["res.users"].context_get()
            if env["res.lang"]._lang_get("fr_FR"):
                context = dict(context, lang="fr_FR")
            env = env(context=context)
            status = execute(
                env,
                path.read_bytes(),
                path.name,
                all_or_nothing=all_or_nothing,
                batch_size=batch_size,
                report=report,
            )
            cr.commit()
        return status
