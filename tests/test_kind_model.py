"""The kind model: a second opinion on a message's kind, within strict limits.

It is counted from the development corpus; the counts shipped beside the code
must be what the corpus gives today. It may call a letter the rules found
nothing in a rejection, and overrule a confirmation as nothing or a
cancellation, when it is very sure; it never makes an appointment.
"""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from benchmarks import kind_model
from outbox.cli import main
from outbox.detect import DetectContext, classify, kindmodel
from outbox.model import Address, Folder, Kind, Message

ADA = Address("ada@example.com", "Ada Lovelace")
CTX = DetectContext(frozenset({"ada@example.com"}), timedelta(minutes=60), ZoneInfo("UTC"))

# Written for this test: a rejection in which the rules find no wording of theirs.
QUIET_NO = ("Dear Ada,\n\nThank you for the time you gave us over the past weeks. The team "
            "has now completed its review and we have decided to proceed with a profile more "
            "closely aligned with the brief.\n\nKind regards,\nMara")


def message(text: str, subject: str, sender: Address, **fields: object) -> Message:
    return Message(ref="t", folder=Folder.INBOX, message_id="<t@example.org>",
                   date=datetime(2026, 3, 2, 9, 0, tzinfo=UTC), subject=subject, from_=sender,
                   to=(ADA,), body_fetched=True, text=text, **fields)


def test_the_shipped_counts_are_those_of_the_corpus_today() -> None:
    """Adding labelled mail without counting again (``make model``) fails here."""
    shipped = json.loads(gzip.decompress(kindmodel.MODEL_PATH.read_bytes()))
    assert shipped == json.loads(json.dumps(kind_model.build())), (
        "src/outbox/detect/kind_model.json.gz is stale: run `make model`")


def test_the_held_out_mail_is_never_counted() -> None:
    shipped = json.loads(gzip.decompress(kindmodel.MODEL_PATH.read_bytes()))
    development = len(kind_model.examples())
    assert sum(shipped["documents"].values()) == development


def test_a_rejection_the_rules_find_nothing_in_is_read_whole() -> None:
    sender = Address("mara.ilic@tessellate-labs.example", "Mara Ilic")
    detection = classify(message(QUIET_NO, "Your application", sender), CTX)
    assert detection.kind is Kind.REJECTION
    reason = next(r for r in detection.reasons if r.signal == "kind_model")
    assert "rejection rather than none" in reason.detail and "'decided" in reason.detail
    assert detection.start is None  # a verdict, no appointment
    assert detection.company == "Tessellate Labs"  # linked to the interview like any other


def test_mail_of_my_own_is_never_made_a_rejection() -> None:
    mine = message(QUIET_NO, "Your application", ADA)
    assert classify(mine, CTX).kind is Kind.NONE
    auto = message(QUIET_NO, "Automatic reply: Your application",
                   Address("mara.ilic@tessellate-labs.example", "Mara Ilic"),
                   auto_submitted="auto-replied")
    assert classify(auto, CTX).kind is Kind.NONE


@pytest.mark.parametrize("rules_kind", [Kind.RESCHEDULE, Kind.CANCELLATION, Kind.REJECTION])
def test_it_never_overrules_a_move_a_cancellation_or_a_rejection(rules_kind: Kind) -> None:
    assert kindmodel.second_opinion("Your application", QUIET_NO, rules_kind) is None


def test_it_never_makes_an_appointment() -> None:
    """Whatever the words, the model cannot turn nothing into a confirmation or a move."""
    for overrules in kindmodel.MAY_OVERRULE.values():
        assert Kind.CONFIRMATION not in overrules and Kind.RESCHEDULE not in overrules
    invitation = ("Hi Ada, we would love to invite you to an interview. Your interview is "
                  "confirmed for Tuesday at 2pm, see you then!")
    assert kindmodel.second_opinion("Interview confirmed", invitation, Kind.NONE) is None


def test_a_short_message_gives_it_too_little_to_overrule() -> None:
    assert kindmodel.second_opinion("Re: chat", "Sounds good, see you then.",
                                    Kind.CONFIRMATION) is None


def test_the_words_it_reads_are_those_it_was_counted_on() -> None:
    model = kindmodel._model()
    assert model is not None
    for subject, text in [("Interview - Data Engineer", QUIET_NO),
                          ("Ré: Entretien", "Nous avons décidé de poursuivre avec d'autres "
                           "candidats. Bien cordialement"),
                          ("", ""), ("x", "a b c 12 34 ü ß")]:
        assert model.known_features(subject, text) == (
            kindmodel.features(subject, text) & model.vocabulary)


def test_training_counts_documents_not_repeats() -> None:
    counted = kindmodel.train([(Kind.REJECTION, "Update", "decided decided decided"),
                               (Kind.NONE, "Update", "newsletter")], per_decision=10)
    kinds = counted["kinds"]
    assert counted["documents"]["rejection"] == 1
    assert counted["counts"]["decided"][kinds.index("rejection")] == 1
    assert counted["counts"]["s:update"] == [1 if k in ("rejection", "none") else 0
                                             for k in kinds]


def test_without_its_counts_the_rules_decide_alone(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(kindmodel, "MODEL_PATH", tmp_path / "missing.json.gz")
    kindmodel._model.cache_clear()
    try:
        sender = Address("mara.ilic@tessellate-labs.example", "Mara Ilic")
        assert classify(message(QUIET_NO, "Your application", sender), CTX).kind is Kind.NONE
    finally:
        kindmodel._model.cache_clear()


def test_explain_shows_the_second_opinion(tmp_path, capsys) -> None:
    eml = tmp_path / "quiet-no.eml"
    eml.write_text("From: Mara Ilic <mara.ilic@tessellate-labs.example>\nTo: ada@example.com\n"
                   "Subject: Your application\nDate: Mon, 2 Mar 2026 09:00:00 +0000\n"
                   "Message-ID: <q@tessellate-labs.example>\n\n" + QUIET_NO + "\n")
    assert main(["explain", str(eml)]) == 0
    out = capsys.readouterr().out
    assert "rejection" in out and "kind_model" in out and "weighed most" in out


def test_a_calendar_invitation_is_never_overruled(monkeypatch) -> None:
    from pathlib import Path

    from outbox.mime import parse_message

    def refuse(*_: object) -> None:
        raise AssertionError("the kind model was asked about an invitation")

    monkeypatch.setattr(kindmodel, "second_opinion", refuse)
    eml = Path(__file__).parent / "data" / "eml" / "confirm_calendar.eml"
    invitation = parse_message(eml.read_bytes(), ref="c", folder=Folder.INBOX)
    assert invitation.calendars
    assert classify(invitation, CTX).kind is Kind.CONFIRMATION


def test_words_that_weigh_the_same_are_explained_in_a_fixed_order() -> None:
    # a set's order changes from run to run (hash seeds); the explanation must not
    counted = kindmodel.train([(Kind.REJECTION, "Update", "zeta alpha mid"),
                               (Kind.NONE, "Hello", "other words here")], per_decision=50)
    model = kindmodel._Model(counted)
    tied = {"zeta", "alpha", "mid"}
    assert model.evidence(tied, Kind.REJECTION, Kind.NONE) == ["alpha", "mid", "zeta"]
