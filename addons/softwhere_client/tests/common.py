# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user

#: Valid French company identifiers (checked by python-stdnum).
SIRET = "73282932000074"  # SIREN 732829320
VAT = "FR44732829320"
OTHER_SIRET = "55210055400013"  # SIREN 552100554
OTHER_VAT = "FR03552100554"


class SoftwhereClientCase(TransactionCase):
    """Customer accounts created as the Comptes clients menu creates them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.Partner = cls.env["res.partner"].with_context(
            default_is_customer_account=True, default_is_company=True
        )
        cls.white_label = cls.env.ref("softwhere_client.white_label_actif_telecom")
        cls.france = cls.env.ref("base.fr")
        cls.user = new_test_user(
            cls.env,
            login="sw_user",
            name="Utilisateur SoftWhere",
            groups="softwhere_client.softwhere_client_group_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="sw_manager",
            name="Responsable SoftWhere",
            groups="softwhere_client.softwhere_client_group_manager",
        )
        cls.employee = new_test_user(
            cls.env, login="sw_employee", name="Employé", groups="base.group_user"
        )

    @classmethod
    def create_customer(cls, name="Boulangerie Martin", **values):
        return cls.Partner.create({"name": name, **values})
