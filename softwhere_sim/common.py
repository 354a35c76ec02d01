"""What the simulators share: a loopback WSGI server in a thread, and faults.

Faults come two ways: a random rate (``--fault-rate``), drawn from a seeded
generator so a run can be replayed, and a script of faults queued by a test
(``inject``) for the next matching requests.
"""

import argparse
import json
import logging
import random
import threading
import time
from collections import deque

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from softwhere_lib.http import DEFAULT_TIMEOUT

_logger = logging.getLogger(__name__)

#: Every fault the simulators can inject.
FAULT_KINDS = ("429", "500", "503", "timeout", "malformed", "duplicate_page")
#: Seconds a "timeout" fault stalls by default: longer than the clients wait
#: by default, so a client started with its defaults does time out. Tests set
#: a short stall and a shorter client timeout.
DEFAULT_STALL = DEFAULT_TIMEOUT + 5


class FaultInjector:
    def __init__(
        self,
        rate=0.0,
        seed=0,
        kinds=FAULT_KINDS,
        timeout_delay=DEFAULT_STALL,
        retry_after=1,
    ):
        self.rate = rate
        self.retry_after = retry_after
        self.kinds = tuple(kinds)
        self.timeout_delay = timeout_delay
        self._rng = random.Random(seed)
        self._script = deque()
        self._lock = threading.Lock()
        self.served = dict.fromkeys(FAULT_KINDS, 0)

    def inject(self, *kinds, path=None):
        """Queue faults for the next requests whose key contains ``path``.

        The key is ``"<METHOD> <path>"`` (``"POST /v1/lines"``), and for SOAP
        ``"POST /soap/parc#<Operation>"`` (``"#CreerLigne"``).
        """
        with self._lock:
            for kind in kinds:
                if kind not in FAULT_KINDS:
                    raise ValueError(f"unknown fault {kind!r}")
                self._script.append((kind, path))

    def clear(self):
        with self._lock:
            self._script.clear()

    def draw(self, path):
        with self._lock:
            for index, (kind, wanted) in enumerate(self._script):
                if wanted is None or wanted in path:
                    del self._script[index]
                    return kind
            if self.rate and self._rng.random() < self.rate:
                return self._rng.choice(self.kinds)
        return None

    def record(self, kind):
        """Count a fault once it really changed an answer."""
        with self._lock:
            self.served[kind] += 1


class IdempotencyStore:
    """Writes keyed by the client's idempotency key run once.

    A replay with the same key and the same request gets the first answer
    again; the same key with another request is refused (409), as payment and
    telecom APIs do. Writes are serialised, which a simulator can afford.
    """

    def __init__(self, honoured=True):
        self._answers = {}
        self._lock = threading.Lock()
        self.replays = 0
        #: False: a platform that ignores idempotency keys (nothing says the
        #: real ones honour them); every write is applied again.
        self.honoured = honoured
        self.writes_applied = 0

    def run(self, key, fingerprint, write):
        """``write()`` returns ``(status, payload)``; so does this."""
        with self._lock:
            if not self.honoured:
                self.writes_applied += 1
                return write()
            if key and key in self._answers:
                seen, answer = self._answers[key]
                if seen != fingerprint:
                    return 409, {
                        "error": f"idempotency key {key} used for another request"
                    }
                self.replays += 1
                return answer
            answer = write()
            self.writes_applied += 1
            if key and answer[0] < 500:
                self._answers[key] = (fingerprint, answer)
            return answer


def json_response(payload, status=200, headers=None):
    return Response(
        json.dumps(payload, ensure_ascii=False),
        status=status,
        headers=headers,
        content_type="application/json; charset=utf-8",
    )


class SimulatorApp:
    """Base WSGI app: applies faults, then lets the subclass answer.

    ``is_page`` tells whether a request reads a list page, the only kind of
    answer a "page returned twice" fault can apply to.
    """

    #: Paths never subject to faults (the simulator's own admin API).
    admin_prefix = "/_admin"

    def __init__(self, faults=None):
        self.faults = faults or FaultInjector()
        self.requests_served = 0
        self._last_page = {}
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        request = Request(environ)
        response = self.respond(request)
        return response(environ, start_response)

    def respond(self, request):
        with self._lock:
            self.requests_served += 1
        if request.path.startswith(self.admin_prefix):
            return self.handle_admin(request)
        fault = self.faults.draw(self.fault_key(request))
        if fault in ("429", "500", "503"):
            # Refused before doing anything: a write is not applied.
            self.faults.record(fault)
            return self.error_response(int(fault))
        response = self.handle(request)
        if fault == "timeout":
            # The request is done (a write is applied), then the answer comes
            # later than the client's timeout: the client gave up on it.
            self.faults.record(fault)
            time.sleep(self.faults.timeout_delay)
        is_page = self.is_page(request) and response.status_code == 200
        if fault == "malformed":
            self.faults.record(fault)
            body = response.get_data()
            response.set_data(body[: max(1, len(body) // 2)])
        elif fault == "duplicate_page" and is_page:
            previous = self._last_page.get(self.page_key(request))
            if previous is not None and previous != response.get_data():
                self.faults.record(fault)
                response.set_data(previous)
                return response
        if is_page and fault != "malformed":
            self._last_page[self.page_key(request)] = response.get_data()
        return response

    def error_response(self, status):
        headers = (
            {"Retry-After": str(self.faults.retry_after)}
            if status in (429, 503)
            else None
        )
        return json_response(
            {"error": f"simulated HTTP {status}"}, status=status, headers=headers
        )

    def fault_key(self, request):
        """What ``inject(path=…)`` matches: ``"POST /api/v1/services"``."""
        return f"{request.method} {request.path}"

    # Subclasses answer these.
    def handle(self, request):  # pragma: no cover - abstract
        raise NotImplementedError

    def handle_admin(self, request):
        return json_response({"error": "unknown admin path"}, status=404)

    def is_page(self, request):
        return False

    def page_key(self, request):
        """Pages of one list share a key; a duplicate serves the previous one."""
        return request.path


class _QuietRequestHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        """Tests and benchmarks send thousands of requests: no access log."""


class SimulatorServer:
    """Runs a simulator app on loopback in a daemon thread."""

    def __init__(self, app, host="127.0.0.1", port=0, quiet=True):
        self.app = app
        handler = _QuietRequestHandler if quiet else WSGIRequestHandler
        self._server = make_server(
            host, port, app, threaded=True, request_handler=handler
        )
        self.host = host
        self.port = self._server.server_port
        self._thread = None

    @property
    def url(self):
        return f"http://{self.host}:{self.port}"

    def start(self):
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self):
        return self if self._thread else self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def serve_forever(self):
        _logger.info("serving %s on %s", type(self.app).__name__, self.url)
        try:
            self._server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            self._server.server_close()


def add_timeout_delay_argument(parser):
    parser.add_argument(
        "--timeout-delay",
        type=float,
        default=DEFAULT_STALL,
        help="seconds a 'timeout' fault stalls, longer than the clients' "
        f"default timeout of {DEFAULT_TIMEOUT:g} s (default {DEFAULT_STALL:g})",
    )


def base_argument_parser(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--fault-rate",
        type=float,
        default=0.0,
        help="share of requests that fail (0..1)",
    )
    add_timeout_delay_argument(parser)
    return parser


def serve_from_cli(app, args, banner):
    server = SimulatorServer(app, host=args.host, port=args.port, quiet=False)
    # The port line lets scripts (make run, docker) find a port picked with --port 0.
    print(f"{banner} listening on {server.url}", flush=True)
    server.serve_forever()
