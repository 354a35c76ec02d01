"""Errors raised by the clients.

The split matters to the callers: a ``TransientApiError`` is worth retrying
later (``queue_job``'s ``RetryableJobError``), any other ``ApiError`` is not.
"""


class ApiError(Exception):
    """An external system refused or failed a call."""

    def __init__(self, message, *, status=None, url=None):
        super().__init__(message)
        self.status = status
        self.url = url


class TransientApiError(ApiError):
    """Timeouts, 429/5xx after the client's own retries, malformed bodies."""


class AuthenticationError(ApiError):
    """Bad or missing credentials (HTTP 401/403, SOAP authentication fault)."""


class NotFoundError(ApiError):
    """The remote record does not exist."""


class ValidationError(ApiError):
    """The remote system rejected the data sent (HTTP 400/409/422)."""


class UnexpectedDataError(ApiError):
    """A record holds a value the client cannot read (a code outside its
    vocabulary, a missing key): final, the message names the record and field."""
