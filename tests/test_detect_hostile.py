"""Hostile and odd input: ``classify`` never raises, and the text helpers behave."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outbox.detect import DetectContext, classify, is_automated, is_candidate
from outbox.detect.text import fresh_part, html_to_text, split_links
from outbox.mime import parse_message
from outbox.model import Address, Folder, Kind, Message

CTX = DetectContext(frozenset({"ada@example.com"}), timedelta(minutes=45), ZoneInfo("UTC"))

# Text that looks enough like mail to reach the deep rules, mixed with noise.
_WORDS = st.sampled_from([
    "interview", "confirmed", "March", "3/10", "at", "10am", "2:00", "PM", "ET", "PT", "Uhr",
    "à", "10h30", "tomorrow", "Thursday", "rescheduled", "cancelled", "unfortunately",
    "not", "move forward", "with", "Jane Doe", "(jane@acme.com)", "<b>", "</p>", "<script>",
    "-", "–", "to", "from", "UTC+05:30", "+99:99", "GMT-14", "Europe/Nowhere", "2026-02-30",
    "31.02.", "99:99", "mañana", "morgen", "\n", "> quoted", "On Mon wrote:", "\x00", "🙂",
    "role", "position", "for the", "at Acme", "https://calendly.com/x/y", "@", "İ", "ß",
])
_TEXT = st.one_of(st.text(max_size=400), st.lists(_WORDS, max_size=60).map(" ".join))
_ADDRESS = st.builds(Address, st.from_regex(r"[a-z.+-]{1,12}@[a-z-]{1,10}\.[a-z]{2,3}",
                                            fullmatch=True), st.text(max_size=30))
_DATE = st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2099, 1, 1),
                     timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5)),
                                                timezone(timedelta(hours=14)),
                                                ZoneInfo("Asia/Kolkata")]))


@st.composite
def messages(draw: st.DrawFn) -> Message:
    return Message(
        ref="h", folder=Folder.INBOX, message_id="<h@x>", date=draw(_DATE),
        subject=draw(_TEXT), from_=draw(st.none() | _ADDRESS),
        to=tuple(draw(st.lists(_ADDRESS, max_size=3))),
        reply_to=tuple(draw(st.lists(_ADDRESS, max_size=2))),
        list_id=draw(st.none() | st.text(max_size=20)),
        precedence=draw(st.none() | st.sampled_from(["bulk", "list", "", "auto_reply"])),
        auto_submitted=draw(st.none() | st.text(max_size=12)),
        body_fetched=True, text=draw(_TEXT), html=draw(st.sampled_from(["", "<p>x</p>"])) +
        draw(_TEXT), calendars=tuple(draw(st.lists(_TEXT.map(_as_ics), max_size=2))),
    )


def _as_ics(text: str) -> str:
    return f"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n{text}\r\nEND:VEVENT\r\n" \
           "END:VCALENDAR\r\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messages())
def test_classify_never_raises(message: Message) -> None:
    det = classify(message, CTX)
    assert 0.0 <= det.confidence <= 1.0
    assert "error" not in {r.signal for r in det.reasons}, det.reasons
    assert is_candidate(message) in (True, False)
    assert is_automated(message) in (True, False)
    for person in (*det.contacts, *det.interviewers):
        assert person.email and person.email != "ada@example.com"
    if det.start is not None:
        assert det.start.utcoffset() is not None
        assert det.end is not None and det.end > det.start


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_parsed_garbage_never_raises(data: bytes) -> None:
    try:
        message = parse_message(b"Subject: Interview\r\nFrom: a@b.c\r\n\r\n" + data, ref="g",
                                folder=Folder.INBOX)
    except Exception:  # the parser's own problem, not detection's
        return
    classify(message, CTX)


def test_an_internal_failure_is_logged_and_reported(caplog: pytest.LogCaptureFixture) -> None:
    broken = Message(ref="b", folder=Folder.INBOX, message_id="<b@x>",
                     date=None, subject="Interview", body_fetched=True)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="outbox.detect"):
        det = classify(broken, CTX)
    assert det.kind is Kind.NONE
    assert det.reasons[0].signal == "error"
    assert "<b@x>" in caplog.text


def test_huge_bodies_stay_fast_enough() -> None:
    text = ("Your interview is confirmed for March 4 at 10am ET. " + "blah " * 50_000)
    message = Message(ref="x", folder=Folder.INBOX, message_id="<x@y>",
                      date=datetime(2026, 3, 2, tzinfo=UTC), subject="Interview",
                      from_=Address("jane@acme.com"), body_fetched=True, text=text)
    det = classify(message, CTX)
    assert det.kind is Kind.CONFIRMATION


def test_html_to_text() -> None:
    html = ("<html><head><title>T</title><style>p{}</style></head><body><script>x=1</script>"
            "<p>Hello&nbsp;&amp; welcome</p><table><tr><td>When:</td><td>Tuesday</td></tr>"
            "</table><br>Bye</body></html>")
    assert html_to_text(html) == "Hello & welcome\n\nWhen: Tuesday\n\nBye"
    assert html_to_text("<p>unclosed <b>bold") == "unclosed bold"
    assert html_to_text("") == ""


@pytest.mark.parametrize(
    "quote_header",
    ["On Mon, Mar 2, 2026 at 9:00 AM Jane <jane@acme.com> wrote:",
     "Am 02.03.2026 um 09:00 schrieb Jane <jane@acme.com>:",
     "Le lun. 2 mars 2026 à 09:00, Jane <jane@acme.com> a écrit :",
     "El lun, 2 mar 2026 a las 9:00, Jane (<jane@acme.com>) escribió:",
     "-----Original Message-----",
     "From: Jane Doe <jane@acme.com>\nSent: Monday, March 2, 2026 9:00 AM"],
)
def test_fresh_part_cuts_quoted_history(quote_header: str) -> None:
    text = f"New words.\n\n{quote_header}\nOld words.\n> older"
    assert fresh_part(text) == "New words."


def test_fresh_part_drops_quote_lines_and_keeps_an_all_quoted_message() -> None:
    assert fresh_part("Top\n> quoted\nBottom") == "Top\nBottom"
    assert fresh_part("On Mon Jane wrote:\nOnly quote") == "On Mon Jane wrote:\nOnly quote"


def test_split_links() -> None:
    text, links = split_links("Join <https://teams.microsoft.com/l/meetup-join/19%3a> now")
    assert "meetup" not in text and "teams.microsoft.com" in text
    assert links == "https://teams.microsoft.com/l/meetup-join/19%3a"
