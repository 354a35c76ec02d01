# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``odoo-bin cfast_sync``: a full Cfast sync in the foreground.

    odoo-bin --addons-path=addons,/opt/odoo-19/addons cfast_sync \\
        -d DB --url URL --token TOKEN [--page-size N]

The backend of that URL is used (made when the database has none), its jobs
performed inline, each resource committed when done. Prints one line per
resource, then ``created: N, updated: N, unchanged: N, failed: N`` and each
failure with its Cfast id and reason. Exit status: 0 without failure, 1 with
failures, 2 when Cfast cannot be used.
"""

import optparse
import sys

from odoo import SUPERUSER_ID, api
from odoo.cli.command import Command
from odoo.modules.registry import Registry
from odoo.tools import config

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNUSABLE = 2


def execute(env, url, token, *, page_size=None, out=None):
    """Sync everything from Cfast at ``url`` and print as the command does.

    The command's core, also run by the tests. Returns the exit status.
    """
    out = out or sys.stdout
    Backend = env["softwhere.cfast.backend"].with_context(active_test=False)
    backend = Backend.search([("url", "=", url)], limit=1)
    values = {"token": token, **({"page_size": page_size} if page_size else {})}
    if backend:
        backend.write(values)
    else:
        backend = Backend.create({"name": f"Cfast {url}", "url": url, **values})
    Log = env["softwhere.cfast.sync.log"]
    before = Log.search([("backend_id", "=", backend.id)]).ids
    backend.with_context(queue_job__no_delay=True).action_full_sync()
    logs = Log.search(
        [("backend_id", "=", backend.id), ("id", "not in", before)], order="id"
    )
    for log in logs:
        print(
            f"{log.resource}: {log.page_count} pages, created {log.created_count}, "
            f"updated {log.updated_count}, unchanged {log.unchanged_count}, "
            f"failed {log.error_count} ({log.state})",
            file=out,
        )
    totals = {
        name: sum(logs.mapped(f"{name}_count"))
        for name in ("created", "updated", "unchanged", "error")
    }
    print(
        f"created: {totals['created']}, updated: {totals['updated']}, "
        f"unchanged: {totals['unchanged']}, failed: {totals['error']}",
        file=out,
    )
    for message in filter(None, logs.mapped("message")):
        print(message, file=out)
    out.flush()
    if len(logs) < 4 or "failed" in logs.mapped("state"):
        return EXIT_UNUSABLE
    return EXIT_FAILED if totals["error"] else EXIT_OK


class CfastSync(Command):
    """Sync customers, billing sites, services and lines from Cfast."""

    name = "cfast_sync"

    def run(self, args):
        parser = config.parser
        parser.prog = f"{self.prog} [options]"
        group = optparse.OptionGroup(parser, "Cfast sync")
        group.add_option("--url", dest="cfast_url", file_loadable=False)
        group.add_option("--token", dest="cfast_token", file_loadable=False)
        group.add_option(
            "--page-size", dest="cfast_page_size", type="int", file_loadable=False
        )
        parser.add_option_group(group)
        config.parse_config(list(args), setup_logging=True)
        options = config.options
        dbnames = config["db_name"]
        if len(dbnames) != 1 or not options.get("cfast_url"):
            sys.exit("cfast_sync: give one database with -d, and --url and --token")
        registry = Registry(dbnames[0])
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env = env(context=env["res.users"].context_get())
            status = execute(
                env,
                options["cfast_url"],
                options.get("cfast_token"),
                page_size=options.get("cfast_page_size"),
            )
            cr.commit()
        sys.exit(status)
