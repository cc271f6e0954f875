"""The provider contract, its errors, and the registry of installed providers.

A provider is the only code that knows a mail API. Everything that can be
decided without the network (what is a candidate, threading, planning) lives
in the core. Methods and what they raise:

``open(account, secrets)``
    Connect and authenticate. Raises ``AuthError`` (with a hint) or
    ``TransientError``.
``close()``
    Release the connection. Never raises.
``sync(cursor, since, want_body) -> SyncResult``
    Headers of every message that is new in the inbox and sent folders since
    ``cursor`` (``None`` = first run: everything dated on or after ``since``,
    found with server-side search). For each such message the provider calls
    ``want_body(message)`` with the headers filled in (and ``has_calendar``);
    only where it answers True does it fetch the text/plain, text/html and
    text/calendar parts, never other attachments. Returns the next cursor and
    which folders changed, so an unchanged mailbox costs one status query per
    watched folder and nothing else.
``find_draft(key, message_id) -> FoundDraft | None``
    Look for our draft by its ``X-Outbox-Key`` (or Message-ID) in Drafts, then
    Sent, then Trash.
``create_draft(msg, thread_hint) -> DraftRef``
    Put ``msg`` in Drafts, flagged as a draft. Idempotent: looks in Drafts for
    the key before writing.
``delete_draft(ref) -> bool``
    Move one draft outbox created to Trash (IMAP: flag and ``UID EXPUNGE`` that
    UID only). Only ever called for an unedited draft of ours. True when the
    draft is in Trash (or already gone); False when it was left in place — in
    doubt, or where the account cannot trash without destroying (Gmail without
    gmail.modify). Nothing is ever destroyed.

All failures are ``ProviderError`` subclasses: ``TransientError`` (retry with
back-off: timeouts, dropped connections, 429, 5xx) or ``PermanentError``
(auth revoked, folder missing). Anything else escaping a provider is a bug.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from email.message import EmailMessage
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable

from outbox.model import Folder, Message

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "outbox.providers"


class OutboxError(Exception):
    """Base of every error outbox reports to the user (never a traceback)."""

    hint: str = ""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        if hint:
            self.hint = hint


class ConfigError(OutboxError):
    """The configuration cannot be used; the message names file, line and key."""


class ProviderError(OutboxError):
    """Something went wrong talking to a mailbox."""


class TransientError(ProviderError):
    """Worth retrying later: timeouts, dropped connections, 429, 5xx."""

    def __init__(self, message: str, hint: str = "", retry_after: float | None = None) -> None:
        super().__init__(message, hint)
        self.retry_after = retry_after


class PermanentError(ProviderError):
    """Retrying will not help until the user acts (a folder is missing, ...)."""


class AuthError(PermanentError):
    """Login refused or token revoked; the hint says how to fix it."""


@dataclass(frozen=True, slots=True)
class DraftRef:
    """Where a draft is: the folder role and the provider's opaque handle."""

    folder: Folder
    ref: str


@dataclass(frozen=True, slots=True)
class FoundDraft:
    ref: DraftRef
    text: str  # the text/plain body as stored now (to prove it is unedited)


@dataclass(slots=True)
class SyncResult:
    messages: list[Message]
    cursor: str
    changed: frozenset[Folder] = field(default_factory=frozenset)


WantBody = Callable[[Message], bool]


def since_utc(since: datetime | date | None) -> datetime | None:
    """``sync``'s ``since`` as an aware UTC datetime (a date means its midnight UTC)."""
    if since is None:
        return None
    if isinstance(since, datetime):
        return since if since.tzinfo else since.replace(tzinfo=UTC)
    if isinstance(since, date):
        return datetime.combine(since, time(0), tzinfo=UTC)
    raise TypeError(f"since must be a datetime or date, not {type(since).__name__}")


@runtime_checkable
class Provider(Protocol):
    name: str

    def open(self, account: Any, secrets: Mapping[str, str]) -> None: ...

    def close(self) -> None: ...

    def sync(self, cursor: str | None, since: Any, want_body: WantBody) -> SyncResult: ...

    def find_draft(self, key: str, message_id: str) -> FoundDraft | None: ...

    def create_draft(self, msg: EmailMessage, thread_hint: str | None) -> DraftRef: ...

    def delete_draft(self, ref: DraftRef) -> bool: ...


def available() -> dict[str, Any]:
    """Installed providers by name, from the ``outbox.providers`` entry points."""
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def load(name: str) -> type[Provider]:
    """The provider class registered as ``name``; imports its heavy deps only now."""
    found = available()
    if name not in found:
        known = ", ".join(sorted(found)) or "none"
        raise ConfigError(
            f"unknown provider {name!r}",
            hint=f"installed providers: {known}",
        )
    return found[name].load()
