"""Message bodies -> the text detection reads.

HTML becomes text with the stdlib parser (scripts, styles and the head are
dropped: a date in a tracking script is not an interview). Quoted history is
cut off: in a reply, the old scheduling request below "On ... wrote:" must
not count against the new confirmation above it.
"""

from __future__ import annotations

import logging
import re
from html import unescape

from outbox.detect.phrases import lowered, may_hold_key, register_keys
from outbox.model import Message

log = logging.getLogger(__name__)

# Detection reads this much of a body: what a message says about an interview
# comes first; signatures, disclaimers and marketing come after. It also bounds
# the cost of hostile bodies.
MAX_TEXT = 6_000
MAX_HTML = 60_000

_SKIP_TAGS = frozenset({"script", "style", "head", "title", "noscript", "template", "svg"})
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "section", "article", "header", "footer", "hr", "pre", "dt", "dd",
})
_CELL_TAGS = frozenset({"td", "th"})
_LABEL_MAX = 30  # a table row's first cell this short is a form's label
# Struck-through text is what no longer holds: a rescheduling mail's old time.
_STRUCK_TAGS = frozenset({"s", "strike", "del"})
_STRUCK_STYLE_RX = re.compile(r"line-through", re.IGNORECASE)

# The "Sent:" line of a quoted or forwarded message's header block, in the mail clients'
# languages ("Enviado el:", "Envoyé le :" carry a little word before the colon).
SENT_LINE = (r"(?:sent|gesendet|envoyé|enviado|enviada|inviato|verzonden|wysłano|skickat|date"
             r"|datum|data)(?:\s+(?:el|le|il|am|op|den))?\s*:")
# Where quoted history starts in a reply (EN/DE/FR/ES clients, Outlook, Gmail).
_QUOTE_HEADER_RX = re.compile(
    r"^\s*(?:"
    r"on\b.{0,300}\bwrote:\s*$"
    r"|am\b.{0,300}\bschrieb.{0,200}:\s*$"
    r"|le\b.{0,300}\ba écrit\s*:\s*$"
    r"|el\b.{0,300}\bescribió\s*:\s*$"
    r"|em\b.{0,300}\bescreveu\s*:\s*$"
    r"|il\b.{0,300}\bha scritto\s*:\s*$"
    r"|op\b.{0,300}\bschreef.{0,200}:\s*$"
    r"|w dniu\b.{0,300}\b(?:pisze|napisał|napisała)\s*:\s*$"
    r"|den\b.{0,300}\bskrev.{0,200}:\s*$"
    r"|-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine"
    r"|mensaje original|forwarded message)\s*-{2,}"
    r"|_{20,}\s*$"
    r"|(?:from|von|de|da|van|od|från)\s?:\s.{1,200}$(?=\n\s*" + SENT_LINE + ")"
    r")",
    re.IGNORECASE | re.MULTILINE,
)
# Each alternative above holds one of these words, lower-cased (where it holds other
# letters, the ASCII run of them: "crit" of "a écrit", "ano:" of "wysłano:"): a text
# holding none has no quote header, and the pattern (tried at every position) need
# not run. In any case the pattern's letters match only themselves, lower- or
# upper-case, but for three (``_ODD_FOLDS``): a text holding one of them is searched.
_QUOTE_KEYS = (
    "wrote:", "schrieb", "crit", "escrib", "escreveu", "ha scritto", "schreef", "w dniu",
    "skrev", "original message", "nachricht", "message d'origine", "mensaje original",
    "forwarded message", "_" * 20,
    # ``SENT_LINE``'s words, with or without the little word before the colon
    "sent:", "sent :", "gesendet:", "gesendet am", "envoy", "enviad", "inviato:", "inviato il",
    "verzonden:", "verzonden op", "ano:", "skickat:", "skickat den", "date:", "date :",
    "datum:", "datum :", "data:", "data :",
)
_ODD_FOLDS = "\u0130\u0131\u017f"  # "İ" and "ı" match "i", "ſ" matches "s"
# The keys are asked of the RE2 key set in one pass (``phrases.may_hold_key``), where each
# was a scan of its own (thirty-five a text, and a text is asked more than once).
_QUOTE_KEYS_NUMBER = register_keys(_QUOTE_KEYS)


def _quote_header(text: str) -> re.Match[str] | None:
    """``_QUOTE_HEADER_RX.search(text)``, not run where it cannot match: where the text
    (lower-cased, line breaks as spaces: each key is then still there) holds none of the
    keys, which ``may_hold_key`` tells from one RE2 pass."""
    if ((text.isascii() or not any(map(text.__contains__, _ODD_FOLDS)))
            and not may_hold_key(_QUOTE_KEYS_NUMBER, text)):
        return None
    return _QUOTE_HEADER_RX.search(text)


# Literal-first patterns: the regex engine then skips ahead in C.
_URL_RX = re.compile(r"(?:https?://|www\.)([^\s/<>\"')]+)[^\s<>\"]*", re.IGNORECASE)
_ODD_BLANKS = "\t\r\f\v\u00a0\u2007\u202f"
_ODD_BLANKS_RX = re.compile(f"[{_ODD_BLANKS}]")
_SPACES_RX = re.compile(r"  +")
_MANY_NEWLINES_RX = re.compile(r"\n\s*\n\s*\n+")


# One pass over the tags (what html.parser does, at a fraction of the cost): a
# tag's attributes may hold ">" inside quotes; comments and declarations go.
_TAG_RX = re.compile(
    # Outlook writes namespaced tags ("<o:p>", "<v:shape>"): a prefix is part of the name
    r"<(?:(?P<close>/)?(?P<tag>[a-zA-Z][a-zA-Z0-9]*(?::[a-zA-Z][a-zA-Z0-9]*)?)"
    r"(?:\s(?:\"[^\"]*\"|'[^']*'|[^'\">])*)?/?>"
    r"|!--.*?(?:-->|\Z)|![^>]*>|\?[^>]*>)",
    re.DOTALL,
)


def words_pattern(words: list[str]) -> str:
    """A regex matching any of ``words``, longest first, as a trie ("jan(?:uary)?"): the
    regex engine then tries a few letters at each position, not every word."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        # (a space in a phrase stands for any run of spaces: "czasu\npolskiego" is wrapped)
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(sub)
                for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return "(?:" + build(trie) + ")"


def html_to_text(html: str) -> str:
    html = html[:MAX_HTML]
    low = html.lower()
    struck = "line-through" in low or "<s>" in low or "<s " in low or "<del" in low or (
        "<strike" in low)
    parts: list[str] = []
    pos = 0
    cell = -1  # where the row's last cell started in ``parts`` (-1: none yet)
    for m in _TAG_RX.finditer(html):
        start, end = m.span()
        if start < pos:
            continue  # inside a skipped element
        if start > pos:
            parts.append(html[pos:start])
        pos = end
        closing, tag = m.groups()  # the groups "close" and "tag", in one call
        if tag is None:
            continue
        tag = tag.lower()
        if tag in _BLOCK_TAGS:
            parts.append("\n")
            if tag == "tr":
                cell = -1
        elif tag in _CELL_TAGS and not closing:
            # A form's row, "<td>Interview time</td><td>09:45</td>", reads as a label and
            # its value: "Interview time: 09:45".
            label = "".join(parts[cell:]).strip() if cell >= 0 else ""
            parts.append(": " if 0 < len(label) <= _LABEL_MAX and label[-1].isalnum() else " ")
            cell = len(parts)
        elif tag in _SKIP_TAGS and not closing and not m.group(0).endswith("/>"):
            close = low.find("</" + tag, pos)
            pos = len(html) if close == -1 else close  # the end tag itself is skipped next
        elif struck and not closing and (
                tag in _STRUCK_TAGS or _STRUCK_STYLE_RX.search(m.group(0))):
            pos = _element_end(low, tag, pos)
    parts.append(html[pos:])
    text = "".join(parts)
    if "&" in text:
        text = unescape(text)
    return tidy(text)


def _find_tag(low: str, prefix: str, start: int, end: int = -1) -> int:
    """Where ``prefix`` ("<s", "</s") starts a tag of that very name ("<span" is no "<s")."""
    end = len(low) if end == -1 else end
    at = low.find(prefix, start, end)
    while at != -1 and low[at + len(prefix):at + len(prefix) + 1] not in (">", " ", "/", "\t",
                                                                          "\n", "\r"):
        at = low.find(prefix, at + 1, end)
    return at


def _element_end(low: str, tag: str, pos: int) -> int:
    """Where the element opened just before ``pos`` ends (at its end tag, which is
    skipped next); elements of the same name inside it are counted."""
    depth = 1
    while True:
        close = _find_tag(low, "</" + tag, pos)
        if close == -1:
            return len(low)
        inner = _find_tag(low, "<" + tag, pos, close)
        if inner == -1:
            depth -= 1
            if depth == 0:
                return close
            pos = close + len(tag) + 2
        else:
            depth += 1
            pos = inner + len(tag) + 1


def tidy(text: str) -> str:
    """One space for any run of blanks, no blanks around line ends, at most one empty line."""
    if any(map(text.__contains__, _ODD_BLANKS)):  # a few C scans rather than the regex's
        text = _ODD_BLANKS_RX.sub(" ", text)
    # Each pass only when it has work: most bodies need one or two of them.
    if "  " in text:
        text = _SPACES_RX.sub(" ", text)
    # No two spaces are left in a row now: " +\n" and "\n +" are one space each, which
    # str.replace removes in C (the regexes tried a match at every space).
    text = text.replace(" \n", "\n").replace("\n ", "\n")
    # Nor does a space touch a line end: in ASCII text without the separators \x1c-\x1f,
    # the only blanks between line ends are line ends, and three in a row are the work.
    if "\n\n" in text and ("\n\n\n" in text or not text.isascii()
                           or any(map(text.__contains__, "\x1c\x1d\x1e\x1f"))):
        text = _MANY_NEWLINES_RX.sub("\n\n", text)
    return text.strip()


def body_text(message: Message) -> str:
    """The readable body: text/plain, else the HTML as text."""
    text = message.text
    if not text.strip() and message.html:
        return html_to_text(message.html)[:MAX_TEXT]
    return tidy(text[: MAX_TEXT * 2])[:MAX_TEXT]


# A forwarded message's subject ("Fwd:", "WG:", "TR:", "RV:")
FORWARD_RX = re.compile(r"^\s*(?:fwd?|wg|tr|rv|fw)\s*:", re.IGNORECASE)


def fresh_part(text: str) -> str:
    """The part the sender wrote now: no quoted lines, nothing after the quote header."""
    cut = _quote_header(text)
    if cut and cut.start() > 0:
        text = text[: cut.start()]
    if ">" in text:
        text = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith(">"))
    return text.strip()


# A rule of dashes, underscores or equals signs above what a forwarder pasted below the
# note ("-------- WhatsApp chat: Tom --------")
_PASTED_RX = re.compile(r"^[ \t]*(?:-{4,}|_{4,}|={4,})", re.MULTILINE)


def forward_note_end(full: str, news: str) -> int:
    """Where a forwarder's own note ends in ``news`` (what detection reads of the forward
    ``full``): at the forwarded message's quote header, or at a rule above what was
    pasted below the note, whichever comes first."""
    note = len(split_links(fresh_part(full))[0])
    pasted = _PASTED_RX.search(news)
    return min(note, pasted.start()) if pasted else note


def split_links(text: str) -> tuple[str, str]:
    """(text with each link replaced by its host, the links themselves).

    Paths are noise to the phrase rules ("meetup-join" in a Teams link is not a
    meetup) and dates in them are not interview times; the links are kept
    apart for the rules that want them (a Calendly booking page)."""
    # lower-cased once for every reader of the text (``lowered``), not just for this
    low = lowered(text)
    if "://" not in text and "www." not in low:
        return text, ""
    links: list[str] = []
    if len(low) != len(text):  # offsets in ``low`` would not align: search everywhere

        def host(m: re.Match[str]) -> str:
            links.append(m.group(0))
            return " " + m.group(1) + " "

        return _URL_RX.sub(host, text), "\n".join(links)
    # A link starts where "http" or "www." is written (in any case; no other character
    # folds to these letters): the pattern is tried there only, not at every position.
    parts: list[str] = []
    done = 0
    for start in sorted((*_find_all(low, "http"), *_find_all(low, "www."))):
        if start < done:
            continue
        m = _URL_RX.match(text, start)
        if m is None:
            continue
        parts += (text[done:start], " ", m.group(1), " ")
        links.append(m.group(0))
        done = m.end()
    if not links:
        return text, ""
    parts.append(text[done:])
    return "".join(parts), "\n".join(links)


def _find_all(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text``, in order."""
    out = []
    at = text.find(word)
    while at != -1:
        out.append(at)
        at = text.find(word, at + 1)
    return out


_QUOTE_MARK_RX = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_HEADER_LINE_RX = re.compile(
    r"^(?:from|sent|to|cc|subject|date|von|gesendet|an|betreff|de|envoyé|à|objet|enviado|para"
    r"|asunto):.*$\n?", re.IGNORECASE | re.MULTILINE)


def quoted_part(text: str) -> str:
    """The mail being answered (one level of quoting, headers dropped): where the
    time is when the new text only says "see you then" or forwards an invitation.
    Callers read it only when the fresh part has no time of its own."""
    cut = _quote_header(text)
    if cut is None:
        # No header line above the quote (iPhone puts it inside: "> Am 15.03. schrieb"):
        # the first level of ">" lines is the message answered.
        first = text.find("\n>")
        if first < 0:
            return ""
        rest = text[first + 1:]
        lines = [_QUOTE_MARK_RX.sub("", line, count=1) for line in rest.split("\n")
                 if line.lstrip().startswith(">") and not line.lstrip().startswith(">>")]
        return fresh_part(_HEADER_LINE_RX.sub("", "\n".join(lines)).strip())
    rest = text[cut.end():]
    if ">" in rest:
        lines = rest.split("\n")
        rest = "\n".join(_QUOTE_MARK_RX.sub("", line, count=1) for line in lines
                         if not line.lstrip().startswith(">>"))
    return fresh_part(_HEADER_LINE_RX.sub("", rest).strip())
