"""Gmail's search language (``q=``), the subset a mail reader needs.

Operators: ``rfc822msgid:``, ``in:`` (inbox, sent, drafts, trash, spam,
anywhere, chats, starred, important, or a label), ``label:``, ``is:`` (unread,
read, starred, important), ``from:``, ``to:``, ``cc:``, ``bcc:``, ``subject:``,
``after:``/``before:`` (YYYY/MM/DD — midnight *Pacific time*, as Gmail
documents — or epoch seconds), ``newer_than:``/``older_than:`` (Nd, Nm, Ny),
``has:attachment``, ``filename:``; plain words and "quoted phrases"; ``OR``
(binds tighter than the implicit AND), ``{a b}`` (any of), ``( )``, ``-``
(not). An unknown ``op:value`` is searched as text, like Gmail does. There is
no search on arbitrary headers (``X-Outbox-Key`` is not searchable in Gmail).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from tests.fakes.gmail_render import text_of
from tests.fakes.gmail_store import Mailbox, StoredMessage

PACIFIC = ZoneInfo("America/Los_Angeles")
_OPERATORS = {
    "rfc822msgid", "in", "label", "is", "from", "to", "cc", "bcc", "subject", "after", "before",
    "newer_than", "older_than", "has", "filename",
}
_IN = {"inbox": "INBOX", "sent": "SENT", "drafts": "DRAFT", "draft": "DRAFT", "trash": "TRASH",
       "spam": "SPAM", "chats": "CHAT", "chat": "CHAT", "starred": "STARRED",
       "important": "IMPORTANT"}
_UNITS = {"d": 1, "m": 30, "y": 365}

Predicate = Callable[[StoredMessage], bool]


@dataclass(frozen=True)
class Term:
    key: str  # "" for free text
    value: str


def tokenize(query: str) -> list:
    tokens: list = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
            continue
        if c in "(){}":
            tokens.append(c)
            i += 1
            continue
        if c == "-" and i + 1 < n and not query[i + 1].isspace():
            tokens.append("NOT")
            i += 1
            continue
        if c == '"':
            end = query.find('"', i + 1)
            end = n if end < 0 else end
            tokens.append(Term("", query[i + 1:end]))
            i = end + 1
            continue
        m = re.match(r"([A-Za-z_0-9]+):", query[i:])
        if m and m.group(1).lower() in _OPERATORS:
            key = m.group(1).lower()
            i += m.end()
            if i < n and query[i] == '"':
                end = query.find('"', i + 1)
                end = n if end < 0 else end
                tokens.append(Term(key, query[i + 1:end]))
                i = end + 1
                continue
            start = i
            while i < n and not query[i].isspace() and query[i] not in "(){}":
                i += 1
            tokens.append(Term(key, query[start:i]))
            continue
        start = i
        while i < n and not query[i].isspace() and query[i] not in "(){}\"":
            i += 1
        word = query[start:i]
        tokens.append(word if word in ("OR", "AND") else Term("", word))
    return tokens


class _Parser:
    def __init__(self, tokens: list, evaluate: Callable[[Term], Predicate]) -> None:
        self.tokens, self.pos, self.evaluate = tokens, 0, evaluate

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self):
        token = self.peek()
        self.pos += 1
        return token

    def conjunction(self, until: str | None) -> Predicate:
        items = []
        while self.peek() is not None and self.peek() != until:
            if self.peek() in ("AND", ")", "}"):
                self.take()  # explicit AND, or a stray closer Gmail ignores
                continue
            items.append(self.disjunction())
        return lambda m: all(p(m) for p in items)

    def disjunction(self) -> Predicate:
        items = [self.unary()]
        while self.peek() == "OR":
            self.take()
            items.append(self.unary())
        return items[0] if len(items) == 1 else (lambda m: any(p(m) for p in items))

    def unary(self) -> Predicate:
        token = self.take()
        if token == "NOT":
            inner = self.unary()
            return lambda m: not inner(m)
        if token == "(":
            inner = self.conjunction(")")
            self.take()
            return inner
        if token == "{":
            items = []
            while self.peek() not in (None, "}"):
                items.append(self.unary())
            self.take()
            return lambda m: any(p(m) for p in items)
        if isinstance(token, Term):
            return self.evaluate(token)
        if token in ("OR", "AND"):
            return self.evaluate(Term("", token))
        return lambda m: True


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _contains_words(haystack: str, needle: str) -> bool:
    hay, words = _words(haystack), _words(needle)
    if not words:
        return True
    return any(hay[i:i + len(words)] == words for i in range(len(hay) - len(words) + 1))


def _parse_day(value: str) -> int | None:
    """Epoch milliseconds of midnight Pacific on the given day, or the given epoch seconds."""
    if re.fullmatch(r"\d{9,}", value):
        return int(value) * 1000
    for pattern in ("%Y/%m/%d", "%Y-%m-%d", "%m/%d/%Y"):
        try:
            day = dt.datetime.strptime(value, pattern)
        except ValueError:
            continue
        return int(day.replace(tzinfo=PACIFIC).timestamp() * 1000)
    return None


class Search:
    """Compiles ``q`` for one mailbox at one moment."""

    def __init__(self, mailbox: Mailbox, now: float) -> None:
        self.mailbox, self.now_ms = mailbox, int(now * 1000)

    def compile(self, query: str) -> Predicate:
        return _Parser(tokenize(query), self.term).conjunction(None)

    def _label(self, name: str) -> str | None:
        label = self.mailbox.label_by_name(name)
        return label.id if label else None

    def term(self, term: Term) -> Predicate:
        key, value = term.key, term.value
        low = value.casefold()
        if key == "":
            return lambda m: _contains_words(
                " ".join([m.subject, m.header("From") or "", m.header("To") or "",
                          m.header("Cc") or "", text_of(m)]), value)
        if key == "rfc822msgid":
            wanted = value.strip().strip("<>")
            return lambda m: m.message_id.strip("<>") == wanted
        if key in ("in", "label"):
            if key == "in" and low == "anywhere":
                return lambda m: True
            label = _IN.get(low) if key == "in" else None
            label = label or self._label(value)
            return lambda m: label is not None and label in m.label_ids
        if key == "is":
            if low == "read":
                return lambda m: "UNREAD" not in m.label_ids
            label = {"unread": "UNREAD", "starred": "STARRED", "important": "IMPORTANT"}.get(low)
            return lambda m: label is not None and label in m.label_ids
        if key in ("from", "to", "cc", "bcc"):
            return lambda m: low in (m.header(key) or "").casefold()
        if key == "subject":
            return lambda m: _contains_words(m.subject, value)
        if key in ("after", "before"):
            edge = _parse_day(value)
            if edge is None:
                return self.term(Term("", f"{key}:{value}"))
            if key == "after":
                return lambda m: m.internal_date >= edge
            return lambda m: m.internal_date < edge
        if key in ("newer_than", "older_than"):
            m_ = re.fullmatch(r"(\d+)([dmy])", low)
            if not m_:
                return self.term(Term("", f"{key}:{value}"))
            edge = self.now_ms - int(m_.group(1)) * _UNITS[m_.group(2)] * 86_400_000
            if key == "newer_than":
                return lambda m: m.internal_date >= edge
            return lambda m: m.internal_date < edge
        if key == "has":
            return lambda m: low == "attachment" and any(
                p.get_filename() for p in m.parsed.walk())
        if key == "filename":
            return lambda m: any(low in (p.get_filename() or "").casefold()
                                 for p in m.parsed.walk())
        return self.term(Term("", f"{key}:{value}"))


def asks_for_trash_or_spam(query: str) -> bool:
    """Gmail leaves Trash and Spam out of a search unless the query names them."""
    for token in tokenize(query or ""):
        if isinstance(token, Term) and token.key in ("in", "label") and token.value.casefold() in (
            "trash", "spam", "anywhere"
        ):
            return True
    return False
