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
    "aest": "Australia/Sydney", "aedt": "Australia/Sydney",
    "eet": "Europe/Athens", "eest": "Europe/Athens",
    "wet": "Europe/Lisbon", "west": "Europe/Lisbon",
}

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
    r"|(?P<zphrase>" + "|".join(re.escape(p) for p in _PHRASES) + r")\b"
    r"|(?-i:(?P<zabbr>" + "|".join(a.upper() for a in _ABBREVIATIONS) + r"))(?![\w])"
    r")"
)


@lru_cache(maxsize=512)
def zone_by_name(name: str) -> ZoneInfo | None:
    """An IANA key (or a Windows name) -> ZoneInfo; None when unknown."""
    name = name.strip().strip('"')
    if not name:
        return None
    for iana in (name, _WINDOWS.get(name)):
        if not iana or ".." in iana or iana.startswith("/") or "\0" in iana:
            continue  # never let a header name a file path
        try:
            return ZoneInfo(iana)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            continue
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
    word = (groups.get("zphrase") or groups.get("zabbr") or "").lower()
    iana = NAMED_ZONES.get(" ".join(word.split()))
    if iana:
        zone = zone_by_name(iana)
        if zone:
            return zone, zone.key
    return None


def sender_zone(date: datetime, default: ZoneInfo) -> tuple[tzinfo, str]:
    """The zone a message was written in: its Date offset when non-zero (a zero
    offset is as likely a server in UTC as a sender in London), else ``default``."""
    offset = date.utcoffset()
    if offset:
        return timezone(offset), offset_label(offset)
    return default, label_of(default, date)
