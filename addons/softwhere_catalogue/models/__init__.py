from . import product_template, softwhere_catalogue
