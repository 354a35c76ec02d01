# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""« Envoyer la facturation »: a posted run's invoices e-mailed to their billing
contacts, through a real SMTP exchange with the loopback mail server of
``softwhere_sim``; an invoice is marked sent only once the server took it."""

from contextlib import contextmanager
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from softwhere_sim.smtp import start_smtp

from .common import D, InvoiceDocumentCase

#: Nothing listens there: a mail server that is down.
CLOSED_PORT = 9
BILLING_MOVE = "odoo.addons.softwhere_billing.models.account_move"
#: What Odoo says when wkhtmltopdf fails a batch of pages (Odoo's own words).
ODOO_BATCH_REFUSED = (
    "Tried to convert multiple documents in wkhtmltopdf using unpatched QT"
)


@tagged("post_install", "-at_install")
class TestInvoiceSending(InvoiceDocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["softwhere_billing", "softwhere_park"], ["fr_FR"]
        )
        # A SEPA site, a site paying by transfer, and one whose billing
        # contact has no e-mail address.
        cls.site.write(cls.mandate_values())
        cls.site.partner_id.lang = "fr_FR"
        cls.create_line(articles=[(cls.plan_20, D(2026, 1, 1))])
        cls.garage = cls.site_with_a_line("Garage Dubois", "0611110001")
        cls.garage.partner_id.email = "compta@garage-dubois.example.fr"
        cls.florist = cls.site_with_a_line("Fleuriste Rose", "0611110002")
        cls.florist.partner_id.email = False

    @classmethod
    def site_with_a_line(cls, name, number):
        site = cls.create_site(name)
        site.partner_id.lang = "fr_FR"
        service = cls.Service.create(
            {"partner_id": site.partner_id.id, "service_type": "mobile"}
        )
        cls.create_line(
            number, service=service, articles=[(cls.plan_20, D(2026, 1, 1))]
        )
        return site

    @contextmanager
    def mail_server(self, port):
        """Odoo's outgoing mail server on loopback, really used (Odoo sends
        nothing under test otherwise)."""
        self.env["ir.mail_server"].search([]).active = False
        self.env["ir.mail_server"].create(
            {
                "name": "Serveur de test",
                "smtp_host": "127.0.0.1",
                "smtp_port": port,
                "smtp_encryption": "none",
            }
        )
        with patch.object(
            type(self.env["ir.mail_server"]), "_disable_send", return_value=False
        ):
            yield

    def send(self, run):
        Function = type(self.env["queue.job.function"])
        job_config = Function.job_config

        def in_the_test_transaction(function, name):
            # A job allowed to commit runs in a cursor of its own, which would
            # not see this test's data: under test it runs in the test's.
            return job_config(function, name)._replace(allow_commit=False)

        with patch.object(Function, "job_config", in_the_test_transaction):
            run.with_context(queue_job__no_delay=True).action_send()
        run.invalidate_recordset()

    def received_by(self, server, address):
        return [mail for mail in server.parsed() if address in mail["To"]]

    def test_sending_the_run(self):
        run = self.run_and_post(D(2026, 11, 1), pdf=False)
        self.assertEqual(run.state, "posted")
        sepa, garage, florist = (
            self.invoice_of(run, site)
            for site in (self.site, self.garage, self.florist)
        )
        # Made with the posting, the documents do not make an invoice sent.
        self.assertTrue(all(run.invoice_ids.mapped("invoice_pdf_report_id")))
        self.assertFalse(any(run.invoice_ids.mapped("is_move_sent")))
        self.assertEqual(run.unsent_count, 3)
        with start_smtp() as server, self.mail_server(server.port):
            self.send(run)
            self.assertEqual(
                (run.sent_count, run.send_failed_count, run.no_email_count), (2, 0, 1)
            )
            (debit,) = self.received_by(server, "compta@boulangerie-martin.example.fr")
            (transfer,) = self.received_by(server, "compta@garage-dubois.example.fr")
        # In French, from the company, with the PDF and the Factur-X XML.
        self.assertEqual(debit["Subject"], f"Actif Télécom Test : facture {sepa.name}")
        self.assertIn("facturation@actif-telecom.example.fr", debit["From"])
        body = " ".join(debit.get_body(("html",)).get_content().split())
        due = sepa.invoice_date_due.strftime("%d/%m/%Y")
        self.assertIn(f"sera prélevé le <strong>{due}</strong>", body)
        self.assertIn("sur le compte se terminant par <strong>5396</strong>", body)
        self.assertIn(self.site.mandate_id.unique_mandate_reference, body)
        self.assertEqual(
            sorted(part.get_filename() for part in debit.iter_attachments()),
            sorted([sepa.invoice_pdf_report_id.name, sepa.ubl_cii_xml_id.name]),
        )
        body = " ".join(transfer.get_body(("html",)).get_content().split())
        self.assertNotIn("prélevé", body)
        self.assertIn(
            f"en rappelant la référence <strong>{garage.payment_reference}", body
        )
        # What became of each invoice.
        self.assertEqual(
            (sepa | garage | florist).mapped("softwhere_send_state"),
            ["sent", "sent", "no_email"],
        )
        self.assertEqual(
            (sepa | garage | florist).mapped("is_move_sent"), [True, True, False]
        )
        self.assertIn("Fleuriste Rose", florist.softwhere_send_error)
        # Sent again once the florist has an address: only its invoice goes.
        self.florist.partner_id.email = "fleurs@rose.example.fr"
        with start_smtp() as server, self.mail_server(server.port):
            self.send(run)
            self.assertEqual(len(server.messages), 1)
            self.assertTrue(self.received_by(server, "fleurs@rose.example.fr"))
        self.assertEqual(
            (run.sent_count, run.no_email_count, run.unsent_count), (3, 0, 0)
        )
        self.assertTrue(florist.is_move_sent)

    def test_a_mail_server_that_fails_marks_nothing_sent(self):
        run = self.run_and_post(D(2026, 11, 1), pdf=False)
        with (
            self.mail_server(CLOSED_PORT),
            mute_logger("odoo.addons.mail.models.mail_mail"),
        ):
            self.send(run)
        self.assertEqual(
            (run.sent_count, run.send_failed_count, run.no_email_count), (0, 2, 1)
        )
        failed = run.invoice_ids.filtered(
            lambda move: move.softwhere_send_state == "failed"
        )
        self.assertFalse(any(failed.mapped("is_move_sent")))
        self.assertTrue(all(failed.mapped("softwhere_send_error")))
        # The server back, the failed ones are sent: none twice.
        with start_smtp() as server, self.mail_server(server.port):
            self.send(run)
            self.assertEqual(len(server.messages), 2)
        self.assertEqual((run.sent_count, run.send_failed_count), (2, 0))
        self.assertTrue(all(failed.mapped("is_move_sent")))

    def test_a_refused_recipient_is_a_failure(self):
        run = self.run_and_post(D(2026, 11, 1), pdf=False)
        with (
            start_smtp(refuse={"compta@garage-dubois.example.fr"}) as server,
            self.mail_server(server.port),
            mute_logger("odoo.addons.mail.models.mail_mail"),
        ):
            self.send(run)
        garage = self.invoice_of(run, self.garage)
        self.assertEqual(garage.softwhere_send_state, "failed")
        self.assertFalse(garage.is_move_sent)
        self.assertEqual((run.sent_count, run.send_failed_count), (1, 1))

    def test_a_white_label_customer_gets_its_brand(self):
        label = self.env["softwhere.white.label"].create(
            {
                "name": "Télécom Services Plus",
                "code": "TSP",
                "email": "factures@telecom-plus.example.fr",
            }
        )
        self.garage.partner_id.white_label_id = label
        run = self.run_and_post(D(2026, 11, 1), pdf=False)
        with start_smtp() as server, self.mail_server(server.port):
            self.send(run)
            (mail,) = self.received_by(server, "compta@garage-dubois.example.fr")
        sender = mail["From"].addresses[0]
        self.assertEqual(
            (sender.display_name, sender.addr_spec),
            ("Télécom Services Plus", "factures@telecom-plus.example.fr"),
        )
        self.assertTrue(mail["Subject"].startswith("Télécom Services Plus : facture"))
        body = mail.get_body(("html",)).get_content()
        self.assertIn("Télécom Services Plus", body)
        self.assertNotIn("Actif Télécom", body + mail["Subject"])

    def test_only_a_posted_run_is_sent_by_a_manager(self):
        run = self.env["softwhere.invoice.run"].create(
            {"run_date": D(2026, 11, 1), "company_id": self.company.id}
        )
        run.with_context(queue_job__no_delay=True).action_start()
        with self.assertRaisesRegex(UserError, "once the run is posted"):
            run.action_send()
        with self.assertRaises(AccessError):
            run.with_user(self.user).action_send()

    def test_each_mail_is_handed_over_between_two_commits(self):
        """The invoice is committed *being sent* before its mail reaches the
        server and *sent* right after: a rollback never forgets a mail gone."""
        run = self.run_and_post(D(2026, 11, 1), pdf=False)
        sepa = self.invoice_of(run, self.site)
        Move = type(self.env["account.move"])
        commit = Move._softwhere_commit_sending
        seen = []
        with start_smtp() as server, self.mail_server(server.port):

            def recording_commit(moves):
                seen.append((sepa.softwhere_send_state, len(server.messages)))
                return commit(moves)

            with patch.object(Move, "_softwhere_commit_sending", recording_commit):
                self.send(run)
            mails_to_sepa = self.received_by(
                server, "compta@boulangerie-martin.example.fr"
            )
        self.assertEqual(len(mails_to_sepa), 1)
        # Its mail is the first of the run, handed over between the two commits.
        self.assertEqual(seen[:2], [("sending", 0), ("sent", 1)])

    def test_an_interrupted_sending_is_not_sent_twice(self):
        run = self.run_and_post(D(2026, 11, 1), pdf=False)
        sepa, garage = (self.invoice_of(run, site) for site in (self.site, self.garage))
        # A job killed while the mail server took the bakery's mail left it so.
        sepa.softwhere_send_state = "sending"
        with start_smtp() as server, self.mail_server(server.port):
            self.send(run)
            self.assertFalse(
                self.received_by(server, "compta@boulangerie-martin.example.fr")
            )
            self.assertTrue(self.received_by(server, "compta@garage-dubois.example.fr"))
        self.assertEqual(sepa.softwhere_send_state, "unsure")
        self.assertIn("Check before sending it again", sepa.softwhere_send_error)
        self.assertFalse(sepa.is_move_sent)
        self.assertEqual((run.sent_count, run.send_unsure_count), (1, 1))
        # "Send the invoicing" again leaves it to the clerk.
        with start_smtp() as server, self.mail_server(server.port):
            self.send(run)
            self.assertFalse(server.messages)
        # The clerk checked with the customer: sent again by hand, once.
        with self.assertRaises(AccessError):
            sepa.with_user(self.user).action_softwhere_send_again()
        with start_smtp() as server, self.mail_server(server.port):
            sepa.action_softwhere_send_again()
            self.assertEqual(len(server.messages), 1)
            with self.assertRaisesRegex(UserError, "already sent"):
                (sepa | garage).action_softwhere_send_again()
        self.assertEqual(sepa.softwhere_send_state, "sent")
        self.assertEqual(run.send_unsure_count, 0)

    def test_a_mail_that_cannot_be_made_fails_alone(self):
        run = self.run_and_post(D(2026, 11, 1), pdf=False)
        sepa, garage = (self.invoice_of(run, site) for site in (self.site, self.garage))
        Move = type(self.env["account.move"])
        prepare = Move._softwhere_prepare_invoice_mail

        def failing_for_the_garage(move):
            mails = prepare(move)
            if move == garage:
                # Fails once its message is in the chatter: taken back too.
                raise ValueError("Modèle d'e-mail illisible")
            return mails

        with (
            start_smtp() as server,
            self.mail_server(server.port),
            patch.object(
                Move, "_softwhere_prepare_invoice_mail", failing_for_the_garage
            ),
            mute_logger("odoo.addons.softwhere_billing.models.account_move"),
        ):
            self.send(run)
            self.assertEqual(len(server.messages), 1)
        self.assertEqual(
            (sepa.softwhere_send_state, garage.softwhere_send_state), ("sent", "failed")
        )
        self.assertEqual(garage.softwhere_send_error, "Modèle d'e-mail illisible")
        # Nothing of the garage's mail was left behind in its chatter or queue.
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "account.move"), ("res_id", "=", garage.id)]
            )
        )
        self.assertFalse(
            garage.message_ids.filtered(lambda message: message.attachment_ids)
        )

    def test_documents_made_one_at_a_time_when_a_batch_fails(self):
        """wkhtmltopdf fails a batch as soon as one page misses a resource
        (Odoo then refuses it): each invoice still gets its PDF."""
        Report = type(self.env["ir.actions.report"])
        render = Report._pre_render_qweb_pdf
        batches = []

        def refusing_batches(report, report_ref, res_ids=None, data=None):
            batches.append(len(res_ids or ()))
            if res_ids and len(res_ids) > 1:
                raise UserError(ODOO_BATCH_REFUSED)
            return render(report, report_ref, res_ids=res_ids, data=data)

        for patched_qt, calls in ((True, [3, 1, 1, 1]), (False, [1, 1, 1])):
            # A wkhtmltopdf that prints batches tries one first; Debian's,
            # which cannot, prints one invoice a call straight away.
            batches.clear()
            with (
                patch.object(Report, "_pre_render_qweb_pdf", refusing_batches),
                patch(
                    f"{BILLING_MOVE}.wkhtmltopdf_prints_batches", lambda q=patched_qt: q
                ),
            ):
                run = self.run_and_post(
                    D(2026, 11, 1) if patched_qt else D(2026, 12, 1)
                )
            self.assertEqual(batches, calls)
            self.assertEqual(run.document_missing_count, 0)
            self.assertTrue(all(run.invoice_ids.mapped("invoice_pdf_report_id")))
            self.assertTrue(all(run.invoice_ids.mapped("ubl_cii_xml_id")))

    def test_the_sending_job_may_commit(self):
        """queue_job forbids a job to commit unless its function allows it."""
        config = self.env["queue.job.function"].job_config(
            "<softwhere.invoice.run>._send_invoices"
        )
        self.assertTrue(config.allow_commit)
