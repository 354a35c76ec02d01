from . import (
    test_browser,
    test_end_to_end,
    test_exactly_once,
    test_provisioning,
    test_security,
    test_service_types,
)
