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
from zoneinfo import ZoneInfo

import icalendar

from outbox.detect.when import times_on_day
from outbox.detect.zones import label_at, label_of, zone_by_name
from outbox.model import Address

log = logging.getLogger(__name__)

MAX_ICS = 200_000  # characters; a bigger calendar is not an invitation
_MAX_ATTENDEES = 50  # an interview has a handful; a town hall is not one
_EVENT_FIELDS = frozenset({
    "UID", "SEQUENCE", "STATUS", "SUMMARY", "DTSTART", "DTEND", "DURATION", "ORGANIZER",
    "ATTENDEE", "RECURRENCE-ID", "DESCRIPTION", "RRULE",
})
_MAX_DESCRIPTION = 4000  # an all-day hold's time is in the first lines of its description
# Written as two literal-first branches, not "\r?\n[ \t]": the regex engine then skips
# ahead in C to the next line end (same matches, a third fewer instructions).
_UNFOLD_RX = re.compile(r"(?:\r\n|\n)[ \t]")
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
    recurring: bool = False  # RRULE: a weekly sync, never an interview


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value).split())[:2000]


_NOT_IN_MAIL_RX = re.compile(r"[ <>,;\"\\]")  # one C scan, not a scan per character


def _mail(value: Any) -> str:
    raw = str(value or "").strip()
    if raw.lower().startswith("mailto:"):
        raw = raw[7:]
    raw = raw.strip()
    if "@" not in raw or _NOT_IN_MAIL_RX.search(raw):
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


def _all_day(value: Any) -> date | None:
    return value if isinstance(value, date) and not isinstance(value, datetime) else None


def _held_day(day: date | None, description: str, floating: tzinfo, floating_label: str
              ) -> tuple[datetime | None, datetime | None, str | None, bool]:
    """An all-day hold ("DTSTART;VALUE=DATE") whose description says when the
    interview runs ("Interviews run 9:00am - 2:30pm Central"): that time on that day."""
    if day is None or not description:
        return None, None, None, False
    found = times_on_day(description[:_MAX_DESCRIPTION], day, (floating, floating_label))
    if found is None:
        return None, None, None, False
    start, end, label, written = found
    return start, end, label, not written


def _invite(method: str, event: Any, floating: tzinfo, floating_label: str) -> Invite:
    start, was_floating, _ = _moment(event, "DTSTART", floating)
    end, _, _ = _moment(event, "DTEND", floating)
    tz = None
    if start is None and event.get("DTSTART") is not None:
        try:
            day = _all_day(event.get("DTSTART").dt)
        except Exception:
            day = None
        description = event.get("DESCRIPTION")
        if isinstance(description, list):
            description = description[0] if description else ""
        start, end, tz, was_floating = _held_day(day, str(description or ""), floating,
                                                 floating_label)
    if start is not None and (end is None or end <= start):
        length = _duration(event)
        end = start + length if length else None
    if start is not None and tz is None:
        tz = (label_at(floating, floating_label, start) if was_floating
              else label_of(start.tzinfo or floating, start))
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
        recurring=event.get("RRULE") is not None,
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


def slow_invites(raw: str, floating: tzinfo, floating_label: str) -> list[Invite]:
    """icalendar's reading: for the calendars the fast path declines."""
    return [_invite(method, event, floating, floating_label) for method, event in _events(raw)]


def parse_invites(
    calendars: Iterable[str], floating: tzinfo, floating_label: str
) -> list[Invite]:
    """Every event of every calendar part, duplicates (the same UID and
    SEQUENCE sent as inline part and as attachment) removed."""
    invites: list[Invite] = []
    seen: set[tuple[str | None, int, datetime | date | None]] = set()
    read: set[str] = set()
    for raw in calendars:
        if not raw or len(raw) > MAX_ICS or raw in read:
            continue  # Google sends the same calendar inline and attached: read it once
        read.add(raw)
        try:
            found = fast_invites(raw, floating, floating_label)
            if found is None:
                found = slow_invites(raw, floating, floating_label)
            for invite in found:
                key = (invite.uid, invite.sequence, invite.start)
                if key not in seen:
                    seen.add(key)
                    invites.append(invite)
        except Exception as exc:  # broken ICS: fall back to the text, never raise
            log.info("unreadable calendar part (%s); falling back to the text",
                     type(exc).__name__)
            log.debug("calendar parse error", exc_info=True)
    return invites


# The fast path: most invitations name a zone we know (or write UTC), so a
# line-based read of the dozen properties detection needs gives what
# icalendar gives, at a fraction of its cost. Anything unusual (a VTIMEZONE
# we do not know by name, a value we cannot read) returns None and icalendar
# reads the whole part; a test keeps the two readings equal.
_PVALUE = r'(?:"[^"]*"|[^";:,]*)'
_PARAM = rf"[A-Za-z0-9-]+={_PVALUE}(?:,{_PVALUE})*"
_CONTENT_RX = re.compile(rf"([A-Za-z0-9-]+)((?:;{_PARAM})*):(.*)")
# Its name and parameters: a line is a content line when they match at its start (the
# value, "(.*)", takes whatever follows, as a line holds no line break), and the value
# is then the rest, sliced off rather than scanned (a description runs long).
_CONTENT_HEAD_RX = re.compile(rf"([A-Za-z0-9-]+)((?:;{_PARAM})*):")
# A fold in a line ending normalised to "\n": removed, it joins the two lines.
_UNFOLD_LF_RX = re.compile(r"\n[ \t]")
_PARAM_RX = re.compile(r';([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)')
_DATETIME_RX = re.compile(r"(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(Z?)")
_DATE_RX = re.compile(r"\d{8}")
_DURATION_RX = re.compile(r"\+?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?")
_TEXT_ESCAPES_RX = re.compile(r"\\([\\;,nN])")
_UTC = ZoneInfo("UTC")
_FAST_FIELDS = frozenset({"BEGIN", "END", "METHOD", "TZID"}) | _EVENT_FIELDS


class _Decline(Exception):
    """The fast path cannot read this calendar as icalendar would."""


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    return _TEXT_ESCAPES_RX.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _params(raw: str) -> dict[str, str]:
    if not raw:
        return {}
    return {name.upper(): value for name, value in _PARAM_RX.findall(raw)}


def _param(params: dict[str, str], name: str) -> str:
    value = params.get(name, "")
    if not value:  # most parameters are not given
        return ""
    if value.startswith('"') and value.endswith('"') and len(value) >= 2:
        value = value[1:-1]
    return " ".join(value.split())[:2000]


def _fast_moment(prop: tuple[str, str] | None, floating: tzinfo
                 ) -> tuple[datetime | None, bool, str | None]:
    if prop is None:
        return None, False, None
    raw_params, value = prop
    params = _params(raw_params)
    tzid = _param(params, "TZID") or None
    value = value.strip()
    m = _DATETIME_RX.fullmatch(value)
    if m is None:
        if _DATE_RX.fullmatch(value):
            return None, False, tzid  # all-day: no time to plan around
        raise _Decline
    year, month, day, hour, minute, second = map(int, m.groups()[:6])
    try:
        naive = datetime(year, month, day, hour, minute, min(second, 59))
    except ValueError:
        raise _Decline from None
    if m.group(7):
        if tzid:
            raise _Decline
        return naive.replace(tzinfo=_UTC), False, tzid
    if tzid:
        known = zone_by_name(tzid)
        if known is None:
            raise _Decline  # icalendar may read it from a VTIMEZONE, or not at all
        return naive.replace(tzinfo=known), False, tzid
    return naive.replace(tzinfo=floating), True, tzid


def _fast_duration(prop: tuple[str, str] | None) -> timedelta | None:
    if prop is None:
        return None
    m = _DURATION_RX.fullmatch(prop[1].strip())
    if m is None or not any(m.groups()):
        raise _Decline
    weeks, days, hours, minutes, seconds = (int(g or 0) for g in m.groups())
    value = timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    return value if timedelta(0) < value <= timedelta(hours=12) else None


def _fast_address(prop: tuple[str, str] | None, params: dict[str, str] | None = None
                  ) -> Address | None:
    """``params``: the property's parameters when the caller has read them already."""
    if prop is None:
        return None
    email = _mail(prop[1])
    if not email:
        return None
    if params is None:
        params = _params(prop[0])
    return Address(email=email, name=_param(params, "CN").strip('"'))


def _fast_event(method: str, props: dict[str, Any], floating: tzinfo,
                floating_label: str) -> Invite:
    start, was_floating, _ = _fast_moment(props.get("DTSTART"), floating)
    end, _, _ = _fast_moment(props.get("DTEND"), floating)
    tz = None
    if start is None and props.get("DTSTART") is not None:
        raw = props["DTSTART"][1].strip()
        day = None
        if _DATE_RX.fullmatch(raw):
            try:
                day = date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
            except ValueError:
                day = None
        description = props.get("DESCRIPTION")
        start, end, tz, was_floating = _held_day(
            day, _unescape(description[1]) if description else "", floating, floating_label)
    if start is not None and (end is None or end <= start):
        length = _fast_duration(props.get("DURATION"))
        end = start + length if length else None
    if start is not None and tz is None:
        tz = (label_at(floating, floating_label, start) if was_floating
              else label_of(start.tzinfo or floating, start))
    attendees = []
    for raw_params, value in props.get("ATTENDEE", ()):
        params = _params(raw_params)  # read once: for the name, the role and the type
        address = _fast_address((raw_params, value), params)
        if address is None:
            continue
        attendees.append(Attendee(address, _param(params, "ROLE").upper(),
                                  _param(params, "CUTYPE").upper()))
    sequence = props.get("SEQUENCE")
    try:
        seq = max(0, int(sequence[1].strip() or 0)) if sequence else 0
    except ValueError:
        seq = 0

    def text(name: str) -> str:
        prop = props.get(name)
        return " ".join(_unescape(prop[1]).split())[:2000] if prop else ""

    return Invite(
        method=method, uid=text("UID") or None, sequence=seq, status=text("STATUS").upper(),
        summary=text("SUMMARY"), start=start, end=end, tz=tz, floating=was_floating,
        organizer=_fast_address(props.get("ORGANIZER")), attendees=tuple(attendees),
        recurring="RRULE" in props,
    )


def fast_invites(raw: str, floating: tzinfo, floating_label: str) -> list[Invite] | None:
    """The invitations of one calendar part read line by line, or None when only
    icalendar can read it (see above)."""
    # "\r\n" as "\n" first: then a fold is found from its "\n" in C. The lines are
    # those of ``_UNFOLD_RX.sub("", raw)`` but for empty ones ("\r\r\n" may now end
    # one line, not two), which name no field and are skipped below anyway.
    lines = _UNFOLD_LF_RX.sub("", raw.replace("\r\n", "\n")).splitlines()
    invites: list[Invite] = []
    stack: list[str] = []
    method = ""
    props: dict[str, Any] = {}
    try:
        for line in lines:
            head = line[:40].partition(":")[0].partition(";")[0].strip().upper()
            if head not in _FAST_FIELDS:
                continue
            content = line.strip()
            m = _CONTENT_HEAD_RX.match(content)  # as _CONTENT_RX.fullmatch(content)
            if m is None:
                raise _Decline
            name, params = m.groups()
            name, value = name.upper(), content[m.end():]
            if name == "BEGIN":
                block = value.strip().upper()
                stack.append(block)
                if block == "VCALENDAR":
                    method = ""
                elif block == "VEVENT" and stack[-2:-1] == ["VCALENDAR"]:
                    props = {}
                continue
            if name == "END":
                block = value.strip().upper()
                if not stack or stack[-1] != block:
                    raise _Decline
                stack.pop()
                # the series, not one exception (RECURRENCE-ID)
                if block == "VEVENT" and stack == ["VCALENDAR"] and "RECURRENCE-ID" not in props:
                    invites.append(_fast_event(method, props, floating, floating_label))
                continue
            where = stack[-1] if stack else ""
            if where == "VCALENDAR" and name == "METHOD":
                method = " ".join(value.split())[:2000].upper()
            elif where == "VTIMEZONE" and name == "TZID":
                if zone_by_name(value.strip()) is None:
                    raise _Decline  # its rules are the only way to read the times
            elif where == "VEVENT" and stack[-2:-1] == ["VCALENDAR"]:
                if name == "ATTENDEE":
                    attendees = props.setdefault("ATTENDEE", [])
                    if len(attendees) < _MAX_ATTENDEES:
                        attendees.append((params, value))
                else:
                    props.setdefault(name, (params, value))
        if stack:
            raise _Decline
    except _Decline:
        return None
    return invites
