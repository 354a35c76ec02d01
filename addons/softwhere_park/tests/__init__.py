from . import test_invoice_run, test_park
