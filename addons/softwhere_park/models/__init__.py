from . import (
    account_move,
    account_move_line,
    res_partner,
    softwhere_billing_site,
    softwhere_invoice_run,
    softwhere_line,
    softwhere_line_article,
    softwhere_park_demo,
    softwhere_service,
)
