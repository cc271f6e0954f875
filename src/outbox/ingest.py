"""Turn what a sync brought into interview state: threads, detections, replies.

Called by the engine inside one transaction per sync, so a crash leaves the
store as it was and the same messages are simply read again next cycle.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from outbox import detect
from outbox.model import (
    STOPPED,
    Detection,
    Folder,
    Interview,
    InterviewStatus,
    Kind,
    Message,
    MilestoneState,
)
from outbox.store import Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Event:
    """Something a user would want to hear about (the CLI prints these)."""

    what: str
    interview_id: str | None = None
    message_id: str | None = None


@dataclass(slots=True)
class Ingested:
    events: list[Event] = field(default_factory=list)
    detections: list[tuple[Message, Detection]] = field(default_factory=list)
    new_messages: int = 0


def interview_id(account: str, message_id: str) -> str:
    """Deterministic, so a lost state dir finds the same draft keys again."""
    return hashlib.sha256(f"{account}\0{message_id}".encode()).hexdigest()[:10]


def _describe(iv: Interview) -> str:
    where = iv.company or "unknown company"
    role = f" ({iv.role})" if iv.role else ""
    try:
        start = iv.start.astimezone(ZoneInfo(iv.tz)) if iv.tz else iv.start
    except (ZoneInfoNotFoundError, ValueError):
        start = iv.start
    zone = iv.tz or start.strftime("%z")
    return f"{where}{role} on {start:%a %d %b %Y %H:%M} ({zone})"


class Ingest:
    """Applies one account's new messages to the store."""

    def __init__(
        self, store: Store, account: str, ctx: detect.DetectContext, threshold: float,
        now: datetime, first_sync: bool,
    ) -> None:
        self.store = store
        self.account = account
        self.ctx = ctx
        self.threshold = threshold
        self.now = now
        self.first_sync = first_sync
        self.out = Ingested()
        # Loaded once per sync and kept current here: every message is checked
        # against every interview, and a first sync can bring thousands.
        self.interviews = store.interviews(account)

    # -- entry point ------------------------------------------------------------

    def message(self, msg: Message) -> None:
        if self.store.has_message(self.account, msg):
            return
        self.out.new_messages += 1
        thread_id = self.store.thread_of(self.account, msg)
        from_me = msg.is_from(self.ctx.my_addresses)
        automated = detect.is_automated(msg)
        det: Detection | None = None
        if msg.body_fetched and not from_me:
            det = detect.classify(msg, self.ctx)
            self.out.detections.append((msg, det))
        self.store.record_message(
            self.account, msg, thread_id, is_from_me=from_me, is_auto=automated,
            kind=det.kind.value if det else None,
        )
        if from_me:
            self._my_message(msg)
            return
        if not automated:
            self._employer_reply(msg, thread_id, det)
        if det is not None and det.kind is not Kind.NONE:
            self._detection(msg, thread_id, det)

    # -- my own messages ----------------------------------------------------------

    def _my_message(self, msg: Message) -> None:
        """A copy of one of our drafts in Sent means the user sent it."""
        if msg.folder is not Folder.SENT or not msg.outbox_key:
            return
        m = self.store.milestone_by_key(self.account, msg.outbox_key)
        if m is not None and m.state is not MilestoneState.SENT:
            m.state, m.updated_at, m.note = MilestoneState.SENT, self.now, "you sent it"
            self.store.save_milestone(m)
            self.out.events.append(Event(f"you sent the {m.name} draft", m.interview_id))

    # -- replies from the employer --------------------------------------------------

    def _employer_reply(self, msg: Message, thread_id: str, det: Detection | None) -> None:
        sender = msg.from_
        if sender is None or detect.is_noreply(sender):
            return
        for iv in self.interviews:
            if iv.status in STOPPED or msg.date < iv.start:
                continue
            same_thread = iv.thread_id == thread_id
            same_side = sender.email in {c.email for c in iv.contacts} or (
                iv.company_domain is not None and sender.domain == iv.company_domain
            )
            if not (same_thread or same_side):
                continue
            if det is not None and det.kind is Kind.REJECTION:
                continue  # handled as a rejection, which says more than "replied"
            self._set_status(iv, InterviewStatus.REPLIED, f"{sender.email} wrote on "
                             f"{msg.date.isoformat()}")

    # -- detections -----------------------------------------------------------------

    @staticmethod
    def _same_employer(iv: Interview, det: Detection) -> bool:
        company = (det.company or "").casefold()
        if company and (iv.company or "").casefold() == company:
            return True
        domains = {c.domain for c in det.contacts}
        return iv.company_domain is not None and iv.company_domain in domains

    def _linked(self, thread_id: str, det: Detection, *, by_employer: bool) -> Interview | None:
        """The tracked interview a detection speaks of: the same thread, the same
        invitation UID, the same slot with the same employer (a reminder, or a
        cancellation naming the time), else — for reschedules, cancellations and
        rejections — the employer's latest live interview."""
        candidates = self.interviews
        same_thread = [iv for iv in candidates if iv.thread_id == thread_id]
        if same_thread:
            return same_thread[-1]
        if det.calendar_uid:
            same_uid = [iv for iv in candidates if iv.calendar_uid == det.calendar_uid]
            if same_uid:
                return same_uid[-1]
        if det.start is not None:
            same_slot = [iv for iv in candidates if iv.start == det.start
                         and (self._same_employer(iv, det) or not det.company)]
            if same_slot:
                return same_slot[-1]
        if by_employer:
            for iv in reversed(candidates):
                if iv.status not in STOPPED and self._same_employer(iv, det):
                    return iv
        return None

    def _detection(self, msg: Message, thread_id: str, det: Detection) -> None:
        if det.kind is Kind.CONFIRMATION:
            existing = self._linked(thread_id, det, by_employer=False)
            if existing is None or (
                # a later round confirmed in the same thread after the first took place
                det.start and msg.date >= existing.start and det.start > existing.end
            ):
                self._new_interview(msg, thread_id, det)
            elif det.start and existing.start != det.start:
                self._move(existing, msg, det)
            elif existing.status is InterviewStatus.UNSURE and det.confidence >= self.threshold:
                # The same slot again, now stated clearly (an invitation after a vague note).
                existing.confidence = det.confidence
                self._set_status(existing, InterviewStatus.SCHEDULED, "confirmed again")
            # else: a reminder or a copy of an interview already tracked
            return
        existing = self._linked(thread_id, det, by_employer=True)
        if det.kind is Kind.RESCHEDULE:
            if existing is None:
                self._new_interview(msg, thread_id, det)
            else:
                self._move(existing, msg, det)
        elif existing is None:
            log.info("a %s (%s) matches no tracked interview", det.kind.value, msg.message_id)
        elif det.kind is Kind.CANCELLATION:
            self._set_status(existing, InterviewStatus.CANCELLED, "the interview was cancelled")
        elif det.kind is Kind.REJECTION:
            self._set_status(existing, InterviewStatus.REJECTED, "the employer said no")

    def _new_interview(self, msg: Message, thread_id: str, det: Detection) -> None:
        if det.start is None or det.end is None:
            log.info("interview-like message %s has no time; not tracked", msg.message_id)
            return
        sure = det.confidence >= self.threshold
        iv = Interview(
            id=interview_id(self.account, msg.message_id),
            account=self.account,
            thread_id=thread_id,
            status=InterviewStatus.SCHEDULED if sure else InterviewStatus.UNSURE,
            start=det.start,
            end=det.end,
            tz=det.tz,
            company=det.company,
            role=det.role,
            subject=msg.subject,
            reply_message_id=msg.message_id,
            references=msg.references,
            thread_hint=msg.thread_hint,
            contacts=det.contacts,
            interviewers=det.interviewers,
            confidence=det.confidence,
            calendar_uid=det.calendar_uid,
            company_domain=detect.company_domain(det),
            created_at=self.now,
            found_on_first_sync=self.first_sync,
            status_changed_at=self.now,
            my_address=next(
                (a.email for a in (*msg.to, *msg.cc) if a.email in self.ctx.my_addresses), None
            ),
        )
        self.store.save_interview(iv)
        self.interviews.append(iv)
        verdict = "" if sure else f" — unsure (confidence {det.confidence:.2f}), please confirm"
        self.out.events.append(
            Event(f"interview found: {_describe(iv)}{verdict}", iv.id, msg.message_id)
        )

    def _move(self, iv: Interview, msg: Message, det: Detection) -> None:
        if det.start is None or det.end is None:
            return
        iv.start, iv.end, iv.tz = det.start, det.end, det.tz or iv.tz
        iv.reply_message_id, iv.references = msg.message_id, msg.references
        iv.calendar_uid = det.calendar_uid or iv.calendar_uid
        iv.contacts = det.contacts or iv.contacts
        if iv.status in (InterviewStatus.CANCELLED,):
            iv.status = InterviewStatus.SCHEDULED
        self.store.save_interview(iv)
        self.out.events.append(Event(f"interview moved: {_describe(iv)}", iv.id, msg.message_id))

    def _set_status(self, iv: Interview, status: InterviewStatus, why: str) -> None:
        if iv.status == status:
            return
        iv.status, iv.status_changed_at = status, self.now
        self.store.save_interview(iv)
        self.out.events.append(Event(f"{_describe(iv)}: {status.value} ({why})", iv.id))
