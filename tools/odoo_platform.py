#!/usr/bin/env python3
"""Find or prepare the platform: Odoo 19.0, Python 3.12, a virtualenv, PostgreSQL.

    python3 tools/odoo_platform.py odoo [--clone]  the Odoo 19.0 source tree
    python3 tools/odoo_platform.py venv            the virtualenv, built if missing
    python3 tools/odoo_platform.py postgres        PostgreSQL, started if down

Standard library only: it runs on whatever ``python3`` the machine has, before
any virtualenv exists. Every failure prints one sentence and exits 1.

Odoo is the source tree named by ``ODOO_SRC`` (default ``/opt/odoo-19``). With
``--clone`` (``make run``), a missing tree is cloned from the official 19.0
branch, which is what a user with internet access gets.

The virtualenv lives outside the checkout, in
``~/.cache/softwhere/venv-<key>``, where the key is a hash of everything that
decides its content (the Python, the Odoo tree and the requirement files): a
fresh clone of the same commit finds it ready, and a change of requirements
builds a new one. ``SOFTWHERE_VENV`` names another place. The repository's own
code is never installed in it: the Makefile puts the checkout on ``PYTHONPATH``,
so each clone runs its own ``softwhere_lib``.
"""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SRC = Path("/opt/odoo-19")
ODOO_GIT = "https://github.com/odoo/odoo.git"
WANTED = (19, 0)
PYTHON_WANTED = "3.12"
#: Odoo requirements left out: python-ldap only serves auth_ldap and needs the
#: OpenLDAP headers; psycopg2 is taken as its binary wheel (no libpq-dev).
_SKIPPED_ODOO_REQUIREMENTS = ("python-ldap",)
_COMPLETE = ".softwhere-complete"
#: The virtualenv knows the distribution ``softwhere-lib`` (see _declare_lib).
_LIB_DECLARED = ".softwhere-lib-declared"


class Missing(Exception):
    """What is missing, as one sentence."""


def _run(command, **kwargs):
    return subprocess.run(command, check=False, **kwargs)


# -- Odoo ------------------------------------------------------------------------
def odoo_src():
    return Path(os.environ.get("ODOO_SRC") or DEFAULT_SRC)


def _version_of(src):
    release = src / "odoo" / "release.py"
    if not (src / "odoo-bin").is_file() or not release.is_file():
        return None
    match = re.search(r"version_info\s*=\s*\(\s*(\d+)\s*,\s*(\d+)", release.read_text())
    return (int(match.group(1)), int(match.group(2))) if match else None


def find_odoo(clone=False):
    src = odoo_src()
    if not src.exists() and clone:
        _clone_odoo(src)
    if not src.exists():
        raise Missing(
            f"Odoo 19.0 not found: no source tree at {src} "
            "(set ODOO_SRC to an Odoo 19.0 source tree, or run `make run`, "
            "which clones the official 19.0 branch there)"
        )
    version = _version_of(src)
    if version is None:
        raise Missing(f"{src} is not an Odoo source tree (no odoo-bin or release.py)")
    if version != WANTED:
        raise Missing(f"{src} holds Odoo {version[0]}.{version[1]}, not 19.0")
    return src


def _clone_odoo(src):
    if shutil.which("git") is None:
        raise Missing(f"Odoo 19.0 not found at {src} and git is not installed")
    print(f"Cloning Odoo 19.0 from {ODOO_GIT} into {src}…", file=sys.stderr)
    result = _run(
        ["git", "clone", "--depth", "1", "--branch", "19.0", ODOO_GIT, str(src)],
        stderr=subprocess.PIPE,
        text=True,
    )
    if result.returncode != 0:
        shutil.rmtree(src, ignore_errors=True)
        reason = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise Missing(f"Odoo 19.0 not found at {src} and cloning it failed: {reason}")


# -- Python 3.12 -----------------------------------------------------------------
def _python_candidates():
    if os.environ.get("PYTHON312"):
        yield os.environ["PYTHON312"]
    on_path = shutil.which(f"python{PYTHON_WANTED}")
    if on_path:
        yield on_path
    pyenv_roots = []
    if shutil.which("pyenv"):
        root = _run(["pyenv", "root"], capture_output=True, text=True).stdout.strip()
        pyenv_roots.append(Path(root))
    pyenv_roots.append(Path.home() / ".pyenv")
    for root in pyenv_roots:
        for version in sorted(
            (root / "versions").glob(f"{PYTHON_WANTED}.*"), reverse=True
        ):
            yield str(version / "bin" / f"python{PYTHON_WANTED}")


def find_python():
    for candidate in _python_candidates():
        if not Path(candidate).is_file():
            continue
        result = _run(
            [
                candidate,
                "-c",
                "import sys, venv; print('%d.%d' % sys.version_info[:2])",
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode == 0 and result.stdout.strip() == PYTHON_WANTED:
            return candidate
    raise Missing(
        f"Python {PYTHON_WANTED} not found (looked at $PYTHON312, "
        f"python{PYTHON_WANTED} on the PATH and pyenv's versions): "
        f"install it, e.g. `pyenv install {PYTHON_WANTED}`"
    )


# -- the virtualenv ----------------------------------------------------------------
def _requirement_files(src):
    return [
        src / "requirements.txt",
        ROOT / "requirements.txt",
        ROOT / "requirements-dev.txt",
        ROOT / "pyproject.toml",
    ]


def venv_path(src, python):
    if os.environ.get("SOFTWHERE_VENV"):
        return Path(os.environ["SOFTWHERE_VENV"])
    digest = hashlib.sha256()
    digest.update(f"{python}\n{src.resolve()}\n".encode())
    for path in _requirement_files(src):
        digest.update(path.name.encode())
        if path.name == "pyproject.toml":
            digest.update(_project_dependencies(path).encode())
        else:
            digest.update(path.read_bytes() if path.exists() else b"")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "softwhere" / f"venv-{digest.hexdigest()[:12]}"


def _project_dependencies(pyproject):
    """Only what decides the virtualenv: a change of lint settings rebuilds nothing."""
    try:
        import tomllib  # noqa: PLC0415 - Python 3.11+
    except ImportError:
        return pyproject.read_text()
    with pyproject.open("rb") as handle:
        return "\n".join(tomllib.load(handle)["project"]["dependencies"])


def _odoo_requirements(src):
    """Odoo's requirements.txt, as this project installs them."""
    lines = []
    for line in (src / "requirements.txt").read_text().splitlines():
        name = re.split(r"[\s=<>~!;\[]", line.strip(), maxsplit=1)[0].lower()
        if name in _SKIPPED_ODOO_REQUIREMENTS:
            continue
        if name == "psycopg2":
            line = line.replace("psycopg2", "psycopg2-binary", 1)
        lines.append(line)
    return "\n".join(lines) + "\n"


def _project_requirements():
    """Our requirements.txt without the editable install of the checkout itself."""
    return "\n".join(
        line
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if not re.match(r"^\s*-e\s+\.\s*$", line)
    )


def _pip(venv, *args):
    command = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", *args]
    result = _run(command, capture_output=True, text=True)
    # pip warns once per package about this machine's missing local indexes.
    noise = re.compile(r"^WARNING: Location '.*' is ignored")
    for line in (result.stdout + result.stderr).splitlines():
        if not noise.match(line):
            print(line, file=sys.stderr)
    if result.returncode != 0:
        raise Missing(f"installing into {venv} failed: {' '.join(args)}")


def _prune_old_venvs(keep):
    """Virtualenvs of older requirements, unused for a week, go."""
    week_ago = time.time() - 7 * 24 * 3600
    for venv in keep.parent.glob("venv-*"):
        marker = venv / _COMPLETE
        if venv != keep and (not marker.exists() or marker.stat().st_mtime < week_ago):
            shutil.rmtree(venv, ignore_errors=True)


def build_venv(venv, src, python):
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    print(f"Building the virtualenv {venv} (Python {PYTHON_WANTED})…", file=sys.stderr)
    started = time.monotonic()
    if _run([python, "-m", "venv", str(venv)]).returncode != 0:
        raise Missing(f"`{python} -m venv {venv}` failed")
    with tempfile.TemporaryDirectory() as tmp:
        odoo_req = Path(tmp) / "odoo-requirements.txt"
        odoo_req.write_text(_odoo_requirements(src))
        project_req = Path(tmp) / "requirements.txt"
        project_req.write_text(_project_requirements())
        lib_req = Path(tmp) / "lib-requirements.txt"
        _pip(venv, "-r", str(odoo_req))
        # Odoo itself, so that the OCA addons' wheels find their `odoo` requirement.
        _pip(venv, "--no-deps", "-e", str(src))
        _run(
            [
                str(venv / "bin" / "python"),
                "-c",
                "import sys, tomllib;"
                "project = tomllib.load(open(sys.argv[1], 'rb'))['project'];"
                "open(sys.argv[2], 'w').write('\\n'.join(project['dependencies']))",
                str(ROOT / "pyproject.toml"),
                str(lib_req),
            ],
        ).check_returncode()
        _pip(
            venv,
            "-r",
            str(lib_req),
            "-r",
            str(project_req),
            "-r",
            str(ROOT / "requirements-dev.txt"),
        )
    (venv / _COMPLETE).write_text("ok\n")
    print(f"Virtualenv ready in {time.monotonic() - started:.0f} s.", file=sys.stderr)


def _lib_version():
    text = (ROOT / "pyproject.toml").read_text()
    return re.search(r'^version = "([^"]+)"', text, re.M).group(1)


def _declare_lib(venv):
    """Install ``softwhere-lib``'s metadata without its code, which each
    checkout puts on ``PYTHONPATH``: the addons name it in their manifests'
    external dependencies, which Odoo checks against the installed
    distributions."""
    version = _lib_version()
    # Written in place (no pip, no build, no network), then renamed: a
    # concurrent run sees the old metadata or the new, never half of it.
    site = next(venv.glob("lib/python3*/site-packages"))
    for old in site.glob("softwhere_lib-*.dist-info"):
        shutil.rmtree(old, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=".softwhere-lib-", dir=site))
    (staging / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: softwhere-lib\nVersion: {version}\n"
    )
    (staging / "INSTALLER").write_text("softwhere\n")
    (staging / "RECORD").write_text("")
    try:
        staging.rename(site / f"softwhere_lib-{version}.dist-info")
    except OSError:  # another run got there first
        shutil.rmtree(staging, ignore_errors=True)
    (venv / _LIB_DECLARED).write_text(f"{version}\n")


def ensure_venv():
    src = find_odoo()
    python = find_python()
    venv = venv_path(src, python)
    marker = venv / _COMPLETE
    if not marker.is_file():
        build_venv(venv, src, python)
        if not os.environ.get("SOFTWHERE_VENV"):
            _prune_old_venvs(venv)
    declared = venv / _LIB_DECLARED
    if not declared.is_file() or declared.read_text().strip() != _lib_version():
        _declare_lib(venv)
    marker.touch()
    return venv


# -- PostgreSQL ------------------------------------------------------------------
def _pg_ready(host, port):
    ready = shutil.which("pg_isready")
    if ready is None:
        raise Missing("PostgreSQL's client tools (pg_isready) are not installed")
    result = _run([ready, "-q", "-h", host, "-p", str(port)], capture_output=True)
    return result.returncode == 0


def _start_local_clusters(port):
    if shutil.which("pg_lsclusters") is None:
        return False
    listing = _run(["pg_lsclusters", "-h"], capture_output=True, text=True)
    started = False
    for line in listing.stdout.splitlines():
        version, name, cluster_port, *_ = line.split()
        if int(cluster_port) == port:
            _run(
                [
                    "pg_ctlcluster",
                    "--skip-systemctl-redirect",
                    version,
                    name,
                    "start",
                ],
                capture_output=True,
            )
            started = True
    return started


def ensure_postgres(host="127.0.0.1", port=5432):
    if _pg_ready(host, port):
        return "running"
    if _start_local_clusters(port):
        for _ in range(40):
            if _pg_ready(host, port):
                return "started"
            time.sleep(0.5)
    raise Missing(
        f"PostgreSQL does not answer on {host}:{port} "
        "and no local cluster could be started"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("what", choices=("odoo", "venv", "postgres"))
    parser.add_argument(
        "--clone", action="store_true", help="clone Odoo 19.0 when it is missing"
    )
    parser.add_argument("--port", type=int, default=5432, help="PostgreSQL port")
    args = parser.parse_args(argv)
    try:
        if args.what == "odoo":
            print(find_odoo(clone=args.clone))
        elif args.what == "venv":
            print(ensure_venv())
        else:
            print(f"PostgreSQL {ensure_postgres(port=args.port)}", file=sys.stderr)
    except Missing as exc:
        print(f"{exc}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
