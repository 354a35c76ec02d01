# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from odoo.addons.softwhere_billing.tests.common import (
    BIC,
    COMPANY_DETAILS,
    COMPANY_IBAN,
    CREDITOR_ID,
    IBAN,
)
from odoo.addons.softwhere_catalogue.reference import xmlid_name
from odoo.addons.softwhere_client.tests.common import SoftwhereFrenchHttpCase
from odoo.addons.softwhere_collection.debit_date import debit_date
from odoo.addons.softwhere_park.tests.common import (
    D,
    background_job_runner,
    take_over_reference_catalogues,
)

from softwhere_sim.smtp import start_smtp

#: The customers of the tour: three pay by SEPA direct debit, one by transfer.
SEPA_CUSTOMERS = ("Boulangerie Martin", "Garage Dubois", "Fleuriste Rose")
TRANSFER_CUSTOMER = "Cabinet Roux"


@tagged("post_install", "-at_install")
class TestMonthlyCycle(SoftwhereFrenchHttpCase):
    """The month's invoicing as a billing clerk does it, in French: the run,
    its control, « Valider la facturation », the sending, the debit order."""

    french_modules = (
        "softwhere_client",
        "softwhere_catalogue",
        "softwhere_billing",
        "softwhere_park",
        "softwhere_collection",
        "account_payment_order",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A company of its own: the demo company's sites stay out of the run.
        cls.company = cls.env["res.company"].create(
            {
                "name": "Actif Télécom Tour",
                "country_id": cls.env.ref("base.fr").id,
                "currency_id": cls.env.ref("base.EUR").id,
                "sepa_creditor_identifier": CREDITOR_ID,
                "email": "facturation@actif-telecom.example.fr",
                "phone": "+33 4 72 10 20 30",
                "softwhere_debit_day": 10,
                "softwhere_debit_lead_days": 14,
                **COMPANY_DETAILS,
            }
        )
        cls.env["account.chart.template"].try_loading("fr", cls.company)
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=[cls.company.id])
        )
        bank = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        )
        bank.bank_account_id = cls.env["res.partner.bank"].create(
            {
                "acc_number": COMPANY_IBAN,
                "partner_id": cls.company.partner_id.id,
                "bank_id": cls.env.ref("l10n_fr_account.bank_fr_bnpafrpp").id,
            }
        )
        take_over_reference_catalogues(cls.env, cls.company)
        plan = cls.env.ref(f"softwhere_catalogue.article_{xmlid_name('OR-PI20')}")
        cls.clerk = new_test_user(
            cls.env,
            login="sw_clerk",
            name="Claire Comptable",
            groups="softwhere_client.softwhere_client_group_manager,"
            "account.group_account_invoice,"
            "account_payment_order.group_account_payment",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
            lang="fr_FR",
            tz="Europe/Paris",
        )
        Partner = cls.env["res.partner"].with_context(
            default_is_customer_account=True, default_is_company=True
        )
        signed = fields.Date.subtract(fields.Date.today(), months=2)
        cls.sites = cls.env["softwhere.billing.site"]
        for index, name in enumerate((*SEPA_CUSTOMERS, TRANSFER_CUSTOMER)):
            customer = Partner.create(
                {
                    "name": name,
                    "email": f"compta{index}@client.example.fr",
                    "lang": "fr_FR",
                    "customer_status": "active_compliant",
                }
            )
            site = customer.billing_site_ids
            if name in SEPA_CUSTOMERS:
                site.write(
                    {
                        "mandate_iban": IBAN,
                        "mandate_bic": BIC,
                        "mandate_signature_date": signed,
                        "mandate_rum": f"ACTIF-TOUR-{index}",
                    }
                )
            service = cls.env["softwhere.service"].create(
                {"partner_id": customer.id, "service_type": "mobile"}
            )
            cls.env["softwhere.line"].create(
                {
                    "name": f"06111100{index:02d}",
                    "service_id": service.id,
                    "article_ids": [
                        Command.create(
                            {"product_id": plan.id, "date_start": D(2026, 1, 1)}
                        )
                    ],
                }
            )
            cls.sites |= site

    def test_the_month_from_the_run_to_the_debit_order(self):
        self.env["ir.mail_server"].search([]).active = False
        with start_smtp() as smtp:
            self.env["ir.mail_server"].create(
                {
                    "name": "Serveur de test",
                    "smtp_host": "127.0.0.1",
                    "smtp_port": smtp.port,
                    "smtp_encryption": "none",
                }
            )
            # Odoo sends nothing under test otherwise; the jobs run beside the
            # page as queue_job's runner runs them.
            with (
                patch.object(
                    type(self.env["ir.mail_server"]),
                    "_disable_send",
                    return_value=False,
                ),
                background_job_runner(self),
            ):
                self.start_tour(
                    "/odoo", "softwhere_monthly_cycle_tour", login="sw_clerk"
                )
            mails = smtp.parsed()
        self.env.invalidate_all()
        run = self.env["softwhere.invoice.run"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(len(run), 1)
        self.assertEqual(run.run_date, fields.Date.context_today(run))
        self.assertEqual(run.state, "posted")
        invoices = run.invoice_ids
        self.assertEqual(len(invoices), 4)
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        self.assertEqual(set(invoices.mapped("softwhere_send_state")), {"sent"})
        # Every customer got its invoice; those debited are told when.
        self.assertEqual(len(mails), 4)
        due = debit_date(run.run_date, 10, 14)
        sepa = invoices.filtered(lambda move: move.partner_id.name in SEPA_CUSTOMERS)
        self.assertEqual(set(sepa.mapped("invoice_date_due")), {due})
        for mail in mails:
            body = " ".join(mail.get_body(("html",)).get_content().split())
            debited = f"sera prélevé le <strong>{due.strftime('%d/%m/%Y')}</strong>"
            if "compta3@" in mail["To"]:
                self.assertNotIn("prélevé", body)
            else:
                self.assertIn(debited, body)
        # One debit order, the SEPA invoices in it, for their due date.
        order = run.debit_order_ids
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.date_scheduled, max(due, fields.Date.today()))
        self.assertEqual(
            sorted(order.payment_line_ids.partner_id.mapped("name")),
            sorted(SEPA_CUSTOMERS),
        )
        self.assertAlmostEqual(order.total_company_currency, 3 * 23.88)
