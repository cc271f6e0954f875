"""FETCH in the selected folder: headers + structure for every message, then only
the readable parts (text, html, calendar) of the messages the core wants.

Never whole messages, never attachments. A message that cannot be parsed is
logged and skipped.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from outbox import mime
from outbox.model import Folder, Message

from . import structure
from .structure import Leaf

log = logging.getLogger(__name__)

CHUNK = 200  # UIDs per FETCH: keeps commands and responses a sane size
HEADER_ITEM = "BODY.PEEK[HEADER.FIELDS ({})]".format(
    " ".join(f.upper() for f in mime.HEADER_FIELDS)
)
META_ITEMS = (HEADER_ITEM, "BODYSTRUCTURE", "INTERNALDATE")


@dataclass(slots=True)
class Fetched:
    uid: int
    message: Message
    parts: list[Leaf] = field(default_factory=list)


def chunks(uids: Sequence[int], size: int | None = None) -> Iterator[list[int]]:
    size = size or CHUNK
    for i in range(0, len(uids), size):
        yield list(uids[i:i + size])


def make_ref(mailbox: str, uidvalidity: int, uid: int) -> str:
    return f"{mailbox}:{uidvalidity}:{uid}"


def parse_ref(ref: str) -> tuple[str, int, int]:
    """``"Some:Folder:123:45"`` -> ("Some:Folder", 123, 45); ValueError when malformed."""
    mailbox, uidvalidity, uid = ref.rsplit(":", 2)
    if not mailbox:
        raise ValueError(f"no mailbox in {ref!r}")
    return mailbox, int(uidvalidity), int(uid)


def _section_data(data: dict[bytes, Any], prefix: bytes) -> bytes | None:
    for key, value in data.items():
        if isinstance(key, bytes) and key.upper().startswith(prefix):
            return value if isinstance(value, bytes) else b""
    return None


def _build(uid: int, data: dict[bytes, Any], ref: str, folder: Folder) -> Fetched:
    header = _section_data(data, b"BODY[HEADER.FIELDS")
    if not header:
        raise mime.MalformedMessage("no header block")
    received = data.get(b"INTERNALDATE")
    if not isinstance(received, datetime) or received.tzinfo is None:
        received = None
    message = mime.headers_to_message(
        mime.parse_bytes(header), ref=ref, folder=folder, received=received
    )
    parts = structure.leaves(data.get(b"BODYSTRUCTURE") or ())
    message.has_calendar = message.has_calendar or structure.has_calendar(parts)
    return Fetched(uid, message, structure.readable(parts))


def fetch_headers(
    client: Any, uids: Sequence[int], *, mailbox: str, uidvalidity: int, folder: Folder
) -> list[Fetched]:
    """Headers, structure and received time of ``uids`` (in UID order)."""
    out: list[Fetched] = []
    for chunk in chunks(sorted(uids)):
        response = client.fetch(chunk, list(META_ITEMS))
        for uid in chunk:
            data = response.get(uid)
            ref = make_ref(mailbox, uidvalidity, uid)
            if data is None:
                log.debug("%s vanished before it could be read", ref)
                continue
            try:
                out.append(_build(uid, data, ref, folder))
            except Exception as exc:  # hostile input: skip it, the cycle goes on
                log.warning("skipping unreadable message %s: %s: %s", ref,
                            type(exc).__name__, exc)
    return out


def fetch_bodies(client: Any, wanted: Sequence[Fetched]) -> None:
    """Fill text / html / calendars of ``wanted`` with one FETCH per part layout."""
    groups: dict[tuple[str, ...], list[Fetched]] = defaultdict(list)
    for item in wanted:
        if item.parts:
            groups[tuple(p.fetch_item for p in item.parts)].append(item)
        else:
            item.message.body_fetched = True  # nothing readable in it (e.g. only a PDF)
    for items, members in groups.items():
        by_uid = {m.uid: m for m in members}
        for chunk in chunks(sorted(by_uid)):
            response = client.fetch(chunk, list(items))
            for uid in chunk:
                data = response.get(uid)
                if data is None:
                    log.debug("message %s vanished before its body was read", uid)
                    continue
                try:
                    _fill(by_uid[uid], data)
                except Exception as exc:  # hostile input: keep the headers, skip the body
                    log.warning("skipping unreadable body of %s: %s: %s",
                                by_uid[uid].message.ref, type(exc).__name__, exc)


def _fill(item: Fetched, data: dict[bytes, Any]) -> None:
    found: dict[str, list[str]] = {"text": [], "html": [], "calendar": []}
    for part in item.parts:
        raw = _section_data(data, f"BODY[{part.section}]".encode())
        if raw is None:
            continue
        kind = part.kind
        if kind is not None:
            found[kind].append(structure.decode(raw, part))
    msg = item.message
    msg.text = "\n".join(found["text"])
    msg.html = "\n".join(found["html"])
    msg.calendars = tuple(c for c in found["calendar"] if c.strip())
    msg.has_calendar = msg.has_calendar or bool(msg.calendars)
    msg.body_fetched = True
