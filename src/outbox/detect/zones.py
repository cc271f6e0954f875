"""Time zones as people and calendar programs write them -> ``tzinfo`` plus a label.

The label is what ``Detection.tz`` carries: an IANA name when one is known,
else the offset as written ("+05:30").
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from outbox.detect.text import words_pattern

log = logging.getLogger(__name__)

try:  # Outlook writes Windows names ("Pacific Standard Time"); CLDR maps them.
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON as _WINDOWS
except ImportError:  # pragma: no cover - icalendar moved its table
    _WINDOWS = {
        "Pacific Standard Time": "America/Los_Angeles",
        "Mountain Standard Time": "America/Denver",
        "Central Standard Time": "America/Chicago",
        "Eastern Standard Time": "America/New_York",
        "GMT Standard Time": "Europe/London",
        "W. Europe Standard Time": "Europe/Berlin",
        "Romance Standard Time": "Europe/Paris",
        "India Standard Time": "Asia/Kolkata",
    }

# Abbreviations and phrases, lower-case -> IANA. US abbreviations map to the
# DST-aware zone on purpose: people write "PST" all year round.
NAMED_ZONES: dict[str, str] = {
    "et": "America/New_York", "est": "America/New_York", "edt": "America/New_York",
    "eastern": "America/New_York", "eastern time": "America/New_York",
    "eastern standard time": "America/New_York", "eastern daylight time": "America/New_York",
    "new york time": "America/New_York",
    "ct": "America/Chicago", "cst": "America/Chicago", "cdt": "America/Chicago",
    "central time": "America/Chicago", "central standard time": "America/Chicago",
    "central daylight time": "America/Chicago",
    "mt": "America/Denver", "mst": "America/Denver", "mdt": "America/Denver",
    "mountain time": "America/Denver", "mountain standard time": "America/Denver",
    "mountain daylight time": "America/Denver",
    "pt": "America/Los_Angeles", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles", "pacific time": "America/Los_Angeles",
    "pacific standard time": "America/Los_Angeles",
    "pacific daylight time": "America/Los_Angeles",
    "gmt": "UTC", "utc": "UTC",
    "bst": "Europe/London", "uk time": "Europe/London", "london time": "Europe/London",
    "british time": "Europe/London", "british summer time": "Europe/London",
    "cet": "Europe/Berlin", "cest": "Europe/Berlin", "mez": "Europe/Berlin",
    "mesz": "Europe/Berlin", "central european time": "Europe/Berlin",
    "central european summer time": "Europe/Berlin", "berlin time": "Europe/Berlin",
    "german time": "Europe/Berlin", "deutscher zeit": "Europe/Berlin",
    "paris time": "Europe/Paris", "heure de paris": "Europe/Paris",
    "heure française": "Europe/Paris", "heure de france": "Europe/Paris",
    "madrid time": "Europe/Madrid", "hora de madrid": "Europe/Madrid",
    "hora peninsular": "Europe/Madrid", "hora española": "Europe/Madrid",
    "hora de españa": "Europe/Madrid",
    "ist": "Asia/Kolkata", "india time": "Asia/Kolkata", "indian standard time": "Asia/Kolkata",
    "india standard time": "Asia/Kolkata",
    "jst": "Asia/Tokyo", "sgt": "Asia/Singapore", "hkt": "Asia/Hong_Kong",
    "philippine standard time": "Asia/Manila", "philippine time": "Asia/Manila",
    "philippines time": "Asia/Manila",
    "aest": "Australia/Sydney", "aedt": "Australia/Sydney",
    "eet": "Europe/Athens", "eest": "Europe/Athens",
    "wet": "Europe/Lisbon", "west": "Europe/Lisbon",
    # Bare region words, only ever read right after a clock ("2:30pm Central").
    "central": "America/Chicago", "mountain": "America/Denver",
    "atlantic time": "America/Halifax", "ast": "America/Halifax", "adt": "America/Halifax",
    "arizona": "America/Phoenix", "arizona time": "America/Phoenix",
    "hawaii time": "Pacific/Honolulu", "hst": "Pacific/Honolulu",
    "alaska time": "America/Anchorage", "akst": "America/Anchorage", "akdt": "America/Anchorage",
    "heure de l'est": "America/Toronto", "heure de l’est": "America/Toronto",
    "heure normale de l'est": "America/Toronto", "heure avancée de l'est": "America/Toronto",
    "hne": "America/Toronto", "hae": "America/Toronto",
    "hora de chile": "America/Santiago", "hora de chile continental": "America/Santiago",
    "hora chilena": "America/Santiago", "chile time": "America/Santiago",
    "clt": "America/Santiago", "clst": "America/Santiago",
    "hora de argentina": "America/Argentina/Buenos_Aires", "art": "America/Argentina/Buenos_Aires",
    "hora de brasília": "America/Sao_Paulo", "horário de brasília": "America/Sao_Paulo",
    "brt": "America/Sao_Paulo",
    "hora del centro": "America/Mexico_City", "hora de méxico": "America/Mexico_City",
    "hora de colombia": "America/Bogota", "hora de perú": "America/Lima",
    "hora de canarias": "Atlantic/Canary",
    "mitteleuropäische zeit": "Europe/Berlin", "mitteleuropäischer zeit": "Europe/Berlin",
    "mitteleuropäische sommerzeit": "Europe/Berlin", "deutsche zeit": "Europe/Berlin",
    "schweizer zeit": "Europe/Zurich", "österreichischer zeit": "Europe/Vienna",
    "heure de montréal": "America/Toronto", "heure du québec": "America/Toronto",
    "heure de bruxelles": "Europe/Brussels", "heure suisse": "Europe/Zurich",
    "central european standard time": "Europe/Berlin", "eastern european time": "Europe/Athens",
    "australian eastern time": "Australia/Sydney",
    "australian eastern standard time": "Australia/Sydney",
    "australian eastern daylight time": "Australia/Sydney",
    "acst": "Australia/Adelaide", "acdt": "Australia/Adelaide", "awst": "Australia/Perth",
    "nzst": "Pacific/Auckland", "nzdt": "Pacific/Auckland", "new zealand time": "Pacific/Auckland",
    "sast": "Africa/Johannesburg", "gst": "Asia/Dubai", "kst": "Asia/Seoul",
    "pht": "Asia/Manila", "wib": "Asia/Jakarta", "pkt": "Asia/Karachi",
    "japan time": "Asia/Tokyo", "japan standard time": "Asia/Tokyo", "korea time": "Asia/Seoul",
    "china time": "Asia/Shanghai", "china standard time": "Asia/Shanghai",
    "eat": "Africa/Nairobi", "east africa time": "Africa/Nairobi", "wat": "Africa/Lagos",
    "west africa time": "Africa/Lagos", "gulf standard time": "Asia/Dubai",
    "gulf time": "Asia/Dubai", "uae time": "Asia/Dubai", "msk": "Europe/Moscow",
    "pet": "America/Lima", "peru time": "America/Lima", "aet": "Australia/Sydney",
    "nzt": "Pacific/Auckland", "irish time": "Europe/Dublin",
    "eastern european summer time": "Europe/Athens",
    "heure d'europe centrale": "Europe/Paris", "heure normale d'europe centrale": "Europe/Paris",
    "hora de brasilia": "America/Sao_Paulo", "horario de brasilia": "America/Sao_Paulo",
    "horário de brasilia": "America/Sao_Paulo",
    "horário oficial de brasília": "America/Sao_Paulo",
    "hora de portugal": "Europe/Lisbon", "horário de portugal": "Europe/Lisbon",
    "hora portuguesa": "Europe/Lisbon", "ora italiana": "Europe/Rome",
    "nederlandse tijd": "Europe/Amsterdam", "belgische tijd": "Europe/Brussels",
    "svensk tid": "Europe/Stockholm", "norsk tid": "Europe/Oslo",
    "dansk tid": "Europe/Copenhagen", "czasu polskiego": "Europe/Warsaw",
    "czas polski": "Europe/Warsaw", "czasu londyńskiego": "Europe/London",
    "czasu brytyjskiego": "Europe/London", "ora di londra": "Europe/London",
}
# Windows names ("Arabian Standard Time"), as Outlook users copy them into text; the
# table's old keys are read by their current names.
_RENAMED = {"Asia/Calcutta": "Asia/Kolkata", "Europe/Kiev": "Europe/Kyiv",
            "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
            "Asia/Katmandu": "Asia/Kathmandu", "Asia/Rangoon": "Asia/Yangon",
            "America/Godthab": "America/Nuuk",
            "America/Indianapolis": "America/Indiana/Indianapolis"}
for _name, _iana in _WINDOWS.items():
    if _name.endswith("Standard Time") and "/" in _iana and not _iana.startswith("Etc/"):
        NAMED_ZONES.setdefault(_name.lower(), _RENAMED.get(_iana, _iana))

# "16:00 Stockholm time", "10am Melbourne time", "hora de Santiago", "heure de
# Montréal", "Wiener Zeit": a city of the zone database (or a well-known one) names its zone.
_CITY_ALIASES = {
    "montréal": "America/Toronto", "montreal": "America/Toronto", "québec": "America/Toronto",
    "quebec": "America/Toronto", "ottawa": "America/Toronto", "washington": "America/New_York",
    "boston": "America/New_York", "atlanta": "America/New_York", "miami": "America/New_York",
    "seattle": "America/Los_Angeles", "san francisco": "America/Los_Angeles",
    "sf": "America/Los_Angeles", "austin": "America/Chicago", "dallas": "America/Chicago",
    "houston": "America/Chicago", "munich": "Europe/Berlin", "münchen": "Europe/Berlin",
    "frankfurt": "Europe/Berlin", "hamburg": "Europe/Berlin", "cologne": "Europe/Berlin",
    "köln": "Europe/Berlin", "wien": "Europe/Vienna", "zürich": "Europe/Zurich",
    "geneva": "Europe/Zurich", "genève": "Europe/Zurich", "barcelona": "Europe/Madrid",
    "milan": "Europe/Rome", "milano": "Europe/Rome", "roma": "Europe/Rome",
    "bangalore": "Asia/Kolkata", "bengaluru": "Asia/Kolkata", "mumbai": "Asia/Kolkata",
    "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata", "beijing": "Asia/Shanghai",
    "canberra": "Australia/Sydney", "wellington": "Pacific/Auckland",
    "tel aviv": "Asia/Jerusalem", "méxico": "America/Mexico_City", "cdmx": "America/Mexico_City",
    "são paulo": "America/Sao_Paulo", "santiago de chile": "America/Santiago",
    "lisboa": "Europe/Lisbon", "bruxelles": "Europe/Brussels", "praha": "Europe/Prague",
    "warszawa": "Europe/Warsaw", "københavn": "Europe/Copenhagen", "kyiv": "Europe/Kyiv",
    "new york city": "America/New_York", "nyc": "America/New_York",
    "arizona": "America/Phoenix", "hawaii": "Pacific/Honolulu", "alaska": "America/Anchorage",
    "saskatchewan": "America/Regina", "chile": "America/Santiago",
    "chile continental": "America/Santiago", "queensland": "Australia/Brisbane",
    "victoria": "Australia/Melbourne", "new south wales": "Australia/Sydney",
    "newfoundland": "America/St_Johns", "brasília": "America/Sao_Paulo",
    "brasilia": "America/Sao_Paulo", "rio de janeiro": "America/Sao_Paulo",
    # countries of one zone, as "Israel time", "Singapur-Zeit", "hora de Irlanda" name them
    "israel": "Asia/Jerusalem", "singapur": "Asia/Singapore", "singapour": "Asia/Singapore",
    "cingapura": "Asia/Singapore", "ireland": "Europe/Dublin", "irland": "Europe/Dublin",
    "irlanda": "Europe/Dublin", "irlande": "Europe/Dublin", "japan": "Asia/Tokyo",
    "portugal": "Europe/Lisbon", "poland": "Europe/Warsaw", "polen": "Europe/Warsaw",
}


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Lower-case city -> IANA key: the zone database's own cities, then aliases."""
    out: dict[str, str] = {}
    try:
        from zoneinfo import available_timezones
        keys = available_timezones()
    except Exception:  # pragma: no cover - no zone database
        keys = set()
    for key in sorted(keys):
        area, _, city = key.rpartition("/")
        if not area or area.startswith(("Etc", "SystemV", "US", "posix", "right", "Canada",
                                        "Brazil", "Chile", "Mexico")):
            continue
        name = city.replace("_", " ").lower()
        out.setdefault(name, key)
    out.update(_CITY_ALIASES)
    return out


def city_zone(name: str) -> str | None:
    """"Stockholm" -> "Europe/Stockholm"; None when the name is no zone's city."""
    return _cities().get(" ".join(name.lower().split()))


def city_zones() -> dict[str, str]:
    """What ``city_zone`` looks names up in (lower-cased, one space between words), for a
    caller that asks of many words already in that form."""
    return _cities()

# Short all-caps abbreviations are matched case-sensitively: "et" is French
# for "and", "pt" and "mt" are common in prose.
_ABBREVIATIONS = sorted((k for k in NAMED_ZONES if " " not in k and len(k) <= 4), key=len,
                        reverse=True)
_PHRASES = sorted((k for k in NAMED_ZONES if k not in _ABBREVIATIONS), key=len, reverse=True)

ZONE_PATTERN = (
    r"(?:(?:UTC|GMT)\s*(?P<zsign>[+\-−])\s*(?P<zh>\d{1,2})(?::?(?P<zm>\d{2}))?(?!\d)"
    r"|(?P<zoff>(?<![\w])[+\-−]\d{2}:?\d{2})(?!\d)"
    r"|(?P<ziana>(?:America|Europe|Asia|Africa|Australia|Pacific|Atlantic|Indian)"
    r"/[A-Za-z_]+(?:/[A-Za-z_]+)?)"
    r"|(?P<zphrase>" + words_pattern(_PHRASES) + r")(?![\w])"
    r"|(?P<zcity>(?-i:[A-ZÀ-Ý][\w'’-]+(?:\s[A-ZÀ-Ý][\w'’-]+)?))(?:\s+|-)(?:time|zeit|tijd)\b"
    r"|(?:hora\s+de|heure\s+de|horario\s+de|horário\s+de|ora\s+di)\s+(?P<zcity2>(?-i:[A-ZÀ-Ý][\w'’-]+"
    r"(?:\s[A-ZÀ-Ý][\w'’-]+)?))"
    r"|(?-i:(?P<zabbr>" + words_pattern([a.upper() for a in _ABBREVIATIONS]) + r"))(?![\w])"
    r")"
)


# Abbreviations that mean another zone where the sender writes from: "IST" is Irish
# Standard Time from Dublin and Israel's from Tel Aviv (India's elsewhere), "CST" China's
# from Shanghai (the US Central elsewhere).
_REGIONAL = {"IST": frozenset({"Europe/Dublin", "Asia/Jerusalem"}),
             "CST": frozenset({"Asia/Shanghai"})}


def regional_zone(written: str, sender_zone: str) -> str | None:
    """The zone the abbreviation ending ``written`` ("13:00 – 15:00 IST") means for a
    sender in ``sender_zone`` (an IANA key), when that is not its usual reading."""
    word = written.rstrip(" )").rpartition(" ")[2].lstrip("(")
    readings = _REGIONAL.get(word)
    return sender_zone if readings and sender_zone in readings else None


@lru_cache(maxsize=512)
def zone_by_name(name: str) -> ZoneInfo | None:
    """An IANA key (or a Windows name) -> ZoneInfo; None when unknown."""
    name = name.strip().strip('"')
    if not name:
        return None
    for iana in (name, _WINDOWS.get(name), _outlook_display_zone(name)):
        if not iana or ".." in iana or iana.startswith("/") or "\0" in iana:
            continue  # never let a header name a file path
        try:
            return ZoneInfo(iana)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            continue
    return None


_OUTLOOK_DISPLAY_RX = re.compile(r"\((?:UTC|GMT)(?:(?P<sign>[+-])(?P<h>\d\d):?(?P<m>\d\d))?\)"
                                 r"\s*(?P<places>.+)")


def _outlook_display_zone(name: str) -> str | None:
    """Outlook's display name "(UTC+01:00) Brussels, Copenhagen, Madrid, Paris" -> the zone
    of its first known city whose standard offset is the one stated."""
    m = _OUTLOOK_DISPLAY_RX.fullmatch(name)
    if m is None:
        return None
    minutes = int(m.group("h") or 0) * 60 + int(m.group("m") or 0)
    stated = timedelta(minutes=-minutes if m.group("sign") == "-" else minutes)
    for place in m.group("places").split(","):
        iana = city_zone(place.strip())
        if iana is None:
            continue
        zone = ZoneInfo(iana)
        # the standard offset is the smaller of winter's and summer's, north or south
        standard = min(zone.utcoffset(datetime(2026, month, 1)) or timedelta()
                       for month in (1, 7))
        if standard == stated:
            return iana
    return None


def offset_label(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def fixed_zone(delta: timedelta) -> tzinfo:
    if not delta:
        return ZoneInfo("UTC")
    return timezone(delta)


def label_of(tz: tzinfo, when: datetime) -> str:
    """IANA key of ``tz`` when it has one, else its offset at ``when``."""
    key = getattr(tz, "key", None)
    if isinstance(key, str) and key:
        return key
    offset = tz.utcoffset(when.replace(tzinfo=None))
    return offset_label(offset) if offset is not None else "UTC"


def label_at(tz: tzinfo, label: str, when: datetime) -> str:
    """The label of an assumed zone at ``when``: an offset label ("-05:00") follows
    the zone's DST ("-04:00" in summer); a name stays."""
    if label[:1] in "+-" and getattr(tz, "key", None):
        offset = when.utcoffset()
        if offset is not None:
            return offset_label(offset)
    return label


def zone_from_match(groups: dict[str, str | None]) -> tuple[tzinfo, str] | None:
    """The named groups of ``ZONE_PATTERN`` -> (tzinfo, label)."""
    if groups.get("zh") is not None:
        sign = -1 if groups["zsign"] in ("-", "−") else 1
        hours, minutes = int(groups["zh"] or 0), int(groups.get("zm") or 0)
        if hours > 14 or minutes > 59:
            return None
        delta = sign * timedelta(hours=hours, minutes=minutes)
        return fixed_zone(delta), offset_label(delta) if delta else "UTC"
    if groups.get("zoff"):
        raw = groups["zoff"].replace("−", "-").replace(":", "")
        hours, minutes = int(raw[1:3]), int(raw[3:5])
        if hours > 14 or minutes > 59:
            return None
        delta = (-1 if raw[0] == "-" else 1) * timedelta(hours=hours, minutes=minutes)
        return fixed_zone(delta), offset_label(delta) if delta else "UTC"
    name = groups.get("ziana") or ""
    if name:
        zone = zone_by_name(name)
        return (zone, zone.key) if zone else None
    city = groups.get("zcity") or groups.get("zcity2")
    if city:
        iana = city_zone(city)
        zone = zone_by_name(iana) if iana else None
        return (zone, zone.key) if zone else None
    word = (groups.get("zphrase") or groups.get("zabbr") or "").lower()
    iana = NAMED_ZONES.get(" ".join(word.split()))
    if iana:
        zone = zone_by_name(iana)
        if zone:
            return zone, zone.key
    return None


# The sender's zone from the Date offset: the offset alone cannot say when the
# clocks change, so a region prior (the sender's country domain, else the
# common zones for that offset) picks a DST-aware zone whose offset at the Date
# is the Date's. The interview, days or months later, is then read at the
# offset it will really have ("2pm" in Melbourne after Easter is UTC+10).
_TLD_ZONES: dict[str, tuple[str, ...]] = {
    "au": ("Australia/Sydney", "Australia/Adelaide", "Australia/Brisbane", "Australia/Perth",
           "Australia/Darwin"),
    "nz": ("Pacific/Auckland",), "cl": ("America/Santiago",), "uk": ("Europe/London",),
    "ie": ("Europe/Dublin",), "de": ("Europe/Berlin",), "at": ("Europe/Vienna",),
    "ch": ("Europe/Zurich",), "fr": ("Europe/Paris",), "be": ("Europe/Brussels",),
    "nl": ("Europe/Amsterdam",), "lu": ("Europe/Luxembourg",),
    "es": ("Europe/Madrid", "Atlantic/Canary"), "pt": ("Europe/Lisbon", "Atlantic/Azores"),
    "it": ("Europe/Rome",), "se": ("Europe/Stockholm",), "no": ("Europe/Oslo",),
    "dk": ("Europe/Copenhagen",), "fi": ("Europe/Helsinki",), "pl": ("Europe/Warsaw",),
    "cz": ("Europe/Prague",), "sk": ("Europe/Bratislava",), "hu": ("Europe/Budapest",),
    "gr": ("Europe/Athens",), "ro": ("Europe/Bucharest",), "bg": ("Europe/Sofia",),
    "ee": ("Europe/Tallinn",), "lv": ("Europe/Riga",), "lt": ("Europe/Vilnius",),
    "ua": ("Europe/Kyiv",), "hr": ("Europe/Zagreb",), "si": ("Europe/Ljubljana",),
    "ca": ("America/Toronto", "America/Vancouver", "America/Edmonton", "America/Winnipeg",
           "America/Halifax", "America/Regina", "America/St_Johns"),
    "us": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
           "America/Phoenix"),
    "mx": ("America/Mexico_City", "America/Tijuana"), "br": ("America/Sao_Paulo",),
    "py": ("America/Asuncion",), "il": ("Asia/Jerusalem",), "tr": ("Europe/Istanbul",),
    "in": ("Asia/Kolkata",), "jp": ("Asia/Tokyo",), "sg": ("Asia/Singapore",),
    "za": ("Africa/Johannesburg",), "eg": ("Africa/Cairo",),
}
_OFFSET_PRIOR = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
    "Europe/Berlin", "Europe/London", "Australia/Sydney", "Pacific/Auckland",
)


def _matching(keys: tuple[str, ...], date: datetime, offset: timedelta) -> ZoneInfo | None:
    for key in keys:
        zone = zone_by_name(key)
        if zone is not None and date.astimezone(zone).utcoffset() == offset:
            return zone
    return None


def region_zone(date: datetime, domain: str | None = None) -> ZoneInfo | None:
    """A DST-aware zone whose offset at ``date`` is ``date``'s own: the sender's
    country domain first, else the usual zones for that offset; None when none fits."""
    offset = date.utcoffset()
    if not offset:
        return None
    tld = (domain or "").rstrip(".").rpartition(".")[2].lower()
    if tld in _TLD_ZONES:
        return _matching(_TLD_ZONES[tld], date, offset)
    return _matching(_OFFSET_PRIOR, date, offset)


def sender_zone(date: datetime, default: ZoneInfo, domain: str | None = None
                ) -> tuple[tzinfo, str]:
    """The zone a message was written in: from its Date offset when non-zero (a zero
    offset is as likely a server in UTC as a sender in London), else ``default``.
    The offset becomes a DST-aware zone when the region is clear (``region_zone``)."""
    offset = date.utcoffset()
    if offset:
        zone = region_zone(date, domain)
        # The label stays an offset: the zone is a guess. ``label_at`` gives the
        # offset the guessed zone has at the interview.
        return (zone if zone is not None else timezone(offset)), offset_label(offset)
    return default, label_of(default, date)
