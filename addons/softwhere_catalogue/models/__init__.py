from . import (
    account_chart_template,
    product_template,
    softwhere_catalogue,
    softwhere_catalogue_loader,
)
