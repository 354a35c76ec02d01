# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The language our words are written in when they are stored (a report's
reasons, a chatter note): the reader's own when a user works, their company's
when Odoo itself does (a scheduled action, demo data being installed), which
would otherwise write them in English."""


def in_working_language(records):
    """``records`` with the language of whoever works with them, or their
    company's when the context has none."""
    if records.env.context.get("lang"):
        return records
    return records.with_context(lang=records.env.company.partner_id.lang)
