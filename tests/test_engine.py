"""Engine behaviour beyond the contract lifecycle: the per-cycle cap, crashes
between the steps of a draft's creation, two daemons, hostile mail."""

from __future__ import annotations

import logging
import multiprocessing
import os
from datetime import datetime
from pathlib import Path

import pytest

from outbox.clock import FixedClock
from outbox.daemon import AlreadyRunning, Backoff, run_cycle, single_instance
from outbox.engine import Engine, default_factory
from outbox.model import MilestoneState
from outbox.provider import TransientError
from outbox.store import Store

from .contract.conftest import EML, make_config
from .contract.mailboxes import MaildirBox


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def box(tmp_path: Path) -> MaildirBox:
    return MaildirBox(tmp_path / "Mail")


def engine_for(box: MaildirBox, tmp_path: Path, when: str, **overrides: object) -> Engine:
    config = make_config(box.account, tmp_path / "state")
    if overrides:
        config = config.model_copy(update=overrides)
    return Engine(config, Store.open(tmp_path / "state"), FixedClock(at(when)))


def test_no_cycle_creates_more_than_the_cap_and_says_so(box: MaildirBox, tmp_path: Path) -> None:
    box.deliver(EML("confirm_calendar.eml"))  # Acme, Tue 10 March
    box.deliver(EML("confirm_plain.eml"))  # Initech, Thu 12 March
    engine = engine_for(box, tmp_path, "2026-03-09T09:00:00+00:00", max_drafts_per_cycle=1)
    engine.cycle("home")  # first sync: nothing due yet
    assert isinstance(engine.clock, FixedClock)
    engine.clock.set(at("2026-03-20T09:00:00+00:00"))  # both follow-ups are due
    report = engine.cycle("home")
    assert len(box.messages("drafts")) == 1
    assert report.waiting == 1
    assert any("wait for the next cycle" in e.what for e in report.events)
    report = engine.cycle("home")
    assert len(box.messages("drafts")) == 2 and report.waiting == 0


class CrashAfterWrite:
    """The real provider, but the process dies right after the draft is written,
    before outbox records it (a kill -9 between steps 2 and 3)."""

    def __init__(self, name: str) -> None:
        self.inner = default_factory(name)
        self.name = name

    def __getattr__(self, attr: str) -> object:
        return getattr(self.inner, attr)

    def create_draft(self, msg: object, thread_hint: str | None) -> object:
        self.inner.create_draft(msg, thread_hint)  # type: ignore[arg-type]
        os._exit(9)


def _crashing_cycle(account: dict[str, str], state: str) -> None:
    config = make_config(account, Path(state))
    engine = Engine(config, Store.open(Path(state)),
                    FixedClock(at("2026-03-11T09:00:00+00:00")), CrashAfterWrite)
    engine.cycle("home")


def test_a_crash_between_write_and_record_never_means_two_drafts(
    box: MaildirBox, tmp_path: Path
) -> None:
    box.deliver(EML("confirm_calendar.eml"))
    proc = multiprocessing.get_context("fork").Process(
        target=_crashing_cycle, args=(box.account, str(tmp_path / "state"))
    )
    proc.start()
    proc.join(30)
    assert proc.exitcode == 9
    assert len(box.messages("drafts")) == 1
    engine = engine_for(box, tmp_path, "2026-03-11T09:05:00+00:00")
    engine.cycle("home")
    engine.cycle("home")
    assert len(box.messages("drafts")) == 1
    [iv] = engine.store.interviews()
    states = {m.name: m.state for m in engine.store.milestones(iv.id)}
    assert states["thank_you"] is MilestoneState.DRAFTED


def test_a_second_daemon_on_the_same_state_is_refused(tmp_path: Path) -> None:
    # flock conflicts between open file descriptions, so a second open in this
    # process is refused exactly as a second daemon would be.
    with single_instance(tmp_path), pytest.raises(
        AlreadyRunning, match=f"already running.*pid {os.getpid()}"
    ), single_instance(tmp_path):
        pass
    with single_instance(tmp_path):  # released on exit: the next one gets it
        pass


def test_hostile_and_malformed_mail_is_skipped_with_a_log_line(
    box: MaildirBox, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    box.deliver(b"\x00\xff garbage without headers \x00")
    box.deliver(b"Subject: =?utf-8?b?!!!?= Interview\r\nFrom: <<<>>>\r\nDate: never\r\n\r\n"
                + b"\xff" * 1000)
    box.deliver(EML("confirm_calendar.eml"))
    engine = engine_for(box, tmp_path, "2026-03-11T09:00:00+00:00")
    with caplog.at_level(logging.INFO):
        engine.cycle("home")
    assert len(box.messages("drafts")) == 1, "the good message still gets its draft"


class FlakyProvider:
    def __init__(self, name: str) -> None:
        self.name = name

    def open(self, account: object, secrets: object) -> None:
        raise TransientError("connection reset by peer", retry_after=120)

    def close(self) -> None:
        pass


def test_transient_errors_back_off_and_do_not_stop_other_accounts(
    box: MaildirBox, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = engine_for(box, tmp_path, "2026-03-11T09:00:00+00:00")
    engine.provider_factory = FlakyProvider  # type: ignore[assignment]
    backoff = Backoff()
    seen: list[object] = []
    clock = [1000.0]
    with caplog.at_level(logging.WARNING):
        assert run_cycle(engine, ["home"], backoff, seen.append, lambda: clock[0]) is False
    assert "connection reset" in caplog.text and "retrying in 120s" in caplog.text
    clock[0] += 60
    assert not backoff.ready("home", clock[0])
    clock[0] += 61
    assert backoff.ready("home", clock[0])
    engine.provider_factory = default_factory
    assert run_cycle(engine, ["home"], backoff, seen.append, lambda: clock[0]) is True
    assert len(seen) == 1 and backoff.failures == {}


INITECH_INVITE = """BEGIN:VCALENDAR
VERSION:2.0
METHOD:REQUEST
BEGIN:VEVENT
UID:initech-1@initech.com
DTSTART;TZID=America/Los_Angeles:20260312T100000
DTEND;TZID=America/Los_Angeles:20260312T104500
SUMMARY:Interview: Backend Engineer (Initech)
ORGANIZER;CN=Peter Gibbons:mailto:peter@initech.com
ATTENDEE;CN=Ada Lovelace:mailto:ada@example.com
END:VEVENT
END:VCALENDAR
"""


def test_unsure_interviews_get_no_drafts_until_confirmed(box: MaildirBox, tmp_path: Path) -> None:
    box.deliver(EML("confirm_plain.eml"))  # a plain-text confirmation, confidence 0.85
    engine = engine_for(box, tmp_path, "2026-03-10T09:00:00+00:00", confidence_threshold=0.9)
    report = engine.cycle("home")
    [iv] = engine.store.interviews()
    assert iv.status.value == "unsure"
    assert any("please confirm" in e.what for e in report.events)
    engine.clock.set(at("2026-03-13T09:00:00+00:00"))  # type: ignore[attr-defined]
    engine.cycle("home")
    assert box.messages("drafts") == []

    # The invitation that follows in the same thread states it clearly.
    from email.message import EmailMessage

    invite = EmailMessage()
    invite["From"] = "Peter Gibbons <peter@initech.com>"
    invite["To"] = "Ada Lovelace <ada@example.com>"
    invite["Subject"] = "Invitation: Interview: Backend Engineer (Initech)"
    invite["Date"] = "Mon, 09 Mar 2026 09:30:00 -0700"
    invite["Message-ID"] = "<invite-1@initech.com>"
    invite["In-Reply-To"] = "<CAH7x9Lp0q3Vb2mZ@mail.initech.com>"
    invite["References"] = "<CAH7x9Lp0q3Vb2mZ@mail.initech.com>"
    invite.set_content("Invitation attached.")
    invite.add_alternative(INITECH_INVITE, subtype="calendar", params={"method": "REQUEST"})
    box.deliver(invite.as_bytes())
    engine.cycle("home")
    [iv] = engine.store.interviews()
    assert iv.status.value == "scheduled"
    assert len(box.messages("drafts")) == 1  # the thank-you, still inside its deadline


def _mail(sender: str, subject: str, date: str, msgid: str, body: str,
          in_reply_to: str | None = None, **headers: str) -> bytes:
    from email.message import EmailMessage

    m = EmailMessage()
    m["From"], m["To"], m["Subject"], m["Date"], m["Message-ID"] = (
        sender, "Ada Lovelace <ada@example.com>", subject, date, msgid)
    if in_reply_to:
        m["In-Reply-To"] = m["References"] = in_reply_to
    for name, value in headers.items():
        m[name.replace("_", "-")] = value
    m.set_content(body)
    return m.as_bytes()


CONFIRM = "<gh.interview.4815162342.20260302150411@greenhouse.io>"


@pytest.mark.parametrize(
    ("raw", "stops"),
    [
        # Someone else at the company, in a new thread: the employer's side answered.
        (_mail("Alan Turing <alan@acme.com>", "Great chatting", "Thu, 12 Mar 2026 10:00 -0400",
               "<alan-1@acme.com>", "Great chatting on Tuesday, Ada!"), True),
        # The ATS's survey about the interview: a robot, not an answer.
        (_mail("Acme via Greenhouse <no-reply@greenhouse.io>", "How was your interview?",
               "Thu, 12 Mar 2026 10:00 -0400", "<survey-1@greenhouse.io>",
               "Tell us about your candidate experience.", CONFIRM), False),
        # My other address, in the thread: never counts.
        (_mail("Ada L. <ada.lovelace@gmail.com>", "Re: Interview", "Thu, 12 Mar 2026 10:00 -0400",
               "<ada-2@gmail.com>", "Forwarding to myself.", CONFIRM), False),
        # An out-of-office notice from the recruiter.
        (_mail("Grace Hopper <grace@acme.com>", "Automatic reply: Interview",
               "Thu, 12 Mar 2026 10:00 -0400", "<ooo-2@acme.com>", "I am away until Monday.",
               CONFIRM, Auto_Submitted="auto-replied"), False),
        # The recruiter before the interview: not a reply to it.
        (_mail("Grace Hopper <grace@acme.com>", "Re: Interview", "Mon, 09 Mar 2026 10:00 -0400",
               "<grace-early@acme.com>", "See you Tuesday!", CONFIRM), False),
    ],
    ids=["company-domain", "no-reply-survey", "my-alias", "out-of-office", "before-interview"],
)
def test_what_counts_as_the_employer_answering(
    box: MaildirBox, tmp_path: Path, raw: bytes, stops: bool
) -> None:
    box.deliver(EML("confirm_calendar.eml"))
    config = make_config(box.account, tmp_path / "state").model_copy(update={
        "me": make_config(box.account, tmp_path).me.model_copy(
            update={"addresses": ["ada@example.com", "ada.lovelace@gmail.com"]})
    })
    engine = Engine(config, Store.open(tmp_path / "state"),
                    FixedClock(at("2026-03-05T09:00:00+00:00")))
    engine.cycle("home")
    box.deliver(raw)
    engine.clock.set(at("2026-03-12T16:00:00+00:00"))  # type: ignore[attr-defined]
    engine.cycle("home")
    [iv] = engine.store.interviews()
    assert (iv.status.value == "replied") is stops


def test_sending_a_rewritten_copy_counts_as_sent(box: MaildirBox, tmp_path: Path) -> None:
    """Some clients send a new message (new Message-ID, custom headers dropped):
    the draft vanishes and my reply appears in the thread."""
    box.deliver(EML("confirm_calendar.eml"))
    engine = engine_for(box, tmp_path, "2026-03-11T09:00:00+00:00")
    engine.cycle("home")
    box.delete_draft(box.messages("drafts")[0]["X-Outbox-Key"])
    box.deliver(_mail("Ada Lovelace <ada@example.com>", "Re: Interview Confirmation",
                      "Wed, 11 Mar 2026 09:30:00 +0000", "<sent-1@example.com>",
                      "Dear Grace, thank you...", CONFIRM), "sent")
    engine.clock.set(at("2026-03-11T10:00:00+00:00"))  # type: ignore[attr-defined]
    engine.cycle("home")
    [iv] = engine.store.interviews()
    states = {m.name: m.state for m in engine.store.milestones(iv.id)}
    assert states["thank_you"] is MilestoneState.SENT


PANEL_INVITE = """BEGIN:VCALENDAR
VERSION:2.0
METHOD:REQUEST
BEGIN:VEVENT
UID:panel-77@globex.com
DTSTART;TZID=Europe/London:20260317T100000
DTEND;TZID=Europe/London:20260317T113000
SUMMARY:Panel interview: Ada Lovelace - Staff Engineer (Globex)
ORGANIZER;CN=Maria Lopez:mailto:maria@globex.com
ATTENDEE;CN=Ada Lovelace;ROLE=REQ-PARTICIPANT:mailto:ada@example.com
ATTENDEE;CN=Hank Scorpio;ROLE=REQ-PARTICIPANT:mailto:hank@globex.com
ATTENDEE;CN=Frank Grimes;ROLE=REQ-PARTICIPANT:mailto:frank@globex.com
END:VEVENT
END:VCALENDAR
"""


def _panel() -> bytes:
    from email.message import EmailMessage

    m = EmailMessage()
    m["From"] = "Maria Lopez <maria@globex.com>"
    m["To"] = "Ada Lovelace <ada@example.com>"
    m["Subject"] = "Invitation: Panel interview - Staff Engineer (Globex)"
    m["Date"] = "Mon, 09 Mar 2026 11:00:00 +0000"
    m["Message-ID"] = "<panel-invite@globex.com>"
    m.set_content("Hi Ada, your panel interview for the Staff Engineer role is confirmed for "
                  "Tuesday 17 March, 10:00-11:30 UK time, with Hank Scorpio and Frank Grimes."
                  "\n\nMaria (recruiting coordinator)")
    m.add_alternative(PANEL_INVITE, subtype="calendar", params={"method": "REQUEST"})
    return m.as_bytes()


@pytest.mark.parametrize("per_interviewer", [True, False])
def test_thank_you_per_interviewer(box: MaildirBox, tmp_path: Path,
                                   per_interviewer: bool) -> None:
    box.deliver(_panel())
    engine = engine_for(box, tmp_path, "2026-03-17T14:00:00+00:00",
                        thank_you_per_interviewer=per_interviewer)
    engine.cycle("home")
    engine.cycle("home")
    to = sorted(d["To"].addresses[0].addr_spec for d in box.messages("drafts"))
    keys = {d["X-Outbox-Key"] for d in box.messages("drafts")}
    if per_interviewer:
        # One each, keyed on its recipient; the coordinator who only hosts gets none.
        assert to == ["frank@globex.com", "hank@globex.com"]
        assert len(keys) == 2
    else:
        assert to == ["maria@globex.com"]


def test_a_reminder_in_a_new_thread_is_the_same_interview(box: MaildirBox,
                                                          tmp_path: Path) -> None:
    box.deliver(EML("confirm_calendar.eml"))
    box.deliver(_mail(
        "Acme Recruiting <no-reply@greenhouse.io>", "Reminder: your interview with Acme tomorrow",
        "Mon, 09 Mar 2026 14:00:00 -0400", "<gh.reminder.1@greenhouse.io>",
        "Hi Ada,\n\nThis is a reminder that your interview for the Senior Data Engineer role at"
        " Acme is confirmed for Tuesday, March 10, 2026 at 2:00 PM Eastern Time (1 hour).\n\n"
        "Good luck!\nAcme Recruiting"))
    engine = engine_for(box, tmp_path, "2026-03-09T20:00:00+00:00")
    engine.cycle("home")
    assert len(engine.store.interviews()) == 1


def test_a_cancellation_in_a_new_thread_naming_the_slot_cancels_it(
    box: MaildirBox, tmp_path: Path
) -> None:
    box.deliver(EML("confirm_calendar.eml"))
    engine = engine_for(box, tmp_path, "2026-03-04T09:00:00+00:00")
    engine.cycle("home")
    box.deliver(_mail(
        "Grace Hopper <grace@acme.com>", "Cancelling Tuesday's interview",
        "Mon, 09 Mar 2026 09:00:00 -0400", "<grace-cancel@acme.com>",
        "Hi Ada,\n\nI'm sorry, but we need to cancel your interview for the Senior Data Engineer"
        " role on Tuesday, March 10 at 2:00 PM ET. The position has been put on hold.\n\nGrace"))
    engine.clock.set(at("2026-03-09T14:00:00+00:00"))  # type: ignore[attr-defined]
    engine.cycle("home")
    [iv] = engine.store.interviews()
    assert iv.status.value == "cancelled"


def test_a_new_contact_after_a_reschedule_does_not_get_a_second_thank_you(
    box: MaildirBox, tmp_path: Path
) -> None:
    box.deliver(EML("confirm_calendar.eml"))  # Grace (recruiter) is the contact
    engine = engine_for(box, tmp_path, "2026-03-04T09:00:00+00:00")
    engine.cycle("home")
    # Another coordinator moves it by a day, in the same thread.
    box.deliver(_mail(
        "Hank Scorpio <hank@acme.com>", "Re: Interview Confirmation: Senior Data Engineer at Acme",
        "Thu, 05 Mar 2026 10:00:00 -0500", "<hank-move@acme.com>",
        "Hi Ada,\n\nI'm covering for Grace. We've rescheduled your interview for the Senior Data"
        " Engineer role to Wednesday, March 11 at 2:00 PM ET (1 hour). Sorry for the change!"
        "\n\nHank", CONFIRM))
    engine.clock.set(at("2026-03-05T16:00:00+00:00"))  # type: ignore[attr-defined]
    engine.cycle("home")
    [iv] = engine.store.interviews()
    assert iv.start == at("2026-03-11T18:00:00+00:00")
    engine.clock.set(at("2026-03-12T09:00:00+00:00"))  # type: ignore[attr-defined]
    engine.cycle("home")
    engine.cycle("home")
    thank_yous = [d for d in box.messages("drafts") if ".thank_you." in d["X-Outbox-Key"]]
    assert len(thank_yous) == 1
