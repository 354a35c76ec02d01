# Odoo 19 hides python-stdnum's data files: give them back before anything
# imports stdnum.iban (softwhere_lib.sepa does).
from . import stdnum_compat

# isort: split
from . import models, wizards
from .hooks import post_init_hook
