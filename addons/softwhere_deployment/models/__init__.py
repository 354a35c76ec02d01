from . import (
    product_template,
    softwhere_line,
    softwhere_provisioning_call,
    softwhere_provisioning_operation,
    softwhere_provisioning_order,
)
