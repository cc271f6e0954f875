"""One milestone for one recipient -> a threaded RFC 5322 reply (and its key).

Everything taken from mail (subject, names, company, role, message ids) is
hostile until cleaned (``headers.py``): it can never add a header or a
recipient. The body comes from a Jinja2 template (the user's, else a built-in;
``templating.py``) rendered with ``StrictUndefined``, so a missing value is an
error, never "Dear ,"; the rendered text is proofread and a draft with a
problem says so at its top.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from outbox import proofread
from outbox.headers import (
    POLICY,
    clean_message_ids,
    clean_text,
    draft_message_id,
    reply_subject,
    valid_address,
)
from outbox.model import Address, Interview
from outbox.settings import Config
from outbox.templating import TemplateError, render_template, resolve_template

log = logging.getLogger(__name__)

MAX_REFERENCES = 20
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "mx", "miss", "dr", "prof", "professor", "sir",
                         "dame", "madam", "herr", "frau"})
_NAME_SUFFIXES = frozenset({"phd", "md", "jr", "sr", "ii", "iii", "mba", "cpa", "esq",
                            "recruiter", "hr", "talent"})
# A display name containing one of these is a team or a system, not a person.
_NOT_A_PERSON = frozenset({
    "team", "recruiting", "recruitment", "recruiter", "talent", "careers", "career", "jobs",
    "hiring", "hr", "people", "noreply", "no-reply", "notifications", "notification",
    "support", "admin", "info", "office", "department", "acquisition", "staffing", "inc",
    "ltd", "llc", "gmbh", "corp", "company", "calendar", "scheduling", "mailer",
})


@dataclass(frozen=True)
class Draft:
    message: EmailMessage
    key: str
    message_id: str
    body: str
    body_hash: str
    problems: tuple[str, ...]


# --- keys and hashes ---------------------------------------------------------


def draft_key(interview_id: str, milestone: str, recipient: str) -> str:
    digest = hashlib.sha256(recipient.lower().encode("utf-8")).hexdigest()[:10]
    return f"outbox.{interview_id}.{milestone}.{digest}"


def normalise_body(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).rstrip()


def body_hash(text: str) -> str:
    return hashlib.sha256(normalise_body(text).encode("utf-8")).hexdigest()


# --- the template's context --------------------------------------------------


def first_name(display_name: str | None) -> str | None:
    """The given name to greet someone by, or None when there is no safe one."""
    name = re.sub(r"\([^)]*\)", " ", clean_text(display_name)).strip().strip("\"'")
    name = re.split(r"\s+(?:via|\||-|–|—|@)\s+", name, maxsplit=1)[0]
    if not name or "@" in name:
        return None
    if "," in name:
        before, after = (part.strip() for part in name.split(",", 1))
        after_words = after.split()
        is_suffix = bool(after_words) and after_words[0].strip(".").lower() in _NAME_SUFFIXES
        name = before if not after_words or is_suffix or len(after_words) > 2 else after
    words = [w.strip(".,;:!?\"'") for w in name.split()]
    if any(w.lower() in _NOT_A_PERSON for w in words):
        return None
    words = [w for w in words if w and w.lower() not in _HONORIFICS]
    words = [w for w in words if len(w) > 1 and any(c.isalpha() for c in w)] or []
    if not words:
        return None
    given = words[0]
    if given.isupper() or given.islower():
        given = given.title()
    return given


@dataclass(frozen=True)
class Person:
    name: str
    first_name: str | None
    email: str


@dataclass(frozen=True)
class InterviewInfo:
    start: datetime
    end: datetime
    start_local: str  # "Tuesday, 10 March"
    date_local: str  # "10 March"
    weekday: str  # "Tuesday"
    time_local: str  # "14:00"
    timezone: str


def _aware(moment: datetime, zone_name: str | None) -> datetime:
    if moment.tzinfo is not None:
        return moment
    zone: tzinfo = UTC
    with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(zone_name) if zone_name else UTC
    return moment.replace(tzinfo=zone)


def _position(role: str | None, company: str | None) -> str:
    """"the Data Engineer role at Acme", "the role at Acme", "the role"."""
    noun = "" if role and re.search(r"\b(role|position|job|opening)$", role, re.I) else "role"
    text = " ".join(p for p in ("the", role, noun) if p)
    return f"{text} at {company}" if company else text


def build_context(*, interview: Interview, milestone: str, recipient: Address, me_name: str,
                  me_email: str, zone: ZoneInfo) -> dict[str, Any]:
    start = _aware(interview.start, interview.tz).astimezone(zone)
    end = _aware(interview.end, interview.tz).astimezone(zone)
    rname = clean_text(recipient.name)
    company, role = clean_text(interview.company) or None, clean_text(interview.role) or None
    rfirst = first_name(rname)
    if rfirst and company and rfirst.casefold() in company.casefold().split():
        rfirst = None  # "Acme <jobs@acme.example>" is the company, not a person
    interviewers = []
    others = []
    for person in interview.interviewers:
        name = clean_text(person.name)
        if not name or name in interviewers:
            continue
        interviewers.append(name)
        same = person.email and person.email == recipient.email
        if not same and name.casefold() != rname.casefold():
            others.append(name)
    return {
        "me": Person(clean_text(me_name), first_name(me_name), me_email),
        "recipient": Person(rname, rfirst, recipient.email),
        "greeting": f"Hi {rfirst}," if rfirst else "Hello,",
        "company": company,
        "role": role,
        "position": _position(role, company),
        "interview": InterviewInfo(
            start=start, end=end,
            start_local=f"{_WEEKDAYS[start.weekday()]}, {start.day} {_MONTHS[start.month - 1]}",
            date_local=f"{start.day} {_MONTHS[start.month - 1]}",
            weekday=_WEEKDAYS[start.weekday()], time_local=f"{start:%H:%M}",
            timezone=str(zone),
        ),
        "milestone": milestone,
        "interviewers": interviewers,
        "other_interviewers": others,
    }


def _sample_interview() -> Interview:
    from outbox.model import InterviewStatus

    start = datetime(2025, 3, 11, 14, 0, tzinfo=UTC)
    return Interview(
        id="check", account="check", thread_id="check", status=InterviewStatus.SCHEDULED,
        start=start, end=start.replace(hour=15), tz="UTC", company="Example Ltd",
        role="Engineer", subject="Interview", reply_message_id="<check@example.com>",
        references=(), thread_hint=None, contacts=(Address("grace@example.com", "Grace Hopper"),),
        interviewers=(Address("grace@example.com", "Grace Hopper"),), confidence=1.0,
    )


def check_templates(config: Config) -> None:
    """Every enabled milestone has a template that compiles and renders a sample."""
    failures: list[str] = []
    sample = _sample_interview()
    for m in config.milestones:
        if not m.enabled:
            continue
        try:
            source = resolve_template(config, m.name)
            context = build_context(
                interview=sample, milestone=m.name, recipient=sample.contacts[0],
                me_name=config.me.name, me_email=config.me.addresses[0], zone=config.zone,
            )
            render_template(source, m.name, context)
        except TemplateError as exc:
            failures.append(str(exc))
    if failures:
        raise TemplateError("; ".join(failures), hint="fix the templates named above")


def _references(interview: Interview) -> tuple[str | None, list[str]]:
    reply = clean_message_ids([interview.reply_message_id])
    if not reply:
        log.warning("interview %s: reply Message-ID %r is not valid; the draft is not threaded",
                    interview.id, interview.reply_message_id)
    # The parent's id goes last (RFC 5322 3.6.4), wherever else it appeared.
    refs = [r for r in clean_message_ids(interview.references) if r not in reply] + reply
    if len(refs) > MAX_REFERENCES:
        refs = refs[:1] + refs[-(MAX_REFERENCES - 1):]
    return (reply[0] if reply else None), refs


def _with_note(body: str, problems: list[str]) -> str:
    if not problems:
        return body
    return f"[outbox: please check this draft before sending: {'; '.join(problems)}]\n\n{body}"


def render(*, interview: Interview, milestone: str, recipient: Address, config: Config,
           now: datetime, from_address: str | None = None) -> Draft:
    if now.tzinfo is None:
        raise ValueError("render needs an aware `now`")
    to_addr = valid_address(recipient.email)
    from_addr = valid_address(from_address or config.me.addresses[0])
    # Keyed on the address as the store knows it (the engine computes the same key).
    key = draft_key(interview.id, milestone, recipient.email)
    message_id = draft_message_id(key, from_addr)

    source = resolve_template(config, milestone)
    context = build_context(interview=interview, milestone=milestone, recipient=recipient,
                            me_name=config.me.name, me_email=from_addr, zone=config.zone)
    text = re.sub(r"\n{3,}", "\n\n", normalise_body(render_template(source, milestone, context)))
    text = text.lstrip("\n")
    problems = proofread.check(text, recipient_name=context["recipient"].name,
                               company=context["company"])
    body = _with_note(text, problems) + "\n"

    msg = EmailMessage(policy=POLICY)
    msg["From"] = HeaderAddress(display_name=context["me"].name, addr_spec=from_addr)
    msg["To"] = HeaderAddress(display_name=context["recipient"].name, addr_spec=to_addr)
    msg["Subject"] = reply_subject(interview.subject)
    msg["Date"] = format_datetime(now.astimezone(config.zone))
    msg["Message-ID"] = message_id
    in_reply_to, refs = _references(interview)
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    if refs:
        msg["References"] = " ".join(refs)
    msg["X-Outbox-Key"] = key
    msg.set_content(body, charset="utf-8", cte="quoted-printable")
    return Draft(msg, key, message_id, body, body_hash(body), tuple(problems))
