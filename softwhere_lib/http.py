"""One place to build HTTP sessions: timeouts, retries with backoff, errors."""

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .exceptions import (
    ApiError,
    AuthenticationError,
    NotFoundError,
    TransientApiError,
    ValidationError,
)

RETRY_STATUSES = (429, 500, 502, 503, 504)


def build_session(retries=5, backoff_factor=0.2, backoff_max=10.0, user_agent=None):
    """Return a ``requests.Session`` retrying transient failures.

    urllib3 honours ``Retry-After`` on 429/503 and backs off exponentially on
    the rest. POST is retried too: every write of ours carries an idempotency
    key, so a replay cannot provision twice.
    """
    retry = Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        backoff_factor=backoff_factor,
        backoff_max=backoff_max,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "POST"}),
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
    Writes are safe to repeat: ours carry an idempotency key.
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
