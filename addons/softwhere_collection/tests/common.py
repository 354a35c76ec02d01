# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast
import base64

from lxml import etree

from odoo.tests.common import freeze_time

from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.addons.softwhere_park.tests.common import D, SoftwhereParkCase

#: A run on 1 November 2026 invoices November for a "current month" site.
RUN = D(2026, 11, 1)


class SoftwhereCollectionCase(SoftwhereParkCase):
    """The park case's company, debiting on the 10th after a 14-day notice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"softwhere_debit_day": 10, "softwhere_debit_lead_days": 14})
        # The demo company banks on the test company's account number, and a
        # bank's return file names the account by its number only.
        cls.env["res.partner.bank"].search(
            [
                ("acc_number", "=", cls.bank_journal.bank_account_id.acc_number),
                ("id", "!=", cls.bank_journal.bank_account_id.id),
            ]
        ).active = False

    @classmethod
    def create_site_with_line(cls, name, number, sepa=True, **values):
        """A signed customer's site with a mobile line on the 20 GB plan."""
        if sepa:
            values = cls.mandate_values(**values)
        site = cls.create_site(name, **values)
        service = cls.Service.create(
            {"partner_id": site.partner_id.id, "service_type": "mobile"}
        )
        cls.create_line(
            number, service=service, articles=[(cls.plan_20, D(2026, 1, 1))]
        )
        return site

    @classmethod
    def create_sepa_sites(cls, count, rum_prefix):
        """``count`` sites paying by SEPA direct debit, each with a line."""
        sites = cls.env["softwhere.billing.site"]
        for index in range(count):
            sites |= cls.create_site_with_line(
                f"Client SEPA {index}",
                f"060000000{index}",
                mandate_rum=f"{rum_prefix}{index}",
            )
        return sites

    def run_invoicing(self, run_date=RUN, edit_drafts=None):
        """A run on ``run_date``, posted with « Valider la facturation » (its
        posting jobs run). ``edit_drafts``: called with the drafts first."""
        run = self.env["softwhere.invoice.run"].create(
            {"run_date": run_date, "company_id": self.company.id}
        )
        with freeze_time(run_date):
            run.with_context(queue_job__no_delay=True).action_start()
            if edit_drafts:
                edit_drafts(run.invoice_ids)
            with trap_jobs() as trap:
                run.action_post()
                trap.perform_enqueued_jobs()
        return run

    def debit(self, run, day=RUN):
        """The run's debit orders sent to the bank: confirmed, file generated,
        uploaded (the invoices are paid, awaiting the bank)."""
        with freeze_time(day):
            for order in run.debit_order_ids:
                self.generate_file(order)
                order.generated2uploaded()
        return run.debit_order_ids

    def import_return(self, data, day):
        """The bank's return file imported and each of its returns confirmed,
        as a clerk does."""
        with freeze_time(day):
            wizard = self.env["payment.return.import"].create(
                {"data_file": base64.b64encode(data)}
            )
            action = wizard.import_file()
            # One return per entry of a camt.054, one per file for a pain.002.
            domain = action.get("domain")
            returns = self.env["payment.return"].search(
                ast.literal_eval(domain) if domain else [("id", "=", action["res_id"])]
            )
            for payment_return in returns:
                payment_return.action_confirm()
        return returns

    def generate_file(self, order):
        """Confirm the debit order and generate its PAIN.008: the XML root."""
        order.draft2open()
        action = order.open2generated()
        attachment = self.env["ir.attachment"].browse(action["res_id"])
        return etree.fromstring(base64.b64decode(attachment.datas))


def texts(xml, path):
    """The texts of the nodes at ``path`` (``p:`` the document's namespace)."""
    return [node.text for node in xml.xpath(path, namespaces={"p": xml.nsmap[None]})]


def camt054(account_iban, rejects, day):
    """A bank's camt.054.001.02 notification of returned direct debits.

    ``rejects``: (end-to-end id, amount, reason code) of each returned debit.
    """
    entries = "".join(
        f"""
        <Ntry>
          <Amt Ccy="EUR">{amount:.2f}</Amt>
          <CdtDbtInd>DBIT</CdtDbtInd>
          <Sts>BOOK</Sts>
          <BookgDt><Dt>{day}</Dt></BookgDt>
          <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>IDDT</Cd>
            <SubFmlyCd>UPDD</SubFmlyCd></Fmly></Domn></BkTxCd>
          <NtryDtls><TxDtls>
            <Refs><EndToEndId>{reference}</EndToEndId></Refs>
            <AmtDtls><InstdAmt><Amt Ccy="EUR">{amount:.2f}</Amt></InstdAmt></AmtDtls>
            <RltdDts><IntrBkSttlmDt>{day}</IntrBkSttlmDt></RltdDts>
            <RtrInf><Rsn><Cd>{reason}</Cd></Rsn><AddtlInf>/RTYP/RJCT</AddtlInf></RtrInf>
          </TxDtls></NtryDtls>
        </Ntry>"""
        for reference, amount, reason in rejects
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>RJCT-{day}</MsgId><CreDtTm>{day}T08:00:00</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>NTF-{day}</Id>
      <CreDtTm>{day}T08:00:00</CreDtTm>
      <Acct><Id><IBAN>{account_iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
      {entries}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>""".encode()


def pain002(account_iban, rejects, day):
    """A bank's pain.002.001.03 status report rejecting direct debits."""
    transactions = "".join(
        f"""
      <TxInfAndSts>
        <OrgnlEndToEndId>{reference}</OrgnlEndToEndId>
        <TxSts>RJCT</TxSts>
        <StsRsnInf><Rsn><Cd>{reason}</Cd></Rsn></StsRsnInf>
        <OrgnlTxRef>
          <Amt><InstdAmt Ccy="EUR">{amount:.2f}</InstdAmt></Amt>
          <ReqdColltnDt>{day}</ReqdColltnDt>
          <CdtrAcct><Id><IBAN>{account_iban}</IBAN></Id></CdtrAcct>
        </OrgnlTxRef>
      </TxInfAndSts>"""
        for reference, amount, reason in rejects
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03">
  <CstmrPmtStsRpt>
    <GrpHdr><MsgId>STS-{day}</MsgId><CreDtTm>{day}T08:00:00</CreDtTm></GrpHdr>
    <OrgnlGrpInfAndSts>
      <OrgnlMsgId>DEBIT</OrgnlMsgId><OrgnlMsgNmId>pain.008.001.02</OrgnlMsgNmId>
    </OrgnlGrpInfAndSts>
    <OrgnlPmtInfAndSts>
      <OrgnlPmtInfId>DEBIT-1</OrgnlPmtInfId>
      {transactions}
    </OrgnlPmtInfAndSts>
  </CstmrPmtStsRpt>
</Document>""".encode()
