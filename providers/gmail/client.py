"""Talking to the Gmail API: one service, bounded retries, batches, quota units.

Every request goes through :meth:`Gmail.call` or :meth:`Gmail.batch`, which

* retry what is worth retrying (429, 403 rate limits, 5xx, network failures)
  with bounded exponential back-off that honours ``Retry-After`` (tenacity);
  the client library's own ``num_retries`` is left at 0, since it ignores
  ``Retry-After`` and never retries the items inside a batch;
* retry the failed *items* of a batch, not the whole batch;
* count requests and quota units (Gmail's published costs) for the cycle's log.

Past the bound, or when the server asks for a longer pause than a cycle should
sleep, the failure becomes a ``TransientError`` carrying ``retry_after`` so the
daemon backs off instead.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_any,
    wait_exponential,
)

from . import errors

log = logging.getLogger(__name__)

GOOGLE_ROOT = "https://gmail.googleapis.com"
BATCH_PATH = "/batch/gmail/v1"
BATCH_SIZE = 50  # Google's advice for Gmail: larger batches trip the rate limits

# Gmail quota units per method (developers.google.com/gmail/api/reference/quota).
UNITS = {
    "gmail.users.getProfile": 1,
    "gmail.users.history.list": 2,
    "gmail.users.messages.list": 5,
    "gmail.users.messages.get": 5,
    "gmail.users.messages.attachments.get": 5,
    "gmail.users.messages.trash": 5,
    "gmail.users.threads.get": 10,
    "gmail.users.drafts.list": 5,
    "gmail.users.drafts.get": 5,
    "gmail.users.drafts.create": 10,
    "gmail.users.drafts.delete": 10,
}

Request = Any  # googleapiclient.http.HttpRequest (imported lazily)
Factory = Callable[[], Request]


@dataclass
class Usage:
    """What this provider spent since it was opened."""

    requests: int = 0  # HTTP requests sent (a batch is one)
    units: int = 0
    by_method: Counter[str] = field(default_factory=Counter)

    def spend(self, method: str) -> None:
        cost = UNITS.get(method, 5)
        self.units += cost
        self.by_method[method.removeprefix("gmail.users.")] += cost

    def summary(self) -> str:
        parts = ", ".join(f"{m} {u}" for m, u in sorted(self.by_method.items()))
        return f"{self.requests} requests, {self.units} quota units" + (
            f" ({parts})" if parts else "")


@dataclass
class RetryPolicy:
    """Bounded exponential back-off; ``sleep`` is replaceable so tests need not wait."""

    attempts: int = 5
    first: float = 1.0  # seconds before the first retry; doubles each time
    cap: float = 32.0  # no single back-off is longer
    max_wait: float = 60.0  # a Retry-After beyond this is left to the daemon
    sleep: Callable[[float], None] = time.sleep


class _ItemsFailed(Exception):
    """Some items of a batch failed in a way worth retrying."""

    def __init__(self, first: BaseException, retry_after: float | None) -> None:
        super().__init__(str(first))
        self.first = first
        self.retry_after = retry_after


def _retry_after(exc: BaseException | None) -> float | None:
    if isinstance(exc, _ItemsFailed):
        return exc.retry_after
    return errors.retry_after(exc) if exc is not None else None


def _asks_longer_than(limit: float) -> Callable[[RetryCallState], bool]:
    """Stop now when the server asks for a longer pause than a cycle should sleep."""

    def stop(state: RetryCallState) -> bool:
        exc = state.outcome.exception() if state.outcome else None
        return (_retry_after(exc) or 0.0) > limit

    return stop


class Gmail:
    """The Gmail API of one mailbox (``user``), with retries and accounting."""

    def __init__(self, service: Any, *, user: str, account: str, batch_uri: str,
                 policy: RetryPolicy | None = None) -> None:
        self.service = service
        self.users = service.users()
        self.user = user
        self.account = account
        self.batch_uri = batch_uri
        self.policy = policy or RetryPolicy()
        self.usage = Usage()

    # -- retrying ---------------------------------------------------------------------
    def _retrying(self, worth_retrying: Callable[[BaseException], bool]) -> Retrying:
        policy = self.policy
        backoff = wait_exponential(multiplier=policy.first, max=policy.cap)

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            return min(max(backoff(state), _retry_after(exc) or 0.0), policy.max_wait)

        def before_sleep(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome else None
            log.info("gmail %s: %s; retry %d in %.1fs", self.account, exc,
                     state.attempt_number, state.upcoming_sleep)

        return Retrying(
            stop=stop_any(stop_after_attempt(policy.attempts),
                          _asks_longer_than(policy.max_wait)),
            wait=wait,
            retry=retry_if_exception(lambda e: isinstance(e, _ItemsFailed) or worth_retrying(e)),
            sleep=policy.sleep,
            before_sleep=before_sleep,
            reraise=True,
        )

    def _fail(self, exc: BaseException, action: str) -> errors.ProviderError:
        first = exc.first if isinstance(exc, _ItemsFailed) else exc
        error = errors.classify(first, action, self.account)
        if isinstance(error, errors.TransientError) and error.retry_after is None:
            error.retry_after = _retry_after(exc)
        return error

    # -- one request ------------------------------------------------------------------
    def call(self, request: Request, action: str, *, repeatable: bool = True) -> Any:
        """Execute one request. ``repeatable=False`` (a create) retries only refusals
        that prove nothing was done (rate limits), never a timeout or a 5xx."""
        worth = errors.is_retryable if repeatable else errors.is_rate_limited

        def attempt() -> Any:
            self.usage.requests += 1
            self.usage.spend(request.methodId)
            return request.execute()

        try:
            return self._retrying(worth)(attempt)
        except Exception as exc:
            raise self._fail(exc, action) from exc

    def pages(self, make: Callable[[str | None], Request], action: str,
              max_pages: int = 1000) -> Iterator[dict[str, Any]]:
        """Every page of a list call; ``make(page_token)`` builds the request. A listing
        that cannot be finished fails rather than end early: a cursor saved after a
        partial history would skip what it did not read."""
        token: str | None = None
        seen: set[str] = set()
        for _ in range(max_pages):
            page = self.call(make(token), action) or {}
            yield page
            token = page.get("nextPageToken")
            if not token:
                return
            if token in seen:
                raise errors.TransientError(f"{action} (account {self.account!r}): Gmail "
                                            "returned the same page token twice")
            seen.add(token)
        raise errors.TransientError(f"{action} (account {self.account!r}): more than "
                                    f"{max_pages} pages")

    # -- batches ----------------------------------------------------------------------
    def batch(self, factories: Mapping[str, Factory], action: str) -> dict[str, Any]:
        """Run many requests in batches of ``BATCH_SIZE``; each failed item is retried
        on its own. Items answered 404 (gone meanwhile) are left out of the result."""
        keys = list(factories)
        results: dict[str, Any] = {}
        for start in range(0, len(keys), BATCH_SIZE):
            # Short request ids: long ones get folded in the Content-ID header.
            pending = {str(n): factories[keys[n]]
                       for n in range(start, min(start + BATCH_SIZE, len(keys)))}
            answered: dict[str, Any] = {}
            try:
                self._retrying(errors.is_retryable)(self._batch_round, pending, answered, action)
            except Exception as exc:
                raise self._fail(exc, action) from exc
            results.update((keys[int(n)], value) for n, value in answered.items())
        return results

    def _batch_round(self, pending: dict[str, Factory], results: dict[str, Any],
                     action: str) -> None:
        from googleapiclient.http import BatchHttpRequest

        retry: list[BaseException] = []
        fatal: list[BaseException] = []

        def done(request_id: str, response: Any, exc: BaseException | None) -> None:
            if exc is None:
                results[request_id] = response
                pending.pop(request_id, None)
            elif errors.status_of(exc) == 404:
                log.debug("gmail %s: %s: %s is gone", self.account, action, request_id)
                pending.pop(request_id, None)
            elif errors.is_retryable(exc):
                retry.append(exc)
            else:
                fatal.append(exc)

        # An explicit batch_uri: without it the library posts to googleapis.com
        # whatever endpoint the service was built for.
        batch = BatchHttpRequest(callback=done, batch_uri=self.batch_uri)
        for request_id, make in pending.items():
            request = make()
            self.usage.spend(request.methodId)
            batch.add(request, request_id=request_id)
        self.usage.requests += 1
        batch.execute()
        if fatal:
            raise fatal[0]
        if retry:
            waits = [w for w in map(errors.retry_after, retry) if w is not None]
            raise _ItemsFailed(retry[0], max(waits) if waits else None)


def connect(account: Any, credentials: Any, policy: RetryPolicy | None = None) -> Gmail:
    """A ``Gmail`` for ``account`` (its own endpoint when the config overrides it)."""
    import google_auth_httplib2
    import httplib2
    from googleapiclient.discovery import build

    root = account.api_endpoint or GOOGLE_ROOT
    http = google_auth_httplib2.AuthorizedHttp(
        credentials, http=httplib2.Http(timeout=account.timeout.total_seconds())
    )
    options = {"api_endpoint": account.api_endpoint} if account.api_endpoint else None
    # The discovery document shipped with the library: no network request to build.
    service = build("gmail", "v1", http=http, static_discovery=True, cache_discovery=False,
                    client_options=options)
    return Gmail(service, user=account.user, account=account.name,
                 batch_uri=root + BATCH_PATH, policy=policy)
