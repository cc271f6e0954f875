"""Gmail API / OAuth / network failures -> outbox's ``ProviderError`` family.

Google answers errors as ``{"error": {"code", "message", "errors": [{"reason",
...}]}}``. What is worth retrying (within a cycle, with back-off, and then by
the daemon) is a 429, a 403 whose reason is a rate limit, a 5xx and a network
failure; a 401 that survived the token refresh, or a refresh refused with
``invalid_grant``, means the user must authorize again; any other 4xx is
permanent and carries Google's own message.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from outbox.provider import AuthError, PermanentError, ProviderError, TransientError

log = logging.getLogger(__name__)

RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})
# The refresh token is dead: revoked, expired, or the OAuth client was deleted.
_DEAD_GRANT = ("invalid_grant", "invalid_client", "unauthorized_client", "deleted_client")


class NotFound(PermanentError):
    """Gmail answered 404: the thing asked for does not exist (any more)."""


def reauth_hint(account: str) -> str:
    return f"run `outbox auth {account}` again to authorize outbox for this mailbox"


def status_of(exc: BaseException) -> int | None:
    resp = getattr(exc, "resp", None)
    status = getattr(resp, "status", None)
    return int(status) if status is not None else None


def google_error(exc: BaseException) -> tuple[str, str]:
    """(reason, message) from Google's error body; ("", "") when there is none."""
    try:
        data = json.loads(getattr(exc, "content", b"") or b"{}")
        error = data["error"]
        if isinstance(error, str):  # OAuth style: {"error": "invalid_grant", ...}
            return error, str(data.get("error_description") or error)
        reasons = [e.get("reason", "") for e in error.get("errors") or ()]
        return (reasons[0] if reasons else str(error.get("status", ""))), str(
            error.get("message", "")
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return "", ""


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (``Retry-After``: seconds or an HTTP date)."""
    resp = getattr(exc, "resp", None)
    if resp is None or not hasattr(resp, "get"):
        return None
    value = resp.get("retry-after") or resp.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def is_http_error(exc: BaseException) -> bool:
    from googleapiclient.errors import HttpError

    return isinstance(exc, HttpError)


def is_rate_limited(exc: BaseException) -> bool:
    """The request was refused before it was carried out (safe to send again)."""
    status = status_of(exc) if is_http_error(exc) else None
    return status == 429 or (status == 403 and google_error(exc)[0] in RATE_LIMIT_REASONS)


def is_retryable(exc: BaseException) -> bool:
    """Worth sending again after a pause: rate limits, 5xx, network trouble."""
    if is_http_error(exc):
        status = status_of(exc) or 0
        return is_rate_limited(exc) or status >= 500
    if isinstance(exc, ProviderError):
        return isinstance(exc, TransientError)
    return _is_network(exc) or _is_retryable_auth(exc)


def _is_network(exc: BaseException) -> bool:
    import httplib2
    from google.auth.exceptions import TransportError as AuthTransportError

    # OSError covers timeouts, refused and dropped connections, and TLS failures.
    return isinstance(exc, OSError | httplib2.HttpLib2Error | AuthTransportError)


def _is_retryable_auth(exc: BaseException) -> bool:
    from google.auth.exceptions import RefreshError

    return isinstance(exc, RefreshError) and bool(getattr(exc, "retryable", False))


def classify(exc: BaseException, action: str, account: str) -> ProviderError:
    """The ``ProviderError`` that stands for ``exc`` raised while doing ``action``."""
    if isinstance(exc, ProviderError):
        return exc
    where = f"{action} (account {account!r})"
    from google.auth.exceptions import RefreshError

    if isinstance(exc, RefreshError):
        return _refresh_error(exc, where, account)
    if is_http_error(exc):
        return _http_error(exc, where, account)
    if _is_network(exc):
        kind = "timed out" if isinstance(exc, TimeoutError) else "failed"
        return TransientError(f"{where}: the connection to Gmail {kind}: "
                              f"{exc or type(exc).__name__}")
    log.error("unexpected error during %s", where, exc_info=exc)
    return TransientError(f"{where}: unexpected {type(exc).__name__}: {exc}")


def _refresh_error(exc: BaseException, where: str, account: str) -> ProviderError:
    text = str(exc.args[0]) if exc.args else str(exc)
    if getattr(exc, "retryable", False):
        return TransientError(f"{where}: Google could not refresh the token now: {text}")
    if any(word in text for word in _DEAD_GRANT):
        return AuthError(f"{where}: Google no longer accepts the stored token, it was revoked "
                         f"or has expired ({text})", hint=reauth_hint(account))
    return AuthError(f"{where}: refreshing the token failed: {text}", hint=reauth_hint(account))


def _http_error(exc: Any, where: str, account: str) -> ProviderError:
    status = status_of(exc) or 0
    reason, message = google_error(exc)
    said = message or getattr(exc, "reason", "") or f"HTTP {status}"
    if is_retryable(exc):
        what = "rate limit" if is_rate_limited(exc) else f"server error {status}"
        return TransientError(f"{where}: Gmail {what}: {said}", retry_after=retry_after(exc))
    if status == 401:
        return AuthError(f"{where}: Gmail refused the token: {said}", hint=reauth_hint(account))
    if status == 403 and reason in ("insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT"):
        return AuthError(f"{where}: the token lacks a permission outbox needs: {said}",
                         hint=reauth_hint(account))
    if status == 403 and reason in ("dailyLimitExceeded", "quotaExceeded"):
        return TransientError(f"{where}: Gmail quota exhausted: {said}", retry_after=3600.0)
    if status == 404:
        return NotFound(f"{where}: not found: {said}")
    return PermanentError(f"{where}: Gmail refused ({status}{' ' + reason if reason else ''}): "
                          f"{said}")
