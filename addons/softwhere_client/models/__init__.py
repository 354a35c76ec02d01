from . import (
    mail_thread,
    res_country_group,
    res_partner,
    res_users,
    softwhere_white_label,
)
