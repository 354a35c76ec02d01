# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from ..debit_date import MAX_DEBIT_DAY
from .account_payment_term_line import DEBIT_DAY
from .dunning_texts import TRANSLATED_FIELDS, dunning_levels

MODULE = "softwhere_collection"
#: The reject fee a company starts with, untaxed (its product's sale price).
DEFAULT_REJECT_FEE = 15.0


class ResCompany(models.Model):
    _inherit = "res.company"

    softwhere_debit_day = fields.Integer(
        string="SEPA debit day",
        default=10,
        help="The day of the month the invoices of the sites paying by SEPA "
        "direct debit are debited (1 to 28).",
    )
    softwhere_debit_lead_days = fields.Integer(
        string="Pre-notification lead time",
        default=14,
        help="The invoice tells the customer the amount and the date of the "
        "debit at least this many days before it (SEPA pre-notification).",
    )

    softwhere_reject_fee_product_id = fields.Many2one(
        "product.product",
        string="Reject fee",
        check_company=True,
        domain=[("softwhere_collection_fee", "=", True)],
        help="Billed once on the site's next invoice when the bank rejects a "
        "direct debit, at the article's sale price.",
    )

    @api.constrains("softwhere_debit_day", "softwhere_debit_lead_days")
    def _check_softwhere_debit_day(self):
        for company in self:
            if not 1 <= company.softwhere_debit_day <= MAX_DEBIT_DAY:
                raise ValidationError(
                    self.env._(
                        "%(company)s: the field “%(field)s” must be between 1 and "
                        "%(max)s (a day every month has).",
                        company=company.name,
                        field=company._fields[
                            "softwhere_debit_day"
                        ]._description_string(self.env),
                        max=MAX_DEBIT_DAY,
                    )
                )
            if company.softwhere_debit_lead_days < 0:
                raise ValidationError(
                    self.env._(
                        "%(company)s: the field “%(field)s” cannot be negative.",
                        company=company.name,
                        field=company._fields[
                            "softwhere_debit_lead_days"
                        ]._description_string(self.env),
                    )
                )

    def _softwhere_collection_ref(self, name):
        """A per-company record of ours (``softwhere_collection.<company>_<name>``)."""
        self.ensure_one()
        return self.env.ref(f"{MODULE}.{self.id}_{name}", raise_if_not_found=False)

    def _softwhere_collection_bind(self, name, record):
        self.ensure_one()
        self.env["ir.model.data"].sudo().create(
            {
                "module": MODULE,
                "name": f"{self.id}_{name}",
                "model": record._name,
                "res_id": record.id,
                "noupdate": True,
            }
        )
        return record

    def _softwhere_other_langs(self):
        """An environment in each installed language but English."""
        return [
            self.env(context=dict(self.env.context, lang=lang))
            for lang, _name in self.env["res.lang"].get_installed()
            if lang != "en_US"
        ]

    def _softwhere_translate(self, record, source):
        """The record's name in each installed language, from our fr.po."""
        for in_lang in self._softwhere_other_langs():
            record.with_env(in_lang(su=True)).name = in_lang._(source)

    def _softwhere_sepa_payment_term(self):
        """The company's payment terms of the sites paying by SEPA direct
        debit: on its debit day, after its lead time. Made when missing."""
        self.ensure_one()
        term = self._softwhere_collection_ref("payment_term_sepa_debit")
        if not term:
            env = self.env(context=dict(self.env.context, lang="en_US"))
            term = (
                env["account.payment.term"]
                .sudo()
                .create(
                    {
                        "name": env._("SEPA direct debit on the debit day"),
                        "company_id": self.id,
                        "line_ids": [
                            Command.create(
                                {
                                    "value": "percent",
                                    "value_amount": 100.0,
                                    "delay_type": DEBIT_DAY,
                                    "nb_days": 0,
                                }
                            )
                        ],
                    }
                )
            )
            self._softwhere_translate(term, "SEPA direct debit on the debit day")
            self._softwhere_collection_bind("payment_term_sepa_debit", term)
        return self.env["account.payment.term"].browse(term.id)

    def _softwhere_reject_fee_product(self):
        """The company's reject fee article, made (15 € untaxed) when missing."""
        self.ensure_one()
        if self.softwhere_reject_fee_product_id:
            return self.softwhere_reject_fee_product_id
        env = self.env(context=dict(self.env.context, lang="en_US"))
        name = env._("Direct debit reject fee")
        tax = self._softwhere_default_sale_tax()
        product = (
            env["product.product"]
            .sudo()
            .create(
                {
                    "name": name,
                    "type": "service",
                    "list_price": DEFAULT_REJECT_FEE,
                    "softwhere_collection_fee": True,
                    "company_id": self.id,
                    "taxes_id": [Command.set(tax.ids)],
                    "sale_ok": True,
                    "purchase_ok": False,
                }
            )
        )
        self._softwhere_translate(product.product_tmpl_id, "Direct debit reject fee")
        self.sudo().softwhere_reject_fee_product_id = product
        return self.env["product.product"].browse(product.id)

    def _softwhere_credit_policy(self):
        """The company's credit control policy (OCA ``account_credit_control``),
        our default one made and set when it has none: e-mails at D+7 and
        D+15, a formal notice letter at D+30, the suspension at D+45."""
        self.ensure_one()
        if self.credit_policy_id:
            return self.credit_policy_id
        Account = self.env["account.account"].sudo()
        receivables = Account.search(
            [
                *Account._check_company_domain(self),
                ("account_type", "=", "asset_receivable"),
            ]
        )
        if not receivables:
            return self.env["credit.control.policy"]
        env = self.env(context=dict(self.env.context, lang="en_US"))
        template = self.env.ref("softwhere_collection.mail_template_credit_control")
        levels = dunning_levels(env)
        policy = (
            env["credit.control.policy"]
            .sudo()
            .create(
                {
                    "name": env._("Dunning: e-mails, formal notice, suspension"),
                    "company_id": self.id,
                    "account_ids": [Command.set(receivables.ids)],
                    "level_ids": [
                        Command.create(
                            {
                                **level,
                                "computation_mode": "net_days",
                                "email_template_id": template.id,
                                "mail_show_invoice_detail": True,
                            }
                        )
                        for level in levels
                    ],
                }
            )
        )
        for in_lang in self._softwhere_other_langs():
            for level, texts in zip(
                policy.level_ids.sorted("level"), dunning_levels(in_lang), strict=True
            ):
                level.with_env(in_lang(su=True)).write(
                    {name: texts[name] for name in TRANSLATED_FIELDS if name in texts}
                )
        self._softwhere_collection_bind("credit_control_policy", policy)
        self.sudo().credit_policy_id = policy
        return self.env["credit.control.policy"].browse(policy.id)
