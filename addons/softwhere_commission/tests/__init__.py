from . import test_commission_property, test_commission_statement, test_rate_history
