from . import (
    test_commission_property,
    test_commission_statement,
    test_demo,
    test_rate_history,
)
