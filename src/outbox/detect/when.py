"""Dates and times written in mail text (EN/DE/FR/ES/PT/IT/NL) -> aware datetimes.

``find_mentions`` reads the clock times (``clock``), the dates written near them
(``days``), pairs each time with the date beside it (or, for an itinerary's rows,
the date heading them), takes the zone written after the time, after its date or
once for the whole message, and resolves everything against the message's Date in
the sender's zone. A time with no date is ignored: too vague to plan follow-ups on.
``find_duration`` reads a stated length ("45 minutes").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo

from outbox.detect.clock import (
    CITY_WORD_RX,
    MOVE_RX,
    TIME_LABEL,
    ZONE_TAIL_RX,
    Clock,
    Zone,
    find_clocks,
    zone_after_day,
)
from outbox.detect.days import Day, find_days
from outbox.detect.phrases import boundary_first, lower_ok, lowered, lowered_alike
from outbox.detect.zones import (
    ZONE_PATTERN,
    city_zones,
    label_at,
    regional_zone,
    zone_by_name,
    zone_from_match,
)

# "All times are Pacific Time", "Time zone: ET": a zone stated once for every time of the
# message.
_DECLARED_ZONE_RX = re.compile(
    r"\b(?:(?:all\s+times|times|alle\s+(?:uhr)?zeiten|toutes\s+les\s+heures"
    r"|todas\s+las\s+horas|todos\s+os\s+hor[aá]rios|tutti\s+gli\s+orari|alle\s+tijden)"
    r"\s+(?:(?:are|is|shown|listed|given|below|above|sind|angegeben|sont|son|indicadas|in|en"
    r"|são|sao|no|em|sono|espressi|indicati|zijn|vermeld)\s+)*"
    r"|(?:time\s*zone|zeitzone|fuseau\s+horaire|zona\s+horaria|fuso\s+hor[aá]rio"
    r"|fuso\s+orario|tijdzone)\s*:?\s*"
    r")(?:the\s+)?" + ZONE_PATTERN,
    re.IGNORECASE,
)
_DECLARED_WORD_RX = re.compile(
    r"times|zeiten|heures|horas|hor[aá]rios|orari|tijden|time\s*zone|zeitzone|fuseau|zona"
    r"|fuso|tijdzone")
_DECLARED_KEYS = ("time", "zeiten", "heures", "horas", "zone", "zona", "fuseau", "fuso",
                  "horário", "horario", "orari", "tijd")
# "Schedule (Pacific Standard Time):", "Time (ET)": a zone in brackets heading the times.
_PAREN_ZONE_RX = re.compile(r"\(\s*" + ZONE_PATTERN + r"\s*\)(?P<colon>[ \t]*:[ \t]*$)?",
                            re.IGNORECASE | re.MULTILINE)
_TIMES_WORD_RX = re.compile(
    r"\b(?:times?|schedule|agenda|itinerary|program(?:me)?|uhrzeit|zeitplan|heures?"
    r"|horaires?|horas?|horarios?|horários?|orari[oa]?|ora|tijden|tijd)\s*$", re.IGNORECASE)
_HEADING_REACH = 600  # an itinerary's times may sit this far below their date
# What may come before a heading's date or a row's time on its line: "Time:", "• ", a
# table's label cell ("Date  Tuesday, February 24", "Time  10:30 AM").
_LABEL_RX = re.compile(
    # an emoji or a bullet may lead the label ("⏰ Horário: 11h")
    r"\s*(?:[^\w\s]{1,3}\s*)?(?:[\w ]{1,15}:|(?i:time|date|when|start|datum|uhrzeit|zeit|heure"
    r"|hora|horário|horario|orario|ora|tijd|data|fecha)(?=\s))?\s*")

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
    r"|antes del?|hasta(?: el)?|date limite|fecha l[ií]mite|frist|einsendeschluss|scadenza"
    r"|jusqu'(?:au|à)|entro(?: il)?|fino (?:a|al|alle)|até(?: (?:o|a|dia))?|open until|closes on"
    r"|prazo(?: de entrega)?|fecha de entrega|date de remise|abgabe|uiterlijk"
    r"|complete (?:it |the test |the assessment )?by|closes?|expires?"
    r"|termin (?:oddania|przesłania|zgłoszeń)|sista dag|senast|(?:bis )?spätestens(?: am| zum)?)"
    r"[\s:,]*(?:the\s+|end of\s+|le\s+|el\s+)?$",
    re.IGNORECASE,
)
# "flyttat vår intervju till fredag": after a move verb, "till" is Swedish for "to".
_MOVED_TILL_RX = re.compile(r"\b(?:flytta|ändra|skjut|moved?\b|push|shift)[^.!?]{0,40}\btill\s*$",
                            re.IGNORECASE)
# for lowered text (``lowered_alike``), skipping in C to where a word can start
_DEADLINE_LOW_RX = re.compile(boundary_first(_DEADLINE_RX.pattern))
_MOVED_TILL_LOW_RX = re.compile(boundary_first(_MOVED_TILL_RX.pattern))
# A journey's times ("departing LHR on Tuesday, July 14 at 11:40", "arriving SFO at
# 14:35", "your train leaves at 8:05") are no meeting's either.
_TRAVEL_RX = re.compile(
    r"\b(?:depart(?:s|ing|ure)|arriv(?:es|ing|al)|flight|train|boarding|lands?|landing"
    r"|check-?in|check-?out|pick(?:ed)? you up|pickup|leaves)\b[^.!?\n]{0,30}$", re.IGNORECASE)
_TRAVEL_LOW_RX = re.compile(boundary_first(_TRAVEL_RX.pattern))
_SENTENCE_END_RX = re.compile(r"[.!?\n]")

# The words that call a time or slot the old one, in each language ("previous", "ancien",
# "ursprünglich"): ``rules`` reads them before a call-off too.
OLD_WORDS = (r"previous(?:ly)?|original(?:ly)?|old|former(?:ly)?|initial(?:e|ly)?"
             r"|initialement|anterior(?:mente)?|antigu[ao]|ancien(?:ne)?|originalmente"
             r"|inicialmente|ursprünglich\w*|bisherige[nrs]?|alte[nrs]?|precedente|oude"
             r"|oorspronkelijke?")
# A time being replaced: "Previous Date/Time: ...", "your original Friday slot (7/10, ...)".
_OLD_LABEL_RX = re.compile(
    r"\b(?:" + OLD_WORDS + r"|instead\s+of|rather\s+than|statt|anstatt|au\s+lieu\s+d[eu]"
    r"|en\s+lugar\s+de|en\s+vez\s+de|em\s+vez\s+de|invece\s+di|in\s+plaats\s+van"
    r"|i\s+stället\s+för|ignore|disregard"
    # a form's "Was: Tuesday 10:00 / Now: Wednesday 11:30"
    r"|(?:was|vorher|bisher|antes|prima|voorheen|tidigare|poprzednio|avant)(?=\s*:)"
    # "que estava marcada para quarta-feira (22/04)": where it was, before the move
    r"|(?:was|were|had\s+been)\s+(?:scheduled|booked|planned|set)\s+for|estava\s+marcad[ao]\s+para"
    r"|estaba\s+(?:previst[ao]|programad[ao]|agendad[ao])\s+para|était\s+prévue?"
    r"|era\s+previst[oa]|war\s+für)\b[^.!?\n]{0,30}$",
    re.IGNORECASE,
)
_TO_RX = re.compile(r"\b(?:to|till|until|for|into|au|à|al|para|auf|zu|nach)\b", re.IGNORECASE)
# The same patterns, case-sensitive, for lower-cased text (see ``_lower_ok``): IGNORECASE
# makes the regex engine try every alternative at every position (and ``boundary_first``
# lets it skip in C to where a word can start).
_OLD_LABEL_LOW_RX = re.compile(boundary_first(_OLD_LABEL_RX.pattern))
_MOVE_LOW_RX = re.compile(boundary_first(MOVE_RX.pattern))
# Its words ("mover" holds "move"): a lowered stretch holding none has no match (in C).
_MOVE_ALL = MOVE_RX.pattern[len(r"\b(?:"):MOVE_RX.pattern.index(r")\w*")].split("|")
assert all(word.isalpha() for word in _MOVE_ALL)
_MOVE_WORDS = tuple(w for w in _MOVE_ALL if not any(o != w and o in w for o in _MOVE_ALL))
_MOVE_AFTER_RX = re.compile(
    r"[^.!?\n]{0,60}?\b(?:verschieben|verlegen|absagen|stornieren)\b", re.IGNORECASE)
_AUF_RX = re.compile(r"\bauf\b[^.!?\n]{0,20}$", re.IGNORECASE)
_MOVE_AFTER_LOW_RX = re.compile(_MOVE_AFTER_RX.pattern)  # for lowered text (``lowered_alike``)
_MOVE_VERBS = ("verschieben", "verlegen", "absagen", "stornieren")
_MOVE_AFTER_REACH = 60 + max(map(len, _MOVE_VERBS))  # the farthest a match can end
_AUF_LOW_RX = re.compile(_AUF_RX.pattern)
_SAME_SENTENCE_MAX = 160  # a time alone may take the date of the sentence before
_SESSION_GAP = timedelta(minutes=20)  # back-to-back sessions of one itinerary
_MIN_LENGTH, _MAX_LENGTH = timedelta(minutes=10), timedelta(hours=4)
_END_LABEL_RX = re.compile(r"^\s*(?:to|ends?|end\s+time|until|till|bis|ende|fin|hasta|até|tot"
                           r"|fine|finish(?:es|ing)?(?:\s+time)?|endzeit|heure de fin"
                           r"|hora de (?:fin|término)|eindtijd|sluttid)\s*:?\s*$",
                           re.IGNORECASE | re.MULTILINE)
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
    deadline: bool = False  # "reply by Friday at 5pm", "departing at 11:40": not a meeting
    question: bool = False  # "could you do Thursday at 2pm?": a proposal, not a plan
    superseded: bool = False  # "previous time: ...", "push our 1pm to 3pm": being replaced
    clock_at: int = -1  # where the time itself is written (``pos`` may be its date's)


def _days(text: str, clocks: list[Clock], ref: date, day_first: bool, low: str) -> list[Day]:
    """Dates near the clocks only: a date far from any time is not paired anyway."""
    return find_days(text, _windows(clocks, len(text)), ref, day_first, low)


def _windows(clocks: list[Clock], size: int, before: int = _WINDOW_BEFORE,
             after: int = _WINDOW_AFTER) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for clock in clocks:
        start, end = max(0, clock.pos - before), min(size, clock.end + after)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


# A form's next row: "Date mardi 7 avril\n\nHoraire 10h30" (a table's cells, as text)
_TIME_ROW_RX = re.compile(r"\s*\n\s*" + TIME_LABEL + r"\s*:?\s*", re.IGNORECASE)


def _gap_ok(gap: str) -> bool:
    if "\n\n" in gap:
        return _TIME_ROW_RX.fullmatch(gap) is not None
    return len(gap) <= _GAP_MAX and not any(c in gap for c in ".?!;")


def _pair(day_list: list[Day], ends: list[int], clock: Clock, text: str) -> Day | None:
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
    low = lowered(text)
    clocks = find_clocks(text, low)
    if not clocks:
        return []
    ref_day = ref.astimezone(fallback[0]).date()
    day_list = _days(text, clocks, ref_day, day_first, low)
    if not day_list and not any(_at_line_start(text, c.pos) for c in clocks):
        return []  # no date near a time, and no itinerary row under a date further up
    ends = [d.end for d in day_list]
    # A zone written beside one time of the message holds for the others.
    written = next((c.zone for c in clocks if c.zone), None) or _declared_zone(text)
    if written is None and all(c.zone is None for c in clocks):
        fallback = _local_zone(text, ref, fallback)
    paired: list[tuple[Clock, Day | None]] = []
    above: tuple[list[Day], list[tuple[Day, Zone | None]]] | None = None
    heading_zone = None
    several = False  # several itinerary rows
    for clock in clocks:
        day = _pair(day_list, ends, clock, text)
        if day is None and _at_line_start(text, clock.pos):
            if above is None:
                above = _above(text, clocks, ref_day, day_first, low)
                several = sum(1 for c in clocks if _row(text, c)) > 1
            found = _heading_for(above[1], clock, text)
            if found is not None:
                day, heading_zone = found[0], found[1] or heading_zone
            else:
                day = _row_day(above[0], paired, clock, text, several)
        paired.append((clock, day))
    used = {id(d) for _, d in paired if d is not None}
    paired = [(c, d if d is not None else _sentence_before(day_list, ends, c, text, used))
              for c, d in paired]
    written = written or heading_zone
    mentions = []
    for clock, day in paired:
        if day is None or day.day is None:
            continue
        own = clock.zone
        if own is None and day.pos >= clock.end:
            own = zone_after_day(text, day.end)  # "4:15 this Wednesday, Central."
        zone, label = own or written or fallback
        if own or written:  # "13:00 IST" from Dublin is Irish time, not India's
            regional = regional_zone(text[clock.pos:clock.end], getattr(fallback[0], "key", ""))
            if regional:
                zone, label = fallback[0], regional
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
            Mention(start, end, label, (own or written) is not None, pos,
                    _shown(text, day, clock, pos, stop),
                    _due(text, pos),
                    _ends_in_question(text, stop),
                    _superseded(text, pos, stop) or _superseded(text, clock.raw, clock.end),
                    clock.raw)
        )
    if any(m.superseded for m in mentions) and any(
            not m.superseded and not m.deadline for m in mentions):
        mentions = [m for m in mentions if not m.superseded]
    return _merge_sessions(mentions, text)


def _due(text: str, pos: int) -> bool:
    """Is the time at ``pos`` a due time ("reply by Friday at 5pm") or a journey's
    ("departing at 11:40"): a time that no meeting starts at?"""
    low = lowered_alike(text)
    if low is not None:  # the same stretches, case-sensitive (see ``lowered_alike``)
        return (_DEADLINE_LOW_RX.search(low, max(0, pos - 30), pos) is not None
                and _MOVED_TILL_LOW_RX.search(low, max(0, pos - 80), pos) is None
                ) or _TRAVEL_LOW_RX.search(low, max(0, pos - 50), pos) is not None
    return (_DEADLINE_RX.search(text, max(0, pos - 30), pos) is not None
            and _MOVED_TILL_RX.search(text, max(0, pos - 80), pos) is None
            ) or _TRAVEL_RX.search(text, max(0, pos - 50), pos) is not None


def _shown(text: str, day: Day, clock: Clock, pos: int, stop: int) -> str:
    """The words of a mention; a row far below its date as "date … time"."""
    if clock.pos - day.end > _GAP_MAX:
        return " ".join(f"{text[day.pos:day.end]} … {text[clock.pos:stop]}".split())
    return " ".join(text[pos:stop].split())


def _superseded(text: str, pos: int, stop: int) -> bool:
    """Is the time at ``text[pos:stop]`` the one being replaced?"""
    before = text[max(0, pos - 60):pos]
    old_rx, move_rx = _OLD_LABEL_RX, MOVE_RX
    low = before.lower()
    moving = True
    if _lower_ok(before, low):
        before, old_rx, move_rx = low, _OLD_LABEL_LOW_RX, _MOVE_LOW_RX
        moving = any(map(low.__contains__, _MOVE_WORDS))  # most stretches hold none
    if old_rx.search(before):
        return True
    move = move_rx.search(before) if moving else None
    if move and not _TO_RX.search(move.group("between")):
        return True
    # German puts the verb last: "Ihr Gespräch am 7. Mai um 10 Uhr verschieben"
    whole = lowered_alike(text)
    if whole is not None:  # the same stretches, case-sensitive (see ``lowered_alike``)
        return (_move_verb_after(whole, stop)
                and _AUF_LOW_RX.search(whole, max(0, pos - 25), pos) is None)
    return (_MOVE_AFTER_RX.match(text, stop) is not None
            and _AUF_RX.search(text, max(0, pos - 25), pos) is None)


def _move_verb_after(low: str, stop: int) -> bool:
    """``_MOVE_AFTER_LOW_RX`` matches at ``stop``: a verb must be in the stretch it can
    reach, and most text (any not in German) has none, found in C."""
    near = low[stop:stop + _MOVE_AFTER_REACH]
    return any(map(near.__contains__, _MOVE_VERBS)) and (
        _MOVE_AFTER_LOW_RX.match(low, stop) is not None)


# A row of a form that holds only a time, right under the sentence that names the day.
_ROW_UNDER_DAY_RX = re.compile(
    r"[.!]?[ \t]*\n\s*(?:" + TIME_LABEL + r"|when|wann|quand|cuándo|quando|wanneer|när|kiedy)"
    r"[ \t]*:[ \t]*", re.IGNORECASE)


def _sentence_before(day_list: list[Day], ends: list[int], clock: Clock, text: str,
                     used: set[int]) -> Day | None:
    """"Wednesday the 10th works fine. Let's say 16:00": a time with no date beside
    it takes the date of the sentence just before, in the same paragraph, when no
    other time has that date."""
    i = bisect_right(ends, clock.pos)
    if not i:
        return None
    day = day_list[i - 1]
    gap = text[day.end:clock.pos]
    if _ROW_UNDER_DAY_RX.fullmatch(gap) and id(day) not in used:
        return day  # "your interview is tomorrow.\n\nWhen: 16:00 SGT"
    if len(gap) > _SAME_SENTENCE_MAX or "\n\n" in gap or "?" in gap:
        return None
    # Across a sentence end only when no other time took that date.
    if id(day) in used and any(c in gap for c in ".!;"):
        return None
    return day


def _merge_sessions(mentions: list[Mention], text: str) -> list[Mention]:
    """Back-to-back sessions on adjacent lines ("1:00 - 1:45 PM Coding", "1:45 - 2:30 PM
    Architecture") are one interview: the first start, the last end. A time labelled as
    the end ("From 26-May-2026 11:00 AM / To 26-May-2026 12:00 PM") ends the one before."""
    if len(mentions) < 2:
        return mentions
    mentions = _outline_of_the_day(mentions, text)
    out = [mentions[0]]
    previous = mentions[0].pos  # where the last session of the run was written
    for m in mentions[1:]:
        last = out[-1]
        at = m.clock_at if m.clock_at >= 0 else m.pos  # where its time is written
        same_day = (not last.deadline and not m.deadline
                    and last.start.date() == m.start.date())
        if (same_day and last.end is not None and m.end is not None
                and timedelta(0) <= m.start - last.end <= _SESSION_GAP
                and text.count("\n", previous, m.pos) <= 2):
            out[-1] = Mention(last.start, m.end, last.tz, last.zone_written, last.pos,
                              last.text, last.deadline, last.question, last.superseded,
                              last.clock_at)
        elif (same_day and last.end is None and m.end is None
              and _MIN_LENGTH <= m.start - last.start <= _MAX_LENGTH
              and (_END_LABEL_RX.search(text, max(previous, m.pos - 16), m.pos)
                   or _END_LABEL_RX.search(text, max(previous, at - 20), at))):
            out[-1] = replace(last, end=m.start)
        else:
            out.append(m)
        previous = m.pos
    return out


# A row of a day's outline: a time starting its line, what happens then after it
# ("09:30 Group exercise", "1pm - Lunch with the team").
_OUTLINE_ROW_RX = re.compile(
    r"\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?m\.?)?\s*[-–:|]?\s*[^\W\d_]", re.IGNORECASE)
_OUTLINE_MIN_ROWS = 3  # two times on two lines may be two slots to choose from


def _outline_of_the_day(mentions: list[Mention], text: str) -> list[Mention]:
    """An outline of one day ("09:00 Welcome / 09:30 Group exercise / 11:00 Written
    exercise"), a time and its activity a line, each later than the one before, is one
    event starting at its first time, not a choice of times."""
    out: list[Mention] = []
    run: list[Mention] = []

    def close() -> None:
        out.extend(run[:1] if len(run) >= _OUTLINE_MIN_ROWS else run)
        run.clear()

    for m in mentions:
        row = (m.end is None and not m.deadline and m.clock_at >= 0
               and _at_line_start(text, m.clock_at)
               and _OUTLINE_ROW_RX.match(text, m.clock_at) is not None)
        if row and run and not (m.start.date() == run[-1].start.date()
                                and m.start > run[-1].start
                                and text.count("\n", run[-1].clock_at, m.clock_at) <= 2):
            close()
        if row:
            run.append(m)
        else:
            close()
            out.append(m)
    close()
    return out


def _local_zone(text: str, ref: datetime, fallback: tuple[tzinfo, str]) -> tuple[tzinfo, str]:
    """The sender's zone when only the Date's offset is known: a city named in the
    text (a signature's "Melbourne VIC") whose zone has that offset at the Date is
    taken for it, so the interview's date gets its own DST offset."""
    offset = ref.utcoffset()
    if not offset or ref.astimezone(fallback[0]).utcoffset() != offset:
        return fallback
    found = None
    cities = city_zones()
    for m in CITY_WORD_RX.finditer(text):
        # ``city_zone`` of the words and of the first one, looked up directly: lower-cased,
        # a match is already in its form (no blank but the one space between two words)
        words = m.group(0).lower()
        key = cities.get(words) or (cities.get(words.split()[0]) if " " in words else None)
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
    clocks = [c for c in find_clocks(text) if not _due(text, c.pos)]
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


def _declared_zone(text: str) -> Zone | None:
    low = lowered(text)
    if any(k in low for k in _DECLARED_KEYS):
        # The declaration regex starts with an alternation: tried at every position it
        # is slow, so it runs only around the words it needs.
        for word in _DECLARED_WORD_RX.finditer(low):
            m = _DECLARED_ZONE_RX.search(text, max(0, word.start() - 12), word.end() + 160)
            if m and m.start() <= word.start():
                return zone_from_match(m.groupdict())
    if "(" not in text:
        return None
    for m in _PAREN_ZONE_RX.finditer(text):
        if m.group("colon") or _TIMES_WORD_RX.search(text, max(0, m.start() - 20), m.start()):
            zone = zone_from_match(m.groupdict())
            if zone:
                return zone
    return None


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _at_line_start(text: str, pos: int) -> bool:
    """Nothing but a short label ("Time:") before ``pos`` on its line."""
    return _LABEL_RX.fullmatch(text, _line_start(text, pos), pos) is not None


def _above(text: str, clocks: list[Clock], ref: date, day_first: bool, low: str
           ) -> tuple[list[Day], list[tuple[Day, Zone | None]]]:
    """The dates an itinerary's rows may sit under, and of those the headings: dates
    alone on their line ("Thursday, February 19, 2026", "Wednesday, May 20 (Eastern
    Time):"), with the zone they name."""
    spans = _windows(clocks, len(text), before=_HEADING_REACH, after=0)
    days = find_days(text, spans, ref, day_first, low)
    headings = []
    for day in days:
        if not _at_line_start(text, day.pos):
            continue
        line_end = text.find("\n", day.end)
        rest = text[day.end:line_end if line_end != -1 else len(text)].strip(" :,)")
        if rest == "":
            headings.append((day, None))
            continue
        zone = ZONE_TAIL_RX.match(rest)
        if zone and rest[zone.end():].strip(" :,)]") == "":
            headings.append((day, zone_from_match(zone.groupdict())))
    return days, headings


def _heading_for(headings: list[tuple[Day, Zone | None]], clock: Clock,
                 text: str) -> tuple[Day, Zone | None] | None:
    """The last heading above the clock, when no sentence ends between them."""
    above = [h for h in headings
             if h[0].end <= clock.pos and clock.pos - h[0].end <= _HEADING_REACH]
    if not above:
        return None
    day = above[-1][0]
    gap = text[day.end:clock.pos]
    return above[-1] if not any(c in gap for c in ".?!;") else None


def _row(text: str, clock: Clock) -> bool:
    """A session of an itinerary: a time range starting its line ("08:30 - 09:15 Welcome")."""
    return clock.stop is not None and _at_line_start(text, clock.pos)


def _row_day(days: list[Day], paired: list[tuple[Clock, Day | None]], clock: Clock,
             text: str, several: bool) -> Day | None:
    """The date of an itinerary's rows written in a sentence above them ("You're all set
    for Thursday, October 22. All times are Central."): the last date above, unless a
    question lies between or a time written beside that date is not one of the rows."""
    if clock.stop is None:
        return None
    # ("until March 29" is a due date, not the day the rows are on)
    before = [d for d in days if d.end <= clock.pos and clock.pos - d.end <= _HEADING_REACH
              and not _due(text, d.pos)]
    if not before:
        return None
    day = before[-1]
    if "?" in text[day.end:clock.pos]:
        return None
    # One row far below a date may be a signature's "9:00-12:00"; an itinerary has several.
    if not several and (clock.pos - day.end > _SAME_SENTENCE_MAX
                        or "\n\n" in text[day.end:clock.pos]):
        return None
    if any(d is not None and d.pos == day.pos and not _row(text, c) for c, d in paired):
        return None
    return day


# "18h in London, right?": a tag seeking agreement, not a question about the time
_TAG_QUESTION_RX = re.compile(
    r"(?:\bright|\bno|\bné|\bnão é|\bja|\boder|\bnicht wahr|\bn'est-ce pas|\bverdad|\bvero"
    r"|\bcorrect|\bhein|\btoch|\bisn't it|\bok|\bokay)\s*\?$", re.IGNORECASE)


def _ends_in_question(text: str, pos: int) -> bool:
    if text[pos - 1:pos] == "." and text[pos:pos + 1] in (" ", "\n", ""):
        return False  # "11:00 am - 12:00 pm. Need to reschedule?": the time's own full stop
    end = _SENTENCE_END_RX.search(text, pos)
    return (end is not None and end.group(0) == "?"
            and not _TAG_QUESTION_RX.search(text, max(0, end.start() - 16), end.end()))


_lower_ok = lower_ok


# Where a unit can begin: each of ``_DURATION_RX``'s units starts with one of these, and no
# number before a unit holds one ("anderthalb", "half an": test_speed_equivalence).
_UNIT_START_RX = re.compile(r"min|hour|hr|stund|heure|hora")
_NUMBER_MAX = len("anderthalb")  # the longest number, but for "half\s+an"


def _durations(low: str) -> Iterator[re.Match[str]]:
    """``_DURATION_LOW_RX.finditer(low)``, each search started where a match can start: at
    the number before the next unit. The pattern's numbers ("a", "un", "one", digits) are
    everywhere, and searched from the text's start it tried each; a unit is rare, and is
    found in C. A match ends its number just before the blanks and hyphen before its unit
    (its number ends in a letter or digit), so it starts at most ``_NUMBER_MAX`` before
    them, or before "half ... an"."""
    pos = 0
    while (unit := _UNIT_START_RX.search(low, pos)) is not None:
        end = unit.start()  # where the number ends: before the blanks and hyphen
        while end > pos and (low[end - 1].isspace() or low[end - 1] == "-"):
            end -= 1
        half = end - 2  # "half   an": the blanks between the two words
        while half > pos and low[half - 1].isspace():
            half -= 1
        m = _DURATION_LOW_RX.search(low, max(pos, min(end - _NUMBER_MAX, half - 4)))
        if m is None:
            return
        yield m
        pos = m.end()


def find_duration(text: str) -> timedelta | None:
    """The interview length the text states ("45 minutes", "about an hour")."""
    low = lowered(text)
    if not any(unit in low for unit in _DURATION_KEYS):
        return None
    for m in (_durations(low) if _lower_ok(text, low) else _DURATION_RX.finditer(text)):
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
