"""A platform that does not answer at all gives a transient error, to retry later."""

import socket

import pytest

from softwhere_lib import supplier
from softwhere_lib.cfast import CfastClient
from softwhere_lib.exceptions import TransientApiError


@pytest.fixture
def closed_url():
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.mark.parametrize(
    "make_client",
    [
        lambda url: CfastClient(url, "token", timeout=0.5, retries=1, backoff_factor=0),
        lambda url: supplier.client_for(
            "snaic",
            url=f"{url}/soap/parc",
            login="l",
            password="p",
            timeout=0.5,
            retries=1,
        ),
        lambda url: supplier.client_for(
            "alphalink", url=url, api_key="k", timeout=0.5, retries=1, backoff_factor=0
        ),
    ],
    ids=["cfast", "snaic", "alphalink"],
)
def test_connection_refused_is_transient(closed_url, make_client):
    with pytest.raises(TransientApiError, match="127.0.0.1"):
        make_client(closed_url).ping()
