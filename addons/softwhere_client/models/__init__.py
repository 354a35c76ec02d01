from . import res_country_group, res_partner, res_users, softwhere_white_label
