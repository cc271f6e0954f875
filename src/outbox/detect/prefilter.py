"""Which phrases can match a text at all, found in one pass.

Most messages hold three or four of detection's thirty-odd phrases, yet each
phrase's regex would scan the whole text to find that out. RE2 (a DFA, linear
in the text and indifferent to the number of alternatives) answers for all of
them at once with a ``Set``: a phrase whose pattern is not in the answer is
skipped, and only the few that are run their own regex.

RE2 has no lookarounds and its ``\\b`` is ASCII-only, so each Python pattern is
translated to a *superset*: lookarounds and anchors are dropped, counted repeats
become ``*``, and text and patterns are folded to ASCII (any other character as
"?", see ``fold``). A text the superset does not match cannot match the
original, so skipping is always safe; a text it does match is decided by the
original regex, exactly as before. Without the ``re2`` module (or for a pattern
that cannot be translated) every phrase simply runs. The callers keep what it
said of each text (``phrases``).
"""

from __future__ import annotations

import logging
import re
import re._constants as sre  # the parsed-pattern vocabulary of ``re`` itself
import re._parser as sre_parse
from collections.abc import Sequence
from typing import Any

try:
    import re2
except ImportError:  # pragma: no cover - google-re2 is a dependency; still, degrade
    re2 = None

log = logging.getLogger(__name__)

# RE2 reads the text folded to ASCII, every other character as "?" (``fold``): one
# byte a character and a small automaton, where Unicode classes and UTF-8 would make
# it many times larger. The patterns are folded the same way, so that whatever the
# original matches, the folded pattern matches in the folded text.
_OTHER = r"\x{3f}"  # "?", what any non-ASCII character becomes
_CATEGORIES = {  # the ASCII part of each class, and whether it is the class's negation
    sre.CATEGORY_DIGIT: ("0-9", False), sre.CATEGORY_NOT_DIGIT: ("0-9", True),
    sre.CATEGORY_WORD: ("0-9a-zA-Z_", False), sre.CATEGORY_NOT_WORD: ("0-9a-zA-Z_", True),
    sre.CATEGORY_SPACE: (r"\t\n\x{b}\x{c}\r\x{1c}-\x{20}", False),
    sre.CATEGORY_NOT_SPACE: (r"\t\n\x{b}\x{c}\r\x{1c}-\x{20}", True),
}


def fold(low: str) -> bytes:
    """The text as RE2 reads it: ASCII, any other character as "?"."""
    return low.encode("ascii", "replace")


_SHORT_REPEAT = 3  # "x{0,3}" is kept as it is; longer counts become "*"


class Untranslatable(ValueError):
    """A construct with no RE2 superset here (a backreference, say)."""


def to_re2(pattern: str) -> str:
    """An RE2 pattern matching every text ``pattern`` matches (case-sensitively, as
    the phrases run on lower-cased text), and possibly a few more."""
    return _emit(_edges(list(sre_parse.parse(pattern)), True, True))


_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _nullable(op: Any, av: Any) -> bool:
    """Can the item match nothing (an anchor or lookaround, dropped anyway, counts)?"""
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return True
    if op in _REPEATS:
        return av[0] == 0 or all(_nullable(*item) for item in av[2])
    if op is sre.SUBPATTERN:
        return all(_nullable(*item) for item in av[-1])
    if op is sre.BRANCH:
        return any(all(_nullable(*item) for item in branch) for branch in av[1])
    return False


def _edges(seq: list[tuple[Any, Any]], lead: bool, trail: bool) -> list[tuple[Any, Any]]:
    """The pattern with what it may match at its ends cut to the least: the set asks only
    *whether* a text holds a match, and a text holds one of "\\s*(?:a|b)\\s+" exactly when
    it holds one of "a|b" followed by one blank. Each item the automaton need not follow
    is states it need not build: the first pass over new mail builds fewer."""
    items = list(seq)
    while trail and items and _nullable(*items[-1]):
        items.pop()
    while lead and items and _nullable(*items[0]):
        items.pop(0)
    out = []
    for i, (op, av) in enumerate(items):
        first, last = lead and i == 0, trail and i == len(items) - 1
        if (first or last) and op in _REPEATS:
            op, av = op, (av[0], av[0], av[2])  # "x{2,5}" at an end: "x{2}" is there too
        elif (first or last) and op is sre.SUBPATTERN:
            av = (*av[:-1], _edges(av[-1], first, last))
        elif (first or last) and op is sre.BRANCH:
            av = (av[0], [_edges(branch, first, last) for branch in av[1]])
        out.append((op, av))
    return out


def _char(code: int) -> str:
    if code > 0x7F:
        return _OTHER
    c = chr(code)
    return c if c.isalnum() or c == " " else f"\\x{{{code:x}}}"


def _class(items: Sequence[tuple[Any, Any]]) -> str:
    """A character class, folded: "?" (any non-ASCII character) is let through wherever
    a non-ASCII character could be, and never shut out by a negated class."""
    negate = any(op is sre.NEGATE for op, _ in items)
    parts = []
    for op, av in items:
        if op is sre.NEGATE:
            continue
        if op is sre.LITERAL:
            if av > 0x7F or av == ord("?"):
                if not negate:
                    parts.append(_OTHER)
            else:
                parts.append(_char(av))
        elif op is sre.RANGE:
            low, high = av
            if low <= 0x7F:
                parts.append(f"{_char(low)}-{_char(min(high, 0x7F))}")
            if high > 0x7F and not negate:
                parts.append(_OTHER)
        elif op is sre.CATEGORY:
            body, negated = _CATEGORIES[av]
            if negated:  # "[\W]", "[^\W]"; "[^\W\d_]" (a letter) is taken as any character
                if len(items) > 2 or (len(items) == 2 and not negate):
                    return "(?s:.)"
                return f"[{body}{_OTHER}]" if negate else f"[^{body}]"
            parts.append(body if negate else body + _OTHER)
        else:
            raise Untranslatable(str(op))
    if negate and not parts:
        return "(?s:.)"
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


def _emit(seq: Sequence[tuple[Any, Any]]) -> str:
    """The RE2 superset of a parsed pattern."""
    out = []
    for op, av in seq:
        if op is sre.LITERAL:
            out.append(_char(av))
        elif op is sre.NOT_LITERAL:  # "?" may stand for any other non-ASCII character
            out.append("(?s:.)" if av > 0x7F or av == ord("?") else f"[^{_char(av)}]")
        elif op is sre.ANY:
            out.append("(?s:.)")
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            pass  # anchors, boundaries and lookarounds only narrow a match: drop them
        elif op is sre.SUBPATTERN:
            out.append(f"(?:{_emit(av[-1])})")
        elif op is sre.BRANCH:
            out.append("(?:" + "|".join(_emit(branch) for branch in av[1]) + ")")
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, item = av
            inner = _emit(item)
            if high is sre.MAXREPEAT or high > _SHORT_REPEAT:
                # "[^.]{0,60}" as "[^.]*": counting multiplies the automaton's states
                out.append(f"(?:{inner})" + ("+" if low else "*"))
            else:
                out.append(f"(?:{inner}){{{low},{high}}}")
        elif op is sre.IN:
            out.append(_class(av))
        elif op is sre.CATEGORY:
            body, negated = _CATEGORIES[av]
            out.append(f"[^{body}]" if negated else f"[{body}{_OTHER}]")
        else:
            raise Untranslatable(str(op))
    return "".join(out)


class Prefilter:
    """Patterns registered one by one, compiled into one RE2 set on first use."""

    def __init__(self, max_mem: int = 64 << 20) -> None:
        self._max_mem = max_mem  # for RE2's automaton of every phrase at once
        # Each phrase's alternatives as registered: translated only when first needed,
        # so that importing detection (every command does) costs no translation.
        self._sources: list[tuple[str, ...]] = []
        self._compiled: tuple[Any, list[int], frozenset[int]] | None = None
        self._direct = False  # RE2 numbers the phrases as we do (it took every one)

    def add(self, alternatives: Sequence[str]) -> int:
        """Register a phrase (its alternatives, as its regexes are built); its number."""
        self._sources.append(tuple(alternatives))
        self._compiled = None  # compiled again, with this one, on next use
        return len(self._sources) - 1

    def patterns(self) -> list[str | None]:
        """The RE2 pattern of each phrase, None for one that cannot be translated."""
        out: list[str | None] = []
        for alternatives in self._sources:
            try:
                out.append("|".join(to_re2(a) for a in alternatives))
            except (Untranslatable, KeyError, re.error) as exc:
                log.debug("phrase not prefiltered (%s): %s", exc, alternatives[:1])
                out.append(None)
        return out

    def present(self, low: str) -> frozenset[int]:
        """The numbers of the phrases that may match the lower-cased ``low``: all that
        do, and perhaps a few more."""
        return self._match(low)

    def _match(self, low: str) -> frozenset[int]:
        if self._compiled is None:
            self._compile()
        assert self._compiled is not None
        compiled, numbers, always = self._compiled
        if compiled is None:
            return always
        found = compiled.Match(fold(low))
        # The last pattern matches every text (at its start): without it in the answer,
        # RE2 gave up (its automaton out of memory) and said nothing about the others.
        sentinel = len(numbers)
        if not found or sentinel not in found:
            return frozenset(range(len(self._sources)))
        if self._direct:  # its numbers are ours: only the sentinel to drop (in C)
            return frozenset(found).difference((sentinel,))
        return frozenset(numbers[i] for i in found if i < sentinel) | always

    def _compile(self) -> None:
        everything = frozenset(range(len(self._sources)))
        if re2 is None:
            log.debug("re2 not installed: every phrase runs its own regex")
            self._compiled = (None, [], everything)
            return
        options = re2.Options()
        options.encoding = re2.Options.Encoding.LATIN1  # the text is ``fold``ed: bytes
        options.max_mem = self._max_mem
        options.log_errors = False  # a refusal is handled here, not printed by RE2
        compiled = re2.Set.SearchSet(options)
        numbers: list[int] = []  # ours, by RE2's (it numbers what it accepts 0, 1, 2...)
        for number, pattern in enumerate(self.patterns()):
            try:
                if pattern is not None and compiled.Add(pattern.encode("ascii")) == len(numbers):
                    numbers.append(number)
            except re2.error as exc:  # the phrase just always runs
                log.debug("RE2 refused phrase %d: %s", number, exc)
        try:
            # The sentinel, numbered len(numbers): an empty match at the text's start. (An
            # empty pattern matched at every position: the automaton's every state was a
            # match, and every byte read recorded it, twice the instructions a pass.)
            compiled.Add(rb"\A")
            compiled.Compile()
        except re2.error as exc:
            log.warning("phrase prefilter off (%s): every phrase runs its own regex", exc)
            self._compiled = (None, [], everything)
            return
        self._compiled = (compiled, numbers, everything - frozenset(numbers))
        self._direct = numbers == list(range(len(self._sources)))
