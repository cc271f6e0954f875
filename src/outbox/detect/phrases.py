"""The phrases detection looks for, one pattern per signal (EN/DE/FR/ES).

Kept apart from the scoring so that a missed wording is a one-line fix here.
Speed matters (every candidate message passes every phrase), so a phrase is
searched in the lower-cased text by a case-sensitive regex whose alternatives
all start with a literal (the regex engine then skips most positions in C),
the leading word boundary is checked in Python, and alternatives are grouped
by their first character (see ``_by_first_character``). Before any of that,
one RE2 pass over the text tells which phrases it can hold at all
(``prefilter``): a typical message holds three or four of them, and the others
are never searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from outbox.detect.prefilter import Prefilter

# One RE2 pass tells which phrases a text can hold at all (see ``prefilter``).
_PREFILTER = Prefilter()


@lru_cache(maxsize=32)
def _lower(text: str) -> str:
    """Lower-cased, line breaks as spaces (a phrase wrapped across lines is one
    phrase); the same length as ``text``, so offsets hold. From ``lowered``: the
    finders lower-case the same texts, and lower-casing once serves both."""
    return lowered(text).replace("\n", " ")


@lru_cache(maxsize=32)
def lowered(text: str) -> str:
    """``text.lower()``, once per text for all the finders that ask."""
    return text.lower()



def lower_ok(text: str, low: str) -> bool:
    """Does a lower-case pattern find in ``low`` (``text.lower()``) what the same pattern
    with IGNORECASE finds in ``text``? Yes unless lower-casing changed the length or the
    text holds "ı" or "ſ" (which IGNORECASE, not lower(), takes for "i" and "s")."""
    return len(low) == len(text) and "ı" not in text and "ſ" not in text


@lru_cache(maxsize=32)
def lowered_alike(text: str) -> str | None:
    """``lowered(text)`` when ``lower_ok``, else None: a pattern with IGNORECASE, searched
    in a stretch of ``text``, may then be searched case-sensitively in the same stretch
    of this (the regex engine compares each character once, not both cases of it, and
    skips ahead in C to a literal first character). Once per text for all who ask."""
    low = lowered(text)
    return low if lower_ok(text, low) else None


def register(alternatives: tuple[str, ...] | list[str]) -> int:
    """Add a pattern of another module (a regex searched in lower-cased text) to the
    prefilter, so that the one RE2 pass over a text answers for it too; its number
    for ``may_hold``."""
    return _PREFILTER.add(alternatives)


def may_hold(number: int, text: str) -> bool:
    """Can the pattern ``register`` numbered match somewhere in ``text`` (lower-cased,
    line breaks as spaces)? False only when it cannot."""
    present = _PRESENT.get(text)
    return number in (present if present is not None else _presence(text))


class _Everything:
    def __contains__(self, number: object) -> bool:
        return True


# What the prefilter said of the last texts asked about: the rules ask each text dozens
# of times, and one dict lookup then answers. A text whose lower-casing changes its
# length is read by the slow regexes, all of them.
_PRESENT: dict[str, frozenset[int] | _Everything] = {}
_EVERYTHING = _Everything()


def _presence(text: str) -> frozenset[int] | _Everything:
    low = _lower(text)
    present = _PREFILTER.present(low) if len(low) == len(text) else _EVERYTHING
    if len(_PRESENT) >= 64:
        _PRESENT.clear()
    _PRESENT[text] = present
    return present


# Plain keys (words one of which a text must hold for a pattern to be worth running: "wrote:"
# for a quote header) are asked of a second RE2 set of their own: one pass over a text for
# all of them, where each key was a scan of its own. Not the phrases' set: there each key
# multiplied the automaton's states, and building them costs most on new mail.
_KEYS = Prefilter()
_KEYS_PRESENT: dict[str, frozenset[int] | _Everything] = {}


def register_keys(keys: tuple[str, ...] | list[str]) -> int:
    """Add a pattern's keys (plain strings, lower-case) to the key set; its number for
    ``may_hold_key``."""
    return _KEYS.add([re.escape(key) for key in keys])


def may_hold_key(number: int, text: str) -> bool:
    """Can the lower-cased ``text`` (line breaks as spaces) hold one of the keys
    ``register_keys`` numbered? False only when it cannot: a key in ``text.lower()``
    is there too."""
    present = _KEYS_PRESENT.get(text)
    if present is None:
        low = _lower(text)
        present = _KEYS.present(low) if len(low) == len(text) else _EVERYTHING
        if len(_KEYS_PRESENT) >= 64:
            _KEYS_PRESENT.clear()
        _KEYS_PRESENT[text] = present
    return number in present


class Hit:
    """Where a phrase matched, in the text as written (quacks like ``re.Match``)."""

    __slots__ = ("_end", "_start", "string")

    def __init__(self, string: str, start: int, end: int) -> None:
        self.string, self._start, self._end = string, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _: int = 0) -> str:
        return self.string[self._start:self._end]


class Phrase:
    """Alternatives of one signal."""

    __slots__ = ("_gated", "_last", "_number", "_other", "_slow", "_slow_source", "alternatives",
                 "fast")

    def __init__(self, alternatives: tuple[str, ...]) -> None:
        self._slow_source = "(?:" + "|".join(alternatives) + ")"
        self._slow: re.Pattern[str] | None = None
        unbounded = [e for a in alternatives
                     for e in _expand(a[2:] if a.startswith(r"\b") else a)]
        # The regex engine skips ahead in C only when every alternative starts with a
        # literal character; the others ("(?:is|are) scheduled") go in a second pattern.
        literal = [a for a in unbounded if _literal_first(a)]
        other = [a for a in unbounded if not _literal_first(a)]
        self.fast = tuple(re.compile(pattern) for pattern in
                          (_by_first_character(literal), _other_pattern(other)) if pattern)
        self.alternatives = tuple(unbounded)  # as searched in the lower-cased text
        self._number = _PREFILTER.add(self.alternatives)
        # The second pattern has its own number: the first ("role", "position") is in
        # most mail, and the phrase's number alone would send the second ("\d+-month
        # contract", tried at every digit) to read every such text for nothing.
        self._gated, self._other = None, -1
        if len(self.fast) > 1:
            self._gated, self._other = self.fast[1], _PREFILTER.add(tuple(other))
        self._last: tuple[str, Hit | None] | None = None

    @property
    def slow(self) -> re.Pattern[str]:
        """The alternatives as written, with IGNORECASE: read only in the rare text whose
        lower-casing changes its length, so compiled when first needed, not on every
        import (re's compiler is Python: these were a sixteenth of the import's time)."""
        if self._slow is None:
            self._slow = re.compile(self._slow_source, re.IGNORECASE)
        return self._slow

    def search(self, text: str, pos: int = 0) -> Hit | None:
        """The first match at or after ``pos``. The rules ask the same text again and
        again: the last answer from the start is kept. Most phrases are absent from most
        texts: that answer comes first, in the fewest steps (it is the common one)."""
        if pos:  # from ``pos`` on: a match was found before it already
            return self._find(text, pos)
        present = _PRESENT.get(text)
        if present is None:
            present = _presence(text)
        if self._number not in present:
            return None
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        hit = self._find(text, 0)
        self._last = (text, hit)
        return hit

    def _find(self, text: str, pos: int) -> Hit | None:
        low = _lower(text)
        if len(low) != len(text):  # rare case-folding that changes length: offsets lie
            m = self.slow.search(text.replace("\n", " "), pos)
            return Hit(text, m.start(), m.end()) if m else None
        return self._fast(text, low, pos)

    def _fast(self, text: str, low: str, pos: int) -> Hit | None:
        best: Hit | None = None
        for fast in self.fast:
            if fast is self._gated and self._other not in _PRESENT.get(text, _EVERYTHING):
                break  # the second pattern cannot match anywhere in the text
            at = pos
            while (m := fast.search(low, at)) is not None:
                start = m.start()
                if best is not None and start >= best.start():
                    break
                if start and low[start].isalnum() and (low[start - 1].isalnum()
                                                       or low[start - 1] == "_"):
                    at = start + 1  # inside a word: the dropped \b would not have matched
                    continue
                best = Hit(text, start, m.end())
                break
        return best


def _expand(alternative: str) -> list[str]:
    """"(?:is|are) scheduled" -> ["is scheduled", "are scheduled"]: a leading group of
    plain words becomes one alternative per word, each starting with a literal."""
    if alternative.startswith("\\d") and alternative[2:3] not in ("?", "*", "+", "{"):
        return [str(digit) + alternative[2:] for digit in range(10)]  # "\d" is ten literals
    if not alternative.startswith("(?:"):
        return [alternative]
    close, depth, words, start = -1, 0, [], 3
    for i, c in enumerate(alternative):
        if c == "(" and alternative[i - 1:i] != "\\":
            depth += 1
        elif c == ")" and alternative[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                close = i
                break
        elif c == "|" and depth == 1 and alternative[i - 1] != "\\":
            words.append(alternative[start:i])
            start = i + 1
    if close < 0:
        return [alternative]
    words.append(alternative[start:close])
    rest = alternative[close + 1:]
    if "[" in alternative[:close] or "\\" in alternative[:close] or rest[:1] in (
            "?", "*", "+", "{"):
        return [alternative]
    # nested groups stay inside each word ("mov(?:e|ing) ahead"): it starts with a literal
    return [e for word in words for e in _expand(word + rest)]


def _other_pattern(others: list[str]) -> str:
    """The alternatives that start with no literal, as one pattern: when spelling out
    their leading groups (``_distribute``) makes each start with one, grouped by that
    character (the regex engine then skips ahead in C), else simply joined. The same
    first match either way: the second pattern is searched on its own, and a group
    spelled out is tried in the order the regex engine tries its words."""
    spelled = [e for a in others for e in _distribute(a)]
    if spelled and all(_literal_first(a) for a in spelled):
        return _by_first_character(spelled)
    return "|".join(others)


def _distribute(alternative: str) -> list[str]:
    """"(?:a|b[cd])\\w+ x" -> ["a\\w+ x", "b[cd]\\w+ x"]; "(?:a |b )?x" -> ["a x", "b x",
    "x"]: a leading group, its words each followed by the rest, in the order the regex
    engine tries them (a greedy "?" tries the words, then none), again for the group
    that then leads; anything else (a repeated group, a named one) as it is."""
    if not alternative.startswith("(?:") or "(?P" in alternative:
        return [alternative]
    depth, words, start, close, i = 0, [], 3, -1, 0
    while i < len(alternative) and close < 0:
        c = alternative[i]
        if c == "\\":
            i += 1
        elif c == "[":  # a class: its brackets and bars are characters
            i += 2 if alternative[i + 1:i + 2] == "^" else 1
            i += 1 if alternative[i:i + 1] == "]" else 0
            while i < len(alternative) and alternative[i] != "]":
                i += 2 if alternative[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            close = i if depth == 0 else -1
        elif c == "|" and depth == 1:
            words.append(alternative[start:i])
            start = i + 1
        i += 1
    if close < 0:
        return [alternative]
    words.append(alternative[start:close])
    rest = alternative[close + 1:]
    if rest[:1] == "?" and rest[1:2] not in ("?", "+"):
        spelled = [word + rest[1:] for word in words] + [rest[1:]]
    elif rest[:1] in ("?", "*", "+", "{"):
        return [alternative]
    else:
        spelled = [word + rest for word in words]
    return [e for a in spelled for e in _distribute(a)]


def _syntax(pattern: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """Each character of ``pattern`` from ``start`` that is syntax: not escaped, not
    inside a character class (a class's own "[" is given)."""
    i, in_class = start, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        else:
            in_class = c == "["
            yield i, c
        i += 1


def _split_bars(pattern: str) -> list[str] | None:
    """"a(?:b|c)|d" -> ["a(?:b|c)", "d"]: the alternatives outside every group; None
    when a bracket closes a group opened before ``pattern`` (it is not a whole)."""
    parts, depth, start = [], 0, 0
    for i, c in _syntax(pattern):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    return [*parts, pattern[start:]]


def _top_level(pattern: str) -> list[str]:
    """"(?:a|b(?:c)?)" -> ["a", "b(?:c)?"]; "(?:a|b) x|c" -> ["(?:a|b) x", "c"]; anything
    else as it is."""
    bars = _split_bars(pattern) or [pattern]
    if len(bars) == 1 and pattern.startswith("(?:") and pattern.endswith(")"):
        inner = _split_bars(pattern[3:-1])  # None: the first group ends before the last ")"
        if inner is not None:
            return inner
    return bars


def literal_first(pattern: str) -> str:
    """The same alternation written so that each alternative starts with a literal
    character where it can, grouped by that character: the regex engine then skips
    ahead in C and tries only what can match."""
    parts = [e for part in _top_level(pattern) for e in _expand(part)]
    literal = _by_first_character([a for a in parts if _literal_first(a)])
    return "|".join(x for x in (literal, *[a for a in parts if not _literal_first(a)]) if x)


def spelled_first(pattern: str) -> str:
    """The same alternation with every alternative spelled out to start with a literal
    (``_expand``, ``_distribute``: in the order the regex engine tries them), grouped by
    that character; the pattern as it is when one cannot be. Unlike ``literal_first``
    nothing is moved to the end, so at each position the same alternative wins."""
    spelled = [e for part in _top_level(pattern) for a in _expand(part) for e in _distribute(a)]
    return _by_first_character(spelled) if all(map(_literal_first, spelled)) else pattern


def _group_end(pattern: str, start: int) -> int:
    """Where the group opened at ``pattern[start]`` closes (-1: it does not)."""
    depth = 0
    for i, c in _syntax(pattern, start):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def boundary_first(pattern: str) -> str:
    """"\\b(?:words|...)rest" with its alternatives spelled out and grouped by first
    character (``spelled_first``), the leading boundary read after that character
    ("o(?<!\\w.)(?:ld|riginal...)"): the pattern then starts with a literal in each
    alternative, and the regex engine skips in C to a character that can start one, where
    the leading \\b made it try every position. The same matches at every position (a
    word character after a boundary is one after no word character); the pattern as it is
    when it cannot be written so (test_speed_equivalence compares them)."""
    close = _group_end(pattern, 2) if pattern.startswith(r"\b(?:") else -1
    if close < 0:
        return pattern
    alternation, rest = pattern[len(r"\b(?:"):close], pattern[close + 1:]
    grouped = spelled_first(alternation)
    parts = _split_bars(grouped) if grouped != alternation else None
    if not parts or not all(re.fullmatch(r"\w", part[:1]) for part in parts):
        return pattern
    return "(?:" + "|".join(part[:1] + r"(?<!\w.)" + part[1:] for part in parts) + ")" + rest


def _by_first_character(alternatives: list[str]) -> str:
    """"is x|in y|at z" -> "i(?:s x|n y)|a(?:t z)": at each position the engine then
    tries only the alternatives that start with the character there (same matches:
    alternatives with different first characters never match at the same place)."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        n = 2 if alternative.startswith("\\") else 1
        groups.setdefault(alternative[:n], []).append(alternative[n:])
    return "|".join(first + "(?:" + "|".join(rests) + ")" for first, rests in groups.items())


def _literal_first(alternative: str) -> bool:
    """Does the pattern begin with one literal character ("is scheduled" yes,
    "(?:is|are) scheduled" and "\\d works" no)?"""
    first = alternative[:1]
    if first == "\\":
        return alternative[1:2] in ("(", ")", ".", "?", "[", "+", "*")
    return bool(first) and (first.isalnum() or first in " '’-:(") and first not in "(" and (
        not alternative.startswith("(")) and alternative[1:2] not in ("?", "*", "+", "{", "|")


def _rx(*alternatives: str) -> Phrase:
    return Phrase(alternatives)


INTERVIEW = _rx(
    r"\binterview(?:s|ed|ing)?\b(?! prep| tips| coach| practice| questions)", r"\bphone screen",
    r"\bscreening call", r"\bintro(?:ductory)? call\b",
    r"\btech(?:nical)? screen",
    r"\bon-?site\b", r"\bhiring manager", r"\bvorstellungsgespr", r"\bbewerbungsgespr",
    r"\bkennenlerngespr", r"\bkennenlernen\b",
    # German compounds: "Fachinterview", "Zweitgespräch", "Auswahlgespräch"
    r"\b(?:telefon|video|fach|erst|zweit|job|einzel|online|abschluss|praxis)interview",
    r"\b(?:fach|auswahl|erst|zweit|abschluss)gespräch", r"\bgesprächsrunde", r"\bentretien",
    r"\bentrevue", r"\bentrevista", r"\bcolloqui[oa]", r"\bsollicitatiegesprek",
    r"\bkennismakingsgesprek", r"\bintervju", r"\brozmow[aęy] kwalifikacyjn",
    # a round of an interview process ("second round", "system design round", "round 2")
    r"\b(?:first|second|third|fourth|final|next|1st|2nd|3rd|4th|technical|tech|coding"
    r"|system design|design|case|onsite|on-site|panel|culture|behaviou?ral|hr|manager)"
    r" round\b", r"\bround (?:one|two|three|four|[1-4])\b(?! of funding)",
    r"\brozmow[aęy] rekrutacyjn", r"\bfinal round\b", r"\bpanel interview",
    # the exercises of a hiring day: "a pair-programming session", "a bit of whiteboarding"
    r"\bpair(?:ing|-programming| programming) (?:session|exercise|interview)\b",
    r"\b(?:a bit of|some) (?:pairing|whiteboarding|pair-programming|pair programming)\b",
    r"\bwhiteboard(?:ing)? (?:session|exercise|interview)\b",
)
JOB = _rx(
    r"\broles?\b", r"\bpositions?\b", r"\bapplication\b", r"\bapplied\b", r"\bcandidacy\b",
    r"\bhiring\b", r"\brecruit(?:er|ing|ment)\b", r"\btalent acquisition", r"\bopportunity\b",
    r"\bjob\b", r"\bbewerbung", r"\bstelle\b", r"\bcandidature", r"\bposte\b", r"\brecrutement",
    r"\bcandidatura", r"\bpuesto\b", r"\bvacante", r"\bproceso de selecci", r"\bposizione\b",
    r"\bselezione\b", r"\bvaga\b", r"\bprocesso seletivo", r"\bvacature", r"\bsollicitatie",
    r"\bfunctie\b", r"\bwerving\b", r"\btjänst", r"\bstilling", r"\brekrutacj",
    r"\brekrutacyjn", r"\bstanowisk",
    r"\bcv\b", r"\bresume\b", r"\brésumé\b", r"\bput you (?:up|forward) for\b",
    # a job title's meeting: "our 10am for the Senior Product Analyst chat"
    r"\b(?:engineer|analyst|manager|designer|developer|scientist|lead|director|architect"
    r"|consultant|specialist|researcher|accountant|recruiter|programmer|administrator"
    r"|officer|coordinator|intern|internship|associate) (?:chat|call|conversation|screen)\b",
    # the gender tag of a European job title: "Software-Architekt (m/w/d)", "(H/F)"
    r"\([mwfdhx](?:/[mwfdhx]){1,3}\)", r"\(all genders\)",
    r"\bcandidates?\b", r"\b(?:outside|inside) ir35\b", r"\bday rate\b",
    r"\b\d+-month (?:contract|role|assignment)\b",
    r"\bthe client\b",
    # an executive search: "the process for the appointment of Chief Operating Officer"
    r"\bappointment of (?:a |an |the |our )?(?:new )?(?:chief|head|director|ceo|cfo|coo|cto|cio"
    r"|cdo|managing|non-executive|chair)", r"\bexecutive search\b", r"\bshortlist(?:ed)?\b",
)
MEETING = _rx(
    r"\bcall\b", r"\bchat\b", r"\bspeak\b", r"\btalk\b", r"\bsee you\b", r"\bring you\b",
    r"\bmeet\b", r"\bmeeting\b", r"\bconversation\b", r"\bzoom\b", r"\bteams\b",
    r"\bgoogle meet\b", r"\bgespräch\b", r"\btermin\b", r"\brendez-vous\b", r"\bvisioconf",
    r"\bréunion\b", r"\bllamada\b", r"\breunión\b", r"\bvideollamada\b", r"\bwebex\b",
    r"\bcoffee\b", r"\brencontrer\b", r"\bnos bureaux\b", r"\btreffen\b", r"\breunião\b",
    r"\bincontro\b", r"\bchamada\b", r"\bvideochiamata\b", r"\bchiamata\b", r"\bgesprek\b",
    r"\bafspraak\b", r"\bmöte\b", r"\bspotkani", r"\bappuntamento\b",
    r"\bkennismaking\b", r"\bvisio\b",
)
# A conversation between two people (not an appointment, a recording or an event): what a
# person at a company moves when they move an interview of mine.
CONVERSATION = _rx(
    r"\b(?:our|the|your|my) (?:[\w-]+ )?(?:chat|call|conversation|catch-up)\b",
    r"\b(?:our|the|your|my) (?:[\w-]+ )?session with\b",
    r"\b(?:unser(?:e[mns]?)?|euer|eure[mns]?|das|ihr(?:e[mns]?)?|dein(?:e[mns]?)?) gespräch",
    r"\bons gesprek\b",
    r"\bnotre (?:échange|conversation|appel)\b", r"\bnuestra (?:conversación|llamada|charla)\b",
    r"\bnossa (?:conversa|chamada)\b", r"\bla nostra (?:chiacchierata|chiamata|conversazione)\b",
    r"\b(?:vårt|ert|ditt) samtal\b", r"\bnasz[aą] rozmow",
)
CONFIRM = _rx(
    # "you'll receive a confirmation once you've picked a slot": not yet
    r"\bconfirm(?:ed|ing|ation)\b(?<!receive a confirmation)(?<!get a confirmation)"
    r"(?<!you a confirmation)(?<!receive confirmation)",
    r"\b(?:is|are|has been|have been|been|was|now) scheduled\b",
    r"\bscheduled (?:for|on)\b", r"\bwe(?:'ve| have) scheduled\b",
    r"\blook(?:ing)? forward to (?:speaking|meeting|talking|chatting|seeing|our)",
    r"\bsee you (?:on|then|there|tomorrow|tmrw|next|at|monday|tuesday|wednesday|thursday"
    r"|friday)\b",
    r"\bis booked\b", r"\binvitation:",
    r"\b(?:works|suits) (?:fine|great|perfectly|well|for (?:me|us|both))\b",
    # "Thursday 10am it is", "half ten tomorrow it is": a time agreed in a reply
    r"\bit is\b(?:(?<=\d it is)|(?<=am it is)|(?<=pm it is)|(?<=day it is)|(?<=tomorrow it is)"
    r"|(?<=noon it is)|(?<=midday it is)|(?<=o'clock it is)|(?<=one it is)|(?<=two it is)"
    r"|(?<=three it is)|(?<=four it is)|(?<=five it is)|(?<=six it is)|(?<=seven it is)"
    r"|(?<=eight it is)|(?<=nine it is)|(?<=ten it is)|(?<=eleven it is)|(?<=twelve it is)"
    r"|(?<=fifteen it is)|(?<=thirty it is)|(?<=forty-five it is)|(?<=then it is))",
    r"\bbooked (?:you|us|it|that|this|you both)(?: in)?\b(?! a\b)",
    r"\b(?:we'll|we will|i'll|i will) (?:speak|talk|call you|ring you)",
    r"\b(?:speak|talk) (?:to you |with you )?(?:then|tomorrow|tmrw|on)\b(?<!your talk on)"
    r"(?<!a talk on)(?<!the talk on)",
    r"\byou(?:'re| are) invited to (?:an? )?interview", r"\binvite you to your\b",
    r"\byour itinerary\b",
    r"\bbestätig", r"\bfreuen uns auf", r"\bladen (?:wir )?sie\b.{0,40}\bein\b",
    r"\bconfirm(?:ons|é|ée|er)\b", r"\bconfirmamos\b", r"\bconfirmad[ao]\b", r"\bconfirmación\b",
    r"\bagendad[ao]\b", r"\bprogramad[ao]\b",
    r"\bnous avons le plaisir de vous (?:inviter|convier)",
    r"\bworks\b(?! for you\?)(?:(?<=am works)|(?<=pm works)|(?<=\d works)"
    r"|(?<=then works))", r"\blet's do\b",
    r"\b(?:i'll|i will|we'll|we will) send (?:you |over )?(?:a |an |the )?(?:\w+ )?"
    r"(?:calendar )?invit",
    r"\bc'est parfait\b", r"\bje vous attends\b", r"\bau plaisir de vous rencontrer",
    r"\b(?:ça|cela) me convient\b", r"\bpasst(?:,| gut| perfekt| mir| uns)", r"\bbis dann\b",
    r"\bnos vemos\b", r"\bme va bien\b", r"\bconferm(?:o|iamo|ato|ata)\b", r"\bci vediamo\b",
    r"\bconfirmad[ao]s?\b", r"\bconfirmamos\b", r"\bmarcad[ao] para\b",
    r"\b(?:you're|you are|we're|we are) all set\b", r"\blocked in\b",
    r"\b(?:invite|invitation) (?:is )?(?:sent|attached|on its way)",
    r"\bsent (?:you )?(?:a |an |the )?(?:calendar )?invit",
    r"\binterview (?:will take place|takes place|is on|is set for)",
    r"\baura lieu\b", r"\best fixé", r"\bje (?:vous|te) confirme\b", r"\bà bientôt\b",
    r"\bfindet\b.{0,60}\bstatt\b",
    r"\bbis (?:montag|dienstag|mittwoch|donnerstag|freitag)\b(?!,?\s*\d)",
    r"\bqueda confirmad[ao]", r"\bte esperamos\b", r"\bsi terrà\b", r"\bla aspettiamo\b",
    r"\bti aspettiamo\b", r"\baté (?:lá|breve)\b",
    r"\baté (?:segunda|terça|quarta|quinta|sexta)(?:-feira)?\s*(?:[!.\n]|$)",
    r"\baguardamos (?:você|voce|o seu|a sua)", r"\bbevestig", r"\btot dan\b", r"\bvi ses\b",
    r"\bbekräft", r"\bpotwierdz",
    r"\btot (?:maandag|dinsdag|woensdag|donderdag|vrijdag|morgen|straks)\b",
    r"\bc'est noté\b", r"\bquedamos (?:para|el|a las|en)\b", r"\bconfirmar(?:te|le|les)\b",
    r"\bfechado(?:,| então| entonces|!)", r"\bcombinado(?:,| então|!| para)",
    r"\bya está cerrado\b", r"\bestá cerrado\b", r"\bqueda cerrado\b",
    r"\b(?:pleased|happy|delighted|glad|writing|able) to confirm\b", r"\bthis is to confirm\b",
    r"\bi can confirm\b", r"\b(?:and|we|i) confirm the following\b",
    r"\blocked (?:it |that |this )in\b",
    r"\byou(?:'re| are) (?:all )?booked(?: in)?\b",
    r"\b(?:siamo lieti|siamo liete|sono lieta|sono lieto) di invitar",
    r"\b(?:la|ti|vi) invitiamo a\b", r"\b(?:te|le|les) invitamos a\b",
    r"\btemos o prazer de (?:te |o |a |lhe )?convidar",
    r"\bzoals afgesproken\b", r"\bhalten wir\b[^\n]{0,70}?\bfest\b",
    # "then we'll see each other", "till Thursday!" in the other languages
    r"\b(?:zien we (?:elkaar|je)|zie ik (?:je|jou|u))\b", r"\bça me va\b",
    r"\bme va (?:très |parfaitement )?bien\b",
    # (a farewell ends its sentence: "fino a venerdì alle 18" is a due time)
    r"\bà (?:lundi|mardi|mercredi|jeudi|vendredi|demain)\s*(?:[!.\n]|$)", r"\bbis morgen\b",
    r"\bhasta (?:mañana|el (?:lunes|martes|miércoles|jueves|viernes))\s*(?:[!.\n]|$)",
    r"\ba (?:domani|lunedì|martedì|mercoledì|giovedì|venerdì)\s*(?:[!.\n]|$)",
    r"\baté amanhã\b",
    r"\bdo zobaczenia\b", r"\bvi hörs\b", r"\bses vi\b", r"\bwidzimy się\b",
    # "I'll drop a link in the morning": the meeting is on
    r"\b(?:i'll|i will|we'll|we will) (?:drop|send|share|pop) (?:you )?(?:a |the |an? )?"
    r"(?:zoom |teams |meet |video |call |meeting )?link\b",
)
SLOT_OFFER = _rx(
    r"\breserva (?:tu|su) (?:entrevista|hueco|cita|horario)",
    r"\belige (?:un|tu|el) (?:hueco|horario)",
    r"\bréservez (?:votre|un) créneau", r"\bchoisissez (?:un|votre) créneau",
    r"\bagende (?:a sua|sua|a) entrevista", r"\bescolha (?:um|o seu|seu) horário",
    r"\b(?:buchen|wählen) sie (?:einen|ihren) termin",
    r"\bprenota (?:il tuo|un) (?:colloquio|orario)",
    r"\b(?:pick|choose|select) (?:one of|a time|a slot|from|your preferred|whichever|the time)",
    r"\b(?:pick|choose|select|book) (?:your|an?) (?:[\w-]+ )?(?:time|slot|date)s?\b",
    r"\bwhich (?:of these|one of these|time|slot|option)s? (?:works?|suits?|is best)",
    r"\blet (?:me|us) know (?:which|what time|your availability|a time|if any of|when you)",
    r"\b(?:share|send|provide) (?:with )?(?:me |us )?your availability",
    r"\bpropose (?:at least )?(?:two|three|a few|some|\d) (?:options|slots|times|dates)",
    r"\bbitte (?:buchen|wählen) sie\b", r"\bplan (?:je|uw|een) (?:gesprek|afspraak)\b",
    r"\btermin (?:auswählen|buchen)\b",
    r"\bwhat times? (?:works?|suits?)",
    r"\bbook a (?:time|slot)", r"\bschedule a time",
    r"\bself-?schedul", r"\binvited you to schedule", r"\bfollowing (?:times|slots|options|dates)",
    r"\b(?:available|open) (?:times|slots)", r"\btime slots?\b", r"\bterminvorschl",
    r"\bwelcher termin", r"\bpasst ihnen\b", r"\bvos disponibilités", r"\bcréneaux",
    r"\btu disponibilidad", r"\bhorarios disponibles", r"\bqué horario",
    r"\bwhen (?:are|would|will) you (?:be )?(?:free|available)",
    r"\b(?:would|will|do|does) (?:either|any|one) of (?:these|those|the following)",
    r"\bwould you be (?:open|interested|available|free) (?:to|for|in)\b",
)
# A reminder of a booked time: in a reply to a thread about a move, the time as it is now.
REMINDER = _rx(
    r"\breminder\b", r"\bahead of (?:tomorrow|today|monday|tuesday|wednesday|thursday|friday"
    r"|your interview|our (?:call|chat|meeting|interview))", r"\berinnerung\b", r"\brappel\b",
    r"\brecordatorio\b", r"\bpromemoria\b", r"\blembrete\b", r"\bherinnering\b",
    r"\bpåminnelse\b", r"\bprzypomnienie\b",
)
# "The other times below no longer apply": the slots offered earlier are void.
VOID = _rx(
    r"\bhinfällig\b", r"\bgegenstandslos\b", r"\bno longer (?:apply|valid|stand|needed)",
    r"\b(?:ignore|disregard) (?:the )?(?:other|remaining|earlier|previous|rest)",
    r"\bne sont plus valables\b", r"\bquedan anulad", r"\bnon sono più valid",
    r"\bvervallen\b", r"\bnão são mais válid", r"\bgäller inte längre\b",
)
# Links to a booking page: the candidate has yet to choose.
SLOT_LINK = _rx(
    r"\bcalendly\.com/(?!cancellations|reschedulings|app/|events/)[\w.-]+/[\w.-]+",
    # ("cal.com/booking/<id>" is a booking already made)
    r"\bgoodtime\.io/(?:book|schedule)", r"\bcal\.com/(?!booking/|reschedule/)[\w.-]+/[\w.-]+",
    r"\bmeetings\.hubspot\.com/", r"\boutlook\.office(?:365)?\.com/bookwithme",
    r"\bcalendar\.app\.google/", r"\bcalendar\.google\.com/calendar/appointments",
)
APP_ACK = _rx(
    r"\baccusé de réception", r"\bacuse de recibo", r"\beingangsbestätigung",
    r"\bpotwierdzenie otrzymania", r"\bconferma di ricezione", r"\bontvangstbevestiging",
    r"\bconfirmação de receção", r"\bconfirmação de recebimento",
    r"\breceived your application", r"\bapplication (?:has been|was|is) received",
    r"\b(?:will|we'll) (?:be )?review(?:ing)? your (?:application|profile|resume)",
    r"\breviewing your (?:application|profile|resume)", r"\bapplication is (?:under|being) review",
    r"\beingang ihrer bewerbung",
    r"\bihre bewerbung (?:ist )?(?:bei uns )?eingegangen", r"\bbien reçu votre candidature",
    r"\b(?:hemos recibido|recibimos) (?:tu|su) (?:candidatura|solicitud|postulación)",
    r"\brecebemos (?:a )?(?:sua|tua) candidatura", r"\bavons bien reçu votre candidature",
    r"\bcandidatura recebida\b", r"\bconfirmamos (?:a )?(?:receção|recepção|o recebimento)\b",
    r"\babbiamo ricevuto la (?:tua|sua) candidatura",
    r"\b(?:je|uw) sollicitatie (?:goed )?ontvangen",
    r"\b(?:tagit emot|mottagit) din ansökan", r"\botrzymaliśmy (?:twoją|pani|pana) aplikację",
)
JOB_ALERT = _rx(
    r"\bjob alerts?\b", r"\bnew jobs\b", r"\bjobs for you\b", r"\brecommended jobs",
    r"\bjobs you may (?:be interested in|like)", r"\bsimilar jobs\b", r"\beasy apply\b",
    r"\bjobempfehlung", r"\boffres d'emploi", r"\bofertas de empleo", r"\bjob matches\b",
)
BULK_TEXT = _rx(
    r"\bunsubscribe\b", r"\bview (?:this email )?in (?:your )?browser",
    r"\bmanage (?:your )?(?:email )?(?:preferences|subscriptions)", r"\babmelden\b",
    r"\bdésinscri", r"\bse désabonner", r"\bdarse de baja", r"\bnewsletter\b",
)
EVENT = _rx(
    r"\bwebinar\b", r"\bregister (?:now|here)\b", r"\bmeetup\b", r"\bguest speaker\b",
    r"\bnetworking (?:event|drinks|evening|breakfast|lunch)\b", r"\bplaces are limited\b",
    r"\bcareers? fair\b", r"\bjob fair\b",
)
# "5 interview tips" heads a newsletter; "a couple of tips:" in a reminder is advice.
TIPS_SUBJECT = _rx(r"\btips\b", r"\btipps\b", r"\bconseils\b", r"\bconsejos\b")
NOT_JOB = _rx(
    r"\bp[oó]dcast\b", r"\bepisode\b", r"\bon the show\b", r"\bpress interview",
    r"\bep\. ?\d{1,4}\b", r"\bstudio link\b",
    # asked to speak, not to be interviewed (a campus visit's job talk is no invitation)
    r"\binvitation to speak\b", r"\b(?:willing|like) to give a (?:seminar|talk|lecture|keynote)\b",
    r"\bjournalist(?<!data journalist)",
    r"\b(?:a|the|our|as|news|local) reporter\b",
    r"\b(?:a|an|the|this|our|for) media interview",  # not "your Honeyguide Media interview"
    # a magazine's interview: "das Interview erscheint in unserer Online-Ausgabe"
    r"\binterview erscheint\b", r"\berscheint\b[^.\n]{0,60}\b(?:ausgabe|magazin|heft|blog)\b",
    r"\b(?:in|für) unserer? (?:nächsten |kommenden |online-)?ausgabe\b",
    # a check-up before starting work
    r"\bexame (?:médico )?admissional", r"\bpre-?employment (?:medical|health|drug)",
    r"\breconocimiento médico", r"\bvisite médicale d'embauche", r"\beinstellungsuntersuchung",
    r"\bbadani[ae] (?:wstępne|medycyny pracy)",
    # fairs, forums and open days (their registrations: ``NOT_JOB_TITLE``)
    r"\bforum (?:emploi|de l'emploi|empleo|carrières?|karriere)", r"\bsalon (?:de l')?emploi",
    r"\bferia de empleo", r"\b(?:job|karriere)messe", r"\btargi pracy", r"\bdzień otwarty",
    r"\bfor (?:our|an|the|a|my) (?:article|story|magazine|piece|feature|blog|book)\b",
    r"\b(?:writing|working on|researching) (?:a|an|the|my|our) (?:article|story|piece|feature"
    r"|book)\b",
    r"\buser research", r"\bresearch (?:study|interview|session)", r"\busability",
    r"\binvestigación de usuarios", r"\bestudio de usuarios", r"\brecherche utilisateur",
    r"\bnutzer(?:forschung|studie)", r"\bpesquisa com usuários",
    r"\bricerca (?:utente|sugli utenti)",
    r"\bgebruikers(?:onderzoek|interview|test)", r"\bklantonderzoek", r"\bcadeaubon",
    r"\bcarte cadeau", r"\bbuono regalo", r"\btarjeta de regalo", r"\bsesión de investigación",
    r"\banvändar(?:intervju|studie|test|undersökning)", r"\bpresentkort\b",
    r"\bentrevista de (?:pesquisa|investigação)",
    r"\b(?:pesquisa|investigação) com utilizadores", r"\bsessão de pesquisa",
    # an informational interview, in other languages
    r"\binformationsintervju", r"\bentrevista informativa", r"\bentretien informatif",
    r"\binformatief gesprek", r"\binformationsgespräch",
    # an employer's open house: an event, not an interview
    r"\bopen (?:huis|house|day|evening)\b", r"\btag der offenen tür",
    r"\bportes ouvertes\b", r"\bjornada de puertas abiertas",
    r"\bdear (?:governors|trustees|board members|committee members)\b",
    # "no interviews will be held on the evening": the sender says so
    r"\baucun entretien ne\b", r"\bno interviews? (?:will|are|is) (?:be )?(?:held|conducted)",
    r"\bes finden keine (?:vorstellungs|bewerbungs)?gespräche", r"\bno se realizarán entrevistas",
    r"\bcustomer interview", r"\bgift card", r"\bfocus group", r"\bexit interview",
    # "it is not an interview": the sender says so
    r"\b(?:it|this|that)(?:'s not| is not| isn't|’s not| isn’t) an interview\b",
    r"\b(?:they|these)(?:'re not| are not| aren't|’re not| aren’t) (?:job )?interviews\b",
    r"\b(?:det här är|det är) (?:ingen|inte en) (?:anställnings)?intervju\b",
    r"\binte en (?:anställnings)?intervju\b",
    r"\brather than (?:any (?:kind|sort) of |a |an )?(?:formal |job )?interview\b",
    r"\bdit is geen sollicitatiegesprek",
    r"\b(?:esto |esta |this )?no es una entrevista\b", r"\bce n'est pas un entretien\b",
    r"\bdas ist kein (?:vorstellungs|bewerbungs)gespräch\b", r"\bnon è un colloquio\b",
    r"\bnão é uma entrevista\b",
    r"\bmock (?:[\w-]+ ){0,3}(?:interview|round|loop|onsite)", r"\bpractice interview",
    r"\binterview coach",
    r"\bsimulazione di colloquio", r"\bsimulación de entrevista", r"\bentrevista simulada",
    r"\bsimulação de entrevista", r"\bentretien blanc", r"\b(?:probe|übungs)(?:interview|gespräch)",
    r"\bproefgesprek", r"\boefengesprek", r"\b(?:övnings|prov)intervju", r"\bkarriärcoach",
    r"\bcareer coach\b", r"\binformal debrief\b", r"\bnot part of (?:any|the) (?:hiring )?process",
    r"\binformational (?:interview|chat|call|coffee|conversation)",
    r"\bnot (?:involved in|involved with|part of|in charge of) (?:the )?hiring\b",
    r"\b(?:just|only) (?:a|for a) (?:coffee|casual chat)\b",
    r"\b(?:radio|tv|television|broadcast|on-?air) interview", r"\blive interview on\b",
    r"\b(?:breakfast|radio|tv) show",
    # "at the embassy"; "Embassy Tech Village" in an address is a place name
    r"\bvisa (?:interview|appointment)", r"\b(?:the|an|your) embassy\b",
    r"\bembassy (?:appointment|interview)", r"\bconsulate\b",
    r"\bbiometrics? (?:enrol+ment|appointment|collection|capture)", r"\bvisa (?:application )?"
    r"cent(?:re|er)\b",
    # the job is won: a first day at work is not an interview
    r"\b(?:your|dein|deinen|ihr|ihren|votre|tu|seu|o seu|il tuo|je) (?:first day|erster tag"
    r"|ersten tag|erster arbeitstag|ersten arbeitstag|premier jour|primer día|primeiro dia"
    r"|primo giorno|eerste werkdag|eerste dag)\b",
    r"\bwelcome (?:to the team|aboard)\b", r"\bwillkommen (?:im team|an bord)\b",
    # events and courses about interviews in general, not one of mine
    r"\b(?:atelier|workshop|webinar|masterclass|formation|cours|course|kurs|taller|corso)\b"
    r"[^.\n]{0,40}\b(?:entretiens|interviews|entrevistas|vorstellungsgespräche|colloqui)\b",
    r"\bsoirée (?:carrières?|recrutement|emploi)",
    r"\breference call\b", r"\bas (?:a|their|his|her) (?:referee|reference)\b",
    r"\byour talk (?:is|has been) (?:scheduled|accepted|confirmed)", r"\baccepted talk\b",
    r"\bspeaker check-?in", r"\b(?:for|on) my (?:thesis|dissertation)\b",
    r"\b(?:msc|ma|mba|phd|master's|masters|doctoral|undergraduate|student) (?:research|project"
    r"|thesis|dissertation|study)\b", r"\bresearch project\b",
    r"\bthesis (?:interview|research|project)", r"\bone-way (?:video )?interview",
    # (a platform's tagline, "live and on-demand video interviews", books nothing either way)
    r"\bon-demand (?:video )?interview(?<!live and on-demand interview)"
    r"(?<!live and on-demand video interview)", r"\brecord (?:your )?(?:answers|responses)\b",
    r"\b(?:the|this|our|my) (?:piece|article|feature) (?:runs|goes (?:live|out)|is published"
    r"|will run)", r"\bbefore the (?:piece|article|feature|story) (?:runs|goes)",
    r"\bquotes to check\b", r"\bsend you any (?:direct )?quotes",
    r"\bthank(?:s| you) for registering\b", r"\bwebinar id\b",
    # the press in the other languages
    r"\b(?:periodista|giornalista|jornalista|journaliste|dziennikar)",
    # a reference check about someone else, or an identity check: no interview of mine
    r"\b(?:referenzgespräch|referentiegesprek|appel de référence|llamada de referencias?"
    r"|chiamata di referenze|referenssamtal|rozmowa referencyjna)\b",
    r"\b(?:your |an? )?(?:identity|id|right[- ]to[- ]work) (?:verification|check)"
    r" (?:call|appointment|session) (?:is )?(?:booked|scheduled|confirmed)",
    r"\b(?:security|police) vetting (?:appointment|interview|call)",
    # onboarding: the job is won
    r"\bonboarding (?:session|call|day|meeting|termin)\b", r"\bjournée d'intégration\b",
    r"\bintroductiedag\b", r"\bprimer día de trabajo\b", r"\bintroduktionsdag\b",
    # a recruiter's coffee about the market, with no role to talk about
    r"\b(?:haven't|have not|don't|do not) (?:got |have )?(?:a|any) specific (?:role|position|job)",
    r"\bno specific (?:role|position|job) (?:in mind|to pitch|yet)",
    # the job centre's own appointments (a work coach, a work search review)
    r"\bwork coach\b", r"\bwork search (?:review|interview|record)\b", r"\bjob ?centre\b",
    r"\bjobcenter\b", r"\barbeitsagentur\b", r"\bfrance travail\b", r"\bpôle emploi\b",
    r"\boficina de empleo\b", r"\bcentro per l'impiego\b", r"\barbetsförmedlingen\b",
    r"\burz[ąę]d pracy\b", r"\buwv\b",
    # mentoring programmes and round tables
    r"\bmentor(?:match|programma|programm|programme|program|koppeling)\b", r"\bmentee\b",
    r"\btable ronde\b", r"\bround ?table\b", r"\bmesa redonda\b", r"\btavola rotonda\b",
    r"\bpodiumsdiskussion\b", r"\bpanel discussion\b",
    r"\b(?:votre )?inscription (?:est )?(?:bien )?(?:enregistrée|confirmée|validée)",
    # a ticket for a conference or a meetup, in every language
    r"\b(?:anmeldung|registrierung|registration|registrering|anmälan|inscription|inscripción"
    r"|iscrizione|inschrijving) (?:für|for|till|pour|para|per|voor|zu) (?:folgendes |das |den "
    r"|die |the |our |this |ce |cet |el |la |l'|het )?(?:event|veranstaltung|konferenz|konferens"
    r"|conference|meetup|webinar|evento|événement|evenement|conferentie)\b",
    r"\b(?:thanks|thank you) for (?:your )?registration\b",
    r"\btack för din (?:registrering|anmälan)\b", r"\bdanke für deine anmeldung\b",
    r"\bmerci (?:pour|de) votre inscription\b",
    r"\bgracias por (?:tu|su) (?:registro|inscripción)\b",
    r"\b(?:biljettnummer|ticket number|ticketnummer|numéro de billet|número de entrada)\b",
    r"\bstammtisch\b",
)
# Titles of meetings that are never a job interview (subject and invitation only: a
# body may well say "mentoring juniors is part of the role").
NOT_JOB_TITLE = _rx(
    r"\bmentor(?:ing|ship)\b", r"\bcoaching\b",
    r"\bcareer (?:strategy|planning|advice|coaching|development) (?:session|call|meeting)\b",
    r"\bboard meeting", r"\boffice hours\b",
    r"\bbook club\b", r"\bcheck-in\b", r"\bmeet-?up\b", r"\bwebinar\b",
    r"\binfo(?:rmation)? session\b", r"\byou(?:'re| are) (?:now )?registered\b",
    # an information evening, in the other languages
    r"\binfo(?:rmation)? (?:evening|night|day)\b", r"\binfo(?:rmations)?abend\b",
    r"\bbreakfast\b(?! interview)",
    r"\binfo(?:avond|middag)\b", r"\bsoirée d'information", r"\bagenda and papers\b",
    r"\bcommittee meeting\b", r"\bgovern(?:ing body|ing board|ors'?) meeting\b",
    r"\bjornada informativa",
    r"\bserata informativa", r"\bsesión informativa", r"\bsessão informativa",
    r"\b(?:product|sales|platform|software) demo\b",
    r"\bcareers? (?:evening|event|night|fair|open day)\b", r"\byour tickets? for\b",
    r"\b(?:din biljett|dein ticket|votre billet|tu entrada|il tuo biglietto|je ticket)\b",
    r"\b(?:online|coding|technical|skills?) (?:assessment|test|challenge)\b", r"\bcase study\b",
    r"\btake-?home\b", r"\btest technique\b", r"\bprueba técnica\b",
    r"\bfallstudie\b", r"\bétude de cas\b", r"\bcaso práctico\b", r"\bcaso di studio\b",
    r"\bestudo de caso\b", r"\bcasusopdracht\b", r"\bcase-?uppgift\b",
    r"\bcaso pr[aá]tico\b", r"\bcoding[ -]challenge\b",
    # a technical exercise to do at home, in the other languages
    r"\besercizio tecnico\b", r"\bejercicio técnico\b", r"\bexercício técnico\b",
    r"\bexercice technique\b", r"\btechnische opdracht\b", r"\bprobeaufgabe\b",
    r"\bhemuppgift\b", r"\bzadanie (?:rekrutacyjne|techniczne|domowe)\b",
    r"\bregistration (?:confirmed|confirmation)\b",
    r"\bbackground (?:verification|check|screening)\b",
    r"\bpre-?employment (?:screening|verification|check)",
    r"\b(?:inscription|rejestracja|anmeldung|inscripción|inscrição|iscrizione|registratie)"
    r" (?:enregistrée|confirmée|potwierdzona|bestätigt|confirmada|confermata|bevestigd)",
)
I_INTERVIEW = _rx(
    r"\bsit(?:ting)? on (?:the|our|an|a) (?:interview(?:ing)? |hiring )?panel",
    r"\bjoin(?:ing)? (?:the|our) (?:interview(?:ing)? |hiring )?panel",
    r"\b(?:we've|we have) shortlisted (?:\w+ )?candidates",
    r"\b(?:his|her|their|the candidate's) (?:cv|resume|résumé)\b",
    r"\badded (?:you )?as (?:an? )?interviewer", r"\byou(?:'re| are) (?:an? )?interviewer",
    r"\byou(?:'re| are) interviewing\b", r"\bscorecard", r"\binterview kit\b",
    r"\bsubmit (?:your )?(?:feedback|evaluation)", r"\binterview: candidate\b",
    r"\(interviewer\)",
    r"\b(?:as|be) (?:an? |our |the )?(?:external |guest |additional |independent )?panel+ist\b",
    r"\binterviewer (?:guide|instructions|briefing|training)",
    r"\bfeedback form\b",
    # "as an interviewer" in the other languages
    r"\bals (?:interviewer(?:in)?|interviewende)\b", r"\ben tant que (?:recruteur|recruteuse"
    r"|intervieweur|intervieweuse|membre du jury)\b", r"\bcomo entrevistador(?:a)?\b",
    r"\bcome (?:intervistatore|intervistatrice)\b", r"\bsom intervjuare\b",
    r"\bjako (?:rekruter|rekruterka|osoba rekrutująca)\b",
)
RESCHEDULE = _rx(
    r"\b(?:has been|have|was|is|been|we've|we have) (?:now )?rescheduled",
    r"\brescheduled (?:to|for)\b",
    r"\bnew (?:date and )?time\b(?<!need a new time)(?<!want a new time)(?<!find a new time)"
    r"(?<!arrange a new time)(?<!suggest a new time)(?<!propose a new time)"
    r"(?<!agree a new time)(?<!book a new time)(?<!for a new time)(?<!request a new time)"
    r"(?<!pick a new time)(?<!choose a new time)(?<!select a new time)",
    r"\b(?:has been|was|been|is) moved to\b",
    r"\bmoved (?:it|(?:the|your|our) (?:[\w-]+ )?(?:interview|call|chat|meeting"
    r"|conversation|session|screen|onsite|invite|invitation))(?: over| across)? to\b",
    r"\b(?:been|was) changed to\b", r"\bupdated time\b", r"\bchange of (?:time|date)\b",
    r"\bverschoben\b", r"\bneuer termin\b", r"\breporté", r"\bdécalé", r"\bnouvel horaire",
    r"\breprogramad[ao]", r"\bnueva (?:hora|fecha)\b",
    # "une nouvelle plage : lundi 6 avril", "un nuevo horario", "um novo horário"
    r"\bnouvelle plage\b", r"\bnouveau créneau\b", r"\bnuevo horario\b",
    r"\b(?:i've|i have|we've|we have|i|we|i'll|we'll|i will|we will) (?:just |now )?"
    r"(?:moved|pushed|shifted|bumped)\b",
    r"\b(?:i'm|we're|i am|we are) (?:going to |gonna |having to |needing to )?(?:move|moving"
    r"|push|pushing|shift|shifting|bump|bumping) (?:it|this|that|you|us|things|(?:the|your|our"
    r"|tomorrow's|today's|\w+day's) (?:[\w-]+ )?(?:interview|call|chat|meeting|conversation"
    r"|session|slot|time|screen|onsite))\b",
    r"\b(?:have|need|had|has) to (?:move|push|shift|postpone|reschedule)\b",
    r"\bmoving (?:our|the|your|us|it)\b(?: [\w']+){0,2} to\b",
    r"\blet(?:'s| us) (?:move|push|shift|bump)\b",
    r"\bpush(?:ed|ing) (?:it |us |(?:the|our|your) [\w']+ )?(?:back )?to\b",
    r"\bprevious (?:itinerary|time|date|slot|schedule)\b", r"\bno longer valid\b",
    r"\bnew appointment\b", r"\bchanged: [a-z, ]*\btime\b", r"\bpreviously:",
    r"\bverschieben\b(?! oder (?:absagen|stornieren))", r"\bverlegt\b", r"\bneuen termin\b",
    r"\bterminverschiebung",
    r"\breporter (?:notre|votre|l'|le |la )", r"\bdécaler\b", r"\bnouveau rendez-vous",
    r"\bnouvelle (?:date|heure)\b", r"\bcambiar la (?:fecha|hora)", r"\bcambio de fecha",
    r"\b(?:hemos|he) movido\b",
    r"\b(?:tuvimos|tenemos|hemos tenido|tengo|tuve) que (?:mover|cambiar|pasar|reprogramar)\b",
    r"\bmove (?:your|the|our) (?:[\w-]+ )?(?:interview|call|chat|meeting) "
    r"(?:with (?:[\w-]+ ){1,3}?)?from\b", r"\bspostat[oa]\b", r"\bremarcad[ao]\b",
    r"\bremarc(?:ámos|amos|ei|ou|aram)\b", r"\b(?:abbiamo|ho) spostato\b",
    r"\b(?:hemos|he) (?:cambiado|pasado) (?:la|tu|su) (?:entrevista|reunión|llamada)",
    # "se ha cambiado a: viernes 13", "foi alterada para", "è stato spostato a"
    r"\bse ha (?:cambiado|movido|trasladado|pasado) (?:a|al|para)\b",
    r"\b(?:lo|la) (?:pasamos|movemos|cambiamos|(?:hemos|he) (?:pasado|movido|cambiado))"
    r" (?:entonces )?(?:al|a la|para el|a)\b",
    r"\bfoi (?:alterad[ao]|remarcad[ao]|mudad[ao]|passad[ao]) para\b",
    r"\bè stat[oa] spostat[oa] (?:a|al|alle)\b",
    r"\b(?:has been|have been|was|is|been|we've|we have|i've|i have) (?:now )?postponed\b",
    r"\bbr(?:ought|ing|inging) (?:it |the interview |your interview )?forward\b",
    r"\bbr(?:ought|ing|inging) (?:[\w']+ ){1,2}forward (?:to|by|an? )",
    r"\bpush(?:ed|ing)? (?:[\w']+ ){1,2}back (?:to|by|an? |\d|one |two |three |half )",
    r"\b(?:have|has|had|we|we've|i've) shift(?:ed)? (?:it|the interview|your interview) to\b",
    r"\b(?:happy|able|fine|ok|okay) to move (?:it |the interview |this )?to\b",
    r"\bit(?:'s| is) now (?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    r"\bnew (?:slot|interview time|interview date)\b", r"\b(?:revised|updated) (?:date|schedule)\b",
    r"\briprogrammat[oa]", r"\bnuov[oa] (?:orario|data)\b", r"\breagendad[ao]",
    r"\bnova data\b", r"\bnovo horário\b", r"\bverplaatst\b", r"\bverzet\b",
    r"\b(?:moest|moesten|moet|moeten|heb|hebben) (?:ik |we |wij )?(?:[\w']+ ){0,5}?verplaatsen\b",
    r"\bnieuwe (?:tijd|datum)\b", r"\bflyttat\b", r"\bprzeniesion",
    r"\bmoved (?:us |you |it )?to (?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b",
    r"\b(?:asked|want|wants|like|would like) to (?:move|push|shift|bump) (?:you|it|us|this"
    r"|the interview|your interview)\b(?! forward| on\b| ahead| through| straight| directly"
    r"| to the (?:next|final|second|third|last)| to round)",
    r"\bto move (?:your|the|our) (?:[\w-]+ ){0,4}(?:interview|call|chat|meeting|session)\b",
    r"\b(?:we|i|we'll|i'll|we will|i will|let's|then we) (?:can )?move (?:it|this|the interview"
    r"|our call|us|you) to\b",
    r"\bdéplac(?:é|ée|er|ons)\b", r"\bdécal(?:e|ons|ez)\b",
    r"\b(?:hemos|he) (?:trasladado|cambiado)\b",
    r"\b(?:movimos|cambiamos|pasamos|reprogramamos|trasladamos) (?:tu|su|la|nuestra)"
    r" (?:entrevista|reunión|llamada|conversación)\b",
    r"\bmoved (?:us |you |it )?to (?:the )?(?:morning|afternoon|evening|tomorrow|next)\b",
    # the moving verbs of each language, in the forms letters use
    r"\b(?:have|has|we've|i've|we have|i have) rearranged\b",
    r"\bchanged the (?:time|date|day) to\b",
    r"\bumgelegt\b", r"\bumterminiert\b", r"\bverlegen\b", r"\bersatztermin\b", r"\bverlegt\b",
    r"\bumgebucht\b",
    r"\bneu terminiert\b",
    r"\brepouss(?:é|ée|er|ons)\b",
    # ("por adelantado" is "in advance")
    r"\b(?:hemos|he|se ha|lo|la) (?:adelantad[ao]|atrasad[ao])\b",
    r"\b(?:adelantamos|atrasamos|pospuest[ao]|posponemos|aplazad[ao]|aplazamos)\b",
    r"\b(?:rinviat[oa]|posticipat[oa]|spostiamo|rimandat[oa])\b",
    r"\b(?:adiad[ao]|adiamos|antecipad[ao]|antecipamos)\b", r"\btransferid[ao] para\b",
    r"\bomgezet naar\b", r"\bverschoven\b",
    r"\bflytta(?:r|de)? (?:vi |jag )?(?:intervjun|mötet|samtalet)", r"\bombok",
    r"\bflyttat (?:vårt|ert|ditt) (?:samtal|möte)\b", r"\bflyttat (?:vår|er|din) intervju\b",
    r"\b(?:on|nous) déplace(?:ons)? (?:notre|votre|l')", r"\bdéplac(?:é|ée)e? (?:au|à)\b",
    r"\bprzesun(?:ięt|ąć|ęliśmy|iemy)", r"\bnowy termin\b", r"\balterar a data\b",
    r"\bpassa a realizar-se\b",
    r"\b(?:passámos|passamos|passei|mudámos|mudamos|alterámos|alteramos) (?:a|a nossa|o) "
    r"(?:entrevista|reunião|conversa|chamada)\b",
    r"\b(?:precisei|precisamos|tivemos que|tive que|vamos|vou) (?:de )?remarcar\b",
    r"\bthe old (?:\w+day )?(?:one|invite|invitation|slot|time)\b",
    r"\byou(?:'re| are) now (?:on|booked|scheduled) (?:with|for)\b", r"\bflyttet\b",
)
RESCHEDULE_SUBJECT = _rx(
    r"^\s*(?:updated invitation|updated event|invitation updated|rescheduled|new time proposed"
    r"|updated:|modification|änderung|modifica|wijziging"
    r"|aktualisierte einladung|invitation mise à jour|invitación actualizada)\b",
    r"\breschedul(?:ed|ing|e)\b", r"\bnew time\b", r"\bverschoben\b", r"\bchange of",
    r"\brevised (?:interview )?(?:time|date)", r"\bmoved\b", r"\bnew date\b",
    r"\bverschiebung\b", r"\bneuer termin\b", r"\bcambio de (?:fecha|hora)", r"\breport de\b",
    r"\bändrad tid\b",
    r"\bremarcação\b", r"\breagendamento\b", r"\breprogramación\b",
    r"\balteração d[ao] (?:data|hora|horário)\b",
)
CANCEL = _rx(
    r"\b(?:has been|have been|is|was|been) (?:now )?cancel+ed\b",
    r"\b(?:has|have) (?:therefore|unfortunately|regrettably|sadly|now|also) been cancel+ed\b",
    r"\b(?:are|is) no longer able to (?:go ahead|take place|proceed)\b",
    r"\b(?:need|have|had) to cancel\b(?<!you need to cancel)(?<!you have to cancel)",
    r"\bwe(?:'re| are) cancel+ing\b",
    r"\bcancel+ing (?:your|the|our) (?:interview|call|meeting)", r"\babgesagt\b",
    # a client or a colleague calls it off: "cancela la entrevista", "annule l'entretien"
    r"\b(?:cancela|cancelan|ha cancelado|han cancelado) (?:la|tu|su|nuestra) (?:entrevista|reunión"
    r"|llamada)\b", r"\b(?:cancelou|cancelaram) a (?:entrevista|reunião)\b",
    r"\b(?:annule|annulent|a annulé|ont annulé) (?:l'entretien|votre entretien|notre entretien)",
    r"\bha annullato il colloquio\b", r"\b(?:gaat|gaan) niet door\b", r"\bniet doorgaat\b",
    r"\bnicht durchführen (?:können|kann)\b",
    r"\bställ(?:a|er|t|de)? in (?:vår|er|din|mötet|intervjun|samtalet)\b",
    # "let's park Thursday's call for now"
    r"\b(?:let's|let us|we'll|we will|have to|need to|going to) park (?:[\w'’]+ ){0,3}?"
    r"(?:call|chat|interview|conversation|meeting|this|it)\b",
    # "we're going to have to take tomorrow's 2pm conversation off the calendar"
    r"\b(?:take|taking|took) (?:it|(?:tomorrow's|today's|the|our|your|this|that) [^.\n]{0,40}?)"
    r" off the (?:calendar|schedule|diary)\b",
    r"\babsagen müssen\b", r"\b(?:a été|est) annulée?\b", r"\bannuler (?:votre|notre|l')",
    r"\bha sido cancelad[ao]\b", r"\b(?:tenido|tenemos) que cancelar\b",
    r"\b(?:contraints?|contraintes?|obligés?|obligées?) d'annuler\b",
    r"\b(?:devons|dois) annuler\b",
    r"\b(?:vou|vamos) (?:precisar|ter que|ter de) cancelar\b", r"\bprecis(?:o|amos) cancelar\b",
    r"\bstands cancel+ed\b",
    r"\bcancel+(?:ed)? (?:the|your|our|today's|tomorrow's|\w+day's)(?: [\w-]+){0,2} (?:interview"
    r"|call|meeting|chat|onsite|conversation|session)s?\b",
    r"\bcancel (?:today's|tomorrow's|\w+day's|our)\b", r"\bcalled off\b",
    r"\bcall(?:ing)? off (?:today's|tomorrow's|\w+day's|our|the|your|this)\b",
    r"\b(?:scrap|scrub|bin|skip|nix|pull) (?:today's|tomorrow's|\w+day's|our|the|this"
    r"|your) (?:[\w:.-]+ ){0,2}?(?:interview|call|chat|meeting|conversation|session|onsite"
    r"|\d\d?(?:[:.]\d\d)?\s?(?:am|pm)?)\b(?! instead)",
    r"\b(?:scrap|scrub|nix) (?:today|tomorrow|it|this)\b(?! instead)",
    r"\babsagen\b(?<!oder absagen)(?<!bzw. absagen)",
    r"\b(?:musimy|muszę|musieliśmy) odwołać", r"\bodwołujemy\b",
    r"\b(?:will|can) no longer (?:take place|go ahead|happen)",
    r"\bwill not (?:now )?(?:take place|go ahead)",
    r"\bwon't (?:be going ahead|go ahead|take place)",
    r"\bno longer able to (?:see|meet) you\b", r"\b(?:have|need|had) to call off\b",
    r"\bfoi cancelad[ao]", r"\bcancellat[oa]\b",
    r"\bannullat[oa]\b", r"\bgeannuleerd\b", r"\bafgezegd\b", r"\bstorniert\b",
    r"\bfällt\b.{0,40}\baus\b", r"\bgaat niet door\b", r"\bdesmarc(?:ar|ad[ao]|amos)\b",
    r"\bentfällt\b", r"\binställd", r"\bodwołan",
    r"\b(?:moet|moeten|moest|moesten|ik|we|wij) (?:\S+ ){0,14}?annuleren\b",
    # "não vai conseguir fazer a entrevista de amanhã": the interview will not happen
    r"\bnão (?:vai|vamos|vou|irá|iremos|poderá|poderemos) (?:conseguir |poder )?(?:fazer"
    r"|realizar|manter|ter) a (?:entrevista|reunião|conversa)\b",
    r"\b(?:dobbiamo|devo|dovremo|abbiamo dovuto|ho dovuto) (?:\w+ ){0,2}(?:annullare|disdire)\b",
    r"\b(?:precisamos|preciso|tivemos que|teremos que|vamos ter de|temos de) (?:\w+ ){0,2}"
    r"(?:cancelar|desmarcar)\b",
    r"\b(?:debemos|tengo que|hemos tenido que|vamos a tener que) (?:\w+ ){0,2}cancelar\b",
    r"\b(?:debemos|tengo que|tenemos que|hemos tenido que|vamos a tener que) (?:\w+ ){0,2}"
    r"(?:suspender|anular)\b",
    r"\bcostrett[ieoa] (?:a|ad) (?:annullare|disdire|rinviare a data da destinarsi)\b",
    # "tomorrow's 2pm with Gareth is off"
    r"\b(?:call|chat|interview|meeting|session|catch-up|conversation|slot)(?: with [\w-]+"
    r"(?: [\w-]+)?)?(?: on \w+)? (?:is|are) (?:now )?off\b",
    r"\d\d?(?:[:.]\d\d)?\s?(?:am|pm)?(?: with [\w-]+)? (?:is|are) (?:now )?off\b",
    r"\b(?:dois|devons|devoir|avons dû|ai dû) (?:\w+ ){0,2}annuler\b",
    r"\b(?:bail|back out|pull out) (?:on|of) (?:today's|tomorrow's|\w+day's|our|the)\b",
    r"\b(?:teremos|tivemos|temos|vamos ter) (?:de|que) (?:\w+ ){0,2}(?:cancelar|desmarcar)\b",
    # "não nos será possível realizar a entrevista", "no podremos realizar la entrevista"
    r"\b(?:não|no) (?:nos )?(?:será|sería|seria|é|es) possível realizar a (?:entrevista|reunião)",
    r"\bno (?:nos )?(?:será|sería|es) posible realizar la (?:entrevista|reunión)",
    r"\bno podremos (?:realizar|mantener|hacer) la (?:entrevista|reunión)",
    r"\b(?:queda|quedó|está|ha quedado|fica|ficou) (?:anulad[ao]|cancelad[ao]|suspens[ao]"
    r"|suspendid[ao])\b",
    r"\bnon (?:potrà|può|potremo|potrò) (?:avere luogo|svolgersi|tenersi)\b",
    # the call-off verbs of each language, in the forms letters use
    r"\b(?:can't|cannot|won't be able to|unable to|not be able to) go ahead with (?:the|our|your"
    r"|today's|tomorrow's|\w+day's)\b", r"\buntil further notice\b",
    r"\bno longer (?:need|able) to (?:meet|speak|talk)\b",
    r"\bfindet (?:\w+ ){0,6}?nicht statt\b", r"\bnicht stattfinden\b", r"\bcanceln\b",
    r"\bêtre annulée?\b", r"\bn'aura pas lieu\b", r"\bne pourra pas (?:avoir lieu|se tenir)",
    r"\breportée? (?:à une date ultérieure|sine die)",
    r"\bno (?:se )?(?:podrá|podremos|vamos a poder) (?:realizar|hacer|tener|llevar a cabo)\b",
    r"\b(?:anulamos|cancelamos|se cancela)\b", r"\bnon si (?:terrà|svolgerà|farà)\b",
    r"\bnão (?:vai|irá) (?:acontecer|ocorrer|rolar)\b", r"\bafgelast\b", r"\bvervalt\b",
    r"\b(?:måste|behöver) (?:vi |jag )?ställa in\b", r"\bblir inte av\b", r"\bavbokad\b",
    r"\bavbokat\b",
    r"\b(?:in no (?:state|position|fit state)|unable|not able|won't be able|can't|cannot) to"
    r" (?:run|do|hold|make|conduct) (?:our|the|your|today's|tomorrow's|\w+day's) (?:[\w-]+ )?"
    r"(?:interview|call|chat|meeting)",
    r"\b(?:won't|will not|can't|cannot) (?:be able to )?make (?:your|the|our|today's|tomorrow's)"
    r"(?: [\w:.-]+){0,4} (?:interview|call|chat|meeting)\b",
    r"\b(?:i've|i have|we've|we have) cancel+ed (?:the|your|our) (?:calendar )?(?:invite"
    r"|invitation|interview|call|meeting)",
    r"\bpulled (?:all )?(?:the )?(?:[\w-]+ )?interviews\b",
    r"\bnie odbędzie się\b", r"\bkan (?:helaas )?niet doorgaan\b", r"\bodwoła(?:ł|ła|li|ły)\b",
    r"\banulowa", r"\b(?:af|av)lys",
)
# The role went away before the interview: a cancellation, not a verdict on me.
ROLE_GONE = _rx(
    r"\bhiring freeze",
    r"\bput (?:the |our |this )?(?:[\w-]+ ){0,4}(?:hire|role|position|search|recruitment|vacancy)"
    r" on hold\b", r"\bfreeze on (?:all )?(?:new )?hiring",
    r"\bhiring (?:is|has been) (?:paused|frozen)", r"\bpaus(?:e|ed|ing) (?:all )?(?:new )?hiring\b",
    r"\b(?:role|position|req|requisition|opening|vacancy) (?:has been |is |was )?"
    r"(?:put )?on hold\b",
    r"\b(?:role|position|opening) (?:has been |was )?(?:paused|withdrawn)",
    r"\bwithdraw (?:this|the) (?:vacancy|position|role|post|opening)\b",
    r"\b(?:req|requisition|role|position|opening|headcount|vacancy) (?:has been |was |is |got )?"
    r"(?:now )?(?:frozen|pulled)\b",
    r"\bfrozen (?:the )?(?:[\w-]+ ){0,3}?(?:hire|hiring|role|position|search|req)\b",
    r"\bcongelare (?:temporaneamente )?(?:la ricerca|la posizione|le assunzioni)",
    r"\bcongelare (?:\w+ ){0,3}?(?:nuove )?assunzioni",
    r"\bcongelar (?:\w+ ){0,3}?(?:as )?contrata",
    r"\bpausar el proceso\b", r"\bproceso (?:en pausa|pausado)\b",
    r"\bon hold['’]? gezet\b",
    r"\bvient d'être gelée?\b", r"\b(?:a été|est) gelée?\b", r"\beinstellungsstopp",
    r"\bcongelad[ao]\b", r"\bzamrożeni[ea] rekrutacji\b",
    r"\bcongelamiento de (?:contrataciones|vacantes)",
    r"\bcongelaron la vacante\b", r"\bparaliza(?:n|mos|do)? el proceso\b",
    r"\bpromoción interna\b", r"\b(?:vorläufig |vorübergehend )?sistiert\b",
    r"\bauf eis gelegt\b",
)
CANCEL_SUBJECT = _rx(
    r"^\s*(?:canceled|cancelled|cancel+ed event|event cancel+ed|abgesagt|annulé|cancelad[ao]"
    r"|cancelación|annulation|annullamento|cancelamento|afzegging|absage des)\b",
    r"^\s*absage (?:des |ihres |unseres )?(?:vorstellungsgespräch|gespräch|termin)",
    r"\b(?:interview|call|meeting|event|onsite) (?:has been |is )?cancel+ed\b",
)
REJECT = _rx(
    r"\bdecided not to (?:move|proceed|go|continue|progress)",
    r"\b(?:not|won't) (?:be )?mov(?:e|ing) forward\b",
    r"\bmov(?:e|ing) forward with (?:other|another|a different) (?:candidate|applicant)",
    r"\b(?:decided|chosen|opted) (?:in favou?r of|to (?:continue|proceed|go) (?:the process )?with)"
    r" (?:an?other|other|a different|the other)",
    r"\bclos(?:e|ing) (?:your|the) application\b",
    r"\b(?:made|extended) an offer to (?:someone|another)",
    r"\b(?:pursue|pursuing|proceed with|proceeding with) (?:other|another) candidate",
    r"\bnot (?:be )?(?:proceed|progress)(?:ing)? (?:with|further)",
    r"\bunfortunately\b[^.]{0,120}\b(?:not|no longer)\b[^.]{0,60}\b(?:proceed|progress|move forward"
    r"|continue|selected|successful)",
    r"\bwill not be (?:moving|progressing|proceeding)",
    r"\b(?:have|has|were|was) not been selected",
    r"\bwere not selected\b", r"\bposition has (?:now )?been filled", r"\bregret to inform",
    r"\bn'(?:a|ont) pas souhaité donner (?:une )?suite\b",
    r"\b(?:ont|a) finalement retenu (?:un|une|d'autres|des|le|la)\b",
    r"\bno (?:seguirás|seguiras|continuarás|continuaras) (?:avanzando|adelante|en el proceso)\b",
    r"\b(?:not|won't) (?:be )?mov(?:e|ing) ahead with", r"\bto (?:another|a different) candidate",
    r"\b(?:not|won't) (?:be )?extend(?:ing)? (?:you )?an offer",
    r"\b(?:we're|we are|we'll|we will|going to|decided to) pass\b",
    r"\b(?:it's|it is|isn't|is not) (?:not )?(?:a|the right) (?:match|fit)\b(?<!is a match)"
    r"(?<!is a fit)(?<!is the right fit)(?<!is the right match)",
    r"\bdecided not to (?:fill|hire)",
    r"\bdecided to go (?:with|in) (?:another|a different)",
    r"\bleider\b[^.]{0,120}\b(?:absage\b|nicht berücksichtig|nicht weiter"
    r"|anderen? (?:kandidat|bewerber))",
    r"\bfür (?:einen )?anderen? (?:kandidat|bewerber)", r"\bnicht in die engere wahl",
    r"\bne (?:pas |pouvons pas )?donner (?:une )?suite", r"\bpas été retenue?",
    r"\bne pourr?(?:ons|ions) pas (?:y )?donner", r"\bau regret de vous informer",
    r"\bne sommes pas en mesure de (?:donner suite|retenir)",
    # "lamentablemente" with a verdict, not "lamentablemente la entrevista no se podrá realizar"
    r"\b(?:lamentablemente|lamentamos)\b[^.]{0,120}\b(?:no\b[^.]{0,60}\b(?:continu|sigu|segui"
    r"|avanz|seleccion|pasa|sido|encaj|ajust|cumpl|prosig|prosegu|podemos|vamos a|contar)"
    r"|otr[oa]s? (?:candidat|perfil|persona|postulant))",
    r"\bno (?:continuar|seguir adelante)\b", r"\bno ha sido seleccionad",
    r"\b(?:was|were|been|is) unsuccessful\b", r"\bnot (?:been )?shortlisted\b",
    r"\bunable to (?:offer you|progress|move forward|proceed)",
    r"\b(?:continue|proceed|move forward|go ahead) with (?:other )?candidates? whose",
    r"\b(?:continue|continuing|proceed|proceeding|mov(?:e|ing) (?:forward|ahead)|go(?:ing)? "
    r"(?:ahead|forward)|progress(?:ing)?|advanc(?:e|ing))(?: the process| further)? with "
    r"(?:other|another|a different|the other|more|a small number of|a small group of|a few)"
    r" (?:[\w-]+ )?"
    r"(?:candidates?|applicants?|profiles?)",
    r"\bpurtroppo\b[^.]{0,120}\bnon\b[^.]{0,60}\b(?:proseguire|procedere|andare avanti|continuare"
    r"|selezionat|passare|prosieguo|idone|in linea)",
    r"\b(?:proseguire|procedere|continuare|andare avanti|scelto|selezionato|optato)"
    r"[^.]{0,100}?\b(?:con |per )?(?:gli |degli )?altri (?:candidati|profili)\b",
    r"\binfelizmente\b[^.]{0,120}\bnão\b[^.]{0,60}\b(?:prosseguir|seguir|avançar|selecionad"
    r"|continuar|dar continuidade)",
    r"\b(?:seguir|prosseguir|avançar|continuar|optamos|optou|escolhemos|seleciona\w*)"
    r" (?:\w+ ){0,3}?(?:com |por )?(?:os |outros )?outros candidatos\b",
    r"\b(?:kontynuować|kontynuujemy|kontynuować będziemy) (?:proces (?:rekrutacyjny |rekrutacji )?"
    r"|rekrutację |rozmowy )?z (?:innymi |innym )?(?:kandydat|osob)",
    r"\bkontynuowani\w* (?:proces\w* |rekrutacj\w* |rozmów )?z (?:innymi |innym )?(?:kandydat"
    r"|osob)",
    r"\bseguiremos adelante con otr[ao] (?:persona|candidat)", r"\bcontinuaremos con otr[ao] "
    r"(?:persona|candidat)",
    r"\bhelaas\b[^.]{0,120}\b(?:niet\b[^.]{0,60}\b(?:verder|door(?:gaan)? (?:met|naar)"
    r"|geselecteerd|uitnodigen|gekozen)"
    r"|nee\b|andere kandida)",
    r"\btyvärr\b[^.]{0,120}\b(?:inte\b[^.]{0,60}\b(?:gå vidare|gått vidare|valt|går vidare)"
    r"|annan kandidat)",
    # "niestety" (unfortunately) with a verdict, not "niestety musimy odwołać" (call off)
    r"\bniestety\b[^.]{0,120}\bnie\b[^.]{0,60}\b(?:kontynu|zaprosi|przejd|przejś|zakwalifik"
    r"|wybra|zdecydowa|możemy zaproponować)", r"\bz przykrością informujemy",
    r"\bzdecydowaliśmy się (?:na (?:innego |inną |wybór innego )?kandydat|nie kontynuować)",
    r"\bnie (?:możemy|będziemy) (?:\w+ ){0,2}?(?:kontynuować|zaproponować|zaprosić)",
    r"\bnie (?:zdecydowaliśmy|postanowiliśmy) się (?:\w+ ){0,3}?(?:zaprosić|kontynuować"
    r"|przejść)", r"\bnie\b[^.]{0,80}\bdo (?:kolejnego|następnego) etapu",
    r"\b(?:went|gone|going|go|ended up going|decided to go|chose to go) with (?:someone|somebody"
    r"|another (?:candidate|applicant|person)|a different (?:candidate|applicant|person)"
    r"|an internal)",
    r"\b(?:went|gone|going|go|headed|heading) (?:in )?(?:another|a different) direction\b",
    r"\bnot to (?:proceed|progress|move forward|go forward|continue|advance)\b",
    r"\b(?:won't|will not|not) be (?:taking|moving) (?:it|this|things|your application"
    r"|your candidacy) (?:any )?(?:further|forward)",
    r"\b(?:hired|selected|chosen|chose|appointed|offered (?:it|the role|the position) to)"
    r" (?:someone|somebody|another candidate|a different candidate|an internal)",
    r"\b(?:client|team|company|they|we) (?:has |have )?(?:decided|chosen|opted) to (?:hire"
    r"|offer|go ahead with) (?:someone|somebody|another|a different|an internal)",
    r"\bpas (?:pu |pouvoir )?donner (?:une )?suite", r"\bavons retenu (?:une autre|un autre"
    r"|d'autres|une personne|un profil|la candidature d'|un candidat|une candidate)",
    r"\bpoursuivre (?:le processus |notre processus |la démarche )?avec (?:un autre|une autre"
    r"|d'autres)",
    r"\b(?:seguir|continuar|avanzar|seguimos|continuamos|avanzamos) (?:el proceso |adelante )?"
    r"con otr[oa]s?",
    r"\bno (?:vamos a|podemos|podremos) (?:continuar|seguir|avanzar)",
    r"\b(?:seguir|prosseguir|continuar|avançar) com outr[oa]s?",
    r"\b(?:proseguire|procedere|andare avanti) con (?:altr|un altr|un'altr)",
    r"\bnicht (?:weiter )?berücksichtig", r"\bfür (?:eine |einen )?andere[n]? (?:kandidat|bewerber"
    r"|person|profil)", r"\bandere[n]? (?:kandidat|bewerber)\w*\b.{0,40}\bentschieden",
    # ("het gesprek kan niet doorgaan" calls a meeting off; the verdict goes on with me)
    r"\bniet (?:verder|door)gaan met (?:je|jou|u|uw)\b", r"\bgekozen voor een andere",
    r"\boffer(?:ed|ing)? (?:the|this|that|our) (?:[\w-]+ ){0,4}(?:role|position|job|seat) to "
    r"(?:someone|somebody|another|a different|an internal|the other)",
    r"\bgå (?:vidare|videre) med (?:andra|andre|en annan|en anden|någon annan)",
    r"\bmit (?:einer |einem )?anderen? (?:kandidat|bewerber)",
    r"\b(?:ne|n')\s?(?:\w+ ){0,2}?donner(?:ons|a|ont|ez)? pas (?:de |une )?suite",
    r"\bavons le regret de vous informer", r"\bavons retenu des (?:profils|candidat)",
    r"\bkeine positive rückmeldung", r"\banderweitig (?:besetzt|vergeben)",
    r"\b(?:decided|chosen|opted) not to (?:take|pursue) (?:things|it|this|your application"
    r"|your candidacy|you) (?:any )?further",
    r"\bfür (?:eine|einen) (?:andere[n]? )?(?:kandidatin|kandidaten|bewerberin|bewerber)\b",
    r"\bdecidimos (?:não|no) (?:avançar|avanzar|prosseguir|seguir|continuar)",
    r"\babbiamo deciso di non (?:procedere|proseguire|andare avanti|continuare)",
    r"\bavons décidé de ne pas (?:donner suite|poursuivre|retenir)",
    r"\bbesloten (?:om )?(?:niet verder|je niet)",
    r"\bgekozen voor (?:iemand|een andere)", r"\been nee (?:is )?geworden",
    r"\bmit (?:einer|einem) (?:anderen )?(?:kandidatin|kandidaten|bewerberin|bewerber) zu besetzen",
    r"\b(?:won't|will not|not) be (?:taking|putting|moving) you (?:through|forward)",
    r"\b(?:go|going|went|gone) with (?:other )?(?:candidates|applicants|people|profiles) (?:who"
    r"|with|whose)",
    # a verdict in each language's everyday forms (written for the pattern, not a message)
    r"\b(?:have|has|were|was) not been successful\b",
    r"\bwon't be moving (?:any |your )?(?:applications?|candidates?|candidacy)(?: [\w']+){0,4}"
    r" forward\b", r"\bgå vidare med (?:andra )?kandidater (?:vars|som)\b",
    r"\bprogress(?:ing)? (?:other|another) candidate",
    r"\b(?:not|won't) be inviting you\b", r"\b(?:a |are a )?closer match\b",
    r"\bmore closely match", r"\bnot (?:be )?progressing your application",
    r"\bnicht weiter(?:verfolgen|zu verfolgen)", r"\bkeine zusage\b",
    r"\bgegen (?:ihre|deine) (?:bewerbung|kandidatur) entschieden",
    r"\bnicht für (?:sie|dich) entschieden",
    r"\bne (?:retiendrons|retenons) pas\b",
    r"\b(?:choisi|sélectionné) (?:un autre|une autre|d'autres)",
    r"\bne (?:pourrons|pouvons) pas poursuivre\b", r"\bclass(?:er|ée|é) sans suite",
    r"\b(?:ha sido|fue|queda) descartad[ao]\b", r"\boptado por otr[oa]s?\b",
    r"\bno (?:continuarás|seguirás|avanzarás|pasarás) (?:en|a|al)\b",
    r"\bnon (?:è stat[oa] |sei stat[oa] |sia stat[oa] )?selezionat",
    r"\b(?:scelto|preferito|optato per) (?:un altro|un'altra|altri|altre)\b",
    r"\bnon (?:proseguiremo|procederemo|andremo avanti)\b",
    r"\bnão (?:foi|foste|ter sido) selecionad", r"\boptamos por (?:outr|seguir com outr)",
    r"\bnão (?:vamos|iremos|podemos|poderemos) (?:avançar|seguir|prosseguir|continuar)"
    r" (?:com a sua|com a tua|com o seu|com o teu|com sua|com seu)",
    r"\bgaan niet verder met\b", r"\bniet met (?:je|jou|u) verder\b",
    r"\b(?:decidido|decidimos|decidieron|decidió) no (?:continuar|seguir|avanzar)\b",
    r"\bbeslutat att inte\b", r"\ben annan kandidat\b",
    r"\bnie (?:zakwalifikował|został[ao]? wybran)", r"\bwybraliśmy inn",
    r"\bpostanowiliśmy (?:nie kontynuować|kontynuować (?:proces )?z innymi|wybrać inn)",
)
# A rejection that never says it outright reads like one all the same: sorrow or a
# decision taken, then the closing every such letter has (your details kept on file, good
# wishes for the search). Two of these together make a verdict (see ``rules``).
REGRET_CUE = _rx(
    r"\bunfortunately\b", r"\bregret(?:fully)?\b", r"\bsadly\b", r"\bleider\b",
    r"\bmalheureusement\b", r"\blamentablemente\b", r"\bdesafortunadamente\b",
    r"\bpurtroppo\b", r"\binfelizmente\b", r"\bhelaas\b", r"\btyvärr\b",
    r"\b(?:made|taken|reached) (?:a|the|our) (?:very )?(?:difficult |tough |hard |final )?decision",
    r"\bafter (?:careful|much|long) (?:consideration|deliberation|review)",
    r"\bnach (?:sorgfältiger|reiflicher|eingehender) (?:prüfung|abwägung|überlegung)",
    r"\baprès (?:mûre réflexion|examen attentif|une analyse attentive|étude attentive)",
    r"\btras (?:una )?(?:cuidadosa|detenida) (?:consideración|revisión|valoración)",
    r"\bdopo (?:un'attenta|attenta|un'accurata) (?:valutazione|analisi)",
    r"\bapós (?:uma )?(?:análise|avaliação) cuidadosa", r"\bna zorgvuldige overweging",
)
FAREWELL_CUE = _rx(
    r"\bkeep your (?:details|cv|resume|résumé|profile|information|application) on (?:file|record)",
    r"\b(?:in|to) our talent (?:pool|community|network)\b", r"\btalentpool\b",
    r"\bfuture (?:opportunities|openings|roles|vacancies|positions)\b",
    r"\bzukünftige (?:stellen|vakanzen|positionen|ausschreibungen)",
    r"\bfutures? (?:opportunités|offres|postes)\b", r"\bvivier de (?:talents|candidats)",
    r"\bfuturas (?:oportunidades|vacantes|posiciones)\b", r"\bbanco de talentos\b",
    r"\bbolsa de (?:talento|empleo)\b", r"\bfuture (?:opportunità|posizioni)\b",
    r"\btoekomstige (?:vacatures|functies)\b",
    r"\bwish you (?:every|all the best|the (?:very )?best|success|luck|well)\b",
    r"\b(?:best of|good) luck (?:in|with) your (?:job )?(?:search|future|career|next)",
    r"\balles gute (?:für|auf) (?:ihren|deinen|ihre|deine)", r"\bviel erfolg (?:bei|für|auf)",
    r"\bbonne (?:continuation|chance dans vos recherches)", r"\bplein succès\b",
    r"\bpleine réussite\b", r"\b(?:mucho )?éxito en (?:tu|su) búsqueda",
    r"\bsuerte en (?:tu|su) (?:búsqueda|futuro|carrera)",
    r"\bsuccesso (?:per|nel) (?:il )?(?:tuo|suo)",
    r"\bsucesso (?:na|em) (?:sua|tua) (?:busca|procura|carreira|jornada)",
    r"\bsucces (?:met|bij) (?:je|uw) (?:zoektocht|verdere)",
)
# Asking to move ("Could we move it to Friday?"): a proposal until the other side agrees.
PROPOSE = _rx(
    r"\b(?:could|can|may|shall) (?:we|i) (?:move|push|shift|reschedule|postpone|change|bump)\b",
    r"\b(?:would|is) it (?:be )?possible to (?:move|push|shift|reschedule|postpone|change)",
    r"\bhow about\b", r"\bwould (?:you|it) be (?:ok|okay|alright|possible)\b",
)
# A hold, not a plan: the time may still move.
TENTATIVE = _rx(
    # ("the slot we'd pencilled in" is an earlier hold: ``rules`` skips it)
    r"\bplaceholder\b", r"\btime may (?:well |still )?change", r"\bpencil(?:l?ed)? in\b",
    r"\bhold\s*[-–:|]", r"\bhold the date\b", r"\bnot (?:final|confirmed) yet\b",
    r"\bnot yet (?:final|confirmed)\b",
    # "two tentative holds on your calendar ... don't treat either as confirmed yet"
    r"\btentative holds?\b", r"\b(?:don't|do not) treat (?:\w+ ){0,2}as confirmed\b",
)
# The sender says the time stays as it was: "the other old thing" is then not the time.
_TIME_KEPT = (
    r"\b(?:date and time|time|date) (?:is |are |remains? |stays? )(?:the same|unchanged)",
    r"\bno change to the (?:date|time)", r"\bsame (?:date and time|day and time|date & time)\b",
    r"\bsame (?:day|date),? (?:and )?same time\b",
)
TIME_KEPT = _rx(*_TIME_KEPT)
# Only the invitation's details changed, not its time.
NOT_MOVED = _rx(
    r"\bchanged: (?:description|location|title|guests|conferencing|attachments"
    r"|(?:google meet |zoom |teams )?joining info|meeting link|video call)(?:, (?:description"
    r"|location|title|guests|conferencing|attachments|(?:google meet |zoom |teams )?joining info"
    r"|meeting link|video call))*(?![a-z, ]*\btime)",
    r"\bnothing else (?:has )?changed\b", *_TIME_KEPT,
    r"\b(?:only|just) (?:added|adding|to add|updated|updating|changed) (?:the |a )?"
    r"(?:zoom|teams|meet|video|dial-in|link|location|room|description|agenda)",
)
# The invitation was changed ("Your interview has been updated"): with SEQUENCE > 0 a
# new time unless ``NOT_MOVED`` says only the details changed.
UPDATED = _rx(
    r"\b(?:has been|have been|was|been) updated\b", r"\bupdated (?:calendar )?invit",
    r"\binterview updated\b", r"\bthis event has been changed",
    r"\baktualisiert\b", r"\bmis(?:e)? à jour\b", r"\bactualizad[ao]\b", r"\baggiornat[oa]\b",
    r"\bbijgewerkte?\b", r"\batualizad[ao]\b", r"\buppdaterad\b", r"\bzaktualizowan",
)
# Someone else's interview: a friend writing about hers, or a candidate answering me.
# The sender's own interview, in words no employer writes ("I got the interview!!").
SENDERS_OWN_INTERVIEW = _rx(
    r"\bi (?:just )?got the interview\b", r"\bi(?:'ve| have) got an? (?:[\w-]+ )?interview\b",
    r"\bi (?:got|made it|got through|went through) (?:through )?to the (?:final|next|second|third)"
    r" (?:round|stage)\b",
    r"\bwish me luck\b",
)
THEIR_INTERVIEW = _rx(
    r"\bmy (?:[\w-]+ ){0,3}(?:final round|interviews?|onsite|panel|loop)\b",
    r"\b(?:il mio|ho il|ho un) colloquio\b", r"\bmi entrevista\b", r"\bmon entretien\b",
    r"\bminha entrevista\b", r"\bmein (?:vorstellungs|bewerbungs)?gespräch\b",
    r"\bmijn (?:sollicitatie)?gesprek\b", r"\bmoja rozmowa\b", r"\bmin intervju\b",
    r"\b(?:they|he|she) (?:just )?(?:confirmed|scheduled|booked) my\b",
)
# A friend's good wishes for my interview: not the employer speaking.
WELL_WISHES = _rx(
    r"\bgood luck\b", r"\bbest of luck\b", r"\bfingers crossed\b", r"\bbreak a leg\b",
    r"\blet me know how it goes\b", r"\byou(?:'ll| will) (?:smash|nail|ace|crush) it\b",
    r"\bviel erfolg\b", r"\bbonne chance\b", r"\bmucha suerte\b", r"\bboa sorte\b",
    r"\bin bocca al lupo\b", r"\bsucces\b(?= (?:met|morgen|vandaag))",
)
# A friend asking after my search: the job is the talk, not the meeting.
MY_SEARCH = _rx(
    r"\b(?:the|your|ur) job (?:hunt|search)\b", r"\bhow (?:the|your) (?:search|applications?) "
    r"(?:is|are) going\b", r"\b(?:the|your) jobsuche\b", r"\bta recherche d'emploi\b",
    r"\btu búsqueda de (?:trabajo|empleo)\b",
)
# What I wrote when I am the one hiring ("Thanks for applying to the role on my team").
I_HIRE = _rx(
    r"\bthanks? (?:you )?for applying\b", r"\bon my team\b", r"\bjoin my team\b",
    r"\b(?:i'd|i would|we'd|we would) like to invite you (?:for|to)\b",
)
# An offer conversation: good news, but not an interview.
OFFER = _rx(
    r"\boffer (?:call|conversation|discussion|meeting|chat)",
    r"\bdetails of (?:our|your|the) offer",
    r"\byour offer\b", r"\bwalk you through (?:the |our |your )?offer",
    r"\b(?:like|love|pleased|delighted|happy|thrilled) to offer you\b",
    r"\boffer you the (?:[\w-]+ ){0,4}(?:role|position|job)\b", r"\bwritten offer\b",
    r"\bproposta di assunzione", r"\boferta de (?:emprego|empleo|trabajo)",
    r"\bproposition d'embauche", r"\bpromesse d'embauche", r"\bvertragsangebot",
    r"\bpropuesta de incorporación", r"\bcarta (?:de )?oferta", r"\bjob offer\b",
    r"\bcarta-proposta\b", r"\bapresentar uma proposta\b", r"\bproposta (?:de trabalho|salarial)",
    r"\bpropuesta (?:de trabajo|económica|salarial)", r"\barbeitsvertrag\b",
    # signing the contract: the job is won
    r"\b(?:contract signing|sign(?:ing)? (?:the|your) contract)\b", r"\bvertragsunterzeichnung",
    r"\bsignature (?:du|de votre) contrat", r"\bfirma del contrat[oa]", r"\bfirmare il contratto",
    r"\bassinatura do contrato", r"\bcontract (?:tekenen|ondertekenen)", r"\bpodpisani[ea] umowy",
    r"\bskriva (?:på )?(?:avtal|anställningsavtal)",
)
# Times that are no appointment: a signature's office hours, a note on the clocks changing.
OFFICE_HOURS = _rx(
    r"\boffice hours", r"\bopening hours", r"\boffice timings", r"\bworking hours",
    r"\bbusiness hours", r"\bhours of business", r"\bhelp ?desk\b", r"\b(?:reception|phone"
    r"|support|helpline) hours", r"\bhours\s*:", r"\bhorario de atención",
    r"\bhorario de oficina", r"\bjoignable", r"\berreichbar", r"\btelefonzeiten",
    r"\bbürozeiten", r"\böffnungszeiten", r"\bheures d'ouverture", r"\borari d'ufficio",
    r"\borario d'ufficio", r"\bopeningstijden", r"\bkantooruren",
    r"\bmon\.?\s*[-–]\s*(?:thu|thurs|fri|sat)\b", r"\bmo\.?\s*[-–]\s*fr\b",
    r"\blun\.?\s*[-–]\s*(?:ven|vie|sab|sam)\b", r"\bma\s*[-–]\s*vr\b",
    r"\bmonday\s+(?:to|through|-|–)\s+(?:thursday|friday|saturday)",
    r"\bi (?:work|am in|'m in|’m in) \d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?\s*[-–]",
    r"\blundi au vendredi", r"\blunes a viernes",
    r"\bmontag bis freitag", r"\bmaandag (?:t/m|tot en met) vrijdag", r"\bsegunda a sexta",
    r"\blunedì al venerdì",
)
CLOCK_CHANGE = _rx(
    r"\bclocks? (?:change|changes|go back|go forward|spring|fall)", r"\bdaylight saving",
    r"\buhren\b.{0,40}umgestellt", r"\bzeitumstellung", r"\bauf sommerzeit umgestellt",
    r"\bauf winterzeit umgestellt", r"\bchangement d'heure",
    r"\bcambio de hora", r"\bmudança de horário", r"\bora legale", r"\bzomertijd",
    r"\bwintertijd",
)
# Words that give a body's language away, in one pattern read once (PT/IT/NL only count
# as "not English": all three write the day first, which is all ``language`` decides).
_LANGUAGE_WORDS = {
    "de": ("und", "sie", "ihr", "ihre", "ihrn", "ihren", "uhr", "bei", "wir", "termin",
           "freundlichen"),
    "fr": ("vous", "votre", "nous", "entretien", "heure", "cordialement", "bonjour"),
    "es": ("usted", "tu", "hora", "entrevista", "saludos", "gracias", "hola"),
    "other": ("você", "voce", "vcs", "sua", "seu", "obrigado", "obrigada", "abraço", "abraços",
              "abs", "olá", "oi", "então", "amanhã", "horário", "às", "aí", "né", "vou", "grazie",
              "saluti", "gentile", "colloquio", "ciao", "alle ore", "je", "jij", "bedankt",
              "groet", "groeten", "hoi", "gesprek", "uur"),
}
_LANGUAGE_OF = {word: lang for lang, words in _LANGUAGE_WORDS.items() for word in words}


def _whole_words(words: list[str]) -> str:
    """Any of ``words``, whole ("\\b(?:...)\\b"), grouped by first character, the leading
    boundary read after it ("(?<!\\w.)"): the pattern then starts with a literal in each
    alternative, and the regex engine skips in C to a character that can start a word
    (with a leading \\b it tried every position). Each match is one whole word, whichever
    the order (test_speed_equivalence compares it with the plain alternation)."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "(?:" + "|".join(re.escape(first) + r"(?<!\w.)(?:" + "|".join(rests) + ")"
                            for first, rests in groups.items()) + r")\b"


_LANGUAGE_RX = re.compile(_whole_words(list(_LANGUAGE_OF)))


def first(rx: Phrase, *texts: str) -> Hit | None:
    """The first text's match of ``rx``. The prefilter's answer is asked here, before any
    call: most phrases are in none of the texts (``rx.search`` would say the same)."""
    number = rx._number
    for text in texts:
        if text:
            present = _PRESENT.get(text)
            if present is None:
                present = _presence(text)
            if number in present:
                m = rx.search(text)
                if m:
                    return m
    return None


def language(text: str) -> str:
    """A cheap guess at the body's language: decides how "3/10" reads."""
    counts = {"de": 0, "fr": 0, "es": 0, "other": 0}
    for m in _LANGUAGE_RX.finditer(text[:1500].lower()):
        counts[_LANGUAGE_OF[m.group(0)]] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 3 else "en"
