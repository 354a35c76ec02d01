from . import bluerocktel, models, wizards


def post_load():
    """Batch creates through OCA partner_firstname on demand (see the function)."""
    models.res_partner.batch_firstname_create()
