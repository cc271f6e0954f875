"""Clock times written in mail text -> ``Clock``: the time, an end, a zone after it.

Digits ("2:30 PM", "14h30", "14.30 Uhr", "om 14.00 uur", "alle ore 15") and words
("noon", "half past two", "quarter to ten", British "half ten"). Dates are
``days``'s business and pairing them ``when``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from outbox.detect.phrases import lowered_alike, may_hold, register
from outbox.detect.zones import ZONE_PATTERN, city_zone, zone_by_name, zone_from_match

_AMPM = r"(?:[ap]\.?\s?m\b\.?)"
_CLOCK = (
    r"(?P<{p}h>\d\d?)(?:(?P<{p}sep>[:.]|\s?h\s?)(?P<{p}m>[0-5]\d)(?!\s*min))?(?![\d])"
    rf"(?:\s*(?P<{{p}}suf>{_AMPM}|uhr\b|uur\b|h\b|hrs\b)|(?P<{{p}}ish>-?ish\b))?"  # "10ish"
)
# Starts with a digit so the regex engine skips the rest of the text at C speed;
# what may precede a clock is checked by ``_PRE_RX`` and ``_NOT_BEFORE``.
_TIME_RX = re.compile(_CLOCK.format(p="s"), re.IGNORECASE)
# A form's label for the time ("Time:", "Uhrzeit:", "Horaire", "Tid:").
TIME_LABEL = (r"(?:time|ora|orario|uhrzeit|zeit|hora|hor[aá]rio|heure|horaire|tijd|tijdstip|tid"
              r"|godzina|klockan)")
_PRE_RX = re.compile(
    r"(?:\b(?P<pre>at|um|om|à|às|pelas|a\s+las?|alle(?:\s+ore)?|ore|dalle(?:\s+ore)?|vers|from"
    r"|von|de|between|ab|entre|kl\.?|klockan|klokken|godz\.?|o\s+godz\.?|godzina|h\."
    # a form's label: "Time: 11.00", "Ora : 11.00", "Uhrzeit: 14.30", "Tid: kl. 10.00"
    r"|" + TIME_LABEL + r"\s*:)|@)\s+$",
    re.IGNORECASE,
)
# The same, case-sensitive, for lowered text (``lowered_alike``; the callers lower-case
# what they read of "pre").
_PRE_LOW_RX = re.compile(_PRE_RX.pattern)
# After these a number with a dot is a clock ("om 14.00", "at 14.30"); after "from",
# "von", "de" it may be a date ("von 17.03. bis 20.03.").
_DOT_PRE = frozenset({"at", "um", "om", "à", "às", "pelas", "a la", "a las", "alle", "ore",
                      "kl", "kl.", "klockan", "klokken", "godz", "godz.", "o godz", "o godz.",
                      "alle ore", "h."})
_NOT_BEFORE = frozenset("0123456789/.,:-+")
# A clock as written, from its first digit to its suffix ("16:00", "4pm", "10.30 Uhr",
# "1030 hrs"): what follows it is read by the callers that know where it starts.
CLOCK_NUMBER_RX = re.compile(
    r"\d{1,4}(?:[:.h]\s?\d\d)?\s*(?:[ap]\.?\s?m\b\.?|uhr\b|h\b|hrs\b|-?ish\b)?",
    re.IGNORECASE)  # "+05:30" is an offset, not a clock
_RANGE_TAIL_RX = re.compile(
    r"\s*(?P<conn>-|–|—|~|〜|～|to|until|till|bis|às|à|alle|a|and|y|et|tot)\s*"
    + _CLOCK.format(p="e"),
    re.IGNORECASE,
)
_STRONG_CONNECTORS = frozenset({"-", "–", "—", "~", "〜", "～", "to", "until", "till", "bis",
                                "alle", "tot"})
_MIN_LENGTH, _MAX_LENGTH = timedelta(minutes=10), timedelta(hours=4)
_NOON_TAIL_RX = re.compile(r"\s*(?:noon|midday)\b", re.IGNORECASE)  # "12 noon"
ZONE_TAIL_RX = re.compile(r"\s*[(\[]?\s*(?:in\s+)?(?:the\s+)?" + ZONE_PATTERN, re.IGNORECASE)
# "4:15 this Wednesday, Central.": a zone after the date, when it ends the clause ("Friday,
# Central Station" names no zone).
_DAY_ZONE_RX = re.compile(r"\s*,?\s*[(\[]?\s*" + ZONE_PATTERN + r"\s*[)\]]?(?=\s*(?:[.,;!?\n]|$))",
                          re.IGNORECASE)

# Clocks written in words: "noon", "half past two", "quarter to ten", British "half ten".
_NUMBER_HOURS = {w: i for i, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve"])}
_HOUR_WORD = r"(?:\d\d?|" + "|".join(_NUMBER_HOURS) + r")"
_WORD_CLOCK_RX = re.compile(
    # "après-midi" is the afternoon, not noon
    r"\b(?:(?P<noon>noon|midday|midi(?<!après-midi)(?<!apres-midi)|mediodía|mittags?)"
    rf"|(?P<frac>half|quarter)\s+(?P<rel>past|after|to|before)\s+(?P<wh>{_HOUR_WORD})"
    rf"|half\s+(?P<bh>{_HOUR_WORD})(?!\s*(?:an?\s+)?(?:hours?|days?|weeks?|years?|months?"
    r"|minutes?|mins?|percent|per\s+cent))"
    # "four in the afternoon", "ten o'clock", "two pm": an hour in words, marked as one
    # ("two am I right?" is no time: a bare "am" after a word is the verb)
    r"|(?P<ah>" + "|".join(w for w in _NUMBER_HOURS if w != "zero") + r")\s*(?P<ahm>o'clock"
    r"|pm\b|p\.\s?m\b\.?|a\.\s?m\b\.?|in\s+the\s+(?:morning|afternoon|evening))"
    rf")\b(?:\s*(?P<wsuf>{_AMPM}|o'clock|in\s+the\s+(?:morning|afternoon|evening)))?",
    re.IGNORECASE,
)
# Dutch and German count the half towards the next hour: "half drie", "halb drei" = 2:30.
_HOURS_NL_DE = {w: i % 12 or 12 for i, ws in enumerate([
    ("nul",), ("een", "één", "eins"), ("twee", "zwei"), ("drie", "drei"), ("vier",),
    ("vijf", "fünf"), ("zes", "sechs"), ("zeven", "sieben"), ("acht",), ("negen", "neun"),
    ("tien", "zehn"), ("elf",), ("twaalf", "zwölf")]) for w in ws}
_NL_DE_CLOCK_RX = re.compile(
    r"\b(?:(?P<half>half|halb)|(?P<q>kwart|viertel)\s+(?P<rel>over|voor|nach|vor))\s+"
    r"(?P<h>" + "|".join(sorted(_HOURS_NL_DE, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)

# "push our 1pm to 3pm", "reporter notre entretien prévu ce mercredi 20 mai": the time
# after a move verb, with no "to" between, is the one being moved away from.
MOVE_RX = re.compile(
    r"\b(?:push|move|bump|shift|postpone|reschedul|reporter|report|décaler|decaler|déplacer"
    r"|verschieb|verleg|aplaz|pospon|reprogram|mover|cambiar)\w*\b(?P<between>[^.!?\n]{0,40})$",
    re.IGNORECASE,
)
_PAREN_RX = re.compile(r"\s*[(\[]\s*(?P<name>[A-Za-zÀ-ÿ][\w .&'’-]{1,40}?)\s*[)\]]")
# (\b[A-Z]...: the boundary is read after the capital, "(?<!\w.)", so that the pattern starts
# with a class and the regex engine skips in C to each capital; test_speed_equivalence)
CITY_WORD_RX = re.compile(r"[A-Z](?<!\w.)[a-zà-ÿ]+(?:[ _][A-Z][a-zà-ÿ]+)?\b")
_CITY_LIST_MAX = 6  # "(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius"
# "11am Eastern (4pm for you)", "10:00 SA time (09:00 your side)": the same time again,
# converted for the reader, in brackets right after it.
_ECHO_RX = re.compile(r"[^.!?;()\[\]\d]{0,25}[(\[]\s*(?:that's\s+|that\s+is\s+|i\.e\.,?\s*"
                      r"|=\s*)?")
# "London Heathrow (LHR) 21:35 → Hong Kong (HKG) 17:05": a journey, not a meeting.
_ARROWS = ("→", "->", "⟶", "➔", "➝")

Zone = tuple[tzinfo, str]


@dataclass(frozen=True, slots=True)
class Clock:
    pos: int
    end: int
    start: time
    stop: time | None
    zone: Zone | None
    raw: int = -1  # where the number itself starts (``pos`` may be "at" before it)


def _ampm(suffix: str | None) -> str:
    """"p.m." / "PM" / "pm" -> "pm"; "uhr", "h" and nothing -> ""."""
    word = (suffix or "").lower().replace(".", "").replace(" ", "")
    return word if word in ("am", "pm") else ""


def _hour(h: int, mark: str) -> int | None:
    if not mark:
        return h
    if not 1 <= h <= 12:
        return None
    return (h % 12) + (12 if mark == "pm" else 0)


def _clock_ok(g: dict[str, str | None], p: str, pre: re.Match[str] | None, text: str,
              end: int) -> bool:
    """Is this number a clock time? Bare numbers only after "at"/"um"/"à"."""
    sep, suf = g[p + "sep"], g[p + "suf"]
    if pre is None and len(g[p + "h"] or "") == 1 and int(g[p + "h"] or 0) <= 4 and (
            (sep or "").strip().lower() == "h" or (not sep and (suf or "").lower() == "h")):
        return False  # "comptez 1h15", "2h d'entretien": a length, not one in the morning
    if sep == ".":
        if suf:
            return True  # "14.30 Uhr"; "3.5 years", "17.03" are not times
        word = " ".join((pre.group("pre") or "").lower().split()) if pre else ""
        number = end - len(g[p + "h"] or "") - len(sep) - len(g[p + "m"] or "")
        if pre is None and g[p + "m"] in ("00", "15", "30", "45") and _DAY_BEFORE_RX.search(
                text, max(0, number - 15), number):
            return True  # "Thursday 2.30 it is": a day's clock
        # "om 14.00", "at 9.30", "Time: 11.00"; "at 3.50 euros" is a price
        after = text[end:end + 1]
        # "kl. 10.00." ends a sentence; "von 17.03. bis" is a date (no clock word before it)
        full_stop = after == "." and word in _DOT_PRE and not text[end + 1:end + 2].isdigit()
        return ((word in _DOT_PRE or word.endswith(":")) and (after not in ("%", ".", "/")
                                                              or full_stop)
                and (len(g[p + "h"] or "") == 2 or g[p + "m"] in ("00", "15", "30", "45")))
    # "Still on - 11 ET tomorrow": a bare number marked by a zone's abbreviation
    return bool(sep or suf or pre or g[p + "ish"] or _BARE_ZONE_RX.match(text, end))


# Zone abbreviations that mark a bare number as a clock (capitals only: "et" is French)
_BARE_ZONE_RX = re.compile(r" ?(?:[ECMP][SD]?T|CES?T|GMT|BST|UTC|SGT|JST|AES?T|AEDT)\b")

# A day right before a dotted clock ("Thursday 2.30", "tomorrow 10.15") makes it one.
_DAY_BEFORE_RX = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon"
                            r"|tue|tues|wed|thu|thur|thurs|fri|tomorrow|today)\s+$", re.IGNORECASE)


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


def _pre(text: str, at: int) -> re.Match[str] | None:
    """"at", "um", "alle ore"... right before ``at``: a blank must come first."""
    if not at or not text[at - 1].isspace():
        return None
    low = lowered_alike(text)
    if low is not None:  # the same stretch, case-sensitive (see ``lowered_alike``)
        return _PRE_LOW_RX.search(low, max(0, at - 12), at)
    return _PRE_RX.search(text, max(0, at - 12), at)


def _clock_pos(pre: re.Match[str] | None, number: int) -> int:
    """Where the clock starts: at "at"/"um" before it, but at the number after a form's
    label ("Time: 11.00"), whose line the date pairing reads as a label."""
    if pre is None or (pre.group("pre") or "").endswith(":"):
        return number
    return pre.start()


# The words that announce a length: a bare number after them is no clock time.
_LENGTH_BEFORE_RX = re.compile(
    r"\b(?:duração|duración|durée|dauer|durata|duur|längd|czas trwania|length|lasting|lasts"
    r"|will take|takes)\b[^.\n\d]{0,20}$", re.IGNORECASE)


# Southern Europe's halves and quarters after a whole hour: "11 e mezza", "4 y cuarto",
# "10 e meia", "3h et demie", "5 menos cuarto" (a quarter to five).
_FRACTION_RX = re.compile(
    r"(?:\s*heures?)?\s+(?:(?:e|y|et)\s+(?:(?P<quarter>(?:un\s+|um\s+)?(?:quarto|cuarto)|quart)"
    r"|mezz[ao]|media|meia|demie)|(?P<less>(?:meno|menos)\s+(?:un\s+|um\s+)?(?:quarto|cuarto)"
    r"|moins\s+(?:le\s+)?quart))\b", re.IGNORECASE)


_STREET_AFTER_RX = re.compile(
    r"[ \t]+(?:[A-Z][\w'’-]+[ \t]+){1,2}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Square|Place|Way"
    r"|Drive|Boulevard|Court|Row|Hill|Wharf|Quay|Gardens|Terrace|Crescent|Park|Yard|Walk)\b")


def _read_clock(m: re.Match[str], text: str) -> Clock | None:
    g = m.groupdict()
    if (m.start() and text[m.start() - 1] in _NOT_BEFORE) or int(g["sh"]) > 23:
        return None
    pre = _pre(text, m.start())
    if (pre is not None and not g["ssep"] and not g["ssuf"]
            and (_LENGTH_BEFORE_RX.search(text, max(0, m.start() - 40), m.start())
                 or _STREET_AFTER_RX.match(text, m.end()))):
        # "com duração prevista de 1 hora": a length, not one o'clock; "at 21 Leadenhall
        # Street": a house number
        return None
    noon = _NOON_TAIL_RX.match(text, m.end()) if g["sh"] == "12" and not g["ssuf"] else None
    tail = None if noon else _range_tail(m, text, pre is not None)
    if (tail is not None and tail.group("conn").lower() in ("to", "à", "a", "auf")
            and MOVE_RX.search(text, max(0, m.start() - 60), m.start())):
        tail = None  # "push our 1pm to 3pm": two times, not a range
    # "11-12pm": a bare number is a clock when a clock time ends the range
    marked_tail = tail is not None and bool(tail.group("esep") or tail.group("esuf"))
    if not (noon or _clock_ok(g, "s", pre, text, m.end()) or marked_tail):
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
    fraction = None if g["sm"] or tail or noon else _FRACTION_RX.match(text, m.end())
    if fraction is not None:  # "alle 11 e mezza", "a las 4 y cuarto", "à 3h et demie"
        start_m = 45 if fraction.group("less") else 15 if fraction.group("quarter") else 30
        start_h = (start_h - 1) % 24 if fraction.group("less") else start_h
    start_h = _afternoon(start_h, g["sh"], bool(start_mark or end_mark))
    start = time(start_h, start_m)
    stop = _read_stop(tail, start, start_mark) if tail else None
    end_pos = (noon.end() if noon else tail.end() if tail else
               fraction.end() if fraction else m.end())
    zone, end_pos = zone_after(text, end_pos)
    if zone is None and text[max(0, m.start() - 3):m.start()].rstrip().endswith(":"):
        zone = _zone_label_before(text, m.start())  # "(UK time: 9:00-10:00)"
    return Clock(_clock_pos(pre, m.start()), end_pos, start, stop, zone, m.start())


# A zone that labels the time after it: "(UK time: 9:00-10:00)", "London time: 17:00"
_ZONE_LABEL_RX = re.compile(r"(?:^|[\s(\[])(?:" + ZONE_PATTERN + r")\s*:\s*$", re.IGNORECASE)


def _zone_label_before(text: str, start: int) -> Zone | None:
    m = _ZONE_LABEL_RX.search(text, max(0, start - 40), start)
    return zone_from_match(m.groupdict()) if m else None


def _city_list(text: str, pos: int) -> tuple[Zone, int] | None:
    """An Outlook label's places, "(UTC-06:00) Guadalajara, Mexico City, Monterrey": the
    first one that is a zone's city names the zone."""
    for _ in range(_CITY_LIST_MAX):
        city = CITY_WORD_RX.match(text, pos + 1) if text[pos:pos + 1] == " " else None
        if city is None or text[city.end():city.end() + 1] not in (",", "", "\n", "."):
            return None
        key = city_zone(city.group(0))
        found = zone_by_name(key) if key else None
        if found is not None:
            return (found, found.key), city.end()
        pos = city.end() + 1
    return None


_FILLER_RX = re.compile(r"\s+(?:prompt|sharp|on the dot|precisely|exactly|pünktlich|précises?"
                        r"|en punto|in punto)\b", re.IGNORECASE)


def zone_after(text: str, pos: int) -> tuple[Zone | None, int]:
    """The zone written right after a time, and where it ends. An Outlook label
    "(UTC-05:00) Eastern Time (US & Canada)" is decided by its name, not its offset
    (which is the standard one, wrong half the year); a place in brackets after a
    zone ("Mountain Standard Time (Arizona)") narrows it, or names it ("3pm (Warsaw)")."""
    ztail = ZONE_TAIL_RX.match(text, pos)
    zone = zone_from_match(ztail.groupdict()) if ztail else None
    if not zone and (filler := _FILLER_RX.match(text, pos)):  # "10:00am prompt (WAT)"
        ztail = ZONE_TAIL_RX.match(text, filler.end())
        zone = zone_from_match(ztail.groupdict()) if ztail else None
    if not zone:
        if text[pos:pos + 1] == ",":  # "at 14:30, ora di Roma."
            comma = _DAY_ZONE_RX.match(text, pos)
            found = zone_from_match(comma.groupdict()) if comma else None
            if found:
                return found, comma.end()
        return _paren_city(text, pos) or (None, pos)
    end = ztail.end()
    if ztail.group("zh") is not None or ztail.group("zoff"):
        close = end + 1 if text[end:end + 1] in ")]" else end
        named = ZONE_TAIL_RX.match(text, close)
        if named and named.group("zh") is None and not named.group("zoff"):
            better = zone_from_match(named.groupdict())
            if better:
                return better, named.end()
        return _city_list(text, close) or (zone, end)
    return _paren_city(text, end) or (zone, end)


def _paren_city(text: str, pos: int) -> tuple[Zone, int] | None:
    paren = _PAREN_RX.match(text, pos)
    if paren:
        key = city_zone(paren.group("name"))
        found = zone_by_name(key) if key else None
        if found is not None:
            return (found, found.key), paren.end()
    return None


def zone_after_day(text: str, pos: int) -> Zone | None:
    """"4:15 this Wednesday, Central.": a zone after the date that follows a time."""
    m = _DAY_ZONE_RX.match(text, pos)
    return zone_from_match(m.groupdict()) if m else None


# Most texts hold no clock in words: the phrases' one RE2 pass says so (``prefilter``).
_EN_WORDS, _NL_DE_WORDS = register([_WORD_CLOCK_RX.pattern]), register([_NL_DE_CLOCK_RX.pattern])


def _word_clocks(text: str, low: str) -> list[Clock]:
    """"at noon", "half past two", "quarter to ten", "half ten" (British: 10:30)."""
    out: list[Clock] = []
    if not may_hold(_EN_WORDS, text) and not may_hold(_NL_DE_WORDS, text):
        return out
    for m in _WORD_CLOCK_RX.finditer(text):
        suffix = (m.group("wsuf") or m.group("ahm") or "").lower()
        mark = ("pm" if suffix.endswith(("afternoon", "evening"))
                else "am" if suffix.endswith("morning") else _ampm(suffix))
        if m.group("noon"):
            hour, minute = 12, 0
        elif m.group("ah"):
            hour, minute = _NUMBER_HOURS[m.group("ah").lower()], 0
            h = _hour(hour, mark)
            if h is None:
                continue
            hour = _afternoon(h, str(hour), bool(mark))
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
        pre = _pre(text, m.start())
        zone, end = zone_after(text, m.end())
        out.append(Clock(_clock_pos(pre, m.start()), end, time(hour, minute), None,
                         zone, m.start()))
    for m in _NL_DE_CLOCK_RX.finditer(text):
        hour = _HOURS_NL_DE[m.group("h").lower()]
        if m.group("half"):
            hour, minute = hour - 1 or 12, 30
        elif m.group("rel").lower() in ("over", "nach"):
            minute = 15
        else:
            hour, minute = hour - 1 or 12, 45
        hour = _afternoon(hour, str(hour), False)
        pre = _pre(text, m.start())
        zone, end = zone_after(text, m.end())
        out.append(Clock(_clock_pos(pre, m.start()), end, time(hour, minute), None,
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


# "1030 hrs", "1400h": four digits with a unit (a year or an amount has none); "at 1030 CT":
# four digits with a zone's abbreviation. The hour "[01]\d|2[0-3]" is written "[0-2]" then
# what may follow it: a pattern whose first item is one character class lets the regex
# engine skip in C to the digits 0-2, where the alternation made it try every position
# (same matches, see test_speed_equivalence).
_HHMM_PLAIN = (r"(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?:\s?(?P<unit>hrs|hours|h)\b"
               r"|(?=\s(?-i:[A-Z]{2,4})\b))")
_HHMM_RX = re.compile(
    r"(?P<h>[0-2](?:(?<=[01])\d|(?<=2)[0-3]))(?P<m>[0-5]\d)(?:\s?(?P<unit>hrs|hours|h)\b"
    r"|(?=\s(?-i:[A-Z]{2,4})\b))", re.IGNORECASE)  # (the zone's letters upper-case)


def _hhmm_clocks(text: str) -> list[Clock]:
    out = []
    for m in _HHMM_RX.finditer(text):
        if m.start() and (text[m.start() - 1] in _NOT_BEFORE or text[m.start() - 1].isalnum()):
            continue  # part of a longer number, a date or a code
        pre = _pre(text, m.start())
        zone, end = zone_after(text, m.end())
        if not m.group("unit") and (zone is None or not text[m.end() + 1].isupper()):
            continue  # "1030 CT" is a time; "2026 Berlin" is not
        out.append(Clock(_clock_pos(pre, m.start()), end,
                         time(int(m.group("h")), int(m.group("m"))), None, zone, m.start()))
    return out


def find_clocks(text: str, low: str | None = None) -> list[Clock]:
    """Every clock time in ``text``, in order; none overlap. ``low``: ``text.lower()``."""
    clocks: list[Clock] = []
    consumed = -1
    for m in _TIME_RX.finditer(text):
        at = m.start()
        if at < consumed or (at and text[at - 1] in _NOT_BEFORE):
            continue  # "3.5", "555-0100", "10/03": no clock
        clock = _read_clock(m, text)
        if clock:
            clocks.append(clock)
            consumed = clock.end
    words = _word_clocks(text, text.lower() if low is None else low)
    hhmm = _hhmm_clocks(text)
    if hhmm:
        words = words + hhmm
    if words:
        taken = [(c.pos, c.end) for c in clocks]
        clocks += [w for w in words if not any(a < w.end and w.pos < b for a, b in taken)]
        clocks.sort(key=lambda c: c.pos)
    if len(clocks) < 2:
        return clocks
    return _drop_echoes_and_journeys(text, clocks)


def _drop_echoes_and_journeys(text: str, clocks: list[Clock]) -> list[Clock]:
    """Without the times converted for the reader ("11am Eastern (4pm for you)") and
    the times of a journey ("LHR 21:35 → HKG 17:05")."""
    out: list[Clock] = []
    journey = -1  # the clock that ends the last journey
    for i, clock in enumerate(clocks):
        if i <= journey:
            continue
        if (out and _ECHO_RX.fullmatch(text, out[-1].end, clock.pos)
                and "\n\n" not in text[out[-1].end:clock.pos]):
            continue
        after = clocks[i + 1] if i + 1 < len(clocks) else None
        if after is not None and "\n" not in text[clock.end:after.pos]:
            between = text[clock.end:after.pos]
            if any(a in between for a in _ARROWS) and any(c.isalpha() for c in between):
                journey = i + 1
                continue
        out.append(clock)
    return out
