"""The reference catalogues' file format, shared by the catalogue addon, which
loads them, and the simulators, which bill and provision from them.

Two CSV files (UTF-8, comma-separated, a header row, prices with a dot
decimal): the catalogues, then their articles.
"""

CATALOGUE_COLUMNS = ("key", "name", "operator", "service_type", "platform")
ARTICLE_COLUMNS = (
    "catalogue",
    "kind",
    "label",
    "supplier_code",
    "supplier_label",
    "sale_price",
    "buy_price",
)
