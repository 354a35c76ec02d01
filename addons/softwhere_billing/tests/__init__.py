from . import (
    test_access,
    test_billing_site,
    test_browser,
    test_data,
    test_fiscal_position,
    test_invoice_pdf,
    test_mandate,
    test_partner,
)
