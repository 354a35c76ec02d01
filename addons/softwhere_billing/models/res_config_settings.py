# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .account_move import DEFAULT_REMINDER_DAYS, REMINDER_DAYS_PARAMETER


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    softwhere_reminder_interval_days = fields.Integer(
        string="Days between two payment reminders",
        config_parameter=REMINDER_DAYS_PARAMETER,
        default=DEFAULT_REMINDER_DAYS,
        help="An overdue invoice gets at most one reminder e-mail in this many days.",
    )

    @api.constrains("softwhere_reminder_interval_days")
    def _check_softwhere_reminder_interval_days(self):
        for settings in self:
            if settings.softwhere_reminder_interval_days < 1:
                raise ValidationError(
                    self.env._(
                        "The field “%(field)s” must be at least 1 day.",
                        field=self._fields[
                            "softwhere_reminder_interval_days"
                        ]._description_string(self.env),
                    )
                )
