# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Names the SoftWhere addons share: security groups and import keys."""

#: The groups' XML ids: who works on the business data, who configures and
#: deletes, who sees the connectors' secrets.
USER_GROUP = "softwhere_client.softwhere_client_group_user"
MANAGER_GROUP = "softwhere_client.softwhere_client_group_manager"
CONNECTOR_ADMIN_GROUP = "softwhere_client.softwhere_client_group_connector_admin"

#: Context key: create the partners of one call in one batch (see res.partner's
#: create).
BATCH_CREATE = "softwhere_batch_create"
#: Key of the cursor's cache: VAT numbers already checked during an import.
VAT_CHECKS = "softwhere_vat_checks"
