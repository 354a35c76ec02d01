# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Every company with a chart of accounts gets the default dunning policy."""
    for company in env["res.company"].search([]):
        company._softwhere_credit_policy()
