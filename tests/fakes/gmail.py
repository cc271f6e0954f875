"""A faithful local Gmail API (and Google OAuth) server on loopback, for tests.

The *real* ``google-api-python-client`` talks to it; every request is checked
against the Gmail discovery document shipped inside that package
(``googleapiclient/discovery_cache/documents/gmail.v1.json``). What real Gmail
rejects, the fake rejects, with Google's error shape.

    with GmailFake(user="ada@example.com") as fake:
        creds = fake.credentials([READONLY, COMPOSE])     # or issue_token() / the OAuth flow
        service = build("gmail", "v1", credentials=creds, static_discovery=True,
                        client_options={"api_endpoint": fake.url})
        fake.deliver(raw_rfc822_bytes)                    # arrives in INBOX, UNREAD
        batch = BatchHttpRequest(callback=cb, batch_uri=fake.batch_uri)

Client traps the fake reproduces (the provider must handle them):
``service.new_batch_http_request()`` posts to https://gmail.googleapis.com/batch
whatever ``api_endpoint`` says — pass ``batch_uri`` yourself; ``media_body``
uploads keep rootUrl's *https* scheme, so against an http endpoint send the
message as JSON ``raw`` instead; oauthlib refuses the http token endpoint
unless ``OAUTHLIB_INSECURE_TRANSPORT=1`` (set it only for loopback URLs).

Lifecycle: ``GmailFake(user="ada@example.com", *, host="127.0.0.1", port=0,
client_id=..., client_secret=..., token_lifetime=3600)``; ``start()``/``stop()``
or a context manager; ThreadingHTTPServer, thread-safe. ``url``
(``http://127.0.0.1:PORT``), ``batch_uri``, ``auth_uri``, ``token_uri``.

Knobs:
- ``token_lifetime`` seconds an access token lives; ``expire_access_tokens()``
  expires all now (the next call gets 401 and the client refreshes).
- ``empty_history_pages = True``: every ``history.list`` without pageToken
  answers a page with ``nextPageToken`` and no ``history`` first.
- ``expire_history(before=None)``: forget history below ``before`` (default:
  all of it; the current historyId moves on) -> older ``startHistoryId`` is
  404 notFound. Ids below the mailbox's first historyId are always 404.
- ``fail_next(n=1, status=429, retry_after=None, reason=None, *, method=None)``:
  the next ``n`` API calls (each batch part is one; ``method="users.history.list"``
  restricts it; ``method="batch"`` fails the batch POST itself) answer Google's
  error (429 rateLimitExceeded, 403 userRateLimitExceeded, 500/503 backendError,
  or ``reason``) with ``Retry-After`` when given.
- ``deny_consent = True``: the consent page redirects with ``error=access_denied``.
- ``consent_scopes``: what consent may grant (default gmail.readonly +
  gmail.compose; add ``MODIFY`` for an account that trashes stale drafts).
- ``clock``: callable returning epoch seconds (default ``time.time``): new
  mail's internalDate, ``newer_than:``, token expiry.

Counters: ``requests`` — ``[(method_id, params)]`` for every routed API call
(``"gmail.users.history.list"``, query + path params; batch parts one each,
plus ``("batch", {"parts": n})``); ``calls("users.drafts.list")`` — the params
of one method; ``quota_units`` and ``quota_by_method`` (Counter) — units of
authenticated calls (getProfile 1, labels.list 1, history.list 2,
messages.list/get/modify/trash 5, drafts.list/get 5, threads.list/get 10,
drafts.create/delete 10, drafts.update 15, messages.insert 25, messages.send
and drafts.send 100; a batch = sum of its parts); ``reset_counters()``;
``crashes`` — requests on which the fake itself raised (tests assert empty).

OAuth: ``GET /o/oauth2/auth`` auto-approves (client_id, loopback redirect_uri,
``response_type=code``, scopes within gmail.readonly + gmail.compose, PKCE),
302 to redirect_uri with ``code``, ``state``, ``scope``; ``POST /token``
(authorization_code with client_secret, code, redirect_uri, code_verifier;
refresh_token); ``POST /revoke``. ``client_secret_file(path)`` writes an
installed-app secret pointing here; ``issue_token(scopes) -> (access,
refresh)`` and ``credentials(scopes)`` skip the browser (any scopes, e.g.
``INSERT`` to deliver over HTTP); ``revoke(token=None)`` (None = all): refresh
then fails ``invalid_grant`` "Token has been expired or revoked.", API 401.
Method scopes come from the discovery document: with readonly+compose,
``messages.trash``/``modify`` (gmail.modify) and ``messages.insert``
(gmail.insert) are 403 insufficientPermissions — as in Gmail.

Mail: ``deliver(raw, labels=("INBOX", "UNREAD"), thread_id=None,
internal_date=None) -> id`` (internal_date: aware datetime or epoch seconds;
default the Date header, else ``clock``); threads like incoming mail.
``add_label(name) -> "Label_N"``. ``mailbox`` (gmail_store.Mailbox):
``messages(label=None)``, ``message(id)``, ``drafts()`` (``.id``,
``.message.raw``), ``thread(thread_id)``, ``history_id``, ``sent_via_api``
(anything messages.send/drafts.send produced), ``threading_traps``
(``ThreadingTrap(kind, message_id, requested_thread_id, actual_thread_id,
reason)``: a threadId Gmail would ignore because Subject or References do not
match — the draft is created, in a NEW thread, unreachable from the original).

Endpoints (``/gmail/v1/users/{me|address}/...``): profile; labels; messages
list/insert/send, ``messages/{id}`` get (minimal|metadata|full|raw,
metadataHeaders), modify, trash, untrash, delete, attachments.get;
``/upload/gmail/v1/...`` (uploadType media|multipart); threads list/get;
history list (startHistoryId, historyTypes, labelId, pageToken, maxResults);
drafts create/list(q)/get/update/delete/send; ``POST /batch/gmail/v1`` (and
``/batch``, ≤100 parts). Other discovery methods: 501; unknown paths: 404.
All take ``fields=`` masks (checked against the response schema).

``q``: rfc822msgid:, in:inbox|sent|drafts|trash|spam|anywhere|chats, label:,
is:unread|read|starred, from:/to:/cc:, subject:, after:/before: (YYYY/MM/DD at
midnight Pacific, or epoch seconds), newer_than:/older_than: Nd|m|y,
has:attachment, words, "phrases", OR, {a b}, ( ), -negation. No header search
(``X-Outbox-Key`` is not searchable in Gmail). Trash/spam hidden unless named.
Ids: 16 hex digits (threadId = first message's id), drafts ``r<digits>``,
historyId a decimal string that grows by gaps (never assume +1).

Standalone: ``python -m tests.fakes.gmail --port 8765 --user ada@example.com``.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import logging
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.fakes.gmail_api import GmailApi
from tests.fakes.gmail_errors import ApiError, fault
from tests.fakes.gmail_http import App, Handler
from tests.fakes.gmail_oauth import COMPOSE, READONLY, OAuthServer
from tests.fakes.gmail_store import Mailbox, StoredMessage, ThreadingTrap, parse_date_header

__all__ = ["COMPOSE", "INSERT", "MODIFY", "READONLY", "GmailFake", "StoredMessage",
           "ThreadingTrap"]

INSERT = "https://www.googleapis.com/auth/gmail.insert"
MODIFY = "https://www.googleapis.com/auth/gmail.modify"
log = logging.getLogger(__name__)


@dataclass
class _Fault:
    remaining: int
    status: int
    retry_after: float | None
    reason: str | None
    method: str | None


class GmailFake:
    """One Gmail mailbox served on loopback; see the module docstring."""

    def __init__(self, user: str = "ada@example.com", *, host: str = "127.0.0.1", port: int = 0,
                 client_id: str = "1234567890-fake.apps.googleusercontent.com",
                 client_secret: str = "GOCSPX-fake-secret", token_lifetime: int = 3600) -> None:
        self.user = user
        self.clock: Callable[[], float] = time.time
        self.empty_history_pages = False
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.quota_units = 0
        self.quota_by_method: collections.Counter[str] = collections.Counter()
        self.crashes: list[str] = []
        self._faults: list[_Fault] = []
        self._counter_lock = threading.Lock()
        self.mailbox = Mailbox(user, lambda: self.clock())
        self.oauth = OAuthServer(lambda: self.clock(), client_id, client_secret, token_lifetime)
        self.api = GmailApi(self.mailbox, lambda: self.clock(), lambda: self.empty_history_pages)
        self._host, self._port = host, port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> GmailFake:
        server = ThreadingHTTPServer((self._host, self._port), Handler)
        server.daemon_threads = True
        server.app = App(self)  # type: ignore[attr-defined]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, args=(0.02,),
                                        name="gmail-fake", daemon=True)
        self._thread.start()
        log.info("fake Gmail for %s on %s", self.user, self.url)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> GmailFake:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("GmailFake is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def batch_uri(self) -> str:
        return f"{self.url}/batch/gmail/v1"

    @property
    def auth_uri(self) -> str:
        return f"{self.url}/o/oauth2/auth"

    @property
    def token_uri(self) -> str:
        return f"{self.url}/token"

    # ------------------------------------------------------------------ knobs

    @property
    def token_lifetime(self) -> int:
        return self.oauth.token_lifetime

    @token_lifetime.setter
    def token_lifetime(self, seconds: int) -> None:
        self.oauth.token_lifetime = seconds

    @property
    def consent_scopes(self) -> frozenset[str]:
        return self.oauth.consent_scopes

    @consent_scopes.setter
    def consent_scopes(self, scopes: Iterable[str]) -> None:
        self.oauth.consent_scopes = frozenset(scopes)

    @property
    def deny_consent(self) -> bool:
        return self.oauth.deny_consent

    @deny_consent.setter
    def deny_consent(self, value: bool) -> None:
        self.oauth.deny_consent = value

    def fail_next(self, n: int = 1, status: int = 429, retry_after: float | None = None,
                  reason: str | None = None, *, method: str | None = None) -> None:
        """Make the next ``n`` matching API calls fail with Google's error for ``status``.

        ``method``: None = any API call (each batch part counts as one call),
        ``"users.history.list"`` or ``"gmail.users.history.list"`` = only that
        method, ``"batch"`` = the batch POST itself.
        """
        if method is not None and method != "batch" and not method.startswith("gmail."):
            method = f"gmail.{method}"
        with self._counter_lock:
            self._faults.append(_Fault(n, status, retry_after, reason, method))

    def _take_fault(self, method_id: str) -> ApiError | None:
        with self._counter_lock:
            for item in self._faults:
                wanted = item.method == method_id or (item.method is None and
                                                      method_id != "batch")
                if item.remaining > 0 and wanted:
                    item.remaining -= 1
                    return fault(item.status, item.reason, item.retry_after)
            return None

    def expire_history(self, before: int | None = None) -> None:
        self.mailbox.expire_history(before)

    def expire_access_tokens(self) -> None:
        self.oauth.expire_access_tokens()

    # ------------------------------------------------------------------ counters

    def _count(self, method_id: str, params: dict[str, Any]) -> None:
        with self._counter_lock:
            self.requests.append((method_id, params))

    def _charge(self, method_id: str, units: int) -> None:
        with self._counter_lock:
            self.quota_units += units
            self.quota_by_method[method_id] += units

    def reset_counters(self) -> None:
        with self._counter_lock:
            self.requests.clear()
            self.quota_units = 0
            self.quota_by_method.clear()

    def calls(self, method: str) -> list[dict[str, Any]]:
        """Params of the recorded requests to one method (short or full id)."""
        full = method if method.startswith("gmail.") or method == "batch" else f"gmail.{method}"
        return [params for method_id, params in self.requests if method_id == full]

    # ------------------------------------------------------------------ OAuth helpers

    @property
    def client_id(self) -> str:
        return self.oauth.client_id

    @property
    def client_secret(self) -> str:
        return self.oauth.client_secret

    def client_config(self) -> dict:
        return {"installed": {
            "client_id": self.client_id,
            "project_id": "outbox-fake",
            "auth_uri": self.auth_uri,
            "token_uri": self.token_uri,
            "client_secret": self.client_secret,
            "redirect_uris": ["http://localhost"],
        }}

    def client_secret_file(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(json.dumps(self.client_config(), indent=2), encoding="utf-8")
        return path

    def issue_token(self, scopes: Iterable[str] = (READONLY, COMPOSE)) -> tuple[str, str]:
        return self.oauth.issue_token(list(scopes))

    def credentials(self, scopes: Iterable[str] = (READONLY, COMPOSE)):
        """google.oauth2.credentials.Credentials for a freshly issued token pair."""
        from google.oauth2.credentials import Credentials

        scopes = list(scopes)
        access, refresh = self.issue_token(scopes)
        return Credentials(access, refresh_token=refresh, token_uri=self.token_uri,
                           client_id=self.client_id, client_secret=self.client_secret,
                           scopes=scopes)

    def revoke(self, token: str | None = None) -> None:
        self.oauth.revoke(token)

    # ------------------------------------------------------------------ mail helpers

    def deliver(self, raw: bytes | str, labels: Iterable[str] = ("INBOX", "UNREAD"),
                thread_id: str | None = None,
                internal_date: dt.datetime | float | None = None) -> str:
        """Deliver one RFC 822 message like SMTP would; return its Gmail id.

        ``internal_date``: an aware datetime or epoch seconds; by default the
        message's ``Date`` header, else the fake's clock.
        """
        data = raw.encode() if isinstance(raw, str) else bytes(raw)
        if isinstance(internal_date, dt.datetime):
            millis = int(internal_date.timestamp() * 1000)
        elif internal_date is not None:
            millis = int(internal_date * 1000)
        else:
            millis = parse_date_header(StoredMessage("0", "", data, [], 0))
        for label in labels:
            if label not in self.mailbox.labels:
                raise ValueError(f"unknown label {label!r}; add_label() it first")
        return self.mailbox.add_message(data, labels, thread_id=thread_id, kind="deliver",
                                        internal_date=millis).id

    def add_label(self, name: str) -> str:
        return self.mailbox.add_label(name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fakes.gmail",
                                     description="Serve a fake Gmail API on loopback.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--user", default="ada@example.com")
    parser.add_argument("--client-secret", default=None,
                        help="where to write the installed-app client secret file "
                        "(default: a new temporary folder)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    fake = GmailFake(user=args.user, port=args.port)
    with fake:
        where = args.client_secret or Path(tempfile.mkdtemp(prefix="fake-gmail-")) / (
            "client_secret.json")
        secret = fake.client_secret_file(where).resolve()
        print(f"fake Gmail for {args.user} at {fake.url}", flush=True)
        print(f"client secret file: {secret}", flush=True)
        print("deliver mail: POST messages.insert with a token from the OAuth flow "
              "(gmail.insert scope) — Ctrl-C to stop", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("stopping", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
