from . import test_debit_orders, test_rejects
