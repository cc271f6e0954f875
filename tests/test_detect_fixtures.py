"""Every fixture message in tests/data/eml, classified end to end (bytes -> Detection)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from outbox.detect import DetectContext, classify, company_domain, is_automated, is_candidate
from outbox.mime import parse_message
from outbox.model import Detection, Folder, Kind, Message

EML = Path(__file__).parent / "data" / "eml"
CTX = DetectContext(
    my_addresses=frozenset({"ada@example.com"}),
    default_duration=timedelta(minutes=60),
    default_tz=ZoneInfo("Europe/London"),
)
ACME_UID = "gh-interview-4815162342@greenhouse.io"


def load(name: str) -> Message:
    return parse_message((EML / name).read_bytes(), ref=name, folder=Folder.INBOX)


def detect(name: str) -> Detection:
    return classify(load(name), CTX)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def emails(addresses: tuple) -> list[str]:
    return [a.email for a in addresses]


def signals(det: Detection) -> set[str]:
    return {r.signal for r in det.reasons}


def test_every_fixture_is_dated_march_2026_and_names_ada() -> None:
    for path in EML.glob("*.eml"):
        msg = load(path.name)
        assert (msg.date.year, msg.date.month) == (2026, 3), path.name
        assert msg.message_id.startswith("<"), path.name
        assert "ada@example.com" in {a.email for a in (*msg.to, *msg.cc)} | {
            msg.from_.email if msg.from_ else ""
        }, path.name


def test_confirm_calendar() -> None:
    det = detect("confirm_calendar.eml")
    assert det.kind is Kind.CONFIRMATION
    assert det.confidence >= 0.9
    assert det.start == utc(2026, 3, 10, 18, 0)  # 14:00 EDT (DST began March 8)
    assert det.end == utc(2026, 3, 10, 19, 0)
    assert det.tz == "America/New_York"
    assert det.company == "Acme"
    assert det.role == "Senior Data Engineer"
    assert det.calendar_uid == ACME_UID
    assert emails(det.contacts) == ["grace@acme.com", "alan@acme.com"]
    assert emails(det.interviewers) == ["alan@acme.com"]
    assert det.interviewers[0].name == "Alan Turing"
    assert "no-reply@greenhouse.io" not in emails(det.contacts)
    assert company_domain(det) == "acme.com"
    assert {"calendar_request", "time_from_calendar"} <= signals(det)


def test_confirm_plain_reply_in_thread() -> None:
    det = detect("confirm_plain.eml")
    assert det.kind is Kind.CONFIRMATION
    assert det.confidence >= 0.75
    assert det.start == utc(2026, 3, 12, 17, 0)  # 10:00 PDT
    assert det.end == det.start + timedelta(minutes=45)
    assert det.tz == "America/Los_Angeles"
    assert det.company == "Initech"
    assert det.role == "Backend Engineer"
    # "meeting with me and Bill Lumbergh": the sender is an interviewer too
    assert emails(det.interviewers) == ["peter@initech.com", "bill@initech.com"]
    assert emails(det.contacts)[0] == "peter@initech.com"
    # the quoted scheduling request below "On ... wrote:" does not count against it
    assert "slot_offer" not in signals(det) and "several_times" not in signals(det)


def test_reschedule_calendar_keeps_the_uid() -> None:
    det = detect("reschedule_calendar.eml")
    assert det.kind is Kind.RESCHEDULE
    assert det.confidence >= 0.9
    assert det.calendar_uid == ACME_UID
    assert det.start == utc(2026, 3, 11, 19, 0)
    assert det.end == utc(2026, 3, 11, 20, 0)
    assert det.tz == "America/New_York"
    assert emails(det.contacts) == ["grace@acme.com", "alan@acme.com"]


def test_cancel_calendar() -> None:
    det = detect("cancel_calendar.eml")
    assert det.kind is Kind.CANCELLATION
    assert det.confidence >= 0.8
    assert det.calendar_uid == ACME_UID
    assert det.start == utc(2026, 3, 11, 19, 0)
    assert "calendar_cancel" in signals(det)


def test_rejection() -> None:
    det = detect("rejection.eml")
    assert det.kind is Kind.REJECTION
    assert det.confidence >= 0.7
    assert det.company == "Acme"
    assert emails(det.contacts) == ["grace@acme.com"]


@pytest.mark.parametrize(
    ("name", "signal"),
    [
        ("lookalike_newsletter.eml", "bulk_mail"),
        ("scheduling_request.eml", "slot_offer"),
        ("calendly_choose.eml", "slot_offer"),
        ("employer_reply.eml", "nothing_confirmed"),
        ("auto_reply.eml", "auto_reply"),
        ("job_alert.eml", "job_alert"),
        ("application_received.eml", "application_ack"),
        ("interviewer_invite.eml", "i_am_interviewer"),
        ("podcast_interview.eml", "not_a_job_interview"),
        ("user_research.eml", "not_a_job_interview"),
        ("self_sent.eml", "from_me"),
    ],
)
def test_not_an_interview(name: str, signal: str) -> None:
    det = detect(name)
    assert det.kind is Kind.NONE
    assert det.confidence == 0.0
    assert signal in signals(det)


@pytest.mark.parametrize(
    ("name", "start", "end", "tz", "company", "role", "contact"),
    [
        ("confirm_de.eml", utc(2026, 3, 17, 13, 0), utc(2026, 3, 17, 14, 0), "+01:00",
         "Nordwind", "Data Engineer", "julia.schmidt@nordwind.de"),
        ("confirm_fr.eml", utc(2026, 3, 19, 9, 30), utc(2026, 3, 19, 10, 15), "Europe/Paris",
         "Lumière", "Data Scientist", "camille.martin@lumiere.fr"),
        ("confirm_es.eml", utc(2026, 3, 18, 15, 0), utc(2026, 3, 18, 15, 30), "Europe/Madrid",
         "Solaris Energía", "Ingeniera de Software", "lucia.garcia@solaris.es"),
        ("confirm_html_only.eml", utc(2026, 3, 16, 18, 0), utc(2026, 3, 16, 18, 30),
         "America/Los_Angeles", "Hooli", "Product Manager", "jared@hooli.com"),
        ("outlook_invite.eml", utc(2026, 3, 13, 16, 0), utc(2026, 3, 13, 17, 0),
         "America/Los_Angeles", "Contoso", "Platform Engineer", "priya.raman@contoso.com"),
        ("broken_ics.eml", utc(2026, 3, 4, 19, 30), utc(2026, 3, 4, 20, 0), "America/Chicago",
         "Umbrella", "Security Analyst", "recruiting@umbrella-corp.com"),
    ],
)
def test_confirmations(
    name: str, start: datetime, end: datetime, tz: str, company: str, role: str, contact: str
) -> None:
    det = detect(name)
    assert det.kind is Kind.CONFIRMATION
    assert det.confidence >= 0.75
    assert (det.start, det.end, det.tz) == (start, end, tz)
    assert (det.company, det.role) == (company, role)
    assert emails(det.contacts)[0] == contact


def test_german_display_name_is_cleaned_for_greeting() -> None:
    det = detect("confirm_de.eml")
    assert det.contacts[0].name == "Julia Schmidt"
    # Dr. Thomas Weber has no address in the message: named in the reasons only
    detail = next(r.detail for r in det.reasons if r.signal == "interviewer_without_address")
    assert "Thomas Weber" in detail


def test_html_only_ignores_scripts_and_finds_the_interviewer_address() -> None:
    det = detect("confirm_html_only.eml")
    assert emails(det.interviewers) == ["gavin.belson@hooli.com"]
    assert "no-reply@hire.lever.co" not in emails(det.contacts)
    assert company_domain(det) == "hooli.com"


def test_outlook_windows_zone_and_teams_link() -> None:
    det = detect("outlook_invite.eml")
    assert det.confidence >= 0.9
    assert emails(det.interviewers) == ["raj.patel@contoso.com"]
    assert "event_or_tips" not in signals(det)  # "meetup-join" in the Teams link is no meetup


def test_broken_calendar_falls_back_to_text() -> None:
    det = detect("broken_ics.eml")
    assert det.calendar_uid is None
    assert "time_from_text" in signals(det)


def test_interviewer_invite_keeps_uid_for_explain() -> None:
    assert detect("interviewer_invite.eml").calendar_uid == "7kq2m0c1b9interview@google.com"


@pytest.mark.parametrize("path", sorted(EML.glob("*.eml")), ids=lambda p: p.name)
def test_every_fixture_is_a_candidate_from_headers_alone(path: Path) -> None:
    msg = parse_message(path.read_bytes(), ref=path.name, folder=Folder.INBOX,
                        with_bodies=False)
    assert is_candidate(msg)


@pytest.mark.parametrize("path", sorted(EML.glob("*.eml")), ids=lambda p: p.name)
def test_every_fixture_has_aware_times_and_honest_contacts(path: Path) -> None:
    msg = load(path.name)
    det = classify(msg, CTX)
    for moment in (det.start, det.end):
        assert moment is None or moment.utcoffset() is not None
    if det.start and det.end:
        assert det.end > det.start
    if det.kind in (Kind.CONFIRMATION, Kind.RESCHEDULE):
        assert det.start is not None and det.start >= msg.date
    # only addresses the message itself holds (headers, bodies, unfolded invitation)
    haystack = "\n".join((path.read_bytes().decode("utf-8", "replace"), msg.html, msg.text,
                          *(c.replace("\r\n ", "").replace("\n ", "") for c in msg.calendars)))
    for person in (*det.contacts, *det.interviewers):
        assert person.email != "ada@example.com"
        assert "reply" not in person.local
        assert person.email in haystack.lower()


def test_automated_messages() -> None:
    assert is_automated(load("auto_reply.eml"))
    assert is_automated(load("lookalike_newsletter.eml"))
    assert is_automated(load("job_alert.eml"))
    assert not is_automated(load("employer_reply.eml"))
    assert not is_automated(load("confirm_calendar.eml"))
