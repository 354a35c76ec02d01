from . import models, wizards
from .hooks import post_init_hook
