from . import (
    account_banking_mandate,
    account_chart_template,
    account_edi_common,
    account_edi_xml_cii,
    account_move,
    res_company,
    res_partner,
    softwhere_billing_site,
    softwhere_billing_site_mandate,
)
