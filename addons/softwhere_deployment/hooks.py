# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """The catalogues' SIM cards become stock tracked by ICCID, with a minimum."""
    env["product.template"]._softwhere_setup_sim_cards()
