from . import bluerocktel, models, wizards
