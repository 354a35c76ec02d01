from . import softwhere_commission_compute
