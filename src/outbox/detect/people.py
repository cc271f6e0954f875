"""Who is who in a message: me, no-reply robots, applicant-tracking systems,
the interviewers named in the text, and the people worth writing to.

Contacts only ever come from addresses that appear in the message or its
invitation: outbox never guesses an address.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from outbox.detect.phrases import literal_first, lowered, may_hold, register, spelled_first
from outbox.model import Address

# Applicant-tracking systems and scheduling services: they send for the
# employer, so their domain is never the company's.
ATS_DOMAINS = frozenset({
    "greenhouse.io", "greenhouse-mail.io", "lever.co", "myworkday.com", "myworkdayjobs.com",
    "workday.com", "ashbyhq.com", "ashbyhq.io", "smartrecruiters.com", "icims.com",
    "workable.com", "workablemail.com", "calendly.com", "goodtime.io", "jobvite.com",
    "bamboohr.com", "recruitee.com", "teamtailor.com", "teamtailor-mail.com", "personio.de",
    "personio.com", "taleo.net", "breezy.hr", "jazzhr.com", "applytojob.com", "gem.com",
    "paradox.ai", "hirevue.com", "modernhire.com", "codility.com", "hackerrank.com",
    "coderpad.io", "karat.com", "successfactors.com", "successfactors.eu", "rippling.com",
    "pinpointhq.com", "comeet.co", "jobscore.com", "freshteam.com", "zohorecruit.com",
    "homerun.co", "join.com", "softgarden.io", "softgarden.de", "dvinci.de", "d.vinci.de",
    "avature.net", "phenompeople.com", "eightfold.ai", "beamery.com", "cronofy.com",
    "prelude.co", "yello.co", "oracle-hcm.com", "oraclecloud.com", "ultipro.com",
    "dover.com", "gem.team", "modernloop.io", "trinethire.com", "workstream.us", "ceipal.com",
    "manatal.com", "recruitcrm.io", "bullhornstaffing.com", "jobadder.com", "loxo.co",
    "hireology.com", "fountain.com", "apploi.com", "recooty.com", "hirebridge.com",
    # regional systems: Latin America and Iberia, India and Asia-Pacific, the Nordics
    "gupy.io", "gupy.com.br", "kenoby.com", "solides.com.br", "pandape.com", "bizneo.com",
    "darwinbox.in", "darwinbox.com", "keka.com", "peoplehum.com", "jobylon.com",
    "hrmos.co", "herp.cloud", "recruitly.io", "jobadder.com.au", "livehire.com",
})
# Job boards, calendar and meeting services: never the company either.
PLATFORM_DOMAINS = frozenset({
    "linkedin.com", "indeed.com", "glassdoor.com", "stepstone.de", "xing.com", "monster.com",
    "ziprecruiter.com", "dice.com", "wellfound.com", "angel.co", "otta.com", "hired.com",
    "welcometothejungle.com", "google.com", "calendar.google.com", "zoom.us", "microsoft.com",
    "teams.microsoft.com", "office365.com", "outlook.office365.com", "webex.com",
    "cal.com", "savvycal.com", "hubspot.com", "hubspotemail.net", "doodle.com",
    "youcanbook.me", "acuityscheduling.com", "zcal.co", "chilipiper.com", "reclaim.ai",
    # regional job boards
    "computrabajo.com", "bumeran.com", "infojobs.net", "occ.com.mx", "catho.com.br",
    "naukri.com", "seek.com.au", "seek.co.nz", "jobstreet.com", "jobsdb.com", "bayt.com",
    "gulftalent.com", "mycareersfuture.gov.sg", "pnet.co.za", "jobberman.com",
    "brightermonday.co.ke",
})
FREEMAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
    "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.es", "ymail.com", "icloud.com",
    "me.com", "mac.com", "aol.com", "gmx.de", "gmx.net", "gmx.com", "web.de", "proton.me",
    "protonmail.com", "pm.me", "mail.com", "yandex.com", "yandex.ru", "t-online.de",
    "orange.fr", "free.fr", "laposte.net", "hey.com", "fastmail.com", "fastmail.fm",
    "zoho.com", "tutanota.com", "posteo.de", "mailbox.org", "example.org",
    # internet providers' own mail: private people
    "btinternet.com", "sky.com", "virginmedia.com", "talktalk.net", "blueyonder.co.uk",
    "ntlworld.com", "wanadoo.fr", "sfr.fr", "bbox.fr", "libero.it", "tiscali.it", "virgilio.it",
    "fastwebnet.it",
    "alice.it", "terra.es", "telefonica.net", "ziggo.nl", "kpnmail.nl", "planet.nl", "home.nl",
    "telenet.be", "skynet.be", "bluewin.ch", "wp.pl", "o2.pl", "onet.pl", "interia.pl",
    "sapo.pt", "uol.com.br", "bol.com.br", "terra.com.br", "comcast.net", "verizon.net",
    "att.net", "sbcglobal.net", "bigpond.com", "optusnet.com.au", "shaw.ca", "rogers.com",
})
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"})

_NOREPLY_RX = re.compile(
    r"(?:^|[._+-])(?:no[._-]?reply|do[._-]?not[._-]?reply|donotreply|noreply|mailer[._-]?daemon"
    r"|postmaster|bounces?|notifications?|notify|calendar[._-]?(?:notification|server)"
    r"|alerts?|jobalerts?|auto[._-]?(?:reply|confirm|mailer)|automated|system|daemon"
    r"|invitations?|newsletter|news|digest|updates?|info[._-]?noreply"
    # "do not reply" in other languages
    r"|ne[._-]?pas[._-]?repondre|no[._-]?responder|nao[._-]?responda|nicht[._-]?antworten"
    r"|niet[._-]?beantwoorden|non[._-]?rispondere|nie[._-]?odpowiadaj|svara[._-]?inte)(?:$|[._+-])",
    re.IGNORECASE,
)
# Shared inboxes: reachable, but a thank-you goes to a person when there is one.
_ROLE_RX = re.compile(
    r"^(?:jobs?|careers?|recruit(?:ing|ment|er|ers)?|talent|hr|people|hiring|apply"
    r"|applications?|info|hello|contact|team|office|admin|support|karriere|bewerbung"
    r"|recrutement|empleo|rrhh|personal)(?:[._+-].*)?$",
    re.IGNORECASE,
)


def _words(text: str) -> list[str]:
    return text.split()


_EMAIL_IN_TEXT_RX = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’-]+"
# Titles before a name ("Dr.", "Frau", "Engr.", "l'ing.", "la dott.ssa"): one list for
# reading a name and for dropping them from it (``_split_names``).
_HONORIFICS = frozenset(_words(
    "dr mr ms mrs prof frau herr herrn mme mlle m sr sra dra ing dott dott.ssa lic lcda eng "
    "engr"))
_HONORIFIC = "|".join(re.escape(form) for h in sorted(_HONORIFICS, key=lambda h: (-len(h), h))
                      for form in (h.capitalize(), h))  # the longer first: "Mrs" before "Mr"
_NAME = (
    rf"(?:(?:{_HONORIFIC})\.?\s+){{0,2}}"
    rf"{_NAME_WORD}(?:\s+(?:(?:van|von|de|del|der|da|di|la|le)\s+)?{_NAME_WORD}){{0,2}}"
)
_AND = r"\s*(?:,|&|\band\b|\bplus\b|\bund\b|\bet\b|\by(?:\s+con)?\b|\be\b)\s*"
_ONE = rf"(?:{_NAME}(?:\s*\([^()\n]{{0,40}}\))?|me\b|myself\b)"  # "Julia Schmidt (HR)"
_NAMES = rf"(?P<names>{_ONE}(?:{_AND}{_ONE}){{0,4}})"
# Phrases that introduce the people I will meet; searched in the lower-cased
# text, then the names are read case-sensitively right after.
_INTERVIEWERS_RX = re.compile(
    r"(?:meet(?:ing)?|speak(?:ing)?|talk(?:ing)?|chat(?:ting)?|interview(?:ing)?"
    r"|sit(?:ting)? down|connect(?:ing)?)\s+with\s+(?:the\s+)?"
    r"|interview(?:er|ers|\s+panel)\s*:\s*"
    r"|it(?:'ll|’ll| will) be\s+(?=me\b|myself\b)"  # "It'll be me plus Tom Achterberg"
    r"|gesprächspartner(?:in|innen)?(?:\s+(?:sind|ist))?\s*:?\s+"
    r"|vous rencontrerez\s+|entretien avec\s+"
    r"|(?:será|entrevista|reunirás|hablarás)\s+con\s+"
    r"|(?:conducted|led|run|hosted)\s+by\s+(?:the\s+)?"
    r"|(?:conduzid[ao]|conducid[ao]|condott[oa]|men[ée]e?|geführt)\s+(?:por|da|par|von)\s+"
    r"(?:a\s+|o\s+|la\s+|el\s+|il\s+|le\s+)?"
    r"|(?:quem\s+vai\s+conduzir\s+(?:é|será)|vai\s+conduzir)\s+(?:a\s+|o\s+)?"
    # "you'll meet Hannah Okafor", "I'll be joined by Deepa" (the writer first, see below)
    r"|you(?:'ll|’ll| will)\s+(?:be\s+)?meet(?:ing)?\s+(?!with\b)"
    r"|(?:i|we)(?:'ll|’ll| will)\s+be\s+joined\s+by\s+"
    r"|(?:das\s+)?gespräch\s+führ(?:t|en)\s+|rozmowę\s+poprowadzi\s+(?:pani\s+|pan\s+)?"
    r"|je\s+spreekt\s+(?:eerst\s+)?(?:met\s+)?|du\s+(?:träffar|kommer\s+att\s+träffa)\s+"
    r"|vai\s+estar\s+com\s+(?:o\s+|a\s+)?"
    # "con me e Chiara", "avec moi et Luc", "conmigo y con Álvaro": the writer, then another
    r"|con\s+me\s+e\s+|avec\s+moi\s+et\s+|conmigo\s+y\s+(?:con\s+)?"
    # a form's row: "With: Gwen Takahara (gwen@…)", "Panel : Srinivas V", "Intervjuare:",
    # "Entrevistadora:", "Intervenant :", "Interlocutori:", "Te entrevista:"
    r"|with\s*:\s*|con\s*:\s*|avec\s*:\s*|panel\s*:\s*|intervjuare\s*:\s*"
    r"|entrevistador(?:a|es)?\s*:\s*|te\s+entrevista\s*:\s*|intervenant(?:e|s)?\s*:\s*"
    r"|interlocut(?:or|ori|ores|eurs?|rice)\s*:\s*|rozmowę\s+poprowadzi\s*:\s*"
    # "Te va a entrevistar Martina Quiroga", "Incontrerà la dott.ssa Chiara Bellini"
    r"|te\s+va\s+a\s+entrevistar\s+|incontrerà\s+(?:la\s+|il\s+|l')?"
)
_NAMES_RX = re.compile(_NAMES)
_INTERVIEWERS = register([_INTERVIEWERS_RX.pattern])  # one RE2 pass says if it can match
# The same, each alternative spelled out to start with a letter and grouped by it: the
# regex engine skips in C to the letters that can start one and tries only those (same
# matches, see test_speed_equivalence).
_INTERVIEWERS_FAST_RX = re.compile(spelled_first(_INTERVIEWERS_RX.pattern))
# Each trigger holds one of these words; finding them first is much cheaper (the words
# grouped by first letter, as above).
_TRIGGER_WORDS = (
    r"with|interview|gesprächspartner|rencontrerez|avec|con|by|men[ée]e?|geführt|be me"
    r"|ll meet|ll be meet|will meet|will be meet|führ|poprowadzi|spreekt|träffa|estar com"
    r"|panel|intervjuare|entrevist|intervenant|interlocut|incontrer")
_TRIGGER_WORD_RX = re.compile(literal_first(_TRIGGER_WORDS))
# Triggers after which the writer is the first person named.
_WRITER_FIRST = ("i'll", "i’ll", "i will", "we'll", "we’ll", "we will", "con me", "avec moi",
                 "conmigo")
# The writer says they take part in the interview ("Tomasz and me": a name, capitalised).
_WRITER_IN = (
    r"\b(?:interview|call|chat|conversation|session|round|meeting|minutes|mins|min|hour|time)"
    r" with me\b|\b(?:with|by) me and\b|\b{name}[\w'’-]+ and me\b(?! know)|\byou and me\b"
    r"|\b(?:i|i'll|i’ll|i will) (?:be )?(?:running|leading|interviewing|conducting|hosting) "
    r"(?:it|the interview|this|the call|the session)\b|\bjust me\b|\bit(?:'ll|’ll| will) be "
    r"(?:me|myself)\b|\bci sarò io\b|\bbędę ja\b|\bcon me e\b|\bavec moi et\b"
    r"|\bconmigo y\b")
_WRITER_IN_RX = re.compile(_WRITER_IN.format(name="(?-i:[A-Z])"), re.IGNORECASE)
# Most mail says none of it: the phrases' one RE2 pass tells (in the lower-cased text).
_WRITER_IN_NUMBER = register([_WRITER_IN.format(name="")])
_MAX_ATS = 64
_PAREN_RX = re.compile(r"\([^()]*\)")
_NAME_PAIR_RX = re.compile(rf"(?P<name>{_NAME})\s*[(<]\s*(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")
_TITLE_WORDS = frozenset(_words(
    "manager engineer engineering director lead head vp president recruiter recruiting team "
    "principal senior staff product officer coordinator partner founder ceo cto hr talent "
    "personal teamleiter responsable técnica department abteilung gerente líder lider jefe "
    "jefa directora directeur directrice responsabile diretor diretora chief data event date "
    "sre analytics leiter leiterin teamleiterin teamleitung bereichsleiter bereichsleiterin "
    # a team's name in a panel's list ("Nurul Aisyah Hamzah, Checkout")
    "platform payments checkout mobile insights control routing infrastructure research "
    "informatics "
    # days and months are no one's name ("With: Thursday")
    "monday tuesday wednesday thursday friday saturday sunday"
))
# ASCII that is neither letter nor digit: dropped from ASCII text in one C call.
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())


@lru_cache(maxsize=4096)
def squash(text: str) -> str:
    """Lower-case letters and digits only, accents removed: for loose comparison."""
    if text.isascii():  # most names: NFKD changes nothing, no character combines
        return text.lower().encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text.lower() if c.isalnum() and not unicodedata.combining(c))


def registrable(domain: str) -> str:
    """"mail.initech.com" -> "initech.com"; "jobs.acme.co.uk" -> "acme.co.uk"."""
    labels = [label for label in domain.lower().strip(".").split(".") if label]
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def domain_name(domain: str) -> str:
    """The name a domain spells, squashed: "mail.slot-bird.co.uk" -> "slotbird"."""
    return squash(registrable(domain).split(".")[0])


def _in(domain: str, domains: frozenset[str]) -> bool:
    domain = domain.lower()
    return domain in domains or registrable(domain) in domains


# Asked many times per message about the same few domains: remembered.
@lru_cache(maxsize=4096)
def is_ats(domain: str) -> bool:
    return _in(domain, ATS_DOMAINS)


@lru_cache(maxsize=4096)
def is_platform(domain: str) -> bool:
    return _in(domain, ATS_DOMAINS) or _in(domain, PLATFORM_DOMAINS)


@lru_cache(maxsize=4096)
def is_freemail(domain: str) -> bool:
    return _in(domain, FREEMAIL_DOMAINS)


def is_noreply(address: Address) -> bool:
    return _noreply_email(address.email)


@lru_cache(maxsize=4096)  # by the whole address: no local part to cut out on each ask
def _noreply_email(email: str) -> bool:
    return _noreply_local(email.rpartition("@")[0])


@lru_cache(maxsize=4096)  # asked of the same few addresses again and again
def _noreply_local(local: str) -> bool:
    return bool(_NOREPLY_RX.search(local)) or local in ("", "mailer-daemon")


def is_role_account(address: Address) -> bool:
    return bool(_ROLE_RX.match(address.local))


def is_person(address: Address, me: frozenset[str]) -> bool:
    """A human we may write to: not me, not a robot, not a shared inbox."""
    return _is_person(address.email, me)


@lru_cache(maxsize=4096)  # asked of each address of a message, and of the same people again
def _is_person(email: str, me: frozenset[str]) -> bool:
    local, _, domain = email.rpartition("@")
    return (
        email not in me
        and not _noreply_local(local)
        and not _ROLE_RX.match(local)
        and not is_platform(domain)
    )


@dataclass(frozen=True, slots=True)
class NamedPerson:
    name: str
    address: Address | None  # None when the message gives no address for the name


def emails_in_text(text: str) -> list[Address]:
    """Addresses written in the text; found from each "@" outwards (cheap)."""
    return list(_emails_in_text(text))


@lru_cache(maxsize=4)  # asked twice of a message's text: for its people, for its employer
def _emails_in_text(text: str) -> tuple[Address, ...]:
    out = []
    for at in _ats(text):
        m = _EMAIL_IN_TEXT_RX.search(text, max(0, at - 64), at + 256)
        if m and m.start() <= at < m.end():
            out.append(Address(email=m.group(0).rstrip(".")))
    return tuple(out)


def _ats(text: str) -> Iterator[int]:
    """Positions of "@", at most ``_MAX_ATS`` of them: a hostile body of "@@@@" stays cheap."""
    at = text.find("@")
    for _ in range(_MAX_ATS):
        if at == -1:
            return
        yield at
        at = text.find("@", at + 1)


def _split_names(group: str) -> list[str]:
    parts = re.split(_AND, group)
    out = []
    for part in parts:
        part = _PAREN_RX.sub("", part).partition("(")[0]  # a bracket the line cut open
        if ")" in part:
            continue  # the end of a bracket opened on the line before
        words = [w for w in part.split() if w.lower().rstrip(".") not in _HONORIFICS]
        if not words:
            continue
        if any(w.lower() in _TITLE_WORDS for w in words):
            continue  # "Alan Turing, Engineering Manager": the title is not a person
        out.append(" ".join(words))
    return out


def _match_address(name: str, pool: Iterable[Address]) -> Address | None:
    """The address in this message that belongs to ``name`` (display name or
    a local part built from it: jane.doe, jdoe, jane)."""
    target = squash(name)
    words = [squash(w) for w in name.split() if squash(w)]
    if not target or not words:
        return None
    locals_ = {target}
    if len(words) >= 2:
        first, last = words[0], words[-1]
        locals_ |= {first + last, first[0] + last, first, last + first, first + last[0],
                    # "Wei Ling Tan" is wl.tan; "Lim Wei Jie" (family name first) weijie.lim
                    "".join(w[0] for w in words[:-1]) + last, "".join(words[1:]) + first}
    if len(words) >= 3:  # "Lucía Benavente Ortiz": two family names, the first one used
        locals_ |= {first + words[1], first[0] + words[1]}
    for address in pool:
        if address.name and squash(address.name) == target:
            return address
    for address in pool:
        if squash(address.local) in locals_:
            return address
    if len(words) == 1:
        # "your interview with Marisol" and marisol.ortega@...: one first name, one address
        found = {a.email: a for a in pool
                 if squash(re.split(r"[._-]", a.local)[0]) == target
                 or (a.name and squash(a.name.split()[0]) == target)}
        if len(found) == 1:
            return next(iter(found.values()))
    return None


def _name_email_pairs(text: str) -> dict[str, Address]:
    """"Jane Doe (jane@acme.com)" / "Jane Doe <jane@acme.com>", looked for around each "@"."""
    pairs: dict[str, Address] = {}
    for at in _ats(text):
        for m in _NAME_PAIR_RX.finditer(text, max(0, at - 120), at + 256):
            pairs.setdefault(squash(m.group("name")), Address(m.group("email"), m.group("name")))
    return pairs


def _triggers(low: str) -> Iterator[re.Match[str]]:
    seen = -1
    for word in _TRIGGER_WORD_RX.finditer(low):
        trigger = _INTERVIEWERS_FAST_RX.search(low, max(0, word.start() - 30), word.end() + 30)
        if trigger is None or trigger.end() <= seen:
            continue
        if trigger.start() and low[trigger.start() - 1].isalnum():
            continue
        seen = trigger.end()
        yield trigger


def writer_takes_part(text: str) -> bool:
    """Does the writer say they are in the interview ("45 min with me and Priya", "Tomasz
    and me", "I'll be running it")? Then they are the one I meet first."""
    return may_hold(_WRITER_IN_NUMBER, text) and _WRITER_IN_RX.search(text) is not None


def named_interviewers(text: str, sender: Address | None, pool: list[Address]) -> list[NamedPerson]:
    """People the text says I will meet ("you'll be meeting with Jane Doe")."""
    people: list[NamedPerson] = []
    if not may_hold(_INTERVIEWERS, text):  # most messages name nobody so
        return people
    pairs: dict[str, Address] | None = None  # read when a name is first found
    low = lowered(text)  # the one lower-casing other readers of the text share
    if len(low) != len(text):  # rare case-folding that changes length: offsets would lie
        return people
    for trigger in _triggers(low):
        m = _NAMES_RX.match(text, trigger.end())
        group = m.group("names") if m else ""
        if group and trigger.group(0).rstrip().endswith(":"):
            # a form's row ends with its line ("With: Linnea Sjöberg\nJoin Zoom meeting");
            # prose may wrap a name ("your interview with Bidadari\nFreight")
            group = group.partition("\n")[0]
        names = _split_names(group) if group else []
        if trigger.group(0).startswith(_WRITER_FIRST):
            # "I'll be joined by Deepa": the writer, then Deepa ("avec moi et peut-être
            # Julien": the writer at least)
            names = ["me", *names]
        for name in names:
            if name.lower() in ("me", "myself"):
                if sender is not None:
                    people.append(NamedPerson(sender.name or sender.email, sender))
                continue
            if pairs is None:
                pairs = _name_email_pairs(text)
            address = pairs.get(squash(name)) or _match_address(name, pool)
            people.append(NamedPerson(name, address))
    return people
