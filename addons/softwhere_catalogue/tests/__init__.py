from . import test_access, test_article, test_catalogue, test_reference_data, test_taxes
