"""A second opinion on a message's kind, learned from the labelled corpus.

The rules read wordings one at a time; some letters are only understood whole
(a rejection that never says no, a "confirmation" that is really a survey).
A naive Bayes model over the words and word pairs of the subject and the
opening of the text, counted on the development corpus, gives that reading.

The rules keep the last word except where the model is allowed to overrule,
and only when it is very sure (``MIN_MARGIN``):
- a message the rules found nothing in may be a **rejection** (no time needed);
- a **confirmation** may be overruled as nothing or a cancellation (a
  confirmation is the costliest mistake: a draft to the wrong person).
It never invents an appointment or a move: it cannot read a time, and whether a
confirmation is a move changes nothing the user sees. Mail of my own,
automatic replies and calendar invitations (the strongest evidence there is) it
never reads (see ``core``). ``outbox explain`` shows its
verdict, the odds and the words that weighed most.

The counts live in ``kind_model.json.gz`` beside this file, written by
``python -m benchmarks.kind_model`` from the corpus (a test keeps it current).
"""

from __future__ import annotations

import gzip
import json
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from outbox.model import Kind, Reason

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).with_name("kind_model.json.gz")
HEAD = 500  # characters of the text read: a letter says what it is near its top
ALPHA = 0.5  # additive smoothing of the counts
PER_DECISION = 250  # features kept for each decision the model may take
# Words of the Latin alphabets, in lower-cased text (a fixed class reads faster than
# Unicode categories; other scripts simply give the model nothing to go on).
_WORD_RX = re.compile(r"[a-zß-öø-ÿ\u0100-\u024f]{2,}")
# Where the model may overrule the rules, and to what (see the module's docstring).
MAY_OVERRULE: dict[Kind, tuple[Kind, ...]] = {
    Kind.NONE: (Kind.REJECTION,),
    Kind.CONFIRMATION: (Kind.NONE, Kind.CANCELLATION),
}
# How much surer the model must be of its kind than of the rules' (natural log of the
# odds): a short message gives it too little to go on to overrule anything.
MIN_MARGIN = 15.0


# Among the first 256 characters the class above is [a-zß-öø-ÿ]: in text of only those
# (ASCII, and most Western European mail) every other byte becomes a space, and the
# words are what ``split`` finds (of two letters or more), with no regex to run.
_LATIN1_LETTERS = bytes(c if 0x61 <= c <= 0x7A or 0xDF <= c <= 0xF6 or c >= 0xF8 else 0x20
                        for c in range(256))


def _tokens(low: str) -> list[str]:
    """``_WORD_RX.findall(low)``, in C for text of Latin-1 characters."""
    try:
        raw = low.encode("latin-1")
    except UnicodeEncodeError:  # other characters ("–", "ł"): the regex reads them
        return _WORD_RX.findall(low)
    spaced = raw.translate(_LATIN1_LETTERS).decode("latin-1")
    return [w for w in spaced.split() if len(w) > 1]


def _words(subject: str, text: str) -> tuple[list[str], list[str]]:
    """The opening's words, and the subject's words as features ("s:interview")."""
    return (_tokens(text[:HEAD].lower()),
            ["s:" + w for w in _tokens(subject.lower())])


def features(subject: str, text: str) -> set[str]:
    """The subject's words, the opening's words and word pairs."""
    words, subject_words = _words(subject, text)
    return {*words, *(f"{a} {b}" for a, b in pairwise(words)), *subject_words}


def train(examples: Iterable[tuple[Kind, str, str]], per_decision: int = PER_DECISION) -> dict:
    """Counts from (kind, subject, text) examples, as stored in the model file: per
    kind the number of documents, and per kept feature in how many documents of each
    kind it appears. Kept are the ``per_decision`` features that best tell apart the
    two kinds of each decision the model may take (a small model reads fast and, on
    the held-out mail, as well as one of every feature)."""
    kinds = [k.value for k in Kind]
    documents: Counter[str] = Counter()
    counts: dict[str, list[int]] = {}
    for kind, subject, text in examples:
        documents[kind.value] += 1
        column = kinds.index(kind.value)
        for feature in features(subject, text):
            row = counts.get(feature)
            if row is None:
                row = counts[feature] = [0] * len(kinds)
            row[column] += 1
    kept: set[str] = set()
    for rules_kind, overrules in MAY_OVERRULE.items():
        for other in overrules:
            a, b = kinds.index(rules_kind.value), kinds.index(other.value)
            na, nb = documents[rules_kind.value] + 1, documents[other.value] + 1

            def strength(feature: str, a: int = a, b: int = b, na: int = na, nb: int = nb
                         ) -> tuple[float, str]:
                row = counts[feature]
                ratio = math.log(((row[a] + ALPHA) / na) / ((row[b] + ALPHA) / nb))
                return -abs(ratio) * math.sqrt(row[a] + row[b]), feature

            kept.update(sorted(counts, key=strength)[:per_decision])
    return {"kinds": kinds, "head": HEAD, "alpha": ALPHA,
            "documents": {k: documents[k] for k in kinds},
            "counts": {f: counts[f] for f in sorted(kept)}}


def save(model: dict, path: Path = MODEL_PATH) -> None:
    data = json.dumps(model, ensure_ascii=False, separators=(",", ":")).encode()
    path.write_bytes(gzip.compress(data, mtime=0))  # the same bytes for the same counts


@dataclass(frozen=True, slots=True)
class Opinion:
    kind: Kind
    confidence: float  # the model's probability for ``kind``
    reason: Reason


# A message's score is a sum over its features, for each kind. Each feature's five
# log-probabilities are kept as whole thousandths of a nat in the 32-bit lanes of one
# Python integer, so that one ``sum`` of integers adds all five at C speed (a feature
# weighs at most ~15,000 per lane; a message has a few hundred features).
_SCALE, _LANE = 1000, 32
_MASK = (1 << _LANE) - 1


class _Model:
    """The counts, read as naive Bayes log-probabilities per kind."""

    def __init__(self, stored: dict) -> None:
        self.kinds = [Kind(k) for k in stored["kinds"]]
        alpha = float(stored["alpha"])
        counts: dict[str, list[int]] = stored["counts"]
        documents = stored["documents"]
        total = sum(documents.values())
        vocabulary = len(counts)
        self.prior = [math.log(max(documents[k.value], 1) / total) for k in self.kinds]
        columns = range(len(self.kinds))
        denominators = [math.log(sum(row[i] for row in counts.values()) + alpha * vocabulary)
                        for i in columns]
        self.packed = {
            f: sum(round((denominators[i] - math.log(row[i] + alpha)) * _SCALE) << (_LANE * i)
                   for i in columns)
            for f, row in counts.items()}
        self.vocabulary = frozenset(self.packed)
        # The known pairs as (first, second): a text's pairs are looked up as pairwise
        # gives them, in C, and only the known ones are spelled out.
        self.pairs = frozenset(tuple(f.split(" ")) for f in self.packed if " " in f)

    def known_features(self, subject: str, text: str) -> set[str]:
        """``features(subject, text) & self.vocabulary``, spelling out only the word pairs
        that are known."""
        vocabulary = self.vocabulary
        words, subject_words = _words(subject, text)
        known = set(vocabulary.intersection(words))
        # in the text's order, as before: a set's order may depend on it, and ``evidence``
        # breaks its ties by that order
        known.update(map(" ".join, filter(self.pairs.__contains__, pairwise(words))))
        known.update(vocabulary.intersection(subject_words))
        return known

    def scores(self, known: set[str]) -> dict[Kind, float]:
        total = sum(map(self.packed.__getitem__, known))
        return {kind: self.prior[i] - ((total >> (_LANE * i)) & _MASK) / _SCALE
                for i, kind in enumerate(self.kinds)}

    def weight(self, feature: str, kind: Kind) -> float:
        """log p(feature | kind), as scored."""
        lane = self.kinds.index(kind)
        return -((self.packed[feature] >> (_LANE * lane)) & _MASK) / _SCALE

    def evidence(self, known: set[str], winner: Kind, loser: Kind, n: int = 6) -> list[str]:
        """The features that weighed most for ``winner`` against ``loser``."""
        # (ties by name: a set's order changes from run to run, the explanation must not)
        return sorted(known, key=lambda f: (self.weight(f, loser) - self.weight(f, winner), f)
                      )[:n]


@lru_cache(maxsize=1)
def _model() -> _Model | None:
    try:
        return _Model(json.loads(gzip.decompress(MODEL_PATH.read_bytes())))
    except (OSError, ValueError, KeyError) as exc:
        log.warning("kind model unreadable (%s): the rules decide alone", exc)
        return None


def second_opinion(subject: str, text: str, rules_kind: Kind) -> Opinion | None:
    """The model's kind where it may overrule the rules and disagrees with them."""
    allowed = MAY_OVERRULE.get(rules_kind)
    model = _model() if allowed else None
    if model is None:
        return None
    known = model.known_features(subject, text)
    scores = model.scores(known)
    best = max(scores, key=scores.__getitem__)
    if best not in allowed:
        return None
    top = scores[best]
    probability = 1.0 / sum(math.exp(s - top) for s in scores.values())
    margin = top - scores[rules_kind]
    if margin < MIN_MARGIN:
        return None
    words = ", ".join(repr(f) for f in model.evidence(known, best, rules_kind))
    detail = (f"{best.value} rather than {rules_kind.value} (p={probability:.2f}, "
              f"log-odds {margin:.1f}); weighed most: {words}")
    return Opinion(best, round(probability, 2), Reason("kind_model", round(probability, 2),
                                                       detail))
