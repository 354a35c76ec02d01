# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.partner_firstname.models.res_partner import (
    ResPartner as FirstnamePartner,
)

from softwhere_lib import phone as sw_phone

from ..keys import BATCH_CREATE, MANAGER_GROUP, VAT_CHECKS
from ..orm import check_company_by_sample

CUSTOMER_TYPES = [
    ("company", "Company"),
    ("liberal_profession", "Liberal profession"),
    ("individual", "Individual"),
    ("public_body", "Public body"),
]
PARTNER_TYPES = [
    ("client", "Customer"),
    ("prospect", "Prospect"),
    ("supplier", "Supplier"),
    ("business_provider", "Business provider"),
    ("partner", "Partner"),
]
CUSTOMER_STATUSES = [
    ("awaiting_signature", "Awaiting signature"),
    ("signed", "Signed"),
    ("active_compliant", "Active – compliant"),
    ("obsolete", "Obsolete"),
    ("terminated", "Terminated"),
]
CIVILITIES = [
    ("mrs", "Mrs"),
    ("mr", "Mr"),
    ("dr", "Dr"),
    ("me", "Maître"),
]
#: The phone fields normalised to E.164 on customer accounts and their contacts.
PHONE_FIELDS = ("phone", "direct_phone", "mobile")
#: Which lifecycle buttons lead where, from where.
STATUS_TRANSITIONS = {
    "signed": ("awaiting_signature",),
    "active_compliant": ("awaiting_signature", "signed"),
    "terminated": ("awaiting_signature", "signed", "active_compliant"),
    "obsolete": ("awaiting_signature", "signed", "active_compliant", "terminated"),
    "awaiting_signature": ("obsolete", "terminated"),
}
SEQUENCE_CODE = "softwhere.customer.reference"


def reference_key(reference):
    """Billing accounts compare without case and surrounding spaces."""
    return (reference or "").strip().upper()


def batch_firstname_create():
    """Let OCA ``partner_firstname`` create a batch in one call, on demand.

    Its ``create`` calls the base ``create`` once per record, only to drop
    ``default_name`` from the context of each call; that alone makes a batch of
    companies about five times slower. With ``BATCH_CREATE`` in the context and
    no ``default_name`` (so every record would get the same context), the
    wrapper below splits the names exactly as the OCA loop does, then makes one
    call for the whole batch. It runs at the OCA method's own place in the MRO,
    so every other ``create`` override still runs. Without the key, the OCA
    method runs unchanged. Installed once per process when this file is
    imported (a ``post_load`` hook would be skipped when the addon's package
    was imported before the registry, as a script may do).
    """
    original = FirstnamePartner.create
    if getattr(original, "_softwhere_batch", False):
        return

    @api.model_create_multi
    def create(self, vals_list):
        context = self.env.context
        if not context.get(BATCH_CREATE) or "default_name" in context:
            return original(self, vals_list)
        for vals in vals_list:
            # The body of the OCA loop, for a context without default_name.
            is_company = vals.get("company_type") == "company"
            if not is_company and self.name_fields_in_vals(vals) and "name" in vals:
                del vals["name"]
            elif vals.get("name") is not None:
                inverted = self._get_inverse_name(
                    self._get_whitespace_cleaned_name(vals["name"]), is_company
                )
                vals.update(inverted)
                del vals["name"]
        return super(FirstnamePartner, self).create(vals_list)

    create._softwhere_batch = True
    FirstnamePartner.create = create


batch_firstname_create()


class ResPartner(models.Model):
    _inherit = "res.partner"

    # -- Compte client (Cfast 1000) -------------------------------------------------
    is_customer_account = fields.Boolean(
        string="Customer account",
        index=True,
        copy=False,
        help="A customer of the reseller: it gets a billing account number, "
        "a status and the customer fields of Cfast and BlueRockTEL.",
    )
    customer_reference = fields.Char(
        string="Customer billing account",
        copy=False,
        tracking=True,
        help="Cfast customerReference, BlueRockTEL customerAccount. "
        "Given by the CL0001 sequence when left empty.",
    )
    accounts_reference = fields.Char(
        string="Accounting reference",
        copy=False,
        help="BlueRockTEL accountsReference: the customer's account in the "
        "accounting exports, when it differs from the billing account.",
    )
    trade_name = fields.Char(
        string="Trade name", help="The name the customer trades under (Enseigne)."
    )
    customer_type = fields.Selection(
        CUSTOMER_TYPES,
        string="Customer type",
        default="company",
        index=True,
        tracking=True,
    )
    softwhere_partner_type = fields.Selection(
        PARTNER_TYPES, string="Partner type", default="client", index=True
    )
    customer_status = fields.Selection(
        CUSTOMER_STATUSES,
        string="Customer status",
        default="awaiting_signature",
        index=True,
        tracking=True,
        copy=False,
    )
    termination_date = fields.Date(string="Termination date", copy=False, tracking=True)
    white_label_id = fields.Many2one(
        "softwhere.white.label",
        string="White label",
        default=lambda self: self._default_white_label(),
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    # -- Commercial (business provider) ---------------------------------------------
    is_business_provider = fields.Boolean(
        string="Is a business provider",
        help="Brings customers in return for a commission on what they are billed.",
    )
    provider_commission_rate = fields.Float(
        string="Standard commission (%)",
        digits=(5, 2),
        help="The commission this business provider gets by default.",
    )
    business_provider_id = fields.Many2one(
        "res.partner",
        string="Business provider",
        domain=[("is_business_provider", "=", True)],
        index="btree_not_null",
        tracking=True,
        ondelete="restrict",
    )
    commission_rate = fields.Float(
        string="Commission (%)",
        digits=(5, 2),
        compute="_compute_commission_rate",
        store=True,
        readonly=False,
        tracking=True,
        help="Share of what this customer is billed paid to its business provider.",
    )
    # -- BlueRockTEL columns ----------------------------------------------------------
    legal_form = fields.Char(
        string="Company type",
        help="Legal form: SARL, SAS, EI, association…",
    )
    softwhere_capital = fields.Float(string="Share capital", digits=(16, 2))
    is_reseller = fields.Boolean(string="Reseller")
    reseller_level = fields.Integer(
        string="Reseller level",
        compute="_compute_reseller_level",
        store=True,
        readonly=False,
    )
    charge_vat = fields.Boolean(
        string="Charge VAT",
        default=True,
        help="Off for a customer billed without VAT (e.g. established in "
        "another EU country).",
    )
    vat_auto_reverse = fields.Boolean(
        string="Self-assessed VAT (Arcep operator)",
        help="Both the reseller and this customer are operators declared to "
        "Arcep: telecom services are invoiced without VAT, the customer "
        "self-assesses it (article 283-2 octies of the French tax code).",
    )
    on_call_duty = fields.Boolean(string="On-call duty contract")
    softwhere_vip = fields.Boolean(string="VIP", tracking=True)
    # -- Contacts ------------------------------------------------------------------
    softwhere_civility = fields.Selection(CIVILITIES, string="Civility")
    direct_phone = fields.Char()
    mobile = fields.Char()

    _customer_reference_unique = models.UniqueIndex(
        "(COALESCE(company_id, 0), UPPER(TRIM(customer_reference))) "
        "WHERE customer_reference IS NOT NULL",
        "Another customer account already has this billing account number.",
    )
    _customer_status_index = models.Index(
        "(customer_status, white_label_id) WHERE is_customer_account"
    )

    @api.model
    def _default_white_label(self):
        # Defaults are computed once per record: no ``exists()`` query each time
        # (env.ref makes one), the cached id only.
        label_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "softwhere_client.white_label_actif_telecom", raise_if_not_found=False
        )
        return self.env["softwhere.white.label"].browse(label_id)

    @api.model
    def _run_vat_checks(self, country, vat, partner_name="", validation="error"):
        """Check each VAT number once per import, not three times.

        base_vat's check (the inverse of ``vat``) and account_edi_ubl_cii's two
        Peppol computes each call this for every new partner, and each call
        searches the EU country group: during a BlueRockTEL import (which puts
        ``VAT_CHECKS`` in the cursor's cache) a number already checked gives the
        same answer. Only successes are kept; a number checked with
        ``validation="error"`` serves the calls without validation too.
        """
        memo = self.env.cr.cache.get(VAT_CHECKS)
        if (
            memo is None
            or not country
            or not vat
            or validation
            not in (
                "error",
                False,
                None,
            )
        ):
            return super()._run_vat_checks(country, vat, partner_name, validation)
        unvalidated = bool(self.env.context.get("no_vat_validation"))
        key = (country.id, vat, unvalidated)
        known = memo.get(key)
        if known and (known[1] or not validation):
            return known[0]
        result = super()._run_vat_checks(country, vat, partner_name, validation)
        memo[key] = (result, bool(validation) and not unvalidated)
        return result

    @api.depends("business_provider_id")
    def _compute_commission_rate(self):
        for partner in self:
            partner.commission_rate = (
                partner.business_provider_id.provider_commission_rate
            )

    @api.depends("is_reseller")
    def _compute_reseller_level(self):
        for partner in self:
            if not partner.is_reseller:
                partner.reseller_level = 0
            elif partner.reseller_level < 1:
                partner.reseller_level = 1

    # -- constraints -----------------------------------------------------------------
    @api.constrains("commission_rate", "provider_commission_rate")
    def _check_commission_rate(self):
        for partner in self:
            for field_name in ("commission_rate", "provider_commission_rate"):
                rate = partner[field_name]
                if not 0 <= rate <= 100:
                    raise ValidationError(
                        self.env._(
                            "%(partner)s: the field “%(field)s” must be between 0 "
                            "and 100 (%(rate)s given).",
                            partner=partner.display_name,
                            field=partner._field_label(field_name),
                            rate=rate,
                        )
                    )

    @api.constrains("is_reseller", "reseller_level")
    def _check_reseller_level(self):
        for partner in self:
            if partner.is_reseller and partner.reseller_level < 1:
                raise ValidationError(
                    self.env._(
                        "%(partner)s: the field “%(field)s” must be at least 1 for "
                        "a reseller (%(level)s given).",
                        partner=partner.display_name,
                        field=partner._field_label("reseller_level"),
                        level=partner.reseller_level,
                    )
                )
            if not partner.is_reseller and partner.reseller_level:
                raise ValidationError(
                    self.env._(
                        "%(partner)s: the field “%(field)s” is set (%(level)s) but "
                        "the customer is not a reseller.",
                        partner=partner.display_name,
                        field=partner._field_label("reseller_level"),
                        level=partner.reseller_level,
                    )
                )

    @api.constrains("softwhere_capital")
    def _check_capital(self):
        for partner in self:
            if partner.softwhere_capital < 0:
                raise ValidationError(
                    self.env._(
                        "%(partner)s: the field “%(field)s” cannot be negative.",
                        partner=partner.display_name,
                        field=partner._field_label("softwhere_capital"),
                    )
                )

    def _check_references_available(self, entries):
        """Refuse billing accounts already used, before the database does.

        ``entries``: (reference, company id, partner name, partner id or None).
        The unique index guards the database; this names the other customer.
        """
        entries = [e for e in entries if e[0]]
        if not entries:
            return
        seen = {}
        for reference, company_id, name, _partner_id in entries:
            key = (reference_key(reference), company_id or 0)
            if key in seen:
                self._raise_reference_taken(name, reference, seen[key])
            seen[key] = name
        self.flush_model(["customer_reference", "company_id"])
        # Compared as the unique index on UPPER(TRIM()) does, which no domain
        # operator can; past record rules and archiving. One query a batch.
        self.env.cr.execute(
            """
            SELECT UPPER(TRIM(customer_reference)), COALESCE(company_id, 0), id
              FROM res_partner
             WHERE UPPER(TRIM(customer_reference)) IN %s
            """,
            [tuple({reference_key(e[0]) for e in entries})],
        )
        taken = {(ref, company): pid for ref, company, pid in self.env.cr.fetchall()}
        for reference, company_id, name, partner_id in entries:
            other_id = taken.get((reference_key(reference), company_id or 0))
            if other_id and other_id != partner_id:
                other = self.browse(other_id).with_context(active_test=False)
                self._raise_reference_taken(name, reference, other.display_name)

    def _raise_reference_taken(self, name, reference, other_name):
        raise ValidationError(
            self.env._(
                "%(partner)s: the customer billing account “%(reference)s” is "
                "already the one of %(other)s.",
                partner=name,
                reference=reference,
                other=other_name,
            )
        )

    def _check_company(self, fnames=None):
        return check_company_by_sample(
            self,
            fnames,
            lambda partners: super(ResPartner, partners)._check_company(fnames),
        )

    def _field_label(self, field_name):
        return self._fields[field_name]._description_string(self.env)

    # -- CRUD --------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        defaults = None
        parent_ids = {vals["parent_id"] for vals in vals_list if vals.get("parent_id")}
        customer_parents = set(
            self.browse(parent_ids)
            .filtered(lambda p: p.commercial_partner_id.is_customer_account)
            .ids
        )
        needs_reference = []
        for vals in vals_list:
            if "is_customer_account" not in vals:
                if defaults is None:
                    defaults = self.default_get(["is_customer_account"])
                vals["is_customer_account"] = defaults.get("is_customer_account", False)
            is_customer = vals["is_customer_account"]
            if "customer_reference" in vals:
                vals["customer_reference"] = (vals["customer_reference"] or "").strip()
                vals["customer_reference"] = vals["customer_reference"] or False
            if is_customer:
                if not vals.get("customer_reference"):
                    needs_reference.append(vals)
                if not vals.get("country_id") and not vals.get("parent_id"):
                    vals["country_id"] = self.env.ref("base.fr").id
            if is_customer or vals.get("parent_id") in customer_parents:
                self._normalize_phones(vals, self._name_in_vals(vals))
        self._check_references_available(
            [
                (
                    vals.get("customer_reference"),
                    vals.get("company_id"),
                    self._name_in_vals(vals),
                    None,
                )
                for vals in vals_list
            ]
        )
        if needs_reference:
            given = {
                reference_key(vals["customer_reference"])
                for vals in vals_list
                if vals.get("customer_reference")
            }
            references = self._next_customer_references(
                len(needs_reference), reserved=given
            )
            for vals, reference in zip(needs_reference, references, strict=True):
                vals["customer_reference"] = reference
        return super().create(vals_list)

    @api.model
    def _name_in_vals(self, vals):
        """The partner's name in creation values, given whole or in parts."""
        if vals.get("name"):
            return vals["name"]
        parts = (vals.get("firstname"), vals.get("lastname"))
        return " ".join(part for part in parts if part)

    def write(self, vals):
        if "customer_reference" in vals or "company_id" in vals:
            if "customer_reference" in vals:
                vals = dict(
                    vals,
                    customer_reference=(vals["customer_reference"] or "").strip()
                    or False,
                )
            self._check_references_available(
                [
                    (
                        vals.get("customer_reference", partner.customer_reference),
                        vals.get("company_id", partner.company_id.id),
                        partner.display_name,
                        partner.id,
                    )
                    for partner in self
                ]
            )
        if any(name in vals for name in PHONE_FIELDS):
            checked = self.filtered(
                lambda p: (
                    p.commercial_partner_id.is_customer_account or p.is_customer_account
                )
            )
            if checked:
                normalized = dict(vals)
                self._normalize_phones(normalized, checked[0].display_name)
                if checked != self:
                    super(ResPartner, self - checked).write(vals)
                result = super(ResPartner, checked).write(normalized)
                self._assign_missing_references()
                return result
        result = super().write(vals)
        if vals.get("is_customer_account"):
            self._assign_missing_references()
        return result

    def _assign_missing_references(self):
        missing = self.filtered(
            lambda p: p.is_customer_account and not p.customer_reference
        )
        if missing:
            references = self._next_customer_references(len(missing))
            for partner, reference in zip(missing, references, strict=True):
                partner.customer_reference = reference

    @api.model
    def _normalize_phones(self, vals, partner_name):
        """Phones in E.164, or an error naming the partner and the field."""
        for field_name in PHONE_FIELDS:
            if not vals.get(field_name):
                continue
            try:
                vals[field_name] = sw_phone.e164(vals[field_name])
            except sw_phone.InvalidNumber as error:
                raise ValidationError(
                    self.env._(
                        "%(partner)s, field “%(field)s”: the number “%(number)s” is "
                        "not a possible phone number.",
                        partner=partner_name,
                        field=self._field_label(field_name),
                        number=vals[field_name],
                    )
                ) from error

    @api.model
    def _next_customer_references(self, count, reserved=()):
        """``count`` numbers from the CL0001 sequence, skipping those already taken.

        Numbers given by hand or imported (BlueRockTEL numbers its customers the
        same way) may already use the next values of the sequence; ``reserved``:
        keys (``reference_key``) given to other records of the same batch.
        """
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", SEQUENCE_CODE),
                    ("company_id", "in", [self.env.company.id, False]),
                ],
                order="company_id",
                limit=1,
            )
        )
        if not sequence:
            raise UserError(
                self.env._(
                    "The sequence of customer billing accounts (%s) is missing.",
                    SEQUENCE_CODE,
                )
            )
        references = []
        while len(references) < count:
            candidates = [sequence.next_by_id() for _ in range(count - len(references))]
            self.flush_model(["customer_reference"])
            # As the unique index compares references, in every company.
            self.env.cr.execute(
                "SELECT UPPER(TRIM(customer_reference)) FROM res_partner"
                " WHERE UPPER(TRIM(customer_reference)) IN %s",
                [tuple(reference_key(c) for c in candidates)],
            )
            taken = {row[0] for row in self.env.cr.fetchall()} | set(reserved)
            references += [c for c in candidates if reference_key(c) not in taken]
        return references

    @api.ondelete(at_uninstall=False)
    def _unlink_except_customer_account_by_user(self):
        accounts = self.filtered("is_customer_account")
        if accounts and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only a SoftWhere manager can delete the customer account "
                    "%(partner)s: archive it instead.",
                    partner=accounts[0].display_name,
                )
            )

    # -- lifecycle -----------------------------------------------------------------
    def _set_customer_status(self, status):
        for partner in self:
            if not partner.is_customer_account:
                raise UserError(
                    self.env._(
                        "%(partner)s is not a customer account.",
                        partner=partner.display_name,
                    )
                )
            if partner.customer_status not in STATUS_TRANSITIONS[status]:
                labels = dict(
                    self._fields["customer_status"]._description_selection(self.env)
                )
                raise UserError(
                    self.env._(
                        "%(partner)s: a customer account cannot go from “%(old)s” "
                        "to “%(new)s”.",
                        partner=partner.display_name,
                        old=labels[partner.customer_status],
                        new=labels[status],
                    )
                )
        values = {"customer_status": status}
        if status == "terminated":
            values["termination_date"] = fields.Date.context_today(self)
        elif status in ("awaiting_signature", "signed", "active_compliant"):
            values["termination_date"] = False
        self.write(values)
        return True

    def action_mark_signed(self):
        return self._set_customer_status("signed")

    def action_mark_active(self):
        return self._set_customer_status("active_compliant")

    def action_terminate(self):
        return self._set_customer_status("terminated")

    def action_mark_obsolete(self):
        return self._set_customer_status("obsolete")

    def action_reopen(self):
        return self._set_customer_status("awaiting_signature")
