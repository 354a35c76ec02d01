# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A billing site's SEPA mandate: shown on the site, stored the OCA way
(``account_banking_mandate``), checked and written in batches."""

from dataclasses import dataclass
from datetime import date

from stdnum import iban as std_iban

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.softwhere_client.orm import changed_values

from softwhere_lib import sepa as sw_sepa

#: The mandate as the site's form shows it; stored the OCA way.
MANDATE_INPUTS = (
    "mandate_partner_id",
    "mandate_signature_date",
    "mandate_iban",
    "mandate_bic",
    "mandate_rum",
)
MANDATE_FIELDS = {
    "IBAN": "mandate_iban",
    "BIC": "mandate_bic",
    "RUM": "mandate_rum",
}


@dataclass(frozen=True)
class MandatePlan:
    """A site's mandate as checked, waiting to be written."""

    site: models.BaseModel
    holder: models.BaseModel
    iban: str
    bic: str
    rum: str
    new_rum: bool
    signature_date: date | None
    renew: bool


class SoftwhereBillingSiteMandate(models.Model):
    _inherit = "softwhere.billing.site"

    mandate_id = fields.Many2one(
        "account.banking.mandate",
        readonly=True,
        copy=False,
        tracking=True,
        check_company=True,
        index="btree_not_null",
        ondelete="set null",
    )
    mandate_partner_id = fields.Many2one(
        "res.partner",
        string="Account holder",
        compute="_compute_mandate_fields",
        inverse="_inverse_mandate_fields",
        help="Who signed the mandate and holds the account: the customer unless "
        "another partner is given.",
    )
    mandate_signature_date = fields.Date(
        string="Signature date",
        compute="_compute_mandate_fields",
        inverse="_inverse_mandate_fields",
    )
    mandate_iban = fields.Char(
        string="IBAN",
        compute="_compute_mandate_fields",
        inverse="_inverse_mandate_fields",
    )
    mandate_bic = fields.Char(
        string="BIC",
        compute="_compute_mandate_fields",
        inverse="_inverse_mandate_fields",
    )
    mandate_rum = fields.Char(
        string="RUM",
        compute="_compute_mandate_fields",
        inverse="_inverse_mandate_fields",
        help="Unique mandate reference. Kept when given, numbered otherwise.",
    )
    mandate_state = fields.Selection(
        related="mandate_id.state", string="Mandate status", store=True
    )

    # -- computes --------------------------------------------------------------------
    @api.depends(
        "partner_id",
        "mandate_id.partner_id",
        "mandate_id.signature_date",
        "mandate_id.unique_mandate_reference",
        "mandate_id.partner_bank_id.acc_number",
        "mandate_id.partner_bank_id.bank_id.bic",
    )
    def _compute_mandate_fields(self):
        for site in self:
            mandate = site.mandate_id
            account = mandate.partner_bank_id
            site.mandate_partner_id = mandate.partner_id or site.partner_id
            site.mandate_signature_date = mandate.signature_date
            site.mandate_iban = (
                std_iban.format(account.acc_number) if account.acc_number else False
            )
            site.mandate_bic = account.bank_id.bic or False
            site.mandate_rum = mandate.unique_mandate_reference or False

    # -- constraints -----------------------------------------------------------------
    @api.constrains("payment_mode_id", "mandate_id", "mandate_state")
    def _check_payment_mode_mandate(self):
        for site in self:
            if (
                site.payment_mode_id.payment_method_id.mandate_required
                and site.mandate_state != "valid"
            ):
                raise ValidationError(
                    self.env._(
                        "%(site)s: the field “%(field)s” is “%(mode)s”, which "
                        "needs a valid SEPA mandate on the site.",
                        site=site.display_name,
                        field=site._field_label("payment_mode_id"),
                        mode=site.payment_mode_id.display_name,
                    )
                )

    # -- CRUD ------------------------------------------------------------------------
    def write(self, vals):
        sites = self
        if any(name in vals for name in MANDATE_INPUTS):
            # The inverse sees the fields written; the others are the mandate's.
            given = {
                site.id: {
                    **site._mandate_form_values(),
                    **{name: vals[name] for name in MANDATE_INPUTS if name in vals},
                }
                for site in self
            }
            sites = self.with_context(softwhere_mandate_values=given)
        return super(SoftwhereBillingSiteMandate, sites).write(vals)

    # -- the mandate written ---------------------------------------------------------
    def _inverse_mandate_fields(self):
        # Checked site by site (an error names its site), then written for all
        # the sites at once: an import creates thousands of mandates.
        plans = [plan for site in self if (plan := site._prepare_mandate())]
        self._apply_mandates(plans)
        # Protected during the inverse: read again from the mandate.
        self.invalidate_recordset(
            [
                "mandate_partner_id",
                "mandate_signature_date",
                "mandate_iban",
                "mandate_bic",
                "mandate_rum",
            ]
        )

    def _mandate_form_values(self):
        """The mandate fields as the form shows them, read from the mandate."""
        self.ensure_one()
        mandate = self.mandate_id
        account = mandate.partner_bank_id
        return {
            "mandate_partner_id": (mandate.partner_id or self.partner_id).id,
            "mandate_signature_date": mandate.signature_date,
            "mandate_iban": account.acc_number or False,
            "mandate_bic": account.bank_id.bic or False,
            "mandate_rum": mandate.unique_mandate_reference or False,
        }

    def _prepare_mandate(self):
        """Check the mandate fields of the form; returns what ``_apply_mandates``
        writes to OCA's mandate and bank account, or None when the site has no
        mandate (one removed is cancelled here)."""
        self.ensure_one()
        given = self.env.context.get("softwhere_mandate_values", {}).get(self.id)
        if given is None:  # at creation: what was given, nothing else
            given = {name: self[name] for name in MANDATE_INPUTS}
            given["mandate_partner_id"] = given["mandate_partner_id"].id
        iban = (given["mandate_iban"] or "").strip()
        bic = (given["mandate_bic"] or "").strip()
        rum = given["mandate_rum"] or ""
        signature_date = fields.Date.to_date(given["mandate_signature_date"])
        holder = self.env["res.partner"].browse(given["mandate_partner_id"])
        mandate = self.mandate_id
        if not iban and not bic:
            if mandate:
                # The account details were removed: the site has no mandate any more.
                if mandate.state in ("draft", "valid"):
                    mandate.cancel()
                self.mandate_id = False
                mode = self._payment_mode_for_mandate()
                if mode != self.payment_mode_id:
                    self.payment_mode_id = mode
            return None
        for field_name, value in (("mandate_iban", iban), ("mandate_bic", bic)):
            if not value:
                raise ValidationError(
                    self.env._(
                        "%(site)s: the field “%(field)s” is required for a SEPA "
                        "mandate.",
                        site=self.display_name,
                        field=self._field_label(field_name),
                    )
                )
        try:
            checked = sw_sepa.check_mandate(iban, bic, rum)
        except sw_sepa.MandateError as error:
            field_name = MANDATE_FIELDS.get(error.field, "mandate_iban")
            reason = str(error).removeprefix(f"{error.field} : ")
            raise ValidationError(
                self.env._(
                    "%(site)s: the field “%(field)s” is not valid: %(reason)s.",
                    site=self.display_name,
                    field=self._field_label(field_name),
                    reason=reason,
                )
            ) from None
        if signature_date and signature_date > fields.Date.context_today(self):
            raise ValidationError(
                self.env._(
                    "%(site)s: the field “%(field)s” cannot be in the future.",
                    site=self.display_name,
                    field=self._field_label("mandate_signature_date"),
                )
            )
        renew = not mandate or mandate.state in ("cancel", "expired")
        if not renew and mandate.state == "valid" and not signature_date:
            raise ValidationError(
                self.env._(
                    "%(site)s: the field “%(field)s” is required for a valid mandate.",
                    site=self.display_name,
                    field=self._field_label("mandate_signature_date"),
                )
            )
        rum = checked.rum
        if renew and mandate and rum == mandate.unique_mandate_reference:
            rum = ""  # a new mandate takes a new reference
        return MandatePlan(
            site=self,
            holder=holder or self.partner_id,
            iban=checked.iban,
            bic=checked.bic,
            rum=rum,
            new_rum=bool(rum) and (renew or rum != mandate.unique_mandate_reference),
            signature_date=signature_date,
            renew=renew,
        )

    def _apply_mandates(self, plans):
        """Write the checked mandates: bank accounts, then mandates, in batches."""
        if not plans:
            return
        self._check_rums_available([plan for plan in plans if plan.new_rum])
        accounts = self._mandate_bank_accounts(
            [(plan.holder, plan.iban, plan.bic) for plan in plans]
        )
        renewed = []
        for plan in plans:
            account = accounts[plan.holder.id, plan.iban]
            values = {
                "partner_bank_id": account.id,
                "signature_date": plan.signature_date,
            }
            if plan.rum:
                values["unique_mandate_reference"] = plan.rum
            if plan.renew:
                values.update(
                    format="sepa",
                    type="recurrent",
                    recurrent_sequence_type="first",
                    scheme="CORE",
                    company_id=plan.site.company_id.id,
                    state="valid" if plan.signature_date else "draft",
                )
                renewed.append((plan.site, values))
            else:
                plan.site._update_mandate(
                    plan.site.mandate_id, account, values, plan.signature_date
                )
        mandates = self.env["account.banking.mandate"].create(
            [values for _site, values in renewed]
        )
        for (site, _values), mandate in zip(renewed, mandates, strict=True):
            site.mandate_id = mandate
        for plan in plans:
            # At creation the payment mode is protected from recomputation.
            mode = plan.site._payment_mode_for_mandate()
            if mode != plan.site.payment_mode_id:
                plan.site.payment_mode_id = mode

    def _update_mandate(self, mandate, account, values, signature_date):
        if account != mandate.partner_bank_id and mandate.type == "recurrent":
            # A new debtor account: the next debit is a first one (SEPA rules).
            values["recurrent_sequence_type"] = "first"
        if mandate.state == "draft" and signature_date:
            values["state"] = "valid"
        changed = changed_values(mandate, values)
        if changed:
            mandate.write(changed)

    @api.model
    def _check_rums_available(self, plans):
        """Refuse a mandate reference another mandate of the company has, or
        that two of the sites are given."""
        if not plans:
            return
        others = (
            self.env["account.banking.mandate"]
            .sudo()
            .search(
                [
                    ("unique_mandate_reference", "in", [plan.rum for plan in plans]),
                    ("company_id", "in", [plan.site.company_id.id for plan in plans]),
                ]
            )
        )
        holders = {
            (mandate.unique_mandate_reference, mandate.company_id.id): (
                mandate.id,
                mandate.partner_id,
            )
            for mandate in others
        }
        for plan in plans:
            key = (plan.rum, plan.site.company_id.id)
            mandate_id, holder = holders.get(key, (None, None))
            if holder is not None and mandate_id != plan.site.mandate_id.id:
                raise ValidationError(
                    self.env._(
                        "%(site)s: the field “%(field)s” (%(rum)s) is already the "
                        "reference of the mandate of %(holder)s.",
                        site=plan.site.display_name,
                        field=plan.site._field_label("mandate_rum"),
                        rum=plan.rum,
                        holder=holder.display_name,
                    )
                )
            # Taken by this site from now on: another site of the batch given
            # the same reference is refused.
            holders[key] = (None, plan.holder)

    @api.model
    def _mandate_bank_accounts(self, wanted):
        """{(holder id, IBAN): bank account} of the holders' accounts of these
        (holder, IBAN, BIC), those missing created in one batch."""
        banks = {bic: self._bank_of_bic(bic) for bic in {bic for *_x, bic in wanted}}
        # Bank accounts are an accounting matter in Odoo; these were checked by
        # ``_prepare_mandate`` and are only debited from: the site's users may
        # record them.
        Account = self.env["res.partner.bank"].sudo().with_context(active_test=False)
        found = Account.search(
            [
                ("sanitized_acc_number", "in", list({iban for _h, iban, _b in wanted})),
                ("partner_id", "in", list({holder.id for holder, *_x in wanted})),
            ],
            order="id",
        )
        accounts = {}
        for account in found:
            accounts.setdefault(
                (account.partner_id.id, account.sanitized_acc_number), account
            )
        missing = {}
        for holder, iban, bic in wanted:
            key = (holder.id, iban)
            account = accounts.get(key)
            if account is None:
                missing.setdefault(
                    key,
                    {
                        "acc_number": std_iban.format(iban),
                        "partner_id": holder.id,
                        "bank_id": banks[bic].id,
                    },
                )
                continue
            values = {}
            if account.bank_id != banks[bic]:
                values["bank_id"] = banks[bic].id
            if not account.active:
                values["active"] = True
            if values:
                account.write(values)
        created = Account.create(list(missing.values()))
        accounts.update(zip(missing, created, strict=True))
        return accounts

    @api.model
    def _bank_of_bic(self, bic):
        """The bank of this BIC (11 characters), created when missing."""
        Bank = self.env["res.bank"].sudo()
        bank = Bank.search([("bic", "in", [bic, bic[:8]])], limit=1)
        if not bank:
            country = self.env["res.country"].search([("code", "=", bic[4:6])], limit=1)
            bank = Bank.create({"name": bic, "bic": bic, "country": country.id})
        return bank
