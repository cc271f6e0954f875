"""The fast paths give what the plain code they stand in for gives.

Each shortcut taken for speed (a C-level string operation instead of a regex or a
per-character loop, a regex run only where it can match) is compared here with the
straightforward reading it replaces, on ordinary and awkward inputs.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

import pytest

from outbox.detect import calendar, clock, kindmodel, people, phrases, text

SAMPLES = [
    "",
    " ",
    "Ada Lovelace",
    "ada.lovelace+jobs@example.com",
    "O'Brien-Smith 3rd",
    "Zoë Brückner",
    "ÅSA ÖBERG",
    "İstanbul Iİ ı",
    "ſchrieb Kelvin \u212a",
    "Straße ﬁne ﬂow",
    "\t\r\f\v\u00a0\u2007\u202f mixed  blanks \n  \n\n\n end ",
    "Hello,\n\nOn Tue, 3 Mar 2026 at 10:00, Jane <jane@acme.com> wrote:\n> old\n",
    "Thanks!\n\nAm 15.03.2026 schrieb Julia:\n> alt",
    "Merci\n\nLe 3 mars 2026, Julie a écrit :\n> ancien",
    "Gracias\n\nEl 3 mar 2026, Ana escribió:\n> viejo",
    "Obrigada\n\nEm 3 de mar, Ana escreveu:\n> antigo",
    "Grazie\n\nIl 3 mar, Anna ha scritto:\n> vecchio",
    "Dank\n\nOp 3 mrt, Anna schreef het volgende:\n> oud",
    "Dzięki\n\nW dniu 3 mar Anna napisała:\n> stare",
    "Tack\n\nDen 3 mar skrev Anna följande:\n> gammal",
    "Hi\n\n-----Original Message-----\nFrom: x",
    "Hi\n\n---------- Forwarded message ---------\nFrom: x",
    "Hi\n\n" + "_" * 32 + "\nFrom: Jane\nSent: Monday\n",
    "Hi\n\nFrom: Jane Doe <jane@acme.com>\nSent: Monday, March 2, 2026\nTo: Ada",
    "Hi\n\nVon: Jane\nGesendet: Montag\n",
    "Hi\n\nDe: Jane\nEnvoyé : lundi\n",
    "Hi\n\nFROM: JANE\nDATE: MONDAY\n",
    "Hi\n\nON TUESDAY JANE WROTE:\n> x",
    "no quote here at all, just words: on, am, le, el, em, il, op, den",
    "Merci\n\nLE 3 MARS, JULIE A ÉCRIT :\n> ancien",
    "Danke\n\nAm 3. März schrİeb Jana:\n> alt",
    "Danke\n\nAm 3. März schrıeb Jana:\n> alt",
    "Hi\n\nFrom: Jane\nſent: Monday\n",
    "Hej\n\nOd: Anna\nWYSŁANO: poniedziałek\n",
    "Gracias\n\nEL 3 MAR, ANA ESCRIBIÓ:\n> viejo",
    "Salut\n\nDe : Julie\nDe: Julie\nENVOYÉ: lundi\n",
    "Join at https://zoom.us/j/123?pwd=abc or www.Example.com/path, HTTP://X.ORG.",
    "hTTpS://a.b/c HTTPſ://odd.example www. www.x http:/broken httpx://y",
    "Link: <https://acme.greenhouse.io/schedule/abc>\nand \"www.acme.com\"",
    "İ https://after.dotted.capital/i and www.x.y",
    "Σ final sigma ΣΑΣ https://x.y",
    "the words of a letter, de l'été, naïve façade, ćwiczenie, wörter",
    "a b cc ddd e ff",
]


def _squash_plain(value: str) -> str:
    value = unicodedata.normalize("NFKD", value)
    return "".join(c for c in value.lower() if c.isalnum() and not unicodedata.combining(c))


@pytest.mark.parametrize("value", SAMPLES + [chr(c) for c in range(256)])
def test_squash_matches_the_plain_reading(value: str) -> None:
    assert people.squash(value) == _squash_plain(value)


@pytest.mark.parametrize("value", [*SAMPLES, "".join(map(chr, range(256))) + " ab ÷× ßx"])
def test_kind_model_tokens_match_the_regex(value: str) -> None:
    for low in (value.lower(), value):
        assert kindmodel._tokens(low) == kindmodel._WORD_RX.findall(low)


@pytest.mark.parametrize("value", SAMPLES)
def test_quote_header_matches_the_regex(value: str) -> None:
    found, plain = text._quote_header(value), text._QUOTE_HEADER_RX.search(value)
    assert (found and found.span()) == (plain and plain.span())


def _split_links_plain(value: str) -> tuple[str, str]:
    if "://" not in value and "www." not in value.lower():
        return value, ""
    links: list[str] = []

    def host(m: re.Match[str]) -> str:
        links.append(m.group(0))
        return " " + m.group(1) + " "

    return text._URL_RX.sub(host, value), "\n".join(links)


@pytest.mark.parametrize("value", SAMPLES)
def test_split_links_matches_the_regex(value: str) -> None:
    assert text.split_links(value) == _split_links_plain(value)


def _tidy_plain(value: str) -> str:
    value = text._ODD_BLANKS_RX.sub(" ", value)
    value = re.sub(r"  +", " ", value)
    value = re.sub(r" +\n", "\n", value)
    value = re.sub(r"\n +", "\n", value)
    value = re.sub(r"\n\s*\n\s*\n+", "\n\n", value)
    return value.strip()


@pytest.mark.parametrize("value", [
    *SAMPLES, "a \t\n\t b", " \n \n \n ", "x\r\n y\r\n", "a\n\x1c\nb\n\n\nc", "a\n\n\x1f\nb",
    "a\n\n\u2028\nb", "a\n\n b\n \n\n c", "a  \n\n  \n b",
])
def test_tidy_matches_the_plain_passes(value: str) -> None:
    assert text.tidy(value) == _tidy_plain(value)


@pytest.mark.parametrize("value", [
    "A:1\r\n B\r\n\tC\n D\r\r\n E\n\n F\r\n\r\n G", "\r\n \n \r\r\n\t", "no folds\r\nat all",
])
def test_unfolding_matches_the_plain_pattern(value: str) -> None:
    assert calendar._UNFOLD_RX.sub("", value) == re.sub(r"\r?\n[ \t]", "", value)


@pytest.mark.parametrize("value", [
    "A:1\r\n B\r\n\tC\n D\r\r\n E\n\n F\r\n\r\n G", "\r\n \n \r\r\n\t", "no folds\r\nat all",
    "X\r\r\nY\r\r\n Z\n\r\n \r\nW", "\r\r\r\n\n\n \t",
    "BEGIN:VEVENT\r\nSUMMARY:a\r\n  b\r\nEND:VEVENT\r\n",
])
def test_calendar_lines_match_the_plain_unfolding(value: str) -> None:
    """The fast path's lines are the plain unfolding's, empty lines aside."""
    fast = calendar._UNFOLD_LF_RX.sub("", value.replace("\r\n", "\n")).splitlines()
    plain = re.sub(r"\r?\n[ \t]", "", value).splitlines()
    assert [line for line in fast if line] == [line for line in plain if line]


@pytest.mark.parametrize("line", [
    "DTSTART:20260310T100000Z", "DTSTART;TZID=Europe/Berlin:20260310T100000",
    'ATTENDEE;CN="Doe, Jane";ROLE=REQ-PARTICIPANT:mailto:jane@acme.com',
    "DESCRIPTION:a: b; c, d", "SUMMARY:", "SUMMARY", "SUMMARY;X:y", 'ORGANIZER;CN="a:b":mailto:x@y',
    "X-A;B=1,2;C=\"3\":v", "UID;=x:y", ":x", "DT START:x",
])
def test_content_line_head_matches_the_full_pattern(line: str) -> None:
    full = calendar._CONTENT_RX.fullmatch(line)
    head = calendar._CONTENT_HEAD_RX.match(line)
    assert (full is None) == (head is None)
    if full and head:
        assert full.groups() == (*head.groups(), line[head.end():])


@pytest.mark.parametrize("pattern", [
    r"(?:my|our) client,?\s+|on behalf of (?:my |our )?(?:client,?\s+)?",
    r"(?:entretien|rendez-vous) (?:avec|chez)\s+|z firmą\s+",
    r"(?:interest in (?:joining\s+)?|interesse an\s+)", r"x[|]y|(?:a|b)c",
    r"(?:[)|]x|b)", r"(?:a)(?:b)", r"(?:a|b)\)",
])
def test_literal_first_matches_the_pattern_as_written(pattern: str) -> None:
    # the regrouped pattern finds what the pattern finds, whatever its alternatives' shape
    from outbox.detect.phrases import literal_first
    fast = re.compile(literal_first(pattern))
    for sample in ("on behalf of client Acme", "our client, Acme", "votre entretien avec X",
                   "z firmą Zielnik", "interest in joining Acme", "x|y", "bc", "nothing",
                   "|x", ")x", "ab", "a)", "b"):
        assert bool(fast.search(sample)) == bool(re.search(pattern, sample)), sample


CLOCK_SAMPLES = [
    *SAMPLES, "at 1030 hrs", "1400h", "2359 HOURS", "2400h 2360h 1960h 0930H", "0000 h",
    "at 1030 CT", "2015 CET 2460 CT 1999 IBM",
    "12345 hrs", "21\u0663\u0660h", "2\u0663 20h", "1\u0665\u0660\u0660 hrs", "0 00h 19 45h",
    "Call at 0930hrs, or 1415 hours; not 2500 hrs or 1260 h.", "1030 hrsx 1030 hrs_ 1030h.",
]


@pytest.mark.parametrize("value", CLOCK_SAMPLES)
def test_hhmm_pattern_matches_the_plain_one(value: str) -> None:
    plain = re.compile(clock._HHMM_PLAIN, re.IGNORECASE)
    assert ([(m.span(), m.groupdict()) for m in clock._HHMM_RX.finditer(value)]
            == [(m.span(), m.groupdict()) for m in plain.finditer(value)])


PHRASE_SAMPLES = [
    *SAMPLES, "we will seguir com outros candidatos", "optamos por outros candidatos, sorry",
    "decidimos selecionar com os outros candidatos", "selecionamos  outros candidatos",
    "you are a closer match", "a closer match", "are a closer match", "closer matches",
    "adelantamos la cita; aplazada; adiado; antecipamos; pospuesta; rinviato, spostiamo",
    "your identity verification call is booked", "an id check session is confirmed",
    "a right-to-work check appointment scheduled", "votre inscription est bien enregistrée",
    "inscription validée", "esto no es una entrevista", "this no es una entrevista!",
    "unser gespräch, unserem gespräch, das gespräch, ihren gespräch, deine gespräch",
    "mucho éxito en tu búsqueda", "éxito en su búsqueda", "update: unsere gespräche",
]


def _phrases_with_others() -> list[tuple[str, phrases.Phrase]]:
    return [(name, value) for name, value in vars(phrases).items()
            if isinstance(value, phrases.Phrase)
            and not all(phrases._literal_first(a) for a in value.alternatives)]


@pytest.mark.parametrize(("name", "phrase"), _phrases_with_others())
def test_phrase_second_pattern_matches_the_joined_alternatives(name: str,
                                                                phrase: phrases.Phrase) -> None:
    """The alternatives with no literal first, spelled out and grouped, match where and
    as far as the plain alternation of them does, at every position."""
    plain = re.compile("|".join(a for a in phrase.alternatives if not phrases._literal_first(a)))
    fast = phrase.fast[-1]
    for value in PHRASE_SAMPLES:
        low = value.lower()
        for pos in range(len(low) + 1):
            want, got = plain.match(low, pos), fast.match(low, pos)
            assert (got and got.span()) == (want and want.span()), (name, low[pos:])


@pytest.mark.parametrize("alternative", [
    "(?:a|b[|)]c)x", "(?:a |are a )?closer", "(?:x|y)??z", "(?:x|y)*z", "(?:x|y){0,2}z",
    "(?:a(?:b|c)|d)e", r"(?:\(|\|)x", "(?P<n>a|b)c", "(?:a|b", "plain",
])
def test_distribute_matches_the_group(alternative: str) -> None:
    spelled = phrases._distribute(alternative)
    try:
        plain = re.compile(alternative)
    except re.error:
        assert spelled == [alternative]
        return
    joined = re.compile("|".join(spelled))
    for value in ["", "x", "ax", "bx", "b|c", "b)cx", "closer", "a closer", "are a closer",
                  "are closer", "xz", "yz", "z", "xyz", "abe", "ace", "de", "(x", "|x", "ac", "bc"]:
        for pos in range(len(value) + 1):
            want, got = plain.match(value, pos), joined.match(value, pos)
            assert (got and got.span()) == (want and want.span())


WINDOW_SAMPLES = [
    *SAMPLES, "Please reply by Friday at 5pm", "Deadline: the 3rd, 10:00", "BIS SPÄTESTENS 12 Uhr",
    "we moved it till 3pm", "Flyttat vår intervju till fredag 10:00", "AT 10:00, Um 14 Uhr",
    "Time: 11.00", "Uhrzeit : 14.30", "o godz. 10", "Kl. 10.00", "alle ore 11", "@ 3pm",
    "6pm Sydney - by my maths that's 9am in London", "THAT IS ABOUT 10AM", "10am = 11am",
    "4pm (for you)", "17 h 30 chez toi", "9 Uhr Ihrer Zeit", "ſo 10am", "Kelvin \u212a at 9",
    "ΣΑΣ at 10 ΣΑΣ", "İ at 10 for you", "at\n10 for\nyou", "so \n10", "Dus 10:00 voor jou",
    "If you need to move it, tell me. They ASKED IF we can; Asking if not", "SANS NOUVELLES",
    "Wenn Sie wollen, am 7. Mai um 10 Uhr VERSCHIEBEN", "auf den 8. Mai um 10 Uhr verlegen",
    "Whether or not; asked whether; in case; should you; Caso; falls; si vous", "if possible",
]


@pytest.mark.parametrize(("plain", "low"), [
    ("when._DEADLINE_RX", "when._DEADLINE_LOW_RX"),
    ("when._MOVED_TILL_RX", "when._MOVED_TILL_LOW_RX"), ("clock._PRE_RX", "clock._PRE_LOW_RX"),
    ("rules._CONVERSION_BEFORE_RX", "rules._CONVERSION_BEFORE_LOW_RX"),
    ("rules._CONVERSION_AFTER_RX", "rules._CONVERSION_AFTER_LOW_RX"),
    ("rules._CONDITION_RX", "rules._CONDITION_LOW_RX"),
    ("when._MOVE_AFTER_RX", "when._MOVE_AFTER_LOW_RX"), ("when._AUF_RX", "when._AUF_LOW_RX"),
])
def test_lowered_alike_finds_what_ignorecase_finds(plain: str, low: str) -> None:
    """A pattern with IGNORECASE in a stretch of the text, and the same pattern
    case-sensitive in the same stretch of ``lowered_alike``: the same matches."""
    from outbox.detect import rules, when
    modules = {"when": when, "clock": clock, "rules": rules}
    rx_plain, rx_low = (getattr(modules[n.split(".")[0]], n.split(".")[1]) for n in (plain, low))
    # (as written, or with its leading boundary read after the first character)
    assert rx_low.pattern in (rx_plain.pattern, phrases.boundary_first(rx_plain.pattern))
    assert rx_plain.flags & re.IGNORECASE
    for value in WINDOW_SAMPLES:
        lowered = phrases.lowered_alike(value)
        if lowered is None:
            assert not phrases.lower_ok(value, value.lower())
            continue
        for start in range(len(value) + 1):
            for end in range(start, min(len(value), start + 90) + 1):
                want = rx_plain.search(value, start, end)
                got = rx_low.search(lowered, start, end)
                assert (got and got.span()) == (want and want.span()), (value, start, end)


@pytest.mark.parametrize("value", WINDOW_SAMPLES)
def test_conversion_before_in_place_is_the_stretch_cut_out(value: str) -> None:
    from outbox.detect import rules
    rx = rules._CONVERSION_BEFORE_RX
    for at in range(len(value) + 1):
        cut = rx.search(value[max(0, at - 30):at])
        here = rx.search(value, max(0, at - 30), at)
        assert (here and here.span()) == (cut and (cut.start() + max(0, at - 30),
                                                   cut.end() + max(0, at - 30)))


GATED_SAMPLES = [
    *PHRASE_SAMPLES, "a 6-month contract", "your application for the 12-month role",
    "the 6-month assignment", "role: x6-month contract", "candidates for a 3-month role",
    "Updated invitation: Interview", "Canceled event: chat", "  rescheduled: call",
    "this role, our gespräch, aplazada", "no es una entrevista; sistiert", "seleciona outros",
]


@pytest.mark.parametrize(("name", "phrase"), [
    (name, value) for name, value in vars(phrases).items()
    if isinstance(value, phrases.Phrase) and value._gated is not None])
def test_gated_second_pattern_runs_wherever_it_can_match(name: str, phrase: phrases.Phrase,
                                                         monkeypatch) -> None:
    """The second pattern is skipped when its own prefilter number is absent: it is
    present wherever the pattern matches, and the phrase finds what it finds ungated."""
    for value in GATED_SAMPLES:
        low = phrases._lower(value)
        if len(low) != len(value):
            continue  # read by the slow regex
        present = phrases._presence(value)
        if phrase._gated.search(low):
            assert phrase._other in present, (name, value)
        for pos in range(len(value) + 1):
            monkeypatch.setitem(phrases._PRESENT, value, present)
            hit = phrase._fast(value, low, pos)
            monkeypatch.setitem(phrases._PRESENT, value, phrases._EVERYTHING)  # ungated
            want = phrase._fast(value, low, pos)
            assert (hit and (hit.start(), hit.end())) == (want and (want.start(), want.end()))


INTERVIEWER_SAMPLES = [
    *SAMPLES, "You'll meet Hannah Okafor and me", "you will be meeting with the team",
    "I'll be joined by Deepa; we will be joined by one of our leads", "It'll be me plus Tom",
    "Gesprächspartnerinnen sind: Frau X", "das Gespräch führt Herr Y; Gespräch führen",
    "conduzida por a Ana, conducido por el jefe, menée par Luc, geführt von Jana",
    "quem vai conduzir será o João; vai conduzir a Rita", "rozmowę poprowadzi pani Ewa",
    "je spreekt eerst met Sanne", "du kommer att träffa Lars", "vai estar com o Pedro",
    "con me e Chiara, avec moi et Luc, conmigo y con Álvaro", "interviewers: A, B",
    "interview panel : x", "hosted by the CTO", "sit down with Sam", "connecting with Jo",
    "reunirás con Marta; hablarás con Luis; entrevista con Ana", "vous rencontrerez Paul",
]


@pytest.mark.parametrize("value", INTERVIEWER_SAMPLES)
def test_interviewer_triggers_match_the_plain_patterns(value: str) -> None:
    low = value.lower()
    words = re.compile(people._TRIGGER_WORDS)
    assert ([m.span() for m in people._TRIGGER_WORD_RX.finditer(low)]
            == [m.span() for m in words.finditer(low)])
    for start in range(len(low) + 1):
        for end in range(start, len(low) + 1):
            want = people._INTERVIEWERS_RX.search(low, start, end)
            got = people._INTERVIEWERS_FAST_RX.search(low, start, end)
            assert (got and got.span()) == (want and want.span()), (low, start, end)


@pytest.mark.parametrize("value", [
    *WINDOW_SAMPLES, "Ihr Gespräch am 7. Mai um 10 Uhr verschieben", "um 10 Uhr. Verlegen",
    "am 7. Mai um 10 Uhr " + "x" * 55 + " absagen", "um 10 Uhr " + "x" * 60 + " stornieren",
    "um 10 Uhr stornierenx; verlegen!", "10 Uhr\nverschieben",
])
def test_move_verb_after_is_the_pattern(value: str) -> None:
    from outbox.detect import when
    low = phrases.lowered_alike(value)
    if low is None:
        return
    for stop in range(len(low) + 1):
        assert when._move_verb_after(low, stop) == bool(when._MOVE_AFTER_LOW_RX.match(low, stop))


@pytest.mark.parametrize("value", [
    *WINDOW_SAMPLES, "could we push it to 3pm", "moved from 10:00", "Rescheduling to 4pm",
    "décaler à 10h", "DÉPLACER le rdv", "verschieben auf 10 Uhr", "aplazar a las 10",
    "reprogramar para", "cambiar la hora", "bumped, shifted and postponed till", "Report at 9",
])
def test_move_words_hold_every_move_match(value: str) -> None:
    """A lowered stretch with no word of ``MOVE_RX`` in it has no match of it."""
    from outbox.detect import when
    low = value.lower()
    for start in range(len(low) + 1):
        for end in range(start, len(low) + 1):
            if when._MOVE_LOW_RX.search(low[start:end]):
                assert any(w in low[start:end] for w in when._MOVE_WORDS), low[start:end]


def _span(hit: phrases.Hit | None) -> tuple[int, int] | None:
    return (hit.start(), hit.end()) if hit else None


@pytest.mark.parametrize(("name", "phrase"), [
    (name, value) for name, value in vars(phrases).items() if isinstance(value, phrases.Phrase)])
def test_phrase_answers_absent_first_as_the_full_search(name: str, phrase: phrases.Phrase
                                                        ) -> None:
    """``search`` (and ``first``, which asks the prefilter itself) answers "absent" before
    its kept answer and before any regex: the same as searching every text in full."""
    texts = [*PHRASE_SAMPLES, *GATED_SAMPLES]
    for value in texts:
        want = phrase._find(value, 0) if value else None
        assert _span(phrase.search(value) if value else None) == _span(want), (name, value)
    for a, b in pairwise(texts):
        want = next((m for t in (a, b) if t and (m := phrase._find(t, 0))), None)
        assert _span(phrases.first(phrase, a, b)) == _span(want), (name, a, b)


@pytest.mark.parametrize("value", [*SAMPLES, "3/10", "3.10", "a/1", "1/a", "1./2", "x 12/ 3",
                                   "v1.2", "١/٢", "３.４", "/1", "1/", "10.30 and 3/4", "..1.."])
def test_numeric_date_is_the_plain_pattern(value: str) -> None:
    from outbox.detect import core
    assert core._numeric_date(value) == bool(re.search(r"\d[/.]\d", value))


def test_name_parts_are_the_plain_split() -> None:
    from outbox.detect import rules
    mine = [*SAMPLES, "ada.lovelace", "Ada Lovelace-Byron", "x+tag_jobs", "İSTANBUL Kelvin"]
    plain = {part.lower() for value in mine for part in re.split(r"[\s._+-]", value)
             if len(part) >= 5}
    assert set().union(*map(rules._name_parts, mine)) == plain


ROLE_NAMES = ["Acme", "acme", "Ada Lovelace", "Data", "a.b", "x|y", "(Berlin)", "Zoë",
              "Brückner Logistik", "s", "K", "İ", "ı", "ſ"]
ROLES = [*SAMPLES, "Acme Data Engineer", "ACME - Data Engineer", "Data Engineer at Acme / acme",
         "Acme–Data Engineer", "acmeacme  |  Lead", "Senior Data Engineer (m/w/d)",
         "a.b.a.b / x|y | (Berlin) - Lead", "Zoë Analyst", "Brückner Logistik – Entwickler",
         "ss SS ſ s", "Kelvin \u212a k", "İstanbul ı i", "Ada Lovelace-Data Engineer"]


@pytest.mark.parametrize("name", ROLE_NAMES)
def test_drop_name_is_the_plain_pattern(name: str) -> None:
    from outbox.detect import entities
    plain = re.compile(re.escape(name) + r"\s*[/–|-]?\s*", re.IGNORECASE)
    for role in ROLES:
        assert entities._drop_name(role, name) == plain.sub("", role), (name, role)


SUBJECTS = [*SAMPLES, "Interview with Acme Corp",
            "INTERVIEW INVITATION - Nordwind GmbH - Data Lead",
            "Re: Fwd: Acme Robotics | Interview", "Confirmed: Fathom Kiln interview on Tue",
            "Your chat at Hooli (Berlin)", "Entretien chez Maison Ferlac", "Gespräch bei Ørsted",
            "Senior Data Engineer – Acme", "Reminder: your Acme onsite", "Bewerbung bei X AG",
            "Vorstellungsgespräch: Entwickler (m/w/d)", "Data Analyst position", "CANCELLED: call",
            "Candidatura – Olivetta Pagamenti", "ıntervıew at Acme", "Interview\nwith Acme",
            "İnterview with Acme"]


@pytest.mark.parametrize("subject", SUBJECTS)
def test_keyed_subject_patterns_ask_the_prefilter_for_their_keys(subject: str) -> None:
    """The prefilter's answer for the keys stands in for scanning the lower-cased subject
    for each key (a subject holding none is not searched)."""
    from outbox.detect import entities
    for keyed in (*entities._SUBJECT_COMPANY, *entities._SUBJECT_ROLE):
        held = any(key in subject.lower() for key in keyed.keys)
        want = [m.span() for m in keyed.rx.finditer(subject)] if held else []
        assert [m.span() for m in keyed.finditer(subject)] == want, (keyed.rx.pattern, subject)


def _registered_keys() -> list[tuple[int, tuple[str, ...]]]:
    from outbox.detect import entities
    return [(text._QUOTE_KEYS_NUMBER, text._QUOTE_KEYS),
            (entities._EMPLOYER_LABELS_NUMBER, entities._EMPLOYER_LABELS),
            (entities._CLIENT_KEYS_NUMBER, entities._CLIENT_KEYS),
            *((k._number, k.keys) for k in (*entities._SUBJECT_COMPANY, *entities._SUBJECT_ROLE))]


KEYED_TEXTS = [*SAMPLES, *SUBJECTS, "Hiring Company: Acme\nEmployer:\tX", "on behalf of my CLIENT",
               "Their\nhead of data", "PER CONTO di", "Unserem Kunden", "naszego klienta",
               "Organisation : Ørsted", "FÖRETAG: X", "pracodawca: Y", "Wysłano: pon",
               "Skickat den 3", "ENVIADO EL: lunes", "-----ORIGINAL MESSAGE-----"]


@pytest.mark.parametrize("value", KEYED_TEXTS)
def test_prefilter_holds_every_key_the_lowered_text_holds(value: str) -> None:
    """Where a key is in the lower-cased text, the prefilter never answers that none can be
    (its no stands in for scanning the text for each key)."""
    for number, keys in _registered_keys():
        if any(key in value.lower() for key in keys):
            assert phrases.may_hold_key(number, value), (keys, value)


CITY_TEXTS = [*SAMPLES, "Melbourne VIC, New York, New_York, Sao Paulo, São Paulo, Mexico City",
              "Kuala Lumpur Office", "Los Angeles, Buenos Aires and Tel Aviv", "Zürich Älmhult",
              "Hong Kong Island", "Ho Chi Minh City", "Port Moresby New Delhi"]


@pytest.mark.parametrize("value", CITY_TEXTS)
def test_city_words_look_up_what_city_zone_reads(value: str) -> None:
    """``when._local_zone`` looks a capitalised word (pair) up in ``city_zones`` lower-cased,
    as ``city_zone`` reads it (the match has no blank but one space)."""
    from outbox.detect import zones
    from outbox.detect.clock import CITY_WORD_RX
    cities = zones.city_zones()
    for m in CITY_WORD_RX.finditer(value):
        words = m.group(0).lower()
        assert cities.get(words) == zones.city_zone(m.group(0))
        if " " in words:
            assert cities.get(words.split()[0]) == zones.city_zone(m.group(0).split()[0])


_DURATION_TOKENS = ["a", "an", "one", "two", "half", "une", "eine", "una", "un", "ein", "einer",
                    "anderthalb", "12", "1.5", "3,5", "٣", "min", "mins", "minute", "minutes",
                    "hour", "hours", "hr", "hrs", "stunde", "stunden", "heure", "heures", "hora",
                    "horas", "minuten", "minutos", "-", " ", "   ", "\n", "\t", "x", "before",
                    "minimum", "chair", "th", "ahead", ".", "早", "\x1c"]


def _duration_texts() -> list[str]:
    import random
    rng = random.Random(4)
    texts = [value.lower() for value in SAMPLES]
    texts += ["a 45-minute call", "about an hour", "half   an hour", "half an\nhour before",
              "1 - hour", "one -  hour", "2--hours", "anderthalb stunden", "30 minutes ahead",
              "eine stunde", "the meeting is 60 minutes long, 15 minutes before arrive"]
    for _ in range(3000):
        texts.append("".join(rng.choice(_DURATION_TOKENS) for _ in range(rng.randint(1, 14))))
    return texts


def test_durations_are_the_plain_finditer() -> None:
    """``when._durations`` starts each search at the number before the next unit: the same
    matches as searching from the start."""
    from outbox.detect import when
    for low in _duration_texts():
        want = [m.span() for m in when._DURATION_LOW_RX.finditer(low)]
        assert [m.span() for m in when._durations(low)] == want, low


def test_no_number_holds_a_unit_start() -> None:
    """What ``_durations`` relies on: a unit's start is never inside the number before it."""
    from outbox.detect import when
    for number in ("a", "an", "one", "two", "half an", "une", "eine", "una", "un", "ein", "einer",
                   "anderthalb"):
        assert when._DURATION_LOW_RX.match(number + " hour")
        assert when._UNIT_START_RX.search(number) is None


CAPITALISED_TEXTS = [*SAMPLES, *CITY_TEXTS, "xMelbourne aBerlin _Paris 1London é Zürich ÉCOLE",
                     "Victoria Harbour Capital Ltd. and Acme-Data O'Brien & Co", "ÀÖ Øx ÄÖÜ Çava"]


@pytest.mark.parametrize("value", CAPITALISED_TEXTS)
def test_capital_first_patterns_are_the_boundary_patterns(value: str) -> None:
    """A leading \\b read after the capital ("(?<!\\w.)"): the same matches, searched and
    matched at every position."""
    from outbox.detect import entities
    from outbox.detect.clock import CITY_WORD_RX
    for fast, plain in (
            (CITY_WORD_RX, r"\b[A-Z][a-zà-ÿ]+(?:[ _][A-Z][a-zà-ÿ]+)?\b"),
            (entities._CAPITALISED_RX, r"\b[A-ZÀ-Ö][\w’'&-]*(?:[ \t]+[A-ZÀ-Ö][\w’'&-]*){1,4}")):
        rx = re.compile(plain)
        assert [m.span() for m in fast.finditer(value)] == [m.span() for m in rx.finditer(value)]
        for pos in range(len(value) + 1):
            assert _span(fast.match(value, pos)) == _span(rx.match(value, pos)), (plain, pos)


_LANGUAGE_PLAIN = re.compile(
    r"\b(?:(?P<de>und|sie|ihre?n?|uhr|bei|wir|termin|freundlichen)"
    r"|(?P<fr>vous|votre|nous|entretien|heure|cordialement|bonjour)"
    r"|(?P<es>usted|tu|hora|entrevista|saludos|gracias|hola)"
    r"|(?P<other>você|voce|vcs|sua|seu|obrigad[oa]|abraços?|abs|olá|oi|então|amanhã|horário|às"
    r"|aí|né|vou|grazie|saluti|gentile"
    r"|colloquio|ciao|alle ore|je|jij|bedankt|groet(?:en)?|hoi|gesprek|uur))\b")
LANGUAGE_TEXTS = [*SAMPLES, "Ihren Termin bei uns, ihrn ihre ihr ihrer, und Sie", "vous êtes",
                  "obrigada e abraços, abraço, obrigado", "alle ore 10, alle ore\n11, allé oré",
                  "groeten en groet, groetjes; jij je jeans", "às aí né, tutu tu-tu _tu tu_",
                  "Hola usted, gracias; hora horário horas", "1und und1 ÿund undé éund",
                  "Bonjour, cordialement. Entretien à 10 heure(s)"]


@pytest.mark.parametrize("value", LANGUAGE_TEXTS)
def test_language_words_are_the_plain_pattern(value: str) -> None:
    low = value.lower()
    assert len(phrases._LANGUAGE_OF) == sum(map(len, phrases._LANGUAGE_WORDS.values()))
    want = [(m.span(), m.lastgroup) for m in _LANGUAGE_PLAIN.finditer(low)]
    got = [(m.span(), phrases._LANGUAGE_OF[m.group(0)]) for m in phrases._LANGUAGE_RX.finditer(low)]
    assert got == want


BOUNDARY_TEXTS = [value.lower() for value in SAMPLES] + [
    "the previously agreed slot, original time: 10:00 was: tuesday", "xprevious oldx _old 1old",
    "reply by friday, no later than the end of", "bis spätestens am 3.", "bis zum 4. closes on",
    "departing lhr on tuesday, arriving at", "check-in from 3, check-out by 11, pick you up at",
    "instead of thursday, rather than 9, au lieu de, in plaats van, i stället för 10",
    "was scheduled for, had  been booked for, estava marcada para, était prévue le",
    "ursprünglichen termin, bisherigen, alten, oorspronkelijke, précédente",
    "we moved it till friday, flyttat till måndag; push it to 3, we'd like to reschedule",
    "if you can't, asked if we may, if possible, if that's ok, whether or not, asked whether",
    "sans nouvelles, si vous, falls sie, wenn, se hai, caso, should you, in case",
    "el caso que, o caso, este caso; caso seja, um caso, del caso"]


@pytest.mark.parametrize("value", BOUNDARY_TEXTS)
def test_boundary_first_patterns_are_the_plain_patterns(value: str) -> None:
    """``phrases.boundary_first``: the same match as the pattern with its leading \\b, in
    every stretch (searched in place and cut out)."""
    from outbox.detect import rules, when
    from outbox.detect.clock import MOVE_RX
    for plain, fast in ((when._OLD_LABEL_RX.pattern, when._OLD_LABEL_LOW_RX),
                        (when._DEADLINE_RX.pattern, when._DEADLINE_LOW_RX),
                        (when._TRAVEL_RX.pattern, when._TRAVEL_LOW_RX),
                        (when._MOVED_TILL_RX.pattern, when._MOVED_TILL_LOW_RX),
                        (MOVE_RX.pattern, when._MOVE_LOW_RX),
                        (rules._CONDITION_RX.pattern, rules._CONDITION_LOW_RX)):
        assert fast.pattern != plain  # it could be written so
        rx = re.compile(plain)
        for start in range(len(value) + 1):
            for end in range(start, min(len(value), start + 70) + 1):
                assert _span(fast.search(value, start, end)) == _span(rx.search(value, start, end))
            cut = value[start:start + 60]
            assert _span(fast.search(cut)) == _span(rx.search(cut))
