"""Dates and times written in mail text (EN/DE/FR/ES) -> aware datetimes.

``find_mentions`` scans for clock times, reads the dates written near them
(``days``), pairs each time with the date beside it, reads a zone written right
after the time, and resolves everything against the message's Date in the
sender's zone. A time with no date beside it is ignored: too vague to plan
follow-ups on. ``find_duration`` reads a stated length ("45 minutes").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from outbox.detect.days import Day, find_days
from outbox.detect.zones import ZONE_PATTERN, zone_from_match

_AMPM = r"(?:[ap]\.?\s?m\b\.?)"
_CLOCK = (
    r"(?P<{p}h>\d\d?)(?:(?P<{p}sep>[:h.])(?P<{p}m>[0-5]\d))?(?![\d])"
    rf"(?:\s*(?P<{{p}}suf>{_AMPM}|uhr\b|h\b|hrs\b))?"
)
# Starts with a digit so the regex engine skips the rest of the text at C speed;
# what may precede a clock is checked by ``_PRE_RX`` and ``_NOT_BEFORE``.
_TIME_RX = re.compile(_CLOCK.format(p="s"), re.IGNORECASE)
_PRE_RX = re.compile(r"(?:\b(?:at|um|à|a\s+las?|vers|from|von|de|between|ab|entre)|@)\s+$",
                     re.IGNORECASE)
_NOT_BEFORE = frozenset("0123456789/.,:-")
_RANGE_TAIL_RX = re.compile(
    r"\s*(?P<conn>-|–|—|to|until|till|bis|à|a|and|y|et)\s*" + _CLOCK.format(p="e"),
    re.IGNORECASE,
)
_ZONE_TAIL_RX = re.compile(r"\s*[(\[]?\s*(?:in\s+)?(?:the\s+)?" + ZONE_PATTERN, re.IGNORECASE)
# "All times are Pacific Time": a zone stated once for every time of the message.
_DECLARED_ZONE_RX = re.compile(
    r"\b(?:all\s+times|times|alle\s+(?:uhr)?zeiten|toutes\s+les\s+heures|todas\s+las\s+horas)"
    r"\s+(?:(?:are|is|shown|listed|given|below|above|sind|angegeben|sont|son|indicadas|in|en)\s+)*"
    r"(?:the\s+)?" + ZONE_PATTERN,
    re.IGNORECASE,
)
_DECLARED_KEYS = ("time", "zeiten", "heures", "horas")
_HEADING_REACH = 600  # an itinerary's times may sit this far below their date
_LABEL_RX = re.compile(r"\s*(?:[\w ]{1,15}:)?\s*")
_STRONG_CONNECTORS = frozenset({"-", "–", "—", "to", "until", "till", "bis"})
_MIN_LENGTH, _MAX_LENGTH = timedelta(minutes=10), timedelta(hours=4)

_DURATION_RX = re.compile(
    r"(?P<n>\d{1,3}(?:[.,]\d)?|an?|one|two|half\s+an|une|eine|una|un|ein(?:er)?|anderthalb)"
    r"\s*-?\s*(?P<u>minutes?|mins?|minuten|minutos|hours?|hrs?|stunden?|heures?|horas?)\b"
    r"(?!\s+(?:before|early|prior|ahead|in\s+advance|ago|later|after|beforehand|vorher|"
    r"vor\b|früher|avant|à\s+l'avance|antes))",
    re.IGNORECASE,
)
_DURATION_KEYS = ("min", "hour", "hr", "stunde", "heure", "hora")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "une": 1, "eine": 1, "una": 1, "un": 1,
                 "ein": 1, "einer": 1, "half an": 0.5, "anderthalb": 1.5}

_DEADLINE_RX = re.compile(
    r"\b(?:by|before|until|till|no later than|deadline|due|bis(?: zum)?|avant(?: le)?"
    r"|antes del?|hasta(?: el)?)[\s:,]*(?:the\s+|end of\s+)?$",
    re.IGNORECASE,
)
_SENTENCE_END_RX = re.compile(r"[.!?\n]")
_GAP_MAX = 30  # characters allowed between a date and its time
_WINDOW_BEFORE, _WINDOW_AFTER = 90, 70  # where dates are looked for around a time


@dataclass(frozen=True, slots=True)
class Mention:
    """One date-and-time written in the text."""

    start: datetime
    end: datetime | None  # only when the text gave an end ("2:00-2:45 PM")
    tz: str
    zone_written: bool  # the zone was in the text, not assumed
    pos: int
    text: str
    deadline: bool = False  # "reply by Friday at 5pm": a due time, not a meeting
    question: bool = False  # "could you do Thursday at 2pm?": a proposal, not a plan


@dataclass(frozen=True, slots=True)
class _Clock:
    pos: int
    end: int
    start: time
    stop: time | None
    zone: tuple[tzinfo, str] | None


def _ampm(suffix: str | None) -> str:
    """"p.m." / "PM" / "pm" -> "pm"; "uhr", "h" and nothing -> ""."""
    word = (suffix or "").lower().replace(".", "").replace(" ", "")
    return word if word in ("am", "pm") else ""


def _hour(h: int, ampm: str) -> int | None:
    if not ampm:
        return h
    if not 1 <= h <= 12:
        return None
    return (h % 12) + (12 if ampm == "pm" else 0)


def _clock_ok(g: dict[str, str | None], p: str, pre: bool) -> bool:
    """Is this number a clock time? Bare numbers only after "at"/"um"/"à"."""
    sep, suf = g[p + "sep"], g[p + "suf"]
    if sep == ".":
        return bool(suf)  # "3.5 years", "17.03" are not times; "14.30 Uhr" is
    return bool(sep or suf or pre)


def _range_tail(m: re.Match[str], text: str, pre: bool) -> re.Match[str] | None:
    tail = _RANGE_TAIL_RX.match(text, m.end())
    if tail is None or int(tail.group("eh")) > 23:
        return None
    written = tail.group("esep") or tail.group("esuf")
    if written or (pre and tail.group("conn").lower() in _STRONG_CONNECTORS):
        return tail
    return None  # "at 2 and 3 others" is not a range


def _afternoon(h: int, raw: str, marked: bool) -> int:
    """Nobody interviews at 3 in the morning: "at 3" means 15:00. Zero-padded
    ("03:00") or am/pm-marked hours are taken as written."""
    if not marked and 1 <= h <= 6 and not raw.startswith("0"):
        return h + 12
    return h


def _read_clock(m: re.Match[str], text: str) -> _Clock | None:
    g = m.groupdict()
    if (m.start() and text[m.start() - 1] in _NOT_BEFORE) or int(g["sh"]) > 23:
        return None
    pre = _PRE_RX.search(text, max(0, m.start() - 12), m.start())
    tail = _range_tail(m, text, pre is not None)
    # "11-12pm": a bare number is a clock when a clock time ends the range
    marked_tail = tail is not None and bool(tail.group("esep") or tail.group("esuf"))
    if not (_clock_ok(g, "s", pre is not None) or marked_tail):
        return None
    start_mark = _ampm(g["ssuf"])
    end_mark = _ampm(tail.group("esuf")) if tail else ""
    start_h = _hour(int(g["sh"]), start_mark or end_mark)
    if start_h is None:
        return None
    start_m = int(g["sm"] or 0)
    if not start_mark and end_mark and tail and (start_h, start_m) > (
        _hour(int(tail.group("eh")), end_mark) or 0, int(tail.group("em") or 0)
    ):
        start_h -= 12  # "11-12pm" is 11am to noon
    start_h = _afternoon(start_h, g["sh"], bool(start_mark or end_mark))
    start = time(start_h, start_m)
    stop = _read_stop(tail, start, start_mark) if tail else None
    end_pos = tail.end() if tail else m.end()
    zone = None
    ztail = _ZONE_TAIL_RX.match(text, end_pos)
    if ztail:
        zone = zone_from_match(ztail.groupdict())
        if zone:
            end_pos = ztail.end()
    return _Clock(pre.start() if pre else m.start(), end_pos, start, stop, zone)


def _read_stop(tail: re.Match[str], start: time, start_mark: str) -> time | None:
    mark = _ampm(tail.group("esuf")) or start_mark
    h = _hour(int(tail.group("eh")), mark)
    if h is None:
        return None
    minute = int(tail.group("em") or 0)
    if not mark and (h, minute) < (start.hour, start.minute) and h + 12 < 24:
        h += 12  # "from 11:00 to 1:00" ends at 13:00
    length = datetime.combine(date.min, time(h, minute)) - datetime.combine(date.min, start)
    if not _MIN_LENGTH <= length <= _MAX_LENGTH:
        return None  # "between 9 and 5" is a window, not an interview
    return time(h, minute)


def _days(text: str, clocks: list[_Clock], ref: date, day_first: bool) -> list[Day]:
    """Dates near the clocks only: a date far from any time is not paired anyway."""
    return find_days(text, _windows(clocks, len(text)), ref, day_first)


def _windows(clocks: list[_Clock], size: int, before: int = _WINDOW_BEFORE,
             after: int = _WINDOW_AFTER) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for clock in clocks:
        start, end = max(0, clock.pos - before), min(size, clock.end + after)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _clocks(text: str) -> list[_Clock]:
    clocks: list[_Clock] = []
    consumed = -1
    for m in _TIME_RX.finditer(text):
        if m.start() < consumed:
            continue
        clock = _read_clock(m, text)
        if clock:
            clocks.append(clock)
            consumed = clock.end
    return clocks


def _gap_ok(gap: str) -> bool:
    return len(gap) <= _GAP_MAX and "\n\n" not in gap and not any(c in gap for c in ".?!;")


def _pair(day_list: list[Day], ends: list[int], clock: _Clock, text: str) -> Day | None:
    """The date written just before the time (or just after: "2pm on Tuesday").
    ``ends``: each day's end, in order (days do not overlap), for bisection."""
    i = bisect_right(ends, clock.pos)  # day_list[:i] end before the clock
    for day in reversed(day_list[max(0, i - 3):i]):  # a nearer date's gap is shorter
        if _gap_ok(text[day.end:clock.pos]):
            return day
        if clock.pos - day.end > _GAP_MAX:
            break
    for day in day_list[i:i + 3]:
        if day.pos >= clock.end and _gap_ok(text[clock.end:day.pos]):
            return day
        if day.pos - clock.end > _GAP_MAX:
            break
    return None


def find_mentions(
    text: str, ref: datetime, fallback: tuple[tzinfo, str], *, day_first: bool = False
) -> list[Mention]:
    """Every date+time in ``text``, in order. ``ref`` is the message's Date,
    ``fallback`` the zone for times written without one."""
    if not text:
        return []
    clocks = _clocks(text)
    if not clocks:
        return []
    ref_day = ref.astimezone(fallback[0]).date()
    day_list = _days(text, clocks, ref_day, day_first)
    if not day_list:
        return []
    ends = [d.end for d in day_list]
    # A zone written beside one time of the message holds for the others.
    written = next((c.zone for c in clocks if c.zone), None) or _declared_zone(text)
    mentions = []
    headings: list[Day] | None = None
    for clock in clocks:
        day = _pair(day_list, ends, clock, text)
        if day is None and _at_line_start(text, clock.pos):
            if headings is None:
                headings = _headings(text, clocks, ref_day, day_first)
            day = _heading_for(headings, clock, text)
        if day is None or day.day is None:
            continue
        zone, label = clock.zone or written or fallback
        start = datetime.combine(day.day, clock.start, tzinfo=zone)
        if day.weekday_only and start < ref:
            start += timedelta(days=7)  # "Thursday at 10", written Thursday at noon: next week
        end = None
        if clock.stop is not None:
            end = datetime.combine(start.date(), clock.stop, tzinfo=zone)
        pos, stop = min(day.pos, clock.pos), max(day.end, clock.end)
        if text[stop:stop + 1] == ")":
            stop += 1  # keep "(Eastern Time)" whole in the reason
        mentions.append(
            Mention(start, end, label, (clock.zone or written) is not None, pos,
                    " ".join(text[pos:stop].split()),
                    _DEADLINE_RX.search(text, max(0, pos - 30), pos) is not None,
                    _ends_in_question(text, stop))
        )
    return mentions


def _declared_zone(text: str) -> tuple[tzinfo, str] | None:
    low = text.lower()
    if not any(k in low for k in _DECLARED_KEYS):
        return None
    m = _DECLARED_ZONE_RX.search(text)
    return zone_from_match(m.groupdict()) if m else None


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _at_line_start(text: str, pos: int) -> bool:
    """Nothing but a short label ("Time:") before ``pos`` on its line."""
    return _LABEL_RX.fullmatch(text, _line_start(text, pos), pos) is not None


def _headings(text: str, clocks: list[_Clock], ref: date, day_first: bool) -> list[Day]:
    """Dates alone on their line ("Thursday, February 19, 2026"): an itinerary's heading."""
    spans = _windows(clocks, len(text), before=_HEADING_REACH, after=0)
    out = []
    for day in find_days(text, spans, ref, day_first):
        line_end = text.find("\n", day.end)
        tail = text[day.end:line_end if line_end != -1 else len(text)]
        if _at_line_start(text, day.pos) and tail.strip(" :,") == "":
            out.append(day)
    return out


def _heading_for(headings: list[Day], clock: _Clock, text: str) -> Day | None:
    """The last heading above the clock, when no sentence ends between them."""
    above = [d for d in headings if d.end <= clock.pos and clock.pos - d.end <= _HEADING_REACH]
    if not above:
        return None
    day = above[-1]
    return day if not any(c in text[day.end:clock.pos] for c in ".?!;") else None


def _ends_in_question(text: str, pos: int) -> bool:
    end = _SENTENCE_END_RX.search(text, pos)
    return end is not None and end.group(0) == "?"


def find_duration(text: str) -> timedelta | None:
    """The interview length the text states ("45 minutes", "about an hour")."""
    low = text.lower()
    if not any(unit in low for unit in _DURATION_KEYS):
        return None
    for m in _DURATION_RX.finditer(text):
        raw, unit = m.group("n").lower(), m.group("u").lower()
        raw = " ".join(raw.split())
        amount = _NUMBER_WORDS.get(raw)
        if amount is None:
            try:
                amount = float(raw.replace(",", "."))
            except ValueError:
                continue
        minutes = amount if unit.startswith("min") else amount * 60
        if 10 <= minutes <= 240:
            return timedelta(minutes=minutes)
    return None
