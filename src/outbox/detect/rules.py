"""Signals and scores: what kind of message this is, and how sure we are.

Every rule is small and adds ``Reason``s; the confidence is the sum of the
weights of the reasons for the chosen kind, clamped to [0, 0.99]. Vetoes
(from me, auto-reply, I am the interviewer, not a job interview) end the
evaluation with kind none. Weights are set so that a calendar invitation
addressed to me lands above 0.9, a clear plain-text confirmation with a date
and time above 0.75, and a vague one between 0.3 and 0.6.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from functools import lru_cache

from outbox.detect import phrases as p
from outbox.detect.calendar import Invite
from outbox.detect.candidate import auto_reply_reason
from outbox.detect.clock import CLOCK_NUMBER_RX
from outbox.detect.entities import in_a_title, role_in
from outbox.detect.people import (
    is_ats,
    is_freemail,
    is_noreply,
    is_platform,
    is_role_account,
)
from outbox.detect.text import FORWARD_RX, forward_note_end, fresh_part, quoted_part
from outbox.detect.when import OLD_WORDS, Mention
from outbox.model import Address, Kind, Message, Reason

_REPLY_PREFIX_RX = re.compile(r"^\s*(?:re|aw|sv|antw|rép|resp|r)\s*:", re.IGNORECASE)

FLOOR = 0.3  # below this the message is not about an interview at all
CEILING = 0.99
NO_TIME_CAP = 0.5  # a confirmation without a time cannot be planned on

W_CAL_REQUEST, W_CAL_OTHER, W_CAL_CANCEL = 0.45, 0.3, 0.55
W_INTERVIEW_SUBJECT, W_INTERVIEW_BODY, W_JOB = 0.25, 0.15, 0.1
W_CONFIRM, W_TIME, W_HUMAN = 0.25, 0.2, 0.05
W_RESCHEDULE, W_RESCHEDULE_SUBJECT, W_CANCEL, W_CANCEL_SUBJECT, W_REJECT = 0.35, 0.2, 0.35, 0.2, 0.6
W_BULK, W_BULK_TEXT, W_ALERT, W_ACK, W_SLOTS, W_SEVERAL = -0.5, -0.25, -0.6, -0.35, -0.5, -0.4
W_PAST, W_INTERNAL, W_EVENT, W_FAR, W_QUESTION = -0.4, -0.4, -0.3, -0.3, -0.45
W_PROPOSAL, W_UPDATED, W_REJECT_LETTER = -0.4, 0.3, 0.45
AGREED_IN_JOB_THREAD = "agreed_in_job_thread"
FAR_AHEAD = timedelta(days=180)  # interviews are set weeks ahead, not seasons
# Negative signals that only speak against a planned time (see ``score``).
_PLAN_ONLY = frozenset({"slot_offer", "bulk_mail", "bulk_text", "event_or_tips", "job_alert"})


@dataclass(slots=True)
class Facts:
    """What the rules read: the message, its fresh text, the invitation, the times."""

    message: Message
    me: frozenset[str]
    subject: str
    text: str  # what the sender wrote now (quotes cut), HTML as text
    invite: Invite | None
    mentions: list[Mention]  # not read when the invitation gives the time (see ``_timing``)
    summary: str = ""  # the invitation's SUMMARY
    links: str = ""  # the links of the text, one a line
    chosen: Mention | None = None  # the written time the interview's start came from
    history: str = ""  # the whole text, fresh part and the quoted thread below it
    my_zone: tzinfo | None = None  # where I live: a time restated for me is in it
    _quoted: str | None = None

    @property
    def quoted(self) -> str:
        """The message being answered (one level of quoting), "" when none."""
        if self._quoted is None:
            self._quoted = quoted_part(self.history) if self.history else ""
        return self._quoted

    @property
    def parts(self) -> tuple[str, str, str]:
        """Subject, summary and text: a phrase sought "anywhere" is sought in each, in
        that order (each is read by the phrase prefilter anyway; a joined copy would
        be one more text to read)."""
        return self.subject, self.summary, self.text


@dataclass(slots=True)
class Verdict:
    kind: Kind
    confidence: float
    reasons: list[Reason] = field(default_factory=list)
    anchor: int | None = None  # where the deciding phrase was: the time nearest it is meant


def _snippet(m: p.Hit) -> str:
    return " ".join(m.group(0).split())[:80]


def veto(f: Facts) -> Reason | None:
    """Reasons to stop at once: this message can never be an interview of mine."""
    return _header_veto(f) or _text_veto(f)


def _header_veto(f: Facts) -> Reason | None:
    msg = f.message
    if msg.is_from(f.me) and not _kept_for_myself(f):
        return Reason("from_me", 0.0, f"sent by me ({msg.from_.email if msg.from_ else ''})")
    auto = auto_reply_reason(msg)
    if auto:
        return Reason("auto_reply", 0.0, auto)
    invite = f.invite
    if invite and invite.organizer and invite.organizer.email in f.me:
        return Reason("i_am_organizer", 0.0, f"organised by {invite.organizer.email}")
    return None


def _kept_for_myself(f: Facts) -> bool:
    """A message I forwarded to myself ("Fwd:", to my own addresses only) to keep it: its
    news is the forwarded message, whoever wrote that."""
    msg = f.message
    recipients = msg.to + msg.cc
    return (bool(FORWARD_RX.match(f.subject)) and bool(recipients)
            and all(a.email.lower() in f.me for a in recipients)
            and len(f.history) > len(fresh_part(f.history)))


def _text_veto(f: Facts) -> Reason | None:
    msg = f.message
    m = _first_unless(p.I_INTERVIEW, f.parts, _about_me_forwarded(f))
    if m:
        return Reason("i_am_interviewer", 0.0, _snippet(m))
    m = _lookalike(p.NOT_JOB, *f.parts) or _lookalike(p.NOT_JOB_TITLE, f.subject, f.summary)
    if m:
        return Reason("not_a_job_interview", 0.0, _snippet(m))
    sender = msg.from_
    m = p.SENDERS_OWN_INTERVIEW.search(f.text)
    if m:
        return Reason("their_interview", 0.0, f"the sender's own interview: {_snippet(m)}")
    family = bool(sender) and _family(sender, f)
    if family and is_freemail(sender.domain) and not f.invite:
        # Mum's "Sunday at 1, good luck with the interview!": family writing from home
        # never books my interviews (a recruiter sharing my surname writes from work).
        return Reason("family", 0.0, f"from my family ({sender.email})")
    if sender and (is_freemail(sender.domain) or family):
        m = p.first(p.THEIR_INTERVIEW, f.text, f.subject)
        if m:
            return Reason("their_interview", 0.0,
                          f"a private sender's own interview: {_snippet(m)}")
        m = p.WELL_WISHES.search(f.text)
        if m and not f.invite:
            return Reason("well_wishes", 0.0, f"a private sender's good wishes: {_snippet(m)}")
        m = p.MY_SEARCH.search(f.text)
        if m and not f.invite and not p.first(p.INTERVIEW, f.subject, f.text):
            # "Thursday at 10 at the café works - can't wait to hear how the job hunt is going"
            return Reason("private_chat", 0.0, f"a friend asking after my search: {_snippet(m)}")
    m = _my_hiring_words(f)
    if m:
        return Reason("i_am_interviewer", 0.0, f"I wrote below: {_snippet(m)}")
    return None


_THIRD_PERSON = ("his ", "her ", "their ", "the candidate")


def _about_me_forwarded(f: Facts) -> Callable[[str, p.Hit], bool]:
    """In a forward, the forwarded words may speak of me ("I liked her CV": an employer
    to my agency): below the forwarder's own note, words about a candidate are no sign
    that I am the one interviewing."""
    if not FORWARD_RX.match(f.subject):
        return lambda text, m: False
    note_end: list[int] = []

    def skip(text: str, m: p.Hit) -> bool:
        if text is not f.text or not m.group(0).lower().startswith(_THIRD_PERSON):
            return False
        if not note_end:
            note_end.append(forward_note_end(f.history or f.text, f.text))
        return m.start() >= note_end[0]
    return skip


def _family(sender: Address, f: Facts) -> bool:
    """Someone sharing my surname ("Maggie Lovelace <maggie@lovelacefamily.me.uk>"): family
    writes as a private person, whatever the mail domain. My names come from my addresses
    and from how the mail addresses me ("Ada Lovelace <ada@example.com>")."""
    me = f.me
    mine = [a.partition("@")[0] for a in me] + [
        a.name for a in f.message.to + f.message.cc if a.email in me and a.name]
    names = set().union(*map(_name_parts, mine))
    who = f"{sender.name} {sender.email}".lower()
    return any(name in who for name in names) and sender.email not in me


_NAME_SPLIT_RX = re.compile(r"[\s._+-]")


@lru_cache(maxsize=256)
def _name_parts(text: str) -> frozenset[str]:
    """The parts of a name or address (of five letters or more), lower-cased: the same
    few, mine, for every message (read once)."""
    return frozenset(part.lower() for part in _NAME_SPLIT_RX.split(text) if len(part) >= 5)


def _first_unless(rx: p.Phrase, texts: Iterable[str], skip: Callable[[str, p.Hit], bool]
                  ) -> p.Hit | None:
    """The first match of ``rx`` in ``texts`` that ``skip`` does not set aside."""
    for text in texts:
        m = rx.search(text) if text else None
        while m is not None and skip(text, m):
            m = rx.search(text, m.end())
        if m is not None:
            return m
    return None


def _lookalike(rx: p.Phrase, *texts: str) -> p.Hit | None:
    """The first look-alike's words that are not part of the job's title (a "Research
    interview" for a Director of Institutional Research is a job interview)."""
    return _first_unless(rx, texts, lambda text, m: in_a_title(text, m.start(), m.end()))


def _quote_depth(line: str) -> int:
    """How deep a line is quoted: "> > Hi Ada" is 2."""
    return line[:len(line) - len(line.lstrip("> "))].count(">")


def _one_level(quoted: str) -> str:
    """The lines of a quoted message at its own depth: what it quotes in turn ("> > Hi
    Ada, thanks for applying") is someone else's."""
    lines = quoted.split("\n")
    body = [line for line in lines[1:] if line.strip(" >")]
    if not body:
        return quoted
    level = _quote_depth(body[0])
    return "\n".join(line for line in lines[1:] if _quote_depth(line) == level)


def _my_hiring_words(f: Facts) -> p.Hit | None:
    """My own message quoted below ("On Wed, Ada <ada@...> wrote: Thanks for applying"):
    the reply is from a candidate of mine."""
    if not f.history:
        return None
    low = p.lowered(f.history)  # lower-cased already for the quote header
    for address in f.me:
        at = low.find(address)
        while at >= 0:
            # my address on the attribution line ("On ..., Ada <ada@...> wrote:") or on a
            # quoted header's From line; not on its To line, where I am the one written to
            line = low[low.rfind("\n", 0, at) + 1:at].lstrip("> *")
            if "wrote" in low[at:at + len(address) + 20] or "wrote" in line or line.startswith(
                    ("from:", "von:", "de :", "de:", "van:", "da:", "från:", "od:")):
                # What I wrote runs to the next quoted header ("On ..., Dana wrote:").
                body_at = at + len(address) + 20
                ends = [i for i in (low.find("wrote:", body_at), low.find("from:", body_at),
                                    low.find("-----original", body_at)) if i >= 0]
                mine = _one_level(f.history[at:min([*ends, at + 1500])])
                m = p.I_HIRE.search(mine)
                if m:
                    return m
            at = low.find(address, at + 1)
    return None


def context(f: Facts, kind: Kind | Callable[[], Kind]) -> tuple[bool, list[Reason]]:
    """Is this about a job interview at all? (gate, reasons). A rejection needs only
    the job ("your application"); anything else an interview, or a job and a meeting.
    ``kind`` may be a function: it is then asked only when the gate depends on it."""
    reasons = []
    interview = p.first(p.INTERVIEW, f.subject, f.summary)
    if interview:
        reasons.append(Reason("interview_subject", W_INTERVIEW_SUBJECT, _snippet(interview)))
    else:
        interview = p.INTERVIEW.search(f.text)
        if interview:
            reasons.append(Reason("interview_body", W_INTERVIEW_BODY, _snippet(interview)))
    sender = f.message.from_
    job = p.first(p.JOB, *f.parts)
    role = None if job else role_in(f.subject)
    if job:
        reasons.append(Reason("job_context", W_JOB, _snippet(job)))
    elif role:
        reasons.append(Reason("job_context", W_JOB, f"the subject names a role ({role})"))
    elif sender and is_ats(sender.domain):
        reasons.append(Reason("job_context", W_JOB, f"sent by an applicant-tracking system "
                              f"({sender.domain})"))
    elif f.history and (quoted := p.first(p.JOB, f.history) or p.INTERVIEW.search(f.history)):
        # A short reply ("see you then!") is about what the thread below it is about.
        job = quoted
        reasons.append(Reason("job_context", W_JOB, f"quoted thread: {_snippet(quoted)}"))
    about_job = bool(job or role or (sender and is_ats(sender.domain)))
    if interview:
        return True, reasons
    if not about_job:
        # "Need to cancel today's 3pm, so sorry": a person at a company calling off a
        # meeting. Only a tracked interview with that employer can be cancelled by it.
        # Likewise "I've had to shift our conversation to Wednesday at 4pm": a person at a
        # company moving a meeting with me is moving an interview.
        if _colleague_of_employer(f, sender) and (p.CANCEL.search(f.text) or (
                p.RESCHEDULE.search(f.text) and p.first(p.CONVERSATION, f.subject, f.text))):
            stated = kind() if callable(kind) else kind
            who = sender.email if sender else ""
            if stated is Kind.CANCELLATION:
                reasons.append(Reason("company_person_cancels", 0.0, who))
                return True, reasons
            if stated is Kind.RESCHEDULE:
                reasons.append(Reason("company_person_moves", 0.0, who))
                return True, reasons
        return False, reasons  # whatever the kind
    if callable(kind):
        kind = kind()
    if kind in (Kind.REJECTION, Kind.RESCHEDULE, Kind.CANCELLATION):
        # A verdict needs only the job; moving or calling off is about an appointment.
        return about_job, reasons
    if f.invite or p.first(p.MEETING, *f.parts):
        return True, reasons
    # "Half ten on Thursday it is" in a thread about a role: an agreed time is a meeting,
    # but only with the time itself (``score`` drops it without one).
    agreed = _statement(p.CONFIRM, f.text)
    if agreed:
        reasons.append(Reason(AGREED_IN_JOB_THREAD, 0.0, _snippet(agreed)))
    return bool(agreed), reasons


def _colleague_of_employer(f: Facts, sender: Address | None) -> bool:
    """A person writing from a company's own domain (not free mail, not a robot, not me)."""
    return (sender is not None and bool(sender.domain) and not is_freemail(sender.domain)
            and not is_noreply(sender) and not is_role_account(sender)
            and not is_platform(sender.domain)
            and sender.domain not in {e.rpartition("@")[2] for e in f.me})


def _invite_reasons(f: Facts) -> list[Reason]:
    invite = f.invite
    if invite is None or invite.method == "CANCEL":
        return []
    attendees = {a.address.email for a in invite.attendees}
    to_me = bool(attendees & f.me) or any(a.email in f.me for a in f.message.to + f.message.cc)
    if not to_me:
        return [Reason("calendar_not_for_me", 0.0, "I am not an attendee")]
    if invite.method == "REQUEST":
        return [Reason("calendar_request", W_CAL_REQUEST, f"METHOD:REQUEST UID {invite.uid}")]
    return [Reason("calendar_event", W_CAL_OTHER, f"METHOD:{invite.method or 'none'}")]


def negatives(f: Facts, has_invite_for_me: bool, planned: bool = True) -> list[Reason]:
    """The signals against; with ``planned`` false (a rejection or cancellation), only
    those that do not count against plans alone (``_PLAN_ONLY`` are not even sought)."""
    msg, reasons = f.message, []
    precedence = (msg.precedence or "").lower()
    if planned and (msg.list_id or precedence in ("bulk", "list", "junk")):
        reasons.append(Reason("bulk_mail", W_BULK, f"List-Id {msg.list_id}" if msg.list_id
                              else f"Precedence: {precedence}"))
    for rx, signal, weight in ((p.BULK_TEXT, "bulk_text", W_BULK_TEXT),
                               (p.JOB_ALERT, "job_alert", W_ALERT),
                               (p.EVENT, "event_or_tips", W_EVENT)):
        if not planned and signal in _PLAN_ONLY:
            continue
        m = p.first(rx, f.subject, f.text)
        if m:
            reasons.append(Reason(signal, weight, _snippet(m)))
    tips = p.TIPS_SUBJECT.search(f.subject) if planned else None
    if tips and not any(r.signal == "event_or_tips" for r in reasons):
        reasons.append(Reason("event_or_tips", W_EVENT, _snippet(tips)))
    if planned and not has_invite_for_me:
        # (a reply's subject repeats the thread's: "AW: Terminvorschläge" is no new offer)
        m = (_live_offer(f.text) or p.SLOT_LINK.search(f.links)
             or (None if _REPLY_PREFIX_RX.match(f.subject) else p.SLOT_OFFER.search(f.subject)))
        if m:
            reasons.append(Reason("slot_offer", W_SLOTS, _snippet(m)))
    reasons.extend(_internal(f))
    return reasons


def _live_offer(text: str) -> p.Hit | None:
    """The first offer of slots not said to be void in its own sentence ("the other
    proposed times below no longer apply")."""
    def void(text: str, m: p.Hit) -> bool:
        start = max(text.rfind(mark, 0, m.start()) for mark in SENTENCE_MARKS) + 1
        ends = [i for i in (text.find(mark, m.end()) for mark in SENTENCE_MARKS) if i >= 0]
        return p.VOID.search(text[start:min(ends, default=len(text))]) is not None
    return _first_unless(p.SLOT_OFFER, (text,), void)


# Where a sentence ends (a dot only before a blank: "10.30" is no end).
SENTENCE_MARKS = (".\n", ". ", "\n\n", "!", "?")


def _internal(f: Facts) -> list[Reason]:
    """An invitation from a colleague at my own (non-free-mail) domain is my job, not my
    interview."""
    my_domains = {e.rpartition("@")[2] for e in f.me} - {""}
    people = [f.invite.organizer] if f.invite and f.invite.organizer else []
    if f.message.from_:
        people.append(f.message.from_)
    for person in people:
        if person.domain in my_domains and not is_freemail(person.domain):
            return [Reason("internal_sender", W_INTERNAL, f"{person.email} shares my domain")]
    return []


def _sender_reasons(f: Facts) -> list[Reason]:
    sender = f.message.from_
    if sender and not is_noreply(sender) and not is_platform(sender.domain):
        return [Reason("human_sender", W_HUMAN, sender.email)]
    return []


_CONDITION_RX = re.compile(
    r"\b(?:sans (?:nouvelles|réponse|retour)|without (?:hearing|a reply|news)"
    r"|if you (?:do not|don't) hear|sin noticias|ohne (?:rückmeldung|nachricht)"
    r"|vous pourrez considérer"
    # "they asked if we can push it back": a request reported, then answered, is no condition
    r"|if(?<!asked if)(?<!asking if)(?<!asks if)"
    r"(?! (?:i|we) may\b| possible\b| that(?:'s| is)? (?:ok|okay|alright|fine|all right)\b)"
    r"|should you|in case|whether(?<!asked whether)(?<!asking whether)(?<!asks whether)"
    r"|si (?:vous|tu|necesitas?|tienes|usted|no)|falls"
    # "caso seja selecionada" is a condition; "el caso que presentaste" is a case
    r"|sollten sie|wenn|se (?:hai|ha|avete|precisar)"
    r"|caso(?<!el caso)(?<!un caso)(?<!del caso)(?<!al caso)(?<! o caso)(?<!um caso)"
    r"(?<!do caso)(?<!su caso)(?<!tu caso)(?<!seu caso)(?<!este caso)(?<!ese caso))\b",
    re.IGNORECASE)
# for lowered text (``lowered_alike``), skipping in C to where a word can start
_CONDITION_LOW_RX = re.compile(p.boundary_first(_CONDITION_RX.pattern))


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(mark, 0, pos) for mark in (".", "!", "?", "\n\n")) + 1


def _condition(text: str, start: int, end: int) -> bool:
    """``_CONDITION_RX`` in ``text[start:end]``, searched in place; case-sensitively in
    the lowered text where that finds the same (``lowered_alike``)."""
    low = p.lowered_alike(text)
    if low is not None:
        return _CONDITION_LOW_RX.search(low, start, end) is not None
    return _CONDITION_RX.search(text, start, end) is not None


def _statement(rx: p.Phrase, text: str, question: bool = False) -> p.Hit | None:
    """The first match of ``rx`` in a sentence that is neither a question nor a condition
    ("Could we move it to Friday?" proposes; "If you need to reschedule, ..." offers;
    "I've moved it to Friday." tells); with ``question``, the first in a question."""
    m = rx.search(text)  # (kept by ``rx``): most texts hold no match, and that ends it
    if m is None:
        return None
    key = (id(rx), question)
    last = _LAST_STATEMENT.get(key)
    if last is not None and last[0] is text:  # the rules ask the same text again
        return last[1]
    found = None
    pos = 0
    while pos < len(text):
        m = rx.search(text, pos) if pos else m
        if m is None:
            break
        start, end = m.start(), m.end()
        stop = len(text)
        for mark in (".", "!", "?", "\n\n"):
            i = text.find(mark, end)
            if 0 <= i < stop:
                stop = i
        asks = stop < len(text) and text[stop] == "?"
        if asks == question and not _condition(text, _sentence_start(text, start), start):
            found = p.Hit(text, start, end)
            break
        pos = end
    _LAST_STATEMENT[key] = (text, found)
    return found


# The last answer per phrase and mood (holding the text keeps its id from being reused).
_LAST_STATEMENT: dict[tuple[int, bool], tuple[str, p.Hit | None]] = {}


_OFFER_TO_MOVE_RX = re.compile(r"(?:need|want|have) to (?:reschedule|move|cancel|change)",
                               re.IGNORECASE)
_FIRST_PERSON_RX = re.compile(r"\b(?:i|we|us|i'd|we'd|i'm|we're)\b", re.IGNORECASE)


def _offer_to_move(text: str, hit: p.Hit) -> bool:
    """"Questions or need to reschedule?" asks nothing of me: no "we" or "I" proposes."""
    start = _sentence_start(text, hit.start())
    return bool(_OFFER_TO_MOVE_RX.match(text, hit.start())) and not _FIRST_PERSON_RX.search(
        text, start, hit.start())
# "we'll find a new time", "dann finden wir einen neuen Termin": a move still to come
_INTENT_RX = re.compile(
    r"\b(?:find|finden|trouver|encontrar|buscar|vereinbaren|arrange|agree|suggest|propose"
    r"|look for|will be in touch|get back to you|reach out|ricontatt|cercare|procurar"
    r"|in due course|contact you|be in contact|coordinate|coordinar|coordenar|comunicaré"
    r"|come back to you|contact(?:ar|á|aremos|arei|aré)|marcar(?:mos)?"
    r"|choose|pick|select|book|concordare|concordar|convenir|afspreken|uzgodnić|ustalić"
    # "a new date they could not name yet"
    r"|not yet|nog niet|noch nicht|pas encore|todavía no|aún no|ainda não|non ancora"
    r"|ännu inte|jeszcze nie"
    # "as soon as she is back we'll plan a new date"
    r"|plannen|inplannen|planen|planifier|reprogramar|agendar|boka|zaplanujemy|umówimy)\b",
    re.IGNORECASE)
_ROLE_FILLED_RX = re.compile(r"filled|not to (?:fill|hire)", re.IGNORECASE)
_SORROW_ONLY_RX = re.compile(
    r"regret to inform|au regret de vous informer|avons le regret de vous informer"
    r"|z przykrością informujemy|lamentamos (?:informar|comunicar)", re.IGNORECASE)
_OLD_SLOT_RX = re.compile(r"\b(?:" + OLD_WORDS + r"|earlier)\b[^.!?]{0,60}$", re.IGNORECASE)


def _sorrow_or_role(reject: p.Hit) -> bool:
    """Words of regret that are no verdict on me: the role filled, or sorrow alone ("we
    regret to inform you that your interview has been cancelled")."""
    said = reject.group(0)
    return _ROLE_FILLED_RX.search(said) is not None or _SORROW_ONLY_RX.fullmatch(said) is not None


def _kind_evidence(f: Facts) -> tuple[Kind, list[Reason], int | None]:
    """The kind the message states, strongest statement first."""
    invite = f.invite
    if invite and (invite.method == "CANCEL" or invite.status == "CANCELLED"):
        detail = f"METHOD:{invite.method} STATUS:{invite.status} UID {invite.uid}"
        reasons = [Reason("calendar_cancel", W_CAL_CANCEL, detail)]
        verdict = _statement(p.REJECT, f.text)
        if verdict and not p.ROLE_GONE.search(f.text) and not _sorrow_or_role(verdict):
            # the interview is withdrawn because of a verdict on me: "decided not to move
            # forward with your candidacy, so I'm removing Friday's block"
            reasons.append(Reason("rejection_phrase", W_REJECT, _snippet(verdict)))
            return Kind.REJECTION, reasons, verdict.start()
        return Kind.CANCELLATION, reasons, None
    # "If we don't think it's the right fit, we'll let you know": a condition, no verdict
    reject = _statement(p.REJECT, f.text) or _statement(p.REJECT, f.text, question=True)
    cancel, cancel_subject = _statement(p.CANCEL, f.text), p.CANCEL_SUBJECT.search(f.subject)
    gone = p.ROLE_GONE.search(f.text)
    move = _statement(p.RESCHEDULE, f.text)
    if cancel and move and ((move.start() > cancel.start() and not _INTENT_RX.search(
            f.text, max(0, move.start() - 40), move.end() + 40)) or _OLD_SLOT_RX.search(
            f.text[max(0, cancel.start() - 80):cancel.start()])):
        # "your original Friday slot is cancelled"; "we must call off Friday ... so we have
        # moved the meeting to Wednesday": the old time of a move
        cancel = None
    # A verdict on me stays a rejection even when it calls the interview off; the role
    # going away (filled, frozen, on hold) before the interview is a cancellation.
    # "We regret to inform you that your interview has been cancelled": sorrow, no verdict.
    role_filled = reject is not None and _sorrow_or_role(reject)
    if reject and not gone and not (cancel and role_filled):
        return Kind.REJECTION, [Reason("rejection_phrase", W_REJECT, _snippet(reject))], (
            reject.start())
    if cancel or cancel_subject or gone:
        reasons = []
        if cancel_subject:
            reasons.append(Reason("cancel_subject", W_CANCEL_SUBJECT, _snippet(cancel_subject)))
        if cancel:
            reasons.append(Reason("cancel_phrase", W_CANCEL, _snippet(cancel)))
        if gone:
            # Before the interview, a role on hold or filled calls the interview off.
            reasons.append(Reason("role_gone", W_CANCEL, _snippet(gone)))
        anchor = cancel or gone
        return Kind.CANCELLATION, reasons, anchor.start() if anchor else None
    # A reply's subject repeats the original's ("Re: Interview Confirmation"): not news.
    replied = bool(_REPLY_PREFIX_RX.match(f.subject))
    move_subject = p.RESCHEDULE_SUBJECT.search(f.subject)
    if move_subject and replied and not move and p.REMINDER.search(f.text):
        move_subject = None  # "RE: interview - change of date" above "a quick reminder"
    updated = None
    if invite and invite.sequence > 0:
        updated = p.first(p.UPDATED, f.subject, f.text)
    if (updated or move_subject) and (not move or p.TIME_KEPT.search(f.text)):
        kept = p.NOT_MOVED.search(f.text)
        if kept:
            # "Changed: description, location": the same slot with a new link.
            reasons = [Reason("calendar_details_only", 0.0, _snippet(kept))]
            m = p.first(p.CONFIRM, f.text, f.summary)
            if m:
                reasons.append(Reason("confirm_phrase", W_CONFIRM, _snippet(m)))
            return Kind.CONFIRMATION, reasons, None
    if move or move_subject or updated:
        reasons = []
        if move_subject:
            reasons.append(
                Reason("reschedule_subject", W_RESCHEDULE_SUBJECT, _snippet(move_subject)))
        if move:
            reasons.append(Reason("reschedule_phrase", W_RESCHEDULE, _snippet(move)))
        if invite and invite.sequence > 0:
            weight = W_UPDATED if updated and not move else 0.0
            reasons.append(Reason("calendar_sequence", weight, f"SEQUENCE:{invite.sequence}"
                                  + (f", {_snippet(updated)}" if updated else "")))
        return Kind.RESCHEDULE, reasons, move.end() if move else None
    subject = "" if replied else f.subject
    m = p.first(p.CONFIRM, f.text, subject, f.summary)
    if m is None and invite is None:
        regret = _statement(p.REGRET_CUE, f.text)
        farewell = regret and _statement(p.FAREWELL_CUE, f.text)
        if regret and farewell:
            # "After careful consideration ... we'll keep your details on file": a verdict
            return Kind.REJECTION, [Reason("rejection_letter", W_REJECT_LETTER,
                                           f"{_snippet(regret)} … {_snippet(farewell)}")], (
                regret.start())
    reasons = []
    proposed = (_statement(p.RESCHEDULE, f.text, question=True)
                or _statement(p.PROPOSE, f.text, question=True))
    if proposed and _offer_to_move(f.text, proposed):
        proposed = None  # "Need to reschedule? Use the link below": an offer, not a proposal
    if proposed:
        # "Could we move it to Friday at 11?": asked, not agreed.
        reasons.append(Reason("proposal", W_PROPOSAL, _snippet(proposed)))
    if m:
        in_text = m.string is f.text
        reasons.append(Reason("confirm_phrase", W_CONFIRM, _snippet(m)))
        asked = (_statement(p.PROPOSE, f.quoted, question=True)
                 or _statement(p.RESCHEDULE, f.quoted, question=True)
                 ) if in_text and replied else None
        if asked and not proposed:
            # "Thursday 4:30 it is" answering "Could we move today's 2pm?": the move agreed.
            reasons.append(Reason("move_agreed", W_RESCHEDULE, f"asked below: {_snippet(asked)}"))
            return Kind.RESCHEDULE, reasons, m.start()
        return Kind.CONFIRMATION, reasons, m.start() if in_text else None
    return Kind.CONFIRMATION, reasons, None


# "Could we push to Thursday at 10:30 instead? I've already moved the invite" (or "moved
# the calendar invite across already"): the question is a courtesy, the move is made.
_DONE_ALREADY_RX = re.compile(
    r"\b(?:i've|i have|we've|we have|i|we) already (?:moved|updated|sent|changed|rescheduled"
    r"|shifted)\b|\b(?:i've|i have|we've|we have) (?:moved|updated|changed|shifted) (?:the|your"
    r"|our) (?:calendar )?(?:invite|invitation|event|booking)\b[^.!?\n]{0,25}\balready\b"
    r"|\bya (?:he|hemos) (?:movido|cambiado|actualizado|enviado)\b"
    r"|\bj'ai déjà (?:déplacé|modifié|envoyé|mis à jour)\b"
    r"|\b(?:bereits|schon) (?:verschoben|aktualisiert|geändert|verlegt)\b", re.IGNORECASE)


def _timing(f: Facts, kind: Kind, start: datetime | None, settled: bool = False
            ) -> list[Reason]:
    """The time's own signals; ``settled``: the text states the plan as settled."""
    if start is None:
        return [Reason("no_time", 0.0, "no date and time found")]
    reasons = []
    if kind in (Kind.CONFIRMATION, Kind.RESCHEDULE):
        reasons.append(Reason("specific_time", W_TIME, start.isoformat()))
        if start < f.message.date - timedelta(hours=1):
            # A plan for before the message was written is a quote or a slip.
            reasons.append(Reason("start_in_past", W_PAST, "before the message's Date"))
        elif start > f.message.date + FAR_AHEAD:
            # "It was great meeting you on March 3", read as next year's March 3
            reasons.append(Reason("far_ahead", W_FAR, f"more than {FAR_AHEAD.days} days ahead"))
        if f.chosen is not None and f.chosen.question and not _DONE_ALREADY_RX.search(f.text):
            reasons.append(Reason("time_in_question", W_QUESTION, f.chosen.text))
    if kind is Kind.CONFIRMATION and f.invite is None:
        # An itinerary ("9:30-10:15 coding, 10:15-11:00 design") is one slot, not a choice.
        ends = {m.end for m in f.mentions if m.end is not None}
        # A time already past (a quoted "Den 2026-06-04 kl. 22:31, skrev ...") is no choice.
        sent = f.message.date
        distinct = {m.start for m in f.mentions
                    if not m.deadline and m.start not in ends and m.start >= sent
                    and not for_the_reader(f.text, m) and not _restated_for_me(f, m)}
        if len(distinct) > 1:
            # Stated as settled ("confirmed", "you're booked"), the other times are context
            # (an old slot, a restatement); only unstated, they are a choice to make.
            reasons.append(Reason("several_times", W_SEVERAL / 2 if settled else W_SEVERAL,
                                  f"{len(distinct)} different times"
                                  + (", one stated as settled" if settled else "")))
    return reasons


_CONVERSION_BEFORE_RX = re.compile(
    r"(?:that's|that\s+is|which\s+is|which\s+should\s+be|which\s+would\s+be|i\.e\.|equals|=|so"
    r"|or|/|entspricht|also|soit|c'est-à-dire|que\s+serían\s+las|que\s+sería|ou\s+seja|cioè"
    r"|dus)\s*(?:about\s+|around\s+|roughly\s+)?$", re.IGNORECASE)
# Words that say a time is given in the reader's zone ("4pm your time", "17 h 30 chez
# toi"): ``choose`` reads such a time in my zone.
READER_WORDS = (r"for you|your (?:time|side|end)|on your (?:end|side)|where you are"
                r"|local(?:ly)? for you|ihrer zeit|bei ihnen|votre heure|chez vous|chez toi"
                r"|tu hora|su hora|para ti|seu horário|sua hora|para você|ora tua|vostra ora"
                r"|per te")
_CONVERSION_AFTER_RX = re.compile(r"\s*(?:uhr\s*)?(?:\)\s*)?(?:" + READER_WORDS + ")",
                                  re.IGNORECASE)
# The same two, case-sensitive, for lowered text (``lowered_alike``); the pattern before
# has no look behind its start, so a stretch searched in place is the stretch cut out.
_CONVERSION_BEFORE_LOW_RX = re.compile(_CONVERSION_BEFORE_RX.pattern)
_CONVERSION_AFTER_LOW_RX = re.compile(_CONVERSION_AFTER_RX.pattern)


def for_the_reader(text: str, m: Mention) -> bool:
    """"6pm Sydney time - by my maths that's 9am in London": the same slot restated in my
    zone, no second choice (the text may miscount the offset; the first time stands)."""
    at = m.clock_at
    if not text or not 0 <= at < len(text):
        return False
    number = CLOCK_NUMBER_RX.match(text, at)
    after_at = number.end() if number else at
    low = p.lowered_alike(text)
    if low is not None:  # the same stretches, case-sensitive (see ``lowered_alike``)
        return bool(_CONVERSION_BEFORE_LOW_RX.search(low, max(0, at - 30), at) or
                    _CONVERSION_AFTER_LOW_RX.match(low, after_at, after_at + 40))
    before = text[max(0, at - 30):at]
    return bool(_CONVERSION_BEFORE_RX.search(before) or
                _CONVERSION_AFTER_RX.match(text, after_at, after_at + 40))


def _restated_for_me(f: Facts, m: Mention) -> bool:
    """"8pm NZDT (Auckland) = 8:00am Tuesday in London": a second time whose clock is the
    chosen time's clock in my zone is the same slot restated, however it is worded (and
    whichever zone it was read in)."""
    chosen, mine = f.chosen, f.my_zone
    if chosen is None or mine is None or m is chosen or m.start == chosen.start:
        return False
    here = chosen.start.astimezone(mine)
    return (m.start.hour, m.start.minute) == (here.hour, here.minute) and abs(
        m.start.replace(tzinfo=None) - here.replace(tzinfo=None)) <= timedelta(days=1)


_EARLIER_HOLD_RX = re.compile(r"(?:['’]d|\bhad)\s+$", re.IGNORECASE)
# A hold on the journey ("we've pencilled in British Airways BA285"), not on the interview
_TRAVEL_HOLD_RX = re.compile(r"[^.\n]{0,30}\b(?:flights?|hotels?|trains?|airways|airlines"
                             r"|travel|accommodation)\b", re.IGNORECASE)


def _not_this_hold(text: str, m: p.Hit) -> bool:
    """A hold that is not on this interview: an earlier one (the slot "we'd pencilled
    in", the one replaced) or the journey's."""
    return (_EARLIER_HOLD_RX.search(text, max(0, m.start() - 12), m.start()) is not None
            or _TRAVEL_HOLD_RX.match(text, m.end()) is not None)


def _not_a_plan(f: Facts) -> Reason | None:
    """A hold that may still move, or a call about an offer: no interview to plan."""
    if f.invite and f.invite.status == "TENTATIVE":
        return Reason("tentative_hold", 0.0, "STATUS:TENTATIVE")
    if f.invite and f.invite.recurring:
        return Reason("recurring_event", 0.0, "RRULE: a series, not one interview")
    m = _first_unless(p.TENTATIVE, f.parts, _not_this_hold)
    if m:
        return Reason("tentative_hold", 0.0, _snippet(m))
    m = p.first(p.OFFER, *f.parts)
    if m:
        return Reason("offer_call", 0.0, _snippet(m))
    return None


def judge(f: Facts) -> Verdict:
    """First half: vetoes, context and the stated kind (``anchor`` tells the
    caller where to look for the time)."""
    stop = _header_veto(f)
    if stop:
        return Verdict(Kind.NONE, 0.0, [stop])
    # The kind's phrases are many: they are read only when the gate needs the kind,
    # else after the gate and the text's vetoes (most mail stops before).
    evidence: list[tuple[Kind, list[Reason], int | None]] = []

    def stated_kind() -> Kind:
        if not evidence:
            evidence.append(_kind_evidence(f))
        return evidence[0][0]

    gate, reasons = context(f, stated_kind)
    invite_reasons = _invite_reasons(f)
    if not gate:
        reasons.append(Reason("no_interview_context", 0.0, "no interview or job words"))
        return Verdict(Kind.NONE, 0.0, reasons + invite_reasons)
    # The text's vetoes read the whole text: only for what passed the gate.
    stop = _text_veto(f)
    if stop and not (stop.signal == "not_a_job_interview" and stated_kind() is Kind.REJECTION):
        # (a verdict on my application stands whatever else the letter mentions: "thank you
        # for your recorded video interview; we will not be progressing your application")
        return Verdict(Kind.NONE, 0.0, [stop])
    stated_kind()
    kind, kind_reasons, anchor = evidence[0]
    return Verdict(kind, 0.0, reasons + invite_reasons + kind_reasons + _sender_reasons(f),
                   anchor)


def score(f: Facts, verdict: Verdict, start: datetime | None) -> Verdict:
    """Second half: timing and negative signals; the confidence; none below the floor."""
    if verdict.kind is Kind.NONE:
        return verdict
    kind, reasons = verdict.kind, list(verdict.reasons)
    for_me = any(r.signal in ("calendar_request", "calendar_event") for r in reasons)
    reasons += _timing(f, kind, start, any(r.signal == "confirm_phrase" for r in reasons))
    # Lookalikes imitate confirmations; a rejection or cancellation sent in bulk by an
    # applicant-tracking system is still one, so bulk and offers only count against plans.
    planned = kind in (Kind.CONFIRMATION, Kind.RESCHEDULE)
    reasons += negatives(f, for_me, planned)
    if kind is Kind.CONFIRMATION and start is not None and start < f.message.date:
        # A plan for before the message was written is a quote, a slip or a recap.
        reasons.append(Reason("start_before_date", 0.0, "a confirmed start is never in the past"))
        return Verdict(Kind.NONE, 0.0, reasons, verdict.anchor)
    if planned:
        stop = _not_a_plan(f)
        if stop:
            reasons.append(stop)
            return Verdict(Kind.NONE, 0.0, reasons, verdict.anchor)
    ack = p.first(p.APP_ACK, f.text, f.subject)
    if kind is Kind.CONFIRMATION and ack and not for_me:
        reasons.append(Reason("application_ack", W_ACK, _snippet(ack)))
    if start is None and any(r.signal == AGREED_IN_JOB_THREAD for r in reasons):
        reasons.append(Reason("nothing_confirmed", 0.0, "an agreement without a time"))
        return Verdict(Kind.NONE, 0.0, reasons, verdict.anchor)
    if kind is Kind.CONFIRMATION and start is None and not any(
        r.signal in ("confirm_phrase", "calendar_request", "calendar_event") for r in reasons
    ):
        reasons.append(Reason("nothing_confirmed", 0.0, "no time, no invitation, no confirmation"))
        return Verdict(Kind.NONE, 0.0, reasons, verdict.anchor)
    total = sum(r.weight for r in reasons)
    if kind in (Kind.CONFIRMATION, Kind.RESCHEDULE) and start is None and total > NO_TIME_CAP:
        reasons.append(Reason("capped_no_time", 0.0, f"{total:.2f} capped at {NO_TIME_CAP}"))
        total = NO_TIME_CAP
    if total < FLOOR:
        reasons.append(Reason("below_floor", 0.0, f"{kind.value} score {total:.2f} < {FLOOR}"))
        return Verdict(Kind.NONE, 0.0, reasons, verdict.anchor)
    return Verdict(kind, round(min(total, CEILING), 2), reasons, verdict.anchor)
