"""The quality floor of detection on the labelled corpus (``tests/corpus``).

The measures are computed by ``benchmarks.detection`` (one piece of code serves
the benchmark table and this test); speed is the benchmark's business, not a
test's. ``python -m benchmarks.detection --misses`` lists what went wrong.
"""

from __future__ import annotations

import pytest

from benchmarks.detection import Scores, evaluate

MIN_MESSAGES = 250
SLOT_PRECISION, SLOT_RECALL = 0.99, 0.97
KIND_ACCURACY, START_ACCURACY = 0.97, 0.97


@pytest.fixture(scope="module")
def scores() -> Scores:
    s, _ = evaluate()
    if s.n < MIN_MESSAGES:
        pytest.fail(f"the corpus holds {s.n} labelled messages with a file; at least "
                    f"{MIN_MESSAGES} are needed for the quality floor to mean anything "
                    "(tests/corpus/labels.d/*.jsonl)", pytrace=False)
    return s


def _misses(s: Scores, what: str) -> str:
    files = [case.label.file for kinds, case in s.misses if what in kinds.split(",")]
    return f"{len(files)} misses: {', '.join(files[:20])}"


def test_slot_precision(scores: Scores) -> None:
    assert scores.slot_precision >= SLOT_PRECISION, _misses(scores, "kind")


def test_slot_recall(scores: Scores) -> None:
    assert scores.slot_recall >= SLOT_RECALL, _misses(scores, "kind")


def test_confirmation_precision_and_recall(scores: Scores) -> None:
    assert scores.confirmation_precision >= SLOT_PRECISION, _misses(scores, "kind")
    assert scores.confirmation_recall >= SLOT_RECALL, _misses(scores, "kind")


def test_kind_accuracy(scores: Scores) -> None:
    assert scores.kind_accuracy >= KIND_ACCURACY, _misses(scores, "kind")


def test_exact_start(scores: Scores) -> None:
    assert scores.start_accuracy >= START_ACCURACY, _misses(scores, "start")


def test_never_a_confirmation_before_its_date(scores: Scores) -> None:
    assert scores.before_date == 0, _misses(scores, "before_date")


def test_classify_never_fails(scores: Scores) -> None:
    assert scores.errors == 0


# -- the held-out set -------------------------------------------------------------------
# Written apart (tests/corpus/holdout, 200 messages: two of round 22's writers and two of
# round 23's) and never developed against: nobody reads its misses, only these totals. It
# shows how far the rules generalise to mail nobody tuned them on. (Earlier held-out sets
# served a while and then joined development, as the issue asks: 420 messages as
# tests/corpus/blind1, 200 as rounds 14 and 16, 300 as half of rounds 18-20, 100 as half
# of round 21.) The floors sit just under what detection reached on it, not at the
# targets above: a change that makes detection generalise worse fails here; raise them as
# detection improves. (The kind model is counted again whenever the corpus grows; its
# overrules move these totals by a point or two either way, hence the margin.)
HOLDOUT_FLOORS = {"slot_precision": 0.87, "slot_recall": 0.94, "kind_accuracy": 0.90,
                  "start_accuracy": 0.92}


@pytest.fixture(scope="module")
def holdout() -> Scores:
    from benchmarks.detection import HOLDOUT_GLOB

    s, _ = evaluate(HOLDOUT_GLOB)
    if s.n < 50:
        pytest.fail(f"the held-out set holds {s.n} labelled messages; 50 expected",
                    pytrace=False)
    return s


@pytest.mark.parametrize("measure", sorted(HOLDOUT_FLOORS))
def test_held_out_generalisation_floor(holdout: Scores, measure: str) -> None:
    assert getattr(holdout, measure) >= HOLDOUT_FLOORS[measure], _misses(holdout, "kind")


def test_held_out_never_a_confirmation_before_its_date(holdout: Scores) -> None:
    assert holdout.before_date == 0 and holdout.errors == 0
