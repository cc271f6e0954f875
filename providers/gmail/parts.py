"""Gmail message resources -> outbox ``Message``: headers, and the readable parts.

``format=metadata`` gives the headers outbox asked for (``mime.HEADER_FIELDS``);
``format=full`` gives the MIME tree as JSON, with each leaf's content inline
(``body.data``, base64url) or, for attachments, only an ``attachmentId``. Of the
leaves, text/plain, text/html and calendar parts are read; a calendar part
sent as an attachment (an ``.ics`` file) is the one kind of attachment worth
fetching. Hostile input is expected: a part that cannot be decoded is
replaced rather than raising.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import Message as RawMessage
from typing import Any

from outbox import mime
from outbox.model import Folder, Message

log = logging.getLogger(__name__)

WATCHED = frozenset({"INBOX", "SENT"})
# Never read as mail: drafts (ours above all), spam, chat transcripts.
SKIPPED = frozenset({"DRAFT", "SPAM", "CHAT"})
_LINE_BREAKS = re.compile(r"[\r\n]+")

Resource = dict[str, Any]


def labels(resource: Resource) -> frozenset[str]:
    return frozenset(resource.get("labelIds") or ())


def folder_of(label_ids: frozenset[str]) -> Folder:
    return Folder.SENT if "SENT" in label_ids else Folder.INBOX


def b64decode(data: str) -> bytes:
    """Gmail's base64url, padded or not."""
    try:
        return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    except (binascii.Error, ValueError, TypeError):
        return b""


def _received(resource: Resource) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(resource["internalDate"]) / 1000, UTC)
    except (KeyError, ValueError, TypeError, OverflowError, OSError):
        return None


def _header_block(headers: list[dict[str, Any]]) -> bytes:
    # Rebuilt one header per line; a line break inside a value must not make a new one.
    lines = []
    for item in headers or ():
        name, value = str(item.get("name", "")), str(item.get("value", ""))
        if name and ":" not in name and not _LINE_BREAKS.search(name):
            lines.append(f"{name}: {_LINE_BREAKS.sub(' ', value)}\r\n")
    return "".join(lines).encode("utf-8", "replace")


def to_message(resource: Resource) -> Message:
    """A headers-only ``Message`` (raises ``mime.MalformedMessage`` when there are none)."""
    payload = resource.get("payload") or {}
    raw = mime.parse_bytes(_header_block(payload.get("headers") or []))
    message = mime.headers_to_message(raw, ref=str(resource["id"]),
                                      folder=folder_of(labels(resource)),
                                      received=_received(resource))
    message.thread_hint = resource.get("threadId") or None
    if "text/calendar" in str(payload.get("mimeType", "")).lower():
        message.has_calendar = True
    return message


# -- bodies --------------------------------------------------------------------------------


def _leaves(part: Resource) -> Iterator[Resource]:
    children = part.get("parts") or []
    if children:
        for child in children:
            yield from _leaves(child)
    else:
        yield part


def _part_headers(part: Resource) -> RawMessage:
    return mime.parse_bytes(_header_block(part.get("headers") or []))


def kind_of(part: Resource) -> str | None:
    """"calendar", "text", "html", or None for anything outbox never reads."""
    ctype = str(part.get("mimeType", "")).lower()
    filename = str(part.get("filename") or "").lower()
    if ctype in ("text/calendar", "application/ics") or filename.endswith(".ics"):
        return "calendar"
    disposition = str(_part_headers(part).get("Content-Disposition") or "").lower()
    if disposition.startswith("attachment") or filename:
        return None
    return {"text/plain": "text", "text/html": "html"}.get(ctype)


def calendar_attachments(resource: Resource) -> list[str]:
    """The attachment ids of calendar parts whose content is not inline."""
    return [
        part["body"]["attachmentId"]
        for part in _leaves(resource.get("payload") or {})
        if kind_of(part) == "calendar" and not (part.get("body") or {}).get("data")
        and (part.get("body") or {}).get("attachmentId")
    ]


def _text(part: Resource, data: bytes) -> str:
    charset = _part_headers(part).get_content_charset() or "utf-8"
    try:
        text = data.decode(charset, errors="replace")
    except LookupError:
        text = data.decode("utf-8", errors="replace")
    return text[:mime.MAX_BODY_CHARS]


def fill_bodies(message: Message, resource: Resource, attachments: dict[str, bytes]) -> None:
    """Fill text / html / calendars of ``message`` from a ``format=full`` resource;
    ``attachments`` holds the calendar attachments fetched separately, by id."""
    found: dict[str, list[str]] = {"text": [], "html": [], "calendar": []}
    for part in _leaves(resource.get("payload") or {}):
        kind = kind_of(part)
        if kind is None:
            continue
        body = part.get("body") or {}
        if body.get("data"):
            data = b64decode(body["data"])
        elif body.get("attachmentId") in attachments:
            data = attachments[body["attachmentId"]]
        else:
            if body.get("attachmentId"):
                log.debug("%s: skipping a %s part held as an attachment", message.ref, kind)
            continue
        found[kind].append(_text(part, data))
    message.text = "\n".join(found["text"])
    message.html = "\n".join(found["html"])
    message.calendars = tuple(c for c in found["calendar"] if c.strip())
    message.has_calendar = message.has_calendar or bool(message.calendars)
    message.body_fetched = True
