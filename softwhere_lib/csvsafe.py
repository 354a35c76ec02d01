"""CSV cells a spreadsheet cannot run: every CSV the project writes goes through here.

Excel and LibreOffice read a cell starting with ``=``, ``+``, ``-`` or ``@`` (and,
after a tab or a carriage return, the same) as a formula: ``=HYPERLINK(…)`` in a
customer's name would run on the desk of whoever opens the export. OWASP's rule
is applied: such a cell is written behind a single quote, which spreadsheets
show as text. French numbers (``+33…``) and negative amounts (``-12,50``) get the
quote too; ``unneutralise`` takes it back off, so a file we wrote reads back to
the values we wrote (``neutralise`` also quotes a cell that already looks
quoted, so the round trip holds for every value).
"""

import csv

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralise(value):
    """The cell as written: ``value`` as text, behind a quote when it could run."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.startswith(FORMULA_PREFIXES) or unneutralise(text) != text:
        return QUOTE + text
    return text


def unneutralise(text):
    """The value of a cell ``neutralise`` wrote: its quote taken off, if it has one."""
    if (
        isinstance(text, str)
        and len(text) > 1
        and text[0] == QUOTE
        and (text[1] == QUOTE or text[1] in FORMULA_PREFIXES)
    ):
        return text[1:]
    return text


class SafeWriter:
    """``csv.writer``'s ``writerow``/``writerows``, every cell neutralised."""

    def __init__(self, handle, **kwargs):
        self._writer = csv.writer(handle, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(handle, **kwargs):
    """A ``csv.writer`` (same arguments) that writes no cell a spreadsheet would run."""
    return SafeWriter(handle, **kwargs)
