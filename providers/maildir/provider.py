"""``MaildirProvider``: the local-Maildir provider, outbox's embedded default.

Folders are found by ``layout``; files are read and written by ``files``; the
sync cursor is described in ``cursor``. The contract (what each method means and
raises) is in ``outbox.provider``.
"""

from __future__ import annotations

import email.policy
import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from outbox.mime import (
    body_text_of,
    fill_bodies,
    has_calendar_part,
    headers_to_message,
    parse_bytes,
)
from outbox.model import Folder, Message
from outbox.provider import DraftRef, FoundDraft, PermanentError, SyncResult, WantBody

from . import files
from .cursor import SLACK_NS, FolderState, decode, encode, names_digest
from .files import Entry
from .layout import Layout, ensure_maildir, resolve

log = logging.getLogger(__name__)

WATCHED = (Folder.INBOX, Folder.SENT, Folder.DRAFTS)
SEARCHED = (Folder.DRAFTS, Folder.SENT, Folder.TRASH)  # find_draft's order
DRAFT_FLAGS = "DS"  # Draft, Seen
_MSGID = re.compile(r"<[^<>\s]+>")

# What ``find_draft`` needs of a file: its X-Outbox-Key and Message-ID.
Identity = tuple[str | None, str] | None


def _filesystem_now(*stamps: int) -> int:
    """The time files are being stamped with right now. Deliberately the real
    clock, not the outbox ``Clock``: it is only ever compared with file mtimes."""
    return max(time.time_ns(), *stamps)


def _aware(since: Any) -> datetime | None:
    if isinstance(since, datetime):
        return since if since.tzinfo else since.replace(tzinfo=UTC)
    if isinstance(since, date):
        return datetime(since.year, since.month, since.day, tzinfo=UTC)
    return None


def _message_id(value: str | None) -> str:
    found = _MSGID.search(value or "")
    return found.group(0) if found else ""


class MaildirProvider:
    """Reads and writes a local Maildir tree (see ``layout`` for the two layouts)."""

    name = "maildir"

    def __init__(self) -> None:
        self._layout: Layout | None = None
        # Per searched folder: file name -> identity, so repeated find_draft calls
        # only read files they have not seen (Maildir files never change in place).
        self._identities: dict[Folder, dict[str, Identity]] = {}

    # -- lifecycle -----------------------------------------------------------

    def open(self, account: Any, secrets: Mapping[str, str] | None = None) -> None:
        layout = resolve(account)
        present = set(layout.present)
        for folder in (Folder.DRAFTS, Folder.TRASH):
            if folder not in present:
                path = layout.paths[folder]
                with files.guarded("create", path, layout.root):
                    ensure_maildir(path, layout.plusplus)
                present.add(folder)
        inbox = layout.paths[Folder.INBOX]
        if not os.access(inbox / "cur", os.R_OK | os.X_OK):
            raise PermanentError(f"cannot read the inbox Maildir {inbox}",
                                 hint=f"check the permissions of {inbox}")
        if Folder.SENT not in present:
            log.info("no Sent folder in %s (looked for %s); sent mail will not be read",
                     layout.root, layout.paths[Folder.SENT])
        self._layout = Layout(layout.root, layout.plusplus, layout.paths, frozenset(present))
        self._identities = {}

    def close(self) -> None:
        self._layout = None
        self._identities = {}

    def _require(self) -> Layout:
        if self._layout is None:
            raise RuntimeError("MaildirProvider used before open()")
        return self._layout

    def _ref(self, path: Path) -> str:
        return path.relative_to(self._require().root).as_posix()

    def _entries(self, folder: Folder) -> list[Entry]:
        layout = self._require()
        path = layout.paths[folder]
        with files.guarded("list", path, layout.root, path):
            return files.list_entries(path)

    # -- sync ----------------------------------------------------------------

    def sync(self, cursor: str | None, since: Any, want_body: WantBody) -> SyncResult:
        layout = self._require()
        previous = decode(cursor)
        states: dict[Folder, FolderState] = {}
        messages: list[Message] = []
        changed: set[Folder] = set()
        for folder in WATCHED:
            if folder not in layout.present:
                continue
            old = previous.get(folder) if previous is not None else None
            state, found, did_change = self._sync_folder(folder, old, _aware(since), want_body)
            states[folder] = state
            messages.extend(found)
            if did_change:
                changed.add(folder)
        return SyncResult(messages=messages, cursor=encode(states), changed=frozenset(changed))

    def _sync_folder(
        self, folder: Folder, old: FolderState | None, since: datetime | None,
        want_body: WantBody,
    ) -> tuple[FolderState, list[Message], bool]:
        layout = self._require()
        path = layout.paths[folder]
        with files.guarded("read", path, layout.root, path):
            new_mtime, cur_mtime = files.dir_mtimes(path)
        same = old is not None and old.same_dirs(new_mtime, cur_mtime)
        if old is not None and same and not old.racy:
            return old, [], False
        scan = _filesystem_now(new_mtime, cur_mtime)
        entries = self._entries(folder)
        seen = frozenset(e.unique for e in entries if e.mtime_ns >= scan - SLACK_NS)
        if folder is Folder.DRAFTS:
            names = names_digest(entries)
            state = FolderState(new_mtime, cur_mtime, scan, names=names)
            return state, [], old is None or not same or old.names != names
        if old is None:  # first run: everything dated on or after `since`
            picked, date_floor = entries, since
        else:
            threshold = old.scan - SLACK_NS
            picked = [e for e in entries if e.mtime_ns >= threshold and e.unique not in old.seen]
            date_floor = None
        found = self._read_messages(folder, picked, date_floor, want_body)
        state = FolderState(new_mtime, cur_mtime, scan, seen=seen)
        return state, found, old is None or not same or bool(found)

    def _read_messages(
        self, folder: Folder, entries: list[Entry], since: datetime | None, want_body: WantBody
    ) -> list[Message]:
        out = []
        for entry in sorted(entries, key=lambda e: (e.mtime_ns, e.unique)):
            message = self._read_message(folder, entry, since, want_body)
            if message is not None:
                out.append(message)
        return out

    def _read(self, folder: Folder, entry: Entry, reader: Callable[[Path], bytes]
              ) -> tuple[Path, bytes] | None:
        """``reader(path)`` of one listed file, following it if a client renamed
        it meanwhile. None (logged) when it is gone or unreadable: never raises."""
        path: Path | None = entry.path
        for _attempt in range(2):
            if path is None:
                break
            try:
                return path, reader(path)
            except FileNotFoundError:
                path = files.relocate(self._require().paths[folder], entry.unique)
            except OSError as exc:
                log.warning("skipping unreadable message file %s: %s", path, exc)
                return None
        log.debug("message file %s vanished before it could be read", entry.path)
        return None

    def _read_message(
        self, folder: Folder, entry: Entry, since: datetime | None, want_body: WantBody
    ) -> Message | None:
        got = self._read(folder, entry, files.read_head)
        if got is None:
            return None
        path, head = got
        received = datetime.fromtimestamp(entry.mtime_ns / 1e9, UTC)
        try:
            message = headers_to_message(
                parse_bytes(head), ref=self._ref(path), folder=folder, received=received
            )
        except Exception as exc:  # hostile input must never stop the cycle
            log.warning("skipping malformed message file %s: %s", path, exc)
            return None
        if since is not None and message.date < since:
            return None
        if not message.has_calendar and b"multipart/" in head.lower():
            got_mark = self._read(folder, entry, files.mentions_calendar)
            message.has_calendar = bool(got_mark and got_mark[1])
        if not want_body(message):
            return message
        got = self._read(folder, entry, files.read_all)
        if got is None:
            return None
        path, data = got
        message.ref = self._ref(path)
        try:
            raw = parse_bytes(data)
            message.has_calendar = message.has_calendar or has_calendar_part(raw)
            fill_bodies(message, raw)
        except Exception as exc:  # hostile input: keep the headers, log the rest
            log.warning("cannot read the body of %s: %s", path, exc)
        return message

    # -- drafts --------------------------------------------------------------

    def _identity(self, folder: Folder, entry: Entry) -> Identity:
        got = self._read(folder, entry, files.read_head)
        if got is None:
            return None
        try:
            message = headers_to_message(parse_bytes(got[1]), ref=entry.name, folder=folder)
        except Exception as exc:
            log.debug("ignoring unparseable file %s while looking for a draft: %s",
                      entry.path, exc)
            return None
        return message.outbox_key, message.message_id

    def _search(self, folder: Folder, key: str, message_id: str) -> Entry | None:
        """The file in ``folder`` carrying ``key`` (or ``message_id``); headers only."""
        entries = self._entries(folder)
        known = self._identities.get(folder, {})
        current: dict[str, Identity] = {}
        hit: Entry | None = None
        # Newest first: our drafts are recent, and the search stops at the hit.
        for entry in sorted(entries, key=lambda e: (e.mtime_ns, e.name), reverse=True):
            if entry.name in known:
                ident = known[entry.name]
            elif hit is None:
                ident = self._identity(folder, entry)
            else:
                continue
            current[entry.name] = ident
            if hit is not None or ident is None:
                continue
            if folder is Folder.DRAFTS and "T" in entry.flags:
                continue  # flagged trashed: the user threw it away
            if (key and ident[0] == key) or (message_id and ident[1] == message_id):
                hit = entry
        self._identities[folder] = current
        return hit

    def find_draft(self, key: str, message_id: str) -> FoundDraft | None:
        layout = self._require()
        message_id = _message_id(message_id)
        for folder in SEARCHED:
            if folder not in layout.present:
                continue
            entry = self._search(folder, key, message_id)
            if entry is None:
                continue
            got = self._read(folder, entry, files.read_all)
            if got is None:
                continue
            return FoundDraft(DraftRef(folder, entry.unique), text=body_text_of(got[1]))
        return None

    def create_draft(self, msg: EmailMessage, thread_hint: str | None) -> DraftRef:
        layout = self._require()
        drafts = layout.paths[Folder.DRAFTS]
        key = str(msg.get("X-Outbox-Key") or "").strip()
        message_id = _message_id(str(msg.get("Message-ID") or ""))
        try:
            data = msg.as_bytes(policy=(msg.policy or email.policy.default).clone(linesep="\n"))
        except Exception as exc:  # a composer bug; say so rather than crash the cycle
            raise PermanentError(f"cannot serialise the draft {message_id or key}: {exc}") from exc
        with files.guarded("write a draft in", drafts, layout.root):
            ensure_maildir(drafts, layout.plusplus)  # the user may have removed it
        with files.guarded("write a draft in", drafts, layout.root, drafts), \
                files.folder_lock(drafts):
            existing = self._search(Folder.DRAFTS, key, message_id) if key or message_id else None
            if existing is not None:
                log.info("draft %s is already in %s", key or message_id, existing.path)
                return DraftRef(Folder.DRAFTS, existing.unique)
            unique, path = files.deliver(drafts, data, DRAFT_FLAGS)
        log.info("wrote draft %s to %s", key or message_id, path)
        return DraftRef(Folder.DRAFTS, unique)

    def delete_draft(self, ref: DraftRef) -> bool:
        layout = self._require()
        if ref.folder is not Folder.DRAFTS:
            log.warning("not deleting %s: outbox only ever deletes from Drafts", ref)
            return False
        unique = files.split_name(ref.ref)[0]
        entry = next((e for e in self._entries(Folder.DRAFTS) if e.unique == unique), None)
        if entry is None:
            log.info("draft %s is no longer in %s; nothing to delete",
                     ref.ref, layout.paths[Folder.DRAFTS])
            return True
        trash = layout.paths[Folder.TRASH] / "cur"
        with files.guarded("create", trash.parent, layout.root):
            ensure_maildir(trash.parent, layout.plusplus)
        try:
            target = files.move(entry.path, trash)
        except OSError as exc:
            if isinstance(exc, FileNotFoundError) and not entry.path.exists():
                log.info("draft %s vanished before it could be moved to Trash", ref.ref)
                return True
            raise files.io_error(exc, "move a draft to", trash, layout.root, trash.parent) from exc
        log.info("moved draft %s to %s", ref.ref, target)
        return True
