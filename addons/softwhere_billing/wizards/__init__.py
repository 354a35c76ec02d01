from . import softwhere_billing_site_terminate
