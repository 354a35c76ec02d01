from . import mail_thread, res_partner, res_users, softwhere_white_label
