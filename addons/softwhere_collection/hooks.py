# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

#: OCA's data gives the main company this policy: not SoftWhere's dunning.
OCA_STOCK_POLICY = "account_credit_control.credit_control_3_time"


def post_init_hook(env):
    """Every company with a chart of accounts gets the default dunning policy,
    in place of the « 3 time policy » OCA's data sets on the main company."""
    stock = env.ref(OCA_STOCK_POLICY, raise_if_not_found=False)
    for company in env["res.company"].search([]):
        if stock and company.credit_policy_id == stock:
            company.credit_policy_id = False
        company._softwhere_credit_policy()
