# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Give python-stdnum back the loader that reads its data files.

Odoo 19 patches ``stdnum`` on import (``odoo/_monkeypatches``): its import hook
replaces the module's loader with a namespace that has no
``get_resource_reader``. python-stdnum 1.19 reads its data files (the IBAN
formats of each country…) through ``importlib.resources``, so ``stdnum.iban``
then fails to import with “Can't open orphan path”, and so does
``softwhere_lib.sepa``. Odoo's patch has run once ``stdnum`` is imported: the
file loader can be given back to its spec.
"""

import importlib.machinery

import stdnum


def restore_stdnum_loader():
    spec = stdnum.__spec__
    if spec and spec.origin and not hasattr(spec.loader, "get_resource_reader"):
        spec.loader = importlib.machinery.SourceFileLoader(spec.name, spec.origin)


restore_stdnum_loader()
