from . import test_browser, test_provisioning, test_security
