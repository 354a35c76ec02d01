from . import (
    account_move,
    account_move_line,
    res_company,
    res_config_settings,
    res_partner,
    softwhere_billing_site,
    softwhere_invoice_run,
    softwhere_invoice_run_site,
    softwhere_line,
    softwhere_line_article,
    softwhere_park_demo,
    softwhere_service,
)
