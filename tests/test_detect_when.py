"""Dates and times written in text: ``outbox.detect.when``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from outbox.detect.when import find_duration, find_mentions
from outbox.detect.zones import sender_zone, zone_by_name

NY, LA, BERLIN = ZoneInfo("America/New_York"), ZoneInfo("America/Los_Angeles"), ZoneInfo(
    "Europe/Berlin")
# Written on Monday 2 March 2026, 10:00 in New York (UTC-5).
SENT = datetime(2026, 3, 2, 10, 0, tzinfo=timezone(timedelta(hours=-5)))
FALLBACK = (BERLIN, "Europe/Berlin")


def only(text: str, *, sent: datetime = SENT, day_first: bool = False):
    mentions = find_mentions(text, sent, FALLBACK, day_first=day_first)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "start", "tz"),
    [
        ("Tuesday, March 3 at 2:00 PM ET", datetime(2026, 3, 3, 14, tzinfo=NY), "America/New_York"),
        ("March 3, 2026 at 14:00 CET", datetime(2026, 3, 3, 14, tzinfo=BERLIN), "Europe/Berlin"),
        ("3/10 at 10am PT", datetime(2026, 3, 10, 10, tzinfo=LA), "America/Los_Angeles"),
        ("on 2026-03-03 at 09:30 (UTC+05:30)",
         datetime(2026, 3, 3, 9, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))), "+05:30"),
        ("Thursday, March 12 at 10:00 AM Pacific Time", datetime(2026, 3, 12, 10, tzinfo=LA),
         "America/Los_Angeles"),
        ("March 5 at 3pm CT", datetime(2026, 3, 5, 15, tzinfo=ZoneInfo("America/Chicago")),
         "America/Chicago"),
        ("March 5 at 3pm MST", datetime(2026, 3, 5, 15, tzinfo=ZoneInfo("America/Denver")),
         "America/Denver"),
        ("10 March 2026 at 14:00 BST", datetime(2026, 3, 10, 14, tzinfo=ZoneInfo("Europe/London")),
         "Europe/London"),
        ("Wednesday 11 March, 15:00 UK time",
         datetime(2026, 3, 11, 15, tzinfo=ZoneInfo("Europe/London")), "Europe/London"),
        ("March 9 at 11:00 GMT", datetime(2026, 3, 9, 11, tzinfo=UTC), "UTC"),
        ("March 9 at 4:30 PM IST",
         datetime(2026, 3, 9, 16, 30, tzinfo=ZoneInfo("Asia/Kolkata")), "Asia/Kolkata"),
        ("am Dienstag, 17. März 2026 um 14:00 Uhr (MEZ)",
         datetime(2026, 3, 17, 14, tzinfo=BERLIN), "Europe/Berlin"),
        ("le jeudi 19 mars 2026 à 10h30 (heure de Paris)",
         datetime(2026, 3, 19, 10, 30, tzinfo=ZoneInfo("Europe/Paris")), "Europe/Paris"),
        ("el miércoles 18 de marzo a las 16:00 (hora de Madrid)",
         datetime(2026, 3, 18, 16, tzinfo=ZoneInfo("Europe/Madrid")), "Europe/Madrid"),
        ("March 6 at 9am Europe/Berlin", datetime(2026, 3, 6, 9, tzinfo=BERLIN), "Europe/Berlin"),
        ("March 6 at 9am GMT+2", datetime(2026, 3, 6, 9, tzinfo=timezone(timedelta(hours=2))),
         "+02:00"),
        ("tisdag den 10 mars kl. 10.00 (svensk tid)",
         datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("Europe/Stockholm")), "Europe/Stockholm"),
        ("w środę 11 marca o godz. 11:00 (czasu polskiego)",
         datetime(2026, 3, 11, 11, tzinfo=ZoneInfo("Europe/Warsaw")), "Europe/Warsaw"),
        ("Friday 6 March at four in the afternoon, UK time",
         datetime(2026, 3, 6, 16, tzinfo=ZoneInfo("Europe/London")), "Europe/London"),
        # a country of one zone names it, in English and German compounds
        ("Tuesday, March 31st at 15:00 Israel time",
         datetime(2026, 3, 31, 15, tzinfo=ZoneInfo("Asia/Jerusalem")), "Asia/Jerusalem"),
        ("Mittwoch, 4. März 2026, um 16:00 Uhr Singapur-Zeit",
         datetime(2026, 3, 4, 16, tzinfo=ZoneInfo("Asia/Singapore")), "Asia/Singapore"),
    ],
)
def test_date_time_and_zone(text: str, start: datetime, tz: str) -> None:
    mention = only(text)
    assert mention.start == start
    assert mention.tz == tz
    assert mention.zone_written


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("tomorrow at 3pm", datetime(2026, 3, 3, 15)),
        ("today at 4:30 PM", datetime(2026, 3, 2, 16, 30)),
        ("this Thursday at 10", datetime(2026, 3, 5, 10)),  # a bare hour after "at"
        ("Thursday at 3", datetime(2026, 3, 5, 15)),  # nobody interviews at 3 a.m.
        ("next Monday at 9:30am", datetime(2026, 3, 9, 9, 30)),  # written on a Monday
        ("Friday at 14:00", datetime(2026, 3, 6, 14)),
        ("morgen um 14 Uhr", datetime(2026, 3, 3, 14)),
        ("demain à 10h", datetime(2026, 3, 3, 10)),
        ("mañana a las 11:00", datetime(2026, 3, 3, 11)),
        ("Feb 20 at 10am", datetime(2027, 2, 20, 10)),  # year-less: the next February 20
        ("March 2 at 9am", datetime(2026, 3, 2, 9)),  # same day counts as on/after
    ],
)
def test_relative_and_yearless_dates_resolve_in_the_senders_zone(text: str, local: datetime
                                                                 ) -> None:
    zone, label = sender_zone(SENT, ZoneInfo("Europe/London"))
    mention = find_mentions(text, SENT, (zone, label))[0]
    assert mention.start == local.replace(tzinfo=zone)
    # New York's offset at the interview: summer time from 8 March
    summer = local.replace(tzinfo=NY).utcoffset() == timedelta(hours=-4)
    assert mention.tz == ("-04:00" if summer else "-05:00")
    assert not mention.zone_written


def test_weekday_only_never_before_the_message() -> None:
    # Written Thursday 5 March at noon: "Thursday at 10" is next week's.
    sent = datetime(2026, 3, 5, 12, 0, tzinfo=NY)
    mention = find_mentions("see you Thursday at 10am", sent, (NY, "America/New_York"))[0]
    assert mention.start == datetime(2026, 3, 12, 10, tzinfo=NY)


def test_a_written_weekday_picks_the_year() -> None:
    # March 3 is a Tuesday in 2026 but a Wednesday in 2027: the sender knows the calendar.
    sent = datetime(2026, 3, 4, tzinfo=UTC)
    mention = find_mentions("Wednesday, March 3 at 2pm ET", sent, FALLBACK)[0]
    assert mention.start.date().isoformat() == "2027-03-03"


@pytest.mark.parametrize(
    ("text", "day_first", "day"),
    [
        ("3/10 at 10am", False, (3, 10)),
        ("3/10 at 10am", True, (10, 3)),
        ("17/3 at 10am", False, (3, 17)),  # 17 cannot be a month
        ("17.03.2026 um 14 Uhr", False, (3, 17)),  # a dot means day first
        ("am 17.03. um 9:30", False, (3, 17)),
        ("10/03/2026 at 14:00", True, (3, 10)),
    ],
)
def test_numeric_dates(text: str, day_first: bool, day: tuple[int, int]) -> None:
    mention = only(text, day_first=day_first)
    assert (mention.start.month, mention.start.day) == day


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("March 3 from 2:00-2:45 PM ET", (14, 0), (14, 45)),
        ("March 3 from 10 to 11", (10, 0), (11, 0)),
        ("Tuesday, March 10, 2026, 2:00 PM - 3:00 PM (Eastern Time)", (14, 0), (15, 0)),
        ("Monday, March 16 from 11:00 AM to 11:30 AM PST", (11, 0), (11, 30)),
        ("Thursday Mar 5, 2026 11am - 12pm (GMT)", (11, 0), (12, 0)),
        ("March 5, 11-12pm", (11, 0), (12, 0)),
        ("am 17. März von 14 bis 15 Uhr", (14, 0), (15, 0)),
        ("le 19 mars de 10h à 11h30", (10, 0), (11, 30)),
    ],
)
def test_stated_end(text: str, start: tuple[int, int], end: tuple[int, int]) -> None:
    mention = only(text)
    assert (mention.start.hour, mention.start.minute) == start
    assert mention.end is not None
    assert (mention.end.hour, mention.end.minute) == end


def test_a_working_day_window_is_not_an_interview_length() -> None:
    mention = only("Thursday between 9:00 AM and 5:00 PM ET")
    assert mention.end is None


@pytest.mark.parametrize(
    "text",
    [
        "We have 3.5 years of data and 24/7 support; call 555-0100.",
        "Version 1.2.3 shipped on the 10th.",
        "It costs $75 and takes 30 minutes.",
        "at 10:30",  # a time with no date is too vague to plan on
        "March 3",  # a date with no time likewise
        "2026-03-03T25:99",
    ],
)
def test_no_mention(text: str) -> None:
    assert find_mentions(text, SENT, FALLBACK) == []


def test_times_in_order_with_positions() -> None:
    text = ("Please pick one: Wednesday, March 4 at 10:00 AM ET; Thursday, March 5 at "
            "2:00 PM ET; Friday, March 6 at 11:30 AM ET.")
    mentions = find_mentions(text, SENT, FALLBACK)
    assert [m.start.day for m in mentions] == [4, 5, 6]
    assert [m.pos for m in mentions] == sorted(m.pos for m in mentions)


def test_a_zone_written_once_holds_for_the_message() -> None:
    text = "Round one: March 4 at 10:00 AM ET. Round two: March 5 at 2:00 PM."
    second = find_mentions(text, SENT, FALLBACK)[1]
    assert second.start == datetime(2026, 3, 5, 14, tzinfo=NY)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("a 45 minutes call", 45), ("a 30-minute chat", 30), ("about an hour", 60),
        ("1 hour", 60), ("1.5 hours", 90), ("half an hour", 30), ("ca. 60 Minuten", 60),
        ("environ 45 minutes", 45), ("unos 30 minutos", 30), ("une heure", 60),
        ("eine Stunde", 60), ("90 mins", 90),
    ],
)
def test_duration(text: str, minutes: int) -> None:
    assert find_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    "text", ["join 15 minutes before the call", "5 minutes", "a 12 hour day", "no length here"]
)
def test_no_duration(text: str) -> None:
    assert find_duration(text) is None


def test_zone_names() -> None:
    assert zone_by_name("Pacific Standard Time") == LA  # Windows, as Outlook writes it
    assert zone_by_name("W. Europe Standard Time") == BERLIN
    assert zone_by_name("UTC").key == "UTC"
    assert zone_by_name("Nowhere/Atlantis") is None
    assert zone_by_name("../../etc/passwd") is None
    assert zone_by_name("/etc/localtime") is None


def test_sender_zone_uses_a_nonzero_offset_else_the_default() -> None:
    assert sender_zone(SENT, BERLIN)[1] == "-05:00"
    assert sender_zone(SENT.replace(tzinfo=UTC), BERLIN) == (BERLIN, "Europe/Berlin")


# -- itineraries and zones stated once -------------------------------------------------------


def test_times_below_a_date_heading_take_its_date() -> None:
    text = ("Below is your itinerary. All times are Pacific Time.\n\n"
            "Thursday, March 12, 2026\n\n"
            "9:30 AM - 10:15 AM Coding with Marcus\n"
            "10:15 AM - 11:00 AM System design with Hannah\n")
    mentions = find_mentions(text, SENT, FALLBACK)
    # back-to-back sessions are one interview: the first start, the last end
    assert [(m.start, m.end) for m in mentions] == [(datetime(2026, 3, 12, 9, 30, tzinfo=LA),
                                                     datetime(2026, 3, 12, 11, 0, tzinfo=LA))]
    assert all(m.zone_written for m in mentions)


def test_a_heading_does_not_reach_across_a_sentence() -> None:
    text = "Thursday, March 12\n\nThanks for your time. We will talk soon.\n2:00 PM works too"
    assert find_mentions(text, SENT, FALLBACK) == []


def test_a_time_inside_a_sentence_does_not_take_a_heading() -> None:
    text = "Thursday, March 12\n\nwe could meet at 2:00 PM"
    assert find_mentions(text, SENT, FALLBACK) == []


@pytest.mark.parametrize("declared", ["All times are in ET.", "Times shown in Eastern Time.",
                                      "all times are EST"])
def test_a_zone_stated_once_holds_for_every_time(declared: str) -> None:
    mention = only(f"{declared}\nYour interview: Tuesday, March 3 at 2:00 PM with Jane.")
    assert mention.start == datetime(2026, 3, 3, 14, tzinfo=NY)
    assert mention.zone_written


# -- more ways to write a time, a date and a zone ---------------------------------------------

PARIS, SANTIAGO = ZoneInfo("Europe/Paris"), ZoneInfo("America/Santiago")


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("mardi 10 mars à 13 h 30", datetime(2026, 3, 10, 13, 30)),
        ("mardi 10 mars à 13h30", datetime(2026, 3, 10, 13, 30)),
        ("Dienstag, 10. März, 14.30 Uhr", datetime(2026, 3, 10, 14, 30)),
        ("Tuesday 10 March at half ten", datetime(2026, 3, 10, 10, 30)),
        ("Tuesday 10 March at half past two", datetime(2026, 3, 10, 14, 30)),
        ("Tuesday 10 March at quarter past nine", datetime(2026, 3, 10, 9, 15)),
        ("Tuesday 10 March at quarter to ten", datetime(2026, 3, 10, 9, 45)),
        ("Tuesday 10 March at noon", datetime(2026, 3, 10, 12, 0)),
        ("the 12th at 4:00 works", datetime(2026, 3, 12, 16, 0)),
        ("Let's do 14:30 on the 12th then.", datetime(2026, 3, 12, 14, 30)),
        ("Wednesday the 11th works. Let's say 16:00.", datetime(2026, 3, 11, 16, 0)),
        # halves and quarters after a whole hour in southern Europe
        ("ci sentiamo martedì 10 marzo alle 11 e mezza", datetime(2026, 3, 10, 11, 30)),
        ("el martes 10 de marzo a las 4 y cuarto", datetime(2026, 3, 10, 16, 15)),
        ("terça-feira, 10 de março, às 10 e meia", datetime(2026, 3, 10, 10, 30)),
        ("mardi 10 mars à 3h et demie", datetime(2026, 3, 10, 15, 30)),
        ("el martes 10 de marzo a las 5 menos cuarto", datetime(2026, 3, 10, 16, 45)),
        # "-ish", and an English day's abbreviation after "next"
        ("next Tue 10ish works", datetime(2026, 3, 3, 10, 0)),  # as "next Tuesday" reads
        ("this Fri at 2-ish?", datetime(2026, 3, 6, 14, 0)),
        # a weekday and the day of the month ("el jueves 12"), but not a clock after a day
        ("queda el jueves 12 a las 17:00", datetime(2026, 3, 12, 17, 0)),
        ("Friday 10-11am", datetime(2026, 3, 6, 10, 0)),
        # a dotted clock after a day, or after Italian "h."
        ("Thursday 2.30 it is", datetime(2026, 3, 5, 14, 30)),
        ("Data: venerdì 6/03/2026\nOrario: h. 11.00", datetime(2026, 3, 6, 11, 0)),
        # the Polish year's "r." before the weekday in brackets
        ("w dniu 10 marca 2026 r. (wtorek) o godz. 12:00", datetime(2026, 3, 10, 12, 0)),
    ],
)
def test_clock_and_date_spellings(text: str, local: datetime) -> None:
    assert only(text).start == local.replace(tzinfo=BERLIN)


def test_half_an_hour_is_no_clock() -> None:
    assert find_mentions("Tuesday 10 March, half an hour", SENT, FALLBACK) == []


def test_a_house_number_after_at_is_no_clock() -> None:
    text = "See you tomorrow - 2:15pm at 21 Leadenhall Street, third floor."
    assert only(text).start == datetime(2026, 3, 3, 14, 15, tzinfo=BERLIN)


def test_a_moved_interview_is_no_due_time_and_a_due_time_is() -> None:
    # Swedish "till" after a move verb is "to", not "until"
    moved = only("Jag har flyttat vår intervju till\n\nfredag 6 mars kl. 10.30-11.30")
    assert not moved.deadline and moved.start == datetime(2026, 3, 6, 10, 30, tzinfo=BERLIN)
    assert only("Hai tempo fino a venerdì 6 marzo alle 18:00 per consegnarlo.").deadline


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Wednesday 10 June, 16:00 Stockholm time",
         datetime(2026, 6, 10, 16, tzinfo=ZoneInfo("Europe/Stockholm"))),
        ("9 de septiembre a las 10:00 (hora de Chile continental)",
         datetime(2026, 9, 9, 10, tzinfo=SANTIAGO)),  # Chile's summer time began on the 6th
        ("le mardi 14 avril à 13 h 30 (heure de l'Est)",
         datetime(2026, 4, 14, 13, 30, tzinfo=ZoneInfo("America/Toronto"))),
        ("08/18/2026 Time: 1:00 PM Mountain Standard Time (Arizona)",
         datetime(2026, 8, 18, 13, tzinfo=ZoneInfo("America/Phoenix"))),
        ("When: Thursday, July 9, 2026 2:00 PM-3:00 PM (UTC-05:00) Eastern Time (US & Canada).",
         datetime(2026, 7, 9, 14, tzinfo=NY)),  # the label's offset is the winter one
        ("When: Tuesday, July 7, 2026 5:00 PM (UTC+01:00) Amsterdam, Berlin, Bern, Rome",
         datetime(2026, 7, 7, 17, tzinfo=ZoneInfo("Europe/Amsterdam"))),
        ("środa, 8 kwietnia 2026 r., godz. 10:00 czasu londyńskiego (11:00 w Polsce)",
         datetime(2026, 4, 8, 10, tzinfo=ZoneInfo("Europe/London"))),
        ("Interviews run 9:00am - 2:30pm Central on Thursday, July 16",
         datetime(2026, 7, 16, 9, tzinfo=ZoneInfo("America/Chicago"))),
    ],
)
def test_zones_by_place_and_label(text: str, start: datetime) -> None:
    mention = only(text)
    assert mention.start == start
    assert mention.zone_written


def test_zone_in_a_heading_and_sessions_run_to_the_last() -> None:
    text = ("Here's your schedule for\nWednesday, May 20 (Eastern Time):\n\n"
            "1:00 - 1:45 PM Coding\n1:45 - 2:30 PM Architecture\n2:30 - 2:45 PM Break\n"
            "2:45 - 3:30 PM Hiring Manager\n")
    mention = only(text)
    assert mention.start == datetime(2026, 5, 20, 13, 0, tzinfo=NY)
    assert mention.end == datetime(2026, 5, 20, 15, 30, tzinfo=NY)


def test_alternatives_on_other_days_are_not_merged() -> None:
    text = "Tuesday 10 March 2:00-3:00 PM or Wednesday 11 March 2:00-3:00 PM"
    assert len(find_mentions(text, SENT, FALLBACK)) == 2


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("Previous Date/Time: Tuesday, March 10, 2026 1:00 PM\n"
         "New Date/Time: Thursday, March 12, 2026 10:00 AM", datetime(2026, 3, 12, 10)),
        ("running behind today -- let's push our 1pm to 3pm", datetime(2026, 3, 2, 15)),
        ("New time: Tuesday, March 10, 1:00 PM. Your original slot (3/6, 10am) is cancelled.",
         datetime(2026, 3, 10, 13)),
        ("Je dois reporter notre entretien prévu ce mercredi 4 mars à 11h00. Je vous propose "
         "de le décaler au vendredi 6 mars à 15h.", datetime(2026, 3, 6, 15)),
        ("leider müssen wir Ihr Gespräch am Mittwoch, 4. März, um 10:00 Uhr verschieben. "
         "Wir haben es auf Freitag, 6. März, 11 Uhr verlegt.", datetime(2026, 3, 6, 11)),
    ],
)
def test_the_time_being_replaced_is_left_out(text: str, local: datetime) -> None:
    assert only(text).start == local.replace(tzinfo=BERLIN)


def test_a_lone_superseded_time_is_kept() -> None:
    text = "Your interview originally set for Tuesday, March 10 at 2pm is cancelled."
    assert only(text).start == datetime(2026, 3, 10, 14, tzinfo=BERLIN)


def test_an_assumed_zone_follows_dst_at_the_interview_date() -> None:
    # Written 1 April in Melbourne (+11:00); Melbourne leaves summer time on 5 April.
    sent = datetime(2026, 4, 1, 11, 27, tzinfo=timezone(timedelta(hours=11)))
    zone, label = sender_zone(sent, ZoneInfo("Europe/London"))
    mention = find_mentions("Tuesday 7 April at 2pm works", sent, (zone, label))[0]
    assert mention.start.utcoffset() == timedelta(hours=10)
    assert mention.tz == "+10:00"
    # Written 2 March in New York (-05:00): 10 March is on summer time.
    zone, label = sender_zone(SENT, ZoneInfo("Europe/London"))
    assert find_mentions("March 10 at 2pm", SENT, (zone, label))[0].start == datetime(
        2026, 3, 10, 14, tzinfo=NY)


def test_a_country_domain_picks_the_region() -> None:
    sent = datetime(2026, 9, 3, 15, 40, tzinfo=timezone(timedelta(hours=-4)))
    assert getattr(sender_zone(sent, BERLIN, "cordillera.cl")[0], "key", None) == (
        "America/Santiago")
    assert getattr(sender_zone(sent, BERLIN)[0], "key", None) == "America/New_York"


def test_a_city_in_the_signature_picks_the_zone() -> None:
    sent = datetime(2026, 9, 3, 15, 40, tzinfo=timezone(timedelta(hours=-4)))
    text = "Confirmed: miércoles 9 de septiembre, 10:00.\n\nFrancisca\nCordillera – Santiago"
    mention = find_mentions(text, sent, sender_zone(sent, BERLIN))[0]
    assert mention.start == datetime(2026, 9, 9, 10, tzinfo=SANTIAGO)


def test_quoted_part_is_the_mail_being_answered() -> None:
    from outbox.detect.text import quoted_part
    body = ("see you then!\n\nOn Mon, Feb 16, 2026 at 10:04 PM Ada <ada@example.com> wrote:\n"
            "> Thursday 4pm works for me.\n>\n> On Mon, Feb 16 Alan wrote:\n>> Thursday at 4 "
            "or Friday at 9?\n")
    assert quoted_part(body) == "Thursday 4pm works for me."
    assert quoted_part("no history here") == ""


# -- itineraries: rows of sessions under a date, the zone declared once ------------------------

CHICAGO = ZoneInfo("America/Chicago")


def test_rows_below_a_labelled_date_with_a_zone_heading() -> None:
    text = ("We are pleased to confirm your onsite interview.\n\n"
            "Date: Tuesday, March 17, 2026\n"
            "Location: Building 7, 2200 Airport Way S, Seattle, WA\n\n"
            "Schedule (Pacific Standard Time):\n"
            "08:30 - 09:15 Welcome & technical interview - Theo\n"
            "09:15 - 10:00 Data pipeline design - Farah\n"
            "10:00 - 10:15 Break\n")
    mention = only(text)
    assert mention.start == datetime(2026, 3, 17, 8, 30, tzinfo=LA)
    assert mention.end == datetime(2026, 3, 17, 10, 15, tzinfo=LA)
    assert mention.zone_written


def test_rows_below_a_date_written_in_a_sentence() -> None:
    text = ("You're all set for your virtual onsite on Thursday, March 12. All times are "
            "Central.\n\nTime Interviewer Focus\n\n"
            "10:00–10:45 Rohan Mehta, Principal Engineer Infrastructure design\n\n"
            "11:00–11:45 Kelsey Grant, Engineering Manager\n\n"
            "12:00–12:30 Dwayne Foster, Director of Platform Q&A\n")
    mention = find_mentions(text, SENT, FALLBACK)[0]
    assert mention.start == datetime(2026, 3, 12, 10, tzinfo=CHICAGO)
    assert mention.zone_written


def test_rows_of_an_html_table() -> None:
    from outbox.detect.text import html_to_text
    html = ("<p>Your panel is on <b>Thursday, March 12</b>.</p><table>"
            "<tr><th>Time (ET)</th><th>Interviewer</th></tr>"
            "<tr><td>2:00&ndash;2:45 PM</td><td>Rohan</td></tr>"
            "<tr><td>2:45&ndash;3:30 PM</td><td>Kelsey</td></tr></table>")
    mention = only(html_to_text(html))
    assert mention.start == datetime(2026, 3, 12, 14, tzinfo=NY)
    assert mention.end == datetime(2026, 3, 12, 15, 30, tzinfo=NY)


def test_bulleted_rows_take_the_heading() -> None:
    text = "Thursday, March 12\n• 9:00 – 9:45 Coding\n• 9:45 – 10:30 System design\n"
    mention = only(text)
    assert (mention.start, mention.end) == (datetime(2026, 3, 12, 9, tzinfo=BERLIN),
                                            datetime(2026, 3, 12, 10, 30, tzinfo=BERLIN))


@pytest.mark.parametrize("declared", ["Time zone: Eastern Time", "Timezone: ET",
                                      "Agenda (Eastern Time):", "(all times Eastern)"])
def test_more_ways_to_declare_the_zone(declared: str) -> None:
    mention = only(f"Thursday, March 12\n{declared}\n2:00 - 2:45 PM Coding\n")
    assert mention.start == datetime(2026, 3, 12, 14, tzinfo=NY)
    assert mention.zone_written


def test_a_row_does_not_take_a_date_asked_about() -> None:
    text = "Could you make Thursday, March 12?\n\n10:00 - 10:45 Coding\n"
    assert find_mentions(text, SENT, FALLBACK) == []


def test_a_working_day_row_is_no_session() -> None:
    text = "We met on Thursday, March 12. Thanks!\n\nOffice hours:\n9:00 - 17:00 Mon-Fri\n"
    assert find_mentions(text, SENT, FALLBACK) == []


def test_struck_through_times_in_html_are_not_read() -> None:
    from outbox.detect.text import html_to_text
    html = ("<p>We've moved your interview.</p><p><span style=\"text-decoration:line-through;"
            "color:#999\">Tuesday, March 10 &middot; 9:00&ndash;10:30 AM CT</span><br>"
            "<b>Thursday, March 12 &middot; 11:00 AM&ndash;12:30 PM CT</b></p>"
            "<p>Old: <s>Monday, March 9, 1pm</s> <del>Tuesday 10 March 2pm</del></p>")
    text = html_to_text(html)
    assert "Tuesday" not in text and "Monday" not in text
    assert only(text).start == datetime(2026, 3, 12, 11, tzinfo=CHICAGO)


# -- Portuguese, Italian and Dutch dates and times ------------------------------------------

BRASILIA, ROME = ZoneInfo("America/Sao_Paulo"), ZoneInfo("Europe/Rome")


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("confirmada para quarta-feira, 4 de março, às 14h (horário de Brasília)",
         datetime(2026, 3, 4, 14, tzinfo=BRASILIA)),
        ("terça-feira, 3 de março, às 15h", datetime(2026, 3, 3, 15, tzinfo=BERLIN)),
        ("no dia 17 de junho de 2026 às 9h30", datetime(2026, 6, 17, 9, 30, tzinfo=BERLIN)),
        ("sexta-feira, 6 de março, às 10:00 (hora de Lisboa)",
         datetime(2026, 3, 6, 10, tzinfo=ZoneInfo("Europe/Lisbon"))),
        ("amanhã às 10h", datetime(2026, 3, 3, 10, tzinfo=BERLIN)),
        ("na próxima segunda-feira às 9h30", datetime(2026, 3, 9, 9, 30, tzinfo=BERLIN)),
        ("na quinta-feira às 16h", datetime(2026, 3, 5, 16, tzinfo=BERLIN)),
        ("giovedì 5 marzo alle ore 15:00", datetime(2026, 3, 5, 15, tzinfo=BERLIN)),
        ("giovedi 21 maggio alle 15", datetime(2026, 5, 21, 15, tzinfo=BERLIN)),
        ("venerdì 6 marzo ore 10:30 (ora italiana)", datetime(2026, 3, 6, 10, 30, tzinfo=ROME)),
        ("domani alle 11", datetime(2026, 3, 3, 11, tzinfo=BERLIN)),
        ("giovedì alle 15:30", datetime(2026, 3, 5, 15, 30, tzinfo=BERLIN)),
        ("il 1° giugno alle ore 9:00", datetime(2026, 6, 1, 9, tzinfo=BERLIN)),
        ("donderdag 12 maart om 14.00 uur", datetime(2026, 3, 12, 14, tzinfo=BERLIN)),
        ("op vrijdag 6 maart om 10:30 (Nederlandse tijd)",
         datetime(2026, 3, 6, 10, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))),
        ("morgen om 14.00 uur", datetime(2026, 3, 3, 14, tzinfo=BERLIN)),
        ("donderdag om 10 uur", datetime(2026, 3, 5, 10, tzinfo=BERLIN)),
        ("dinsdag 3 mrt. om 9.30 uur", datetime(2026, 3, 3, 9, 30, tzinfo=BERLIN)),
    ],
)
def test_portuguese_italian_dutch(text: str, start: datetime) -> None:
    assert only(text).start == start


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("quarta-feira, 4 de março, das 14h às 15h", (14, 0), (15, 0)),
        ("giovedì 5 marzo dalle 15 alle 16", (15, 0), (16, 0)),
        ("donderdag 5 maart van 14.00 tot 15.00 uur", (14, 0), (15, 0)),
    ],
)
def test_portuguese_italian_dutch_ranges(text: str, start: tuple[int, int],
                                         end: tuple[int, int]) -> None:
    mention = only(text)
    assert (mention.start.hour, mention.start.minute) == start
    assert mention.end is not None and (mention.end.hour, mention.end.minute) == end


@pytest.mark.parametrize(
    "text",
    [
        "a segunda entrevista às 14h",  # "segunda" alone is "second", not Monday
        "scored 5 out of 10 at 3pm",
        "Guten Morgen, um 10 Uhr",  # German "Morgen" is the morning
        "versie 1.20 uur",
    ],
)
def test_no_mention_in_other_languages(text: str) -> None:
    assert find_mentions(text, SENT, FALLBACK) == []


# -- colloquial English clocks --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("Grand so, half ten on Thursday it is.", datetime(2026, 3, 5, 10, 30)),
        ("quarter past nine tomorrow it is, then", datetime(2026, 3, 3, 9, 15)),
        ("Friday 6 March at midday", datetime(2026, 3, 6, 12, 0)),
        ("quarter past 2 on Friday 6 March", datetime(2026, 3, 6, 14, 15)),
        ("Friday at 12 noon", datetime(2026, 3, 6, 12, 0)),
        ("Thursday, half past eleven", datetime(2026, 3, 5, 11, 30)),
    ],
)
def test_colloquial_clocks(text: str, local: datetime) -> None:
    assert only(text).start == local.replace(tzinfo=BERLIN)


@pytest.mark.parametrize(
    "text",
    [
        "a quarter of the team joins on Friday 6 March",
        "half the team joins on Friday 6 March",
        "Noon is lunch. See you soon.",
        "Tuesday 10 March, half an hour",
        "we need half ten minutes on Friday",
    ],
)
def test_colloquial_false_friends(text: str) -> None:
    assert find_mentions(text, SENT, FALLBACK) == []


def test_a_bare_zone_word_after_the_date() -> None:
    mention = only("Booked us in for 4:15 this Wednesday, Central. I'll keep it short.")
    assert mention.start == datetime(2026, 3, 4, 16, 15, tzinfo=CHICAGO)
    assert mention.zone_written


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("ci vediamo giovedì 12 marzo alle 14:30, ora di Roma.",
         datetime(2026, 3, 12, 14, 30, tzinfo=ZoneInfo("Europe/Rome"))),
        ("Friday 6 March at 2pm, ET", datetime(2026, 3, 6, 14, tzinfo=NY)),
    ],
)
def test_a_zone_after_a_comma(text: str, start: datetime) -> None:
    mention = only(text)
    assert mention.start == start
    assert mention.zone_written


@pytest.mark.parametrize("text", ["See you at 4:15 this Wednesday, Central Station entrance.",
                                  "See you Friday 6 March at 2pm, Pacific Avenue office"])
def test_a_bare_zone_word_is_no_street(text: str) -> None:
    assert not only(text).zone_written


# -- zones written every way -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Thursday, March 12 at 3pm (Warsaw)",
         datetime(2026, 3, 12, 15, tzinfo=ZoneInfo("Europe/Warsaw"))),
        ("Thursday, March 12 at 3pm (Dubai time)",
         datetime(2026, 3, 12, 15, tzinfo=ZoneInfo("Asia/Dubai"))),
        ("Thursday, June 11 at 3pm Arabian Standard Time",
         datetime(2026, 6, 11, 15, tzinfo=ZoneInfo("Asia/Dubai"))),
        ("Thursday, June 11 at 3pm E. Africa Standard Time",
         datetime(2026, 6, 11, 15, tzinfo=ZoneInfo("Africa/Nairobi"))),
        ("Thursday, June 11 at 3pm Japan time", datetime(2026, 6, 11, 15, tzinfo=ZoneInfo(
            "Asia/Tokyo"))),
        ("Thursday, June 11 at 3pm EAT", datetime(2026, 6, 11, 15, tzinfo=ZoneInfo(
            "Africa/Nairobi"))),
        ("Thursday, June 11 at 3pm WAT", datetime(2026, 6, 11, 15, tzinfo=ZoneInfo(
            "Africa/Lagos"))),
        ("Thursday, June 11 at 10:00 (hora de Brasília)", datetime(2026, 6, 11, 10,
                                                                   tzinfo=BRASILIA)),
        ("When: Thursday, June 11, 2026 2:00 PM-3:00 PM (UTC-06:00) Guadalajara, Mexico City, "
         "Monterrey", datetime(2026, 6, 11, 14, tzinfo=ZoneInfo("America/Mexico_City"))),
        ("When: Thursday, June 11, 2026 2:00 PM-3:00 PM (UTC-03:30) Newfoundland",
         datetime(2026, 6, 11, 14, tzinfo=ZoneInfo("America/St_Johns"))),
        ("Thursday, June 11 at 10:00 AM Regina time",
         datetime(2026, 6, 11, 10, tzinfo=ZoneInfo("America/Regina"))),  # no DST
    ],
)
def test_more_zones(text: str, start: datetime) -> None:
    mention = only(text)
    assert mention.start == start
    assert mention.tz == start.tzinfo.key
    assert mention.zone_written


def test_a_person_named_like_a_city_is_no_zone() -> None:
    mention = only("Thursday, March 12 at 3pm Regina will call you")
    assert not mention.zone_written


# -- more layouts: system forms, conversions for the reader, journeys --------------------------

TOKYO, DUBAI = ZoneInfo("Asia/Tokyo"), ZoneInfo("Asia/Dubai")


def test_year_first_slashes_and_a_tilde_range() -> None:
    text = "■Date: 2026/3/18 (Wed) 17:00~18:00 (JST)\n*08:00~09:00 (GMT)"
    mentions = find_mentions(text, SENT, FALLBACK)
    assert mentions[0].start == datetime(2026, 3, 18, 17, tzinfo=TOKYO)
    assert mentions[0].end == datetime(2026, 3, 18, 18, tzinfo=TOKYO)
    assert {m.start for m in mentions} == {mentions[0].start}  # the same instant, restated


def test_from_and_to_lines_with_a_time_zone_line() -> None:
    text = ("From 26-Mar-2026 11:00 AM\n\nTo 26-Mar-2026 12:00 PM\n\n"
            "Time Zone Asia/Dubai (GST, GMT+04:00)\n\n"
            "Previously scheduled 25-Mar-2026 03:00 PM - 04:00 PM")
    mention = only(text)
    assert mention.start == datetime(2026, 3, 26, 11, tzinfo=DUBAI)
    assert mention.end == datetime(2026, 3, 26, 12, tzinfo=DUBAI)


def test_to_a_time_on_another_day_is_no_end() -> None:
    text = "Tuesday 10 March at 2pm, or we could move it to Wednesday 11 March at 3pm"
    assert [m.end for m in find_mentions(text, SENT, FALLBACK)] == [None, None]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("let's do same time Thursday instead - 11am Eastern (4pm for you).",
         datetime(2026, 3, 5, 11, tzinfo=NY)),
        ("So we're bringing Friday forward to 10:00 SA\ntime (09:00 your side) instead of 14:00",
         datetime(2026, 3, 6, 10, tzinfo=BERLIN)),
        ("Thursday 5 March, 4pm UK time (that's 11am Eastern)",
         datetime(2026, 3, 5, 16, tzinfo=ZoneInfo("Europe/London"))),
    ],
)
def test_a_time_converted_for_the_reader_is_no_second_time(text: str, start: datetime) -> None:
    assert [m.start for m in find_mentions(text, SENT, FALLBACK)] == [start]


def test_an_alternative_in_brackets_stays() -> None:
    text = "Thursday 5 March at 2pm (or Friday 6 March at 10am if easier)"
    assert len(find_mentions(text, SENT, FALLBACK)) == 2


def test_journey_times_are_no_meeting() -> None:
    text = ("Outbound Mon 6 July 2026 – London Heathrow (LHR) 21:35 → Hong Kong (HKG) 17:05\n"
            "Return Thu 9 July 2026 – HKG 23:50 → LHR 06:25\n\n"
            "Interview day – Wednesday 8 July 2026\n\n"
            "All times are Hong Kong Time (HKT, UTC+8). Please arrive at reception by 09:15.\n\n"
            "09:30 – 10:15 Introduction\n10:15 – 11:00 Pricing library design\n")
    mention = only(text)
    hong_kong = ZoneInfo("Asia/Hong_Kong")
    assert mention.start == datetime(2026, 7, 8, 9, 30, tzinfo=hong_kong)
    assert mention.end == datetime(2026, 7, 8, 11, tzinfo=hong_kong)


def test_label_cells_without_colons() -> None:
    text = ("Date Tuesday, March 24, 2026\n\n"
            "Time 10:30 AM – 11:30 AM (GMT-05:00) Eastern Time\n\n"
            "Interviewer Renée Castillo\n")
    mention = only(text)
    assert mention.start == datetime(2026, 3, 24, 10, 30, tzinfo=NY)


def test_one_range_far_below_a_date_is_no_itinerary() -> None:
    text = ("Great to meet you on Thursday, March 12 and thanks again for coming in.\n\n"
            "We will be in touch about next steps as soon as we have spoken to everyone.\n\n"
            "Best,\nJane Doe\nTalent Partner\nPhone hours:\n9:00 - 12:00 Mon-Fri\n")
    assert find_mentions(text, SENT, FALLBACK) == []


def test_a_price_is_no_clock() -> None:
    assert find_mentions("Friday 6 March at 3.50 euros each", SENT, FALLBACK) == []


def test_one_row_right_below_its_date() -> None:
    text = "Your interview is confirmed for Thursday, March 12:\n10:00 - 10:45 Coding with Sam\n"
    assert only(text).start == datetime(2026, 3, 12, 10, tzinfo=BERLIN)


@pytest.mark.parametrize(("text", "hour", "minute"), [
    ("volgende week dinsdag om half drie bij ons", 14, 30),  # Dutch: half before three
    ("am Dienstag, 9. Juni um halb zehn", 9, 30),  # German likewise
    ("dinsdag 9 juni om kwart over tien", 10, 15),
    ("dinsdag 9 juni om kwart voor drie", 14, 45),
])
def test_dutch_and_german_clock_words(text: str, hour: int, minute: int) -> None:
    sent = datetime(2026, 6, 3, 16, 20, tzinfo=timezone(timedelta(hours=2)))
    zone = ZoneInfo("Europe/Amsterdam")
    found = find_mentions(text, sent, (zone, "Europe/Amsterdam"), day_first=True)
    assert [m.start for m in found] == [datetime(2026, 6, 9, hour, minute, tzinfo=zone)]


def test_a_utc_offset_in_brackets_is_not_a_clock() -> None:
    sent = datetime(2026, 2, 24, 21, 0, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    zone = ZoneInfo("Asia/Kolkata")
    found = find_mentions("Friday works. Let's do 15:30 IST (+05:30).", sent,
                          (zone, "Asia/Kolkata"))
    assert [m.start.hour for m in found] == [15]


def test_a_stated_deadline_is_not_a_meeting() -> None:
    sent = datetime(2026, 3, 13, 10, 0, tzinfo=UTC)
    zone = ZoneInfo("Europe/Paris")
    found = find_mentions("Date limite : vendredi 20 mars 2026 à 23h59 (heure de Paris)", sent,
                          (zone, "Europe/Paris"), day_first=True)
    assert found and all(m.deadline for m in found)


@pytest.mark.parametrize(("tzid", "iana"), [
    ("(UTC+01:00) Brussels, Copenhagen, Madrid, Paris", "Europe/Brussels"),
    ("(UTC+09:00) Osaka, Sapporo, Tokyo", "Asia/Tokyo"),
    ("(UTC+10:00) Canberra, Melbourne, Sydney", "Australia/Sydney"),
])
def test_outlook_display_names_are_known_zones(tzid: str, iana: str) -> None:
    # Exchange writes these as TZIDs; read as IANA zones the fast calendar reader keeps them
    assert zone_by_name(tzid) == ZoneInfo(iana)


def test_an_outlook_display_name_with_the_wrong_offset_is_not_trusted() -> None:
    assert zone_by_name("(UTC+03:00) Brussels, Paris") is None


@pytest.mark.parametrize(("text", "expected"), [
    # a form's label before a dotted clock
    ("Data: martedì 9 giugno 2026\nOra: 11.00 (ora italiana)",
     datetime(2026, 6, 9, 9, 0, tzinfo=UTC)),
    # "1030 hrs", and the date's own weekday in brackets
    ("Date : 10/09/2026 (Thursday)\nTime : 1030 hrs IST", datetime(2026, 9, 10, 5, 0, tzinfo=UTC)),
    # a dotted day.month after a weekday
    ("on Wednesday 17.06 at 15:00 CEST", datetime(2026, 6, 17, 13, 0, tzinfo=UTC)),
    # the day of the month settles which Wednesday
    ("next Wednesday (14th), 1.30pm", datetime(2026, 10, 14, 12, 30, tzinfo=UTC)),
])
def test_form_labels_military_clocks_and_bracketed_days(text: str, expected: datetime) -> None:
    sent = datetime(2026, 6, 3, 12, 0, tzinfo=UTC) if "14th" not in text else datetime(
        2026, 10, 6, 11, 18, tzinfo=UTC)
    if "10/09" in text:
        sent = datetime(2026, 9, 7, 6, 0, tzinfo=UTC)
    zone = ZoneInfo("Europe/London")
    found = find_mentions(text, sent, (zone, "Europe/London"), day_first=True)
    assert found and found[0].start == expected


@pytest.mark.parametrize(("offset", "domain", "zone"), [
    (1, "ranelagh.ie", "Europe/Dublin"),  # Irish Standard Time is Dublin's summer time
    (3, "yarkon.co.il", "Asia/Jerusalem"),  # Israel Standard Time
])
def test_ist_is_read_where_the_sender_writes_from(offset: int, domain: str, zone: str) -> None:
    sent = datetime(2026, 6, 8, 14, 0, tzinfo=timezone(timedelta(hours=offset)))
    sender = sender_zone(sent, ZoneInfo("Europe/London"), domain)
    text = "Wednesday 17 June, 13:00 – 15:00 IST"
    local = find_mentions(text, sent, sender)[0]
    assert local.start == datetime(2026, 6, 17, 13, tzinfo=ZoneInfo(zone)) and local.tz == zone
    # from anywhere else IST is India's
    indian = find_mentions(text, sent, FALLBACK)[0]
    assert indian.start.utcoffset() == timedelta(hours=5, minutes=30)


def test_a_forms_time_row_pairs_with_the_date_row_above() -> None:
    # an HTML table's rows, as text: "Date mardi 7 avril 2026" then "Horaire 10h30 – 11h15"
    m = only("Date mardi 10 mars 2026\n\nHoraire 10h30 – 11h15 (heure de Paris)")
    assert m.start == datetime(2026, 3, 10, 10, 30, tzinfo=ZoneInfo("Europe/Paris"))


def test_a_clock_word_time_may_end_the_sentence() -> None:
    # "kl. 10.00." is ten o'clock at the end of a sentence, not a date like "17.03."
    m = only("Intervju bokad: torsdag 5 mars kl. 10.00. Välkommen!")
    assert (m.start.hour, m.start.minute) == (10, 0)
    assert find_mentions("Urlaub von 17.03. bis 20.03.", SENT, FALLBACK) == []


@pytest.mark.parametrize("text", [
    "Precisamos remarcar a entrevista, que estava marcada para quarta-feira (04/03) às 10h. "
    "Novo horário: sexta-feira, 06/03, às 16h.",
    "Em vez de quarta-feira (04/03) às 10h, ela vai acontecer na sexta-feira, 06/03, às 16h.",
])
def test_where_a_moved_interview_was_is_left_out(text: str) -> None:
    m = only(text, day_first=True)  # Portuguese writes the day first
    assert (m.start.day, m.start.hour) == (6, 16)


def test_a_length_after_its_word_is_no_clock_time() -> None:
    m = only("Data: quarta-feira, 4 de março de 2026\nHora: 10h00 (hora de Lisboa), com duração "
             "prevista de 1 hora", day_first=True)
    assert (m.start.hour, m.start.minute) == (10, 0)


def test_a_forms_was_row_is_the_old_time() -> None:
    m = only("Was: Tuesday 3rd March, 10:00\nNow: Wednesday 4th March, 11:30 - 12:30")
    assert (m.start.day, m.start.hour, m.start.minute) == (4, 11, 30)


def test_an_outline_of_the_day_is_one_event_not_a_choice() -> None:
    text = ("Date: Thursday 12 March 2026\nTime: 9:00am - 4:30pm\n\nThe day\n"
            "09:00 Welcome and coffee\n09:45 Group task\n11:30 Panel interview\n"
            "13:00 Lunch with the team\n\nPlease reply by 5pm on Friday 6 March.")
    starts = {m.start for m in find_mentions(text, SENT, FALLBACK) if not m.deadline}
    assert starts == {datetime(2026, 3, 12, 9, tzinfo=BERLIN)}


def test_two_times_on_two_lines_stay_two_slots() -> None:
    text = "Thursday 12 March 2026:\n10:00 slot one\n14:00 slot two"
    assert len(find_mentions(text, SENT, FALLBACK)) == 2


@pytest.mark.parametrize("words", ["departing Heathrow on", "your flight lands", "the train "
                                   "leaves"])
def test_a_journeys_time_is_no_meeting(words: str) -> None:
    text = f"Interview: Thursday 12 March at 10:00.\nTravel: {words} Wednesday 11 March at 18:40"
    travel = [m for m in find_mentions(text, SENT, FALLBACK) if m.deadline]
    assert [m.start for m in travel] == [datetime(2026, 3, 11, 18, 40, tzinfo=BERLIN)]


def test_a_finish_time_row_ends_the_start_time_row() -> None:
    text = "Interview date: 14/04/2026\nStart time: 09:40\nFinish time: 10:25"
    m = only(text, day_first=True)
    assert (m.start, m.end) == (datetime(2026, 4, 14, 9, 40, tzinfo=BERLIN),
                                datetime(2026, 4, 14, 10, 25, tzinfo=BERLIN))


def test_a_zone_named_across_a_line_break() -> None:
    text = "w czwartek, 5 marca 2026 r. o godz. 12:00 (czasu\npolskiego)"
    assert only(text).tz == "Europe/Warsaw"


def test_rows_under_their_day_not_under_a_due_date_above() -> None:
    text = ("Your itinerary for Thursday, March 12 is below. All times Eastern. London is "
            "4 hours ahead until March 29.\n\n10:00 - 10:45 Coding\n10:45 - 11:30 Design")
    m = only(text)
    assert m.start == datetime(2026, 3, 12, 10, tzinfo=NY)
