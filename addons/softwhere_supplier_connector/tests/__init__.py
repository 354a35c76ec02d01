from . import test_browser, test_reconciliation, test_security, test_snapshot
