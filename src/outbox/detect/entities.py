"""The company and the role a message is about.

Candidates come from the subject and invitation summary, then the body, then
the sender's display name, then a domain that is neither an applicant-tracking
system nor free mail. A candidate that matches the employer's domain wins;
people's names never count as companies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from outbox.detect.people import is_freemail, is_platform, registrable, squash
from outbox.model import Address


def _words(text: str) -> list[str]:
    return text.split()


_WORD = r"[A-Z0-9À-Ö][\w&'’+-]*(?:\.[\w&'’+-]+)*"
_CO = rf"(?P<co>{_WORD}(?:[ \t]+(?:&[ \t]+)?{_WORD}){{0,3}})"
_LEGAL = r"(?P<legal>[ \t]+(?:GmbH|AG|SE|SA|SAS|SL|S\.A\.|Inc\.?|LLC|Ltd\.?|plc|BV|B\.V\.|KG))?"

_SUBJECT_COMPANY_RX = [
    re.compile(r"(?i:\b(?:interview|call|chat|meeting|conversation|screen|onsite|application"
               r"|candidacy|entretien|entrevista|gespräch|bewerbung|candidature|candidatura)"
               r"\s+(?:with|at|to|avec|con|chez|mit|bei|à|en)\s+)" + _CO + _LEGAL),
    re.compile(r"(?i:\b(?:at|chez|bei(?:\s+der)?)\s+)" + _CO + _LEGAL + r"\s*(?:$|[-–|:(])"),
    re.compile(r"^\s*(?:(?i:re|fwd?|aw|wg|tr)\s*:\s*)*" + _CO + _LEGAL
               + r"\s*[|–-]\s*(?i:.*\b(?:interview|invitation|entretien|entrevista|gespräch))"),
    re.compile(r"\(" + _CO + _LEGAL + r"\)\s*$"),
]


class _Triggered:
    """A lower-case, literal-first trigger found fast in the lower-cased text, then
    the case-sensitive tail (a name is capitalised) matched right after it."""

    __slots__ = ("tail", "trigger")

    def __init__(self, trigger: str, tail: str) -> None:
        self.trigger, self.tail = re.compile(trigger), re.compile(tail)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        low = text.lower()
        if len(low) != len(text):  # offsets would not align: read the text as written
            low = text
        for hit in self.trigger.finditer(low):
            if hit.start() and low[hit.start() - 1].isalnum():
                continue  # inside a word
            m = self.tail.match(text, hit.end())
            if m:
                yield m


_BODY_COMPANY_RX = [
    _Triggered(r"(?:interest in (?:joining\s+)?|interesse an\s+|intérêt pour\s+|interés en\s+)",
               _CO + _LEGAL),
    _Triggered(r"(?:role|position|opening|job|team|opportunity|career|interview)s?\s+"
               r"(?:at|with)\s+", _CO + _LEGAL),
    _Triggered(r"interviewing with\s+", _CO + _LEGAL),
    _Triggered(r"(?:for applying|your application|application) (?:to|with|at)\s+", _CO + _LEGAL),
    _Triggered(r"(?:bei der\s+|bei\s+|chez\s+)", _CO + _LEGAL),
    _Triggered(r"(?:puesto|vacante|posición)\b", r"[^.\n]{0,60}?\ben\s+" + _CO + _LEGAL),
]
_DISPLAY_SUFFIX_RX = re.compile(
    r"\s*(?:talent acquisition|recruiting|recruitment|recruiters?|talent|careers?|jobs|hiring"
    r"|hr|people(?: team| ops)?|team|karriere|personalabteilung|recrutement|rrhh|empleo)"
    r"(?:\s+team)?\s*$",
    re.IGNORECASE,
)
_DISPLAY_AT_RX = re.compile(r"\b(?:at|@|from|bei|chez|de)\s+" + _CO + r"\s*$")
_DISPLAY_SPLIT_RX = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")
_VIA_RX = re.compile(r"\s+via\s+.*$", re.IGNORECASE)

_NOT_COMPANIES = frozenset(squash(w) for w in _words(
    "the you your we our us zoom teams microsoft teams google meet google hangouts webex "
    "phone video interview invitation confirmation the team hiring team recruiting "
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december noon et pt ct mt utc gmt "
    "cet cest bst est pst this that next tomorrow today home our office onsite "
    "hi hello dear thanks thank unsubscribe linkedin indeed senior re fw fwd aw"
))

_ROLE_WORDS = frozenset(_words(
    "engineer engineering developer scientist analyst manager designer director lead architect "
    "consultant specialist administrator intern internship associate head officer coordinator "
    "researcher recruiter product marketing sales accountant writer editor programmer "
    "technician sre devops data software backend frontend fullstack full-stack qa tester "
    "support operations vp cto ceo cfo counsel attorney nurse teacher ingenieur ingenieurin "
    "entwickler entwicklerin berater beraterin leiter leiterin referent referentin ingénieur "
    "ingénieure développeur développeuse chef responsable ingeniero ingeniera desarrollador "
    "desarrolladora analista jefe jefa científico científica gerente"
))
_ROLE = (
    r"(?P<role>[A-Za-zÀ-ÿ0-9][\w/&+#.,'’-]*"
    r"(?:[ \t]+(?!(?:role|position)\b)[\w/&+#.'’()-]+){0,6}?)"
)
_ROLE_RX = [
    _Triggered(r"for (?:the|our|a|an)\s+",
               _ROLE + r"(?i:\s+(?:role|position|opening|job|vacancy|opportunity|req)\b)"),
    _Triggered(r"(?:role|position) of\s+(?:an?\s+)?", _ROLE + r"(?=\s*(?:[.,;:\n!(]|$))"),
    _Triggered(r"(?:bewerbung als\s+|als\s+|poste d[e']\s*|puesto de\s+)",
               _ROLE + r"(?=\s*(?:\(|[.,;:\n!]|$| bei | chez | en | at ))"),
]
_SUBJECT_ROLE_RX = [
    re.compile(r"(?i:\b(?:interview|entretien|entrevista|vorstellungsgespräch\w*)"
               r"(?:\s+(?:confirmation|confirmed|invitation|availability|request))?\s*[:–-]\s*)"
               + _ROLE + r"(?=\s*(?:\s(?i:at|@|chez|bei|en)\s|[(|]|$))"),
    re.compile(r"(?:^|:\s*)" + _ROLE + r"(?i:\s+(?:interview|position|role)\b)"),
    re.compile(r"[–-]\s*" + _ROLE + r"\s*$"),
]
_BODY_HEAD = 2_500  # company and role are named near the top, not in the signature
_GENDER_TAG_RX = re.compile(r"\s*\((?:[mwfdx]\s*/\s*){1,3}[mwfdx]\)|\s*\(all genders\)", re.I)


@dataclass(frozen=True, slots=True)
class Found:
    value: str
    source: str


def _clean_company(raw: str) -> str:
    return raw.strip(" .,;:!-–|'\"")


_NOT_COMPANY_WORDS = frozenset({"interview", "invitation", "req", "requisition"})


def _company_ok(value: str, people: frozenset[str]) -> bool:
    key = squash(value)
    if not key or len(value) > 60 or key in _NOT_COMPANIES or key in people:
        return False
    words = [w.lower().strip("()/,") for w in value.split()]
    # "Re: Data Governance Lead - first interview": a job title is not the employer.
    return not any(w in _NOT_COMPANY_WORDS or w in _ROLE_WORDS for w in words)


def company_from_display(name: str, sender_is_robot: bool) -> str | None:
    """"Acme Recruiting" -> "Acme"; "Jane at Acme" -> "Acme"; "Julia – Nordwind GmbH" ->
    "Nordwind GmbH"; "Hooli" (a robot's display name) -> "Hooli"."""
    if not name or " via " in f" {name.lower()} ":
        return None
    at = _DISPLAY_AT_RX.search(name)
    if at:
        return _clean_company(at.group("co"))
    parts = [p for p in _DISPLAY_SPLIT_RX.split(name) if p.strip()]
    if len(parts) > 1:
        return _clean_company(parts[-1])
    stripped = _DISPLAY_SUFFIX_RX.sub("", name)
    if stripped != name and stripped.strip():
        return _clean_company(stripped)
    return _clean_company(name) if sender_is_robot else None


def company_from_domain(domain: str, texts: Iterable[str]) -> str | None:
    """acme.com -> "Acme", spelled as the text spells it when it does ("DevTalk")."""
    if not domain or is_platform(domain) or is_freemail(domain):
        return None
    label = registrable(domain).split(".")[0]
    if len(label) < 2:
        return None
    pattern = re.compile(r"\b" + r"[\s-]?".join(re.escape(c) for c in label) + r"\b", re.I)
    for text in texts:
        m = pattern.search(text)
        if m and m.group(0)[0].isupper():
            return m.group(0)
    return " ".join(part.capitalize() for part in label.split("-"))


def company_candidates(subject: str, summary: str, body: str) -> list[Found]:
    body = body[:_BODY_HEAD]
    found = []
    for source, text, patterns in (("summary", summary, _SUBJECT_COMPANY_RX),
                                   ("subject", subject, _SUBJECT_COMPANY_RX),
                                   ("body", body, _BODY_COMPANY_RX)):
        if not text:
            continue
        for rx in patterns:
            for m in rx.finditer(text):
                value = _clean_company(m.group("co") + (m.group("legal") or ""))
                found.append(Found(value, source))
    return found


def pick_company(
    candidates: list[Found], domain_company: str | None, people: frozenset[str]
) -> Found | None:
    valid = [c for c in candidates if _company_ok(c.value, people)]
    if domain_company:
        key = squash(domain_company)
        for c in valid:
            if squash(c.value).startswith(key) or key.startswith(squash(c.value)):
                return Found(c.value, c.source + "+domain")
    return valid[0] if valid else None


def company_domain(contacts: Iterable[Address]) -> str | None:
    """The employer's mail domain: the first contact's that is neither an
    applicant-tracking system, a job board, nor free mail."""
    for address in contacts:
        if address.domain and not is_platform(address.domain) and not is_freemail(address.domain):
            return address.domain
    return None


def _clean_role(raw: str, drop: Iterable[str]) -> str:
    role = _GENDER_TAG_RX.sub("", raw)
    for name in drop:
        if name:
            role = re.sub(re.escape(name) + r"\s*[/–|-]?\s*", "", role, flags=re.IGNORECASE)
    role = re.sub(r"^(?:the|our|a|an)\s+", "", role.strip(), flags=re.IGNORECASE)
    return role.strip(" .,;:!-–|/'\"()")


def _looks_like_role(role: str) -> bool:
    words = [w.lower().strip("()/,") for w in role.split()]
    return 0 < len(words) <= 7 and any(w in _ROLE_WORDS for w in words)


def find_role(subject: str, summary: str, body: str, drop: Iterable[str]) -> Found | None:
    drop = [d for d in drop if d]
    body = body[:_BODY_HEAD]
    for source, text in (("body", body), ("summary", summary)):
        for rx in _ROLE_RX:
            for m in rx.finditer(text):
                role = _clean_role(m.group("role"), drop)
                if _looks_like_role(role):
                    return Found(role, source)
    for source, text in (("summary", summary), ("subject", subject)):
        for rx in _SUBJECT_ROLE_RX:
            for m in rx.finditer(text):
                role = _clean_role(m.group("role"), drop)
                if _looks_like_role(role):
                    return Found(role, source)
    return None


_WORD_RX = re.compile(r"[\w-]+")


def role_in(subject: str) -> str | None:
    """A job title word in the subject ("Re: Staff Data Engineer"): the thread is about a role."""
    for m in _WORD_RX.finditer(subject):
        if m.group(0).lower() in _ROLE_WORDS:
            return m.group(0)
    return None
