from . import (
    account_move,
    account_payment_order,
    account_payment_term_line,
    payment_return,
    product_template,
    res_company,
    res_config_settings,
    softwhere_billing_site,
    softwhere_invoice_run,
    softwhere_line_article,
)
