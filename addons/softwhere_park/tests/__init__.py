from . import test_browser, test_invoice_run, test_park
