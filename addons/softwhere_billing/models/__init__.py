from . import (
    account_banking_mandate,
    account_chart_template,
    account_move,
    contract_contract,
    contract_line,
    res_company,
    res_config_settings,
    res_partner,
    softwhere_billing_site,
)
