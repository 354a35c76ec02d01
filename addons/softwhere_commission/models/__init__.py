from . import (
    account_move,
    res_partner,
    softwhere_commission_demo,
    softwhere_commission_rate,
    softwhere_commission_statement,
    softwhere_commission_statement_line,
)
