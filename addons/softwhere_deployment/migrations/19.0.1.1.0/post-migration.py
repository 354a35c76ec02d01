# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def migrate(cr, version):
    """Lines created by provisioning keep the ICCID of their SIM card."""
    cr.execute(
        """
        UPDATE softwhere_line line
           SET iccid = lot.name
          FROM softwhere_provisioning_operation operation
          JOIN stock_lot lot ON lot.id = operation.sim_lot_id
         WHERE operation.line_id = line.id
           AND operation.kind = 'create_line'
           AND line.iccid IS NULL
        """
    )
