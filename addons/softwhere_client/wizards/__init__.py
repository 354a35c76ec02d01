from . import bluerocktel_export, bluerocktel_import
