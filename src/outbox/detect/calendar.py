"""Calendar parts (ICS, RFC 5545) -> ``Invite``: what the invitation says.

icalendar does the parsing. Everything here is defensive: a broken calendar
yields no invite (the caller falls back to the text), never an exception.
Zones: a TZID that names an IANA or Windows zone ("Pacific Standard Time", as
Outlook writes) becomes that IANA zone even when a VTIMEZONE block is present;
an unknown TZID keeps the VTIMEZONE's rules; UTC ("Z") stays UTC; floating
times take the sender's zone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

import icalendar

from outbox.detect.zones import label_of, zone_by_name
from outbox.model import Address

log = logging.getLogger(__name__)

MAX_ICS = 200_000  # characters; a bigger calendar is not an invitation
_MAX_ATTENDEES = 50  # an interview has a handful; a town hall is not one
_EVENT_FIELDS = frozenset({
    "UID", "SEQUENCE", "STATUS", "SUMMARY", "DTSTART", "DTEND", "DURATION", "ORGANIZER",
    "ATTENDEE", "RECURRENCE-ID",
})
_UNFOLD_RX = re.compile(r"\r?\n[ \t]")
_TZID_LINE_RX = re.compile(r"^TZID:(.+?)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Attendee:
    address: Address
    role: str = ""  # REQ-PARTICIPANT, OPT-PARTICIPANT, CHAIR, NON-PARTICIPANT
    cutype: str = ""  # INDIVIDUAL, ROOM, RESOURCE, GROUP

    @property
    def is_person(self) -> bool:
        return self.cutype in ("", "INDIVIDUAL") and self.role != "NON-PARTICIPANT"


@dataclass(frozen=True, slots=True)
class Invite:
    method: str  # REQUEST, CANCEL, PUBLISH, REPLY, ... ("" when the calendar has none)
    uid: str | None
    sequence: int
    status: str  # CONFIRMED, TENTATIVE, CANCELLED or ""
    summary: str
    start: datetime | None  # aware; None for all-day or unreadable
    end: datetime | None
    tz: str | None
    floating: bool  # times without a zone, read in the sender's zone
    organizer: Address | None
    attendees: tuple[Attendee, ...]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value).split())[:2000]


def _mail(value: Any) -> str:
    raw = str(value or "").strip()
    if raw.lower().startswith("mailto:"):
        raw = raw[7:]
    raw = raw.strip()
    if "@" not in raw or any(c in raw for c in " <>,;\"\\"):
        return ""
    return raw


def _address(prop: Any) -> Address | None:
    email = _mail(prop)
    if not email:
        return None
    params = getattr(prop, "params", {}) or {}
    return Address(email=email, name=_text(params.get("CN", "")).strip('"'))


def _attendees(event: Any) -> tuple[Attendee, ...]:
    raw = event.get("ATTENDEE")
    if raw is None:
        return ()
    props = raw if isinstance(raw, list) else [raw]
    out = []
    for prop in props:
        address = _address(prop)
        if address is None:
            continue
        params = getattr(prop, "params", {}) or {}
        out.append(Attendee(address, _text(params.get("ROLE")).upper(),
                            _text(params.get("CUTYPE")).upper()))
    return tuple(out)


def _moment(event: Any, name: str, floating: tzinfo) -> tuple[datetime | None, bool, str | None]:
    """(aware datetime, was floating, TZID as written) of DTSTART/DTEND."""
    prop = event.get(name)
    if prop is None:
        return None, False, None
    try:
        value = prop.dt
    except Exception:  # icalendar raises its own types on broken values
        log.debug("unreadable %s", name, exc_info=True)
        return None, False, None
    tzid = _text((getattr(prop, "params", {}) or {}).get("TZID")) or None
    if not isinstance(value, datetime):
        return None, False, tzid  # all-day: no time to plan around
    known = zone_by_name(tzid) if tzid else None
    if known is not None:
        return value.replace(tzinfo=known), False, tzid
    if value.tzinfo is None:
        return value.replace(tzinfo=floating), True, tzid
    return value, False, tzid


def _duration(event: Any) -> timedelta | None:
    prop = event.get("DURATION")
    if prop is None:
        return None
    try:
        value = prop.dt
    except Exception:
        return None
    if isinstance(value, timedelta) and timedelta(0) < value <= timedelta(hours=12):
        return value
    return None


def _sequence(event: Any) -> int:
    try:
        return max(0, int(str(event.get("SEQUENCE", 0)).strip() or 0))
    except (TypeError, ValueError):
        return 0


def _invite(method: str, event: Any, floating: tzinfo, floating_label: str) -> Invite:
    start, was_floating, _ = _moment(event, "DTSTART", floating)
    end, _, _ = _moment(event, "DTEND", floating)
    if start is not None and (end is None or end <= start):
        length = _duration(event)
        end = start + length if length else None
    tz = None
    if start is not None:
        tz = floating_label if was_floating else label_of(start.tzinfo or floating, start)
    organizer = _address(event.get("ORGANIZER"))
    uid = _text(event.get("UID")) or None
    return Invite(
        method=method,
        uid=uid,
        sequence=_sequence(event),
        status=_text(event.get("STATUS")).upper(),
        summary=_text(event.get("SUMMARY")),
        start=start,
        end=end,
        tz=tz,
        floating=was_floating,
        organizer=organizer,
        attendees=_attendees(event),
    )


def _trim(raw: str) -> str:
    """Only the lines detection reads, so icalendar (thorough, but slow per
    property) parses a dozen lines instead of a hundred: alarms, descriptions,
    vendor X- lines and the VTIMEZONE of a zone we know by name go; a VTIMEZONE
    we do not know stays, its rules are the only way to read the times."""
    lines = _UNFOLD_RX.sub("", raw).splitlines()
    known_zones = {m.group(1) for line in lines if (m := _TZID_LINE_RX.match(line))
                   and zone_by_name(m.group(1)) is not None}
    out: list[str] = []
    stack: list[str] = []
    skipping = 0
    attendees = 0
    for line in lines:
        name, _, value = line.partition(":")
        name = name.split(";", 1)[0].strip().upper()
        if name == "BEGIN":
            block = value.strip().upper()
            stack.append(block)
            if skipping or block == "VALARM":
                skipping += 1
                continue
        elif name == "END":
            if stack:
                stack.pop()
            if skipping:
                skipping -= 1
                continue
        elif skipping:
            continue
        elif stack and stack[-1] == "VTIMEZONE" and name == "TZID" and value.strip() in known_zones:
            out = out[: _last_begin(out)]  # drop this VTIMEZONE, opened just before
            skipping = 1
            continue
        elif stack and stack[-1] == "VEVENT" and name not in _EVENT_FIELDS:
            continue
        elif name == "ATTENDEE":
            attendees += 1
            if attendees > _MAX_ATTENDEES:
                continue
        out.append(line)
    return "\r\n".join(out) + "\r\n"


def _last_begin(lines: list[str]) -> int:
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].upper().startswith("BEGIN:VTIMEZONE"):
            return i
    return len(lines)


def _events(raw: str) -> Iterable[tuple[str, Any]]:
    for calendar in icalendar.Calendar.from_ical(_trim(raw), multiple=True):
        method = _text(calendar.get("METHOD")).upper()
        for event in calendar.walk("VEVENT"):
            if event.get("RECURRENCE-ID") is None:  # the series, not one exception
                yield method, event


def parse_invites(
    calendars: Iterable[str], floating: tzinfo, floating_label: str
) -> list[Invite]:
    """Every event of every calendar part, duplicates (the same UID and
    SEQUENCE sent as inline part and as attachment) removed."""
    invites: list[Invite] = []
    seen: set[tuple[str | None, int, datetime | date | None]] = set()
    for raw in calendars:
        if not raw or len(raw) > MAX_ICS:
            continue
        try:
            for method, event in _events(raw):
                invite = _invite(method, event, floating, floating_label)
                key = (invite.uid, invite.sequence, invite.start)
                if key not in seen:
                    seen.add(key)
                    invites.append(invite)
        except Exception as exc:  # broken ICS: fall back to the text, never raise
            log.info("unreadable calendar part (%s); falling back to the text",
                     type(exc).__name__)
            log.debug("calendar parse error", exc_info=True)
    return invites
