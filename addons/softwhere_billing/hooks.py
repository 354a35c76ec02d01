# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Installed on a database already in use.

    Companies with a chart of accounts get their billing fiscal positions, and
    every customer account without a billing site gets its default one, in one
    batch.
    """
    companies = env["res.company"].search([("chart_template", "!=", False)])
    companies._softwhere_setup_billing_taxes()
    customers = env["res.partner"].search(
        [("is_customer_account", "=", True), ("billing_site_ids", "=", False)]
    )
    env["softwhere.billing.site"]._create_default_sites(customers)
