"""The phrase prefilter may only ever skip a phrase that cannot match.

``detect.prefilter`` turns each phrase into an RE2 superset and asks one RE2
set which phrases a text can hold. If a superset were ever narrower than its
phrase, detection would silently miss a wording: these tests hold the
superset property on hand-picked hard cases, on random text, and on every
message of the corpus, and check that detection answers exactly as it does
without the prefilter.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.detection import CTX, load_labels, load_messages
from outbox.detect import classify, phrases
from outbox.detect.prefilter import Prefilter, fold, to_re2
from outbox.detect.text import body_text, fresh_part

PHRASES = {name: value for name, value in vars(phrases).items()
           if isinstance(value, phrases.Phrase)}


@pytest.mark.parametrize(("pattern", "text"), [
    (r"\bunfortunately\b[^.\n]{0,60}\bnot\b", "unfortunately, after much thought, we will not"),
    (r"(?<!receive a )confirmation\b", "your confirmation"),  # lookbehind dropped
    (r"caf\w+ (?:break|chat)", "café chat"),  # \w is Unicode in Python
    (r"\d{1,2} uhr", "١٠ uhr"),  # so is \d (Arabic-Indic digits)
    (r"see\s+you", "see\u00a0you"),  # and \s (a no-break space)
    (r"rozmow[aęy] kwalifikacyjn", "rozmowę kwalifikacyjną"),
    (r"hold\s*[-–:|]", "hold – tuesday"),
    (r"fällt\b.{0,40}\baus\b", "das gespräch fällt morgen leider aus"),
    (r"(?:\S+ ){0,10}?annuleren", "we moeten het gesprek helaas annuleren"),
    (r"[^\W\d_]+ings?", "meetings"),
    (r"x{2,}y", "xxxxxxy"),
])
def test_the_re2_pattern_matches_whatever_the_python_one_matches(pattern: str, text: str) -> None:
    assert re.search(pattern, text)
    options = re2.Options()
    options.encoding = re2.Options.Encoding.LATIN1  # as the prefilter reads: folded bytes
    assert re2.compile(to_re2(pattern).encode(), options).search(fold(text)), to_re2(pattern)


def test_every_phrase_is_prefiltered() -> None:
    """A phrase left out would still be right, only slower: but it should not happen."""
    for phrase in PHRASES.values():
        phrase.search("warm up the set")
    compiled, numbers, always = phrases._PREFILTER._compiled
    assert compiled is not None and not always
    assert len(numbers) >= len(PHRASES)  # the phrases, and what other modules registered


def _unfiltered(phrase: phrases.Phrase, text: str) -> phrases.Hit | None:
    low = phrases._lower(text)
    if len(low) != len(text):
        return phrase.search(text)
    return phrase._fast(text, low, 0)


def _same_hit(a: phrases.Hit | None, b: phrases.Hit | None) -> bool:
    return (a is None and b is None) or (
        a is not None and b is not None and (a.start(), a.end()) == (b.start(), b.end()))


_WORDS = sorted({w for p in phrases._PREFILTER.patterns() if p
                 for w in re.findall(r"[^\W\d_]{2,}", p)})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_WORDS),
                          st.text(alphabet=" .,;:!?\n-–'’()0123456789éüñçø\u00a0", max_size=3)),
                max_size=40))
def test_a_phrase_is_never_skipped_where_it_matches(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for name, phrase in PHRASES.items():
        assert _same_hit(phrase.search(text), _unfiltered(phrase, text)), name


@pytest.fixture(scope="module")
def corpus() -> list:
    pairs = load_messages(load_labels(
        str(Path(__file__).parent / "corpus" / "labels.d" / "*.jsonl")))
    assert len(pairs) >= 250
    return [message for _, message in pairs]


def test_on_every_corpus_message_each_phrase_answers_as_without_the_prefilter(corpus) -> None:
    for message in corpus:
        full = body_text(message)
        for text in (message.subject or "", full, fresh_part(full)):
            for name, phrase in PHRASES.items():
                assert _same_hit(phrase.search(text), _unfiltered(phrase, text)), (
                    name, message.message_id)


def test_detection_is_the_same_with_the_prefilter_off(corpus, monkeypatch) -> None:
    with_filter = [classify(m, CTX) for m in corpus]
    everything = frozenset(range(len(phrases._PREFILTER._sources)))
    monkeypatch.setattr(phrases._PREFILTER, "present", lambda low: everything)
    phrases._PRESENT.clear()  # what the prefilter said of the last texts
    for phrase in PHRASES.values():
        phrase._last = None  # the phrases remember their last answer
    searched = []
    real_fast = phrases.Phrase._fast

    def fast(self, text, low, pos):
        searched.append(self)
        return real_fast(self, text, low, pos)

    monkeypatch.setattr(phrases.Phrase, "_fast", fast)
    without = [classify(m, CTX) for m in corpus]
    assert len(searched) > 10 * len(corpus)  # every phrase really ran: the prefilter was off
    assert [(d.kind, d.start, d.company, d.reasons) for d in with_filter] == [
        (d.kind, d.start, d.company, d.reasons) for d in without]


def test_a_small_automaton_budget_still_never_skips_a_match(corpus) -> None:
    """RE2 resets or gives up when its automaton outgrows ``max_mem``; either way the
    answer must stay a superset (a sentinel pattern tells a refusal from "nothing")."""
    tight = Prefilter(max_mem=3 << 20)
    numbers = {name: tight.add(phrase.alternatives) for name, phrase in PHRASES.items()}
    for message in corpus[:200]:
        text = body_text(message)
        low = phrases._lower(text)
        for name, phrase in PHRASES.items():
            if _unfiltered(phrase, text) is not None and len(low) == len(text):
                assert numbers[name] in tight.present(low), name


class _GivesUp:
    """RE2's set as it answers when its automaton ran out of memory: no match at all."""

    def Match(self, text: str) -> None:  # RE2 names it so
        return None


def test_when_re2_gives_up_every_phrase_runs() -> None:
    prefilter = Prefilter()
    first = prefilter.add(["interview"])
    second = prefilter.add(["regret"])
    assert first not in prefilter.present("nothing here")
    prefilter._compiled = (_GivesUp(), [first, second], frozenset())
    assert first in prefilter.present("nothing here")
    assert second in prefilter.present("nothing here")


def test_a_pattern_re2_cannot_take_makes_its_phrase_always_run() -> None:
    prefilter = Prefilter()
    backreference = prefilter.add([r"(a)\1"])  # no RE2 superset is written for these
    plain = prefilter.add(["interview"])
    assert backreference in prefilter.present("nothing here")
    assert plain not in prefilter.present("nothing here")
    assert plain in prefilter.present("an interview")


def test_re2_never_gives_up_on_the_corpus(corpus) -> None:
    """Giving up would be safe (every phrase then runs) but many times slower: a phrase
    whose superset blows up RE2's automaton shows here first."""
    compiled, numbers, _ = phrases._PREFILTER._compiled or (None, [], None)
    if compiled is None:
        phrases._PREFILTER.present("warm up")
        compiled, numbers, _ = phrases._PREFILTER._compiled
    for message in corpus:
        for text in (message.subject or "", body_text(message)):
            found = compiled.Match(fold(phrases._lower(text)))
            assert found and len(numbers) in found, message.message_id


def test_the_subject_patterns_skip_only_subjects_they_cannot_match(corpus) -> None:
    """The company and role patterns of a subject are searched only when it holds one of
    their key words: on every corpus subject they find what they find unkeyed."""
    from outbox.detect import entities

    keyed = entities._SUBJECT_COMPANY + entities._SUBJECT_ROLE
    for message in corpus:
        subject = message.subject or ""
        for pattern in keyed:
            assert [m.span() for m in pattern.finditer(subject)] == [
                m.span() for m in pattern.rx.finditer(subject)], (pattern.rx.pattern, subject)


def _uncut(pattern: str) -> str:
    """The RE2 superset without its ends cut (``prefilter._edges``)."""
    from outbox.detect.prefilter import _emit, sre_parse
    return _emit(sre_parse.parse(pattern))


@pytest.mark.parametrize("pattern", [
    r"^\s*(?:updated invitation|rescheduled)\b", r"\bfor (?:the|our|a|an)\s+",
    r"(?:role|position) of\s+(?:an?\s+)?", r"(?:employer|company)[ \t]*:[ \t]*",
    r"\bint(?:erest in (?:joining\s+)?|eresse an\s+)", r"x{2,5}y{1,3}", r"\s*", r"(?:a|b*)c?",
    r"(?:on behalf of (?:my |our )?(?:client,?\s+)?)", r"hold\s*[-–:|]", r"x+(?:ab|c)*",
])
def test_cutting_the_ends_keeps_exactly_the_texts_that_hold_a_match(pattern: str) -> None:
    """The set asks whether a text holds a match: cut or not, the same texts do."""
    options = re2.Options()
    options.encoding = re2.Options.Encoding.LATIN1
    cut, whole = (re2.compile(p.encode(), options) for p in (to_re2(pattern), _uncut(pattern)))
    texts = ["", " ", "x", "xx", "xxy", "xxxxxxyyyy", "ab", "abc", "c", "bbb", "rescheduled",
             "  updated invitation", "for the ", "for an\n", "for a", "role of an ", "role of",
             "employer:", "company :  acme", "interest in ", "interest in joining ", "eresse an",
             "on behalf of ", "on behalf of my client, ", "hold -", "hold", "xab", "xc"]
    for text in texts:
        assert bool(cut.search(fold(text))) == bool(whole.search(fold(text))), (pattern, text)


def test_cutting_the_ends_changes_no_answer_on_the_corpus(corpus) -> None:
    sources = phrases._PREFILTER._sources
    options = re2.Options()
    options.encoding = re2.Options.Encoding.LATIN1
    cut, whole = re2.Set.SearchSet(options), re2.Set.SearchSet(options)
    for alternatives in sources:
        cut.Add("|".join(to_re2(a) for a in alternatives).encode())
        whole.Add("|".join(_uncut(a) for a in alternatives).encode())
    cut.Compile()
    whole.Compile()
    for message in corpus:
        full = body_text(message)
        for text in (message.subject or "", full, fresh_part(full)):
            low = fold(text.lower().replace("\n", " "))
            assert sorted(cut.Match(low) or []) == sorted(whole.Match(low) or [])
