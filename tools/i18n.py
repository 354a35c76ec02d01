#!/usr/bin/env python3
"""Keep every addon's ``i18n/fr.po`` complete.

    python tools/i18n.py update -d DB [ADDON ...]  write <addon>.pot, merge into fr.po
    python tools/i18n.py check -d DB [ADDON ...]   fail on a term without French

Both read the terms from a database where the addons are installed (``make
test`` checks its own test database; ``make i18n`` builds one). ``update``
keeps the translations already in ``fr.po``, adds the new terms untranslated
and drops the terms that are gone, then lists what is left to translate. Run
with the virtualenv's Python and the checkout on ``PYTHONPATH``.
"""

import argparse
import io
import os
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
ADDONS = ROOT / "addons"
#: Terms that read the same in French.
SAME_IN_FRENCH = {
    "VIP",
    "SIRET",
    "SIREN",
    "IBAN",
    "BIC",
    "RUM",
    "Actif Télécom",
    "Connextoo",
    "Cfast",
    "SNAIC",
    "Alphalink",
    "BlueRockTEL",
    "SoftWhere",
    "Maître",
    "E-mail",
    "Code",
    "Type",
    "Total",
    "Options",
    "Contacts",
    "Service",
    "Services",
    "Date",
    "Description",
    "Notes",
    "Message",
    "Page",
    "Production",
    "Article",
    "Articles",
    "Mobile",
    "Internet",
    "Fixe",
}


def our_addons():
    return sorted(m.parent.name for m in ADDONS.glob("*/__manifest__.py"))


def export_pots(database, addons):
    import odoo  # noqa: PLC0415 - the virtualenv's Odoo, after the path is known
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415
    from odoo.tools.translate import trans_export  # noqa: PLC0415

    src = Path(os.environ.get("ODOO_SRC") or "/opt/odoo-19")
    config.parse_config(
        [f"--addons-path={ADDONS},{src / 'addons'}", f"--database={database}"],
        setup_logging=False,
    )
    pots = {}
    with Registry(database).cursor(readonly=True) as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        for addon in addons:
            buffer = io.BytesIO()
            trans_export(False, [addon], buffer, "po", env)
            pots[addon] = polib.pofile(buffer.getvalue().decode())
    return pots


def _key(entry):
    return (entry.msgctxt, entry.msgid)


def merge(addon, pot):
    """Write the .pot and fr.po of one addon; return its untranslated entries."""
    i18n = ADDONS / addon / "i18n"
    i18n.mkdir(exist_ok=True)
    pot.save(str(i18n / f"{addon}.pot"))
    po_path = i18n / "fr.po"
    old = {}
    if po_path.exists():
        old = {_key(e): e for e in polib.pofile(str(po_path)) if not e.obsolete}
    po = polib.POFile()
    po.metadata = {
        "Project-Id-Version": "Odoo Server 19.0",
        "Last-Translator": "SoftWhere",
        "Language": "fr",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "",
        "Plural-Forms": "nplurals=2; plural=(n > 1);",
    }
    for entry in pot:
        translated = old.get(_key(entry))
        entry.msgstr = translated.msgstr if translated else ""
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        po.append(entry)
    po.save(str(po_path))
    return untranslated(po)


def untranslated(po):
    return [
        entry
        for entry in po
        if not entry.obsolete
        and not entry.msgstr.strip()
        and entry.msgid.strip() not in SAME_IN_FRENCH
    ]


def check(addon, pot):
    """Terms of the addon missing or untranslated in its fr.po."""
    po_path = ADDONS / addon / "i18n" / "fr.po"
    if not po_path.exists():
        return [f"{addon}: i18n/fr.po is missing"]
    translated = {_key(e): e for e in polib.pofile(str(po_path)) if e.msgstr.strip()}
    problems = []
    for entry in pot:
        if entry.msgid.strip() in SAME_IN_FRENCH:
            continue
        if _key(entry) not in translated:
            where = ", ".join(f"{path}" for path, _line in entry.occurrences[:2])
            problems.append(f"{addon}: no French for “{entry.msgid[:70]}” ({where})")
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("action", choices=("update", "check"))
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("addons", nargs="*")
    args = parser.parse_intermixed_args(argv)
    addons = args.addons or our_addons()
    pots = export_pots(args.database, addons)
    if args.action == "update":
        for addon, pot in pots.items():
            missing = merge(addon, pot)
            print(f"{addon}: {len(pot)} terms, {len(missing)} to translate")
            for entry in missing:
                print(f"    {entry.msgid[:90]!r}")
        return 0
    problems = [p for addon, pot in pots.items() for p in check(addon, pot)]
    for problem in problems:
        print(problem)
    print(f"French translations: {len(problems)} term(s) missing")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
