"""Calendar invitations: ``outbox.detect.calendar`` and how ``classify`` uses them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from outbox.detect import DetectContext, classify
from outbox.detect.calendar import fast_invites, parse_invites, slow_invites
from outbox.model import Address, Detection, Folder, Kind, Message

ADA = Address("ada@example.com", "Ada Lovelace")
GRACE = Address("grace@acme.com", "Grace Hopper")
CTX = DetectContext(frozenset({"ada@example.com", "ada.l@work.example"}), timedelta(minutes=30),
                    ZoneInfo("Europe/London"))
SENT = datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=-5)))

NY_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
DTSTART:19700308T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
DTSTART:19701101T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE
"""


def ics(
    *event: str, method: str | None = "REQUEST", timezone_block: str = "",
    organizer: str = "ORGANIZER;CN=Grace Hopper:mailto:grace@acme.com",
    attendees: tuple[str, ...] = (
        "ATTENDEE;CN=Ada Lovelace;ROLE=REQ-PARTICIPANT:mailto:ada@example.com",
        "ATTENDEE;CN=Alan Turing;ROLE=REQ-PARTICIPANT:mailto:alan@acme.com",
    ),
    uid: str = "uid-1@acme.com", summary: str = "Interview: Ada Lovelace - Data Engineer",
) -> str:
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN"]
    if method:
        head.append(f"METHOD:{method}")
    body = ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260302T140000Z", f"SUMMARY:{summary}",
            organizer, *attendees, *event, "END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join([*head, *timezone_block.splitlines(), *body]) + "\r\n"


def message(*calendars: str, subject: str = "Invitation: Interview with Acme", text: str = "",
            sender: Address = GRACE, date: datetime = SENT, to: tuple[Address, ...] = (ADA,)
            ) -> Message:
    return Message(
        ref="t", folder=Folder.INBOX, message_id="<t@acme.com>", date=date, subject=subject,
        from_=sender, to=to, has_calendar=bool(calendars), body_fetched=True, text=text,
        calendars=calendars,
    )


def signals(det: Detection) -> set[str]:
    return {r.signal for r in det.reasons}


def test_tzid_with_vtimezone() -> None:
    det = classify(message(ics("DTSTART;TZID=America/New_York:20260310T140000",
                               "DTEND;TZID=America/New_York:20260310T150000",
                               timezone_block=NY_VTIMEZONE)), CTX)
    assert det.kind is Kind.CONFIRMATION
    assert det.confidence >= 0.9
    assert det.start == datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
    assert det.end == datetime(2026, 3, 10, 19, 0, tzinfo=UTC)
    assert det.tz == "America/New_York"
    assert det.calendar_uid == "uid-1@acme.com"


def test_utc_times_take_the_zone_the_text_names() -> None:
    plain = classify(message(ics("DTSTART:20260310T180000Z", "DTEND:20260310T190000Z")), CTX)
    assert plain.start == datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
    assert plain.tz == "UTC"
    named = classify(message(ics("DTSTART:20260310T180000Z", "DTEND:20260310T190000Z"),
                             text="Tuesday, March 10, 2026 2pm - 3pm (Eastern Time)"), CTX)
    assert named.start == plain.start
    assert named.tz == "America/New_York"


def test_floating_time_is_read_in_the_senders_zone() -> None:
    det = classify(message(ics("DTSTART:20260310T140000", "DTEND:20260310T150000")), CTX)
    # Written at UTC-5 on 2 March (New York, winter); on 10 March New York is on
    # summer time: 14:00 is 18:00 UTC, not 19:00.
    assert det.start == datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
    assert det.tz == "-04:00"
    dubai = message(ics("DTSTART:20260310T140000", "DTEND:20260310T150000"),
                    date=SENT.astimezone(timezone(timedelta(hours=4))))
    det = classify(dubai, CTX)  # an offset no usual zone explains stays as written
    assert det.start == datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
    assert det.tz == "+04:00"
    utc_sender = message(ics("DTSTART:20260310T140000", "DTEND:20260310T150000"),
                         date=SENT.astimezone(UTC))
    det = classify(utc_sender, CTX)  # a +0000 Date says nothing: the user's zone
    assert det.start == datetime(2026, 3, 10, 14, 0, tzinfo=ZoneInfo("Europe/London"))
    assert det.tz == "Europe/London"


def test_duration_instead_of_dtend() -> None:
    det = classify(message(ics("DTSTART;TZID=Europe/Berlin:20260310T100000",
                               "DURATION:PT45M")), CTX)
    assert det.start == datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    assert det.end == det.start + timedelta(minutes=45)


def test_no_end_uses_the_default_duration() -> None:
    det = classify(message(ics("DTSTART;TZID=Europe/Berlin:20260310T100000")), CTX)
    assert det.end == det.start + CTX.default_duration
    assert "duration_default" in signals(det)


@pytest.mark.parametrize("tzid", ["Pacific Standard Time", '"Pacific Standard Time"'])
def test_windows_zone_names(tzid: str) -> None:
    det = classify(message(ics(f"DTSTART;TZID={tzid}:20260313T090000",
                               f"DTEND;TZID={tzid}:20260313T100000")), CTX)
    assert det.start == datetime(2026, 3, 13, 16, 0, tzinfo=UTC)  # 09:00 PDT
    assert det.tz == "America/Los_Angeles"


def test_unknown_tzid_uses_its_vtimezone_rules() -> None:
    block = NY_VTIMEZONE.replace("TZID:America/New_York", "TZID:Custom Zone 7")
    det = classify(message(ics("DTSTART;TZID=Custom Zone 7:20260310T140000",
                               "DTEND;TZID=Custom Zone 7:20260310T150000",
                               timezone_block=block)), CTX)
    assert det.start == datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
    assert det.tz == "-04:00"


@pytest.mark.parametrize(
    ("method", "status", "subject"),
    [("CANCEL", "CANCELLED", "Canceled: Interview with Acme"),
     ("REQUEST", "CANCELLED", "Interview with Acme")],
)
def test_cancelled_invitation(method: str, status: str, subject: str) -> None:
    det = classify(message(ics("DTSTART;TZID=Europe/Berlin:20260310T100000", "SEQUENCE:2",
                               f"STATUS:{status}", method=method), subject=subject), CTX)
    assert det.kind is Kind.CANCELLATION
    assert det.confidence >= 0.8
    assert det.calendar_uid == "uid-1@acme.com"


def test_updated_invitation_is_a_reschedule() -> None:
    det = classify(message(ics("DTSTART;TZID=Europe/Berlin:20260311T150000", "SEQUENCE:1"),
                           subject="Updated invitation: Interview with Acme"), CTX)
    assert det.kind is Kind.RESCHEDULE
    assert det.start == datetime(2026, 3, 11, 14, 0, tzinfo=UTC)
    assert {"reschedule_subject", "calendar_sequence"} <= signals(det)


def test_a_resent_invitation_without_change_words_stays_a_confirmation() -> None:
    # The engine matches it to the tracked interview by UID and moves it if the time changed.
    det = classify(message(ics("DTSTART;TZID=Europe/Berlin:20260311T150000", "SEQUENCE:3")),
                   CTX)
    assert det.kind is Kind.CONFIRMATION
    assert det.calendar_uid == "uid-1@acme.com"


def test_invitation_i_organised_is_none() -> None:
    det = classify(message(ics("DTSTART;TZID=Europe/Berlin:20260311T150000",
                               organizer="ORGANIZER:mailto:ada.l@work.example")), CTX)
    assert det.kind is Kind.NONE
    assert "i_am_organizer" in signals(det)


def test_invitation_not_for_me_gets_no_calendar_weight() -> None:
    others = ("ATTENDEE;CN=Bob:mailto:bob@acme.com",)
    det = classify(message(ics("DTSTART;TZID=Europe/Berlin:20260311T150000", attendees=others),
                           to=(Address("team@acme.com"),)), CTX)
    assert "calendar_not_for_me" in signals(det)
    assert "calendar_request" not in signals(det)


def test_ics_without_method_counts_less() -> None:
    # An .ics attachment with no METHOD is a copy of an event, not an invitation to it.
    bare = classify(message(ics("DTSTART;TZID=Europe/Berlin:20260311T150000", method=None),
                            subject="Acme / Ada"), CTX)
    request = classify(message(ics("DTSTART;TZID=Europe/Berlin:20260311T150000"),
                               subject="Acme / Ada"), CTX)
    assert bare.kind is request.kind is Kind.CONFIRMATION
    assert "calendar_event" in signals(bare)
    assert bare.confidence < request.confidence


def test_people_from_the_invitation() -> None:
    attendees = (
        "ATTENDEE;CN=Ada Lovelace:mailto:ADA@EXAMPLE.COM",
        "ATTENDEE;CN=Alan Turing;ROLE=REQ-PARTICIPANT:mailto:alan@acme.com",
        "ATTENDEE;CN=Grace Hopper:mailto:grace@acme.com",
        "ATTENDEE;CN=Room 4;CUTYPE=ROOM:mailto:room4@acme.com",
        "ATTENDEE;CN=Scheduler:mailto:no-reply@goodtime.io",
        'ATTENDEE;CN="Doe, Jane":mailto:jane.doe@acme.com',
    )
    det = classify(message(ics("DTSTART;TZID=Europe/Berlin:20260311T150000",
                               attendees=attendees),
                           sender=Address("no-reply@goodtime.io", "Acme via GoodTime")), CTX)
    assert [a.email for a in det.interviewers] == ["alan@acme.com", "jane.doe@acme.com"]
    assert det.interviewers[1].name == "Doe, Jane"
    assert [a.email for a in det.contacts] == ["grace@acme.com", "alan@acme.com",
                                               "jane.doe@acme.com"]


def test_duplicate_parts_are_one_invitation() -> None:
    part = ics("DTSTART;TZID=Europe/Berlin:20260311T150000")
    invites = parse_invites([part, part], ZoneInfo("UTC"), "UTC")
    assert len(invites) == 1


def test_recurrence_exceptions_are_skipped_and_all_day_has_no_time() -> None:
    text = ics("DTSTART;VALUE=DATE:20260311", "DTEND;VALUE=DATE:20260312")
    invites = parse_invites([text], ZoneInfo("UTC"), "UTC")
    assert invites[0].start is None and invites[0].tz is None
    det = classify(message(text, text="Your interview is confirmed for March 11 at 3pm CET."),
                   CTX)
    assert det.start == datetime(2026, 3, 11, 14, 0, tzinfo=UTC)
    assert "time_from_text" in signals(det)


@pytest.mark.parametrize(
    "garbage",
    [
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026BROKEN\r\nEND:VCALENDAR\r\n",
        "not a calendar at all",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=/etc/passwd:20260311T150000\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        "BEGIN:VCALENDAR\r\n" + "ATTENDEE:mailto:x@y.z\r\n" * 5000 + "END:VCALENDAR\r\n",
        "\x00\xff" * 100,
        "",
    ],
)
def test_broken_calendars_never_raise(garbage: str) -> None:
    parse_invites([garbage], ZoneInfo("UTC"), "UTC")  # must not raise
    det = classify(message(garbage, text="Interview confirmed for March 11 at 3pm CET."), CTX)
    assert "error" not in signals(det)


def test_many_attendees_are_capped() -> None:
    attendees = tuple(f"ATTENDEE:mailto:p{i}@acme.com" for i in range(500))
    invites = parse_invites([ics("DTSTART:20260311T150000Z", attendees=attendees)],
                            ZoneInfo("UTC"), "UTC")
    assert len(invites[0].attendees) <= 50


# -- the fast path reads what icalendar reads ---------------------------------------------------

PARITY = [
    ics("DTSTART;TZID=America/New_York:20260310T140000",
        "DTEND;TZID=America/New_York:20260310T150000", timezone_block=NY_VTIMEZONE),
    ics("DTSTART:20260310T140000Z", "DURATION:PT45M", "SEQUENCE:2", "STATUS:CONFIRMED"),
    ics("DTSTART:20260310T140000", "DTEND:20260310T150000", method=None),
    ics("DTSTART;TZID=Pacific Standard Time:20260310T140000",
        "DTEND;TZID=Pacific Standard Time:20260310T150000", method="PUBLISH"),
    ics("DTSTART;VALUE=DATE:20260310", summary=r"Interview\, round 2\; onsite\nRoom 4"),
    ics("DTSTART:20260310T140000Z", "DURATION:P1DT2H",
        organizer='ORGANIZER;CN="Hopper, Grace: Recruiting";SENT-BY="mailto:a@b.c":'
                  "mailto:grace@acme.com",
        attendees=('ATTENDEE;CUTYPE=ROOM;CN="Room: 4";ROLE=NON-PARTICIPANT:mailto:r4@acme.com',
                   "ATTENDEE;CN=Ada;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:MAILTO:ada@example.com",
                   "ATTENDEE:not-an-address")),
    ics("DTSTART:20260310T140000Z", "DTEND:20260310T130000Z", "DURATION:PT1H",
        method="CANCEL", uid=""),
    ics("DTSTART:20260310T140000Z", "RECURRENCE-ID:20260310T140000Z"),
    ics("DTSTART:20260310T140000Z", "SEQUENCE:x", "DTEND:20260310T150000Z").replace(
        "SUMMARY:", "SUMMARY;LANGUAGE=en:"),
]
DECLINED = [
    ics("DTSTART;TZID=Custom Zone:20260310T140000",
        timezone_block=NY_VTIMEZONE.replace("America/New_York", "Custom Zone")),
    ics("DTSTART;TZID=Nowhere/Land:20260310T140000"),
    ics("DTSTART:2026-03-10T14:00:00"),
    ics("DTSTART:20260310T140000Z", "DURATION:soon"),
    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260310T140000Z\r\nEND:VCALENDAR\r\n",
]


@pytest.mark.parametrize("raw", PARITY)
def test_fast_path_reads_as_icalendar_does(raw: str) -> None:
    fast = fast_invites(raw, ZoneInfo("Europe/London"), "Europe/London")
    assert fast is not None
    assert fast == slow_invites(raw, ZoneInfo("Europe/London"), "Europe/London")


@pytest.mark.parametrize("raw", DECLINED)
def test_fast_path_leaves_odd_calendars_to_icalendar(raw: str) -> None:
    assert fast_invites(raw, ZoneInfo("Europe/London"), "Europe/London") is None


def test_a_zone_only_its_vtimezone_defines_is_read_by_icalendar() -> None:
    raw = DECLINED[0]
    (invite,) = parse_invites([raw], ZoneInfo("Europe/London"), "Europe/London")
    assert invite.start == datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


def test_an_all_day_hold_takes_the_time_from_its_description() -> None:
    hold = ics("DTSTART;VALUE=DATE:20260316", "DTEND;VALUE=DATE:20260317",
               "DESCRIPTION:Please arrive by 8:45am. Interviews run 9:00am - 2:30pm Central"
               "\\n\\n9:00 - 10:00 Screen\\n10:00 - 12:00 Design\\n12:00 - 2:30 Manager")
    for read in (fast_invites, slow_invites):
        invite = read(hold, ZoneInfo("Europe/London"), "Europe/London")[0]
        chicago = ZoneInfo("America/Chicago")
        assert invite.start == datetime(2026, 3, 16, 9, 0, tzinfo=chicago)
        assert invite.end == datetime(2026, 3, 16, 14, 30, tzinfo=chicago)
        assert invite.tz == "America/Chicago"


def test_an_all_day_hold_without_a_time_has_no_start() -> None:
    hold = ics("DTSTART;VALUE=DATE:20260316", "DTEND;VALUE=DATE:20260317",
               "DESCRIPTION:Onsite day. Details to follow.")
    assert fast_invites(hold, ZoneInfo("Europe/London"), "Europe/London")[0].start is None


@pytest.mark.parametrize("trim", [False, True])
def test_a_recurring_series_is_never_an_interview(trim: bool) -> None:
    # A weekly sync with the hiring team is no interview, whatever its title says; the
    # fast reader and icalendar (an unknown VTIMEZONE sends it there) agree.
    block = ("BEGIN:VTIMEZONE\r\nTZID:Custom Zone\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000"
             "\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nTZNAME:X\r\nEND:STANDARD\r\n"
             "END:VTIMEZONE") if trim else ""
    tzid = "Custom Zone" if trim else "Europe/Berlin"
    det = classify(message(ics(f"DTSTART;TZID={tzid}:20260311T150000",
                               "RRULE:FREQ=WEEKLY;BYDAY=WE", timezone_block=block),
                           subject="Invitation: Hiring sync - interview loop review"), CTX)
    assert det.kind is Kind.NONE
    assert "recurring_event" in signals(det)
