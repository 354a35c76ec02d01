# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv

from odoo.tests import TransactionCase, new_test_user
from odoo.tools.misc import file_path

from ..reference import MODULE


def reference_rows(file_name):
    """The rows of a reference CSV file, as the simulators read them."""
    path = file_path(f"{MODULE}/data/{file_name}")
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class SoftwhereCatalogueCase(TransactionCase):
    """Two test catalogues of two operators, and the three kinds of users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Catalogue = cls.env["softwhere.catalogue"]
        cls.Template = cls.env["product.template"]
        cls.white_label = cls.env.ref("softwhere_client.white_label_actif_telecom")
        cls.orange = cls.env.ref(f"{MODULE}.operator_orange")
        cls.bouygues = cls.env.ref(f"{MODULE}.operator_bouygues_telecom")
        cls.actif = cls.env.ref(f"{MODULE}.operator_actif")
        cls.catalogue = cls.Catalogue.create(
            {
                "name": "Essai – Mobile – Orange",
                "code": "essai_mobile_orange",
                "operator_id": cls.orange.id,
                "service_type": "mobile",
                "platform": "snaic",
            }
        )
        cls.bouygues_catalogue = cls.Catalogue.create(
            {
                "name": "Essai – Mobile – Bouygues",
                "code": "essai_mobile_bouygues",
                "operator_id": cls.bouygues.id,
                "service_type": "mobile",
            }
        )
        cls.user = new_test_user(
            cls.env,
            login="swc_user",
            name="Utilisateur Catalogue",
            groups="softwhere_client.softwhere_client_group_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="swc_manager",
            name="Responsable Catalogue",
            groups="softwhere_client.softwhere_client_group_manager",
        )
        cls.employee = new_test_user(
            cls.env, login="swc_employee", name="Employé", groups="base.group_user"
        )

    @classmethod
    def create_article(cls, name="Forfait Essai 10Go", kind="subscription", **values):
        values.setdefault("catalogue_id", cls.catalogue.id)
        return cls.Template.create({"name": name, "softwhere_kind": kind, **values})

    def operator_sellers(self, template, operator=None):
        operator = operator or template.operator_id
        return template.variant_seller_ids.filtered(lambda s: s.partner_id == operator)
