"""``classify``: one message -> one ``Detection``.

The order of evidence: the calendar invitation first (it is what the
employer's calendar will hold), then the text the sender wrote now. Kind and
confidence come from ``rules``; the time from ``calendar`` or ``when``; the
people, company and role from ``people`` and ``entities``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from functools import lru_cache
from itertools import chain
from zoneinfo import ZoneInfo

from outbox.detect import entities, phrases, rules
from outbox.detect.calendar import Invite, parse_invites
from outbox.detect.people import (
    NamedPerson,
    emails_in_text,
    is_freemail,
    is_noreply,
    is_person,
    is_platform,
    is_role_account,
    named_interviewers,
    registrable,
    squash,
)
from outbox.detect.text import body_text, fresh_part, split_links
from outbox.detect.when import Mention, find_duration, find_mentions
from outbox.detect.zones import sender_zone
from outbox.model import Address, Detection, Kind, Message, Reason

log = logging.getLogger(__name__)

_NUMERIC_DATE_RX = re.compile(r"\d[/.]\d")
_FORWARD_RX = re.compile(r"^\s*(?:fwd?|wg|tr|rv|fw)\s*:", re.IGNORECASE)
_FORWARD_HEADER_RX = re.compile(
    r"^[ \t>]*(?:sent|date|gesendet|datum|envoyé|enviado|inviato)[ \t]*:.*$",
    re.IGNORECASE | re.MULTILINE)
_VIA_RX = re.compile(r"\s+via\s+.*$", re.IGNORECASE)
_NAME_SPLIT_RX = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")


@dataclass(frozen=True)
class DetectContext:
    """Who I am and the defaults detection needs."""

    my_addresses: frozenset[str]  # lower-case; all my addresses and aliases
    default_duration: timedelta  # interview length when the mail gives none
    default_tz: ZoneInfo  # the user's zone, for times written without one


def classify(message: Message, ctx: DetectContext) -> Detection:
    """What ``message`` says about an interview. Never raises: a failure is
    logged and reported as kind none with reason "error"."""
    try:
        return _classify(message, ctx)
    except Exception as exc:  # hostile input must not stop the cycle (promise 5)
        ref = getattr(message, "message_id", "?")
        log.warning("detection failed for %s: %s", ref, type(exc).__name__, exc_info=True)
        detail = f"{type(exc).__name__}: {exc}"[:200]
        return Detection(Kind.NONE, reasons=[Reason("error", 0.0, detail)])


@dataclass(slots=True)
class _When:
    start: datetime | None = None
    end: datetime | None = None
    tz: str | None = None


def _classify(message: Message, ctx: DetectContext) -> Detection:
    me = frozenset(a.strip().lower() for a in ctx.my_addresses)
    fallback = sender_zone(message.date, ctx.default_tz,
                           message.from_.domain if message.from_ else None)
    invite = _choose_invite(parse_invites(message.calendars, *fallback), me)
    full = body_text(message)
    subject = message.subject or ""
    # A forward's news is the message it forwards (an agency passing on the invitation).
    if _FORWARD_RX.match(subject):
        # Its header lines ("Sent: Thursday, July 2, 2026 11:52 AM") are no plan.
        text, links = split_links(_FORWARD_HEADER_RX.sub("", full))
    else:
        text, links = split_links(fresh_part(full))
    facts = rules.Facts(message, me, subject, text, invite, [],
                        invite.summary if invite else "", links,
                        history=full if len(full) > len(text) else "")
    verdict = rules.judge(facts)
    if verdict.kind is Kind.NONE:
        return Detection(Kind.NONE, 0.0, calendar_uid=invite.uid if invite else None,
                         reasons=verdict.reasons)
    # Times are read only once the message is about an interview: most are not. An
    # invitation's time needs none, unless it is in UTC (the text may name the real zone).
    body_mentions: list[Mention] = []
    subject_mentions: list[Mention] = []
    if invite is None or invite.start is None or invite.tz == "UTC":
        # Only a numeric date ("3/10") needs the language; guessing it costs a scan.
        day_first = bool(_NUMERIC_DATE_RX.search(text)) and _day_first(
            text, message.date, ctx.default_tz, message.from_.domain if message.from_ else "")
        body_mentions = _in_my_zone(text, _without_asides(
            text, find_mentions(text, message.date, fallback, day_first=day_first)),
            ctx.default_tz)
        if _FORWARD_RX.match(subject) and len(body_mentions) > 1:
            # The forwarder's own note ("it's settled: Wednesday at 10") is the news; the
            # forwarded thread below it holds the times that were discussed.
            note_end = len(fresh_part(full))
            own = [m for m in body_mentions if m.pos < note_end]
            body_mentions = own or body_mentions
        subject_mentions = find_mentions(subject, message.date, fallback, day_first=day_first)
    facts.mentions = body_mentions + subject_mentions
    if (not facts.mentions and (invite is None or invite.start is None)
            and verdict.kind in (Kind.CONFIRMATION, Kind.RESCHEDULE) and facts.quoted
            and any(r.signal in _AGREEMENT for r in verdict.reasons)):
        # "Perfect, see you then!": the time is in the message being answered.
        body_mentions = (_agreed_from_quote(facts.quoted, text, message.date, fallback)
                         or _agreed_option(facts.quoted, text, full, message.date, fallback))
        facts.mentions = list(body_mentions)
    when, time_reasons, facts.chosen = _when(invite, body_mentions, subject_mentions, verdict,
                                             text, ctx, message.date)
    verdict = rules.score(facts, verdict, when.start)
    reasons = verdict.reasons + time_reasons
    if verdict.kind is Kind.NONE:
        return Detection(Kind.NONE, 0.0, calendar_uid=invite.uid if invite else None,
                         reasons=reasons)
    detection = Detection(
        verdict.kind, verdict.confidence, when.start, when.end, when.tz,
        calendar_uid=invite.uid if invite else None, reasons=reasons,
    )
    _add_people(detection, message, invite, text, me)
    return detection


# Times that are no appointment: a signature's office hours ("Mon-Fri 9:00-17:30", on the
# time's own line), and the times after a note on the clocks changing ("on 25.10. the
# clocks go back: 14:00 here is 13:00 in London", in the same sentence).
_YOUR_TIME_RX = re.compile(
    r"\s*\(?\s*(?:your time|for you|your side|your end|where you are|ihrer zeit|bei ihnen"
    r"|votre heure|chez vous|tu hora|su hora|seu horário|sua hora|ora tua|vostra ora)\b",
    re.IGNORECASE)
_CLOCK_NUMBER_RX = re.compile(r"\d{1,4}(?:[:.h]\s?\d\d)?\s*(?:[ap]\.?\s?m\b\.?|uhr\b|h\b)?",
                              re.IGNORECASE)


def _in_my_zone(text: str, mentions: list[Mention], mine: ZoneInfo) -> list[Mention]:
    """"Tuesday 4pm your time / 11 mine": a time written for me is in my zone."""
    out = []
    for m in mentions:
        number = _CLOCK_NUMBER_RX.match(text, m.clock_at) if m.clock_at >= 0 else None
        if number and not m.zone_written and _YOUR_TIME_RX.match(text, number.end()):
            start = m.start.replace(tzinfo=mine)
            m = replace(m, start=start, end=m.end.replace(tzinfo=mine) if m.end else None,
                        tz=mine.key, zone_written=True)
        out.append(m)
    return out


_SENTENCE_MARKS = (".\n", ". ", "\n\n", "!", "?")


def _without_asides(text: str, mentions: list[Mention]) -> list[Mention]:
    office = phrases.OFFICE_HOURS.search(text) is not None
    clocks = phrases.CLOCK_CHANGE.search(text) is not None
    if not mentions or not (office or clocks):
        return mentions
    kept = []
    for m in mentions:
        clock_at = m.clock_at if m.clock_at >= 0 else m.pos
        line = (text.rfind("\n", 0, clock_at) + 1, text.find("\n", clock_at) % (len(text) + 1))
        if office and phrases.OFFICE_HOURS.search(text[line[0]:line[1] or len(text)]):
            continue
        sentence = max([text.rfind(mark, 0, clock_at) for mark in _SENTENCE_MARKS] + [-1]) + 1
        if clocks and phrases.CLOCK_CHANGE.search(text[sentence:clock_at]):
            continue
        kept.append(m)
    return kept


# "Option (b) would be ideal": the option picked, and the line that offered it.
_PICKED_RX = re.compile(
    r"\b(?:option|slot|choice|opción|opção|opzione|optie)\s*\(?([a-e1-5])\)?(?![\w])"
    r"|^\s*\(([a-e])\)\s", re.IGNORECASE | re.MULTILINE)
_QUOTE_MARKS_RX = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)


def _agreed_option(quoted: str, fresh: str, full: str, sent: datetime,
                   fallback: tuple[tzinfo, str]) -> list[Mention]:
    """A reply agreeing to the option I picked from a list further down the thread:
    the time on the line that offered it ("(b) Wed 18 March, 14:00")."""
    picked = _PICKED_RX.search(fresh) or _PICKED_RX.search(quoted)
    if picked is None:
        return []
    label = (picked.group(1) or picked.group(2)).lower()
    history = _QUOTE_MARKS_RX.sub("", full)
    offer = re.search(rf"^[ \t]*(?:\(\s*{label}\s*\)|{label}[).:]"
                      rf"|(?:option|slot)\s+{label}\s*[:.)-])[^\n]*$",
                      history, re.IGNORECASE | re.MULTILINE)
    if offer is None:
        return []
    found = find_mentions(history, sent, fallback)
    return [m for m in found if offer.start() <= m.clock_at < offer.end()][:1]


_WEEKDAY_RX = re.compile(r"\b(mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b",
                         re.IGNORECASE)
_AGREEMENT = frozenset({"confirm_phrase", "move_agreed", rules.AGREED_IN_JOB_THREAD})
_WEEKDAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def _agreed_from_quote(quoted: str, fresh: str, sent: datetime,
                       fallback: tuple[tzinfo, str]) -> list[Mention]:
    """The time a short reply agrees to, read from the quoted message: its only
    future time, or among several the one on the weekday the reply names."""
    found = [m for m in find_mentions(quoted, sent, fallback)
             if not m.deadline and not m.superseded and sent <= m.start <= sent + rules.FAR_AHEAD]
    # "Thursday at 16:00 your time (so 15:00 for me)": one slot, restated for the reader
    found = [m for m in found if not rules.for_the_reader(quoted, m)] or found[:1]
    starts = {m.start for m in found}
    if len(starts) == 1:
        return found[:1]
    named = {_WEEKDAY_INDEX[w.group(1).lower()[:3]] for w in _WEEKDAY_RX.finditer(fresh)}
    on_day = [m for m in found if m.start.weekday() in named]
    return on_day[:1] if len({m.start for m in on_day}) == 1 else []


def _choose_invite(invites: list[Invite], me: frozenset[str]) -> Invite | None:
    """The event addressed to me, else the first one."""
    for invite in invites:
        if any(a.address.email in me for a in invite.attendees):
            return invite
    return invites[0] if invites else None


# Countries of the Americas that write the day first ("2/4" is the 2nd of April).
_DAY_FIRST_TLDS = frozenset({"br", "ar", "cl", "co", "pe", "mx", "uy", "py", "bo", "ec", "ve",
                             "cr", "gt", "pa", "do", "cu", "hn", "ni", "sv"})


def _day_first(text: str, sent: datetime, default_tz: ZoneInfo, domain: str = "") -> bool:
    """Is "3/10" the 3rd of October? Yes outside English, and in English mail not
    written in the Americas (Latin America aside, which writes the day first)."""
    if phrases.language(text) != "en" or domain.rpartition(".")[2] in _DAY_FIRST_TLDS:
        return True
    offset = sent.utcoffset()
    if offset:
        return not timedelta(hours=-10) <= offset <= timedelta(hours=-3)
    return not (default_tz.key or "").startswith("America/")


_FROM_RX = re.compile(r"\b(?:from|von|de|del|da|van|dal)\s+$", re.IGNORECASE)


def _pick(mentions: list[Mention], kind: Kind, anchor: int | None, sent: datetime,
          text: str = "") -> Mention | None:
    mentions = [m for m in mentions if not m.deadline]
    # A plan is for after the message was written ("we met on Monday; see you Friday at 2").
    ahead = [m for m in mentions if m.start >= sent]
    mentions = ahead or mentions
    if not mentions:
        return None
    if kind is Kind.RESCHEDULE and anchor is not None:
        after = [m for m in mentions if m.pos >= anchor]
        # "moved from Thursday 16th (4pm) to Friday 17th, 5pm": the "from" one is the old
        moved_to = [m for m in after if not _FROM_RX.search(text, max(0, m.pos - 12), m.pos)]
        after = moved_to or after
        return after[0] if after else mentions[-1]
    if kind is Kind.RESCHEDULE:
        return mentions[-1]  # "from Tuesday 2pm to Wednesday 3pm": the new time comes last
    if anchor is not None:
        return min(mentions, key=lambda m: abs(m.pos - anchor))
    return mentions[0]


def _when(
    invite: Invite | None, body: list[Mention], subject: list[Mention],
    verdict: rules.Verdict, text: str, ctx: DetectContext, sent: datetime,
) -> tuple[_When, list[Reason], Mention | None]:
    mention = None
    if invite is not None and invite.start is not None:
        when = _When(invite.start, invite.end, invite.tz)
        reasons = [Reason("time_from_calendar", 0.0, f"{invite.start.isoformat()} ({invite.tz})")]
        if invite.tz == "UTC":  # Google writes UTC; the text usually names the real zone
            same = [m for m in body + subject if m.zone_written and m.start == invite.start]
            if same:
                when.tz = same[0].tz
                reasons.append(Reason("zone_from_text", 0.0, same[0].text))
    else:
        mention = (_pick(body, verdict.kind, verdict.anchor, sent, text)
                   or _pick(subject, verdict.kind, None, sent))
        if mention is None:
            return _When(), [], None
        when = _When(mention.start, mention.end, mention.tz)
        how = "as written" if mention.zone_written else "zone assumed (sender/default)"
        reasons = [Reason("time_from_text", 0.0, f"{mention.text!r} -> "
                          f"{mention.start.isoformat()} {mention.tz}, {how}")]
    if when.start is not None and when.end is None:
        length = find_duration(text)
        if length:
            reasons.append(Reason("duration_from_text", 0.0, str(length)))
        else:
            length = ctx.default_duration
            reasons.append(Reason("duration_default", 0.0, str(length)))
        when.end = when.start + length
    return when, reasons, mention


def _add_people(
    detection: Detection, message: Message, invite: Invite | None, text: str, me: frozenset[str]
) -> None:
    everyone = _address_pool(message, invite, text)
    # Robots borrow people's names ("Jane Doe <notifications@calendly.com>"): match
    # names against real mailboxes only.
    pool = [a for a in everyone if not is_noreply(a) and not is_platform(a.domain)]
    sender = message.from_
    human_sender = sender if sender and is_person(sender, me) else None
    named = named_interviewers(text, human_sender, pool)
    interviewers = _interviewers(named, invite, me)
    contacts = _contacts(message, invite, interviewers, me)
    detection.interviewers = tuple(interviewers)
    detection.contacts = tuple(contacts)
    unnamed = [n.name for n in named if n.address is None]
    if unnamed:
        detection.reasons.append(Reason("interviewer_without_address", 0.0, ", ".join(unnamed)))
    if contacts:
        detection.reasons.append(Reason("contacts", 0.0, ", ".join(a.email for a in contacts)))
    my_names = {a.name for a in everyone if a.email in me and a.name}
    people = frozenset(squash(n) for n in
                       [a.name for a in pool if a.name] + [n.name for n in named] + list(my_names))
    _add_company_and_role(detection, message, invite, text, contacts, people, my_names, me)
    detection.contacts = tuple(_plain_name(a) for a in detection.contacts)
    detection.interviewers = tuple(_plain_name(a) for a in detection.interviewers)


def _plain_name(address: Address) -> Address:
    """"Julia Schmidt – Nordwind GmbH" -> "Julia Schmidt"; "Dana via Calendly" -> "Dana":
    drafts greet a person, not a header."""
    name = _VIA_RX.sub("", address.name)
    name = _NAME_SPLIT_RX.split(name, maxsplit=1)[0].strip(" \"'")
    return address if name == address.name else Address(address.email, name)


def _address_pool(message: Message, invite: Invite | None, text: str) -> list[Address]:
    pool = list(message.participants)
    if invite is not None:
        if invite.organizer:
            pool.append(invite.organizer)
        pool.extend(a.address for a in invite.attendees)
    pool.extend(emails_in_text(text))
    return pool


def _interviewers(named: list[NamedPerson], invite: Invite | None, me: frozenset[str]
                  ) -> list[Address]:
    """Named in the text first (the sender knows), then the invitation's attendees
    other than me and the organizer (who is usually the coordinator)."""
    out: list[Address] = []
    for person in named:
        if person.address and person.address.email not in me and not is_noreply(person.address):
            out.append(Address(person.address.email, person.address.name or person.name))
    if invite is not None:
        organizer = invite.organizer.email if invite.organizer else ""
        for attendee in invite.attendees:
            address = attendee.address
            if (attendee.is_person and address.email not in me and address.email != organizer
                    and not is_noreply(address) and not is_platform(address.domain)):
                out.append(address)
    return _unique(out)


def _contacts(message: Message, invite: Invite | None, interviewers: list[Address],
              me: frozenset[str]) -> list[Address]:
    """People to write to, best first: the reply-to person, the organizer, the
    sender, the interviewers, other attendees; a shared inbox only as last resort."""
    ordered: list[Address] = list(message.reply_to)
    if invite is not None and invite.organizer:
        ordered.append(invite.organizer)
    if message.from_:
        ordered.append(message.from_)
    ordered += interviewers
    if invite is not None:
        ordered += [a.address for a in invite.attendees if a.is_person]
    people = [a for a in ordered if is_person(a, me)]
    if not people:
        people = [a for a in ordered if a.email not in me and not is_noreply(a)
                  and is_role_account(a) and not is_platform(a.domain)]
    return _unique(people)


def _unique(addresses: list[Address]) -> list[Address]:
    seen: dict[str, Address] = {}
    for address in addresses:
        known = seen.get(address.email)
        if known is None or (not known.name and address.name):
            seen[address.email] = address if known is None else Address(address.email, address.name)
    order = list(dict.fromkeys(a.email for a in addresses))
    return [seen[e] for e in order]


def _employer_domain(message: Message, invite: Invite | None, contacts: list[Address],
                     me: frozenset[str], text: str) -> str | None:
    """The employer's domain: a contact's, the organizer's or the sender's; an agency's
    only when no client's address appears (in the invitation or the forwarded text)."""
    my_domains = {e.rpartition("@")[2] for e in me}
    candidates = list(contacts)
    if invite is not None and invite.organizer:
        candidates.append(invite.organizer)
    if message.from_:
        candidates.append(message.from_)
    if invite is not None:
        candidates += [a.address for a in invite.attendees]
    candidates += emails_in_text(text)
    agency = None
    for address in candidates:
        domain = address.domain
        if not domain or domain in my_domains or is_platform(domain) or is_freemail(domain):
            continue
        if not entities.is_agency(domain):
            return domain
        agency = agency or domain
    return agency


@lru_cache(maxsize=8)
def _my_name_parts(me: frozenset[str]) -> frozenset[str]:
    """"ada.lovelace@example.com" -> {"ada", "lovelace"}."""
    return frozenset(t for e in me for t in re.split(r"[._+-]", e.partition("@")[0])
                     if len(t) >= 3)


def _add_company_and_role(
    detection: Detection, message: Message, invite: Invite | None, text: str,
    contacts: list[Address], people: frozenset[str], my_names: set[str], me: frozenset[str],
) -> None:
    summary = invite.summary if invite else ""
    subject = message.subject or ""
    domain = _employer_domain(message, invite, contacts, me, text)
    sender = message.from_
    if domain and (entities.is_agency(domain) or (
            sender is not None and sender.domain == domain
            and entities.sender_is_agency(sender.name, domain, text))):
        domain = None  # the agency is not the employer: its client is named in the text
    domain_company = (
        entities.company_from_domain(domain, (subject, summary, text)) if domain else None
    )
    # Read lazily (see ``pick_company``): the body is searched only when needed.
    candidates: Iterable[entities.Found] = entities.company_candidates(subject, summary, text)
    if sender is not None:
        robot = is_noreply(sender) or is_platform(sender.domain)
        shown = entities.company_from_display(sender.name, robot)
        # "Calendly <notifications@calendly.com>": the service's own name
        service = is_platform(sender.domain) and squash(registrable(sender.domain).split(".")[0])
        if shown and not (service and squash(shown).startswith(service)):
            candidates = chain(candidates, [entities.Found(shown, "sender name")])
    # My own name ("Interview: Ada Lovelace - ...") is never the employer.
    mine = _my_name_parts(me)
    candidates = (c for c in candidates
                  if squash(c.value.split()[0]) not in mine and not entities.is_agency(c.value))
    found = entities.pick_company(candidates, domain_company, people)
    if found:
        detection.company = entities.everyday_name(found.value)
        detection.reasons.append(Reason("company", 0.0, f"{found.value} (from {found.source})"))
    elif domain_company:
        detection.company = entities.everyday_name(domain_company)
        detection.reasons.append(Reason("company", 0.0, f"{domain_company} (from {domain})"))
    drop = [*my_names, detection.company or ""]
    role = entities.find_role(subject, summary, text, drop)
    if role:
        detection.role = role.value
        detection.reasons.append(Reason("role", 0.0, f"{role.value} (from {role.source})"))
