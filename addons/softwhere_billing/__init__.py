from . import stdnum_compat  # before anything imports stdnum.iban
from . import models
from . import wizards
from .hooks import post_init_hook
