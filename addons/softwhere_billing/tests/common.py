# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import shutil
import subprocess

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user

#: Valid French bank details (IBAN checksums and RIB keys checked by stdnum).
IBAN = "FR76 3000 3140 0297 1344 5885 396"
BIC = "SOGEFRPP"
OTHER_IBAN = "FR76 3000 2989 8671 5199 7587 357"
OTHER_BIC = "CRLYFRPP"
COMPANY_IBAN = "FR76 3000 4676 6822 1178 0838 306"
CREDITOR_ID = "FR63ZZZ648291"
#: The company of the tests as its invoices print it (a valid SIRET and VAT).
COMPANY_DETAILS = {
    "street": "12 rue de la Gare",
    "zip": "69002",
    "city": "Lyon",
    "company_registry": "73282932000074",
    "vat": "FR44732829320",
}


def pdf_to_text(case, pdf):
    """The text of a PDF as ``pdftotext`` reads it, its spaces collapsed."""
    # make test installs it: a missing one is a failure, not a skip.
    case.assertTrue(shutil.which("pdftotext"), "pdftotext (poppler-utils) missing")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return " ".join(text.split())


class SoftwhereBillingCase(TransactionCase):
    """A French company of its own (French chart of accounts, bank account and SEPA
    creditor identifier), customer accounts created as the menu creates them, and
    the SoftWhere user and manager. Nothing here depends on demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.france = cls.env.ref("base.fr")
        cls.company = cls.env["res.company"].create(
            {
                "name": "Actif Télécom Test",
                "country_id": cls.france.id,
                "currency_id": cls.env.ref("base.EUR").id,
                "sepa_creditor_identifier": CREDITOR_ID,
            }
        )
        cls.env["account.chart.template"].try_loading("fr", cls.company)
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=[cls.company.id],
                tracking_disable=False,
            )
        )
        cls.company = cls.company.with_env(cls.env)
        cls.bank_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        )
        cls.bank_journal.bank_account_id = cls.env["res.partner.bank"].create(
            {
                "acc_number": COMPANY_IBAN,
                "partner_id": cls.company.partner_id.id,
                "bank_id": cls.env.ref("l10n_fr_account.bank_fr_bnpafrpp").id,
            }
        )
        cls.tax_20 = cls.env.ref(f"account.{cls.company.id}_tva_normale_encaissement")
        cls.Site = cls.env["softwhere.billing.site"]
        cls.Partner = cls.env["res.partner"].with_context(
            default_is_customer_account=True, default_is_company=True
        )
        users = {"company_id": cls.company.id, "company_ids": cls.company.ids}
        cls.user = new_test_user(
            cls.env,
            login="sw_billing_user",
            name="Utilisateur Facturation",
            groups="softwhere_client.softwhere_client_group_user",
            **users,
        )
        cls.manager = new_test_user(
            cls.env,
            login="sw_billing_manager",
            name="Responsable Facturation",
            groups="softwhere_client.softwhere_client_group_manager",
            **users,
        )
        cls.employee = new_test_user(
            cls.env,
            login="sw_billing_employee",
            name="Employé",
            groups="base.group_user",
            **users,
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Forfait Mobile 100 Go",
                "type": "service",
                "list_price": 30.0,
                "taxes_id": [Command.set(cls.tax_20.ids)],
                "company_id": cls.company.id,
            }
        )

    @classmethod
    def setup_invoice_pdf(cls, **company_values):
        """The company's details an invoice prints, and PDFs that render here.

        wkhtmltopdf fetches the style sheets from the report URL: an Odoo
        serving tests would wait for this test's transaction, and this test
        for wkhtmltopdf. An address that refuses at once: the text is there.
        """
        cls.company.write({**COMPANY_DETAILS, **company_values})
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )

    @classmethod
    def create_customer(cls, name="Boulangerie Martin", **values):
        values.setdefault("email", "compta@boulangerie-martin.example.fr")
        return cls.Partner.create({"name": name, **values})

    @classmethod
    def create_site(cls, name="Boulangerie Martin", **values):
        """A customer account and its default billing site, with these values."""
        customer = cls.create_customer(name)
        site = customer.billing_site_ids
        if values:
            site.write(values)
        return site

    @classmethod
    def mandate_values(cls, **values):
        return {
            "mandate_iban": IBAN,
            "mandate_bic": BIC,
            "mandate_signature_date": fields.Date.subtract(
                fields.Date.today(), months=2
            ),
            **values,
        }

    @classmethod
    def create_invoice(cls, site, price=100.0, post=True, **values):
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": site.invoice_partner_id.id,
                "billing_site_id": site.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "quantity": 1,
                            "price_unit": price,
                        }
                    )
                ],
                **values,
            }
        )
        if post:
            invoice.action_post()
        return invoice
