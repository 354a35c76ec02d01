from . import test_debit_orders
