from . import test_invoice_run
from . import test_browser, test_park
