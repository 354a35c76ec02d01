# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Names other addons use with the billing sites."""

#: Context key of imports that create the customers' billing sites themselves.
NO_DEFAULT_SITE = "softwhere_no_default_billing_site"
