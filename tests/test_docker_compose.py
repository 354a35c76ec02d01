"""docker-compose.yml names every addon and installs our requirements.

No Docker engine runs on the development machines: the file is parsed and
checked against the repository, not started.
"""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def option(command, name):
    values = [arg.split("=", 1)[1] for arg in command if arg.startswith(f"--{name}=")]
    assert len(values) == 1, f"--{name} given {len(values)} times"
    return values[0]


def test_compose_file_parses_with_the_three_services():
    services = compose()["services"]
    assert set(services) == {"db", "odoo", "simulators"}
    assert services["db"]["image"] == "postgres:15"
    assert services["odoo"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_odoo_installs_every_addon_of_the_repository_with_demo_data():
    odoo = compose()["services"]["odoo"]
    addons = sorted(p.parent.name for p in (ROOT / "addons").glob("*/__manifest__.py"))
    assert addons, "no addon in addons/"
    assert sorted(option(odoo["command"], "init").split(",")) == addons
    assert "--with-demo" in odoo["command"]
    assert "./addons:/mnt/extra-addons:ro" in odoo["volumes"]


def test_the_image_is_odoo_19_with_our_requirements():
    dockerfile = (ROOT / "docker" / "Dockerfile").read_text()
    assert re.search(r"^FROM odoo:19\.0$", dockerfile, re.M)
    assert re.search(r"pip3 install .*-r requirements\.txt", dockerfile)
    copied = re.findall(r"^COPY (.+) /opt/softwhere/", dockerfile, re.M)
    assert "requirements.txt" in " ".join(copied)
    for service in ("odoo", "simulators"):
        build = compose()["services"][service]["build"]
        assert build["dockerfile"] == "docker/Dockerfile"


def test_every_oca_addon_we_depend_on_is_in_the_requirements():
    requirements = (ROOT / "requirements.txt").read_text()
    installed = set(re.findall(r"^odoo-addon-([\w-]+)", requirements, re.M))
    needed = set()
    for manifest in (ROOT / "addons").glob("*/__manifest__.py"):
        depends = re.search(r'"depends":\s*\[(.*?)\]', manifest.read_text(), re.S)
        needed |= set(re.findall(r'"(\w+)"', depends.group(1)))
    ours = {p.parent.name for p in (ROOT / "addons").glob("*/__manifest__.py")}
    oca = needed - ours - CORE_ADDONS
    assert {name.replace("_", "-") for name in oca} <= installed


#: The Odoo 19 Community addons our manifests may name (the rest come from OCA).
CORE_ADDONS = {
    "account",
    "account_edi_ubl_cii",
    "base",
    "base_vat",
    "contacts",
    "l10n_fr",
    "l10n_fr_account",
    "mail",
    "portal",
    "product",
    "purchase",
    "stock",
    "web",
}
