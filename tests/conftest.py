"""Fixtures for the tests that need no Odoo: simulators on loopback."""

import pytest

from softwhere_sim.cfast import start_cfast


@pytest.fixture
def cfast():
    """A small Cfast simulator, fault-free unless a test injects faults."""
    server = start_cfast(
        customers=12, lines=60, seed=7, timeout_delay=1.0, retry_after=0
    )
    yield server
    server.stop()
