# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The home-made unpaid-invoice reminders are gone: OCA credit control
(``softwhere_collection``) chases the unpaid invoices. Their scheduled action
and e-mail template were noupdate data, which an update keeps: deleted here,
with the reminder interval setting."""

from odoo import SUPERUSER_ID, api

RECORDS = ("ir_cron_payment_reminders", "mail_template_payment_reminder")


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    data = env["ir.model.data"].search(
        [("module", "=", "softwhere_billing"), ("name", "in", RECORDS)]
    )
    for record in data:
        env[record.model].browse(record.res_id).exists().unlink()
    data.exists().unlink()
    env["ir.config_parameter"].search(
        [("key", "=", "softwhere_billing.reminder_interval_days")]
    ).unlink()
