"""``classify``: one message -> one ``Detection``.

The order of evidence: the calendar invitation first (it is what the
employer's calendar will hold), then the text the sender wrote now. Kind and
confidence come from ``rules``; the time from ``calendar``, or else read by ``when``
and picked by ``choose``; the people, company and role from ``people`` and
``entities``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import chain
from zoneinfo import ZoneInfo

from outbox.detect import choose, entities, kindmodel, phrases, rules
from outbox.detect.calendar import Invite, parse_invites
from outbox.detect.people import (
    NamedPerson,
    domain_name,
    emails_in_text,
    is_freemail,
    is_noreply,
    is_person,
    is_platform,
    is_role_account,
    named_interviewers,
    registrable,
    squash,
    writer_takes_part,
)
from outbox.detect.text import FORWARD_RX, SENT_LINE, body_text, fresh_part, split_links
from outbox.detect.when import Mention, find_duration, find_mentions
from outbox.detect.zones import sender_zone
from outbox.model import Address, Detection, Kind, Message, Reason

log = logging.getLogger(__name__)

# "\d[/.]\d" is somewhere in the text: as two patterns that each start with a literal (the
# regex engine skips to each "/" or "." in C; a leading "\d" made it test every character
# for a digit). The look-behind reads the digit before (test_speed_equivalence).
_SLASH_DATE_RX, _DOT_DATE_RX = re.compile(r"/(?<=\d/)\d"), re.compile(r"\.(?<=\d\.)\d")
_FORWARD_HEADER_RX = re.compile(
    r"^[ \t>]*" + SENT_LINE + ".*$",
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
    text, links = _news(subject, full)
    facts = rules.Facts(message, me, subject, text, invite, [],
                        invite.summary if invite else "", links,
                        history=full if len(full) > len(text) else "", my_zone=ctx.default_tz)
    verdict = rules.judge(facts)
    if verdict.kind is Kind.NONE:
        return _nothing_or_rejection(message, invite, subject, text, me, verdict.reasons)
    # Times are read only once the message is about an interview: most are not. An
    # invitation's time needs none, unless it is in UTC (the text may name the real zone).
    body_mentions: list[Mention] = []
    subject_mentions: list[Mention] = []
    if invite is None or invite.start is None or invite.tz == "UTC":
        # Only a numeric date ("3/10") needs the language; guessing it costs a scan.
        day_first = _numeric_date(text) and _day_first(
            text, message.date, ctx.default_tz, message.from_.domain if message.from_ else "")
        body_mentions = choose.in_my_zone(text, choose.without_asides(
            text, find_mentions(text, message.date, fallback, day_first=day_first)),
            ctx.default_tz)
        if FORWARD_RX.match(subject) and len(body_mentions) > 1:
            # The forwarder's own note ("it's settled: Wednesday at 10") is the news; the
            # forwarded thread below it holds the times that were discussed.
            note_end = len(fresh_part(full))
            own = [m for m in body_mentions if m.pos < note_end]
            body_mentions = own or body_mentions
        subject_mentions = find_mentions(subject, message.date, fallback, day_first=day_first)
    facts.mentions = body_mentions + subject_mentions
    if (not facts.mentions and (invite is None or invite.start is None)
            and verdict.kind in (Kind.CONFIRMATION, Kind.RESCHEDULE) and facts.quoted
            and any(r.signal in choose.AGREEMENT for r in verdict.reasons)):
        # "Perfect, see you then!": the time is in the message being answered.
        body_mentions = (choose.agreed_from_quote(facts.quoted, text, message.date, fallback)
                         or choose.agreed_option(facts.quoted, text, full, message.date,
                                                 fallback))
        facts.mentions = list(body_mentions)
    when, time_reasons, facts.chosen = _when(invite, body_mentions, subject_mentions, verdict,
                                             text, ctx, message.date)
    verdict = rules.score(facts, verdict, when.start)
    reasons = verdict.reasons + time_reasons
    if verdict.kind is Kind.NONE:
        return _nothing_or_rejection(message, invite, subject, text, me, reasons)
    kind, confidence = verdict.kind, verdict.confidence
    # An invitation is the strongest evidence there is: words do not overrule it.
    opinion = kindmodel.second_opinion(subject, text, kind) if invite is None else None
    if opinion is not None:  # a confirmation read whole as something else
        reasons.append(opinion.reason)
        if opinion.kind is Kind.NONE:
            return Detection(Kind.NONE, 0.0, calendar_uid=invite.uid if invite else None,
                             reasons=reasons)
        kind, confidence = opinion.kind, opinion.confidence
    detection = Detection(
        kind, confidence, when.start, when.end, when.tz,
        calendar_uid=invite.uid if invite else None, reasons=reasons,
    )
    _add_people(detection, message, invite, text, me)
    return detection


# What the kind model may not overrule: mail that is mine, automatic, or about my
# own hiring is never a rejection of me, whatever its words.
_FINAL_NONE = frozenset({"from_me", "auto_reply", "i_am_organizer", "i_am_interviewer"})


def _nothing_or_rejection(message: Message, invite: Invite | None, subject: str, text: str,
                          me: frozenset[str], reasons: list[Reason]) -> Detection:
    """Nothing, unless the letter read whole is a rejection (see ``kindmodel``)."""
    uid = invite.uid if invite else None
    opinion = None
    if invite is None and not any(r.signal in _FINAL_NONE for r in reasons) and not (
            phrases.first(phrases.APP_ACK, subject, text)):
        # (an acknowledgement of my application is never read as its rejection)
        opinion = kindmodel.second_opinion(subject, text, Kind.NONE)
    if opinion is None:
        return Detection(Kind.NONE, 0.0, calendar_uid=uid, reasons=reasons)
    detection = Detection(opinion.kind, opinion.confidence, calendar_uid=uid,
                          reasons=[*reasons, opinion.reason])
    _add_people(detection, message, invite, text, me)
    return detection


def _news(subject: str, full: str) -> tuple[str, str]:
    """What the sender writes now (the quoted thread cut), and its links apart."""
    if FORWARD_RX.match(subject):
        # A forward's news is the message it forwards (an agency passing on the
        # invitation); its header lines ("Sent: Thursday, July 2, 2026 11:52 AM") are no plan.
        return split_links(_FORWARD_HEADER_RX.sub("", full))
    return split_links(fresh_part(full))


def news_text(message: Message) -> str:
    """The text detection reads in ``message`` (for training the kind model on it)."""
    return _news(message.subject or "", body_text(message))[0]


def _choose_invite(invites: list[Invite], me: frozenset[str]) -> Invite | None:
    """The event addressed to me, else the first one."""
    for invite in invites:
        if any(a.address.email in me for a in invite.attendees):
            return invite
    return invites[0] if invites else None


def _numeric_date(text: str) -> bool:
    """Is a numeric date ("3/10", "3.10") written in ``text``?"""
    return _SLASH_DATE_RX.search(text) is not None or _DOT_DATE_RX.search(text) is not None


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
        mention = (choose.pick(body, verdict.kind, verdict.anchor, sent, text)
                   or choose.pick(subject, verdict.kind, None, sent))
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
    interviewers = _interviewers(named, invite, me) or _copied_colleagues(message, me)
    if human_sender is not None and writer_takes_part(text):
        # "45 min with me and Priya", "Tomasz and me", "I'll be running it": the writer
        # is the one I meet first (a colleague named or copied comes after).
        interviewers = [human_sender, *(a for a in interviewers if a.email != human_sender.email)]
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


def _copied_colleagues(message: Message, me: frozenset[str]) -> list[Address]:
    """With no one named: the sender's colleagues copied on the mail ("I've copied Marcus,
    who will run the interview") are who I will meet."""
    sender = message.from_
    if sender is None or not sender.domain or is_freemail(sender.domain):
        return []
    home = registrable(sender.domain)
    return [a for a in message.cc if a.domain and registrable(a.domain) == home
            and a.email != sender.email and is_person(a, me)]


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


# A footer naming the service that sent the mail ("Scheduling by Slotterly", "Powered
# by Hirebird"): the sender's domain is then the service's, not the employer's.
# (searched in the lower-cased text, and only where the phrase prefilter says it may be)
_SERVICE_FOOTER = (r"\b(?:powered by|scheduling by|scheduled (?:with|via|by)|sent (?:via|using"
                   r"|by)|booked (?:via|through)|delivered by)\s+(\w[\w-]*)")
_SERVICE_FOOTER_RX = re.compile(_SERVICE_FOOTER)
_SERVICE_WORDS = phrases.register([_SERVICE_FOOTER])


def _services_named(text: str) -> frozenset[str]:
    if not phrases.may_hold(_SERVICE_WORDS, text):
        return frozenset()
    return frozenset(squash(m.group(1))
                     for m in _SERVICE_FOOTER_RX.finditer(phrases.lowered(text)))


def _a_service(domain: str, services: frozenset[str]) -> bool:
    """A scheduling or recruiting service's domain, known or named in a footer."""
    return is_platform(domain) or (
        bool(services) and domain_name(domain) in services)


def _employer_domain(message: Message, invite: Invite | None, contacts: list[Address],
                     me: frozenset[str], text: str,
                     services: frozenset[str] = frozenset()) -> str | None:
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
        if (not domain or domain in my_domains or _a_service(domain, services)
                or is_freemail(domain)):
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
    services = _services_named(text)
    domain = _employer_domain(message, invite, contacts, me, text, services)
    sender = message.from_
    if domain and (entities.is_agency(domain) or (
            sender is not None and sender.domain == domain
            and entities.sender_is_agency(sender.name, domain, text))):
        domain = None  # the agency is not the employer: its client is named in the text
    domain_company = (
        entities.company_from_domain(domain, (subject, summary, text)) if domain else None
    )
    # Read lazily (see ``pick_company``): the body is searched only when needed.
    candidates: Iterable[entities.Found] = entities.company_candidates(
        subject, summary, text, third_party=domain is None)
    if sender is not None:
        robot = is_noreply(sender) or _a_service(sender.domain, services)
        shown = entities.company_from_display(sender.name, robot)
        # "Calendly <notifications@calendly.com>": the service's own name
        service = _a_service(sender.domain, services) and domain_name(sender.domain)
        if shown and not (service and squash(shown).startswith(service)):
            shown_found = [entities.Found(shown, "sender name")]
            # with the employer's domain to confirm it, the sender's own name is asked
            # first: the body's many patterns then often go unread
            candidates = (chain(shown_found, candidates) if domain_company
                          else chain(candidates, shown_found))
    # My own name ("Interview: Ada Lovelace - ...") is never the employer.
    mine = _my_name_parts(me)
    candidates = (c for c in candidates
                  if squash(c.value.split()[0]) not in mine and not entities.is_agency(c.value))
    labelled = entities.labelled_company(text)
    found = (labelled if labelled and entities.company_ok(labelled.value, people)
             else entities.pick_company(candidates, domain_company, people))
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
