# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cfast records (``softwhere_lib.cfast`` dataclasses) into the park, a page at a time.

The mappers turn a dataclass into ORM values; ``_upsert`` finds the Odoo record
through the backend's bindings (or adopts one holding the same Cfast id), writes
only what differs, creates the new ones in one batch and binds them. A page that
fails as a whole is done again record by record, so one bad record is reported
by its id and the others are kept.
"""

import logging
from collections import defaultdict

from psycopg2 import IntegrityError
from stdnum import iban as std_iban

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.softwhere_billing.keys import NO_DEFAULT_SITE
from odoo.addons.softwhere_client.keys import BATCH_CREATE, VAT_CHECKS
from odoo.addons.softwhere_client.orm import changed_values

from softwhere_lib import phone as sw_phone
from softwhere_lib.vocabulary import ENDED_LINE_ACTIVITIES

from .softwhere_cfast_binding import MODEL_OF_RESOURCE

_logger = logging.getLogger(__name__)

#: softwhere_lib's vocabulary keys → the keys of our selection fields.
CUSTOMER_TYPES = {
    "entreprise": "company",
    "profession_liberale": "liberal_profession",
    "particulier": "individual",
    "etablissement_public": "public_body",
}
CUSTOMER_STATUSES = {
    "actif_conforme": "active_compliant",
    "attente_signature": "awaiting_signature",
    "signe": "signed",
    "obsolete": "obsolete",
    "resilie": "terminated",
}
PARTNER_TYPES = {"client": "client", "prospect": "prospect", "fournisseur": "supplier"}
CIVILITIES = {"m": "mr", "mme": "mrs", "dr": "dr", "me": "me"}
#: The key of a customer's contacts in the mapped values (written apart).
CONTACTS = "softwhere_cfast_contacts"
#: A contact's phones: Cfast's attribute → the partner's field.
CONTACT_PHONES = {"phone": "phone", "direct_phone": "direct_phone", "mobile": "mobile"}
#: A line article's fields that make its history, as compared with Cfast's.
HISTORY_FIELDS = (
    "product_id",
    "label",
    "sale_price",
    "purchase_price",
    "date_start",
    "date_end",
    "quantity",
)
SITE_STATUSES = {"principale": "main", "agence": "agency", "autres": "other"}
LINE_ACTIVITIES = {
    "active": "active",
    "inactive": "inactive",
    "terminated": "terminated",
    "obsolete": "obsolete",
    "under_construction": "building",
}


class SkipRecord(Exception):
    """A Cfast record that cannot be imported now; the message says why (French)."""


class SoftwhereCfastImporter(models.AbstractModel):
    _name = "softwhere.cfast.importer"
    _description = "Cfast importer"

    # -- entry point -----------------------------------------------------------------
    @api.model
    def _import_records(self, backend, resource, records):
        """Import one page of ``resource``; returns (counts, messages)."""
        # Each VAT number checked once a page: base_vat and the Peppol computes
        # check it again for the customer and for each of its contacts.
        self.env.cr.cache.setdefault(VAT_CHECKS, {})
        try:
            return self._import_page(backend, resource, records)
        finally:
            self.env.cr.cache.pop(VAT_CHECKS, None)

    def _import_page(self, backend, resource, records):
        self = self.with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            **{NO_DEFAULT_SITE: True, BATCH_CREATE: True},
        )
        counts = {"created": 0, "updated": 0, "unchanged": 0, "error": 0}
        messages = []
        mapper = getattr(self, f"_map_{resource.replace('-', '_')}")
        prepared = mapper(backend, records, messages)
        ops = []
        for record, target, values in prepared:
            if isinstance(values, SkipRecord):
                counts["error"] += 1
                messages.append(str(values))
                continue
            ops.append((record, target, values))
        try:
            with self.env.cr.savepoint():
                self._apply(backend, resource, ops, counts)
        except (ValidationError, UserError, IntegrityError, ValueError) as error:
            _logger.info("Cfast %s page: record by record (%s)", resource, error)
            for key in ("created", "updated", "unchanged"):
                counts[key] = 0
            for op in ops:
                try:
                    with self.env.cr.savepoint():
                        self._apply(backend, resource, [op], counts)
                except (ValidationError, UserError, IntegrityError, ValueError) as err:
                    counts["error"] += 1
                    messages.append(
                        self.env._(
                            "Cfast %(resource)s %(id)s: %(error)s",
                            resource=resource,
                            id=op[0].external_id,
                            error=getattr(err, "args", [err])[0],
                        )
                    )
        return counts, messages

    def _apply(self, backend, resource, ops, counts):
        Model = self.env[MODEL_OF_RESOURCE[resource]]
        to_create = []
        new_contacts = []
        histories = {}
        if resource == "services":
            histories = self._histories_of_lines(
                [target.id for _record, target, _values in ops if target]
            )
        for record, target, values in ops:
            # A customer's contacts are written apart, in one batch per page.
            contacts = values.get(CONTACTS)
            values = {key: value for key, value in values.items() if key != CONTACTS}
            if target:
                changed = self._changed(target, values, histories.get(target.id, []))
                if changed:
                    target.write(changed)
                if contacts is not None:
                    created_contacts, contacts_changed = self._update_contacts(
                        target, contacts
                    )
                    new_contacts += created_contacts
                    changed = changed or contacts_changed or created_contacts
                counts["updated" if changed else "unchanged"] += 1
            else:
                to_create.append((record, values, contacts or ()))
        created = Model.create([values for _record, values, _contacts in to_create])
        counts["created"] += len(created)
        new_contacts += [
            dict(contact, parent_id=new.id)
            for (_record, _values, contacts), new in zip(
                to_create, created, strict=True
            )
            for contact in contacts
        ]
        self._create_contacts(new_contacts)
        now = fields.Datetime.now()
        self.env["softwhere.cfast.binding"].create(
            [
                {
                    "backend_id": backend.id,
                    "resource": resource,
                    "external_id": str(record.external_id),
                    "res_id": new.id,
                    "sync_date": now,
                }
                for (record, _values, _contacts), new in zip(
                    to_create, created, strict=True
                )
            ]
        )
        # Records found by their Cfast id but not bound yet get their binding.
        unbound = [
            (record, target)
            for record, target, _values in ops
            if target and not target.env.context.get("softwhere_cfast_bound")
        ]
        if unbound:
            self.env["softwhere.cfast.binding"].create(
                [
                    {
                        "backend_id": backend.id,
                        "resource": resource,
                        "external_id": str(record.external_id),
                        "res_id": target.id,
                        "sync_date": now,
                    }
                    for record, target in unbound
                ]
            )

    def _changed(self, target, values, history=None):
        """The values that differ from ``target``'s; ``history``: the line's
        current history as ``_histories_of_lines`` gives it."""
        values = dict(values)
        articles = values.pop("article_ids", None)
        changed = changed_values(target, values)
        if articles is not None and history != self._history_of(articles):
            # Cfast owns the subscriptions and options it lists; one-offs,
            # hardware and SIM cards added in Odoo (provisioning) stay.
            changed["article_ids"] = [
                *(
                    Command.delete(article.id)
                    for article in target.article_ids
                    if article.is_periodic
                ),
                *articles,
            ]
        return changed

    # -- bindings --------------------------------------------------------------------
    def _targets(self, backend, resource, external_ids, adopt_field=None):
        """{external id: Odoo record} of the bound records, plus the unbound ones
        of the company holding the same Cfast id in ``adopt_field`` (marked so
        that ``_apply`` binds them)."""
        Model = self.env[MODEL_OF_RESOURCE[resource]].with_context(active_test=False)
        keys = [str(external_id) for external_id in external_ids]
        bindings = self.env["softwhere.cfast.binding"].search_read(
            [
                ("backend_id", "=", backend.id),
                ("resource", "=", resource),
                ("external_id", "in", keys),
            ],
            ["external_id", "res_id"],
        )
        bound = {row["external_id"]: row["res_id"] for row in bindings}
        # Records taken from one recordset share its prefetch: the page's
        # records are read in one query per table, not one each.
        by_id = {
            record.id: record
            for record in Model.with_context(softwhere_cfast_bound=True).browse(
                list(bound.values())
            )
        }
        targets = {key: by_id[res_id] for key, res_id in bound.items()}
        missing = [key for key in keys if key not in bound]
        if missing and adopt_field:
            targets.update(self._adoptable(backend, resource, adopt_field, missing))
        return targets

    def _adoptable(self, backend, resource, adopt_field, keys):
        """{external id: record} of the unbound records ``_targets`` may adopt.

        Only the backend's company's: another company's record of the same
        Cfast id belongs to another Cfast. A record of no company (a customer
        of the BlueRockTEL import) is adopted only while no backend has bound
        it, and stays of no company.
        """
        Model = self.env[MODEL_OF_RESOURCE[resource]].with_context(active_test=False)
        values = (
            [int(key) for key in keys]
            if Model._fields[adopt_field].type == "integer"
            else keys
        )
        domain = [(adopt_field, "in", values)]
        if "company_id" in Model._fields:
            domain.append(("company_id", "in", [backend.company_id.id, False]))
        found = Model.search(domain)
        shared = found.filtered(lambda record: not record["company_id"])
        taken = set()
        if shared:
            taken = {
                row["res_id"]
                for row in self.env["softwhere.cfast.binding"]
                .sudo()
                .search_read(
                    [("resource", "=", resource), ("res_id", "in", shared.ids)],
                    ["res_id"],
                )
            }
        adoptable = {}
        # The company's own record wins over a shared one of the same id.
        for record in sorted(found, key=lambda r: bool(r["company_id"])):
            if record.id not in taken:
                adoptable[str(record[adopt_field])] = record
        return adoptable

    # -- mappers ---------------------------------------------------------------------
    def _map_customers(self, backend, records, messages):
        targets = self._targets(
            backend, "customers", [r.external_id for r in records], "customer_reference"
        )
        countries = {
            country.code: country.id
            for country in self.env["res.country"].search(
                [("code", "in", list({r.address.country_code for r in records}))]
            )
        }
        white_labels = self._white_labels(
            backend, {r.white_label for r in records if r.white_label}
        )
        providers = self._business_providers(records)
        result = []
        for record in records:
            values = self._customer_values(record, countries, providers)
            status = CUSTOMER_STATUSES.get(record.status)
            if status:
                values["customer_status"] = status
            label = white_labels.get(record.white_label)
            if label:
                values["white_label_id"] = label
            elif record.white_label:
                messages.append(
                    self.env._(
                        "Cfast customer %(id)s: the white label “%(label)s” is not "
                        "in Odoo; the customer keeps its own.",
                        id=record.external_id,
                        label=record.white_label,
                    )
                )
            contacts = [
                self._contact_values(record, contact, messages)
                for contact in record.contacts
                if contact.first_name or contact.last_name
            ]
            values[CONTACTS] = contacts
            target = targets.get(str(record.external_id))
            if not target:
                # Created in the backend's company, where its billing account
                # number is unique. A customer of no company that it adopts
                # stays shared: its bank accounts and mandates may already be
                # another company's.
                values["company_id"] = backend.company_id.id
            result.append((record, target, values))
        return result

    def _customer_values(self, record, countries, providers):
        """The fields of a customer account Cfast is the master of."""
        address = record.address
        try:
            phone = sw_phone.e164(record.phone)
        except sw_phone.InvalidNumber:
            # Left as given: the partner's check refuses it, naming the field.
            phone = record.phone
        provider = providers.get(record.business_provider)
        return {
            "name": record.name,
            "is_company": True,
            "is_customer_account": True,
            "customer_reference": record.external_id,
            "trade_name": record.trade_name or False,
            "customer_type": CUSTOMER_TYPES.get(record.customer_type) or False,
            "softwhere_partner_type": PARTNER_TYPES.get(record.partner_type, "client"),
            **self._address_values(address, countries),
            "email": record.email or False,
            "phone": phone or False,
            "ref": record.internal_reference or False,
            "company_registry": record.registration_number or False,
            "vat": record.vat_number or False,
            "business_provider_id": provider.id if provider else False,
            "commission_rate": record.commission_rate if provider else 0.0,
        }

    @staticmethod
    def _address_values(address, countries):
        """A Cfast address (customer or site) as the address fields of a record."""
        return {
            "street": address.line1 or False,
            "street2": address.line2 or False,
            "zip": address.postal_code or False,
            "city": address.city or False,
            "country_id": countries.get(address.country_code, False),
        }

    def _contact_values(self, customer, contact, messages):
        """A Cfast contact as the values of a contact of the customer.

        A phone no one could call is left out and named in the log rather than
        refusing the whole customer.
        """
        values = {
            "type": "contact",
            "softwhere_civility": CIVILITIES.get(contact.civility) or False,
            "firstname": contact.first_name or False,
            "lastname": contact.last_name or False,
            "function": contact.job_title or False,
            "email": contact.email or False,
        }
        for attribute, field_name in CONTACT_PHONES.items():
            number = getattr(contact, attribute)
            if not number:
                values[field_name] = False
                continue
            try:
                values[field_name] = sw_phone.e164(number)
            except sw_phone.InvalidNumber:
                messages.append(
                    self.env._(
                        "Cfast customer %(id)s, contact %(contact)s: the number "
                        "“%(number)s” (%(field)s) is not a possible phone number; "
                        "left out.",
                        id=customer.external_id,
                        contact=" ".join(
                            filter(None, (contact.first_name, contact.last_name))
                        ),
                        number=number,
                        field=self.env["res.partner"]._field_label(field_name),
                    )
                )
        return values

    @staticmethod
    def _contact_key(firstname, lastname):
        return (
            (lastname or "").strip().casefold(),
            (firstname or "").strip().casefold(),
        )

    def _update_contacts(self, customer, contacts):
        """Update the customer's contacts that differ from Cfast's; returns the
        values of those to create and whether any was updated. A contact is
        known by its first and last name (namesakes in their order); those only
        Odoo has (added by a person) are left alone."""
        # Two contacts may bear the same name (Cfast gives them no id): each
        # Cfast contact takes the next Odoo one of that name, in creation order.
        existing = defaultdict(list)
        for child in customer.with_context(active_test=False).child_ids.sorted("id"):
            if child.type == "contact":
                existing[self._contact_key(child.firstname, child.lastname)].append(
                    child
                )
        to_create = []
        updated = False
        for values in contacts:
            namesakes = existing[
                self._contact_key(values["firstname"], values["lastname"])
            ]
            child = namesakes.pop(0) if namesakes else None
            if not child:
                to_create.append(dict(values, parent_id=customer.id))
                continue
            changed = changed_values(child, values)
            if not child.active:
                changed["active"] = True
            if changed:
                child.write(changed)
                updated = True
        return to_create, updated

    def _create_contacts(self, vals_list):
        """Create contacts in one batch, with their company's fields given.

        ``res.partner.create`` copies the company's commercial and address
        fields onto each new contact with a write of its own (and one more per
        other company); even Odoo's batch path for data files writes once per
        company. The values are read from the companies and given to the
        create instead, as that sync would write them, so the page's contacts
        cost one insert.
        """
        Partner = self.env["res.partner"]
        if not vals_list:
            return Partner
        synced_fields = [*Partner._commercial_fields(), *Partner._address_fields()]
        companies = Partner.browse({values["parent_id"] for values in vals_list})
        synced = {
            company.id: company.commercial_partner_id._convert_fields_to_values(
                synced_fields
            )
            for company in companies
        }
        company_of = {company.id: company.company_id.id for company in companies}
        return Partner.with_context(_partners_skip_fields_sync=True).create(
            [
                {
                    **synced[values["parent_id"]],
                    "company_id": company_of[values["parent_id"]],
                    **values,
                }
                for values in vals_list
            ]
        )

    def _white_labels(self, backend, names):
        labels = self.env["softwhere.white.label"].search(
            [
                ("name", "in", list(names)),
                ("company_id", "in", [backend.company_id.id, False]),
            ]
        )
        return {label.name: label.id for label in labels}

    def _business_providers(self, records):
        """{name: partner} of the business providers the page names; Cfast gives
        only a name and a rate, so a provider Odoo lacks is created with them."""
        rates = {}
        for record in records:
            if record.business_provider:
                rates.setdefault(record.business_provider, record.commission_rate)
        if not rates:
            return {}
        Partner = self.env["res.partner"].with_context(active_test=False)
        found = Partner.search(
            [("is_business_provider", "=", True), ("name", "in", list(rates))]
        )
        providers = {partner.name: partner for partner in found}
        missing = [name for name in rates if name not in providers]
        if missing:
            created = Partner.create(
                [
                    {
                        "name": name,
                        "is_company": True,
                        "is_business_provider": True,
                        "provider_commission_rate": rates[name],
                    }
                    for name in missing
                ]
            )
            providers.update(zip(missing, created, strict=True))
        return providers

    def _customers_of(self, backend, references):
        """{customerReference: res.partner} through the bindings, then by reference."""
        return self._targets(backend, "customers", references, "customer_reference")

    def _map_billing_points(self, backend, records, messages):
        targets = self._targets(
            backend,
            "billing-points",
            [r.external_id for r in records],
            "cfast_billing_point_id",
        )
        customers = self._customers_of(backend, [r.customer_reference for r in records])
        holders = self._mandate_holders(records, customers)
        company = backend.company_id
        known_taxes = {}

        def taxes_of_rate(rate):
            if rate not in known_taxes:
                known_taxes[rate] = company._softwhere_sale_tax_for_rate(rate)
            return known_taxes[rate]

        result = []
        for record in records:
            customer = customers.get(record.customer_reference)
            if not customer:
                result.append((record, None, self._unknown(record, "customer")))
                continue
            values = {
                "partner_id": customer.id,
                "name": record.name,
                "company_id": backend.company_id.id,
                "cfast_billing_point_id": record.external_id,
                "state": record.status,
                "termination_date": record.termination_date or False,
                "periodicity": record.periodicity,
                "period_format": record.period_format,
                "block_reminders": record.block_unpaid_reminders,
            }
            tax = taxes_of_rate(record.vat_rate)
            if tax:
                values["tax_id"] = tax.id
            else:
                messages.append(
                    self.env._(
                        "Cfast billing point %(id)s: no sale VAT at %(rate)s %% in "
                        "Odoo; the site keeps its VAT.",
                        id=record.external_id,
                        rate=record.vat_rate,
                    )
                )
            target = targets.get(str(record.external_id))
            mandate = record.mandate
            holder = holders.get((customer.id, self._holder_key(mandate))) or customer
            if (
                mandate
                and mandate.iban
                and not self._same_mandate(target, mandate, holder)
            ):
                values.update(
                    {
                        "mandate_partner_id": holder.id,
                        "mandate_iban": mandate.iban,
                        "mandate_bic": mandate.bic,
                        "mandate_rum": mandate.rum or False,
                        "mandate_signature_date": mandate.signature_date,
                    }
                )
            result.append((record, target, values))
        return result

    @staticmethod
    def _holder_key(mandate):
        return " ".join((mandate.holder if mandate else "").split()).casefold()

    def _mandate_holders(self, records, customers):
        """{(customer id, holder key): contact} of the mandates held by a third
        party: a contact of the customer bearing the holder's name, found, else
        created (one search and one create for the page).

        A holder that is empty or the customer's own name is the customer, and
        gets no entry.
        """
        wanted = {}
        for record in records:
            customer = customers.get(record.customer_reference)
            key = self._holder_key(record.mandate)
            if (
                customer
                and key
                and record.mandate.iban
                and key != " ".join((customer.name or "").split()).casefold()
            ):
                wanted.setdefault(
                    (customer.id, key), " ".join(record.mandate.holder.split())
                )
        if not wanted:
            return {}
        Partner = self.env["res.partner"].with_context(active_test=False)
        holders = {}
        for contact in Partner.search(
            [
                ("parent_id", "in", list({customer_id for customer_id, _k in wanted})),
                ("is_company", "=", False),
            ],
            order="active desc, id",
        ):
            key = (
                contact.parent_id.id,
                " ".join((contact.name or "").split()).casefold(),
            )
            if key in wanted:
                holders.setdefault(key, contact)
        missing = [key for key in wanted if key not in holders]
        # The holder's name as Cfast gives it: as a last name alone,
        # partner_firstname keeps it whole (a person or a company alike).
        created = self._create_contacts(
            [
                {
                    "type": "contact",
                    "parent_id": customer_id,
                    "lastname": wanted[customer_id, key],
                    "firstname": False,
                }
                for customer_id, key in missing
            ]
        )
        holders.update(zip(missing, created, strict=True))
        return holders

    @staticmethod
    def _same_mandate(site, mandate, holder):
        if not site:
            return False
        return (
            site.mandate_partner_id == holder
            and std_iban.compact(site.mandate_iban or "")
            == std_iban.compact(mandate.iban)
            and (site.mandate_bic or "")[:8] == (mandate.bic or "")[:8]
            and (not mandate.rum or site.mandate_rum == mandate.rum)
            and site.mandate_signature_date == mandate.signature_date
        )

    def _map_sites(self, backend, records, messages):
        targets = self._targets(
            backend, "sites", [r.external_id for r in records], "cfast_site_id"
        )
        sites = self._targets(
            backend,
            "billing-points",
            [r.billing_point_id for r in records],
            "cfast_billing_point_id",
        )
        countries = {
            country.code: country.id
            for country in self.env["res.country"].search(
                [("code", "in", list({r.address.country_code for r in records}))]
            )
        }
        result = []
        for record in records:
            site = sites.get(str(record.billing_point_id))
            if not site:
                result.append((record, None, self._unknown(record, "billing point")))
                continue
            address = record.address
            values = {
                "name": record.name,
                "partner_id": site.partner_id.id,
                "billing_site_id": site.id,
                "cfast_site_id": record.external_id,
                "service_type": record.site_type,
                "activity": record.activity,
                "status": SITE_STATUSES.get(record.status, "other"),
                **self._address_values(address, countries),
                "siret": record.siret or False,
                "internal_reference": record.internal_reference or False,
                "private_installer": record.private_installer or False,
                "it_provider": record.it_provider or False,
                "note": record.free_text or False,
            }
            result.append((record, targets.get(str(record.external_id)), values))
        return result

    def _map_services(self, backend, records, messages):
        targets = self._targets(
            backend, "services", [r.external_id for r in records], "cfast_service_id"
        )
        services = self._targets(
            backend, "sites", [r.site_id for r in records], "cfast_site_id"
        )
        histories = {record.external_id: record.plan_history() for record in records}
        labels = {
            period.label
            for history in histories.values()
            for period in history.subscriptions + history.options
        }
        articles = self.env["softwhere.catalogue"]._articles_by_label(labels)
        result = []
        for record in records:
            service = services.get(str(record.site_id))
            if not service:
                result.append((record, None, self._unknown(record, "site")))
                continue
            history = histories[record.external_id]
            messages.extend(
                self.env._(
                    "Cfast line %(number)s: %(fix)s", number=record.number, fix=fix
                )
                for fix in history.fixes
            )
            commands = []
            for period in history.subscriptions + history.options:
                product = articles.get(period.label)
                if not product:
                    messages.append(
                        self.env._(
                            "Cfast line %(number)s: the article “%(label)s” is in no "
                            "catalogue; not imported.",
                            number=record.number,
                            label=period.label,
                        )
                    )
                    continue
                commands.append(
                    Command.create(
                        {
                            "product_id": product.id,
                            "label": period.label,
                            "sale_price": period.sale_price,
                            "purchase_price": period.buy_price,
                            "date_start": period.start,
                            "date_end": period.end or False,
                            "quantity": period.quantity,
                        }
                    )
                )
            values = {
                "name": record.number,
                "service_id": service.id,
                "cfast_service_id": record.external_id,
                "service_label": record.number,
                "first_name": record.first_name or False,
                "last_name": record.last_name or False,
                "activity": LINE_ACTIVITIES.get(record.activity, "active"),
                "hide_called_numbers": record.hide_called_numbers,
                "article_ids": commands,
            }
            target = targets.get(str(record.external_id))
            if values["activity"] in ENDED_LINE_ACTIVITIES:
                # Billing stops at the termination date: the last day of the
                # history when it has ended, else the day the sync sees it.
                ends = [p.end for p in history.subscriptions + history.options]
                if ends and None not in ends:
                    values["termination_date"] = max(ends)
                elif not (
                    target
                    and target.activity in ENDED_LINE_ACTIVITIES
                    and target.termination_date
                ):
                    # Newly dead: today. Already dead: its date stays.
                    values["termination_date"] = fields.Date.context_today(self)
            if target:
                values["name"] = sw_phone.national(record.number)
            result.append((record, target, values))
        return result

    def _unknown(self, record, what):
        return SkipRecord(
            self.env._(
                "Cfast %(kind)s %(id)s: its %(what)s is not in Odoo yet; it comes "
                "at the next sync.",
                kind=type(record).__name__,
                id=record.external_id,
                what=what,
            )
        )

    def _histories_of_lines(self, line_ids):
        """{line id: comparable history} of these lines, in one query.

        Read straight from the table: a page of unchanged lines is otherwise
        mostly the ORM reading six fields of each of their articles.
        """
        if not line_ids:
            return {}
        Article = self.env["softwhere.line.article"]
        Article.flush_model(["line_id", *HISTORY_FIELDS])
        rows = self.env.execute_query(
            SQL(
                "SELECT line_id, %s FROM %s WHERE line_id IN %s AND is_periodic",
                SQL(", ").join(SQL.identifier(name) for name in HISTORY_FIELDS),
                SQL.identifier(Article._table),
                tuple(line_ids),
            )
        )
        histories = defaultdict(list)
        for line_id, *values in rows:
            histories[line_id].append(values)
        return {
            line_id: self._history_of(
                dict(zip(HISTORY_FIELDS, values, strict=True)) for values in articles
            )
            for line_id, articles in histories.items()
        }

    @staticmethod
    def _history_of(articles):
        """A comparable form of a line's history from its articles' values
        (``HISTORY_FIELDS``), or from the create commands of a Cfast line."""
        rows = [
            (
                values["product_id"],
                values["label"],
                # An empty price is NULL in the table and 0.0 in the ORM.
                round(values["sale_price"] or 0.0, 2),
                round(values["purchase_price"] or 0.0, 2),
                values["date_start"],
                values["date_end"] or False,
                values.get("quantity") or 1,
            )
            for values in (
                article[2] if isinstance(article, tuple | list) else article
                for article in articles
            )
        ]
        return sorted(rows, key=repr)
