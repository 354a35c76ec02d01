from . import (
    account_banking_mandate,
    account_chart_template,
    account_move,
    res_company,
    res_config_settings,
    res_partner,
    softwhere_billing_site,
)
