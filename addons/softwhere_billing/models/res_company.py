# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import Command, models

MODULE = "softwhere_billing"
#: The French chart's 20 % VAT on services (l10n_fr_account), a site's default.
FR_SERVICE_TAX = "tva_normale_encaissement"
#: The French chart's 0 % exempt VAT on services: the model of ours.
FR_SERVICE_EXEMPT_TAX = "tva_sale_service_0"
SEPA_PAYMENT_MODE = f"{MODULE}.account_payment_mode_sepa_direct_debit"
FISCAL_POSITION_KINDS = ("exempt", "arcep")
#: How the 0 % taxes of ours read in an e-invoice (EN 16931, account_edi_ubl_cii):
#: VAT category and exemption reason code. The exempt customers are not charged
#: VAT (E), and no VATEX code names article 259-1 of the CGI: the reason is the
#: tax's legal note (BR-E-10 asks for a code or a text). Self-assessment between
#: telecom operators is a reverse charge (AE, VATEX-EU-AE, BR-AE-10).
EDI_TAX_CODES = {
    "exempt": {
        "ubl_cii_tax_category_code": "E",
        "ubl_cii_tax_exemption_reason_code": False,
    },
    "arcep": {
        "ubl_cii_tax_category_code": "AE",
        "ubl_cii_tax_exemption_reason_code": "VATEX-EU-AE",
    },
}


def _texts(env):
    """The names and notes of the records made here, in ``env``'s language.

    Records made by code rather than data: their translatable fields get every
    installed language from the terms of ``fr.po``.
    """
    arcep_note = env._(
        "Self-assessed VAT – article 283-2 octies of the French tax code"
    )
    # The customers not charged VAT are businesses established abroad (the
    # BlueRockTEL “chargeVAT” column): the services are taxed where they are.
    exempt_note = env._(
        "VAT not applicable – article 259-1 of the French tax code, "
        "reverse charge by the customer"
    )
    # The mentions are the taxes' legal notes, which Odoo prints once for the
    # invoice's lines that bear them; the fiscal positions carry none, else
    # the invoice would print it twice, and on an invoice of hardware only.
    return {
        "exempt": {
            "position": {"name": env._("No VAT charged (exempt)"), "note": False},
            "tax": {
                "name": env._("0% EXEMPT S (no VAT charged)"),
                "invoice_label": env._("VAT 0%"),
                "invoice_legal_notes": Markup("<p>%s</p>") % exempt_note,
            },
        },
        "arcep": {
            "position": {
                "name": env._("Self-assessed VAT – telecom operators (Arcep)"),
                "note": False,
            },
            "tax": {
                "name": env._("0% SELF-ASSESSED S (Arcep)"),
                "invoice_label": env._("Self-assessed VAT"),
                "invoice_legal_notes": Markup("<p>%s</p>") % arcep_note,
            },
        },
    }


class ResCompany(models.Model):
    _inherit = "res.company"

    def _softwhere_ref(self, name):
        """A per-company record of ours (``softwhere_billing.<company>_<name>``)."""
        self.ensure_one()
        return self.env.ref(f"{MODULE}.{self.id}_{name}", raise_if_not_found=False)

    def _softwhere_family_ref(self, name):
        """A per-company record of ours, the company's or else its nearest parent's.

        A branch shares its parents' taxes: it uses their fiscal positions too.
        """
        self.ensure_one()
        for company in self.parent_ids[::-1]:
            record = company._softwhere_ref(name)
            if record:
                return record
        return None

    def _softwhere_chart_ref(self, name):
        """A record of the company's chart of accounts, looked up in its parents too."""
        self.ensure_one()
        for company in self.parent_ids[::-1]:
            record = self.env.ref(
                f"account.{company.id}_{name}", raise_if_not_found=False
            )
            if record:
                return record
        return None

    def _softwhere_default_sale_tax(self):
        """The VAT of a new billing site: the French 20 % on services.

        Without the French chart, the company's default sale tax.
        """
        self.ensure_one()
        tax = self._softwhere_chart_ref(FR_SERVICE_TAX)
        if tax and tax.active:
            return tax
        return self.account_sale_tax_id

    def _softwhere_sale_tax_for_rate(self, rate):
        """The company's sale VAT on services at ``rate`` % (Cfast ``vatRate``).

        20 % is the site's default; another rate is the company's active sale
        tax of that rate, on payments (services) first; an empty recordset when
        the company has none. 0 % keeps the default: a customer not charged VAT
        or self-assessing it (Arcep) gets it through the site's fiscal position,
        which carries the legal mention.
        """
        self.ensure_one()
        default = self._softwhere_default_sale_tax()
        if not rate or (default and abs(default.amount - rate) < 0.001):
            return default
        Tax = self.env["account.tax"].sudo().with_context(active_test=False)
        taxes = Tax.search(
            [
                *Tax._check_company_domain(self),
                ("type_tax_use", "=", "sale"),
                ("amount_type", "=", "percent"),
                ("amount", "=", rate),
            ]
        ).filtered(lambda tax: not tax.price_include)
        tax = taxes.sorted(
            lambda t: (
                not t.active,
                t.tax_exigibility != "on_payment",
                t.sequence,
                t.id,
            )
        )[:1]
        if tax and not tax.active:
            # The French chart ships its reduced rates archived: a site that
            # needs one brings it into use.
            tax.active = True
        return self.env["account.tax"].browse(tax.ids)

    def _softwhere_fiscal_position(self, kind):
        """The company's fiscal position of this kind (``exempt``, ``arcep``).

        Made with the chart of accounts, or here the first time it is needed;
        empty when the company has no sale tax to map.
        """
        self.ensure_one()
        position = self._softwhere_family_ref(f"fiscal_position_{kind}")
        if not position:
            self._softwhere_setup_billing_taxes()
            position = self._softwhere_family_ref(f"fiscal_position_{kind}")
        return position or self.env["account.fiscal.position"]

    def _softwhere_setup_billing_taxes(self):
        """The billing fiscal positions and their 0 % taxes, once per company.

        - exempt (the customer's “Charge VAT” off): 20 % → 0 % with the legal
          note of article 259-1 of the CGI (editable on the tax: it depends on
          why the customer is not charged VAT);
        - Arcep (self-assessed VAT between telecom operators): 20 % on services
          → 0 % with the legal note of article 283-2 octies of the CGI.

        In Odoo 19 a fiscal position maps a tax through the replacing tax
        (``fiscal_position_ids`` and ``original_tax_ids``): each position gets
        its own 0 % tax, so the domestic positions keep their 20 %.

        A branch uses its parents' positions, as it uses their taxes: parents
        come first, and a company whose family already has them makes none.
        Loaded again, the chart finds the positions and taxes it made.
        """
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        for company in self.sudo().sorted(lambda c: (len(c.parent_ids), c.id)):
            service_tax = company._softwhere_default_sale_tax()
            if not service_tax:
                continue
            sources = {
                "exempt": service_tax | company.account_sale_tax_id,
                "arcep": service_tax,
            }
            for kind in FISCAL_POSITION_KINDS:
                if company._softwhere_family_ref(f"fiscal_position_{kind}"):
                    continue
                company._softwhere_make_fiscal_position(kind, sources[kind], langs)

    def _softwhere_make_fiscal_position(self, kind, sources, langs):
        self.ensure_one()
        env = self.env(context=dict(self.env.context, lang="en_US", active_test=False))
        texts = _texts(env)[kind]
        # Made before, and its external id lost: found by name in the company.
        position = env["account.fiscal.position"].search(
            [("company_id", "=", self.id), ("name", "=", texts["position"]["name"])],
            limit=1,
        ) or env["account.fiscal.position"].create(
            {
                **texts["position"],
                "company_id": self.id,
                "auto_apply": False,
                "sequence": 90,
            }
        )
        tax = env["account.tax"].search(
            [
                ("company_id", "=", self.id),
                ("name", "=", texts["tax"]["name"]),
                ("type_tax_use", "=", "sale"),
            ],
            limit=1,
        )
        links = {
            "fiscal_position_ids": [Command.set(position.ids)],
            "original_tax_ids": [Command.set(sources.ids)],
        }
        # Tax names are unique in a family of companies: another company of
        # the family with its own 0 % tax of ours makes this one's name say
        # which company it is for.
        suffix = "" if tax else self._softwhere_tax_name_suffix(texts["tax"]["name"])
        if tax:
            tax.write({**links, **EDI_TAX_CODES[kind]})
        else:
            tax_values = {
                **texts["tax"],
                **links,
                **EDI_TAX_CODES[kind],
                "name": texts["tax"]["name"] + suffix,
                "description": False,
                "sequence": 90,
            }
            model = self._softwhere_chart_ref(FR_SERVICE_EXEMPT_TAX)
            if model:
                tax = model.with_env(env).copy(
                    {**tax_values, "active": True, "company_id": self.id}
                )
            else:
                source = sources[:1]
                tax = env["account.tax"].create(
                    {
                        **tax_values,
                        "amount": 0.0,
                        "amount_type": "percent",
                        "type_tax_use": "sale",
                        "tax_scope": "service",
                        "company_id": self.id,
                        "tax_group_id": source.tax_group_id.id,
                        "country_id": source.country_id.id,
                    }
                )
        for lang in langs:
            if lang == "en_US":
                continue
            translated = _texts(self.env(context=dict(self.env.context, lang=lang)))
            tax_texts = dict(translated[kind]["tax"])
            tax_texts["name"] += suffix
            position.with_context(lang=lang).write(translated[kind]["position"])
            tax.with_context(lang=lang).write(tax_texts)
        self._softwhere_forget_refs(
            [f"fiscal_position_{kind}", f"tax_{kind}"],
        )
        self.env["ir.model.data"].sudo().create(
            [
                {
                    "module": MODULE,
                    "name": f"{self.id}_fiscal_position_{kind}",
                    "model": position._name,
                    "res_id": position.id,
                    "noupdate": True,
                },
                {
                    "module": MODULE,
                    "name": f"{self.id}_tax_{kind}",
                    "model": tax._name,
                    "res_id": tax.id,
                    "noupdate": True,
                },
            ]
        )
        return position

    def _softwhere_tax_name_suffix(self, name):
        """`` (<company>)`` when a tax of the company's family has ``name``."""
        self.ensure_one()
        clash = (
            self.env["account.tax"]
            .with_context(active_test=False)
            .search_count(
                [
                    ("company_id", "child_of", self.root_id.id),
                    ("name", "=", name),
                    ("type_tax_use", "=", "sale"),
                ],
                limit=1,
            )
        )
        return f" ({self.name})" if clash else ""

    def _softwhere_forget_refs(self, names):
        """Drop the company's external ids of ours left without their record."""
        self.ensure_one()
        self.env["ir.model.data"].sudo().search(
            [("module", "=", MODULE), ("name", "in", [f"{self.id}_{n}" for n in names])]
        ).unlink()

    def _softwhere_sepa_payment_mode(self):
        """The company's “SEPA direct debit” payment mode, made when missing.

        The main company's comes with the addon's data; another company gets a
        copy. It is tied to the company's bank journal that has a bank account
        (fixed), or else offers all its bank journals (variable).
        """
        self.ensure_one()
        Mode = self.env["account.payment.mode"]
        mode = self.env.ref(SEPA_PAYMENT_MODE, raise_if_not_found=False)
        if not mode or mode.sudo().company_id != self:
            mode = self._softwhere_ref("account_payment_mode_sepa_direct_debit")
        if not mode:
            mode = self._softwhere_make_sepa_payment_mode()
        mode = mode.sudo()
        if not mode.fixed_journal_id and not mode.variable_journal_ids:
            self._softwhere_link_sepa_journals(mode)
        return Mode.browse(mode.id)

    def _softwhere_make_sepa_payment_mode(self):
        self.ensure_one()
        model = self.env.ref(SEPA_PAYMENT_MODE, raise_if_not_found=False)
        values = {
            "company_id": self.id,
            "bank_account_link": "variable",
            "fixed_journal_id": False,
            "variable_journal_ids": [Command.clear()],
            "default_journal_ids": [
                Command.set(
                    self.env["account.journal"]
                    .sudo()
                    .search([("company_id", "=", self.id), ("type", "=", "sale")])
                    .ids
                )
            ],
        }
        if model:
            mode = model.sudo().copy(values)
        else:
            mode = (
                self.env["account.payment.mode"]
                .sudo()
                .with_context(lang="en_US")
                .create(
                    {
                        **values,
                        "name": "SEPA direct debit",
                        "payment_method_id": self.env.ref(
                            "account_banking_sepa_direct_debit.sepa_direct_debit"
                        ).id,
                    }
                )
            )
        self.env["ir.model.data"].sudo().create(
            {
                "module": MODULE,
                "name": f"{self.id}_account_payment_mode_sepa_direct_debit",
                "model": mode._name,
                "res_id": mode.id,
                "noupdate": True,
            }
        )
        return mode

    def _softwhere_link_sepa_journals(self, mode):
        """Give a SEPA mode without journal the company's bank journals."""
        self.ensure_one()
        journals = (
            self.env["account.journal"]
            .sudo()
            .search([("company_id", "=", self.id), ("type", "=", "bank")])
        )
        method = mode.payment_method_id
        for journal in journals:
            if method not in journal.inbound_payment_method_line_ids.payment_method_id:
                journal.inbound_payment_method_line_ids = [
                    Command.create({"payment_method_id": method.id})
                ]
        with_account = journals.filtered("bank_account_id")[:1]
        if with_account:
            mode.write(
                {"bank_account_link": "fixed", "fixed_journal_id": with_account.id}
            )
        elif journals:
            mode.write({"variable_journal_ids": [Command.set(journals.ids)]})
