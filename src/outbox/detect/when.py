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
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo

from outbox.detect.days import Day, find_days
from outbox.detect.zones import (
    ZONE_PATTERN,
    city_zone,
    label_at,
    zone_by_name,
    zone_from_match,
)

_AMPM = r"(?:[ap]\.?\s?m\b\.?)"
_CLOCK = (
    r"(?P<{p}h>\d\d?)(?:(?P<{p}sep>[:.]|\s?h\s?)(?P<{p}m>[0-5]\d)(?!\s*min))?(?![\d])"
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
# The same pattern, case-sensitive, for lower-cased text (see ``_lower_ok``): IGNORECASE
# makes the regex engine try every position, a lower-case pattern lets it skip ahead in C.
_DURATION_LOW_RX = re.compile(_DURATION_RX.pattern)
_DURATION_KEYS = ("min", "hour", "hr", "stunde", "heure", "hora")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "une": 1, "eine": 1, "una": 1, "un": 1,
                 "ein": 1, "einer": 1, "half an": 0.5, "anderthalb": 1.5}

_DEADLINE_RX = re.compile(
    r"\b(?:by|before|until|till|no later than|deadline|due|bis(?: zum)?|avant(?: le)?"
    r"|antes del?|hasta(?: el)?)[\s:,]*(?:the\s+|end of\s+)?$",
    re.IGNORECASE,
)
_SENTENCE_END_RX = re.compile(r"[.!?\n]")

# Clocks written in words: "noon", "half past two", "quarter to ten", British "half ten".
_NUMBER_HOURS = {w: i for i, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve"])}
_HOUR_WORD = r"(?:\d\d?|" + "|".join(_NUMBER_HOURS) + r")"
_WORD_CLOCK_RX = re.compile(
    r"\b(?:(?P<noon>noon|midday|midi|mediodía|mittags?)"
    rf"|(?P<frac>half|quarter)\s+(?P<rel>past|after|to|before)\s+(?P<wh>{_HOUR_WORD})"
    rf"|half\s+(?P<bh>{_HOUR_WORD})(?!\s*(?:an?\s+)?(?:hours?|days?|weeks?|years?|months?))"
    rf")\b(?:\s*(?P<wsuf>{_AMPM}|o'clock))?",
    re.IGNORECASE,
)
_WORD_CLOCK_KEYS = ("noon", "midday", "midi", "mediod", "mittag", "half", "quarter")

# A time being replaced: "Previous Date/Time: ...", "your original Friday slot (7/10, ...)".
_OLD_LABEL_RX = re.compile(
    r"\b(?:previous(?:ly)?|original(?:ly)?|old|former(?:ly)?|initial(?:ly)?|instead\s+of"
    r"|rather\s+than|bisherige[nrs]?|alte[nrs]?|ursprünglich\w*|statt|anstatt|initialement"
    r"|ancien(?:ne)?|au\s+lieu\s+d[eu]|anterior(?:mente)?|originalmente|inicialmente"
    r"|en\s+lugar\s+de|en\s+vez\s+de)\b[^.!?\n]{0,30}$",
    re.IGNORECASE,
)
# "push our 1pm to 3pm", "reporter notre entretien prévu ce mercredi 20 mai": the time
# after a move verb, with no "to" between, is the one being moved away from.
_MOVE_RX = re.compile(
    r"\b(?:push|move|bump|shift|postpone|reschedul|reporter|report|décaler|decaler|déplacer"
    r"|verschieb|verleg|aplaz|pospon|reprogram|mover|cambiar)\w*\b(?P<between>[^.!?\n]{0,40})$",
    re.IGNORECASE,
)
_TO_RX = re.compile(r"\b(?:to|till|until|for|into|au|à|al|para|auf|zu|nach)\b", re.IGNORECASE)
# The same patterns, case-sensitive, for lower-cased text (see ``_lower_ok``): IGNORECASE
# makes the regex engine try every alternative at every position.
_OLD_LABEL_LOW_RX = re.compile(_OLD_LABEL_RX.pattern)
_MOVE_LOW_RX = re.compile(_MOVE_RX.pattern)
_MOVE_AFTER_RX = re.compile(
    r"[^.!?\n]{0,60}?\b(?:verschieben|verlegen|absagen|stornieren)\b", re.IGNORECASE)
_AUF_RX = re.compile(r"\bauf\b[^.!?\n]{0,20}$", re.IGNORECASE)
_SAME_SENTENCE_MAX = 160  # a time alone may take the date of the sentence before
_SESSION_GAP = timedelta(minutes=20)  # back-to-back sessions of one itinerary
_PAREN_RX = re.compile(r"\s*[(\[]\s*(?P<name>[A-Za-zÀ-ÿ][\w .&'’-]{1,40}?)\s*[)\]]")
_CITY_WORD_RX = re.compile(r"\b[A-Z][a-zà-ÿ]+(?:[ _][A-Z][a-zà-ÿ]+)?\b")
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
    superseded: bool = False  # "previous time: ...", "push our 1pm to 3pm": being replaced


@dataclass(frozen=True, slots=True)
class _Clock:
    pos: int
    end: int
    start: time
    stop: time | None
    zone: tuple[tzinfo, str] | None
    raw: int = -1  # where the number itself starts (``pos`` may be "at" before it)


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
    if (tail is not None and tail.group("conn").lower() in ("to", "à", "a", "auf")
            and _MOVE_RX.search(text, max(0, m.start() - 60), m.start())):
        tail = None  # "push our 1pm to 3pm": two times, not a range
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
    zone, end_pos = _zone_after(text, end_pos)
    return _Clock(pre.start() if pre else m.start(), end_pos, start, stop, zone, m.start())


def _zone_after(text: str, pos: int) -> tuple[tuple[tzinfo, str] | None, int]:
    """The zone written right after a time, and where it ends. An Outlook label
    "(UTC-05:00) Eastern Time (US & Canada)" is decided by its name, not its offset
    (which is the standard one, wrong half the year); a place in brackets after a
    zone ("Mountain Standard Time (Arizona)") narrows it."""
    ztail = _ZONE_TAIL_RX.match(text, pos)
    if not ztail:
        return None, pos
    zone = zone_from_match(ztail.groupdict())
    if not zone:
        return None, pos
    end = ztail.end()
    if ztail.group("zh") is not None or ztail.group("zoff"):
        close = end + 1 if text[end:end + 1] in ")]" else end
        named = _ZONE_TAIL_RX.match(text, close)
        if named and named.group("zh") is None and not named.group("zoff"):
            better = zone_from_match(named.groupdict())
            if better:
                return better, named.end()
        city = _CITY_WORD_RX.match(text, close + 1) if text[close:close + 1] == " " else None
        if city and text[city.end():city.end() + 1] in (",", ""):
            key = city_zone(city.group(0))
            found = zone_by_name(key) if key else None
            if found is not None:
                return (found, found.key), city.end()
        return zone, end
    paren = _PAREN_RX.match(text, end)
    if paren:
        key = city_zone(paren.group("name"))
        found = zone_by_name(key) if key else None
        if found is not None:
            return (found, found.key), paren.end()
    return zone, end


def _word_clocks(text: str) -> list[_Clock]:
    """"at noon", "half past two", "quarter to ten", "half ten" (British: 10:30)."""
    low = text.lower()
    if not any(k in low for k in _WORD_CLOCK_KEYS):
        return []
    out = []
    for m in _WORD_CLOCK_RX.finditer(text):
        mark = _ampm(m.group("wsuf"))
        if m.group("noon"):
            hour, minute = 12, 0
        else:
            word = (m.group("wh") or m.group("bh")).lower()
            hour = _NUMBER_HOURS[word] if word in _NUMBER_HOURS else int(word)
            if not 1 <= hour <= 12:
                continue
            if m.group("bh") or m.group("frac").lower() == "half":
                minute = 30
            elif m.group("rel").lower() in ("past", "after"):
                minute = 15
            else:
                hour, minute = hour - 1 or 12, 45
            h = _hour(hour, mark)
            if h is None:
                continue
            hour = _afternoon(h, str(hour), bool(mark))
        pre = _PRE_RX.search(text, max(0, m.start() - 12), m.start())
        zone, end = _zone_after(text, m.end())
        out.append(_Clock(pre.start() if pre else m.start(), end, time(hour, minute), None,
                          zone, m.start()))
    return out


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
    words = _word_clocks(text)
    if words:
        taken = [(c.pos, c.end) for c in clocks]
        clocks += [w for w in words if not any(a < w.end and w.pos < b for a, b in taken)]
        clocks.sort(key=lambda c: c.pos)
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
    ``fallback`` the zone for times written without one. Times being replaced
    ("previous time", "push our 1pm to 3pm") are left out when another remains;
    back-to-back sessions of one itinerary are one mention (first start, last end)."""
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
    if written is None and all(c.zone is None for c in clocks):
        fallback = _local_zone(text, ref, fallback)
    paired: list[tuple[_Clock, Day | None]] = []
    headings: list[tuple[Day, tuple[tzinfo, str] | None]] | None = None
    heading_zone = None
    for clock in clocks:
        day = _pair(day_list, ends, clock, text)
        if day is None and _at_line_start(text, clock.pos):
            if headings is None:
                headings = _headings(text, clocks, ref_day, day_first)
            found = _heading_for(headings, clock, text)
            if found is not None:
                day, heading_zone = found[0], found[1] or heading_zone
        paired.append((clock, day))
    used = {id(d) for _, d in paired if d is not None}
    paired = [(c, d if d is not None else _sentence_before(day_list, ends, c, text, used))
              for c, d in paired]
    written = written or heading_zone
    mentions = []
    for clock, day in paired:
        if day is None or day.day is None:
            continue
        zone, label = clock.zone or written or fallback
        start = datetime.combine(day.day, clock.start, tzinfo=zone)
        if day.weekday_only and start < ref:
            start += timedelta(days=7)  # "Thursday at 10", written Thursday at noon: next week
        label = label_at(zone, label, start)
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
                    _ends_in_question(text, stop),
                    _superseded(text, pos, stop) or _superseded(text, clock.raw, clock.end))
        )
    if any(m.superseded for m in mentions) and any(
            not m.superseded and not m.deadline for m in mentions):
        mentions = [m for m in mentions if not m.superseded]
    return _merge_sessions(mentions, text)


def _superseded(text: str, pos: int, stop: int) -> bool:
    """Is the time at ``text[pos:stop]`` the one being replaced?"""
    before = text[max(0, pos - 60):pos]
    old_rx, move_rx = _OLD_LABEL_RX, _MOVE_RX
    low = before.lower()
    if _lower_ok(before, low):
        before, old_rx, move_rx = low, _OLD_LABEL_LOW_RX, _MOVE_LOW_RX
    if old_rx.search(before):
        return True
    move = move_rx.search(before)
    if move and not _TO_RX.search(move.group("between")):
        return True
    # German puts the verb last: "Ihr Gespräch am 7. Mai um 10 Uhr verschieben"
    return (_MOVE_AFTER_RX.match(text, stop) is not None
            and _AUF_RX.search(text, max(0, pos - 25), pos) is None)


def _sentence_before(day_list: list[Day], ends: list[int], clock: _Clock, text: str,
                     used: set[int]) -> Day | None:
    """"Wednesday the 10th works fine. Let's say 16:00": a time with no date beside
    it takes the date of the sentence just before, in the same paragraph, when no
    other time has that date."""
    i = bisect_right(ends, clock.pos)
    if not i:
        return None
    day = day_list[i - 1]
    gap = text[day.end:clock.pos]
    if len(gap) > _SAME_SENTENCE_MAX or "\n\n" in gap or "?" in gap:
        return None
    # Across a sentence end only when no other time took that date.
    if id(day) in used and any(c in gap for c in ".!;"):
        return None
    return day


def _merge_sessions(mentions: list[Mention], text: str) -> list[Mention]:
    """Back-to-back sessions on adjacent lines ("1:00 - 1:45 PM Coding", "1:45 - 2:30 PM
    Architecture") are one interview: the first start, the last end."""
    if len(mentions) < 2:
        return mentions
    out = [mentions[0]]
    previous = mentions[0].pos  # where the last session of the run was written
    for m in mentions[1:]:
        last = out[-1]
        if (last.end is not None and m.end is not None and not last.deadline
                and not m.deadline and last.start.date() == m.start.date()
                and timedelta(0) <= m.start - last.end <= _SESSION_GAP
                and text.count("\n", previous, m.pos) <= 2):
            out[-1] = Mention(last.start, m.end, last.tz, last.zone_written, last.pos,
                              last.text, last.deadline, last.question, last.superseded)
        else:
            out.append(m)
        previous = m.pos
    return out


def _local_zone(text: str, ref: datetime, fallback: tuple[tzinfo, str]) -> tuple[tzinfo, str]:
    """The sender's zone when only the Date's offset is known: a city named in the
    text (a signature's "Melbourne VIC") whose zone has that offset at the Date is
    taken for it, so the interview's date gets its own DST offset."""
    offset = ref.utcoffset()
    if not offset or ref.astimezone(fallback[0]).utcoffset() != offset:
        return fallback
    found = None
    for m in _CITY_WORD_RX.finditer(text):
        key = city_zone(m.group(0)) or (city_zone(m.group(0).split()[0])
                                        if " " in m.group(0) else None)
        if key is None or key == getattr(fallback[0], "key", None):
            continue
        zone = zone_by_name(key)
        if zone is not None and ref.astimezone(zone).utcoffset() == offset:
            found = zone
    return (found, fallback[1]) if found is not None else fallback


def times_on_day(text: str, day: date, fallback: tuple[tzinfo, str]
                 ) -> tuple[datetime, datetime | None, str, bool] | None:
    """The meeting time written in an all-day event's description ("Interviews run
    9:00am - 2:30pm Central"): (start, end or None, zone label, zone written).
    Due times ("arrive by 8:45am") are skipped; an itinerary runs to its last session."""
    clocks = [c for c in _clocks(text)
              if _DEADLINE_RX.search(text, max(0, c.pos - 30), c.pos) is None]
    if not clocks:
        return None
    written = next((c.zone for c in clocks if c.zone), None) or _declared_zone(text)
    zone, label = written or fallback
    mentions = []
    for c in clocks:
        start = datetime.combine(day, c.start, tzinfo=zone)
        end = datetime.combine(day, c.stop, tzinfo=zone) if c.stop else None
        mentions.append(Mention(start, end, label, written is not None, c.pos, ""))
    mentions = [replace(m, tz=label_at(zone, label, m.start)) for m in mentions]
    merged = _merge_sessions(mentions, text)
    earliest = min(m.start for m in merged)
    # "Interviews run 9:00am - 2:30pm" (too long to be one meeting) and then the
    # sessions from 9:00: the same start; the sessions give the end.
    first = max((m for m in merged if m.start == earliest), key=lambda m: m.end or m.start)
    return first.start, first.end, first.tz, first.zone_written


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


def _headings(text: str, clocks: list[_Clock], ref: date, day_first: bool
              ) -> list[tuple[Day, tuple[tzinfo, str] | None]]:
    """Dates alone on their line ("Thursday, February 19, 2026", "Wednesday, May 20
    (Eastern Time):"): an itinerary's heading, with the zone it names."""
    spans = _windows(clocks, len(text), before=_HEADING_REACH, after=0)
    out = []
    for day in find_days(text, spans, ref, day_first):
        line_end = text.find("\n", day.end)
        tail = text[day.end:line_end if line_end != -1 else len(text)]
        if not _at_line_start(text, day.pos):
            continue
        rest = tail.strip(" :,")
        if rest == "":
            out.append((day, None))
            continue
        zone = _ZONE_TAIL_RX.match(rest)
        if zone and rest[zone.end():].strip(" :,)]") == "":
            out.append((day, zone_from_match(zone.groupdict())))
    return out


def _heading_for(headings: list[tuple[Day, tuple[tzinfo, str] | None]], clock: _Clock,
                 text: str) -> tuple[Day, tuple[tzinfo, str] | None] | None:
    """The last heading above the clock, when no sentence ends between them."""
    above = [h for h in headings
             if h[0].end <= clock.pos and clock.pos - h[0].end <= _HEADING_REACH]
    if not above:
        return None
    day = above[-1][0]
    gap = text[day.end:clock.pos]
    return above[-1] if not any(c in gap for c in ".?!;") else None


def _ends_in_question(text: str, pos: int) -> bool:
    end = _SENTENCE_END_RX.search(text, pos)
    return end is not None and end.group(0) == "?"


def _lower_ok(text: str, low: str) -> bool:
    """Does a lower-case pattern find in ``low`` (``text.lower()``) what the same pattern
    with IGNORECASE finds in ``text``? Yes unless lower-casing changed the length or the
    text holds "ı" or "ſ" (which IGNORECASE, not lower(), takes for "i" and "s")."""
    return len(low) == len(text) and "ı" not in text and "ſ" not in text


def find_duration(text: str) -> timedelta | None:
    """The interview length the text states ("45 minutes", "about an hour")."""
    low = text.lower()
    if not any(unit in low for unit in _DURATION_KEYS):
        return None
    for m in (_DURATION_LOW_RX.finditer(low) if _lower_ok(text, low)
              else _DURATION_RX.finditer(text)):
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
