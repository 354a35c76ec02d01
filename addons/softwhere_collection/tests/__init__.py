from . import test_debit_orders, test_dunning, test_rejects
