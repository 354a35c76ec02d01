from . import (
    test_access,
    test_browser,
    test_contacts,
    test_customer_account,
    test_data,
    test_lifecycle,
)
