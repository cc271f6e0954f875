"""The Gmail sync cursor: the mailbox's ``historyId`` when the last sync began.

Stored by the core as an opaque string; it is JSON::

    {"v": 1, "historyId": "123456"}

The id is read *before* the changes it covers are listed (from the first
``history.list`` page, or ``getProfile`` ahead of a full scan), and the core
stores the cursor only after it has applied the sync, so a change is never
skipped: at worst one is read twice, which the core tolerates. An unreadable
cursor counts as none (a fresh scan).
"""

from __future__ import annotations

import json
import logging

log = logging.getLogger(__name__)

VERSION = 1


def load(cursor: str | None) -> str | None:
    """The history id in ``cursor``, or None (first run, or a cursor we cannot read)."""
    if not cursor:
        return None
    try:
        data = json.loads(cursor)
        if data.get("v") != VERSION:
            raise ValueError(f"cursor version {data.get('v')!r}")
        history_id = str(data["historyId"])
        if not history_id.isdigit():
            raise ValueError(f"history id {history_id!r}")
        return history_id
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        log.warning("ignoring an unreadable Gmail cursor (%s); rescanning as on a first run", exc)
        return None


def dump(history_id: str) -> str:
    return json.dumps({"v": VERSION, "historyId": str(history_id)}, sort_keys=True,
                      separators=(",", ":"))
