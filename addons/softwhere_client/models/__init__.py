from . import res_partner, softwhere_white_label
