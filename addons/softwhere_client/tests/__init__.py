from . import (
    test_access,
    test_bluerocktel_command,
    test_bluerocktel_export,
    test_bluerocktel_import,
    test_bluerocktel_wizard,
    test_browser,
    test_contacts,
    test_customer_account,
    test_data,
    test_lifecycle,
    test_upgrade,
)
