from . import (
    test_billing_engine,
    test_billing_invariant,
    test_browser,
    test_demo_month,
    test_facturx,
    test_invoice_report,
    test_invoice_run,
    test_invoice_sending,
    test_park,
)
