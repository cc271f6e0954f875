"""The Maildir sync cursor: per folder, what the directories looked like at the
last scan. Opaque to the core; a JSON string here.

``{"v": 1, "folders": {"inbox": {"new": 1712..., "cur": 1712..., "scan": 1712...,
"seen": ["1712.M1P2R3.host"]}, "drafts": {..., "names": "<sha1>"}}}``

- ``new`` / ``cur``: ``st_mtime_ns`` of ``new/`` and ``cur/``. Both unchanged means
  nothing arrived, left or was renamed: no listing, no read.
- ``scan``: filesystem time (ns) of that scan. Files whose mtime is at least
  ``scan - SLACK_NS`` are new. It is the real clock the files are stamped with,
  never the outbox ``Clock`` (which ``--now`` moves).
- ``seen``: unique names of the files inside that slack window that the scan
  already handled, so the slack does not return them twice.
- ``names`` (Drafts only): a digest of the file names, to tell a real change from
  an unchanged folder when the directory mtimes cannot be trusted (see ``racy``).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass

from outbox.model import Folder

from .files import Entry

log = logging.getLogger(__name__)

VERSION = 1
SLACK_NS = 2_000_000_000
# A directory changed this close to a scan may change again within the same
# timestamp tick (coarse clocks, 1-2 s on FAT/HFS+/some network filesystems)
# without its mtime moving: such a folder is listed again on the next sync.
RACY_NS = 2_000_000_000


@dataclass(frozen=True, slots=True)
class FolderState:
    new: int
    cur: int
    scan: int
    seen: frozenset[str] = frozenset()
    names: str | None = None

    @property
    def racy(self) -> bool:
        return max(self.new, self.cur) >= self.scan - RACY_NS

    def same_dirs(self, new: int, cur: int) -> bool:
        return (self.new, self.cur) == (new, cur)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"new": self.new, "cur": self.cur, "scan": self.scan}
        if self.seen:
            out["seen"] = sorted(self.seen)
        if self.names is not None:
            out["names"] = self.names
        return out

    @classmethod
    def from_json(cls, data: dict[str, object]) -> FolderState:
        seen = data.get("seen", [])
        names = data.get("names")
        if not isinstance(seen, list) or not all(isinstance(s, str) for s in seen):
            raise ValueError("seen")
        if names is not None and not isinstance(names, str):
            raise ValueError("names")
        numbers = [data.get(k) for k in ("new", "cur", "scan")]
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
            raise ValueError("new/cur/scan")
        new, cur, scan = (int(n) for n in numbers)  # type: ignore[call-overload]
        return cls(new=new, cur=cur, scan=scan, seen=frozenset(seen), names=names)


Cursor = dict[Folder, FolderState]


def names_digest(entries: list[Entry]) -> str:
    joined = "\n".join(sorted(e.name for e in entries))
    return hashlib.sha1(joined.encode("utf-8", "surrogateescape")).hexdigest()


def encode(states: Cursor) -> str:
    body = {"v": VERSION, "folders": {f.value: s.to_json() for f, s in sorted(states.items())}}
    return json.dumps(body, sort_keys=True, separators=(",", ":"))


def decode(text: str | None) -> Cursor | None:
    """The states in ``text``; None for a first run, and for a cursor this code
    cannot read (logged: a full scan is safe, the core ignores repeats)."""
    if text is None:
        return None
    try:
        body = json.loads(text)
        if not isinstance(body, dict) or body.get("v") != VERSION:
            raise ValueError("unknown cursor version")
        folders = body["folders"]
        if not isinstance(folders, dict):
            raise ValueError("folders")
        return {Folder(name): FolderState.from_json(state) for name, state in folders.items()}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("ignoring an unreadable Maildir cursor (%s); scanning as on a first run", exc)
        return None
