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
from functools import lru_cache
from typing import Any

from outbox.detect.days import only_date_words
from outbox.detect.people import domain_name, is_freemail, is_platform, registrable, squash
from outbox.detect.phrases import (
    literal_first,
    lowered,
    may_hold,
    may_hold_key,
    register,
    register_keys,
)
from outbox.model import Address


def _words(text: str) -> list[str]:
    return text.split()


_WORD = r"[A-Z0-9À-Ö][\w&'’+-]*(?:\.[\w&'’+-]+)*"
_CO = rf"(?P<co>{_WORD}(?:[ \t]+(?:&[ \t]+)?{_WORD}){{0,3}})"
_LEGAL = r"(?P<legal>[ \t]+(?:GmbH|AG|SE|SA|SAS|SL|S\.A\.|Inc\.?|LLC|Ltd\.?|plc|BV|B\.V\.|KG))?"

_SUBJECT_COMPANY_RX = [
    re.compile(r"(?i:\b(?:interview|call|chat|meeting|conversation|screen|onsite|application"
               r"|candidacy|entretien|entrevista|gespräch|bewerbung|candidature|candidatura)s?"
               r"\s+(?:with|at|to|avec|con|chez|mit|bei|à|en)\s+)" + _CO + _LEGAL),
    re.compile(r"(?i:\b(?:interview|invitation|entretien|entrevista)(?:\s+(?:confirmed|confirmation"
               r"|scheduled|invitation|request))?\s*[-–|:]\s*)" + _CO + _LEGAL + r"\s*[-–|]"),
    re.compile(r"(?i:\b(?:at|chez|bei(?:\s+der)?)\s+)" + _CO + _LEGAL + r"\s*(?:$|[-–|:(])"),
    re.compile(r"^\s*(?:(?i:re|fwd?|aw|wg|tr)\s*:\s*)*" + _CO + _LEGAL
               + r"\s*[|–-]\s*(?i:.*\b(?:interview|invitation|entretien|entrevista|gespräch))"),
    re.compile(r"\(" + _CO + _LEGAL + r"\)\s*$"),
    re.compile(r"\s[-–|]\s*" + _CO + _LEGAL + r"\s*$"),
    # An agency's "Halewood Freight - Analytics Engineering Lead": the client comes first
    # (read last: only when nothing better names the employer).
    re.compile(r"^\s*(?:(?i:re|fwd?|aw|wg|tr)\s*:\s*)*" + _CO + _LEGAL + r"\s+[-–|]\s+\S"),
    # "Confirmed: Fathom Kiln interview on Tue, May 12"; "Reminder: your Acme onsite"
    re.compile(r"(?i:^\s*(?:(?:re|fwd?)\s*:\s*)*(?:confirmed|reminder|scheduled|invitation|booked"
               r"|updated(?: invitation)?|cancel+ed|rescheduled)\s*:\s*(?:your\s+)?)" + _CO
               + _LEGAL + r"(?i:\s+(?:interview|phone screen|screen|onsite|call|chat)\b)"),
]


class _Triggered:
    """A lower-case, literal-first trigger found fast in the lower-cased text, then
    the case-sensitive tail (a name is capitalised) matched right after it. Most
    texts hold no trigger at all: the phrases' one RE2 pass says so (``prefilter``)."""

    __slots__ = ("_number", "tail", "trigger")

    def __init__(self, trigger: str, tail: str) -> None:
        self.trigger, self.tail = re.compile(literal_first(trigger)), re.compile(tail)
        self._number = register([trigger])

    def finditer(self, text: str, end: int | None = None) -> Iterable[re.Match[str]]:
        """The matches in ``text[:end]``; when the prefilter rules them out, none at
        once (no generator is made: most texts are asked of most patterns in vain)."""
        if not may_hold(self._number, text):
            return ()
        return self._matches(text, end)

    def _matches(self, text: str, end: int | None) -> Iterator[re.Match[str]]:
        end = len(text) if end is None else min(end, len(text))
        low = lowered(text)
        if len(low) != len(text):  # offsets would not align: read the text as written
            low = text
        for hit in self.trigger.finditer(low, 0, end):
            if hit.start() and low[hit.start() - 1].isalnum():
                continue  # inside a word
            m = self.tail.match(text, hit.end(), end)
            if m:
                yield m


_BODY_COMPANY_RX = [
    _Triggered(r"(?:interest in (?:joining\s+)?|interesse an\s+|intérêt pour\s+|interés en\s+)",
               _CO + _LEGAL),
    _Triggered(r"(?:role|position|opening|job|team|opportunity|career|interview)s?\s+"
               r"(?:at|with)\s+", _CO + _LEGAL),
    _Triggered(r"interviewing with\s+", _CO + _LEGAL),
    _Triggered(r"(?:(?:my|our) client,?\s+|on behalf of (?:my |our )?(?:client,?\s+)?)",
               _CO + _LEGAL),
    _Triggered(r"(?:for applying|your application|application) (?:to|with|at)\s+", _CO + _LEGAL),
    _Triggered(r"(?:bei der\s+|bei\s+|chez\s+)", _CO + _LEGAL),
    _Triggered(r"(?:puesto|vacante|posición)\b", r"[^.\n]{0,60}?\ben\s+" + _CO + _LEGAL),
]
# An agency's (or a system's) mail names the employer in words like these; the employer's
# own mail has its domain to go by, so they are read only when there is none.
_THIRD_PARTY_COMPANY_RX = [
    # "votre entretien avec Maison Ferlac", "spotkania z firmą Zielnik Software"
    _Triggered(r"(?:(?:entretien|rendez-vous) (?:avec|chez)\s+|(?:entrevista|reunión) con\s+"
               r"|(?:gespräch|kennenlerngespräch|vorstellungsgespräch|interview) (?:mit|bei)"
               r"(?: der| dem)?\s+|mandanten,? (?:der |die |dem )?|(?:colloquio|incontro) con\s+"
               r"|(?:gesprek|kennismaking) (?:met|bij)\s+|(?:intervju|möte) (?:med|hos)\s+"
               r"|z firmą\s+|firmą\s+|(?:entrevista|conversa) com a\s+|(?:il nostro cliente"
               r"|notre client"
               r"|nuestro cliente|unserem kunden|onze klant|vår kund)\s+)", _CO + _LEGAL),
]
_DISPLAY_SUFFIX_RX = re.compile(
    r"\s*(?:talent acquisition|recruiting|recruitment|recruiters?|talent|careers?|jobs|hiring"
    r"|human resources|hiring team"
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
    "hi hello dear thanks thank unsubscribe linkedin indeed senior re fw fwd aw "
    "dr mr mrs ms miss prof frau herr herrn mme mlle sr sra calendar google calendar reminder "
    "notification invitation updated cancelled canceled hold"
))
# Head nouns of job titles: "Aegean Data Systems" is a company, "Data Engineer" is not.
_TITLE_WORDS = frozenset(_words(
    "engineer engineers developer scientist analyst manager designer director lead architect "
    "consultant specialist administrator intern internship associate head officer coordinator "
    "researcher recruiter accountant writer editor programmer technician tester vp cto ceo cfo "
    "counsel attorney nurse teacher technologist actuary aktuar ingenieur ingenieurin entwickler "
    "entwicklerin berater beraterin leiter leiterin referent referentin ingénieur ingénieure "
    "développeur développeuse chef responsable ingeniero ingeniera desarrollador desarrolladora "
    "analista jefe jefa científico científica gerente consultante analyste sviluppatore "
    "stage round screen"
))
# Last words that make a name a company ("Lumen Labs"), even when a name finder took it
# for a person.
_COMPANY_TAILS = frozenset(_words(
    "labs lab systems software technologies technology tech health bio energy capital partners "
    "group insurance bank media analytics solutions studio studios logistics payments pharma "
    "pharmaceuticals robotics instruments foods mobility network networks semiconductor "
    "ventures holdings industries consulting cloud data ai security financial union"
))
# Agencies place candidates with a client: their own name is not the employer's.
_AGENCY_RX = re.compile(r"recruit|talent|search|staffing|headhunt|personnel|placement"
                        r"|personalberat|personaldienst|personalvermittl|\bpersonal\b"
                        r"|recrutement|reclutamiento|recrutamento|rekrutacj|\brh\b|\bhr\b"
                        r"|werving|selectie|rekryt|selezione|selección|seleccion"
                        r"|\bexecutive\b", re.IGNORECASE)

_ROLE_WORDS = frozenset(_words(
    "technologist actuary aktuar consultante analyste "
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
_BODY_HEAD = 1500  # company and role are named near the top, not in the signature


class _Keyed:
    """A subject pattern and the words, one of which each of its matches holds (in any
    case): a subject holding none is not searched (most subjects hold few of them).
    The patterns are not the phrases' RE2 prefilter's: they read capitals and whole
    subjects (".*"), and their supersets made RE2's automaton many times larger. Their
    keys are plain words: one pass of the RE2 key set over the subject says which it may
    hold (``phrases.may_hold_key``), where each pattern scanned it for each of its keys."""

    __slots__ = ("_number", "keys", "rx")

    def __init__(self, rx: re.Pattern[str], keys: tuple[str, ...]) -> None:
        self.rx, self.keys = rx, keys
        self._number = register_keys(keys)

    def finditer(self, text: str) -> Iterable[re.Match[str]]:
        """The pattern's matches; none, with no search, when no key is in ``text`` (lower-
        cased). The key set's no comes first (a key in the lower-cased text is in its
        text too, line breaks as spaces); its yes may be a guess, and is checked."""
        if not may_hold_key(self._number, text):
            return ()
        low = lowered(text)
        return self.rx.finditer(text) if any(map(low.__contains__, self.keys)) else ()


_INTERVIEW_KEYS = ("interview", "invitation", "entretien", "entrevista", "gespräch")
_DASHES = ("-", "–", "|")
_SUBJECT_COMPANY = [_Keyed(rx, keys) for rx, keys in zip(_SUBJECT_COMPANY_RX, (
    ("interview", "call", "chat", "meeting", "conversation", "screen", "onsite", "application",
     "candidacy", "entretien", "entrevista", "gespräch", "bewerbung", "candidature",
     "candidatura"),
    ("interview", "invitation", "entretien", "entrevista"),
    ("at", "chez", "bei"),
    _INTERVIEW_KEYS,
    ("(",),
    _DASHES,
    _DASHES,
    ("confirmed", "reminder", "scheduled", "invitation", "booked", "updated", "cancel",
     "rescheduled"),
), strict=True)]
_GENDER_TAG_RX = re.compile(r"\s*\((?:[mwfdx]\s*/\s*){1,3}[mwfdx]\)|\s*\(all genders\)", re.I)
_SUBJECT_ROLE = [_Keyed(rx, keys) for rx, keys in zip(_SUBJECT_ROLE_RX, (
    ("interview", "entretien", "entrevista", "vorstellungsgespräch"),
    ("interview", "position", "role"),
    _DASHES[:2],
), strict=True)]


@dataclass(frozen=True, slots=True)
class Found:
    value: str
    source: str


_TRAILING_JUNK = frozenset(_words(
    "technical interview interviews final round phone video virtual screen call chat onsite "
    "first second third team recruiting recruitment hiring careers talent acquisition hr "
    # a place, not the name: "Halcyon Grid HQ", "Tsing Yi Securities Tower"
    "hq headquarters tower building campus offices office"
))


def _clean_company(raw: str) -> str:
    """"Merlion Pay Technical" (from "Merlion Pay Technical Interview") -> "Merlion Pay"."""
    words = raw.strip(" .,;:!-–|'\"").split()
    while len(words) > 1 and words[-1].lower() in _TRAILING_JUNK:
        words.pop()
    if len(words) > 1 and words[0].lower() in _LEADING_JUNK and words[1].lower() not in (
            _STATUS_WORDS):
        words.pop(0)  # "Colloquio Olivetta Pagamenti - Product Analyst": the meeting's word
    return " ".join(words).strip(" .,;:!-–|'\"")


_NOT_COMPANY_WORDS = frozenset({"interview", "invitation", "req", "requisition"})
# A name never starts with a possessive ("bei Ihrer Suche": in your search).
_POSSESSIVES = frozenset(_words(
    "ihrer ihre ihrem ihren ihres unser unsere unserer unserem unseren deiner deine deinem "
    "votre notre vos nos nuestro nuestra vuestro vuestra"))
_STATUS_WORDS = frozenset(_words(
    "scheduled confirmed confirmation reminder invitation update updated request details"))
_LEADING_JUNK = frozenset(_words(
    "interview colloquio entretien entrevista entrevue gesprek gespräch intervju rozmowa"))


_TWO_LETTERS_RX = re.compile(r"[^\W\d_][^\n]*?[^\W\d_]")


def company_ok(value: str, people: frozenset[str]) -> bool:
    shaped, key, tail = _company_shape(value)
    return shaped and not (key in people and not tail)


@lru_cache(maxsize=4096)  # the same few names, from message after message
def _company_shape(value: str) -> tuple[bool, str, bool]:
    """What ``company_ok`` asks of the name alone: (a company's name but for the people
    in the message, its squashed key, whether its last word ends company names)."""
    key = squash(value)
    if not key or len(value) > 60 or key in _NOT_COMPANIES:
        return False, key, False
    if not _TWO_LETTERS_RX.search(value) or only_date_words(value):  # "1:30pm", "10 June"
        return False, key, False
    words = [w.lower().strip("()/,") for w in value.split()]
    # "Re: Data Governance Lead - first interview": a job title is not the employer.
    shaped = not any(w in _NOT_COMPANY_WORDS or w in _TITLE_WORDS for w in words) and (
        words[0] not in _POSSESSIVES)
    return shaped, key, words[-1] in _COMPANY_TAILS


@lru_cache(maxsize=4096)  # asked of the same few names and domains again and again
def is_agency(name: str) -> bool:
    """"Fenwick Recruitment", "bridgefordtalent.com", "Hartwell Search": a recruitment agency."""
    return bool(_AGENCY_RX.search(name))


# An agency's own name, not an employer's department ("Acme Talent Acquisition").
_AGENCY_NAME_RX = re.compile(
    r"staffing|search|headhunt|personnel|placement|recruitment (?:ltd|limited|group|agency"
    r"|partners|consultants|solutions)|recruiters\b|talent (?:partners|solutions|group)",
    re.IGNORECASE)
# An agency speaks of its client, in each language, or of "their" people ("she's their
# Chief Clinical Information Officer": not the writer's own company).
_CLIENT_RX = re.compile(
    r"\b(?:my|our) client\b|\bon behalf of (?:my |our )?client\b|\bmandant|\bnotre client"
    r"|\bcôté client\b|\bnuestro cliente\b|\bil nostro cliente\b|\bper conto di\b"
    r"|\bunser(?:em|es)? kunden?\b|\bonze klant\b|\bvår kund\b|\bnasz(?:ego|ym)? klient"
    r"|\bpo stronie klienta\b|\bnosso cliente\b"
    r"|\btheir (?:head of|chief|cto|ceo|cfo|coo|vp|director|hiring manager|team lead"
    r"|engineering manager)\b")
# Each of its phrases holds one of these (most texts hold none: the regex need not run).
_CLIENT_KEYS = ("client", "mandant", "kunde", "klant", "kund", "klient", "per conto", "their ")
_CLIENT_KEYS_NUMBER = register_keys(_CLIENT_KEYS)


def sender_is_agency(display: str, domain: str, text: str) -> bool:
    """An agency writing: its name says so ("Sam Hill | Hays Recruitment" from hays.com), or
    it speaks of "my client" (the RE2 key set tells first whether the text may hold a key:
    a key in the head is in the text)."""
    if is_agency(domain):
        return True
    if may_hold_key(_CLIENT_KEYS_NUMBER, text):
        head = lowered(text)[:_BODY_HEAD]
        if any(map(head.__contains__, _CLIENT_KEYS)) and _CLIENT_RX.search(head):
            return True
    return _agency_display(display or "", domain)


@lru_cache(maxsize=1024)  # the same senders write again and again
def _agency_display(display: str, domain: str) -> bool:
    label = domain_name(domain) if domain else ""
    return bool(label) and any(_AGENCY_NAME_RX.search(part) and squash(part).startswith(label)
                               for part in _DISPLAY_SPLIT_RX.split(display))


_DISPLAY_VIA_RX = re.compile(r"^(.+?)\s+via\s+", re.IGNORECASE)
_DISPLAY_ARTICLE_RX = re.compile(r"^(?:the|das|le|la|el)\s+", re.IGNORECASE)


@lru_cache(maxsize=1024)  # the same senders write again and again
def company_from_display(name: str, sender_is_robot: bool) -> str | None:
    """"Acme Recruiting" -> "Acme"; "Jane at Acme" -> "Acme"; "Julia – Nordwind GmbH" ->
    "Nordwind GmbH"; "Hooli" (a robot's display name) -> "Hooli"."""
    if not name:
        return None
    via = _DISPLAY_VIA_RX.search(name)
    if via:  # "Acme via Greenhouse": the employer, through its tracking system
        name, sender_is_robot = via.group(1), True
    at = _DISPLAY_AT_RX.search(name)
    if at:
        return _clean_company(at.group("co"))
    parts = [p for p in _DISPLAY_SPLIT_RX.split(name) if p.strip()]
    if len(parts) > 1:
        # "Rheinwerk Versicherung AG - Karriere": the part that is not the department
        named = [p for p in parts if _DISPLAY_SUFFIX_RX.sub("", p).strip()]
        return _clean_company((named or parts)[-1])
    name = _DISPLAY_ARTICLE_RX.sub("", name)
    stripped = _DISPLAY_SUFFIX_RX.sub("", name)
    if stripped != name and stripped.strip():
        return _clean_company(stripped)
    return _clean_company(name) if sender_is_robot else None


# Legal forms, the longer spellings first: one list for reading a name's words and for
# dropping the form from a name's end (``everyday_name``); "Co", "Corp", "LP", "e.V." and
# "SAPI" only end a name's words ("Acme Corp" is what people call Acme Corp).
_LEGAL_FORMS = (
    r"GmbH(?:[ \t]*&[ \t]*Co\.?[ \t]*KG)?|S\.?A\.?[ \t]+de[ \t]+C\.?V\.?"
    r"|S\.?A\.?(?:S\.?|C\.?)?|SARL|SRL|S\.?r\.?l\.?|S\.?R\.?L\.?|S\.?L\.?|S\.?p\.?A\.?|AG|SE|SAS"
    r"|Inc\.?|LLC|LLP|Ltd\.?|Limited|plc|B\.?V\.?|N\.?V\.?|KG|AB|AS|A/S|ApS|Oy"
    r"|Pte\.?(?:[ \t]+Ltd\.?)?|Pty\.?(?:[ \t]+Ltd\.?)?|Pvt\.?(?:[ \t]+Ltd\.?)?"
    r"|Private[ \t]+Limited|Sdn\.?(?:[ \t]+Bhd\.?)?|Bhd\.?|Tbk\.?|JSC|PJSC|FZ-?LLC|FZE"
    r"|Lda\.?|Ltda\.?|K\.?K\.?|Sp\.[ \t]*z[ \t]*o\.[ \t]*o\.?"
)
_LEGAL_FORM_RX = re.compile(
    rf"(?:S\.A\.P\.I\.?|SAPI|{_LEGAL_FORMS}|Co\.?|Corp\.?|LP|e\.V\.?),?")
_PROPER_RX = re.compile(
    r"[A-ZÀ-Ö](?:[\w’'&-]|\.(?=\w))*(?:[ \t]+(?:&[ \t]+)?[A-ZÀ-Ö](?:[\w’'&-]|\.(?=\w))*){0,4}")
# Words that end a company's everyday name ("Greyfield Capital Management LP" is
# "Greyfield Capital"; "Prairie Mutual Insurance Company" is "Prairie Mutual").
_NAME_STOP = frozenset(_words(
    "management company holdings corporation corp llp lp limited interviews "
    "interview recruiting recruitment talent careers hiring team hr people"
))
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe",
                           "Ü": "Ue", "&": "and"})
# Same length, for finding: "ipepagamentos" is written "Ipê Pagamentos".
_LOW_TRANSLIT = str.maketrans("äöüàáâãåèéêëìíîïòóôõøùúûçñý", "aouaaaaaeeeeiiiiooooouuucny")


def _cover(label: str, keys: list[str]) -> int:
    """How many of the words spell ``label`` (0: they do not): each word whole, by its
    initial, or (the last one) by its start; one word in between may be left out
    ("terrapinstorage" <- "Terrapin Energy Storage")."""
    def go(i: int, j: int, skipped: bool) -> int:
        if i == len(label):
            return j
        if j == len(keys):
            return 0
        key = keys[j]
        if key and label.startswith(key, i):
            done = go(i + len(key), j + 1, skipped)
            if done:
                return done
        rest = label[i:]
        if j and len(rest) >= 2 and key.startswith(rest):  # "pharma" of "Pharmaceuticals"
            return j + 1
        if j and key and label[i] == key[0]:
            done = go(i + 1, j + 1, skipped)
            if done:
                return done
        if j and not skipped:
            return go(i, j + 1, True)
        return 0
    return go(0, 0, False) if keys and label.startswith(keys[0][:3]) else 0


def _spelled(label: str, text: str) -> str | None:
    """The capitalised name in ``text`` the domain label stands for: "crescentpharma" ->
    "Crescent Pharmaceuticals", "beaconridgecu" -> "Beacon Ridge Credit Union" (initials),
    "yarrahealth" -> "Yarra Health Network" (a last word that is part of the name)."""
    head = label[:3]
    low = lowered(text)
    if head not in low and len(label) >= 4:
        # "vhcapital" is "Victoria Harbour Capital": initials, then a word
        by_initials = _by_initials(label, text)
        if by_initials:
            return by_initials
    if head not in low:
        # "brueckner" is written "Brückner": find "bru", then compare spelled out
        low, head = low.translate(_LOW_TRANSLIT), squash(head.replace("ue", "u").replace(
            "oe", "o").replace("ae", "a"))[:3]
        if head not in low or len(low) != len(text):
            return None
    best = None
    at = low.find(head)
    while at >= 0:
        m = _PROPER_RX.match(text, at) if not (at and text[at - 1].isalnum()) else None
        at = low.find(head, at + 1)
        if m is None:
            continue
        words = m.group(0).split()
        keys = [squash(w.translate(_TRANSLIT)) for w in words]
        n = _cover(label, keys)
        if not n:
            whole = keys[0]
            if not (label.startswith(whole) and len(whole) >= 4 and len(label) - len(whole) <= 3):
                continue
            n = 1
        while n < len(words) and not (
                keys[n] in _NAME_STOP or keys[n] in _NOT_COMPANIES or keys[n] in _TRAILING_JUNK
                or words[n].lower() in _TITLE_WORDS or _LEGAL_FORM_RX.fullmatch(words[n])):
            n += 1
        name = " ".join(words[:n])
        if best is None or len(name) > len(best):
            best = name
    return best


# (a boundary, then a capital: read after the capital, so that the regex engine skips in C to
# each capital, see ``clock.CITY_WORD_RX``)
_CAPITALISED_RX = re.compile(r"[A-ZÀ-Ö](?<!\w.)[\w’'&-]*(?:[ \t]+[A-ZÀ-Ö][\w’'&-]*){1,4}")


def _by_initials(label: str, text: str) -> str | None:
    """A capitalised name of two or more words whose initials start ``label`` and whose
    last covering word ends it ("vhcapital" <- "Victoria Harbour Capital Ltd.")."""
    first = label[0]
    for m in _CAPITALISED_RX.finditer(text):
        if m.group(0)[0].lower() != first:
            continue
        words = m.group(0).split()
        keys = [squash(w.translate(_TRANSLIT)) for w in words]
        for n in range(2, len(words) + 1):
            initials = "".join(k[:1] for k in keys[:n - 1])
            if initials and label == initials + keys[n - 1] and len(keys[n - 1]) >= 3:
                return " ".join(words[:n])
    return None


# The last word of a squashed domain label ("ternrobotics" -> "Tern Robotics"): the words
# that end company names, and a few more seen in domains; short ones ("ai", "lab") only
# split wrongly ("metadata").
_DOMAIN_TAIL_WORDS = tuple(sorted((w for w in _COMPANY_TAILS | frozenset(_words(
    "therapeutics games retail pagamentos finance digital motors aerospace clinical medical "
    "learning works logistica logística seguros sistemas tecnologia consultoria"
)) if len(w) >= 4), key=len, reverse=True))


def _split_label(label: str) -> str:
    """"ternrobotics" -> "Tern Robotics"; a label with no known last word as it is."""
    for tail in _DOMAIN_TAIL_WORDS:
        if label.endswith(tail) and len(label) - len(tail) >= 3:
            return f"{label[:-len(tail)].capitalize()} {tail.capitalize()}"
    return label.capitalize()


_TRAILING_LEGAL_RX = re.compile(rf"(?:,?[ \t]+(?:{_LEGAL_FORMS}))+$")


@lru_cache(maxsize=1024)
def everyday_name(company: str) -> str:
    """"Navigli Software S.r.l." -> "Navigli Software": a draft thanks the company by the
    name people use, not its legal form."""
    stripped = _TRAILING_LEGAL_RX.sub("", company).strip(" ,")
    return stripped if stripped else company


@lru_cache(maxsize=256)
def _label_rx(label: str) -> re.Pattern[str]:
    """The domain label written out, a space or hyphen allowed between its letters."""
    return re.compile(r"\b" + r"[\s-]?".join(re.escape(c) for c in label) + r"\b", re.I)


def company_from_domain(domain: str, texts: Iterable[str]) -> str | None:
    """acme.com -> "Acme", spelled as the text spells it when it does ("DevTalk",
    "Crescent Pharmaceuticals" for crescentpharma.com)."""
    if not domain or is_platform(domain) or is_freemail(domain):
        return None
    label = registrable(domain).split(".")[0]
    if len(label) < 2:
        return None
    best = None
    flat = label.replace("-", "")
    for text in texts:
        spelled = _spelled(flat, text) if text else None
        if spelled and (best is None or len(spelled) > len(best)):
            best = spelled
    if best:
        return best
    pattern = _label_rx(label)
    for text in texts:
        m = pattern.search(text)
        if m and m.group(0)[0].isupper():
            return m.group(0)
    parts = [part for part in label.split("-") if not _LEGAL_FORM_RX.fullmatch(part.capitalize())]
    return " ".join(_split_label(part) for part in parts or label.split("-"))


# A form's row naming the employer outright ("Employer: Harrowdene Community Health Trust").
_EMPLOYER_LABELS = ("employer", "company", "hiring company", "organisation", "organization",
                    "arbeitgeber", "unternehmen", "entreprise", "employeur", "empresa",
                    "azienda", "organisatie", "werkgever", "företag", "arbetsgivare",
                    "pracodawca")
_EMPLOYER_LABEL = _Triggered("(?:" + "|".join(_EMPLOYER_LABELS) + r")[ \t]*:[ \t]*",
                             _CO + _LEGAL + r"(?=[ \t]*(?:\n|$))")


# Most mail holds none of the labels: the RE2 key set says so (``phrases.may_hold_key``).
_EMPLOYER_LABELS_NUMBER = register_keys(_EMPLOYER_LABELS)


def labelled_company(body: str) -> Found | None:
    """The employer a form's label names, alone on its line: it outranks every guess."""
    if not may_hold_key(_EMPLOYER_LABELS_NUMBER, body):  # (a label in the head is in it)
        return None
    head = lowered(body)[:_BODY_HEAD]
    if not any(map(head.__contains__, _EMPLOYER_LABELS)):  # in C
        return None
    for m in _EMPLOYER_LABEL.finditer(body, _BODY_HEAD):
        line = body.rfind("\n", 0, m.start()) + 1
        if body[line:m.start()].strip().rstrip(":").strip().lower() in _EMPLOYER_LABELS:
            return Found(_clean_company(m.group("co") + (m.group("legal") or "")), "form label")
    return None


def company_candidates(subject: str, summary: str, body: str, third_party: bool = False
                       ) -> Iterator[Found]:
    """The names in the summary, the subject, then the body, best first. Lazily: the
    caller stops at the first it takes, and the body's many patterns often go unread.
    ``third_party``: written by an agency or a system, not from the employer's domain."""
    # Plain loops, not a chain of generators: most patterns find nothing, and the
    # bookkeeping of a generator per pattern and text cost more than the search.
    searches: list[tuple[str, str, list[Any], int | None]] = [
        ("summary", summary, _SUBJECT_COMPANY, None), ("subject", subject, _SUBJECT_COMPANY, None),
        ("body", body, _BODY_COMPANY_RX + _THIRD_PARTY_COMPANY_RX if third_party
         else _BODY_COMPANY_RX, _BODY_HEAD)]
    for source, text, patterns, end in searches:
        if not text:
            continue
        for rx in patterns:
            for m in (rx.finditer(text) if end is None else rx.finditer(text, end)):
                if _qualifier_or_person(text, m):
                    continue
                value = _clean_company(m.group("co") + (m.group("legal") or ""))
                yield Found(value, source)


_PAREN_AFTER_RX = re.compile(r"\s*\(([^()\n]{1,40})\)")


def _qualifier_or_person(text: str, m: re.Match[str]) -> bool:
    """"Mobile Engineer (Flutter)": the brackets qualify a role; "Felix (CTO)": a person."""
    start = m.start("co")
    if start and text[start - 1] == "(":
        before = text[:start - 1].split()
        if before and before[-1].lower().strip(",") in _ROLE_WORDS:
            return True
    after = _PAREN_AFTER_RX.match(text, m.end())
    if after:
        inner = [w.lower().strip(",./") for w in after.group(1).split()]
        return any(w in _ROLE_WORDS or w in _TITLE_WORDS for w in inner)
    return False


def pick_company(
    candidates: Iterable[Found], domain_company: str | None, people: frozenset[str]
) -> Found | None:
    """A candidate the employer's domain confirms (the longer spelling of the two), else
    the domain's own name, else the first candidate. With no domain (an applicant-tracking
    system, free mail, an agency) the first candidate. ``candidates`` are read in order,
    only as far as needed."""
    valid = (c for c in candidates if company_ok(c.value, people))
    if domain_company:
        key = squash(domain_company)
        for c in valid:
            value = squash(c.value)
            if value.startswith(key) or key.startswith(value):
                best = c.value if len(value) >= len(key) else domain_company
                return Found(best, c.source + "+domain")
        return None
    return next(valid, None)


def company_domain(contacts: Iterable[Address]) -> str | None:
    """The employer's mail domain: the first contact's that is neither an
    applicant-tracking system, a job board, nor free mail."""
    for address in contacts:
        if address.domain and not is_platform(address.domain) and not is_freemail(address.domain):
            return address.domain
    return None


_ROLE_ARTICLE_RX = re.compile(r"^(?:the|our|a|an)\s+", re.IGNORECASE)


_NAME_SEPARATOR = r"\s*[/–|-]?\s*"  # what may follow a name dropped from a role
_NAME_SEPARATOR_RX = re.compile(_NAME_SEPARATOR)


@lru_cache(maxsize=256)
def _name_rx(name: str) -> re.Pattern[str]:
    """A name to drop from a role, with the separator after it."""
    return re.compile(re.escape(name) + _NAME_SEPARATOR, re.IGNORECASE)


def _drop_name(role: str, name: str) -> str:
    """``_name_rx(name).sub("", role)``. For ASCII both (most roles, most names) the name
    is found in the lower-cased role by ``str.find``: no pattern is built for it (a
    different one for every company and person: no cache holds them all), and an ASCII
    letter matches with IGNORECASE only its two cases (test_speed_equivalence)."""
    if not (name.isascii() and role.isascii()):
        return _name_rx(name).sub("", role)
    low, key = role.lower(), name.lower()
    at = low.find(key)
    if at < 0:
        return role
    parts, done = [], 0
    while at >= 0:
        parts.append(role[done:at])
        separator = _NAME_SEPARATOR_RX.match(role, at + len(key))
        done = separator.end() if separator else at + len(key)
        at = low.find(key, done)
    parts.append(role[done:])
    return "".join(parts)


def _clean_role(raw: str, drop: Iterable[str]) -> str:
    role = _GENDER_TAG_RX.sub("", raw) if "(" in raw else raw  # each tag opens a bracket
    for name in drop:
        if name:
            role = _drop_name(role, name)
    role = _ROLE_ARTICLE_RX.sub("", role.strip())
    return role.strip(" .,;:!-–|/'\"()")


def _looks_like_role(role: str) -> bool:
    words = [w.lower().strip("()/,") for w in role.split()]
    return 0 < len(words) <= 7 and any(w in _ROLE_WORDS for w in words)


def find_role(subject: str, summary: str, body: str, drop: Iterable[str]) -> Found | None:
    drop = [d for d in drop if d]
    for source, text, end in (("body", body, _BODY_HEAD), ("summary", summary, None)):
        for rx in _ROLE_RX:
            for m in rx.finditer(text, end):
                role = _clean_role(m.group("role"), drop)
                if _looks_like_role(role):
                    return Found(role, source)
    for source, text in (("summary", summary), ("subject", subject)):
        for rx in _SUBJECT_ROLE:
            for m in rx.finditer(text):
                role = _clean_role(m.group("role"), drop)
                if _looks_like_role(role):
                    return Found(role, source)
    return None


_WORD_RX = re.compile(r"[\w-]+")


_WORD_AFTER_RX = re.compile(r"[ \t]+([\w'’-]+)")


# The role words that end a title ("Director", "Lead"), not those that qualify one
# ("Engineering Open Evening" is an event).
_TITLE_HEADS = _ROLE_WORDS - frozenset(_words(
    "engineering product marketing sales data software backend frontend fullstack full-stack qa"
    " devops support operations internship sre"))


def in_a_title(text: str, start: int, end: int) -> bool:
    """Are the words at ``start:end`` part of a job title? "Assistant Director of
    Institutional Research interview", "User Research Lead": capitalised words after a
    title's head word (and then named an interview), or followed by one."""
    if not text[start:start + 1].isupper():
        return False
    before = text[max(0, start - 60):start].split()[-4:]
    after = _WORD_AFTER_RX.match(text, end)
    return (text[start:end].lower().endswith("interview")
            and any(w.lower().strip(",") in _TITLE_HEADS for w in before)) or bool(
        after and after.group(1).lower() in _TITLE_HEADS)


def role_in(subject: str) -> str | None:
    """A job title word in the subject ("Re: Staff Data Engineer"): the thread is about a role."""
    for m in _WORD_RX.finditer(subject):
        if m.group(0).lower() in _ROLE_WORDS:
            return m.group(0)
    return None
