"""The installed library holds production code only: no test server, no Werkzeug."""

import ast
import re
import subprocess
import sys
from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[1]


def test_the_distribution_ships_softwhere_lib_only():
    pyproject = (ROOT / "pyproject.toml").read_text()
    # tomllib is 3.11+: the two settings read here are one line each.
    include = ast.literal_eval(re.search(r"^include = (.*)$", pyproject, re.M)[1])
    packages = find_packages(str(ROOT), include=include)
    assert packages == ["softwhere_lib"], packages
    dependencies = re.search(r"^dependencies = \[(.*?)\]", pyproject, re.M | re.S)[1]
    assert "werkzeug" not in dependencies.lower()


def test_every_module_of_the_library_imports_without_werkzeug():
    """The library's modules never import a test server nor its HTTP framework."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import softwhere_lib\n"
        "prefix = 'softwhere_lib.'\n"
        "for module in pkgutil.walk_packages(softwhere_lib.__path__, prefix):\n"
        "    importlib.import_module(module.name)\n"
        "roots = {m.split('.')[0] for m in sys.modules}\n"
        "bad = sorted(roots & {'werkzeug', 'softwhere_sim'})\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
