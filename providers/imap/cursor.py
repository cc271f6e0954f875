"""The IMAP sync cursor: per watched folder, what ``STATUS`` said last time.

Stored by the core as an opaque string; it is JSON::

    {"v": 1, "folders": {"inbox": {"name": "INBOX", "uidvalidity": 1700000000,
                                   "uidnext": 42, "messages": 40,
                                   "highestmodseq": 97}, ...}}

``highestmodseq`` is present only when the server offers CONDSTORE. A folder
whose STATUS equals its entry is unchanged and costs nothing more. A folder with
no entry, another name or another UIDVALIDITY is scanned as on a first run.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from outbox.model import Folder

log = logging.getLogger(__name__)

VERSION = 1


@dataclass(frozen=True, slots=True)
class FolderState:
    name: str
    uidvalidity: int
    uidnext: int
    messages: int
    highestmodseq: int | None = None

    @classmethod
    def from_status(cls, name: str, status: Mapping[bytes, Any]) -> FolderState:
        modseq = status.get(b"HIGHESTMODSEQ")
        return cls(
            name=name,
            uidvalidity=int(status[b"UIDVALIDITY"]),
            uidnext=int(status[b"UIDNEXT"]),
            messages=int(status[b"MESSAGES"]),
            highestmodseq=None if modseq is None else int(modseq),
        )

    def continues(self, before: FolderState | None) -> bool:
        """True when ``before`` describes the same folder, so UIDs carry over."""
        return (before is not None and before.name == self.name
                and before.uidvalidity == self.uidvalidity)


def status_items(condstore: bool) -> tuple[str, ...]:
    items = ("MESSAGES", "UIDNEXT", "UIDVALIDITY")
    return (*items, "HIGHESTMODSEQ") if condstore else items


def load(cursor: str | None) -> dict[Folder, FolderState]:
    """The states in ``cursor``; an unreadable cursor counts as none (a first run)."""
    if not cursor:
        return {}
    try:
        data = json.loads(cursor)
        if data.get("v") != VERSION:
            raise ValueError(f"cursor version {data.get('v')!r}")
        out = {}
        for role, entry in data["folders"].items():
            modseq = entry.get("highestmodseq")
            out[Folder(role)] = FolderState(
                name=str(entry["name"]),
                uidvalidity=int(entry["uidvalidity"]),
                uidnext=int(entry["uidnext"]),
                messages=int(entry["messages"]),
                highestmodseq=None if modseq is None else int(modseq),
            )
        return out
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        log.warning("ignoring an unreadable IMAP cursor (%s); rescanning as on a first run", exc)
        return {}


def dump(states: Mapping[Folder, FolderState]) -> str:
    folders = {}
    for role, state in sorted(states.items()):
        entry = asdict(state)
        if entry["highestmodseq"] is None:
            del entry["highestmodseq"]
        folders[role.value] = entry
    return json.dumps({"v": VERSION, "folders": folders}, sort_keys=True,
                      separators=(",", ":"))
