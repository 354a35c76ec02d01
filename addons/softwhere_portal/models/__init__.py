from . import (
    softwhere_billing_site,
    softwhere_line,
    softwhere_line_article,
    softwhere_provisioning_operation,
    softwhere_provisioning_order,
    softwhere_service,
)
