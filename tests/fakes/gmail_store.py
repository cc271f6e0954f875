"""The fake's mailbox: messages, threads, drafts, labels and history.

Thread-safe through one re-entrant lock (``Mailbox.lock``); the HTTP layer
holds it for a whole API call. Every change appends one history record and
moves the mailbox-wide ``history_id`` forward by a gap of 1–5 (Gmail's ids are
increasing but not contiguous).

Threading follows Gmail's documented rule for the API: a message or draft
joins an existing thread only when the request names its ``threadId`` AND the
``Subject`` matches (ignoring Re:/Fwd: prefixes) AND ``References`` or
``In-Reply-To`` names a message of that thread. Otherwise it starts a new
thread; when a ``threadId`` was asked for, a :class:`ThreadingTrap` is recorded
(in real Gmail such a draft is created but cannot be opened from the thread).
Delivered mail (``deliver`` / ``messages.insert``) without a ``threadId`` is
threaded by References + Subject, as Gmail does for incoming mail.
"""

from __future__ import annotations

import email
import email.header
import email.utils
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.message import Message

SYSTEM_LABELS = (
    "INBOX", "SPAM", "TRASH", "UNREAD", "STARRED", "IMPORTANT", "SENT", "DRAFT", "CHAT",
    "CATEGORY_PERSONAL", "CATEGORY_SOCIAL", "CATEGORY_PROMOTIONS", "CATEGORY_UPDATES",
    "CATEGORY_FORUMS",
)
_MSGID_RE = re.compile(r"<[^<>\s]+>")
_PREFIX_RE = re.compile(r"^\s*(re|fwd?|aw|wg|sv|vs|antw|tr|rv)\s*(\[\d+\])?\s*:\s*", re.I)
_FIRST_MESSAGE_ID = 0x18C2F0A3B4D50000


def normalize_subject(subject: str) -> str:
    previous = None
    while previous != subject:
        previous, subject = subject, _PREFIX_RE.sub("", subject)
    return " ".join(subject.split()).casefold()


def decode_header(value: str | None) -> str:
    if value is None:
        return ""
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except (UnicodeError, LookupError, email.errors.HeaderParseError):
        return str(value)


@dataclass
class StoredMessage:
    id: str
    thread_id: str
    raw: bytes
    label_ids: list[str]
    internal_date: int  # epoch milliseconds
    history_id: int = 0
    parsed: Message = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.parsed = email.message_from_bytes(self.raw)

    def header(self, name: str) -> str | None:
        value = self.parsed.get(name)
        return None if value is None else decode_header(value)

    @property
    def headers(self) -> list[tuple[str, str]]:
        return [(k, decode_header(v)) for k, v in self.parsed.items()]

    @property
    def message_id(self) -> str:
        return (self.header("Message-ID") or "").strip()

    @property
    def subject(self) -> str:
        return self.header("Subject") or ""

    def references(self) -> set[str]:
        refs = f"{self.header('References') or ''} {self.header('In-Reply-To') or ''}"
        return set(_MSGID_RE.findall(refs))

    def stub(self) -> dict:
        return {"id": self.id, "threadId": self.thread_id, "labelIds": list(self.label_ids)}


@dataclass
class StoredDraft:
    id: str
    message: StoredMessage


@dataclass(frozen=True)
class ThreadingTrap:
    """A request named ``requested_thread_id`` but Gmail would not thread it there."""

    kind: str  # "draft", "insert", "send", "deliver"
    message_id: str
    requested_thread_id: str
    actual_thread_id: str
    reason: str


@dataclass
class Label:
    id: str
    name: str
    type: str  # "system" | "user"


class Mailbox:
    def __init__(self, user: str, clock: Callable[[], float]) -> None:
        self.user = user
        self.clock = clock
        self.lock = threading.RLock()
        self.labels: dict[str, Label] = {n: Label(n, n, "system") for n in SYSTEM_LABELS}
        self.history_id = 1_204_000
        self.min_history_id = self.history_id  # older ids were never this mailbox's: 404
        self.history: list[dict] = []
        self.threading_traps: list[ThreadingTrap] = []
        self.sent_via_api: list[StoredMessage] = []
        self._messages: dict[str, StoredMessage] = {}
        self._threads: dict[str, list[str]] = {}
        self._drafts: dict[str, StoredDraft] = {}
        self._serial = 0
        self._ids = 0

    # ------------------------------------------------------------------ reading

    def messages(self, label: str | None = None) -> list[StoredMessage]:
        with self.lock:
            return [m for m in self._messages.values() if label is None or label in m.label_ids]

    def message(self, message_id: str) -> StoredMessage | None:
        return self._messages.get(message_id)

    def drafts(self) -> list[StoredDraft]:
        with self.lock:
            return list(self._drafts.values())

    def draft(self, draft_id: str) -> StoredDraft | None:
        return self._drafts.get(draft_id)

    def draft_for_message(self, message_id: str) -> StoredDraft | None:
        return next((d for d in self._drafts.values() if d.message.id == message_id), None)

    def thread(self, thread_id: str) -> list[StoredMessage]:
        with self.lock:
            return [self._messages[i] for i in self._threads.get(thread_id, [])]

    def thread_ids(self) -> list[str]:
        return list(self._threads)

    def label_by_name(self, name: str) -> Label | None:
        wanted = name.casefold().replace(" ", "-")
        for label in self.labels.values():
            if wanted in (label.id.casefold(), label.name.casefold().replace(" ", "-")):
                return label
        return None

    # ------------------------------------------------------------------ history

    def _bump(self, record: dict) -> int:
        self._serial += 1
        self.history_id += 1 + (self._serial * 7) % 5
        record["id"] = self.history_id
        self.history.append(record)
        return self.history_id

    def _record(self, kind: str, msg: StoredMessage, labels: Iterable[str] = ()) -> None:
        entry: dict = {"message": msg.stub()}
        key = {"added": "messagesAdded", "deleted": "messagesDeleted",
               "labelAdded": "labelsAdded", "labelRemoved": "labelsRemoved"}[kind]
        if kind.startswith("label"):
            entry["labelIds"] = list(labels)
        record = {"messages": [{"id": msg.id, "threadId": msg.thread_id}], key: [entry]}
        msg.history_id = self._bump(record)

    def expire_history(self, before: int | None = None) -> None:
        """Forget history below ``before`` (default: all of it, as after a long absence)."""
        with self.lock:
            if before is None:
                self._bump({"messages": []})  # time passes: the current id moves on too
                self.history.pop()
                before = self.history_id
            self.min_history_id = before
            self.history = [r for r in self.history if r["id"] >= before]

    # ------------------------------------------------------------------ writing

    def _new_id(self) -> str:
        self._ids += 1
        return f"{_FIRST_MESSAGE_ID + self._ids * 0x1F3:016x}"

    def new_draft_id(self) -> str:
        self._ids += 1
        return f"r{1_839_202_000_000_000_000 + self._ids * 7919}"

    def add_label(self, name: str) -> str:
        with self.lock:
            existing = self.label_by_name(name)
            if existing:
                return existing.id
            label_id = f"Label_{sum(1 for lb in self.labels.values() if lb.type == 'user') + 1}"
            self.labels[label_id] = Label(label_id, name, "user")
            return label_id

    def _thread_for(self, msg: StoredMessage, requested: str | None, kind: str,
                    auto: bool) -> str:
        refs = msg.references()
        subject = normalize_subject(msg.subject)
        if requested:
            members = self.thread(requested)
            subject_ok = any(normalize_subject(m.subject) == subject for m in members)
            refs_ok = any(m.message_id in refs for m in members)
            if members and subject_ok and refs_ok:
                return requested
            reason = ("unknown thread" if not members else
                      "subject does not match" if not subject_ok else
                      "References/In-Reply-To name no message of the thread")
            self.threading_traps.append(ThreadingTrap(kind, msg.id, requested, msg.id, reason))
            return msg.id
        if auto and refs:
            for thread_id in reversed(list(self._threads)):
                members = self.thread(thread_id)
                if any(m.message_id in refs for m in members) and any(
                    normalize_subject(m.subject) == subject for m in members
                ):
                    return thread_id
        return msg.id

    def add_message(self, raw: bytes, labels: Iterable[str], *, thread_id: str | None = None,
                    kind: str = "deliver", internal_date: int | None = None) -> StoredMessage:
        with self.lock:
            now_ms = int(self.clock() * 1000)
            msg = StoredMessage(self._new_id(), "", raw, list(dict.fromkeys(labels)),
                                internal_date if internal_date is not None else now_ms)
            msg.thread_id = self._thread_for(msg, thread_id, kind,
                                             auto=kind in ("deliver", "insert"))
            self._messages[msg.id] = msg
            self._threads.setdefault(msg.thread_id, []).append(msg.id)
            self._record("added", msg)
            return msg

    def remove_message(self, message_id: str) -> None:
        with self.lock:
            msg = self._messages.pop(message_id)
            members = self._threads[msg.thread_id]
            members.remove(message_id)
            if not members:
                del self._threads[msg.thread_id]
            self._record("deleted", msg)

    def modify(self, message_id: str, add: Iterable[str] = (),
               remove: Iterable[str] = ()) -> StoredMessage:
        with self.lock:
            msg = self._messages[message_id]
            added = [lb for lb in dict.fromkeys(add) if lb not in msg.label_ids]
            removed = [lb for lb in dict.fromkeys(remove)
                       if lb in msg.label_ids and lb not in added]
            if added:
                msg.label_ids.extend(added)
                self._record("labelAdded", msg, added)
            if removed:
                msg.label_ids[:] = [lb for lb in msg.label_ids if lb not in removed]
                self._record("labelRemoved", msg, removed)
            return msg

    def create_draft(self, raw: bytes, thread_id: str | None) -> StoredDraft:
        with self.lock:
            msg = self.add_message(raw, ["DRAFT"], thread_id=thread_id, kind="draft")
            draft = StoredDraft(self.new_draft_id(), msg)
            self._drafts[draft.id] = draft
            return draft

    def update_draft(self, draft_id: str, raw: bytes, thread_id: str | None) -> StoredDraft:
        with self.lock:
            draft = self._drafts[draft_id]
            old = draft.message
            self.remove_message(old.id)
            draft.message = self.add_message(raw, ["DRAFT"], thread_id=thread_id, kind="draft")
            return draft

    def delete_draft(self, draft_id: str) -> None:
        with self.lock:
            draft = self._drafts.pop(draft_id)
            self.remove_message(draft.message.id)

    def send(self, raw: bytes, thread_id: str | None, draft_id: str | None = None) -> StoredMessage:
        with self.lock:
            if draft_id is not None:
                self.delete_draft(draft_id)
            msg = self.add_message(raw, ["SENT"], thread_id=thread_id, kind="send")
            self.sent_via_api.append(msg)
            return msg

    def counts(self) -> tuple[int, int]:
        with self.lock:
            return len(self._messages), len(self._threads)


def parse_date_header(msg: StoredMessage) -> int | None:
    value = msg.header("Date")
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        return None
    return int(parsed.timestamp() * 1000)
