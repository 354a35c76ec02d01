# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import Command, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, format_datetime

from softwhere_lib.vocabulary import ENDED_LINE_ACTIVITIES

from .softwhere_billing_site import INTERNAL
from .softwhere_line import REQUEST_KINDS

#: The requests a customer may make on one of its lines from the portal.
PORTAL_REQUESTS = ("change_plan", "add_option", "terminate")


class SoftwhereProvisioningOrder(models.Model):
    _inherit = "softwhere.provisioning.order"

    requested_by_id = fields.Many2one(
        "res.partner",
        string="Asked by the customer",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The customer's contact who asked for this order on the customer "
        "portal; staff check and confirm it.",
    )
    # The workflow's own bookkeeping: not the customer's to read.
    supplier_backend_id = fields.Many2one(groups=INTERNAL)
    cfast_backend_id = fields.Many2one(groups=INTERNAL)
    call_ids = fields.One2many(groups=INTERNAL)
    failure_reason = fields.Text(groups=INTERNAL)
    manual_undo = fields.Text(groups=INTERNAL)

    def _portal_create_request(self, line, kind, product_id, day, user):
        """A customer's request on its line, as a draft order for staff to
        confirm, with a note in its chatter saying who asked what and when.

        ``line`` is the user's own (the controller checked it); ``product_id``
        and ``day`` are the form's text. Everything is checked before anything
        is written: a refused request raises a ``UserError`` in the user's
        words and leaves nothing behind.
        """
        line = line.sudo()
        line.ensure_one()
        if kind not in PORTAL_REQUESTS:
            raise UserError(self.env._("This request is not one the portal takes."))
        if line.activity in ENDED_LINE_ACTIVITIES:
            raise UserError(
                self.env._(
                    "The line %(line)s is terminated: no request can be made on it.",
                    line=line.name,
                )
            )
        open_operation = line._portal_open_operation()
        if open_operation:
            raise UserError(
                self.env._(
                    "A request is already under way on the line %(line)s "
                    "(%(order)s): wait until it is processed.",
                    line=line.name,
                    order=open_operation.order_id.name,
                )
            )
        product = self._portal_requested_product(line, kind, product_id)
        day = self._portal_requested_date(kind, day)
        catalogue = line._portal_catalogue()
        supplier = self.env["softwhere.supplier.backend"].search(
            [
                ("company_id", "=", line.company_id.id),
                ("catalogue_ids", "in", catalogue.ids),
            ],
            limit=1,
        )
        cfast = self.env["softwhere.cfast.backend"].search(
            [("company_id", "=", line.company_id.id)], limit=1
        )
        if not (catalogue and supplier and cfast):
            raise UserError(
                self.env._(
                    "The line %(line)s cannot be changed from the portal: please "
                    "contact your account manager.",
                    line=line.name,
                )
            )
        salesperson = line.partner_id.user_id
        responsible = salesperson if salesperson and not salesperson.share else None
        order = self.create(
            {
                "service_id": line.service_id.id,
                "supplier_backend_id": supplier.id,
                "cfast_backend_id": cfast.id,
                "user_id": responsible.id if responsible else False,
                "requested_by_id": user.partner_id.id,
                "operation_ids": [
                    Command.create(
                        {
                            "kind": kind,
                            "line_id": line.id,
                            "product_id": product.id or False,
                            "date": day,
                        }
                    )
                ],
            }
        )
        order.message_post(
            body=self._portal_request_note(line, kind, product, day, user),
            author_id=user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        if responsible:
            order.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Customer request to confirm"),
                user_id=responsible.id,
            )
        return order

    def _portal_requested_product(self, line, kind, product_id):
        """The plan or option asked for, among those offered for the line."""
        if kind not in REQUEST_KINDS:
            return self.env["product.product"]
        try:
            product_id = int(product_id or 0)
        except (TypeError, ValueError):
            product_id = 0
        if not product_id:
            if kind == "change_plan":
                raise UserError(self.env._("Choose the new plan."))
            raise UserError(self.env._("Choose the option."))
        offered = line._portal_offered_articles(kind)
        product = offered.filtered(lambda article: article.id == product_id)
        if product:
            return product
        asked = self.env["product.product"].sudo().browse(product_id).exists()
        if asked and asked in line._portal_current_articles().product_id:
            return self._raise_already(line, kind, asked)
        if kind == "change_plan":
            raise UserError(
                self.env._(
                    "The plan asked for is not one of the plans offered for the "
                    "line %(line)s (its operator's catalogue for %(type)s lines).",
                    line=line.name,
                    type=self._portal_service_type(line),
                )
            )
        raise UserError(
            self.env._(
                "The option asked for is not one of the options offered for the "
                "line %(line)s (its operator's catalogue for %(type)s lines).",
                line=line.name,
                type=self._portal_service_type(line),
            )
        )

    def _raise_already(self, line, kind, product):
        if kind == "change_plan":
            raise UserError(
                self.env._(
                    "%(plan)s is already the plan of the line %(line)s.",
                    plan=product.display_name,
                    line=line.name,
                )
            )
        raise UserError(
            self.env._(
                "%(option)s is already an option of the line %(line)s.",
                option=product.display_name,
                line=line.name,
            )
        )

    def _portal_service_type(self, line):
        return dict(
            line.service_id._fields["service_type"]._description_selection(self.env)
        ).get(line.service_type, "")

    def _portal_requested_date(self, kind, text):
        """The date the change is asked for: a valid date, not in the past."""
        try:
            day = fields.Date.to_date(text or None)
        except ValueError:
            day = None
        if not day:
            raise UserError(
                self.env._(
                    "The date “%(value)s” is not a valid date.", value=text or ""
                )
            )
        today = fields.Date.context_today(self)
        if day < today:
            if kind == "terminate":
                raise UserError(
                    self.env._(
                        "The termination date %(date)s is in the past: choose "
                        "today or a later day.",
                        date=format_date(self.env, day),
                    )
                )
            raise UserError(
                self.env._(
                    "The date %(date)s is in the past: choose today or a later day.",
                    date=format_date(self.env, day),
                )
            )
        return day

    def _portal_request_note(self, line, kind, product, day, user):
        """Who asked what, and when, in the order's chatter."""
        when = format_datetime(
            self.env, fields.Datetime.now(), tz=user.tz or "Europe/Paris"
        )
        on_date = format_date(self.env, day)
        if kind == "change_plan":
            current = line._portal_current_articles().filtered(
                lambda a: a.kind == "subscription"
            )[:1]
            what = self.env._(
                "change the plan of the line %(line)s from %(old)s to %(new)s on "
                "%(date)s",
                line=line.name,
                old=current.label or "-",
                new=product.display_name,
                date=on_date,
            )
        elif kind == "add_option":
            what = self.env._(
                "add the option %(option)s to the line %(line)s from %(date)s",
                option=product.display_name,
                line=line.name,
                date=on_date,
            )
        else:
            what = self.env._(
                "terminate the line %(line)s on %(date)s",
                line=line.name,
                date=on_date,
            )
        return Markup("<p>%s</p>") % self.env._(
            "Asked on the customer portal by %(who)s (%(login)s), %(customer)s, on "
            "%(when)s: %(what)s.",
            who=user.partner_id.name,
            login=user.login,
            customer=line.partner_id.display_name,
            when=when,
            what=what,
        )
