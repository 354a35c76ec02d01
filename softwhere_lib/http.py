"""One place to build HTTP sessions: timeouts, retries with backoff, errors,
and the rule for writes that are not idempotent."""

import time
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.auth import AuthBase
from requests.sessions import SessionRedirectMixin
from urllib3.util.retry import Retry

from .exceptions import (
    ApiError,
    AuthenticationError,
    NotFoundError,
    TransientApiError,
    ValidationError,
)

RETRY_STATUSES = (429, 500, 502, 503, 504)
#: Seconds a client waits for an answer by default (connect and read).
DEFAULT_TIMEOUT = 10.0


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def build_session(
    retries=5,
    backoff_factor=0.2,
    backoff_max=10.0,
    user_agent=None,
    retry_post=False,
):
    """Return a ``requests.Session`` retrying transient failures.

    urllib3 honours ``Retry-After`` on 429/503 and backs off exponentially on
    the rest. Reads (GET) are retried on timeouts, 429 and 5xx. POST is not
    (``retry_post=False``, the default): a POST that timed out or got a 5xx may
    have been applied, so the client reads back whether it was before sending
    it again (``apply_once``). A POST that never reached the server (the
    connection refused) is retried: nothing was sent. ``retry_post=True`` is
    for protocols whose reads are POSTs too (SOAP's ``GetParc``).
    """
    methods = READ_METHODS | {"POST"} if retry_post else READ_METHODS
    retry = Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        backoff_factor=backoff_factor,
        backoff_max=backoff_max,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=methods,
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry, pool_connections=4, pool_maxsize=8)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    if user_agent:
        session.headers["User-Agent"] = user_agent
    return session


class HeaderKeyAuth(AuthBase):
    """An API key sent in a header of its own (``X-Api-Key: …``), to its host only.

    ``requests`` strips only ``Authorization`` when a redirect leads to another
    host: any other header, this key's included, would be copied onto the
    request to the new host (``Session.rebuild_auth``). So a redirect to another
    host is refused before it is followed, with an error naming that host; a
    redirect within the same host (``requests``' own rule for ``Authorization``)
    is followed as usual.
    """

    def __init__(self, header, key):
        self.header = header
        self.key = key

    def __call__(self, request):
        request.headers[self.header] = self.key
        request.register_hook("response", refuse_cross_host_redirect)
        return request


def _host(url):
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname


def refuse_cross_host_redirect(response, **_kwargs):
    """Response hook: a redirect to another host is an error, never followed."""
    if not response.is_redirect:
        return response
    target = urljoin(response.url, response.headers["location"])
    if SessionRedirectMixin().should_strip_auth(response.url, target):
        response.close()
        raise ApiError(
            f"{response.request.method} {response.url} : redirection refusée vers "
            f"un autre hôte ({_host(target)}), qui recevrait la clé d'API ; "
            "corrigez l'URL du backend.",
            status=response.status_code,
            url=response.url,
        )
    return response


def send(session, method, url, *, timeout, **kwargs):
    """Send a request; map every failure onto our error classes."""
    try:
        response = session.request(method, url, timeout=timeout, **kwargs)
    except requests.exceptions.RetryError as exc:
        raise TransientApiError(
            f"{method} {url}: retries exhausted ({exc})", url=url
        ) from exc
    except (requests.exceptions.Timeout, requests.exceptions.ConnectionError) as exc:
        raise TransientApiError(
            f"{method} {url}: {exc.__class__.__name__}", url=url
        ) from exc
    raise_for_status(response)
    return response


def raise_for_status(response):
    status = response.status_code
    if status < 400:
        return
    url = response.url
    detail = response.text[:300]
    message = f"{response.request.method} {url}: HTTP {status} {detail}".strip()
    if status in (401, 403):
        raise AuthenticationError(message, status=status, url=url)
    if status == 404:
        raise NotFoundError(message, status=status, url=url)
    if status in (400, 409, 422):
        raise ValidationError(message, status=status, url=url)
    if status in RETRY_STATUSES:
        raise TransientApiError(message, status=status, url=url)
    raise ApiError(message, status=status, url=url)


def request_json(
    session, method, url, *, timeout, body_retries=3, check=None, **kwargs
):
    """Send and decode JSON; a body cut short or not the one asked for is asked again.

    HTTP-level failures are retried by the session (urllib3 ``Retry``); a body
    that is not the JSON we asked for is no HTTP error, so it is retried here.
    ``check(payload)`` returns what is wrong with a decoded body, or None.
    Writes pass ``body_retries=0``: an unreadable answer to a write is a
    ``TransientApiError`` for ``apply_once`` to read back, never a blind resend.
    """
    problem = None
    for _attempt in range(body_retries + 1):
        response = send(session, method, url, timeout=timeout, **kwargs)
        try:
            payload = response.json()
        except ValueError:
            problem = f"{method} {url}: malformed JSON body"
            continue
        problem = check(payload) if check else None
        if problem is None:
            return payload
    raise TransientApiError(problem, url=url)


class WriteOutcomeUnknown(TransientApiError):
    """A write failed so that it may or may not have been applied, and reading
    back failed too: retry later, with the same idempotency key."""


def apply_once(operation, send, read_back, *, attempts=3, pause=1.0, read_first=False):
    """Run a write that is not idempotent: applied once, never sent blindly twice.

    ``send()`` sends the write and returns its result; it raises
    ``TransientApiError`` when the answer is lost (timeout, 5xx, 429, a body
    cut short), after which the write may or may not have been applied.
    ``read_back()`` returns the applied result as the platform shows it, or
    None when the write is not there. After a lost answer the write is read
    back: applied, its result is returned; not applied, it is sent again (with
    the same idempotency key, the second safety), ``attempts`` times at most.
    A read back that fails raises ``WriteOutcomeUnknown``.

    ``read_first``: the write is read back before it is first sent too, for a
    caller that may run the whole operation again after a crash (a job
    retried after its transaction was lost): what is already applied is
    returned, not sent again.
    """
    if read_first:
        applied = read_back()
        if applied is not None:
            return applied
    error = None
    for attempt in range(attempts):
        if attempt and pause:
            time.sleep(pause)
        try:
            return send()
        except TransientApiError as exc:
            error = exc
        try:
            applied = read_back()
        except ApiError as exc:
            raise WriteOutcomeUnknown(
                f"{operation}: {error}; applied or not, unknown: the read back "
                f"failed ({exc})",
                status=error.status,
                url=error.url,
            ) from exc
        if applied is not None:
            return applied
    raise error
