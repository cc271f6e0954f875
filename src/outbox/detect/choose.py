"""Which written time is the interview's: among the times a message's text gives
(``when.find_mentions``), drop the asides (office hours, a clock-change note), read a
time written "for you" in my zone, pick the one the message's kind points at, and when
a reply only agrees ("see you then!", "option (b) is fine") find it in the thread below.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from outbox.detect import phrases, rules
from outbox.detect.clock import CLOCK_NUMBER_RX
from outbox.detect.days import weekdays_named
from outbox.detect.when import Mention, find_mentions
from outbox.model import Kind

# ("7pm Tuesday for you": the day may come between)
_YOUR_TIME_RX = re.compile(r"\s*(?:(?:on\s+)?[a-z]+day\s+|tomorrow\s+)?\(?\s*(?:"
                           + rules.READER_WORDS + r")\b", re.IGNORECASE)


def in_my_zone(text: str, mentions: list[Mention], mine: ZoneInfo) -> list[Mention]:
    """"Tuesday 4pm your time / 11 mine": a time written for me is in my zone."""
    out = []
    for m in mentions:
        number = CLOCK_NUMBER_RX.match(text, m.clock_at) if m.clock_at >= 0 else None
        if number and not m.zone_written and _YOUR_TIME_RX.match(text, number.end()):
            start = m.start.replace(tzinfo=mine)
            m = replace(m, start=start, end=m.end.replace(tzinfo=mine) if m.end else None,
                        tz=mine.key, zone_written=True)
        out.append(m)
    return out




def without_asides(text: str, mentions: list[Mention]) -> list[Mention]:
    """Times that are no appointment: a signature's office hours ("Mon-Fri 9:00-17:30", on
    the time's own line), and the times after a note on the clocks changing ("on 25.10.
    the clocks go back: 14:00 here is 13:00 in London", in the same sentence)."""
    office = phrases.OFFICE_HOURS.search(text) is not None
    clocks = phrases.CLOCK_CHANGE.search(text) is not None
    if not mentions or not (office or clocks):
        return mentions
    kept = []
    for m in mentions:
        clock_at = m.clock_at if m.clock_at >= 0 else m.pos
        line = (text.rfind("\n", 0, clock_at) + 1, text.find("\n", clock_at) % (len(text) + 1))
        if office and phrases.OFFICE_HOURS.search(text[line[0]:line[1] or len(text)]):
            continue
        sentence = max([text.rfind(mark, 0, clock_at) for mark in rules.SENTENCE_MARKS] + [-1]) + 1
        if clocks and phrases.CLOCK_CHANGE.search(text[sentence:clock_at]):
            continue
        kept.append(m)
    return kept


# "Option (b) would be ideal": the option picked, and the line that offered it.
_PICKED_RX = re.compile(
    r"\b(?:option|slot|choice|opción|opção|opzione|optie)\s*\(?([a-e1-5])\)?(?![\w])"
    r"|^\s*\(([a-e])\)\s", re.IGNORECASE | re.MULTILINE)
_QUOTE_MARKS_RX = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)


def agreed_option(quoted: str, fresh: str, full: str, sent: datetime,
                   fallback: tuple[tzinfo, str]) -> list[Mention]:
    """A reply agreeing to the option I picked from a list further down the thread:
    the time on the line that offered it ("(b) Wed 18 March, 14:00")."""
    picked = _PICKED_RX.search(fresh) or _PICKED_RX.search(quoted)
    if picked is None:
        return []
    label = (picked.group(1) or picked.group(2)).lower()
    history = _QUOTE_MARKS_RX.sub("", full)
    offer = re.search(rf"^[ \t]*(?:\(\s*{label}\s*\)|{label}[).:]"
                      rf"|(?:option|slot)\s+{label}\s*[:.)-])[^\n]*$",
                      history, re.IGNORECASE | re.MULTILINE)
    if offer is None:
        return []
    found = find_mentions(history, sent, fallback)
    return [m for m in found if offer.start() <= m.clock_at < offer.end()][:1]


AGREEMENT = frozenset({"confirm_phrase", "move_agreed", rules.AGREED_IN_JOB_THREAD})


# "the later one", "the first option", "the second slot": which of the offered times
_ORDER_PICK_RX = re.compile(r"\bthe (later|latter|last|earlier|former|first|second|third)"
                            r" (?:one|option|slot|time)\b", re.IGNORECASE)
_ORDINALS = {"earlier": 0, "former": 0, "first": 0, "second": 1, "third": 2}


def agreed_from_quote(quoted: str, fresh: str, sent: datetime,
                       fallback: tuple[tzinfo, str]) -> list[Mention]:
    """The time a short reply agrees to, read from the quoted message: its only
    future time, or among several the one on the weekday the reply names."""
    found = [m for m in find_mentions(quoted, sent, fallback)
             if not m.deadline and not m.superseded and sent <= m.start <= sent + rules.FAR_AHEAD]
    order = _ORDER_PICK_RX.search(fresh)
    if order and len({m.start for m in found}) > 1:
        # "let's do the later one" among the times offered (one slot restated in two zones
        # is one time, at one instant)
        word = order.group(1).lower()
        index = -1 if word in ("later", "latter", "last") else _ORDINALS.get(word, 0)
        ordered = sorted({m.start: m for m in found}.values(), key=lambda m: m.start)
        return ordered[index:][:1] if index < len(ordered) else []
    # "Thursday at 16:00 your time (so 15:00 for me)": one slot, restated for the reader
    found = [m for m in found if not rules.for_the_reader(quoted, m)] or found[:1]
    starts = {m.start for m in found}
    if len(starts) == 1:
        return found[:1]
    named = weekdays_named(fresh)
    on_day = [m for m in found if m.start.weekday() in named]
    return on_day[:1] if len({m.start for m in on_day}) == 1 else []


_FROM_RX = re.compile(r"\b(?:from|von|de|del|da|van|dal)\s+$", re.IGNORECASE)


def pick(mentions: list[Mention], kind: Kind, anchor: int | None, sent: datetime,
         text: str = "") -> Mention | None:
    """The written time the interview is at: not a due time, not before the message; for
    a move the first one after the words that move it (not the one it moves from)."""
    mentions = [m for m in mentions if not m.deadline]
    # A plan is for after the message was written ("we met on Monday; see you Friday at 2").
    ahead = [m for m in mentions if m.start >= sent]
    mentions = ahead or mentions
    if not mentions:
        return None
    if kind is Kind.RESCHEDULE and anchor is not None:
        # "push Thursday's interview back 2 hours, so 16:00": the date may be in the words
        # that move it, the time is after them
        after = [m for m in mentions if max(m.pos, m.clock_at) >= anchor]
        # "moved from Thursday 16th (4pm) to Friday 17th, 5pm": the "from" one is the old
        moved_to = [m for m in after if not _FROM_RX.search(text, max(0, m.pos - 12), m.pos)]
        after = moved_to or after
        return after[0] if after else mentions[-1]
    if kind is Kind.RESCHEDULE:
        return mentions[-1]  # "from Tuesday 2pm to Wednesday 3pm": the new time comes last
    if text:
        # "8am my time - that's 7pm Tuesday for you": the slot restated for me is no
        # second choice (the first one stands; the sender may miscount the offset)
        mentions = [m for m in mentions if not rules.for_the_reader(text, m)] or mentions
    if anchor is not None:
        return min(mentions, key=lambda m: abs(m.pos - anchor))
    return mentions[0]
