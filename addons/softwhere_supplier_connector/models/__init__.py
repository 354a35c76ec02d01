from . import softwhere_line, softwhere_reconciliation_gap, softwhere_supplier_backend
