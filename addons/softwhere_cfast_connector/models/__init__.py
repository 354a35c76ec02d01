from . import (
    softwhere_cfast_backend,
    softwhere_cfast_binding,
    softwhere_cfast_importer,
    softwhere_cfast_sync_log,
    softwhere_cfast_sync_log_page,
)
