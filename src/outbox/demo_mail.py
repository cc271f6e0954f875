"""The sample mailbox of ``outbox demo``: a few realistic messages, and when
each one arrives in the simulated fortnight."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
ME = "Ada Lovelace <ada@example.com>"


@dataclass(frozen=True)
class Delivery:
    at: datetime  # when it lands in the inbox (simulated time)
    folder: str
    message: EmailMessage
    label: str  # what the demo says it is


def _msg(*, sender: str, to: str, subject: str, date: datetime, msgid: str, body: str,
         reply_to: str | None = None, in_reply_to: str | None = None,
         extra: dict[str, str] | None = None) -> EmailMessage:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, to, subject
    m["Date"] = format_datetime(date)
    m["Message-ID"] = msgid
    if reply_to:
        m["Reply-To"] = reply_to
    if in_reply_to:
        m["In-Reply-To"] = in_reply_to
        m["References"] = in_reply_to
    for key, value in (extra or {}).items():
        m[key] = value
    m.set_content(body)
    return m


ACME_INVITE = """BEGIN:VCALENDAR
PRODID:-//Greenhouse//Interview Scheduler//EN
VERSION:2.0
METHOD:REQUEST
BEGIN:VEVENT
UID:gh-interview-88231@greenhouse.io
DTSTAMP:20260302T091500Z
DTSTART;TZID=America/New_York:20260303T140000
DTEND;TZID=America/New_York:20260303T150000
SUMMARY:Interview: Ada Lovelace for Senior Data Engineer (Acme)
ORGANIZER;CN=Grace Hopper:mailto:grace@acme.com
ATTENDEE;CN=Ada Lovelace;ROLE=REQ-PARTICIPANT:mailto:ada@example.com
ATTENDEE;CN=Alan Turing;ROLE=REQ-PARTICIPANT:mailto:alan@acme.com
LOCATION:Zoom
SEQUENCE:0
END:VEVENT
END:VCALENDAR
"""


def deliveries() -> list[Delivery]:
    """The fortnight's mail, oldest first."""
    at = lambda *a: datetime(*a, tzinfo=LONDON)  # noqa: E731
    initech_ask = "<CAH7x9-initech-ask@mail.initech.com>"
    acme = _msg(
        sender="Acme Recruiting <no-reply@greenhouse.io>", to=ME,
        reply_to="Grace Hopper <grace@acme.com>",
        subject="Interview confirmed: Senior Data Engineer at Acme",
        date=at(2026, 3, 2, 9, 15), msgid="<gh.88231.confirm@greenhouse.io>",
        body=(
            "Hi Ada,\n\nYour interview for the Senior Data Engineer role at Acme is confirmed"
            " for Tuesday, March 3 at 2:00 PM ET (60 minutes) on Zoom.\n\nYou'll be meeting"
            " with Alan Turing, Engineering Manager.\n\nBest,\nGrace Hopper\nRecruiting, Acme\n"
        ),
    )
    acme.add_alternative(ACME_INVITE, subtype="calendar", params={"method": "REQUEST"})
    return [
        Delivery(at(2026, 2, 27, 16, 40), "INBOX", _msg(
            sender="Peter Gibbons <peter@initech.com>", to=ME,
            subject="Re: Backend Engineer - next steps", date=at(2026, 2, 27, 16, 40),
            msgid="<CAH7x9-initech-confirm@mail.initech.com>", in_reply_to=initech_ask,
            body=(
                "Hi Ada,\n\nGreat, that works: your interview for the Backend Engineer role"
                " is confirmed for Monday, March 2 at 10:00 AM PT. It'll be 45 minutes on"
                " Zoom with me and Samir.\n\n"
                "Talk soon,\nPeter\n--\nPeter Gibbons | Engineering Lead | Initech\n"
            ),
        ), "plain-text confirmation from a hiring manager"),
        Delivery(at(2026, 3, 2, 9, 15), "INBOX", acme,
                 "recruiting-system confirmation with a calendar invitation"),
        Delivery(at(2026, 3, 2, 11, 0), "INBOX", _msg(
            sender="CareerBoost Weekly <news@careerboost.example>", to=ME,
            subject="5 interview tips to land the job", date=at(2026, 3, 2, 11, 0),
            msgid="<weekly-481@careerboost.example>",
            extra={"List-Unsubscribe": "<https://careerboost.example/u/481>",
                   "Precedence": "bulk"},
            body=(
                "This week: how to prepare for your next interview. Confirm the time of your"
                " interview on Tuesday at 10:00 AM, research the company, and always send a"
                " thank-you note within 24 hours.\n"
            ),
        ), "newsletter that only looks like an interview"),
        Delivery(at(2026, 3, 4, 10, 5), "INBOX", _msg(
            sender="Maria Lopez <maria@globex.com>", to=ME,
            subject="Scheduling your interview with Globex", date=at(2026, 3, 4, 10, 5),
            msgid="<globex-slots-1@globex.com>",
            body=(
                "Hi Ada,\n\nThanks for applying to Globex! Could you let me know which of"
                " these times works for a first interview?\n\n- Monday, March 9 at 10:00 AM"
                " ET\n- Tuesday, March 10 at 1:00 PM ET\n- Wednesday, March 11 at 3:30 PM ET"
                "\n\nBest,\nMaria\n"
            ),
        ), "scheduling request offering several slots"),
        Delivery(at(2026, 3, 12, 15, 30), "INBOX", _msg(
            sender="Grace Hopper <grace@acme.com>", to=ME,
            subject="Re: Interview confirmed: Senior Data Engineer at Acme",
            date=at(2026, 3, 12, 15, 30), msgid="<acme-reply-1@acme.com>",
            in_reply_to="<gh.88231.confirm@greenhouse.io>",
            body=(
                "Hi Ada,\n\nThanks again for your time last week. The team enjoyed meeting"
                " you, and we'd like to invite you to a final round. I'll send times"
                " shortly.\n\nBest,\nGrace\n"
            ),
        ), "the employer answers"),
    ]
