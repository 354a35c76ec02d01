# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.tests import tagged
from odoo.tests.common import freeze_time
from odoo.tools import mute_logger

from odoo.addons.softwhere_billing.tests.common import pdf_to_text
from odoo.addons.softwhere_park.tests.common import D

from ..hooks import OCA_STOCK_POLICY
from .common import SoftwhereCollectionCase

DUE = D(2026, 11, 2)


@tagged("post_install", "-at_install")
class TestDunning(SoftwhereCollectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # French installed before the policy is made, as on a French database.
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["account_credit_control", "softwhere_collection"],
            ["fr_FR"],
            overwrite=True,
        )
        cls.policy = cls.company._softwhere_credit_policy()
        cls.site = cls.create_site_with_line("Garage Dubois", "0622222222", sepa=False)
        cls.blocked = cls.create_site_with_line(
            "Cabinet Roux", "0633333333", sepa=False, block_reminders=True
        )
        cls.backend = cls.env["softwhere.supplier.backend"].create(
            {
                "name": "SNAIC",
                "platform": "snaic",
                "url": "http://127.0.0.1:9",
                "company_id": cls.company.id,
            }
        )
        cls.cfast = cls.env["softwhere.cfast.backend"].create(
            {"name": "Cfast", "url": "http://127.0.0.1:9", "company_id": cls.company.id}
        )
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )

    def control(self, day):
        """The credit control run of ``day``; the clerk then sends what it made."""
        with freeze_time(day):
            run = self.env["credit.control.run"].create(
                {"date": day, "company_id": self.company.id}
            )
            run._generate_credit_lines()
            run.set_to_ready_lines()
            run.run_channel_action()
            run.line_ids.filtered(lambda line: line.channel == "phone").write(
                {"state": "sent"}
            )
        return run.line_ids

    def test_the_default_policy(self):
        self.assertEqual(self.company.credit_policy_id, self.policy)
        levels = self.policy.level_ids.sorted("level")
        self.assertEqual(levels.mapped("delay_days"), [7, 15, 30, 45])
        self.assertEqual(
            levels.mapped("channel"), ["email", "email", "letter", "phone"]
        )
        self.assertEqual(set(levels.mapped("computation_mode")), {"net_days"})
        self.assertEqual(levels.mapped("softwhere_suspend_lines"), [False] * 3 + [True])
        self.assertEqual(self.company._softwhere_credit_policy(), self.policy)

    def test_the_main_company_dunns_as_softwhere_does(self):
        """OCA's data gives the main company its « 3 time policy »: the install
        put SoftWhere's in its place (made once the company has a chart)."""
        main = self.env.ref("base.main_company")
        stock = self.env.ref(OCA_STOCK_POLICY)
        self.assertNotEqual(main.credit_policy_id, stock)
        policy = main._softwhere_credit_policy()
        self.assertNotEqual(policy, stock)
        if policy:
            self.assertEqual(main.credit_policy_id, policy)
            self.assertEqual(
                policy.level_ids.sorted("level").mapped("channel"),
                ["email", "email", "letter", "phone"],
            )

    def test_e_mails_formal_notice_then_a_suspension_to_confirm(self):
        invoice = self.create_invoice(self.site, invoice_date=DUE, invoice_date_due=DUE)
        blocked = self.create_invoice(
            self.blocked, invoice_date=DUE, invoice_date_due=DUE
        )
        self.assertEqual(invoice.invoice_date_due, DUE)
        # (day, level, channel, state once the clerk handled it): an e-mail
        # waits in the queue until it is sent, a letter is printed, a call made.
        steps = [
            (DUE + timedelta(days=6), None),
            (DUE + timedelta(days=7), (1, "email", "queued")),
            (DUE + timedelta(days=14), None),
            (DUE + timedelta(days=15), (2, "email", "queued")),
            (DUE + timedelta(days=30), (3, "letter", "sent")),
            (DUE + timedelta(days=45), (4, "phone", "sent")),
        ]
        for day, expected in steps:
            lines = self.control(day)
            self.assertFalse(lines.filtered(lambda line: line.invoice_id == blocked))
            if expected is None:
                self.assertFalse(lines, day)
                continue
            self.assertEqual(lines.invoice_id, invoice, day)
            self.assertEqual((lines.level, lines.channel, lines.state), expected, day)
        # The e-mails went to the customer, the letter was printed.
        mails = self.env["mail.mail"].search(
            [("model", "=", "credit.control.communication")]
        )
        self.assertEqual(len(mails), 2)
        self.assertEqual(mails.recipient_ids, self.site.partner_id)
        subjects = " ".join(mails.mapped("subject"))
        self.assertIn("First reminder (D+7)", subjects)
        self.assertIn("Second reminder (D+15)", subjects)
        # D+45: a draft order suspends the site's line, for a person to confirm.
        last = lines
        [order] = last.softwhere_provisioning_order_ids
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.service_id, self.site.line_ids.service_id)
        self.assertEqual(order.supplier_backend_id, self.backend)
        self.assertEqual(order.operation_ids.mapped("kind"), ["suspend"])
        self.assertEqual(order.operation_ids.line_id, self.site.line_ids)
        self.assertEqual(self.site.line_ids.activity, "active")
        self.assertFalse(
            self.env["softwhere.provisioning.order"].search(
                [("service_id", "in", self.blocked.line_ids.service_id.ids)]
            )
        )
        # Run again later: no second order while this one is open.
        with freeze_time(DUE + timedelta(days=50)):
            self.site._softwhere_draft_suspension_orders()
        self.assertEqual(
            self.env["softwhere.provisioning.order"].search_count(
                [("service_id", "=", order.service_id.id)]
            ),
            1,
        )

    def test_a_pending_debit_is_not_chased(self):
        sepa = self.create_site_with_line(
            "Client SEPA", "0644444444", mandate_rum="ACTIF-D1"
        )
        run = self.run_invoicing()
        invoice = run.invoice_ids.filtered(lambda move: move.billing_site_id == sepa)
        self.assertTrue(run.debit_order_ids)
        # The order is still to send a week after the due date: not chased.
        late = invoice.invoice_date_due + timedelta(days=7)
        lines = self.control(late)
        self.assertFalse(lines.filtered(lambda line: line.invoice_id == invoice))
        # Its order cancelled, the invoice is chased as any other.
        run.debit_order_ids.action_cancel()
        lines = self.control(late + timedelta(days=1))
        self.assertEqual(
            lines.filtered(lambda line: line.invoice_id == invoice).level, 1
        )

    def test_the_formal_notice_is_a_french_pdf(self):
        self.site.partner_id.lang = "fr_FR"
        level = self.policy.level_ids.filtered(lambda lvl: lvl.level == 3)
        invoice = self.create_invoice(self.site, invoice_date=DUE, invoice_date_due=DUE)
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_id in self.policy.account_ids
        )
        lines = self.env["credit.control.line"].create_or_update_from_mv_lines(
            receivable, level, DUE + timedelta(days=30), self.company
        )
        lines.state = "to_be_sent"
        communication = self.env[
            "credit.control.communication"
        ]._generate_comm_from_credit_lines(lines)
        report = self.env["ir.actions.report"]
        self.assertEqual(report.get_wkhtmltopdf_state(), "ok", "wkhtmltopdf missing")
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, kind = report.with_context(
                force_report_rendering=True
            )._render_qweb_pdf(
                "account_credit_control.report_credit_control_summary",
                communication.ids,
            )
        self.assertEqual(kind, "pdf")
        text = pdf_to_text(self, pdf)
        for expected in (
            "Mise en demeure (J+30)",
            "MISE EN DEMEURE DE PAYER",
            "L441-10",
            "40 euros",
            invoice.name,
        ):
            self.assertIn(expected, text)

    def test_credit_control_screens_are_french(self):
        fr = self.env(context=dict(self.env.context, lang="fr_FR"))
        action = fr.ref("account_credit_control.credit_control_line_action")
        self.assertEqual(action.name, "Lignes de relance")
        # OCA's fr.po leaves a few of them empty: ours fills them (i18n_extra).
        self.assertEqual(
            fr.ref("account_credit_control.credit_control_run_menu").name, "Passages"
        )
        states = dict(
            fr["credit.control.line"]._fields["state"]._description_selection(fr)
        )
        self.assertEqual(states["queued"], "En file d'attente")
        field = fr["credit.control.policy.level"]._fields["softwhere_suspend_lines"]
        self.assertEqual(field._description_string(fr), "Suspendre les lignes du site")
        level = self.policy.with_env(fr).level_ids.filtered(lambda lvl: lvl.level == 1)
        self.assertEqual(level.name, "Première relance (J+7)")
