# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools
import logging
import subprocess

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.modules import module as odoo_module
from odoo.tools import find_in_path, formataddr

from odoo.addons.softwhere_client.keys import MANAGER_GROUP

_logger = logging.getLogger(__name__)

#: The invoice e-mails: paid by SEPA direct debit, or any other way.
INVOICE_TEMPLATE_DEBIT = "softwhere_billing.mail_template_invoice_direct_debit"
INVOICE_TEMPLATE = "softwhere_billing.mail_template_invoice"
#: The reseller's own brand: its customers see the company itself.
OWN_BRAND = "softwhere_client.white_label_actif_telecom"
SEND_STATES = [
    ("sending", "Being sent"),
    ("sent", "Sent"),
    ("failed", "Sending failed"),
    ("no_email", "No e-mail address"),
    ("unsure", "To check: may have been sent"),
]
#: What "Send again" and a run's sending pick up: never an invoice sent, being
#: sent, or perhaps sent (those the clerk checks and sends again by hand).
RESENDABLE_STATES = (False, "failed", "no_email")


@functools.lru_cache(1)
def wkhtmltopdf_prints_batches():
    """Whether wkhtmltopdf prints several documents in one call: only its
    builds with the patched Qt do (Debian's does not, and Odoo refuses the
    whole batch then). Odoo's own check reads a version stripped of it."""
    try:
        version = subprocess.run(
            [find_in_path("wkhtmltopdf"), "--version"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "patched qt" in version.lower()


class AccountMove(models.Model):
    _inherit = "account.move"

    billing_site_id = fields.Many2one(
        "softwhere.billing.site",
        string="Billing site",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        ondelete="restrict",
        domain="[('partner_id', '=', commercial_partner_id)]",
    )
    softwhere_send_state = fields.Selection(
        SEND_STATES,
        string="E-mail sending",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="What became of the e-mail that sends the invoice to its customer. "
        "Sent: the mail server accepted it. To check: its sending was interrupted "
        "while the mail was handed to the mail server; it is not sent again "
        "unless you ask for it.",
    )
    softwhere_send_error = fields.Text(
        string="Sending error",
        copy=False,
        readonly=True,
        help="Why the e-mail could not be sent, as the mail server said.",
    )

    # -- the billing site's fiscal position, payment mode and mandate -----------------
    @api.depends("billing_site_id")
    def _compute_fiscal_position_id(self):
        result = super()._compute_fiscal_position_id()
        for move in self:
            position = move.billing_site_id.fiscal_position_id
            if position and move.is_sale_document(include_receipts=True):
                move.fiscal_position_id = position
        return result

    @api.depends("billing_site_id")
    def _compute_payment_mode_id(self):
        result = super()._compute_payment_mode_id()
        for move in self:
            mode = move.billing_site_id.payment_mode_id
            if mode and move.move_type == "out_invoice":
                move.payment_mode_id = mode
        return result

    @api.depends("billing_site_id")
    def _compute_mandate_id(self):
        result = super()._compute_mandate_id()
        for move in self:
            mandate = move.billing_site_id.mandate_id
            if (
                mandate.state == "valid"
                and move.payment_mode_id.payment_method_id.mandate_required
            ):
                move.mandate_id = mandate
        return result

    # -- the invoice the customer receives -------------------------------------------
    def _softwhere_white_label(self):
        """The brand the customer buys under, when it is not the reseller's own:
        its name and logo replace the company's on the invoice and its e-mail."""
        self.ensure_one()
        label = self.commercial_partner_id.white_label_id
        if not self.is_sale_document(include_receipts=True):
            return self.env["softwhere.white.label"]
        if not label or label == self.env.ref(OWN_BRAND, raise_if_not_found=False):
            return self.env["softwhere.white.label"]
        return label

    def _softwhere_brand_name(self):
        """The name the customer knows the seller by."""
        self.ensure_one()
        return self._softwhere_white_label().name or self.company_id.name

    def _softwhere_email_from(self):
        """The invoice e-mail's sender: the white label's address, else the
        company's under the brand's name."""
        self.ensure_one()
        label = self._softwhere_white_label()
        email = label.email or self.company_id.email
        if not email:
            return False
        return formataddr((self._softwhere_brand_name(), email))

    def _softwhere_document_label(self):
        """ "invoice" or "credit note", in the context's language."""
        self.ensure_one()
        if self.move_type == "out_refund":
            return self.env._("credit note")
        return self.env._("invoice")

    def _softwhere_operation_category(self):
        """The operation category the French reform asks invoices to state:
        services, or mixed when goods (hardware) are sold with them."""
        self.ensure_one()
        products = self.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        ).product_id
        if any(product.type == "consu" for product in products):
            return self.env._("Mixed (supply of goods and services)")
        return self.env._("Provision of services")

    def _softwhere_generate_documents(self):
        """The PDF of each posted customer invoice with its Factur-X (EN 16931)
        XML inside, made by Odoo's ``account_edi_ubl_cii`` whatever the
        customer's e-invoice format; the XML is kept as its own attachment too.

        Odoo marks an invoice sent as soon as its PDF is made: not here, an
        invoice is sent once its e-mail went. Returns ``{invoice: error}`` for
        the invoices whose documents could not be made (the company's details
        that the Factur-X needs, missing), the errors posted in their chatter.
        """
        moves = self.filtered(
            lambda move: (
                move.state == "posted"
                and move.is_sale_document()
                and not move.invoice_pdf_report_id
            )
        )
        if not moves:
            return {}
        Send = self.env["account.move.send"]
        was_sent = {move.id: move.is_move_sent for move in moves}

        def settings():
            return {
                move.sudo(): Send._get_default_sending_settings(
                    move, sending_methods=[], invoice_edi_format="facturx"
                )
                for move in moves
            }

        moves_data = settings()
        batch = len(moves) > 1 and wkhtmltopdf_prints_batches()
        if batch:
            try:
                with self.env.cr.savepoint():
                    Send._generate_invoice_documents(moves_data)
            except UserError:
                # A batch fails as a whole when one of its pages misses a
                # resource, where a single page only warns.
                _logger.info("Invoice PDFs made one at a time: the batch failed.")
                batch = False
                moves_data = settings()
        if not batch:
            for move, data in moves_data.items():
                Send._generate_invoice_documents({move: data})
        errors = {move: data for move, data in moves_data.items() if data.get("error")}
        if errors:
            Send._hook_if_errors(errors, allow_raising=False)
        for move in moves:
            if move.is_move_sent != was_sent[move.id]:
                move.is_move_sent = was_sent[move.id]
        return {
            self.browse(move.id): Send._format_error_text(data["error"])
            for move, data in errors.items()
        }

    def _softwhere_send_invoices(self, again=False):
        """E-mail each invoice to its billing contact with its PDF (Factur-X
        inside) and its XML, one mail at a time, and keep what became of it.

        An invoice sent already is not sent again, so a job resumed sends the
        rest. Each invoice is marked *being sent* and committed before its mail
        is handed to the mail server, and marked sent (or failed, with the
        server's reason) and committed right after: a job that dies in between
        leaves it *being sent*, and its retry marks it *to check* instead of
        mailing the customer a second time. ``again`` sends those *to check*
        too: the clerk's "Send again".
        """
        states = RESENDABLE_STATES + (("unsure",) if again else ())
        interrupted = self.filtered(lambda move: move.softwhere_send_state == "sending")
        if interrupted:
            interrupted.write(
                {
                    "softwhere_send_state": "unsure",
                    "softwhere_send_error": self.env._(
                        "The sending was interrupted while this invoice's e-mail "
                        "was handed to the mail server: the customer may have "
                        "received it. Check before sending it again."
                    ),
                }
            )
            self._softwhere_commit_sending()
        to_send = self.filtered(
            lambda move: move.state == "posted"
            and move.is_sale_document()
            and move.softwhere_send_state in states
        )
        failed_documents = to_send._softwhere_generate_documents()
        for move in to_send:
            if move in failed_documents or not move.invoice_pdf_report_id:
                move.write(
                    {
                        "softwhere_send_state": "failed",
                        "softwhere_send_error": self.env._(
                            "The invoice PDF could not be made: %(error)s",
                            error=failed_documents.get(move, ""),
                        ),
                    }
                )
                continue
            if not move.partner_id.email:
                move.write(
                    {
                        "softwhere_send_state": "no_email",
                        "softwhere_send_error": self.env._(
                            "%(contact)s has no e-mail address.",
                            contact=move.partner_id.display_name,
                        ),
                    }
                )
                continue
            try:
                with self.env.cr.savepoint():
                    mails = move._softwhere_prepare_invoice_mail()
            except Exception as error:  # noqa: BLE001 - one invoice never stops the rest
                # Its rendering failed: nothing went, it can be sent again.
                _logger.exception("%s: invoice e-mail not made", move.name)
                move.write(
                    {
                        "softwhere_send_state": "failed",
                        "softwhere_send_error": str(error),
                    }
                )
                continue
            move.write({"softwhere_send_state": "sending"})
            move._softwhere_commit_sending()
            move._softwhere_hand_invoice_mail(mails)
            move._softwhere_commit_sending()
        return interrupted | to_send

    def _softwhere_commit_sending(self):
        """Commit what became of the invoices' e-mails, so that a rollback of
        the job never forgets a mail the server took (not under test, whose
        transaction is rolled back at its end, as Odoo's mail queue does)."""
        if not odoo_module.current_test:
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def action_softwhere_send_again(self):
        """Send again: e-mail these invoices now, those whose sending failed,
        had no address or is to check too (the clerk checked them)."""
        self.env["res.users"]._softwhere_check_group(
            MANAGER_GROUP, self.env._("Send the invoice again"), self
        )
        blocked = self.filtered(
            lambda move: move.softwhere_send_state in ("sent", "sending")
        )
        if blocked:
            raise UserError(
                self.env._(
                    "%(invoices)s: already sent or being sent.",
                    invoices=", ".join(blocked.mapped("display_name")),
                )
            )
        self._softwhere_send_invoices(again=True)
        return True

    def _softwhere_prepare_invoice_mail(self):
        """The invoice's e-mail, posted in its chatter and queued, not sent yet."""
        self.ensure_one()
        debit = self.move_type == "out_invoice" and self.mandate_id
        template = self.env.ref(INVOICE_TEMPLATE_DEBIT if debit else INVOICE_TEMPLATE)
        lang = template._render_lang(self.ids)[self.id]
        template = template.with_context(lang=lang)
        rendered = {
            name: template._render_field(name, self.ids)[self.id]
            for name in ("subject", "body_html", "email_from")
        }
        documents = self.invoice_pdf_report_id | self.ubl_cii_xml_id
        message = self.with_context(
            mail_post_autofollow=False,
            lang=lang,
            disable_attachment_import=True,
            no_document=True,
        ).message_post(
            body=rendered["body_html"],
            subject=rendered["subject"],
            email_from=rendered["email_from"],
            author_id=self.env.user.partner_id.id,
            partner_ids=self.partner_id.ids,
            attachments=[(document.name, document.raw) for document in documents],
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            email_layout_xmlid="softwhere_billing.mail_notification_invoice",
            notify_skip_followers=True,
            force_send=False,
            mail_auto_delete=False,
        )
        # The mail's copies of the documents belong to the message, not to the
        # invoice, which keeps its own (as Odoo's sending does).
        message.attachment_ids.sudo().write(
            {"res_model": message._name, "res_id": message.id}
        )
        return (
            self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        )

    def _softwhere_hand_invoice_mail(self, mails):
        """Hand the invoice's e-mail to the mail server now, not after the
        transaction, and mark the invoice sent only if the server accepted it."""
        self.ensure_one()
        mails.send(raise_exception=False)
        failures = mails.filtered(lambda mail: mail.state != "sent")
        if mails and not failures:
            self.write(
                {
                    "softwhere_send_state": "sent",
                    "softwhere_send_error": False,
                    "is_move_sent": True,
                }
            )
        else:
            reason = (
                failures[:1].failure_reason
                if failures
                else self.env._("No e-mail was made for the billing contact.")
            )
            _logger.info("%s: invoice e-mail not sent: %s", self.name, reason)
            self.write(
                {
                    "softwhere_send_state": "failed",
                    "softwhere_send_error": reason
                    or self.env._("The mail server refused the e-mail."),
                }
            )
