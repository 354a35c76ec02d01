from . import (
    softwhere_line,
    softwhere_reconciliation_gap,
    softwhere_service,
    softwhere_supplier_backend,
    softwhere_supplier_reconciliation,
    softwhere_supplier_snapshot,
)
