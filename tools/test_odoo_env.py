"""Checks of the machine, not of the code: finding Odoo 19.0 and PostgreSQL.

Not part of the unit suite (``make test`` runs ``tests/`` only): the PostgreSQL
checks need ``pg_isready`` on the PATH and may start a local cluster. Run them
by hand on a machine meant to run Odoo:

    .venv/bin/python -m pytest -p no:cacheprovider tools/test_odoo_env.py
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "odoo_env.py"


def run(*args, **env):
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )


def fake_odoo(root, version):
    (root / "odoo").mkdir(parents=True)
    (root / "odoo-bin").write_text("#!/usr/bin/env python3\n")
    (root / "odoo" / "release.py").write_text(
        f"version_info = ({version}, 0, 0, 'final', 0, '')\n"
    )
    return root


def test_a_source_tree_named_by_odoo_src_is_used(tmp_path):
    src = fake_odoo(tmp_path / "odoo19", 19)
    result = run("odoo", ODOO_SRC=str(src))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{sys.executable} {src / 'odoo-bin'}"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: fake_odoo(tmp / "odoo18", 18), "holds Odoo 18.0, not 19.0."),
        (
            lambda tmp: tmp / "nothing-here",
            "is not an Odoo source tree (no odoo-bin or odoo/release.py).",
        ),
    ],
)
def test_a_wrong_tree_fails_with_one_sentence(tmp_path, make, message):
    result = run("odoo", ODOO_SRC=str(make(tmp_path)))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.strip().endswith(message)


def test_postgres_is_found_running():
    result = run("postgres")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in {"PostgreSQL running", "PostgreSQL started"}


def test_an_unknown_port_fails_with_one_sentence():
    result = run("postgres", "--port", "1")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "PostgreSQL does not answer on 127.0.0.1:1 "
        "and no local cluster could be started."
    )
