"""The nouns of outbox. Plain data, no I/O.

Glossary (the words every module uses):

- *message*: one copy of a mail in a watched folder, as a provider saw it.
  Headers are always present; bodies (text, html, calendar parts) only when
  the core asked for them (``body_fetched``).
- *thread*: the conversation a message belongs to. The core derives it from
  Message-ID / In-Reply-To / References; a provider may add its own thread id
  (``thread_hint``: Gmail threadId, Graph conversationId).
- *detection*: what one message says about an interview.
- *interview*: one confirmed slot, with its thread and status.
- *milestone*: one planned follow-up of an interview (thank-you, ...), per recipient.
- *key*: the deterministic identity of one draft, carried in its Message-ID and
  in its ``X-Outbox-Key`` header.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Address:
    """One mailbox. ``email`` is stored lower-case so comparisons are simple."""

    email: str
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "email", self.email.strip().lower())

    @property
    def domain(self) -> str:
        return self.email.rpartition("@")[2]

    @property
    def local(self) -> str:
        return self.email.rpartition("@")[0]


class Folder(StrEnum):
    """The roles of the folders outbox reads or writes; providers map them to names."""

    INBOX = "inbox"
    SENT = "sent"
    DRAFTS = "drafts"
    TRASH = "trash"


@dataclass(slots=True)
class Message:
    """One message as read from a mailbox (see the glossary above)."""

    ref: str  # the provider's handle for this copy; opaque to the core
    folder: Folder
    message_id: str  # "<...>", as in the header; synthesised by the parser when missing
    date: datetime  # aware; the Date header, else the server's received time
    subject: str = ""
    from_: Address | None = None
    to: tuple[Address, ...] = ()
    cc: tuple[Address, ...] = ()
    reply_to: tuple[Address, ...] = ()
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    auto_submitted: str | None = None
    x_autoreply: str | None = None
    precedence: str | None = None
    list_id: str | None = None
    outbox_key: str | None = None
    thread_hint: str | None = None  # provider's own thread id, when it has one
    has_calendar: bool = False  # a text/calendar part exists (from the MIME structure)
    # Bodies: filled only for detection candidates and messages in tracked threads.
    body_fetched: bool = False
    text: str = ""
    html: str = ""
    calendars: tuple[str, ...] = ()

    @property
    def participants(self) -> tuple[Address, ...]:
        people = [a for a in (self.from_,) if a] + list(self.to) + list(self.cc)
        return tuple(people) + self.reply_to

    def is_from(self, addresses: frozenset[str]) -> bool:
        return self.from_ is not None and self.from_.email in addresses


class Kind(StrEnum):
    CONFIRMATION = "confirmation"
    RESCHEDULE = "reschedule"
    CANCELLATION = "cancellation"
    REJECTION = "rejection"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Reason:
    """One signal that fired during detection, and what it contributed."""

    signal: str
    weight: float
    detail: str = ""


@dataclass(slots=True)
class Detection:
    kind: Kind
    confidence: float = 0.0
    start: datetime | None = None
    end: datetime | None = None
    tz: str | None = None  # IANA name when known, else the zone as written ("+05:30")
    company: str | None = None
    role: str | None = None
    # People to write to, best first: never me, never a no-reply address.
    contacts: tuple[Address, ...] = ()
    # Interviewers named by the invitation or the text (may lack an address).
    interviewers: tuple[Address, ...] = ()
    calendar_uid: str | None = None
    reasons: list[Reason] = field(default_factory=list)

    @property
    def interviewer(self) -> Address | None:
        if self.interviewers:
            return self.interviewers[0]
        return self.contacts[0] if self.contacts else None


class InterviewStatus(StrEnum):
    UNSURE = "unsure"
    SCHEDULED = "scheduled"
    DONE = "done"  # shown once the interview has ended; stored as scheduled
    REPLIED = "replied"
    CANCELLED = "cancelled"
    REJECTED = "rejected"
    PAUSED = "paused"
    CLOSED = "closed"


# Statuses in which nothing more is ever drafted.
STOPPED = frozenset(
    {InterviewStatus.REPLIED, InterviewStatus.CANCELLED, InterviewStatus.REJECTED,
     InterviewStatus.CLOSED}
)


class MilestoneState(StrEnum):
    PENDING = "pending"
    DRAFTED = "drafted"
    SENT = "sent"
    DISMISSED = "dismissed"
    SKIPPED = "skipped"
    MISSED = "missed"
    CANCELLED = "cancelled"


@dataclass(slots=True)
class Interview:
    id: str
    account: str
    thread_id: str
    status: InterviewStatus
    start: datetime
    end: datetime
    tz: str | None
    company: str | None
    role: str | None
    subject: str
    # The message the drafts answer, and the chain they carry.
    reply_message_id: str
    references: tuple[str, ...]
    thread_hint: str | None
    contacts: tuple[Address, ...]
    interviewers: tuple[Address, ...]
    confidence: float
    calendar_uid: str | None = None
    company_domain: str | None = None
    created_at: datetime | None = None
    found_on_first_sync: bool = False
    status_changed_at: datetime | None = None
    my_address: str | None = None  # which of my addresses the employer wrote to


@dataclass(slots=True)
class Milestone:
    interview_id: str
    name: str
    recipient: str  # e-mail address the draft goes to
    state: MilestoneState
    key: str
    due_at: datetime | None = None
    deadline_at: datetime | None = None
    message_id: str | None = None
    draft_ref: str | None = None
    body_hash: str | None = None
    updated_at: datetime | None = None
    note: str = ""
