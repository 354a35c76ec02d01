from . import test_browser, test_provisioning
