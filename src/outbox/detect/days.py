"""Dates written in mail text (EN/DE/FR/ES/PT/IT/NL/SV/DA/NO/PL) -> calendar days.

``find_days`` reads a date where one can start (a number, a month or weekday
name, "tomorrow"...) and resolves it against the day the message was written:
year-less dates mean the next occurrence on/after that day (a weekday written
beside them picks the year), weekdays the next such day, "tomorrow" the day
after. Times are ``when``'s business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from outbox.detect.text import words_pattern

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar jänner janvier enero ene janeiro gennaio januari stycznia",
        "february feb februar février fevrier febrero fevereiro fev febbraio februari lutego",
        "march mar märz maerz mars marzo março maart mrt marca marts",
        "april apr avril abril aprile kwietnia",
        "may mai mayo maio maggio mei maj maja",
        "june jun juni juin junio junho giugno czerwca",
        "july jul juli juillet julio julho luglio lipca",
        "august aug août aout agosto augustus augusti sierpnia",
        "september sept sep septembre septiembre setiembre setembro settembre września"
        " wrzesnia",
        "october oct oktober octobre octubre outubro ottobre okt października"
        " pazdziernika",
        "november nov novembre noviembre novembro listopada",
        "december dec dezember décembre decembre diciembre dic dezembro dez dicembre"
        " grudnia",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "monday mon montag lundi lun lunes segunda-feira segunda lunedì lunedi maandag måndag"
        " mandag poniedziałek poniedzialek",
        "tuesday tue tues dienstag mardi martes terça-feira terca-feira terça terca martedì"
        " martedi dinsdag tisdag tirsdag wtorek",
        "wednesday wed weds mittwoch mercredi mer miércoles miercoles mié quarta-feira quarta"
        " mercoledì mercoledi woensdag onsdag środa środę sroda srode",
        "thursday thu thur thurs donnerstag jeudi jeu jueves jue quinta-feira quinta giovedì"
        " giovedi gio donderdag torsdag czwartek",
        "friday fri freitag vendredi ven viernes vie sexta-feira sexta venerdì venerdi vrijdag"
        " fredag piątek piatek",
        "saturday sat samstag sonnabend samedi sábado sabado sáb sabato zaterdag lördag lørdag"
        " sobota sobotę",
        "sunday sun sonntag dimanche domingo domenica zondag söndag søndag niedziela niedzielę",
    )
):
    for _name in _names.split():
        _WEEKDAYS.setdefault(_name, _number)

# Full names only may stand alone ("this Thursday"); abbreviations only before a date, and
# so the Portuguese short names, which are ordinals too ("a segunda entrevista").
_SHORT_ONLY = frozenset({"segunda", "terça", "terca", "quarta", "quinta", "sexta"})
_FULL_WEEKDAYS = [w for w in _WEEKDAYS if len(w) > 4 and w not in _SHORT_ONLY]


_alt = words_pattern
_ORDINAL_RX = re.compile(r"\d{1,4}(?:st|nd|rd|th|er|e|º|°|\.)?")


def only_date_words(text: str) -> bool:
    """"10 June", "Tuesday 24th", "mardi 6/10": nothing but the words of a date."""
    words = [w.strip(",.()|-–").lower() for w in text.split()]
    words = [w for w in words if w]
    return bool(words) and all(
        w in _MONTHS or w in _WEEKDAYS or _ORDINAL_RX.fullmatch(w) or ("/" in w and all(
            part.isdigit() for part in w.split("/"))) for w in words)


_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
          "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth", "twentieth"]
# Days of the month spelled out ("the ninth of June", "Thursday the twenty-third")
_SPELLED_DAYS: dict[str, int] = {word: n for n, word in enumerate(_UNITS, start=1)}
_SPELLED_DAYS.update({f"{tens}{sep}{unit}": base + n for tens, base in (("twenty", 20),
                                                                      ("thirty", 30))
                      for sep in ("-", " ") for n, unit in enumerate(_UNITS[:9], start=1)})
_SPELLED_DAYS["thirtieth"] = 30
_MON = rf"(?:{_alt(list(_MONTHS))})"
_SPELLED = rf"(?:{_alt(sorted(_SPELLED_DAYS, key=len, reverse=True))})"
_WD = rf"(?:{_alt(list(_WEEKDAYS))})"
_WD_LEAD = rf"(?:(?P<{{g}}>{_WD})\.?,?\s+(?:the\s+|le\s+|el\s+|den\s+|dia\s+|il\s+)?)?"

_DATE_RX = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<iy>\d{4})(?P<isep>[-/.])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})(?![\d])"
    r"|" + _WD_LEAD.format(g="wd1") + rf"(?P<mon1>{_MON})\.?\s+(?P<d1>\d{{1,2}})"
    r"(?:st|nd|rd|th)?(?!\d|:\d)(?:,?\s+(?P<y1>\d{4})(?!\d|:\d))?"
    r"|" + _WD_LEAD.format(g="wd2") + r"(?P<d2>\d{1,2})(?:st|nd|rd|th|er|\.|º|°)?(?:\s+|-)"
    rf"(?:de\s+|of\s+)?(?P<mon2>{_MON})\b\.?(?:(?:,?\s+|-)(?:de\s+)?(?P<y2>\d{{4}})(?!\d|:\d))?"
    r"|" + _WD_LEAD.format(g="wd4") + r"(?P<a4>\d{1,2})(?P<sep>[/.])(?P<b4>\d{1,2})"
    r"(?:(?P=sep)(?P<y4>\d{4}|\d{2})|(?P<tdot>\.))?(?![\d]|/\d)"
    r"|(?:(?P<wd6>" + _WD + r")\.?,?\s+(?:the\s+)?|(?<=the\s)|(?<=on\s))(?P<d6>\d{1,2})"
    r"(?:st|nd|rd|th)(?![\w])(?!\s+(?:of\s+)?(?:round|stage|interview|floor|time|step|place"
    r"|attempt|call|person|year|anniversary|century|percentile|edition|week|day|month))"
    # "Thursday the twenty-third", "Tuesday the ninth of June", "the ninth of June" (a
    # spelled ordinal alone is no date: "the second interview")
    rf"|(?P<wd7>{_WD})\.?,?\s+the\s+(?P<o7>{_SPELLED})(?:\s+of\s+(?P<mon7>{_MON})\b)?"
    rf"|(?P<o8>{_SPELLED})\s+of\s+(?P<mon8>{_MON})\b"
    r"|(?P<rel>day\s+after\s+tomorrow|tomorrow|tmrw|tmw|today|übermorgen|heute|(?-i:morgen)"
    r"|après-demain|demain|aujourd'hui|pasado\s+mañana|(?<!la\s)mañana|hoy"
    r"|depois\s+de\s+amanhã|amanhã|hoje|dopodomani|domani|oggi|overmorgen|vandaag)"
    r"|(?:(?P<q>this|next|coming|kommenden|nächsten|ce|este|esta|nesta|neste|próximo|próxima"
    r"|proximo|proxima|questo|questa|prossimo|prossima|deze|volgende|aanstaande)\s+)?"
    rf"(?P<wd5>{_alt(_FULL_WEEKDAYS)}"
    # after "next"/"this" an English abbreviation is a day too: "next Tue 10ish"
    r"|(?:(?<=next\s)|(?<=this\s)|(?<=coming\s))(?:tues|tue|weds|wed|thurs|thur|thu|fri|mon)"
    # and before a clock: "Thu 4pm your time", "Weds 9:30" ("Sat 9:30" may be a Saturday too,
    # but "sat", "sun", "mon" and "mar" are words as well)
    r"|(?:tues|tue|weds|wed|thurs|thur|thu|fri)(?=\.?,?\s+(?:at\s+|@\s*)?\d{1,2}(?:[:.]\d\d"
    r"|\s*[ap]\.?m\b)))"
    # "next Wednesday (14th)", "el jueves 23": the day of the month settles which one (a
    # bare number after the day is no clock: "Friday 10-11am", "Thursday 3 pm", "jeudi 10h")
    r"(?:,?\s*\(\s*(?:the\s+)?(?P<d5>\d{1,2})(?:st|nd|rd|th|\.)?\s*\)"
    r"|\s+(?P<d5b>\d{1,2})(?!\d|[:.]\d|\s*(?:[ap]\.?\s?m\b|uhr\b|uur\b|h\b|hrs?\b|o'clock)"
    r"|\s*(?:-|–|to|till|until|bis|à|a)\s*\d))?"
    r")(?![\w])",
    re.IGNORECASE,
)

# The date regex is tried only where a date can start: a number or one of these
# words (found by one regex, so the rest of the text is skipped in C).
_STARTERS = frozenset(
    [*_MONTHS, *_WEEKDAYS, "day", "tomorrow", "tmrw", "tmw", "today", "übermorgen", "heute",
     "morgen", "après", "demain", "aujourd'hui", "pasado", "mañana", "hoy", "this", "next",
     "coming", "kommenden", "nächsten", "ce", "este", "esta", "nesta", "neste", "próximo",
     "próxima", "proximo", "proxima", "depois", "amanhã", "hoje", "dopodomani", "domani",
     "oggi", "questo", "questa", "prossimo", "prossima", "overmorgen", "vandaag", "deze",
     "volgende", "aanstaande", *(word.split()[0] for word in _SPELLED_DAYS)]
)
_STARTS = rf"(?<![^\W_])(?:\d|(?:{_alt(list(_STARTERS))})(?![^\W_]))"
_STARTER_RX = re.compile(_STARTS)  # on lower-cased text: IGNORECASE is slow here
_STARTER_ANYCASE_RX = re.compile(_STARTS, re.IGNORECASE)
# What a date that starts with a number must start with (the beginnings of ``_DATE_RX``'s
# numeric branches): most numbers are clocks ("10:30", "2 PM"), and this says so at a
# fraction of the cost of the full regex.
_NUMBER_DATE_RX = re.compile(
    rf"\d{{4}}[-/.]\d|\d\d?(?:[/.]\d|st|nd|rd|th|(?:st|nd|rd|th|er|\.|º|°)?(?:\s+|-)"
    rf"(?:de\s+|of\s+)?{_MON})",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Day:
    pos: int
    end: int
    day: date | None
    weekday_only: bool


def _next_on_or_after(month: int, day: int, ref: date, weekday: int | None) -> date | None:
    """The year-less date's next occurrence on/after ``ref``; a weekday written
    beside it picks among the next few years (the sender knows the calendar)."""
    candidates = []
    for year in (ref.year, ref.year + 1, ref.year + 2):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= ref:
            candidates.append(candidate)
    if not candidates:
        return None
    if weekday is not None:
        for candidate in candidates:
            if candidate.weekday() == weekday:
                return candidate
    return candidates[0]


def _day_of_month(day: int, ref: date, weekday: int | None) -> date | None:
    """"the 12th": its next occurrence on/after ``ref``; "Wednesday the 10th": the
    next 10th that is a Wednesday (within a year)."""
    year, month = ref.year, ref.month
    first = None
    for _ in range(13):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= ref:
            if weekday is None or candidate.weekday() == weekday:
                return candidate
            first = first or candidate
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return first


_NAMED_WEEKDAYS = [w for w in _WEEKDAYS if w not in _SHORT_ONLY]
_WEEKDAY_WORD_RX = re.compile(rf"(?<![^\W_])({_alt(_NAMED_WEEKDAYS)})(?![^\W_])", re.IGNORECASE)


def weekdays_named(text: str) -> set[int]:
    """The weekdays a text names ("Thursday works", "bis Donnerstag"), Monday = 0."""
    return {_WEEKDAYS[m.group(1).lower()] for m in _WEEKDAY_WORD_RX.finditer(text)}


def _weekday_of(text: str | None) -> int | None:
    return _WEEKDAYS.get(text.lower().rstrip(".")) if text else None


def _resolve_day(m: re.Match[str], ref: date, day_first: bool) -> Day | None:
    g = m.groupdict()
    try:
        if g["iy"]:
            return Day(m.start(), m.end(), date(int(g["iy"]), int(g["im"]), int(g["id"])), False)
        if g["mon1"] or g["mon2"]:
            month = _MONTHS[(g["mon1"] or g["mon2"]).lower()]
            day = int(g["d1"] or g["d2"])
            year = g["y1"] or g["y2"]
            weekday = _weekday_of(g["wd1"] or g["wd2"])
            if year:
                return Day(m.start(), m.end(), date(int(year), month, day), False)
            return Day(m.start(), m.end(), _next_on_or_after(month, day, ref, weekday), False)
        if g["a4"]:
            return _numeric_day(m, ref, day_first)
        if g["d6"]:
            return Day(m.start(), m.end(),
                       _day_of_month(int(g["d6"]), ref, _weekday_of(g["wd6"])), False)
        if g["o7"] or g["o8"]:
            day = _SPELLED_DAYS[" ".join((g["o7"] or g["o8"]).lower().split())]
            weekday = _weekday_of(g["wd7"])
            month_name = g["mon7"] or g["mon8"]
            if month_name:
                return Day(m.start(), m.end(), _next_on_or_after(
                    _MONTHS[month_name.lower()], day, ref, weekday), False)
            return Day(m.start(), m.end(), _day_of_month(day, ref, weekday), False)
        if g["rel"]:
            return Day(m.start(), m.end(), ref + timedelta(days=_relative_days(g["rel"])), False)
        if g["wd5"] and (g["d5"] or g["d5b"]):
            return Day(m.start(), m.end(), _day_of_month(
                int(g["d5"] or g["d5b"]), ref, _weekday_of(g["wd5"])), False)
        if g["wd5"]:
            return _weekday_day(m, ref)
    except ValueError:  # "February 30": not a date
        return None
    return None


def _numeric_day(m: re.Match[str], ref: date, day_first: bool) -> Day | None:
    g = m.groupdict()
    a, b = int(g["a4"]), int(g["b4"])
    if g["sep"] == "." and not g["y4"] and not g["tdot"] and not g["wd4"]:
        return None  # "10.30" is a clock; German dates end in a dot ("17.03."), or follow a
        # weekday ("Wednesday 17.06")
    # A dot, or a first number above 12, means day first ("17.03.2026", "17/3").
    if g["sep"] == "." or a > 12 or (day_first and b <= 12):
        day, month = a, b
    else:
        month, day = a, b
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    weekday = _weekday_of(g["wd4"])
    if g["y4"]:
        year = int(g["y4"])
        year = year + 2000 if year < 100 else year
        if weekday is not None and a <= 12 and b <= 12 and a != b:
            # "venerdì 6/03/2026": the weekday written beside it settles the order
            other = date(year, day, month)
            if date(year, month, day).weekday() != weekday and other.weekday() == weekday:
                return Day(m.start(), m.end(), other, False)
        return Day(m.start(), m.end(), date(year, month, day), False)
    return Day(m.start(), m.end(), _next_on_or_after(month, day, ref, weekday), False)


def _relative_days(word: str) -> int:
    word = " ".join(word.lower().split())
    if word in ("today", "heute", "aujourd'hui", "hoy", "hoje", "oggi", "vandaag"):
        return 0
    if word in ("day after tomorrow", "übermorgen", "après-demain", "pasado mañana",
                "depois de amanhã", "dopodomani", "overmorgen"):
        return 2
    return 1


_NEXT_WEEK = frozenset({"next", "nächsten", "kommenden", "próximo", "coming", "próxima",
                        "proximo", "proxima", "prossimo", "prossima", "volgende", "aanstaande"})


def _weekday_day(m: re.Match[str], ref: date) -> Day:
    weekday = _WEEKDAYS[m.group("wd5").lower()]
    ahead = (weekday - ref.weekday()) % 7
    qualifier = (m.group("q") or "").lower()
    if ahead == 0 and qualifier in _NEXT_WEEK:
        ahead = 7
    return Day(m.start(), m.end(), ref + timedelta(days=ahead), True)


_ASIDE_GAP_RX = re.compile(r"(?:\s*r\.)?[\s,(\[–-]{0,3}")  # "2026 r." is Polish for the year


def find_days(text: str, spans: list[tuple[int, int]], ref: date, day_first: bool,
              low: str | None = None) -> list[Day]:
    """The dates inside ``spans`` of ``text``, in order. The date regex is costly, so
    it runs only where a date can start, and only where a caller needs one.
    ``low``: ``text.lower()``, when the caller has it."""
    days: list[Day] = []
    low = text.lower() if low is None else low
    starters, scanned = (_STARTER_RX, low) if len(low) == len(text) else (
        _STARTER_ANYCASE_RX, text)
    for start, end in spans:
        after = start
        for token in starters.finditer(scanned, start, end):
            at = token.start()
            if at < after or (text[at].isdecimal()
                              and _NUMBER_DATE_RX.match(text, at, end) is None):
                continue
            m = _DATE_RX.match(text, at, end)
            if m is None:
                continue
            after = m.end()
            day = _resolve_day(m, ref, day_first)
            if day is None and m.group("wd4"):
                # "Thursday 2.30": no date after the day, so the day alone (2.30 is a clock)
                alone = _DATE_RX.match(text, at, m.start("a4"))
                if alone is not None:
                    after = alone.end()
                    day = _resolve_day(alone, ref, day_first)
            if day and day.day and (not days or day.pos >= days[-1].end):
                if (day.weekday_only and days and not days[-1].weekday_only
                        and _ASIDE_GAP_RX.fullmatch(text, days[-1].end, day.pos)):
                    # "10/09/2026 (Thursday)": the date's own weekday, not another day
                    days[-1] = Day(days[-1].pos, m.end(), days[-1].day, False)
                    continue
                days.append(day)
    return days
