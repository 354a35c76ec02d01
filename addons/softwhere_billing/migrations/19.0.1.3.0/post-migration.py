# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def migrate(cr, version):
    """The SEPA direct debit mode (noupdate data) and the copies made of it for
    other companies stop printing the customer's account as "Bank account": the
    invoice announces the debit itself."""
    cr.execute(
        """
        UPDATE account_payment_mode mode
           SET show_bank_account = 'no'
          FROM ir_model_data data
         WHERE data.module = 'softwhere_billing'
           AND data.model = 'account.payment.mode'
           AND data.name LIKE '%account_payment_mode_sepa_direct_debit'
           AND data.res_id = mode.id
           AND mode.show_bank_account = 'full'
        """
    )
