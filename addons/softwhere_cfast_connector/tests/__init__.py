from . import test_browser, test_security, test_sync
