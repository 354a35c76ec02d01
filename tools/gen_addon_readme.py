#!/usr/bin/env python3
"""Write each addon's README.rst from its ``readme/*.md`` fragments, as OCA does.

    python tools/gen_addon_readme.py           write them
    python tools/gen_addon_readme.py --check   fail when one is out of date

The fragments use a small part of Markdown (paragraphs, lists, headings,
``code``, **bold**, links), turned into reStructuredText here.
"""

import argparse
import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = (
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("ROADMAP.md", "Known issues / Roadmap"),
)
_UNDERLINES = "=-~^"


def _inline(text):
    text = re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", text)
    return re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"`\1 <\2>`_", text)


def markdown_to_rst(markdown, level=1):
    lines = []
    for line in markdown.strip().splitlines():
        heading = re.match(r"^(#+)\s+(.*)$", line)
        if heading:
            title = _inline(heading.group(2))
            depth = min(level + len(heading.group(1)) - 1, len(_UNDERLINES) - 1)
            lines += [title, _UNDERLINES[depth] * len(title)]
        else:
            lines.append(_inline(line))
    return "\n".join(lines)


def _title(text, char):
    return f"{text}\n{char * len(text)}\n"


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    readme = addon / "readme"
    name = manifest["name"]
    parts = [
        "=" * len(name),
        name,
        "=" * len(name),
        "",
        f"*{manifest.get('summary', '').strip()}*",
        "",
        f":Version: {manifest['version']}",
        f":License: {manifest['license']}",
        f":Maturity: {manifest.get('development_status', 'Alpha')}",
        f":Depends: {', '.join(manifest.get('depends', []))}",
        "",
    ]
    for filename, title in SECTIONS:
        fragment = readme / filename
        if not fragment.exists():
            continue
        if title:
            parts.append(_title(title, "="))
        parts += [markdown_to_rst(fragment.read_text(), level=2), ""]
    parts.append(_title("Credits", "="))
    parts.append(_title("Authors", "-"))
    parts += [f"* {author.strip()}" for author in manifest["author"].split(",")]
    parts.append("")
    contributors = readme / "CONTRIBUTORS.md"
    if contributors.exists():
        parts.append(_title("Contributors", "-"))
        parts += [markdown_to_rst(contributors.read_text(), level=3), ""]
    parts.append(
        "This file is generated from ``readme/*.md`` by "
        "``tools/gen_addon_readme.py``: edit the fragments, not this file."
    )
    return "\n".join(parts) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = []
    for manifest in sorted((ROOT / "addons").glob("*/__manifest__.py")):
        addon = manifest.parent
        text = render(addon)
        target = addon / "README.rst"
        if args.check:
            if not target.exists() or target.read_text() != text:
                stale.append(str(target.relative_to(ROOT)))
        else:
            target.write_text(text)
    if stale:
        print(
            "Out of date (run `make readme`): " + ", ".join(stale),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
