"""A simulated timeout stalls longer than the clients wait by default, so the
command-line simulators really make the clients time out."""

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from softwhere_lib.alphalink import AlphalinkClient
from softwhere_lib.cfast import CfastClient
from softwhere_lib.http import DEFAULT_TIMEOUT
from softwhere_lib.snaic import SnaicClient
from softwhere_sim.cfast import start_cfast
from softwhere_sim.common import FaultInjector, base_argument_parser

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("client", [CfastClient, SnaicClient, AlphalinkClient])
def test_clients_wait_the_default_timeout(client):
    assert inspect.signature(client).parameters["timeout"].default == DEFAULT_TIMEOUT


def test_the_stall_exceeds_the_clients_default_timeout():
    assert base_argument_parser("x").parse_args([]).timeout_delay > DEFAULT_TIMEOUT
    assert FaultInjector().timeout_delay > DEFAULT_TIMEOUT
    server = start_cfast(customers=1, lines=1)
    try:
        assert server.app.faults.timeout_delay > DEFAULT_TIMEOUT
    finally:
        server.stop()
    assert base_argument_parser("x").parse_args(
        ["--timeout-delay", "0.5"]
    ).timeout_delay == pytest.approx(0.5)


@pytest.mark.parametrize("script", ["cfast", "snaic", "alphalink", "run_all"])
def test_each_command_line_says_its_stall(script):
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "simulators" / f"{script}.py"), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--timeout-delay" in result.stdout
    assert f"(default {DEFAULT_TIMEOUT + 5:g})" in " ".join(result.stdout.split())
