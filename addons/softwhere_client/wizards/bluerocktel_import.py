# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError

from softwhere_lib import bluerocktel as brt

from ..bluerocktel.importer import BlueRockTelImport

#: Rows of the file shown by the preview.
PREVIEW_ROWS = 10


class SoftwhereBluerocktelImport(models.TransientModel):
    _name = "softwhere.bluerocktel.import"
    _description = "BlueRockTEL customer import"

    state = fields.Selection(
        [("upload", "Upload"), ("preview", "Preview"), ("done", "Done")],
        default="upload",
        required=True,
    )
    file_data = fields.Binary(string="File", attachment=False)
    file_name = fields.Char()
    all_or_nothing = fields.Boolean(
        help="Import nothing when any row is rejected. Otherwise the good rows "
        "are imported and the rejected ones listed in the error report.",
    )
    preview_html = fields.Html(string="First rows", readonly=True, sanitize=False)
    row_count = fields.Integer(string="Rows", readonly=True)
    ignored_columns = fields.Char(readonly=True)
    count_create = fields.Integer(string="To create", readonly=True)
    count_update = fields.Integer(string="To update", readonly=True)
    count_unchanged = fields.Integer(string="Unchanged", readonly=True)
    count_rejected = fields.Integer(string="Rejected", readonly=True)
    problem_ids = fields.One2many(
        "softwhere.bluerocktel.import.problem", "wizard_id", string="Problems"
    )
    summary = fields.Char(readonly=True)
    notice = fields.Char(readonly=True)
    error_report = fields.Binary(readonly=True, attachment=False)
    error_report_name = fields.Char()
    partner_ids = fields.Many2many(
        "res.partner",
        string="Created or updated customers",
        readonly=True,
        context={"active_test": False},
    )

    # -- steps -------------------------------------------------------------------
    def action_preview(self):
        self.ensure_one()
        result = self._importer().preview(*self._file())
        table = result.table
        counts = result.counts()
        self.write(
            {
                "state": "preview",
                "preview_html": self._preview_html(table),
                "row_count": len(table.rows),
                "ignored_columns": ", ".join(table.ignored_columns) or False,
                "count_create": counts["created"],
                "count_update": counts["updated"],
                "count_unchanged": counts["unchanged"],
                "count_rejected": counts["rejected"],
                "notice": self._notice(result, preview=True),
                **self._problem_values(result),
            }
        )
        return self._reopen()

    def action_import(self):
        self.ensure_one()
        result = self._importer().run(*self._file())
        report = result.error_report()
        self.write(
            {
                "state": "done",
                "summary": result.summary(),
                "notice": self._notice(result, preview=False),
                "count_create": len(result.created),
                "count_update": len(result.updated),
                "count_unchanged": len(result.unchanged),
                "count_rejected": len(result.rejected),
                "error_report": base64.b64encode(report) if report else False,
                "error_report_name": self._report_name() if report else False,
                "partner_ids": [fields.Command.set(result.created + result.updated)],
                **self._problem_values(result),
            }
        )
        return self._reopen()

    def action_back(self):
        self.ensure_one()
        self.write({"state": "upload", "problem_ids": [fields.Command.clear()]})
        return self._reopen()

    def action_open_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_client.res_partner_customer_account_action"
        )
        partners = self.with_context(active_test=False).partner_ids
        action["domain"] = [("id", "in", partners.ids)]
        action["context"] = {"active_test": False}
        action["name"] = self.env._("Imported customers")
        return action

    # -- helpers -----------------------------------------------------------------
    def _importer(self):
        return BlueRockTelImport(self.env, all_or_nothing=self.all_or_nothing)

    def _file(self):
        if not self.file_data:
            raise UserError(self.env._("Choose a BlueRockTEL file (CSV or XLSX)."))
        data = base64.b64decode(self.file_data)
        try:
            brt.read_table(data, self.file_name or "")
        except brt.FileFormatError as error:
            raise UserError(
                self.env._(
                    "%(file)s cannot be read: %(reason)s",
                    file=self.file_name or self.env._("The file"),
                    reason=str(error),
                )
            ) from error
        return data, self.file_name or ""

    def _report_name(self):
        stem = (self.file_name or "clients").rsplit(".", 1)[0]
        return f"{stem}-rejets.csv"

    def _notice(self, result, preview):
        rejected = len(result.rejected)
        if not rejected:
            return False
        if self.all_or_nothing:
            if preview:
                return self.env._(
                    "All or nothing: with %(count)s rejected row(s), nothing "
                    "will be imported.",
                    count=rejected,
                )
            return self.env._(
                "All or nothing: %(count)s row(s) rejected, nothing was imported.",
                count=rejected,
            )
        if preview:
            return self.env._(
                "%(count)s row(s) will be rejected; the others will be imported. "
                "Problems only the database can see are reported by the import.",
                count=rejected,
            )
        return self.env._(
            "%(count)s row(s) rejected: download the error report, fix the rows "
            "and import it again.",
            count=rejected,
        )

    @staticmethod
    def _problem_values(result):
        commands = [fields.Command.clear()]
        for error in result.errors:
            column = brt.COLUMN_BY_NAME.get(error.column)
            commands.append(
                fields.Command.create(
                    {
                        "line": error.line,
                        "column": error.column or False,
                        "column_label": column.label if column else False,
                        "value": error.value or False,
                        "message": error.message,
                    }
                )
            )
        return {"problem_ids": commands}

    @staticmethod
    def _preview_html(table):
        header = Markup("").join(
            Markup("<th>%s</th>") % name for name in ["#", *table.header]
        )
        body = Markup("").join(
            Markup("<tr><td>%s</td>%s</tr>")
            % (
                row.line,
                Markup("").join(Markup("<td>%s</td>") % cell for cell in row.cells),
            )
            for row in table.rows[:PREVIEW_ROWS]
        )
        return Markup(
            '<div class="table-responsive"><table class="table table-sm '
            'table-bordered o_bluerocktel_preview"><thead><tr>%s</tr></thead>'
            "<tbody>%s</tbody></table></div>"
        ) % (header, body)

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Import BlueRockTEL"),
        }


class SoftwhereBluerocktelImportProblem(models.TransientModel):
    _name = "softwhere.bluerocktel.import.problem"
    _description = "Problem found in a BlueRockTEL file"
    _order = "line, id"

    wizard_id = fields.Many2one(
        "softwhere.bluerocktel.import", required=True, ondelete="cascade"
    )
    line = fields.Integer(help="Line of the file (the header is line 1).")
    column = fields.Char(help="BlueRockTEL technical name of the column.")
    column_label = fields.Char(string="Column label")
    value = fields.Char()
    message = fields.Char()
