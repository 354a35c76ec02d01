"""The Alphalink API key reaches the Alphalink host and no other, even when that
host answers with a redirect: two real HTTP servers on loopback."""

import pytest
import requests
from werkzeug.wrappers import Request, Response

from softwhere_lib import supplier
from softwhere_lib.exceptions import ApiError
from softwhere_sim.common import SimulatorServer, json_response

KEY = "alphalink-secret-key"


class Redirector:
    """A platform that moved: every path answers 307 to ``target``/moved/path;
    ``/moved/…`` answers ``pong`` when it gets the key."""

    def __init__(self):
        self.target = None

    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.path.startswith("/moved/"):
            if request.headers.get("X-Api-Key") != KEY:
                response = json_response({"error": "unauthorized"}, status=401)
            else:
                response = json_response({"pong": True})
        else:
            response = Response(
                status=307, headers={"Location": f"{self.target}/moved{request.path}"}
            )
        return response(environ, start_response)


class Recorder:
    """Another host: records the headers of every request it gets."""

    def __init__(self):
        self.headers = []

    def __call__(self, environ, start_response):
        request = Request(environ)
        self.headers.append(dict(request.headers))
        return json_response({"pong": True})(environ, start_response)


@pytest.fixture
def servers():
    redirector, recorder = Redirector(), Recorder()
    first = SimulatorServer(redirector).start()
    second = SimulatorServer(recorder).start()
    yield redirector, first, recorder, second
    first.stop()
    second.stop()


def client(url):
    return supplier.client_for(
        "alphalink", url=url, api_key=KEY, timeout=2, retries=0, backoff_factor=0
    )


def test_the_key_never_reaches_the_host_a_redirect_points_to(servers):
    redirector, first, recorder, second = servers
    # "localhost" rather than 127.0.0.1: another host name as well as another port.
    redirector.target = f"http://localhost:{second.port}"
    with pytest.raises(ApiError, match=f"localhost:{second.port}"):
        client(first.url).ping()
    assert recorder.headers == []  # not even asked, so never given the key


def test_a_plain_session_header_would_have_leaked_it(servers):
    # Why the key is no session header: requests copies it to the other host.
    redirector, first, recorder, second = servers
    redirector.target = f"http://localhost:{second.port}"
    session = requests.Session()
    session.headers["X-Api-Key"] = KEY
    session.get(f"{first.url}/v1/ping", timeout=2)
    assert recorder.headers[0]["X-Api-Key"] == KEY


def test_a_redirect_within_the_same_host_is_followed_with_the_key(servers):
    redirector, first, recorder, _second = servers
    redirector.target = first.url
    assert client(first.url).ping() is True
    assert recorder.headers == []
