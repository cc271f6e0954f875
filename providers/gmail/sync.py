"""Reading new mail: a first scan by server-side search, then history.

*First run* (no cursor, or history expired): ``getProfile`` gives the
``historyId`` first; ``messages.list`` with a query finds the recent inbox and
sent mail; their headers are fetched (``format=metadata``) in batches, and the
bodies (``format=full``) only of the messages the core wants.

*Afterwards*: ``history.list(startHistoryId)``. Its first page carries the
mailbox's current ``historyId``, which becomes the next cursor, so an unchanged
mailbox costs that one request (2 quota units). Added messages with the INBOX
or SENT label (and messages that gained one) are fetched as above. Drafts are
never read as mail: they only mark Drafts as changed, so the core reconciles.
A 404 means the history id is too old: a fresh scan.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from outbox import mime
from outbox.model import Folder, Message
from outbox.provider import WantBody

from . import parts
from .client import Gmail
from .errors import NotFound

log = logging.getLogger(__name__)

LIST_PAGE = 500  # the most messages.list / history.list return per page
# Recent mail in the watched folders, no chats, no drafts (``after:`` is appended).
QUERY = "(in:inbox OR in:sent) -in:chats -in:drafts"


class HistoryExpired(Exception):
    """``startHistoryId`` is older than what Gmail keeps (404): scan afresh."""


@dataclass
class Changes:
    """What a stretch of history says: messages to read, folders that changed."""

    history_id: str
    added: dict[str, None] = field(default_factory=dict)  # ids, in order, no duplicates
    changed: set[Folder] = field(default_factory=set)


def _epoch(when: datetime) -> int:
    return int(when.timestamp())


def scan(api: Gmail, since: datetime | None) -> tuple[str, list[str]]:
    """(history id read *before* listing, ids of inbox/sent mail since ``since``)."""
    profile = api.call(api.users.getProfile(userId=api.user), "reading the mailbox profile")
    history_id = str(profile["historyId"])
    query = QUERY
    if since is not None:  # a day early: the Date header and Gmail's own date differ
        query += f" after:{_epoch(since - timedelta(days=1))}"
    ids: dict[str, None] = {}
    for page in api.pages(
        lambda token: api.users.messages().list(
            userId=api.user, q=query, maxResults=LIST_PAGE, pageToken=token),
        "listing recent mail",
    ):
        ids.update((m["id"], None) for m in page.get("messages") or ())
    return history_id, list(ids)


def history(api: Gmail, start: str) -> Changes:
    """Every change after ``start`` (raises ``HistoryExpired`` on a 404)."""
    changes: Changes | None = None
    try:
        for page in api.pages(
            lambda token: api.users.history().list(
                userId=api.user, startHistoryId=start, maxResults=LIST_PAGE, pageToken=token),
            "reading the mailbox history",
        ):
            if changes is None:  # the first page's id: read before what it covers
                changes = Changes(history_id=str(page.get("historyId") or start))
            # A page may carry a nextPageToken and no "history" at all: keep paging.
            for record in page.get("history") or ():
                _apply(record, changes)
    except NotFound as exc:
        raise HistoryExpired(str(exc)) from exc
    return changes or Changes(history_id=start)


def _apply(record: dict[str, Any], changes: Changes) -> None:
    for item in record.get("messagesAdded") or ():
        message = item.get("message") or {}
        _added(message, parts.labels(message) & parts.WATCHED, changes)
    for item in record.get("labelsAdded") or ():
        # e.g. mail moved back to the inbox; or one of our drafts went to Trash.
        _added(item.get("message") or {},
               frozenset(item.get("labelIds") or ()) & parts.WATCHED, changes)
    for item in record.get("labelsRemoved") or ():
        if "DRAFT" in parts.labels(item.get("message") or {}):
            changes.changed.add(Folder.DRAFTS)
    for item in record.get("messagesDeleted") or ():
        message = item.get("message") or {}
        changes.added.pop(str(message.get("id")), None)
        label_ids = parts.labels(message)
        # A discarded draft leaves only this record; without labels, assume it was one.
        if not label_ids or "DRAFT" in label_ids:
            changes.changed.add(Folder.DRAFTS)


def _added(message: dict[str, Any], hits: frozenset[str], changes: Changes) -> None:
    """``message`` arrived in, or was given, the watched labels ``hits``."""
    label_ids = parts.labels(message)
    if "DRAFT" in label_ids:
        changes.changed.add(Folder.DRAFTS)  # never mail to read, but the core should look
        return
    if hits and not label_ids & parts.SKIPPED and message.get("id"):
        changes.added[str(message["id"])] = None
        changes.changed.add(parts.folder_of(hits))


def read(api: Gmail, ids: list[str], want_body: WantBody,
         since: datetime | None = None) -> list[Message]:
    """Headers of ``ids`` (batched), then bodies of those ``want_body`` picks."""
    metadata = api.batch(
        {i: (lambda i=i: api.users.messages().get(
            userId=api.user, id=i, format="metadata", metadataHeaders=list(mime.HEADER_FIELDS)))
         for i in ids},
        "reading message headers",
    )
    messages: list[Message] = []
    for message_id in ids:
        resource = metadata.get(message_id)
        if resource is None:
            continue  # gone since it was listed
        if parts.labels(resource) & parts.SKIPPED:
            continue  # a draft (or spam, a chat) is never mail to read
        try:
            message = parts.to_message(resource)
        except Exception as exc:  # hostile input: skip it, the cycle goes on
            log.warning("skipping unreadable message %s: %s: %s", message_id,
                        type(exc).__name__, exc)
            continue
        if since is not None and message.date < since:
            continue
        messages.append(message)
    _bodies(api, [m for m in messages if want_body(m)])
    return messages


def _bodies(api: Gmail, wanted: list[Message]) -> None:
    if not wanted:
        return
    full = api.batch(
        {m.ref: (lambda i=m.ref: api.users.messages().get(userId=api.user, id=i, format="full"))
         for m in wanted},
        "reading message bodies",
    )
    needed = {(m.ref, a) for m in wanted if m.ref in full
              for a in parts.calendar_attachments(full[m.ref])}
    fetched = api.batch(
        {f"{ref}/{a}": (lambda ref=ref, a=a: api.users.messages().attachments().get(
            userId=api.user, messageId=ref, id=a)) for ref, a in needed},
        "reading calendar attachments",
    ) if needed else {}
    for message in wanted:
        resource = full.get(message.ref)
        if resource is None:
            continue
        attachments = {key.partition("/")[2]: parts.b64decode(value.get("data") or "")
                       for key, value in fetched.items() if key.startswith(message.ref + "/")}
        try:
            parts.fill_bodies(message, resource, attachments)
        except Exception as exc:  # hostile input: keep the headers, skip the body
            log.warning("skipping unreadable body of %s: %s: %s", message.ref,
                        type(exc).__name__, exc)
