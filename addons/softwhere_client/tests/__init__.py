from . import (
    test_access,
    test_contacts,
    test_customer_account,
    test_data,
    test_lifecycle,
)
from . import test_browser
