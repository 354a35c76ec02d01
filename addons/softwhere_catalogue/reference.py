# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The reference catalogues' files and XML ids, for the addons that use them."""

import re
import unicodedata

MODULE = "softwhere_catalogue"
#: The reference catalogues, shared with the simulators of ``softwhere_sim``:
#: UTF-8, comma-separated, a header row (``softwhere_lib.catalogue``'s
#: columns), prices with a dot decimal.
CATALOGUES_CSV = f"{MODULE}/data/reference_catalogues.csv"
ARTICLES_CSV = f"{MODULE}/data/reference_articles.csv"


def xmlid_name(text):
    """The XML id part of a key, code or name: ``OR-P2H5`` → ``or_p2h5``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "_", ascii_text.lower())
