"""What a careful friend would point out before a draft is sent.

``check`` returns one plain sentence per problem; ``compose.render`` puts them
in a note at the top of the draft so that it never looks finished. The checks
are deliberately literal (no guessing at style): leftovers of templates,
greetings without a name or with someone else's, doubled words, common
misspellings, a company written in the wrong case, an empty or overlong body.
"""

from __future__ import annotations

import re
import unicodedata

MAX_WORDS = 400

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_PLACEHOLDERS = (
    re.compile(r"\{\{[^\n]{0,40}?\}\}|\{%[^\n]{0,40}?%\}|\{#[^\n]{0,40}?#\}"),
    re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"),
    re.compile(r"\[\s*(?:\.\.\.|…|_+|-+|\?+)?\s*\]"),  # [], [...], [___], [?]
    re.compile(r"\[[A-Z][A-Z0-9 _/&.'-]*[A-Z0-9]\]"),  # [NAME], [COMPANY NAME]
    re.compile(r"\[\s*(?:insert|your|add|enter|name|first name|company|role|position|job title"
               r"|title|date|time|interviewer|recipient|topic|detail|something)\b[^\[\]\n]{0,60}\]",
               re.I),
    re.compile(r"<<[^<>\n]{1,60}>>|<\s*(?:insert|your|add|enter|name|first name|company|role"
               r"|position|job title|title|date|interviewer|recipient|topic)\b[^<>\n@]{0,60}>",
               re.I),
    re.compile(r"(?<![\w{])\{[A-Za-z_][A-Za-z0-9_.]*\}|%\([A-Za-z_]+\)[sd]|\$\{[^}\n]*\}"),
    re.compile(r"\b(?:TODO|TBD|FIXME|XXX+)\b"),
    re.compile(r"\b(?:at|the|with|for|to|on|about|of|in|and|join|Hi|Dear|Hello)\s+"
               r"(?:None|null|undefined|NaN)\b"),
)
_GREETING = re.compile(
    r"(?P<word>dear|hi|hello|hey|greetings|good (?:morning|afternoon|evening))\b"
    r"(?P<rest>[^\n]*)", re.I,
)
_HONORIFICS = frozenset({"mr", "mrs", "ms", "mx", "miss", "dr", "prof", "professor", "sir",
                         "madam", "dame", "herr", "frau"})
_GENERIC = frozenset({"there", "all", "everyone", "everybody", "team", "folks", "hiring",
                      "recruiting", "recruitment", "talent", "manager", "committee", "and",
                      "the", "colleagues", "friends", "again", "people", "panel"})
_DOUBLED = re.compile(r"\b([^\W\d_]+)(?:[ \t]+|[ \t]*\n[ \t]*)(\1)\b", re.I)
_DOUBLED_OK = frozenset({"had", "that"})
_MISSPELLINGS = {
    "recieve": "receive", "recieved": "received", "oppurtunity": "opportunity",
    "oppertunity": "opportunity", "oportunity": "opportunity", "opportunty": "opportunity",
    "definately": "definitely", "seperate": "separate", "occured": "occurred",
    "untill": "until", "thier": "their", "interveiw": "interview", "intervew": "interview",
    "sincerly": "sincerely", "sincerley": "sincerely", "accomodate": "accommodate",
    "reccomend": "recommend", "recomend": "recommend", "greatful": "grateful",
    "apreciate": "appreciate", "appriciate": "appreciate", "beleive": "believe",
    "belive": "believe", "buisness": "business", "comittee": "committee",
    "enviroment": "environment", "experiance": "experience", "familar": "familiar",
    "foward": "forward", "wich": "which", "teh": "the", "truely": "truly",
    "succesful": "successful", "successfull": "successful", "managment": "management",
    "postion": "position", "posistion": "position", "refrences": "references",
    "referances": "references", "collegue": "colleague", "collegues": "colleagues",
    "acheive": "achieve", "knowlege": "knowledge", "tommorow": "tomorrow",
    "tomorow": "tomorrow", "thankyou": "thank you", "alot": "a lot", "regrads": "regards",
}


def _fold(text: str) -> str:
    """Case- and accent-insensitive form for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _names(text: str) -> set[str]:
    return {_fold(w) for w in _WORD.findall(text or "")}


def _placeholders(text: str) -> list[str]:
    found: list[str] = []
    covered: list[tuple[int, int]] = []
    for pattern in _PLACEHOLDERS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in covered):
                continue
            covered.append(m.span())
            found.append(f"unfilled placeholder {m.group(0).strip()!r}")
    return found


def _greeting(text: str, recipient_name: str, company: str | None) -> list[str]:
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    m = _GREETING.match(first)
    if not m:
        return []
    rest = m.group("rest")
    name = "" if rest.lstrip().startswith(".") else re.split(r"[,!:;]", rest, maxsplit=1)[0]
    name = name.strip().rstrip(".")
    if len(name.split()) > 4:  # a sentence, not a name: "Hi. I hope you are well"
        return []
    if not name:
        if m.group("word").lower() == "dear" or re.match(r"\s+[,!:;.]", rest):
            return [f"the greeting has no name ({first!r})"]
        return []
    allowed = _names(recipient_name) | _names(company or "") | _GENERIC | _HONORIFICS
    strangers = [w for w in _WORD.findall(name) if _fold(w) not in allowed]
    if strangers:
        to = recipient_name.strip() or "an address without a name"
        return [f"the greeting names {name!r}, but the draft goes to {to}"]
    return []


def _doubled(text: str) -> list[str]:
    out = []
    for m in _DOUBLED.finditer(text):
        if m.group(1).lower() not in _DOUBLED_OK:
            phrase = f"{m.group(1)} {m.group(2)}"
            if f"doubled word {phrase!r}" not in out:
                out.append(f"doubled word {phrase!r}")
    return out


def _spelling(text: str) -> list[str]:
    out = []
    for word in _WORD.findall(text):
        right = _MISSPELLINGS.get(word.lower())
        if right and f"{word!r} should be {right!r}" not in out:
            out.append(f"{word!r} should be {right!r}")
    return out


def _company_case(text: str, company: str | None) -> list[str]:
    if not company or len(company) < 3:
        return []
    # Not inside an address or a link: "grace@acme.example" is fine.
    pattern = re.compile(rf"(?<![\w@./-]){re.escape(company)}(?![\w@/-]|\.\w)", re.I)
    wrong = {m.group(0) for m in pattern.finditer(text) if m.group(0) != company}
    return [f"the company is written {w!r}; it is {company!r}" for w in sorted(wrong)]


def check(body: str, *, recipient_name: str, company: str | None,
          max_words: int = MAX_WORDS) -> list[str]:
    """Problems a human would want flagged before sending ``body``; [] when clean."""
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n")
    words = _WORD.findall(text)
    if not words:
        return ["the draft is empty"]
    problems = [
        *_placeholders(text),
        *_greeting(text, recipient_name or "", company),
        *_doubled(text),
        *_spelling(text),
        *_company_case(text, company),
    ]
    if len(words) > max_words:
        problems.append(f"the draft is long ({len(words)} words; aim for under {max_words})")
    return problems
