"""SEARCH in the selected folder: new UIDs, first-run look-back, our drafts."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from imapclient import DELETED

from outbox import mime

log = logging.getLogger(__name__)

MAX_CANDIDATES = 20  # HEADER search matches substrings; a few near-misses at most


def since(client: Any, when: datetime | None) -> list[int]:
    """UIDs received on or after ``when``'s date (a day early: SEARCH ignores zones)."""
    if when is None:
        return sorted(client.search(["ALL"]))
    return sorted(client.search(["SINCE", (when - timedelta(days=1)).date()]))


def from_uid(client: Any, uidnext: int) -> list[int]:
    """UIDs >= ``uidnext``. ``N:*`` also matches the highest UID when it is below N
    (RFC 3501: ``*`` is the largest UID in use), hence the filter."""
    return sorted(u for u in client.search(["UID", f"{uidnext}:*"]) if u >= uidnext)


def _norm(header: str, value: str) -> str:
    value = " ".join(value.split())
    return value.lower() if header == "Message-ID" else value


def draft(client: Any, key: str | None, message_id: str | None) -> tuple[int, str] | None:
    """(UID, text/plain body) of the undeleted message carrying our ``key`` (else our
    ``message_id``), or None. Matches are checked exactly, not as substrings."""
    for header, value in (("X-Outbox-Key", key), ("Message-ID", message_id)):
        if not value:
            continue
        uids = sorted(client.search(["NOT", "DELETED", "HEADER", header, value]))
        uid = _exact(client, uids[:MAX_CANDIDATES], header, value)
        if uid is not None:
            data = client.fetch([uid], ["BODY.PEEK[]"]).get(uid, {})
            return uid, mime.body_text_of(data.get(b"BODY[]") or b"")
    return None


def _exact(client: Any, uids: list[int], header: str, value: str) -> int | None:
    if not uids:
        return None
    item = f"BODY.PEEK[HEADER.FIELDS ({header.upper()})]"
    response = client.fetch(uids, [item, "FLAGS"])
    wanted = _norm(header, value)
    for uid in uids:
        data = response.get(uid)
        if not data or DELETED in (data.get(b"FLAGS") or ()):
            continue
        block = next((v for k, v in data.items() if k.startswith(b"BODY[HEADER")), b"")
        raw = mime.parse_bytes(block or b"")
        if any(_norm(header, str(v)) == wanted for v in raw.get_all(header) or ()):
            return uid
    return None
