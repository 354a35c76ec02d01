from . import test_browser, test_debit_orders, test_dunning, test_rejects
