#!/usr/bin/env python3
"""Keep every addon's ``i18n/fr.po`` complete.

    python tools/i18n.py update -d DB [ADDON ...]  write <addon>.pot, merge into fr.po
    python tools/i18n.py check -d DB [ADDON ...]   fail on a term without French

Both read the terms from a database where the addons are installed (``make
test`` checks its own test database; ``make i18n`` builds one). ``update``
keeps the translations already in ``fr.po``, adds the new terms untranslated
and drops the terms that are gone, then lists what is left to translate. Run
with the virtualenv's Python and the checkout on ``PYTHONPATH``.

``check`` also loads French into the database (a throwaway one: ``make test``'s)
and reads what a French user sees there: the names of our models (the chatter's
« Fiche créée : Ligne »), the labels of our fields and their choices (the titles
of the dialogs of a list inside a form, the tracked changes) must differ from
the English or read the same in French; and no record of ours, our demo data's
among them, may be named by an English sentence of ours (« Invoice run of
01/11/2026 »).
"""

import argparse
import io
import os
import re
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
    odoo, registry = _open_registry(database)
    from odoo.tools.translate import trans_export  # noqa: PLC0415

    pots = {}
    with registry.cursor(readonly=True) as cr:
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


def _open_registry(database):
    import odoo  # noqa: PLC0415 - the virtualenv's Odoo, after the path is known
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    src = Path(os.environ.get("ODOO_SRC") or "/opt/odoo-19")
    config.parse_config(
        [f"--addons-path={ADDONS},{src / 'addons'}", f"--database={database}"],
        setup_logging=False,
    )
    return odoo, Registry(database)


def _our_french(addons):
    """{English: {its French}} of the terms our fr.po files translate."""
    french = {}
    for addon in addons:
        po_path = ADDONS / addon / "i18n" / "fr.po"
        if po_path.exists():
            for entry in polib.pofile(str(po_path)):
                if entry.msgstr.strip():
                    french.setdefault(entry.msgid.strip(), set()).add(entry.msgstr)
    return french


def _english_patterns(french):
    """Regular expressions of our English sentences whose French differs: a
    record named by one of them was named in English."""
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    patterns = []
    for text, translations in french.items():
        words = re.findall(r"[A-Za-z]{2,}", placeholder.sub("", text))
        if len(words) < 2 or text in translations:
            continue
        parts = placeholder.split(text)
        patterns.append(re.compile(".+".join(re.escape(p) for p in parts)))
    return patterns


#: What reads the user's records (and our demo data's) by their names.
LABELS = {
    "ir.model": "name",
    "ir.model.fields": "field_description",
    "ir.model.fields.selection": "name",
}
#: Records of a model of ours read by their names, at most.
NAMED_RECORDS = 500


def check_seen_in_french(database, addons):
    """What a French user reads of ours in the database, French loaded into it."""
    french = _our_french(addons)

    def same_in_french(text):
        text = (text or "").strip()
        return not text or text in SAME_IN_FRENCH or text in french.get(text, ())

    odoo, registry = _open_registry(database)
    problems = []
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["res.lang"]._activate_lang("fr_FR")
        env["ir.module.module"]._load_module_terms(addons, ["fr_FR"])
        env.invalidate_all()
        # The names of our models (the chatter's « Fiche créée : Ligne ») and the
        # labels of our fields and choices (dialog titles, tracked changes).
        cr.execute(
            """
            SELECT model, res_id, module || '.' || name FROM ir_model_data
             WHERE module IN %s AND model IN %s
            """,
            [tuple(addons), tuple(LABELS)],
        )
        for model, res_id, xmlid in cr.fetchall():
            record = env[model].browse(res_id)
            if model == "ir.model" and not record.model.startswith("softwhere."):
                continue  # Odoo's model, which one of ours extends
            english = record.with_context(lang="en_US")[LABELS[model]]
            if english == record.with_context(lang="fr_FR")[LABELS[model]] and (
                not same_in_french(english)
            ):
                problems.append(f"{xmlid}: “{english}” reads in English in French")
        # Our records, the demo's among them, named by an English sentence of ours.
        patterns = _english_patterns(french)
        for model in env["ir.model"].search([("model", "=like", "softwhere.%")]):
            Model = env.get(model.model)
            if Model is None or Model._abstract or Model._transient:
                continue
            records = Model.with_context(lang="fr_FR", active_test=False).search(
                [], limit=NAMED_RECORDS
            )
            # By its name; the texts stored once for every reader (a run's
            # reasons…) are written in the language of the database's install,
            # English in the test databases: not read here.
            for record in records:
                name = record.display_name or ""
                if any(pattern.fullmatch(name) for pattern in patterns):
                    problems.append(
                        f"{model.model}({record.id}): named in English (“{name}”) "
                        "in French"
                    )
        cr.commit()
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
    problems += check_seen_in_french(args.database, addons)
    for problem in problems:
        print(problem)
    print(f"French translations: {len(problems)} term(s) missing")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
