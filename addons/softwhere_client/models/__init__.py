from . import res_partner, res_users, softwhere_white_label
