from . import (
    test_access,
    test_browser,
    test_data,
    test_invoices,
    test_requests,
)
