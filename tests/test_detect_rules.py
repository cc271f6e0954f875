"""The rules of ``classify`` on plain-text messages: kinds, confidence, people, company, role."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from outbox.detect import DetectContext, classify, is_automated, is_candidate, is_noreply
from outbox.model import Address, Detection, Folder, Kind, Message

ADA = Address("ada@example.com", "Ada Lovelace")
JANE = Address("jane.doe@globex.com", "Jane Doe")
CTX = DetectContext(frozenset({"ada@example.com"}), timedelta(minutes=60), ZoneInfo("UTC"))
SENT = datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=-5)))  # Monday


def msg(text: str = "", subject: str = "Interview with Globex", *, sender: Address | None = JANE,
        html: str = "", date: datetime = SENT, **headers: object) -> Message:
    fields: dict = {"to": (ADA,)}
    fields.update(headers)
    return Message(ref="t", folder=Folder.INBOX, message_id="<t@globex.com>", date=date,
                   subject=subject, from_=sender, body_fetched=True, text=text, html=html,
                   **fields)


def run(text: str = "", subject: str = "Interview with Globex", **kw: object) -> Detection:
    return classify(msg(text, subject, **kw), CTX)  # type: ignore[arg-type]


def signals(det: Detection) -> set[str]:
    return {r.signal for r in det.reasons}


# -- confirmations and how sure they are ------------------------------------------------------


def test_clear_text_confirmation_is_sure() -> None:
    det = run("Hi Ada, your interview is confirmed for Tuesday, March 3 at 2:00 PM ET with "
              "our hiring manager. Talk soon!")
    assert det.kind is Kind.CONFIRMATION
    assert det.confidence >= 0.75
    assert det.start == datetime(2026, 3, 3, 19, 0, tzinfo=UTC)
    assert det.tz == "America/New_York"
    assert det.end == det.start + CTX.default_duration


def test_vague_mention_is_unsure() -> None:
    det = run("Let's talk about the role on Tuesday, March 3 at 2:00 PM ET.", "Quick chat")
    assert det.kind is Kind.CONFIRMATION
    assert 0.3 <= det.confidence < 0.6


def test_confirmation_without_time_is_unsure_and_untimed() -> None:
    det = run("Your interview is confirmed. Details to follow.")
    assert det.kind is Kind.CONFIRMATION
    assert det.start is None
    assert det.confidence <= 0.5


def test_every_reason_carries_its_weight() -> None:
    det = run("Your interview is confirmed for Tuesday, March 3 at 2:00 PM ET.")
    contributed = sum(r.weight for r in det.reasons)
    assert det.confidence == pytest.approx(min(contributed, 0.99), abs=0.01)


def test_a_confirmation_for_a_past_time_is_no_plan() -> None:
    det = run("Your interview is confirmed for March 3, 2025 at 2:00 PM ET.")
    assert det.kind is Kind.NONE
    assert "start_before_date" in signals(det)


def test_the_time_ahead_is_the_plan_not_the_one_behind() -> None:
    det = run("Thanks for the chat on March 1, 2026 at 10:00 AM ET! Your next interview is "
              "confirmed for Thursday, March 5 at 2:00 PM ET.")
    assert det.kind is Kind.CONFIRMATION
    assert det.start == datetime(2026, 3, 5, 19, 0, tzinfo=UTC)


def test_html_only_body_is_read_without_scripts() -> None:
    html = ("<html><head><style>.x{}</style><script>var d='March 9 at 9am ET'</script></head>"
            "<body><p>Your interview is confirmed for <b>March 4 at 11:00&nbsp;AM ET</b>."
            "</p></body></html>")
    det = run(html=html)
    assert det.start == datetime(2026, 3, 4, 16, 0, tzinfo=UTC)
    assert "several_times" not in signals(det)


def test_quoted_history_is_ignored() -> None:
    text = ("Confirmed for Wednesday, March 4 at 10:00 AM ET.\n\n"
            "From: Jane Doe <jane.doe@globex.com>\nSent: Monday, March 2, 2026 8:00 AM\n"
            "Please pick one of the following times: March 4 at 10:00 AM ET, "
            "March 5 at 2:00 PM ET.\n")
    det = run(text)
    assert det.kind is Kind.CONFIRMATION and det.confidence >= 0.75


# -- reschedules, cancellations, rejections ---------------------------------------------------


def test_reschedule_picks_the_new_time() -> None:
    det = run("Your interview on Tuesday, March 3 at 2:00 PM ET has been moved to "
              "Wednesday, March 4 at 3:00 PM ET.")
    assert det.kind is Kind.RESCHEDULE
    assert det.start == datetime(2026, 3, 4, 20, 0, tzinfo=UTC)
    assert det.confidence >= 0.75


@pytest.mark.parametrize("phrase", ["has been rescheduled to", "The new time is"])
def test_reschedule_phrases(phrase: str) -> None:
    det = run(f"Your interview {phrase} Thursday, March 5 at 11:00 AM ET.")
    assert det.kind is Kind.RESCHEDULE


@pytest.mark.parametrize(
    "text",
    [
        "Unfortunately we need to cancel your interview on March 4 at 10am ET.",
        "Your interview on March 4 has been cancelled. We will reach out.",
        "Ihr Vorstellungsgespräch am 4. März wurde leider abgesagt.",
        "Votre entretien du 4 mars a été annulé.",
        "Tu entrevista del 4 de marzo ha sido cancelada.",
    ],
)
def test_cancellation(text: str) -> None:
    det = run(text)
    assert det.kind is Kind.CANCELLATION
    assert det.confidence >= 0.6


def test_offers_to_cancel_or_reschedule_are_not_changes() -> None:
    det = run("Your interview is confirmed for March 4 at 10am ET. If you need to cancel or "
              "reschedule, just reply to this email.")
    assert det.kind is Kind.CONFIRMATION


@pytest.mark.parametrize(
    "text",
    [
        "After careful consideration we have decided not to move forward with your application.",
        "We have decided to move forward with other candidates for the role.",
        "Unfortunately, we will not be proceeding with your candidacy at this time.",
        "Leider müssen wir Ihnen mitteilen, dass wir Ihre Bewerbung nicht weiter berücksichtigen.",
        "Nous sommes au regret de ne pas donner suite à votre candidature.",
        "Lamentablemente hemos decidido continuar con otros candidatos para el puesto.",
    ],
)
def test_rejection(text: str) -> None:
    det = run(text, "Your application at Globex")
    assert det.kind is Kind.REJECTION
    assert det.confidence >= 0.6


# -- not interviews ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject", "signal"),
    [
        ("Please pick one of the following times: March 4 at 10am ET or March 5 at 2pm ET.",
         "Interview availability", "slot_offer"),
        ("Would March 4 at 10am ET, March 5 at 2pm ET or March 6 at 9am ET work?",
         "Interview scheduling", "several_times"),
        ("Book your interview here: https://calendly.com/jane-globex/interview",
         "Interview with Globex", "slot_offer"),
        ("We have received your application and will review it. If it is a match we will "
         "reach out to schedule an interview.", "Thank you for applying", "nothing_confirmed"),
        ("Join our podcast! Your interview is confirmed for March 4 at 10am ET.",
         "Podcast interview", "not_a_job_interview"),
        ("A journalist would like to confirm your press interview on March 4 at 10am ET.",
         "Press interview", "not_a_job_interview"),
        ("You have been added as an interviewer. Interview on March 4 at 10am ET.",
         "Interview: Candidate Tom", "i_am_interviewer"),
        ("Please submit your scorecard after the interview on March 4 at 10am ET.",
         "Interview scheduled", "i_am_interviewer"),
        ("Dinner is confirmed for March 4 at 7pm ET.", "Dinner", "no_interview_context"),
    ],
)
def test_none(text: str, subject: str, signal: str) -> None:
    det = run(text, subject)
    assert det.kind is Kind.NONE, det.reasons
    assert signal in signals(det)


def test_bulk_headers_sink_a_lookalike() -> None:
    text = "Your interview is confirmed for March 4 at 10am ET. Unsubscribe here."
    assert run(text).kind is Kind.CONFIRMATION
    det = run(text, list_id="<tips.news.example>", precedence="bulk")
    assert det.kind is Kind.NONE
    assert "bulk_mail" in signals(det)


def test_a_message_from_me_is_never_a_confirmation() -> None:
    det = run("Confirmed for March 4 at 10am ET, see you then!", sender=ADA)
    assert det.kind is Kind.NONE
    assert "from_me" in signals(det)


def test_auto_replies_are_none() -> None:
    det = run("I am out of the office until March 9 at 9am ET.", "Out of Office: Interview")
    assert det.kind is Kind.NONE
    assert "auto_reply" in signals(det)


# -- people ------------------------------------------------------------------------------------


def test_contacts_never_robots_never_me() -> None:
    det = run("Your interview is confirmed for March 4 at 10am ET. You'll be meeting with "
              "Jane Doe and Sam Carter (sam.carter@globex.com).",
              sender=Address("no-reply@greenhouse.io", "Globex Recruiting"),
              reply_to=(Address("notifications@globex.com"), JANE), cc=(ADA,))
    assert [a.email for a in det.contacts] == ["jane.doe@globex.com", "sam.carter@globex.com"]
    assert [a.email for a in det.interviewers] == ["jane.doe@globex.com",
                                                   "sam.carter@globex.com"]
    assert det.company == "Globex"


def test_interviewers_without_an_address_stay_in_the_reasons() -> None:
    det = run("Your interview is confirmed for March 4 at 10am ET. You'll be speaking with "
              "Grace Hopper.")
    assert det.interviewers == ()
    assert any(r.signal == "interviewer_without_address" and "Grace Hopper" in r.detail
               for r in det.reasons)


def test_a_shared_inbox_is_a_contact_only_as_last_resort() -> None:
    det = run("Your interview is confirmed for March 4 at 10am ET.",
              sender=Address("careers@globex.com", "Globex Careers"))
    assert [a.email for a in det.contacts] == ["careers@globex.com"]


@pytest.mark.parametrize(
    "email",
    ["noreply@x.com", "no-reply@x.com", "do-not-reply@x.com", "donotreply@x.com",
     "notifications@x.com", "mailer-daemon@x.com", "calendar-notification@google.com",
     "jobalerts-noreply@linkedin.com", "bounce+123@x.com"],
)
def test_noreply(email: str) -> None:
    assert is_noreply(Address(email))


@pytest.mark.parametrize("email", ["jane@x.com", "noreen@x.com", "replyguy@x.com"])
def test_not_noreply(email: str) -> None:
    assert not is_noreply(Address(email))


# -- company and role --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "text", "sender", "company"),
    [
        ("Acme | Interview confirmation", "", Address("no-reply@ashbyhq.com", "Ashby"), "Acme"),
        ("Interview with Acme", "", Address("no-reply@lever.co", "Lever"), "Acme"),
        ("Your interview", "Thank you for your interest in Initrode!", Address(
            "no-reply@myworkday.com"), "Initrode"),
        ("Your interview", "", Address("jane@gmail.com", "Jane at Vandelay Industries"),
         "Vandelay Industries"),
        ("Your interview", "", Address("talent@umbrella.io", "Umbrella Talent Acquisition"),
         "Umbrella"),
        ("Your interview", "", Address("jane@soylent.co.uk", "Jane Doe"), "Soylent"),
        ("Your interview", "", Address("jane@gmail.com", "Jane Doe"), None),
        # an agency, known by its words in any language, by its client or by "their" people,
        # names its client; its own name is never the employer
        ("Termin", "Ich bestätige Ihnen das Kennenlerngespräch bei unserem Mandanten, der "
         "Kessler Anlagenbau GmbH.", Address("j.b@steinhaus-personal.de", "J B"),
         "Kessler Anlagenbau"),
        ("Spotkanie", "Potwierdzam termin spotkania z firmą Zielnik Software. Po stronie "
         "klienta w rozmowie wezmą udział CTO i HR.",
         Address("k.n@trznadelhr.pl", "K N"), "Zielnik Software"),
        ("Interview", "I've locked in your interview with Tallowood Health. Ngaire is their "
         "Chief Clinical Information Officer.", Address("jess@galahstreet.com.au", "Jess"),
         "Tallowood Health"),
        ("Colloquio Olivetta Pagamenti - Product Analyst", "Le confermo il colloquio.",
         Address("f.lanza@sestanteselezione.it", "Federica Lanza"), "Olivetta Pagamenti"),
        ("Gesprek", "Leuk nieuws: ze willen met je kennismaken.",
         Address("bram@noordkaapwerving.nl", "Bram"), None),
    ],
)
def test_company(subject: str, text: str, sender: Address, company: str | None) -> None:
    det = run(text + " Your interview is confirmed for March 4 at 10am ET.", subject,
              sender=sender)
    assert det.company == company


@pytest.mark.parametrize(
    ("subject", "text", "role"),
    [
        ("Interview: Backend Engineer", "", "Backend Engineer"),
        ("Interview", "for the Senior Data Engineer role", "Senior Data Engineer"),
        ("Interview", "for the Staff Product Designer position", "Staff Product Designer"),
        ("Vorstellungsgespräch", "Ihre Bewerbung als Data Engineer (m/w/d)", "Data Engineer"),
        ("Entretien", "pour le poste de Chef de projet.", "Chef de projet"),
        ("Entrevista", "para el puesto de Ingeniero de Datos.", "Ingeniero de Datos"),
        ("Interview with Globex", "", None),
    ],
)
def test_role(subject: str, text: str, role: str | None) -> None:
    det = run(text + "\nYour interview is confirmed for March 4 at 10am ET.", subject)
    assert det.role == role


# -- headers-only checks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "subject",
    ["Interview confirmation", "Invitation: Chat with Jane", "Phone screen scheduled",
     "Next steps", "Your application to Globex", "Canceled: Interview", "Rescheduled: call",
     "Einladung zum Vorstellungsgespräch", "Confirmation de votre entretien",
     "Confirmación de entrevista", "Update on your candidacy", "Your candidacy"],
)
def test_candidate_subjects(subject: str) -> None:
    assert is_candidate(msg(subject=subject, sender=JANE))


@pytest.mark.parametrize("subject", ["Your order has shipped", "Weekly digest", ""])
def test_not_candidate(subject: str) -> None:
    assert not is_candidate(msg(subject=subject, sender=JANE))


def test_calendar_or_ats_makes_a_candidate() -> None:
    assert is_candidate(msg(subject="Hello", has_calendar=True))
    assert is_candidate(msg(subject="Hello", sender=Address("no-reply@greenhouse.io")))


def test_automated() -> None:
    assert is_automated(msg(auto_submitted="auto-replied"))
    assert is_automated(msg(x_autoreply="yes"))
    assert is_automated(msg(precedence="bulk"))
    assert is_automated(msg(list_id="<list.example>"))
    assert is_automated(msg(subject="Automatic reply: Interview"))
    assert not is_automated(msg(auto_submitted="no"))
    assert not is_automated(msg())


# -- times that are not the interview -------------------------------------------------------


def test_a_deadline_is_not_an_interview_time() -> None:
    det = run("Thanks for interviewing with us today! We'll get back to you by Friday, "
              "March 13 at 5pm ET.", "Re: Interview with Globex")
    assert det.kind is Kind.NONE


def test_a_time_asked_about_is_not_confirmed() -> None:
    det = run("Hi Ada, could you do Thursday, March 5 at 2pm ET instead?",
              "Re: Interview with Globex")
    assert det.kind is Kind.NONE
    assert "time_in_question" in signals(det)


def test_a_recap_of_a_past_meeting_is_not_next_years_interview() -> None:
    det = run("It was great meeting you on March 1 at 2pm. We will be in touch.",
              "Re: Interview with Globex")
    assert det.kind is Kind.NONE
    assert "far_ahead" in signals(det)


def test_a_reminder_is_a_confirmation_of_the_same_time() -> None:
    det = run("Just a reminder that your interview is tomorrow at 2pm ET. See you then!",
              "Reminder: your interview tomorrow")
    assert det.kind is Kind.CONFIRMATION
    assert det.start == datetime(2026, 3, 3, 19, 0, tzinfo=UTC)


# -- scheduling services speak for people -------------------------------------------------------


def test_calendly_confirmation_writes_to_the_person_not_the_robot() -> None:
    det = run("Your 30 Minute Interview with Jane Doe at 10:00am - 10:30am (Pacific Time - US "
              "& Canada) on Thursday, March 12, 2026 is scheduled.\nNeed to make changes? "
              "Cancel: https://calendly.com/cancellations/abc Reschedule: "
              "https://calendly.com/reschedulings/abc",
              "Confirmed: 30 Minute Interview with Jane Doe on Thursday, March 12, 2026",
              sender=Address("notifications@calendly.com", "Jane Doe"),
              reply_to=(Address("jane@initrode.com", "Jane Doe"),))
    assert det.kind is Kind.CONFIRMATION and det.confidence >= 0.75
    assert det.start == datetime(2026, 3, 12, 17, 0, tzinfo=UTC)
    assert det.end == datetime(2026, 3, 12, 17, 30, tzinfo=UTC)
    assert [a.email for a in det.contacts] == ["jane@initrode.com"]
    assert [a.email for a in det.interviewers] == ["jane@initrode.com"]
    assert det.company == "Initrode"


def test_ats_display_name_is_the_company_and_never_a_contact() -> None:
    det = run("Thank you for your interest in the Senior Analyst position at Acme Corp. Your "
              "interview has been scheduled for March 9, 2026 at 1:00 PM CST.",
              "Interview Scheduled - Senior Analyst",
              sender=Address("acme@myworkday.com", "Acme Corp"))
    assert det.company == "Acme Corp"
    assert det.role == "Senior Analyst"
    assert det.contacts == ()
    assert det.start == datetime(2026, 3, 9, 18, 0, tzinfo=UTC)  # "CST" read as Chicago time (CDT)


def test_a_bulk_sent_rejection_is_still_a_rejection() -> None:
    det = run("Unfortunately we have decided not to move forward with your application. "
              "Unsubscribe from these emails.", "Your application to Globex",
              sender=Address("no-reply@greenhouse.io", "Globex"), precedence="bulk")
    assert det.kind is Kind.REJECTION
    assert det.confidence >= 0.6


# -- itineraries, tips and thanks for applying --------------------------------------------------


def test_an_itinerary_is_one_confirmed_slot_not_a_choice() -> None:
    det = run("Hi Ada, we're excited to invite you to your virtual onsite! Below is your "
              "itinerary. All times are Pacific Time.\n\nTuesday, March 10, 2026\n\n"
              "9:30 AM - 10:15 AM Coding\n10:15 AM - 11:00 AM System Design\n"
              "11:00 AM - 11:45 AM Hiring Manager\n", "Your virtual onsite with Globex")
    assert det.kind is Kind.CONFIRMATION
    assert det.start == datetime(2026, 3, 10, 16, 30, tzinfo=UTC)
    assert "several_times" not in signals(det)
    assert det.confidence >= 0.75


def test_tips_in_a_reminder_are_advice_not_a_newsletter() -> None:
    det = run("Just a reminder: your interview is Tuesday, March 3 at 2:00 PM ET. "
              "A couple of tips: have a notebook handy.", "Reminder: your interview with Globex")
    assert "event_or_tips" not in signals(det)
    assert det.kind is Kind.CONFIRMATION


def test_tips_in_the_subject_are_a_newsletter() -> None:
    det = run("Your interview is confirmed? Tuesday, March 3 at 2:00 PM ET, be ready.",
              "5 interview tips to land the job")
    assert "event_or_tips" in signals(det)


def test_thanks_for_applying_does_not_unmake_a_confirmation() -> None:
    det = run("Thank you for applying to the Data Engineer role! Your phone screen is confirmed "
              "for Monday, March 9th at 11:00 AM ET (30 minutes).", "Phone Screen Confirmed")
    assert "application_ack" not in signals(det)
    assert det.confidence >= 0.75


# -- short human replies, rejections in plain words, titles that are not employers ---------------


@pytest.mark.parametrize("text", [
    "Hi Ada - we're going to pass. Good luck.",
    "We've talked it over and it's not a match at this time.",
    "we've decided to move forward with other\ncandidates whose skills match the role.",
    "I'm sorry to say we won't be moving ahead with your candidacy for the role.",
    "unfortunately we won't be extending an offer for the position.",
    "we've decided to offer the role to another candidate.",
])
def test_rejections_in_plain_words(text: str) -> None:
    assert run(text, "Re: Staff Engineer, Globex").kind is Kind.REJECTION


def test_a_role_in_the_subject_makes_a_short_reply_about_a_job() -> None:
    det = run("Ada - confirmed for tmrw 9am. Will call. -J", "Re: Globex - Eng Manager")
    assert det.kind is Kind.CONFIRMATION
    assert det.start == datetime(2026, 3, 3, 14, 0, tzinfo=UTC)  # 9am in the sender's UTC-5
    assert any(r.signal == "job_context" and "role" in r.detail for r in det.reasons)


def test_the_quoted_thread_gives_a_short_reply_its_context() -> None:
    det = run("Great, see you Thursday at 10. I'll send a Meet invite.\n\n"
              "On Sun, Mar 1, 2026 at 7:15 PM Ada Lovelace <ada@example.com> wrote:\n"
              "> Thursday morning is best for me for the role chat.", "Re: next steps")
    assert det.kind is Kind.CONFIRMATION
    assert det.start == datetime(2026, 3, 5, 15, 0, tzinfo=UTC)
    assert any("quoted thread" in r.detail for r in det.reasons)


def test_the_quoted_thread_gives_context_never_times() -> None:
    det = run("Thanks!\n\nOn Sun, Mar 1, 2026 at 7:15 PM Ada Lovelace <ada@example.com> wrote:\n"
              "> Your interview is confirmed for Thursday at 10am.", "Re: next steps")
    assert det.start is None


@pytest.mark.parametrize("subject", ["RE: Data Governance Lead - first interview",
                                     "Re: Meridian Bank - Risk Analyst (Req 41187)"])
def test_a_job_title_is_not_the_company(subject: str) -> None:
    det = run("Confirmed: Tuesday, March 3 at 2:00 PM ET. See you then.", subject)
    assert det.company == "Globex"


# -- kinds: reschedules, proposals, cancellations, holds ---------------------------------------


def _ics(seq: int, start: str, method: str = "REQUEST", status: str = "CONFIRMED") -> str:
    return ("BEGIN:VCALENDAR\r\nMETHOD:" + method + "\r\nBEGIN:VEVENT\r\nUID:evt-1@globex.com\r\n"
            f"SEQUENCE:{seq}\r\nSTATUS:{status}\r\nSUMMARY:Interview Ada Lovelace - Globex\r\n"
            f"DTSTART:{start}\r\nDTEND:{start[:9]}{int(start[9:11]) + 1:02d}{start[11:]}\r\n"
            "ORGANIZER;CN=Jane Doe:mailto:jane.doe@globex.com\r\n"
            "ATTENDEE;CN=Ada Lovelace;PARTSTAT=NEEDS-ACTION:mailto:ada@example.com\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n")


def test_a_calendar_notice_marked_auto_generated_is_still_read() -> None:
    det = run("Your interview is confirmed for Tuesday, March 3 at 2:00 PM ET.",
              auto_submitted="auto-generated")
    assert det.kind is Kind.CONFIRMATION
    assert is_automated(msg(auto_submitted="auto-generated"))  # never the employer replying
    assert run("Your interview is confirmed for Tuesday, March 3 at 2:00 PM ET.",
               auto_submitted="auto-replied").kind is Kind.NONE


@pytest.mark.parametrize("text", [
    "Moving our call to Friday at 11am ET -- sorry for the shuffle.",
    "I'm going to move us to Friday at 11am ET, the updated invite is on its way.",
    "No worries, Friday at 11am ET works. I've moved it on our side.",
    "Running behind -- let's push our 9am to Friday at 11am ET, same link.",
])
def test_a_move_told_in_the_first_person_is_a_reschedule(text: str) -> None:
    det = run(text, "Re: Globex - Engineer interview")
    assert det.kind is Kind.RESCHEDULE
    assert det.start == datetime(2026, 3, 6, 16, 0, tzinfo=UTC)


def test_a_move_asked_is_a_proposal_not_a_plan() -> None:
    det = run("Apologies - could we move the interview to Friday at 11am ET instead?",
              "Re: Globex - Engineer interview")
    assert det.kind is Kind.NONE
    assert "proposal" in signals(det)


def test_an_offer_to_reschedule_if_needed_is_no_reschedule() -> None:
    det = run("Your interview is scheduled for Tuesday, March 3 at 2:00 PM ET. If you need to "
              "reschedule, reply to this email. Need to cancel? Use the link below.")
    assert det.kind is Kind.CONFIRMATION


def test_the_old_slot_cancelled_in_a_move_is_a_reschedule() -> None:
    det = run("Two interviewers are out sick, so we need to move your final round.\n\nNew time: "
              "Tuesday, March 10, 1:00 PM ET.\n\nYour original Friday slot is cancelled.")
    assert det.kind is Kind.RESCHEDULE
    assert det.start == datetime(2026, 3, 10, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", [
    "The company has put a freeze on all new hiring, so we have been asked to cancel the onsite "
    "interviews that were scheduled, including yours on Tuesday.",
    "The Analyst position has been filled by an internal candidate, so we'll need to cancel "
    "Thursday's 2:00 interview.",
    "The role has been put on hold while they review the team structure.",
    "Due to unavoidable circumstances, the interview scheduled on 3-Mar-2026 stands cancelled.",
])
def test_an_interview_called_off_is_a_cancellation(text: str) -> None:
    assert run(text).kind is Kind.CANCELLATION


def test_a_verdict_that_calls_off_the_interview_is_a_rejection() -> None:
    det = run("We've decided to move forward with other candidates, so we'll cancel your final "
              "round on Tuesday.")
    assert det.kind is Kind.REJECTION


@pytest.mark.parametrize("text", [
    "After careful review, we have decided to move forward with other applicants.",
    "After careful consideration we have decided in favour of another candidate.",
    "We've made an offer to someone else, and we're closing your application for this role.",
    "Nous ne pourrons pas y donner une suite favorable.",
])
def test_more_ways_to_say_no(text: str) -> None:
    assert run(text, "Your application at Globex").kind is Kind.REJECTION


@pytest.mark.parametrize("text", [
    "Please treat this as a placeholder only - the time may change. Tuesday, March 3 at 2 PM ET.",
    "I'd love to walk you through the details of our offer on Tuesday, March 3 at 2:00 PM ET.",
])
def test_holds_and_offer_calls_are_no_interview(text: str) -> None:
    det = run(text)
    assert det.kind is Kind.NONE
    assert signals(det) & {"tentative_hold", "offer_call"}


def test_an_updated_invitation_that_only_adds_a_link_is_a_confirmation() -> None:
    ics = _ics(1, "20260303T190000Z")
    det = run("This event has been updated\nChanged: description, location\n",
              "Updated invitation: Interview with Globex", calendars=(ics,))
    assert det.kind is Kind.CONFIRMATION
    moved = run("This event has been updated\nChanged: time\n",
                "Updated invitation: Interview with Globex", calendars=(ics,))
    assert moved.kind is Kind.RESCHEDULE
    told = run("Your interview has been updated.", "Interview updated", calendars=(ics,))
    assert told.kind is Kind.RESCHEDULE


@pytest.mark.parametrize("text", [
    "Hey Ada, your background looks great. When are you free next week? Happy to do a call.",
    "Would you be open to a quick chat about the role in the next couple of weeks?",
])
def test_open_questions_about_when_are_no_plan(text: str) -> None:
    assert run(text, "Re: Platform role at Globex").kind is Kind.NONE


@pytest.mark.parametrize(("text", "subject"), [
    ("Your mock interview session is confirmed for Thursday 5 March, 5:00pm GMT.",
     "Confirmed: Mock interview"),
    ("Think of it as an informational interview: Thursday at 12:30 works.", "Re: coffee"),
    ("Your visa interview appointment has been scheduled for 9 March at 8:15 AM.",
     "Appointment Confirmation"),
    ("Tom gave your name as a referee for the Lead Engineer role - confirming our reference "
     "call for Tuesday March 3 at 11:00.", "Reference call for Tom"),
    ("Just confirming your live interview on the breakfast show tomorrow at 7:40am.",
     "Tomorrow morning"),
    ("I'll call you tomorrow at 2pm for the interview - I'll send you any direct quotes to "
     "check before the piece runs.", "Re: Interview request"),
])
def test_interviews_that_are_not_for_a_job(text: str, subject: str) -> None:
    det = run(text, subject)
    assert det.kind is Kind.NONE
    assert "not_a_job_interview" in signals(det)


def test_a_friend_writing_about_her_own_interview_is_not_mine() -> None:
    det = run("They just confirmed my final round at Monzo - Thursday at 10am, four interviews!",
              "eeek", sender=Address("mei@gmail.com", "Mei"))
    assert det.kind is Kind.NONE
    assert "their_interview" in signals(det)


def test_a_candidate_answering_my_invitation_is_not_my_interview() -> None:
    det = run("Thank you! Confirmed -- I'll see you on Tuesday at 2pm for the interview.\n\n"
              "On Mon, Mar 2, 2026 at 8:30 AM Ada Lovelace <ada@example.com> wrote:\n"
              "> Thanks for applying to the Junior Data Engineer role on my team.\n",
              "Re: Interview for the Junior Data Engineer role",
              sender=Address("lucas@gmail.com", "Lucas"))
    assert det.kind is Kind.NONE
    assert "i_am_interviewer" in signals(det)


@pytest.mark.parametrize(("text", "subject", "kind"), [
    ("Passt, dann Donnerstag um 9:30. Bis dann!", "AW: Data Scientist – kurzes Kennenlernen",
     Kind.CONFIRMATION),
    ("Leider müssen wir Ihr Vorstellungsgespräch verschieben. Wir haben das Gespräch auf "
     "Freitag, 6. März, 11 Uhr verlegt.", "Ihr Vorstellungsgespräch", Kind.RESCHEDULE),
    ("Tenemos que cambiar la fecha de tu entrevista. La hemos movido al viernes 6 de marzo a las "
     "10:00.", "Tu entrevista", Kind.RESCHEDULE),
    ("Je suis au regret de devoir reporter notre entretien. Je vous propose vendredi 6 mars à 15h.",
     "Report de notre entretien", Kind.RESCHEDULE),
    ("C'est parfait pour moi : je vous attends le 05/03 à 9h dans nos bureaux.",
     "Re: Candidature Consultante BI", Kind.CONFIRMATION),
    ("Confermato il colloquio per giovedì 5 marzo alle 10:00.", "Colloquio Globex",
     Kind.CONFIRMATION),
])
def test_other_languages(text: str, subject: str, kind: Kind) -> None:
    assert run(text, subject).kind is kind


def test_a_forwarded_invitation_is_read_from_the_forward() -> None:
    det = run("Hi Ada, please see below - the client sent over the invite for your interview "
              "with Marisol.\n\n"
              "-----Original Appointment-----\nFrom: Marisol Ortega <marisol.ortega@globex.com>\n"
              "Sent: Monday, March 2, 2026 8:52 AM\nSubject: Interview: Ada Lovelace\n"
              "When: Thursday, March 5, 2026 2:00 PM-3:00 PM (UTC-05:00) Eastern Time.\n",
              "FW: Interview: Ada Lovelace / Platform Engineer",
              sender=Address("ben@hartwellsearch.com", "Ben Adeyemi"))
    assert det.kind is Kind.CONFIRMATION
    assert det.start == datetime(2026, 3, 5, 19, 0, tzinfo=UTC)
    assert det.company == "Globex"  # the client, not the agency
    assert det.interviewer and det.interviewer.email == "marisol.ortega@globex.com"


# -- company ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sender", "signature", "company"), [
    (Address("helen@crescentpharma.com", "Helen Park"), "Helen Park\nCrescent Pharmaceuticals",
     "Crescent Pharmaceuticals"),
    (Address("kliu@beaconridgecu.org", "Karen Liu"), "Karen Liu\nBeacon Ridge Credit Union",
     "Beacon Ridge Credit Union"),
    (Address("maya@terrapinstorage.com", "Maya"), "Maya\nTerrapin Energy Storage",
     "Terrapin Energy Storage"),
    (Address("k@brueckner-logistik.de", "Katrin"), "Katrin\nBrückner Logistik GmbH",
     "Brückner Logistik"),
    (Address("a@greyfieldcap.com", "Alan"), "Alan\nGreyfield Capital Management LP",
     "Greyfield Capital"),
])
def test_the_company_is_spelled_as_the_signature_spells_the_domain(
        sender: Address, signature: str, company: str) -> None:
    det = run(f"Confirmed: Tuesday, March 3 at 2:00 PM ET. See you then.\n\n{signature}",
              "Re: Data Engineer interview", sender=sender)
    assert det.company == company


def test_the_scheduling_service_is_not_the_company() -> None:
    det = run("Your Intro Call with Jordan Blake at 10:00am (Pacific Time) on Thursday, March 5, "
              "2026 is scheduled.", "Confirmed: Intro Call - Engineer with Jordan Blake",
              sender=Address("notifications@calendly.com", "Calendly"),
              reply_to=(Address("jordan@harrowquill.com", "Jordan Blake"),))
    assert det.company == "Harrowquill"


def test_an_agency_mail_names_the_client() -> None:
    det = run("Great news - Northgate Insurance have confirmed your interview for Tuesday, "
              "March 3 at 11:00.\n\nLucy Harper\nFenwick Recruitment Ltd",
              "Interview confirmed - Northgate Insurance - Pricing Analyst",
              sender=Address("lucy@fenwickrecruitment.co.uk", "Lucy Harper"))
    assert det.company == "Northgate Insurance"


@pytest.mark.parametrize(("display", "company"), [
    ("Acme via Greenhouse", "Acme"), ("Rheinwerk Versicherung AG - Karriere",
                                     "Rheinwerk Versicherung"),
])
def test_the_company_from_the_display_name(display: str, company: str) -> None:
    det = run("Your interview is confirmed for Tuesday, March 3 at 2:00 PM ET.",
              "Interview confirmation", sender=Address("no-reply@greenhouse.io", display))
    assert det.company == company


def test_a_role_qualifier_in_brackets_is_not_the_company() -> None:
    det = run("Confirmed: Tuesday, March 3 at 2:00 PM ET for our call.",
              "Re: Backend Developer (Kotlin)")
    assert det.company == "Globex"


@pytest.mark.parametrize(("text", "subject", "kind"), [
    ("We regret to inform you that your interview scheduled for Tuesday has been cancelled.",
     "Interview update", Kind.CANCELLATION),
    ("Wir müssen das Gespräch leider absagen.", "Ihr Vorstellungsgespräch", Kind.CANCELLATION),
    ("Il colloquio di giovedì è stato annullato.", "Colloquio", Kind.CANCELLATION),
    ("Infelizmente, decidimos seguir com outros candidatos para esta vaga.", "Sua candidatura",
     Kind.REJECTION),
    ("Purtroppo abbiamo deciso di proseguire con altri candidati.", "La sua candidatura",
     Kind.REJECTION),
    ("Olá Ada, sua entrevista está confirmada.", "Entrevista - Engenheira de Dados",
     Kind.CONFIRMATION),
    ("I'm writing an article for TechCrunch and would love to interview you Thursday at 3pm ET.",
     "Interview request", Kind.NONE),
    ("How about Friday at 11am ET instead?", "Re: Globex role chat", Kind.NONE),
    ("Ok, Friday at 11am ET it is. Talk then!", "Re: Globex role chat", Kind.CONFIRMATION),
])
def test_kinds_in_plain_words(text: str, subject: str, kind: Kind) -> None:
    assert run(text, subject).kind is kind


def test_an_agency_speaking_of_its_client_names_the_employer() -> None:
    det = run("Hi Ada, my client Contoso Pharma would like to meet you on Tuesday, March 3 at "
              "2:00 PM ET for the Data Engineer role.", "Interview - Data Engineer",
              sender=Address("sam@hays.com", "Sam Hill | Hays Recruitment Ltd"))
    assert det.company == "Contoso Pharma"
    inhouse = run("Your interview is confirmed for Tuesday, March 3 at 2:00 PM ET.",
                  "Virtual Interview", sender=Address("ta@crestmoorbank.com",
                                                      "Crestmoor Bank Talent Acquisition"))
    assert inhouse.company == "Crestmoor Bank"



def test_an_interviewer_guide_is_for_the_interviewer() -> None:
    det = run("Please read the interviewer guide before Tuesday, March 3 at 2:00 PM ET.",
              "Interview: Tom Harding")
    assert det.kind is Kind.NONE
    assert "i_am_interviewer" in signals(det)


# -- everyday phrasings: patterns that generalise (round 2 of the corpus) -----------------------


@pytest.mark.parametrize("text", [
    "We ended up going with someone who has more warehouse experience.",
    "Heard back from the client -- they went another direction, unfortunately.",
    "We've made the difficult decision not to proceed with your candidacy.",
    "On this occasion we won't be taking your application any further.",
    "The team has decided to hire someone with more domain experience.",
    "Malheureusement, nous n'allons pas donner suite à ta candidature.",
    "Hemos decidido seguir con otros candidatos para este puesto.",
    "Decidimos seguir com outros candidatos nesta vaga.",
])
def test_rejections_in_everyday_words(text: str) -> None:
    assert run(text, "Your application for the Data Engineer role").kind is Kind.REJECTION


def test_agreed_time_in_a_thread_about_a_role_is_a_confirmation() -> None:
    # No "interview" and no "call": the role in the subject and the agreed time say it.
    det = run("Grand so, Thursday at 10:30 it is. I'll come down and get you.",
              "Re: BI Developer")
    assert det.kind is Kind.CONFIRMATION
    assert det.start == datetime(2026, 3, 5, 10, 30, tzinfo=timezone(timedelta(hours=-5)))


def test_agreement_without_a_time_in_a_role_thread_is_not_a_plan() -> None:
    assert run("Booked you in, thanks!", "Re: BI Developer").kind is Kind.NONE


def test_a_company_person_cancelling_a_slot_is_a_cancellation() -> None:
    det = run("Ada -- need to cancel today's 3pm, I'm so sorry. Family emergency.", "today")
    assert det.kind is Kind.CANCELLATION


def test_a_free_mail_friend_cancelling_is_not() -> None:
    friend = Address("sam.friend@gmail.com", "Sam")
    det = run("Ada -- need to cancel today's 3pm, I'm so sorry.", "today", sender=friend)
    assert det.kind is Kind.NONE


def test_polite_if_is_not_a_condition() -> None:
    det = run("A small change to Wednesday, if I may: I have brought your interview forward "
              "to 9:00 the same morning.", "Wednesday - slight change")
    assert det.kind is Kind.RESCHEDULE
    assert det.start == datetime(2026, 3, 4, 9, 0, tzinfo=timezone(timedelta(hours=-5)))


def test_agreeing_to_my_request_to_move_is_a_reschedule() -> None:
    det = run("Totally fine! Thursday 4:30pm it is then.\n\nOn Mon, Mar 2, 2026 at 7:02 AM Ada "
              "Lovelace <ada@example.com> wrote:\n> Would it be possible to move today's "
              "2pm to Thursday, say 4:30?\n", "Re: Perception Engineer - today's interview")
    assert det.kind is Kind.RESCHEDULE
    assert det.start == datetime(2026, 3, 5, 16, 30, tzinfo=timezone(timedelta(hours=-5)))


def test_see_you_then_takes_the_time_from_the_quoted_message() -> None:
    det = run("Perfect, confirmed -- see you then!\n\nOn Mon, Mar 2, 2026 at 8:00 AM Ada "
              "Lovelace <ada@example.com> wrote:\n> Thursday, March 5 at 11:00 works for me "
              "for the interview.\n", "Re: Interview - Data Engineer")
    assert det.kind is Kind.CONFIRMATION
    assert det.start == datetime(2026, 3, 5, 11, 0, tzinfo=timezone(timedelta(hours=-5)))


def test_among_quoted_options_the_weekday_named_in_the_reply_wins() -> None:
    det = run("Wednesday works, see you then.\n\nOn Mon, Mar 2, 2026 at 8:00 AM Jane Doe "
              "<jane.doe@globex.com> wrote:\n> Would Tuesday, March 3 at 10:00 or Wednesday, "
              "March 4 at 14:00 suit you for the interview?\n", "Re: Interview - Data Engineer")
    assert det.kind is Kind.CONFIRMATION
    assert det.start == datetime(2026, 3, 4, 14, 0, tzinfo=timezone(timedelta(hours=-5)))


def test_a_registration_for_an_info_session_is_not_an_interview() -> None:
    det = run("You're registered for Inside Engineering on Wednesday, March 4 at 12:00 PM ET. "
              "Meet our hiring managers and recruiters.",
              "You're registered: Inside Engineering - Careers Info Session")
    assert det.kind is Kind.NONE


@pytest.mark.parametrize(("sender", "company"), [
    # the legal form is dropped: a draft thanks the company by the name people use
    (Address("p.bianchi@navigli-software.it", "Paolo Bianchi - Navigli Software S.r.l."),
     "Navigli Software"),
    # a squashed domain split at a known business word
    (Address("yuki@ternrobotics.com", "Yuki Sato"), "Tern Robotics"),
    # a regional recruiting system sends in the employer's name
    (Address("no-reply@pandape.com", "Chavin Datos"), "Chavin Datos"),
])
def test_the_company_as_people_call_it(sender: Address, company: str) -> None:
    det = run("Your interview is confirmed for Tuesday, March 3 at 2:00 PM ET.",
              "Interview confirmation", sender=sender)
    assert det.company == company


def test_a_squashed_domain_spelled_by_initials_in_the_signature() -> None:
    det = run("Your interview is confirmed for Tuesday, March 3 at 2:00 PM ET.\n\nKelvin Chan\n"
              "Victoria Harbour Capital Ltd.", "Interview confirmation",
              sender=Address("kelvin.chan@vhcapital.hk", "Kelvin Chan"))
    assert det.company == "Victoria Harbour Capital"


def test_with_myself_and_a_colleague_puts_the_sender_first() -> None:
    marcel = Address("mfontaine@globex.com", "Marcel Fontaine")
    det = run("Please accept this invitation for your interview with myself and Marcel Fontaine "
              "on Tuesday, March 3 at 2:00 PM ET.", "Interview - Data Engineer", cc=(marcel,))
    assert [a.email for a in det.interviewers][:2] == ["jane.doe@globex.com",
                                                        "mfontaine@globex.com"]


def test_a_friends_good_wishes_are_not_a_confirmation() -> None:
    friend = Address("sam.friend@gmail.com", "Sam")
    det = run("Good luck with your interview on Thursday, March 5 at 2pm! Let me know how it "
              "goes.", "Re: Interview", sender=friend)
    assert det.kind is Kind.NONE
    assert "well_wishes" in signals(det)


@pytest.mark.parametrize("text", [
    "After careful consideration, we have decided to move ahead with other candidates whose "
    "experience more closely matches our needs.",
    "We are progressing with a small number of candidates whose background is closer.",
])
def test_going_ahead_with_other_candidates_is_a_rejection(text: str) -> None:
    assert run(text, "Your application").kind is Kind.REJECTION


_EVERYDAY: list[tuple[str, str, Kind]] = [
    ("We've decided to offer the Lead Data Engineer role to someone with a deeper clinical "
     "background.", "Re: Thank you", Kind.REJECTION),
    ("Vi har valt att gå vidare med andra sökande vars profil bättre matchar tjänsten.",
     "Angående din ansökan", Kind.REJECTION),
    ("Het gesprek van donderdag 5 maart om 14.00 uur moet ik helaas annuleren voor de functie "
     "Data Engineer.", "Gesprek donderdag", Kind.CANCELLATION),
    ("So we're bringing Friday forward to 10:00 instead of 14:00 - I've updated the invite.",
     "RE: Friday's interview", Kind.RESCHEDULE),
    ("Thanks for agreeing to sit on the panel for the coordinator role on Thursday, March 5 at "
     "2pm. His CV is in the shared folder.", "Interview panel: Jonas Berg", Kind.NONE),
    ("Your meeting is booked for Thursday, March 5 at 10:00 GMT. Talk soon about the role!",
     "Meeting booked: Ledgerpoint product demo", Kind.NONE),
]


def test_need_to_reschedule_question_is_an_offer_not_a_proposal() -> None:
    det = run("Your interview is confirmed for Tuesday, March 3 at 2:00 PM ET. Need to "
              "reschedule? Use the link in your invitation.", "Confirmed: Acme interview")
    assert det.kind is Kind.CONFIRMATION
    assert "proposal" not in signals(det)
    assert det.confidence >= 0.75


_ROUND4: list[tuple[str, str, Kind]] = [
    ("Nach sorgfältiger Abwägung haben wir uns entschieden, den Prozess mit einer anderen "
     "Kandidatin fortzusetzen.", "Ihre Bewerbung als Data Engineer", Kind.REJECTION),
    ("I've just had feedback from the client and they won't be taking you through to the "
     "final stage for the role.", "Feltham Dynamics - feedback", Kind.REJECTION),
    ("Remarcámos a entrevista para quinta-feira, dia 5 de março, às 10h00.",
     "RE: Entrevista", Kind.RESCHEDULE),
    # a pipeline moving is not the interview moving
    ("I'm writing to confirm your phone screen on Tuesday, March 3 at 2:00 PM EST. We're "
     "moving our pipeline from batch to streaming, so that will come up.",
     "Phone screen confirmed", Kind.CONFIRMATION),
    ("Always happy to help a fellow alum! Wednesday at 12:30 works - just a coffee and a chat. "
     "I'm not involved in hiring for the role you mentioned.", "Re: coffee?", Kind.NONE),
]


def test_the_same_slot_restated_for_me_is_no_second_choice() -> None:
    det = run("Friday works great. Let's do Friday, March 6 at 15:30 IST, which should be 10am "
              "for you in London.", "Re: Founding Engineer @ Tamarind")
    assert det.kind is Kind.CONFIRMATION
    assert "several_times" not in signals(det)


@pytest.mark.parametrize(("text", "email"), [
    ("Your interview on Tuesday, March 3 at 2:00 PM ET will be conducted by Dr. Angela Moreno "
     "(copied).", "amoreno@globex.com"),
    ("Sua entrevista ficou marcada para terça-feira, 3/3, às 15h. Quem vai conduzir é a Angela "
     "Moreno (amoreno@globex.com).", "amoreno@globex.com"),
    ("Your interview is confirmed for Tuesday, March 3 at 2:00 PM ET. You'll meet Angela "
     "Moreno, our Head of Data.", "amoreno@globex.com"),
    ("Dienstag, 3. März, 14:00 Uhr ist bestätigt. Das Gespräch führt Dr. Angela Moreno.",
     "amoreno@globex.com"),
    # the writer, then the colleague who joins
    ("Let's lock in Tuesday, March 3 at 2:00 PM ET. I'll be joined by Angela from our data "
     "team.", "jane.doe@globex.com"),
    ("Confermato martedì 3 marzo alle 15:00: sarà un colloquio con me e Angela.",
     "jane.doe@globex.com"),
])
def test_who_conducts_the_interview_is_the_interviewer(text: str, email: str) -> None:
    angela = Address("amoreno@globex.com", "Angela Moreno")
    det = run(text, "Interview confirmation - Data Engineer", cc=(angela,))
    assert det.interviewers and det.interviewers[0].email == email


_ROUND5: list[tuple[str, str, Kind]] = [
    ("Hi Ada, your interview is tomorrow, Tuesday March 3 at 11:00 AM EST. Questions or need "
     "to reschedule? Reply to this email.", "Reminder: Your interview with Acme is tomorrow",
     Kind.CONFIRMATION),
    ("Please use the link below to pick a time. Once you've picked a slot you'll receive a "
     "confirmation. Slots: Friday 6 March, 9:00 AM - 5:00 PM UK time.",
     "Acme: please choose your interview time", Kind.NONE),
    ("Nous avons le regret de vous informer que nous ne donnerons pas suite à votre "
     "candidature.", "Votre candidature chez Acme", Kind.REJECTION),
    ("Leider können wir Ihnen keine positive Rückmeldung zu Ihrer Bewerbung geben.",
     "Ihre Bewerbung - Rückmeldung", Kind.REJECTION),
    ("Thank you for registering for 'Crack the System Design Interview'. Date & Time: Mar 4, "
     "2026 07:00 PM London. You can cancel your registration at any time.",
     "Crack the System Design Interview Confirmation", Kind.NONE),
    ("I'm delighted to let you know that we would like to offer you the Backend Engineer role! "
     "I've put 30 minutes in your diary for Friday, March 6 at 4pm.", "Good news", Kind.NONE),
    ("ADA. i got the interview!!! thursday March 5 at 2pm, in person.", "thursday!!",
     Kind.NONE),
]


def test_family_wishing_me_luck_is_not_a_confirmation() -> None:
    mum = Address("maggie.lovelace@lovelacefamily.me.uk", "Maggie Lovelace")
    det = run("GOOD LUCK for your interview tomorrow at 10!", "tomorrow!!", sender=mum)
    assert det.kind is Kind.NONE


def test_office_hours_and_a_clock_change_note_are_no_second_time() -> None:
    det = run("C'est noté pour mardi 3 mars à 14h30 (heure de Paris) pour l'entretien.\n"
              "Élodie\nJoignable du lundi au vendredi, 9h-12h / 14h-18h",
              "Re: Candidature Data Scientist – entretien")
    assert det.kind is Kind.CONFIRMATION
    assert "several_times" not in signals(det)


_ROUND6: list[tuple[str, str, Kind]] = [
    ("Unfortunately they've decided not to take things further for the Lead Data Engineer "
     "role. Could I give you a quick call tomorrow at 10 to run through two others?",
     "Gossamer Rail feedback", Kind.REJECTION),
    ("If we don't think it's the right fit this time, we'll let you know either way.",
     "Thanks for applying to Acme", Kind.NONE),
    ("Purtroppo siamo costretti ad annullare il colloquio previsto per venerdì 6 marzo dalle "
     "11:00 alle 12:00.", "Annullamento colloquio – Data Engineer", Kind.CANCELLATION),
    ("They've frozen the Platform Lead hire pending a re-org so tomorrow's 2pm with Gareth is "
     "off.", "Re: Calderbrook Energy - Platform Lead - Thursday", Kind.CANCELLATION),
    ("Lamentablemente vamos a tener que suspender la entrevista de mañana a las 11.",
     "Re: Entrevista SRE Senior", Kind.CANCELLATION),
    ("Leider muss unser Geschäftsführer den für morgen, Dienstag, 3.3.2026, 14:00 Uhr "
     "vereinbarten Termin absagen. Wir haben das Gespräch daher auf Donnerstag, 5.3.2026, "
     "15:00 Uhr verlegt.", "Terminverschiebung: Ihr Gespräch (Lead Frontend Developer)",
     Kind.RESCHEDULE),
    ("Great news -- Marcus would like to move you forward to the system design round. I've "
     "locked in Thursday, March 5 at 11:00 AM ET with Marcus.",
     "Re: next steps (Staff Backend Engineer)",
     Kind.CONFIRMATION),
    ("Hi Ada, so sorry - Declan is out sick, so we'll have to cancel tomorrow's 11am call. "
     "I'll be in touch once he's back to find a new time.", "Re: interview with Declan",
     Kind.CANCELLATION),
    ("Nach sorgfältiger Abwägung haben wir uns jedoch für eine Kandidatin entschieden, deren "
     "Profil genauer passt.", "Ihre Bewerbung – Rückmeldung", Kind.REJECTION),
]


def test_a_time_written_for_me_is_in_my_zone() -> None:
    det = run("Tuesday 4pm your time / 11 mine works great. Zoom link below.",
              "Re: Hello from Pedernales - the role")
    assert det.kind is Kind.CONFIRMATION
    assert det.start == datetime(2026, 3, 3, 16, 0, tzinfo=UTC)  # CTX: my zone is UTC


def test_agreeing_to_the_option_i_picked() -> None:
    det = run("Perfect – you're booked. Lukas will send you the Teams link.\n\n"
              "On Mon, 2 Mar 2026 at 20:02, Ada Lovelace <ada@example.com> wrote:\n"
              "> Option (b) would be ideal for me.\n>\n"
              "> On Mon, 2 Mar 2026 at 10:41, Jane Doe <jane.doe@globex.com> wrote:\n"
              ">> Could you do one of these for the interview (all times ET)?\n"
              ">>  (a) Tue 3 March, 09:00\n>>  (b) Wed 4 March, 14:00\n"
              ">>  (c) Fri 6 March, 11:00\n",
              "AW: Technical interview – Embedded Engineer")
    assert det.kind is Kind.CONFIRMATION
    assert det.start == datetime(2026, 3, 4, 19, 0, tzinfo=UTC)


_ROUND7: list[tuple[str, str, Kind]] = [
    # a broad "unfortunately ... not" is no verdict: the interview is moved
    ("Purtroppo domani mattina ho un imprevisto e non riesco a esserci per il nostro colloquio "
     "delle 11:00. Ho spostato l'appuntamento a giovedì 5 marzo alle ore 15:00.",
     "Re: Colloquio Data Engineer Senior", Kind.RESCHEDULE),
    ("Il colloquio previsto per domani alle 15:00 purtroppo non potrà avere luogo: la "
     "direzione ha deciso di congelare tutte le nuove assunzioni.",
     "Aggiornamento sul colloquio di domani", Kind.CANCELLATION),
    ("Sans nouvelles de notre part d'ici le 30 avril, vous pourrez considérer que nous n'avons "
     "pas pu donner suite.", "Accusé de réception de votre candidature", Kind.NONE),
    ("Colin called me - they've decided to go with another candidate who's based locally.",
     "Fundy Tidal feedback", Kind.REJECTION),
    ("Ada - really sorry, I have to bail on tomorrow's 9am. My daughter's in the ER.",
     "Re: Sagehen Labs - senior data engineer", Kind.CANCELLATION),
    ("Infelizmente, teremos de cancelar a entrevista que estava marcada para sexta-feira, dia "
     "6 de março, às 15h00.", "Entrevista de sexta-feira", Kind.CANCELLATION),
    ("Após uma análise cuidada, informamos que decidimos não avançar com a sua candidatura.",
     "Atualização sobre a sua candidatura", Kind.REJECTION),
    ("Han decidido pausar el proceso unas semanas, así que la entrevista del viernes queda "
     "anulada.", "Re: Entrevista Garrofer Seguros", Kind.CANCELLATION),
    ("We moeten ons gesprek van donderdag 5 maart om 10.00 uur helaas annuleren.",
     "Ons gesprek van donderdag (Data Engineer)", Kind.CANCELLATION),
    ("Perfect, thank you for the flexibility Ada! Then we move it to Thursday 5 March, 9am.",
     "Re: Interview Yarumo - Senior Data Engineer", Kind.RESCHEDULE),
    ("Ich muss unser Gespräch morgen um 11 leider absagen. Dann finden wir einen neuen Termin.",
     "Re: Kennenlernen Product Engineer", Kind.CANCELLATION),
    ("Powai Analytics has invited you to take the Online Assessment. Test link expires "
     "12 Mar 2026, 11:59 PM.", "Invitation: Senior Data Engineer - Online Assessment",
     Kind.NONE),
    ("Tu sesión está confirmada: jueves 5 de marzo de 2026, 10:00. Gracias por participar en "
     "nuestra investigación de usuarios.", "Tu sesión de investigación está confirmada",
     Kind.NONE),
]


def test_a_reschedule_reads_the_time_it_moves_to() -> None:
    det = run("Tanglin have asked to move your Quant Data Engineer interview from Thursday 5th "
              "(4pm) to: Friday 6th March, 5pm (10am for you), same Zoom link.",
              "Tanglin Quant - Friday instead of Thursday")
    assert det.kind is Kind.RESCHEDULE
    assert det.start == datetime(2026, 3, 6, 22, 0, tzinfo=UTC)


def test_a_forward_takes_the_forwarders_own_time() -> None:
    det = run("Te reenvío la respuesta. Ya está cerrado: jueves 5 de marzo a las 10:00 h.\n\n"
              "---------- Forwarded message ---------\nFrom: Laura <l@globex.com>\n"
              "Date: Mon, Mar 2, 2026\nSubject: RE: Candidata\n\n"
              "Podríamos el martes 3 a las 9:00 o el miércoles 4 a las 16:00 para la entrevista.",
              "Fwd: RE: Candidata Ada Lovelace - Data Platform Lead")
    assert det.kind is Kind.CONFIRMATION
    assert det.start == datetime(2026, 3, 5, 15, 0, tzinfo=UTC)


def test_the_same_slot_restated_in_my_zone_without_cue_words() -> None:
    # CTX puts me in UTC: "14:00 London" below is the 9am ET slot again, whatever the
    # words between them (here none that mark a conversion).
    det = run("Your interview is confirmed for Thursday, March 5 at 9:00 AM ET.\n"
              "London: Thursday, March 5, 14:00.", "Interview confirmation - Data Engineer")
    assert det.kind is Kind.CONFIRMATION
    assert "several_times" not in signals(det)


@pytest.mark.parametrize("text", [
    "After careful consideration we have filled the position internally. We'll keep your "
    "details on file for future opportunities.",
    "Nach sorgfältiger Prüfung haben wir uns anders orientiert. Wir wünschen Ihnen alles Gute "
    "für Ihren weiteren Weg.",
    "Malheureusement, le poste a été pourvu en interne. Nous vous souhaitons pleine réussite "
    "dans vos recherches.",
])
def test_a_rejection_letter_that_never_says_no(text: str) -> None:
    det = run(text, "Your application for the Data Engineer role")
    assert det.kind is Kind.REJECTION
    assert "rejection_letter" in signals(det)


def test_a_confirmation_with_good_wishes_is_no_rejection_letter() -> None:
    det = run("Unfortunately our office is being refurbished, so your interview on Tuesday, "
              "March 3 at 2:00 PM ET is confirmed on Zoom instead. Best of luck with your search!",
              "Interview confirmation - Data Engineer")
    assert det.kind is Kind.CONFIRMATION


def test_a_settled_plan_with_an_old_time_in_it_stays_a_confirmation() -> None:
    det = run("Good news: you're booked for Thursday, March 5 at 2:00 PM ET. (Tuesday, March 3 "
              "at 11:00 AM was the first round, with Jane.)", "Interview - Data Engineer")
    assert det.kind is Kind.CONFIRMATION
    several = next(r for r in det.reasons if r.signal == "several_times")
    assert several.weight == -0.2


_ROUND8: list[tuple[str, str, Kind]] = [
    # a round of the process names an interview ("second round", "round 2")
    ("Just to confirm: Wednesday 4 March at 14:00, same video link as before.",
     "Re: Second round - Umberfield", Kind.CONFIRMATION),
    ("Zdecydowaliśmy się na innego kandydata. Dziękujemy za Pani czas.",
     "Rekrutacja - Analityk Danych", Kind.REJECTION),
    ("Z przykrością informujemy, że tym razem nie możemy zaprosić Pani do kolejnego etapu.",
     "Informacja - rekrutacja", Kind.REJECTION),
    ("We won't be moving your application forward to the next stage for the analyst role.",
     "RE: Thanks", Kind.REJECTION),
    ("Helaas moest ik ons gesprek van dinsdag verplaatsen; het wordt donderdag 5 maart om "
     "11.00 uur.", "Gesprek Data Analist", Kind.RESCHEDULE),
    # the job won, a course or an evening about interviews in general: no interview of mine
    ("Welcome aboard! Your first day is Monday 9 March at 9:00, ask for Priya at reception.",
     "Your first day at Umberfield", Kind.NONE),
    ("Rappel : l'atelier « préparer ses entretiens » a lieu jeudi 5 mars à 18h30.",
     "Atelier carrière", Kind.NONE),
    ("Nous serions ravis de vous accueillir à notre soirée carrières le jeudi 5 mars à 18h30.",
     "Invitation", Kind.NONE),
    # "Embassy" in an address is a place, not a visa interview
    ("Your interview is confirmed for Thursday, March 5 at 10:00 AM ET.\n\nUmberfield, "
     "Embassy Tech Park, Block C", "Interview Scheduled - Round 2", Kind.CONFIRMATION),
]


_ROUND10: list[tuple[str, str, Kind]] = [
    ("Po rozmowach zdecydowaliśmy się nie kontynuować procesu z Pani udziałem.",
     "Proces rekrutacyjny - Analityk", Kind.REJECTION),
    ("A Dra. Sousa teve um imprevisto e não vai conseguir fazer a entrevista de amanhã às 10h. "
     "Voltamos a contactar assim que possível.", "Entrevista de amanhã", Kind.CANCELLATION),
    ("Tu entrevista se ha cambiado a: viernes 6 de marzo, de 12:00 a 13:00. La cita original "
     "del miércoles queda anulada.", "Actualizado: Entrevista", Kind.RESCHEDULE),
    ("Helaas moet ik ons gesprek van donderdag 5 maart (11:00 uur) met onze teamlead Sanne "
     "de Boer annuleren, zij is ziek.", "Ons gesprek van donderdag", Kind.CANCELLATION),
    ("unser Kunde hat mich gebeten, Ihr Gespräch zu verschieben. Neuer Termin: Freitag, "
     "6. März 2026, 16:00 Uhr.", "Terminverschiebung: Gespräch – Controller (m/w/d)",
     Kind.RESCHEDULE),
    ("Vi vill gärna göra en användarintervju med dig, torsdag 5 mars kl. 14.00. Du får ett "
     "presentkort som tack.", "Har du en stund?", Kind.NONE),
    ("Je bent aangemeld voor ons Open Huis op donderdag 5 maart om 18:00.",
     "Aanmelding bevestigd", Kind.NONE),
    # round 11: lookalikes with a fixed time, and verdicts
    ("Vielen Dank, dass Sie sich Zeit für unser Interview nehmen! Wir sprechen am Donnerstag, "
     "5. März um 16:00 Uhr. Das Interview erscheint im April in unserer Online-Ausgabe.",
     "Unser Interview am 5. März", Kind.NONE),
    ("Seu exame admissional está agendado para quinta-feira, 5 de março, às 8h.",
     "Agendamento do exame admissional", Kind.NONE),
    ("Inscription enregistrée : nous vous attendons jeudi 5 mars à 14h au forum emploi.",
     "Inscription enregistrée", Kind.NONE),
    ("Recordatorio: aún no has elegido hora. Reserva tu entrevista antes del viernes.",
     "Recordatorio: reserva tu entrevista", Kind.NONE),
    ("Grazie per oggi! Nei prossimi giorni completeremo i colloqui con gli altri candidati e "
     "ti faremo sapere.", "Grazie per il colloquio", Kind.NONE),
    ("Po analizie zgłoszeń zdecydowaliśmy, że będziemy kontynuować proces z innymi kandydatami.",
     "Informacja dotycząca rekrutacji", Kind.REJECTION),
    # round 12
    ("Niestety musimy odwołać jutrzejszą rozmowę o 11:00, proces został wstrzymany.",
     "Rozmowa – Analityk", Kind.CANCELLATION),
    ("¡Perfecto! Lo pasamos entonces al jueves 5 de marzo a las 12:30.",
     "Re: Entrevista - cambio", Kind.RESCHEDULE),
    ("Ihr Termin wurde gebucht. Datum: Donnerstag, 5. März 2026, Zeit: 08:30 Uhr. Termin "
     "verschieben oder absagen: über den Link.", "Terminbestätigung: Vorstellungsgespräch",
     Kind.CONFIRMATION),
    ("Obrigada por participar! A sua entrevista de pesquisa está marcada para quinta-feira, "
     "5 de março, às 15h00.", "Sessão agendada", Kind.NONE),
    ("Påminnelse om vår informationsintervju i morgon kl. 12.00 på kaféet.",
     "Påminnelse", Kind.NONE),
    # a job title's meeting is about the job, whatever the subject
    ("Sorry Ada, I can't make our 2pm for the Data Analyst chat after all, so I've moved it "
     "to Thursday, March 5 at 2:00 PM ET, same link.", "Tomorrow", Kind.RESCHEDULE),
]


# The first held-out set, added to development (tests/corpus/blind1)
_BLIND1: list[tuple[str, str, Kind]] = [
    ("Je te confirme notre entrevue mardi prochain, le 10 mars, à 13 h 30 (heure de "
     "Montréal) - ce sera 17 h 30 chez toi.", "Entrevue – Développeuse back-end",
     Kind.CONFIRMATION),
    ("We are pleased to invite you to an interview and confirm the following details: "
     "Thursday 5 March 2026, 9:00am AEDT. For you, 9:00am AEDT on Thursday is 10:00pm on "
     "Wednesday 4 March in London.", "Interview invitation - Data Analyst", Kind.CONFIRMATION),
    ("Aucun souci ! On décale donc à vendredi 6 mars, 9h30 (heure française).",
     "Re: Entretien technique – jeudi 5 mars 14h", Kind.RESCHEDULE),
    ("Ya lo he hablado con Lucía y la hemos pasado al lunes 9 de marzo a las 12:00.",
     "Re: Entrevista Ingeniera de Plataforma", Kind.RESCHEDULE),
    ("Terminbestätigung. Datum: Dienstag, 10. März 2026, Zeit: 08:30 Uhr.",
     "Terminbestätigung: Fachinterview am 10.03.2026", Kind.CONFIRMATION),
    ("Here's the next step for the Senior Python Developer role: a pair-programming session "
     "on Thursday 5 March, 90 minutes starting 15:00.", "Thursday", Kind.CONFIRMATION),
    ("Really sorry - we have to pull tomorrow's 2pm with Ruben; our hiring plan for the ML "
     "role is up in the air.", "Re: Ruben x Ada", Kind.CANCELLATION),
    ("Eastwell have asked if we can push Thursday's interview back 2 hours, so 16:00 "
     "instead of 14:00. I've told them that's fine.", "Eastwell Thursday", Kind.RESCHEDULE),
    ("Our director have to travel on Wed so the interview cannot proceed as planned. We have "
     "shift it to Thursday 5 March 4.30pm SGT.", "RE: Interview - Solutions Architect",
     Kind.RESCHEDULE),
    ("I've spoken to Rob and he's happy to move to Friday at noon instead.",
     "RE: Interview Wednesday - Data Analyst", Kind.RESCHEDULE),
    ("Friday at 11.15 works for him too, so we'll move you to Friday 6th March, 11:15.",
     "RE: Interview Wednesday - Data Analyst", Kind.RESCHEDULE),
    ("Thomas est souffrant et nous sommes contraints d'annuler l'entretien de demain "
     "(mardi 3 mars, 11h).", "Entretien de demain - MLOps Engineer", Kind.CANCELLATION),
    ("Infelizmente vou precisar cancelar nossa entrevista de amanhã às 14h.",
     "Re: Entrevista - Mobile Engineer", Kind.CANCELLATION),
    ("Facciamo una simulazione di colloquio sabato 7 alle 10, ti faccio le domande classiche.",
     "Simulazione di sabato", Kind.NONE),
    ("A sua entrevista de investigação está marcada: quinta-feira, 5 de março, às 16h00.",
     "Sessão marcada", Kind.NONE),
    ("Thank you for agreeing to join the interview panel. Panel interviews are now confirmed "
     "for Thursday 5 March; we've shortlisted three candidates: 10:00 Candidate A.",
     "Data Officer - interview panel on 5 March", Kind.NONE),
    ("Bitte wählen Sie über den folgenden Link einen passenden Termin aus. Bitte buchen Sie "
     "bis Freitag, 6.3., 12:00 Uhr.", "Ihre Bewerbung – bitte Termin buchen", Kind.NONE),
    ("We would like to arrange a video interview. Kindly share with us your availability "
     "for Thursday 5 March, from 9:00 AM to 4:00 PM, and propose three options.",
     "Interview Request - Architect", Kind.NONE),
    ("Przesyłamy zadanie rekrutacyjne. Termin oddania: czwartek, 5 marca, godz. 23:59.",
     "Zadanie rekrutacyjne – Data Engineer", Kind.NONE),
    ("Your identity verification video call is booked: Thursday 5 March, 10:30. The call is "
     "with one of our screening officers - it is not an interview.", "Screening call",
     Kind.NONE),
    ("Zullen we donderdag 5 maart om 12.30 uur lunchen? Dit is geen sollicitatiegesprek hoor.",
     "Re: Lang niet gesproken!", Kind.NONE),
    # round 13, after its first sight
    ("Starting in 1 hour: join your live video interview on Thursday 5 March at 15:00.",
     "Your live video interview", Kind.CONFIRMATION),
    ("Your interview for the Data Journalist role is confirmed for Thursday 5 March at 11:00.",
     "Interview - Data Journalist", Kind.CONFIRMATION),
    ("Der Termin steht nun fest: Donnerstag, 5. März 2026, 14.00 bis 15.30 Uhr.",
     "Einladung zur 2. Gesprächsrunde", Kind.CONFIRMATION),
    ("Helaas: het gesprek van donderdag 5 maart om 14.00 uur gaat niet door.",
     "Gesprek donderdag - Vlietstra Werving & Selectie", Kind.CANCELLATION),
    ("Tuvimos que mover la entrevista: en lugar del miércoles 4, pasa al jueves 5 de marzo a "
     "las 15 h.", "Cambio de día – entrevista", Kind.RESCHEDULE),
    ("A empresa pediu-me para desmarcar a entrevista de quinta-feira, dia 5 de março, às 10h00.",
     "Entrevista de quinta-feira", Kind.CANCELLATION),
    ("They've asked whether we can move your interview with Gemma from Friday 10am to "
     "Monday 9th March at 11:30. I've accepted on your behalf.", "Friday's interview",
     Kind.RESCHEDULE),
]


# The verdict, call-off and moving verbs of each language (a pass over the lexicon, not
# over messages): one everyday form each.
_LEXICON: list[tuple[str, str, Kind]] = [
    ("Thank you for your time. Your application has not been successful on this occasion.",
     "Your application - Data Analyst", Kind.REJECTION),
    ("We have decided to progress other candidates whose experience is a closer match.",
     "Your application - Data Analyst", Kind.REJECTION),
    ("Leider können wir Ihnen keine Zusage geben.", "Ihre Bewerbung als Data Analyst",
     Kind.REJECTION),
    ("Nous ne retiendrons pas votre candidature pour le poste de Data Analyst.",
     "Votre candidature", Kind.REJECTION),
    ("Tu candidatura para el puesto de analista ha sido descartada.", "Tu candidatura",
     Kind.REJECTION),
    ("Abbiamo scelto un altro candidato per la posizione di analista.", "La tua candidatura",
     Kind.REJECTION),
    ("Informamos que não foi selecionada para a vaga de analista.", "Candidatura", Kind.REJECTION),
    ("We gaan niet verder met je sollicitatie voor de functie van analist.", "Sollicitatie",
     Kind.REJECTION),
    ("Vi har beslutat att inte gå vidare med din ansökan till tjänsten.", "Din ansökan",
     Kind.REJECTION),
    ("Postanowiliśmy nie kontynuować rekrutacji z Pani udziałem na to stanowisko.",
     "Rekrutacja", Kind.REJECTION),
    ("I'm so sorry, we won't be able to go ahead with tomorrow's interview.",
     "Tomorrow's interview", Kind.CANCELLATION),
    ("Das Vorstellungsgespräch am Donnerstag findet leider nicht statt.", "Gespräch am Donnerstag",
     Kind.CANCELLATION),
    ("L'entretien de jeudi n'aura pas lieu, toutes nos excuses.", "Entretien de jeudi",
     Kind.CANCELLATION),
    ("Lamentablemente la entrevista del jueves no se podrá realizar.", "Entrevista del jueves",
     Kind.CANCELLATION),
    ("Il colloquio di giovedì non si terrà, ci scusiamo.", "Colloquio di giovedì",
     Kind.CANCELLATION),
    ("Het sollicitatiegesprek van donderdag is afgelast.", "Gesprek donderdag", Kind.CANCELLATION),
    ("Intervjun på torsdag blir inte av, tyvärr.", "Intervju torsdag", Kind.CANCELLATION),
    ("Rozmowa kwalifikacyjna w czwartek nie odbędzie się.", "Rozmowa w czwartek",
     Kind.CANCELLATION),
    ("We have rearranged your interview: it is now on Friday 6 March at 10:00.",
     "Interview", Kind.RESCHEDULE),
    ("Wir haben Ihr Vorstellungsgespräch auf Freitag, 6. März, 10:00 Uhr umgelegt.",
     "Vorstellungsgespräch", Kind.RESCHEDULE),
    ("Nous avons repoussé votre entretien au vendredi 6 mars à 10h.", "Entretien",
     Kind.RESCHEDULE),
    ("Hemos aplazado la entrevista al viernes 6 de marzo a las 10:00.", "Entrevista",
     Kind.RESCHEDULE),
    ("Il colloquio è rinviato a venerdì 6 marzo alle 10:00.", "Colloquio", Kind.RESCHEDULE),
    ("A entrevista foi adiada para sexta-feira, 6 de março, às 10h.", "Entrevista",
     Kind.RESCHEDULE),
    ("Rozmowa kwalifikacyjna została przesunięta na piątek 6 marca, godz. 10:00.", "Rozmowa",
     Kind.RESCHEDULE),
    ("Ci dispiace comunicarle che abbiamo deciso di proseguire il processo di selezione con "
     "altri profili.", "Esito selezione", Kind.REJECTION),
    ("Jarandilla ha decidido no continuar con tu candidatura en esta ocasión.", "Novedades",
     Kind.REJECTION),
    ("We hebben besloten om niet met je verder te gaan in de procedure.",
     "Terugkoppeling sollicitatie",
     Kind.REJECTION),
    ("Klient odwołał zaplanowaną na czwartek rozmowę kwalifikacyjną.", "Rozmowa w czwartek",
     Kind.CANCELLATION),
    # round 15, after its first sight
    ("I've come down with something and I'm in no state to run our interview tomorrow "
     "morning; I'll drop you a line once I'm better.", "Re: Engineer interview",
     Kind.CANCELLATION),
    ("Darren won't be able to make your 4:00pm interview this afternoon, so I've cancelled "
     "the calendar invite. Please choose a new slot here whenever it suits you.",
     "Your interview this afternoon", Kind.CANCELLATION),
    ("They have put the Analytics Manager hire on hold and pulled all the first-stage "
     "interviews - so your slot with Declan on Thursday is off.", "Cobbleworth update",
     Kind.CANCELLATION),
    ("We've closed this position, so we won't be moving any applications for the role "
     "forward, including yours.", "Update on your application", Kind.REJECTION),
    ("On this occasion we'll be continuing with a small group of applicants whose "
     "backgrounds map more directly onto the role.", "Your application", Kind.REJECTION),
    ("Vi har valt att gå vidare med kandidater vars erfarenhet ligger närmare tjänsten.",
     "Angående din ansökan", Kind.REJECTION),
    ("Done - you're now on with Marisol next Tuesday, March 10, 1:00-1:45pm; the old "
     "Thursday one should disappear.", "Re: Thursday's interview - quick change?",
     Kind.RESCHEDULE),
    ("Precisei remarcar a sua entrevista: em vez de terça-feira (03/03) às 10h, ela vai "
     "acontecer na quinta-feira, 05/03, às 15h.", "Remarcação da sua entrevista",
     Kind.RESCHEDULE),
    ("Intervju bokad: torsdag 5 mars kl. 10.00. Om du behöver avboka, svara på detta mejl.",
     "Intervju bokad: Backendutvecklare", Kind.CONFIRMATION),
    ("Hora: de 16:00 a 17:00 del jueves 5 de marzo. No hace falta que prepares nada por "
     "adelantado.", "Tu entrevista técnica", Kind.CONFIRMATION),
    ("Plan je gesprek via de link hieronder; kies een moment dat je uitkomt.",
     "Plan je gesprek met Helmgras", Kind.NONE),
    ("Thank you for completing your recorded video interview for the Risk Analyst role. We "
     "regret to inform you that we will not be progressing your application.",
     "Your application to Shinglebay Bank", Kind.REJECTION),
    # round 17, after its first sight
    ("Vimo-nos obrigados a alterar a data da sua entrevista: passa a realizar-se na "
     "quinta-feira, dia 5 de março, às 11h30.", "Alteração da data da sua entrevista",
     Kind.RESCHEDULE),
    ("Ons gesprek van donderdag kan helaas niet doorgaan; ik heb het verplaatst naar maandag "
     "9 maart, 15.00 uur.", "Gesprek van donderdag", Kind.RESCHEDULE),
    ("Het sollicitatiegesprek van donderdag 5 maart om 11.00 uur kan helaas niet doorgaan.",
     "Gesprek donderdag", Kind.CANCELLATION),
    ("Zdecydowaliśmy się kontynuować proces rekrutacyjny z innymi kandydatami.",
     "Dziękujemy za udział w rekrutacji", Kind.REJECTION),
    ("Il colloquio previsto per giovedì 5 marzo alle 15:00 è stato annullato. Sarà nostra "
     "cura ricontattarLa nei prossimi giorni per concordare una nuova data.",
     "Colloquio del 5 marzo", Kind.CANCELLATION),
    # look-alikes of those verbs: "come anticipato" is "as said before"
    ("Come anticipato al telefono, il colloquio è confermato per venerdì 6 marzo alle 10:00.",
     "Colloquio tecnico", Kind.CONFIRMATION),
]




# Look-alikes with a fixed time, in each language (a pass over the lexicon): no interview
# of mine, however the time is written.
_LOOKALIKES: list[tuple[str, str]] = [
    ("Wir freuen uns auf die Vertragsunterzeichnung am Donnerstag, 5. März, um 10:00 Uhr.",
     "Ihr Start bei uns"),
    ("Rendez-vous pour la signature de votre contrat jeudi 5 mars à 10h.", "Votre embauche"),
    ("Te esperamos para la firma del contrato el jueves 5 de marzo a las 10:00.", "Bienvenida"),
    ("Soy periodista y me gustaría entrevistarte el jueves 5 de marzo a las 10:00 para un "
     "reportaje sobre empleo.", "Entrevista para un reportaje"),
    ("Je suis journaliste : notre entretien est prévu jeudi 5 mars à 10h pour le dossier "
     "emploi.", "Entretien pour le magazine"),
    ("Bevestiging van het referentiegesprek over Tom de Vries, donderdag 5 maart om 10.00 uur.",
     "Referentiegesprek"),
    ("Your right-to-work verification call is booked for Thursday 5 March at 10:00.",
     "Pre-employment checks"),
    ("Your onboarding session is on Thursday 5 March at 10:00 - welcome!", "Onboarding"),
    ("Grazie per aver accettato di partecipare come intervistatrice: il primo colloquio è "
     "giovedì 5 marzo alle 10:00.", "Colloqui per lo stage"),
    ("Tack för att du ställer upp som intervjuare: första intervjun är torsdag 5 mars kl. "
     "10.00.", "Intervjuer för praktikplatsen"),
    ("Your event has been scheduled. Event Date/Time: 7:00pm, Thursday, 5 March 2026.",
     "Confirmed: Career Strategy Session (60 min) with Mara"),
    ("I haven't got a specific role to pitch you yet - I've booked us in for Friday 6th "
     "March, 12:30 at the cafe.", "Coffee Friday?"),
    ("This is a reminder of your next appointment with your work coach: Work search review "
     "interview, Thursday 5 March 2026 at 10:40am.", "Appointment reminder"),
    ("Votre inscription est bien enregistrée ! Table ronde « Carrières dans la data » jeudi "
     "5 mars 2026 à 18h30.", "Rencontre Alumni"),
    ("Je bent gekoppeld aan je mentor: jullie eerste kennismakingsgesprek staat gepland op "
     "donderdag 5 maart om 17.30 uur.", "Je mentormatch is bekend"),
    ("Anbei unsere Fallstudie. Bitte schicken Sie uns Ihre Ausarbeitung bis spätestens "
     "Freitag, 6. März, 18:00 Uhr.", "Fallstudie für die nächste Runde"),
]


# Rounds 14 and 16 (folded into development this session): the wordings their misses
# showed, written anew.
_ROUND14: list[tuple[str, str, Kind]] = [
    # farewells and agreements in the other languages
    ("Top, dan zien we elkaar dinsdag om half elf op kantoor.", "Re: Vacature Analist",
     Kind.CONFIRMATION),
    ("Mardi 14h30 ça me va très bien, on se fait ça en visio. À mardi !",
     "Re: Candidature – Analyste", Kind.CONFIRMATION),
    ("ok, next Tue 10ish your time works, I'll drop a link in the morning.",
     "Re: Globex / data engineer", Kind.CONFIRMATION),
    # a verdict, a move, a farewell that is a due time
    ("Zdecydowaliśmy się kontynuować proces z innymi osobami.",
     "Informacja dotycząca rekrutacji – Analityk", Kind.REJECTION),
    ("Passámos a entrevista de quarta para sexta-feira, dia 6 de março, às 10h.",
     "Entrevista – Analista", Kind.RESCHEDULE),
    ("Hai tempo fino a venerdì 6 marzo alle 18:00 per consegnarlo. A presto!",
     "Esercizio tecnico", Kind.NONE),
    ("Temos o prazer de lhe apresentar uma proposta. Pedimos uma resposta até sexta-feira, "
     "6 de março.", "Proposta - Analista", Kind.NONE),
]
# Round 18's development half (k, m), likewise.
_ROUND18: list[tuple[str, str, Kind]] = [
    ("Po analizie zdecydowaliśmy się kontynuować rekrutację z osobami, których doświadczenie "
     "lepiej odpowiada potrzebom zespołu.", "Odpowiedź na Twoją aplikację", Kind.REJECTION),
    ("Top, dan zie ik je donderdag 5 maart om 10:00 bij ons op kantoor.",
     "Re: Data Engineer bij Globex", Kind.CONFIRMATION),
    ("Bra, då kör vi en övningsintervju på torsdag kl. 18.00 via Zoom.",
     "Övningsintervju på torsdag", Kind.NONE),
    ("Let's do Wednesday at 4pm; I'll ring you. It's just an informal debrief, not part of "
     "any process.", "Re: Analyst - outcome", Kind.NONE),
]
# Older development misses, read again for their pattern.
_CALL_OFFS: list[tuple[str, str, Kind]] = [
    ("Our hiring manager is out, so we're going to have to take tomorrow's 2pm conversation "
     "off the calendar. I'll reach back out.", "tomorrow", Kind.CANCELLATION),
    ("The round has eaten everything, so let's park Thursday's call for now. I'll be in "
     "touch mid-June.", "Re: ML Engineer - Globex", Kind.CANCELLATION),
    ("Thanks for your availability. Let's lock in Wed 3/11 at 1030 CT. It's a 60 min "
     "technical conversation.", "Re: Globex - Firmware Engineer", Kind.CONFIRMATION),
    ("Your live video interview for Backend Engineer begins today at 15:00. Interviewly - "
     "Live and on-demand video interviews.", "Starting in 1 hour: your live video interview",
     Kind.CONFIRMATION),
]
# Round 19's development half (agencies; German, French and Spanish), likewise.
_ROUND19: list[tuple[str, str, Kind]] = [
    ("Olivares nos acaba de comunicar que cancela la entrevista del jueves 5 a las 10:00.",
     "Entrevista del jueves con Olivares", Kind.CANCELLATION),
    ("Het gesprek van aanstaande maandag om 14.00 uur gaat niet door. Een nieuwe datum "
     "hebben ze nog niet kunnen noemen.", "Gesprek maandag bij Globex", Kind.CANCELLATION),
    ("Leider müssen wir Ihnen mitteilen, dass wir das vereinbarte Gespräch vom 10. März "
     "nicht durchführen können. Die Besetzung der Stelle wurde vorläufig sistiert.",
     "Absage Vorstellungsgespräch vom 10. März", Kind.CANCELLATION),
    ("Ich hab euer Gespräch deshalb auf Freitag, 6.3., 10:30 Uhr verlegt.",
     "Kleine Planänderung für Donnerstag", Kind.RESCHEDULE),
    ("Klient zdecydował się kontynuować rozmowy z innym kandydatem.",
     "Proces rekrutacyjny – Globex", Kind.REJECTION),
    ("Malheureusement, notre client n'a pas souhaité donner suite à votre candidature.",
     "Retour du Groupe Globex", Kind.REJECTION),
    ("Te informamos que en esta oportunidad no seguirás avanzando en el proceso.",
     "Resultado de tu postulación – Analista", Kind.REJECTION),
    ("Regrettably you have not been shortlisted and your application will not be progressed "
     "further. You can update your job alerts at any time.",
     "Update on your application: Analyst", Kind.REJECTION),
    ("Prima, dann halten wir Dienstag, den 10.03.2026, von 10:00 bis 11:00 Uhr fest.",
     "AW: Ihre Bewerbung als Analyst – Terminvorschläge", Kind.CONFIRMATION),
    ("Passt bestens. Dann bis Freitag um 8.15 Uhr bei uns im Büro.",
     "AW: Data Engineer – Gespräch vor Ort", Kind.CONFIRMATION),
    ("Garnant have gone for Wednesday 4th at 2pm - booked in. Gareth will ring you. It's the "
     "6-month contract we discussed, outside IR35.", "RE: Garnant - availability",
     Kind.CONFIRMATION),
    ("Vielen Dank für das Gespräch heute. Wir melden uns spätestens bis Freitag, 13.03., mit "
     "einer Rückmeldung.", "Vielen Dank für das Gespräch heute", Kind.NONE),
    ("Prazo de entrega: segunda-feira, 9 de março, às 9h00. Depois falamos para agendar a "
     "entrevista final.", "Globex – caso prático antes da entrevista final", Kind.NONE),
    ("Abgabe: bis Mo., 9.3., 12 Uhr. Im anschließenden Technik-Interview sprichst du mit Tobias.",
     "Deine Coding-Challenge", Kind.NONE),
    ("You're warmly invited to our next Women in Data breakfast, Thursday 5 March, 8:00am. "
     "Our guest speaker is a CDO. Hope to see you there!", "Invitation: Women in Data breakfast",
     Kind.NONE),
]
# Round 20's development half (Italian/Portuguese/Dutch/Swedish/Polish; the hardest cases).
_ROUND20: list[tuple[str, str, Kind]] = [
    ("Podjęliśmy decyzję o kontynuowaniu procesu z innymi osobami.",
     "Informacja dotycząca procesu rekrutacyjnego", Kind.REJECTION),
    ("Ya hemos cerrado el proceso y finalmente seguiremos adelante con otra persona.",
     "Re: Proceso de selección – Analista", Kind.REJECTION),
    ("Vi har därför flyttat ert samtal till tisdag 10 mars kl. 15.00.",
     "Ändrad tid för ditt samtal med Anton", Kind.RESCHEDULE),
    ("Petit changement : on déplace notre entrevue au mardi 10 mars, 9 h 30.",
     "RE: Entrevue – Développeuse", Kind.RESCHEDULE),
    ("Jag måste tyvärr ställa in vår intervju i morgon, tisdag kl. 10.30.",
     "Vår intervju i morgon", Kind.CANCELLATION),
    ("Esther is ziek, dus het gesprek van morgen gaat niet door. Zodra ze beter is, plannen we "
     "een nieuwe datum in.", "RE: Gesprek Globex – Analist", Kind.CANCELLATION),
    ("Thursday 2.30 it is. Dev will send a Teams link over later today.",
     "RE: Globex - Senior Data Analyst", Kind.CONFIRMATION),
]
_ROUND14_LOOKALIKES: list[tuple[str, str]] = [
    ("To be clear this isn't an interview and I'm not involved in hiring - just a chat about "
     "the team. Friday 6 March, 12:30.", "Invitation: Coffee chat"),
    ("You're locked in! We'll record on Tuesday 10 March at 1pm ET. Studio link below.",
     "Recording confirmed - Byte Sized ep. 12"),
    ("La soirée aura lieu jeudi 5 mars de 18h30 à 21h. Aucun entretien ne sera conduit "
     "pendant la soirée.", "Soirée Portes ouvertes métiers"),
    ("Bevor die Vorstellungsgespräche beginnen, laden wir Sie ein: Donnerstag, 5. März, "
     "18:00 Uhr.", "Einladung: Infoabend Traineeprogramm"),
    ("Dear Governors, the next meeting is on Thursday 5 March 2026, 6:30pm. Item 4: "
     "membership of the interview panel.", "FGB meeting 5 March - agenda and papers"),
]


@pytest.mark.parametrize(("text", "subject"), _LOOKALIKES + _ROUND14_LOOKALIKES)
def test_look_alikes_with_a_fixed_time_book_no_interview(text: str, subject: str) -> None:
    assert run(text, subject).kind is Kind.NONE


def test_a_company_person_moving_our_chat_moves_an_interview() -> None:
    text = ("Apologies - our planning got moved onto Tuesday afternoon so I've had to shift our "
            "conversation from Tuesday 3pm to Wednesday at 4pm ET (same Zoom).")
    nadia = Address("nkessler@bramblecote.io", "Nadia Kessler")
    det = run(text, "Moving our chat to Wednesday", sender=nadia)
    assert det.kind is Kind.RESCHEDULE and "company_person_moves" in signals(det)
    assert det.start == datetime(2026, 3, 4, 16, tzinfo=ZoneInfo("America/New_York"))
    # a surgery moving an appointment, a podcast moving a recording: no interview
    surgery = Address("appointments@parkside-surgery.co.uk", "Parkside Surgery")
    assert run("Your appointment has been moved to Tuesday 10 March at 08:40.",
               "Your appointment has been moved", sender=surgery).kind is Kind.NONE
    # a friend moving our coffee is no interview
    friend = Address("sam.k@gmail.com", "Sam K")
    assert run(text, "Moving our chat to Wednesday", sender=friend).kind is Kind.NONE


def test_a_friends_own_interview_in_her_language_is_not_mine() -> None:
    friend = Address("giulia.marchetti87@gmail.com", "Giulia Marchetti")
    det = run("Indovina? Mi hanno chiamata: giovedì 5 alle 10:30 con la direttrice creativa!",
              "il mio colloquio giovedì!!", sender=friend)
    assert det.kind is Kind.NONE and "their_interview" in signals(det)




@pytest.mark.parametrize(("text", "subject", "kind"),
                         _EVERYDAY + _ROUND4 + _ROUND5 + _ROUND6 + _ROUND7 + _ROUND8 + _ROUND10
                         + _BLIND1 + _LEXICON + _ROUND14 + _ROUND18 + _CALL_OFFS + _ROUND19
                         + _ROUND20)
def test_everyday_wordings_give_their_kind(text: str, subject: str, kind: Kind) -> None:
    # Wordings from each round of the corpus, written for the pattern (see phrases.py).
    assert run(text, subject).kind is kind


def test_a_date_in_the_subject_is_not_the_company() -> None:
    det = run("Hi Ada, confirming your interview with our client on Tuesday, March 3 at "
              "2:00 PM ET.", "Interview Confirmation: Lead Data Engineer | 10 March",
              sender=Address("jo@straitsfield-talent.example", "Jo Tan"))
    assert det.kind is Kind.CONFIRMATION
    assert det.company != "10 March"


def test_family_writing_from_home_never_books_an_interview() -> None:
    mum = Address("sheila.lovelace@btinternet.com", "Sheila Lovelace")
    det = run("Lunch on Sunday, March 8 at 1pm? And good luck with the interview on Tuesday!",
              "Sunday", sender=mum)
    assert det.kind is Kind.NONE
    assert "family" in signals(det)


def test_do_not_reply_in_other_languages_is_a_robot() -> None:
    for local in ("ne-pas-repondre", "no-responder", "nao-responda", "nicht-antworten"):
        assert is_noreply(Address(f"{local}@tilleul.example"))


def test_an_acknowledgement_in_the_subject_unmakes_a_confirmation() -> None:
    det = run("Nous étudions votre dossier. Réponse au plus tard le vendredi 6 mars à 18h.",
              "Accusé de réception de votre candidature",
              sender=Address("ne-pas-repondre@tilleul.example", "Tilleul Recrutement"))
    assert det.kind is Kind.NONE


def test_moved_to_an_abbreviated_weekday_is_a_move() -> None:
    det = run("Perfect, moved to Thu Mar 5, 9am PT. Calendar's updated.",
              "Re: Pushing our interview?")
    assert det.kind is Kind.RESCHEDULE


def test_a_colleague_copied_on_the_invitation_is_the_interviewer() -> None:
    marcus = Address("marcus.lee@globex.com", "Marcus Lee")
    det = run("Hi Ada, your interview is confirmed for Tuesday, March 3 at 2:00 PM ET. I've "
              "copied my colleague, who will run it.", cc=(marcus,))
    assert det.interviewers and det.interviewers[0].email == "marcus.lee@globex.com"
    assert det.contacts[0].email == JANE.email  # the sender is still who to write to first
    outside = run("Hi Ada, your interview is confirmed for Tuesday, March 3 at 2:00 PM ET.",
                  cc=(Address("friend@elsewhere.example", "A Friend"),))
    assert not outside.interviewers


def test_it_will_be_me_plus_a_colleague_names_both_interviewers() -> None:
    tom = Address("tom.achter@globex.com", "Tom Achter")
    det = run("Your interview is confirmed for Tuesday, March 3 at 2:00 PM ET. It'll be me plus "
              "Tom Achter from our platform team.", cc=(tom,))
    assert [a.email for a in det.interviewers][:2] == [JANE.email, "tom.achter@globex.com"]


def test_a_look_alike_word_in_the_jobs_title_is_the_job() -> None:
    det = run("The committee would like to invite you to a video interview on Tuesday, "
              "March 10, 2026 at 2:00 p.m. Central Time.",
              "Kessell College - Assistant Director of Institutional Research interview")
    assert det.kind is Kind.CONFIRMATION
    # a research interview that is one stays a look-alike
    assert run("Join our user research interview on Tuesday, March 10 at 2pm (gift card).",
               "Research interview").kind is Kind.NONE


def test_the_to_line_of_a_quoted_mail_is_not_my_own_words() -> None:
    # my address on the quoted mail's "To:" line: the recruiter wrote "thanks for applying"
    text = ("Brilliant - 4.30 Thursday it is. You'll be meeting Sam (Lead Developer).\n\n"
            "From: Jane Doe <jane.doe@globex.com>\nSent: 02 March 2026 15:20\n"
            "To: Ada Lovelace <ada@example.com>\nSubject: interview times\n\n"
            "Hi Ada, thanks for applying for the Developer role. Could you do any of these?")
    assert run(text, "RE: Globex - interview times").kind is Kind.CONFIRMATION


def test_a_form_in_a_table_gives_its_time_and_employer() -> None:
    html = ("<p>Thank you for confirming your attendance. Your interview details:</p><table>"
            "<tr><td><b>Employer</b></td><td>Kessell Community Health Trust</td></tr>"
            "<tr><td><b>Interview date</b></td><td>2026-03-10</td></tr>"
            "<tr><td><b>Interview time</b></td><td>09:45</td></tr></table>")
    det = run(html=html, subject="Interview details: Medical Secretary",
              sender=Address("notifications@careerhub-example.co.uk", "Careers"))
    assert det.kind is Kind.CONFIRMATION
    assert det.start == datetime(2026, 3, 10, 9, 45, tzinfo=timezone(timedelta(hours=-5)))
    assert det.company == "Kessell Community Health Trust"


def test_a_cancelled_invitation_with_a_verdict_is_a_rejection() -> None:
    def invite(body: str) -> Message:
        ics = ("BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nBEGIN:VEVENT\r\nUID:x1@globex.com\r\n"
               "DTSTART:20260310T150000Z\r\nDTEND:20260310T160000Z\r\n"
               "SUMMARY:Canceled: Final round\r\nSTATUS:CANCELLED\r\n"
               "ORGANIZER:mailto:jane.doe@globex.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        return msg(body, "Canceled: Final round - Globex", calendars=(ics,))
    verdict = invite("The hiring team has decided not to move forward with your candidacy, "
                     "so I'm removing Tuesday's final-round block from your calendar.")
    assert classify(verdict, CTX).kind is Kind.REJECTION
    sorrow = invite("We regret to inform you that Tuesday's interview has been cancelled.")
    assert classify(sorrow, CTX).kind is Kind.CANCELLATION


def test_a_reminder_under_a_moved_threads_subject_confirms_the_time() -> None:
    det = run("Just a quick reminder ahead of tomorrow - 2:15pm at our offices with Graham.",
              "RE: Analyst interview - change of date")
    assert det.kind is Kind.CONFIRMATION


def test_slots_said_to_be_void_are_no_offer() -> None:
    text = ("Ihr Fachgespräch findet am Dienstag, 10. März 2026, 10:00 - 11:30 Uhr bei uns "
            "statt. Die übrigen Terminvorschläge unten sind damit hinfällig.")
    det = run(text, "WG: Kandidatin Lovelace - Data Engineer")
    assert det.kind is Kind.CONFIRMATION and "slot_offer" not in signals(det)


def test_a_hold_we_had_pencilled_in_is_the_one_replaced() -> None:
    text = ("Analyst interview, Thursday 5 March 2026, 3pm - 4pm. This replaces the Tuesday "
            "slot we'd pencilled in (I've deleted that hold).")
    assert run(text, "Globex - Analyst interview").kind is Kind.CONFIRMATION
    assert run("Pencilled in: Thursday 5 March 2026 at 3pm, to be confirmed.",
               "Globex - Analyst interview").kind is Kind.NONE


def test_the_slot_restated_for_me_is_not_a_second_choice() -> None:
    text = ("Let's lock in Wednesday the 4th at 8am my time (NZDT). By my maths that's 7pm "
            "Tuesday for you. I'll send a Meet link the day before.")
    kiwi = Address("aroha@mokihi.example.nz", "Aroha")
    det = run(text, "Re: Backend Engineer at Mokihi", sender=kiwi,
              date=datetime(2026, 10, 29, 7, 48, tzinfo=timezone(timedelta(hours=13))))
    assert det.start == datetime(2026, 11, 4, 8, tzinfo=timezone(timedelta(hours=13)))


def test_what_my_quoted_mail_quotes_in_turn_is_not_my_own_words() -> None:
    text = ("Great, let's do Tuesday 10 March then: 9am your time. Block out an hour.\n\n"
            "On Thu, Mar 5, 2026 at 2:10 PM Ada Lovelace <ada@example.com> wrote:\n"
            "> Tuesday or Wednesday morning both work for me.\n>\n"
            "> > Hi Ada, thanks for applying for the Analyst role. When would suit you?")
    assert run(text, "Re: Analyst - first chat").kind is Kind.CONFIRMATION


def test_a_friend_asking_after_my_search_books_no_interview() -> None:
    friend = Address("jess.w@gmail.com", "Jess")
    det = run("Yes!! Thursday at 10 at the café works. Can't wait to hear how the job hunt is "
              "going - nobody at my place is hiring, sadly.", "Re: coffee?", sender=friend)
    assert det.kind is Kind.NONE and "private_chat" in signals(det)


def test_a_link_to_a_booking_made_is_no_offer_of_slots() -> None:
    text = ("This is a reminder about your upcoming event. When: Wednesday, March 4, 2026 "
            "11:00 am - 12:00 pm. Need to reschedule or cancel? "
            "https://cal.com/booking/n8XcP2Rk4aWsQyT3")
    det = run(text, "Reminder: Technical Interview - Backend Engineer starts in 1 hour")
    assert det.kind is Kind.CONFIRMATION and "slot_offer" not in signals(det)


def test_an_acknowledgement_is_never_read_as_a_rejection() -> None:
    text = ("Vielen Dank für Ihre Bewerbung. Ihre Unterlagen sind vollständig bei uns "
            "eingegangen. Wir melden uns innerhalb von zwei Wochen.")
    assert run(text, "Eingangsbestätigung: Ihre Bewerbung als Analyst").kind is Kind.NONE


# -- round 18-20 held-out patterns, folded into development ------------------------------------


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Your 1:1 chat with Globex is booked for Saturday 13 June at 11:20 at stand 4. "
         "These are short informal conversations - they are not interviews.",
         "Booked: 1:1 slot"),
        ("Kul att du hörde av dig! Det här är ingen anställningsintervju, men jag berättar "
         "gärna om rollen. Vi ses fredag 11 september kl. 9.30.", "Fika? Intervju?"),
        ("Je bent geselecteerd voor een gebruikersinterview over onze app op woensdag 8 april "
         "om 10:00. Als bedankje krijg je een cadeaubon.", "Bevestiging: jouw interview"),
        ("Happy to meet on Thursday at 5:30pm. We're not hiring, so this would be an informal "
         "chat rather than any kind of interview.", "Re: Coffee?"),
        ("Tack för din registrering! Konferensen hålls 21 oktober kl. 08.00 i Göteborg. "
         "Nytt i år: korta intervjuer med arbetsgivare på plats.", "Din biljett: Datadagarna"),
        ("Wir haben deine Anmeldung für folgendes Event bestätigt: Donnerstag, 21. Mai, "
         "19:00 Uhr. Ein Interview mit unserer Speakerin gibt es auch.", "Du bist dabei!"),
        ("Te confirmo la grabación de la entrevista para el pódcast: jueves 14 de mayo a las "
         "18:00.", "Tu entrevista"),
    ],
)
def test_look_alikes_in_their_own_words(text: str, subject: str) -> None:
    det = run(text, subject)
    assert det.kind is Kind.NONE and "not_a_job_interview" in signals(det), det.reasons


def test_a_polish_verdict_not_to_the_next_stage() -> None:
    text = ("Dziękujemy za aplikację na stanowisko Analityk. Po analizie zgłoszeń tym razem nie "
            "zdecydowaliśmy się zaprosić Pani do kolejnego etapu rekrutacji.")
    assert run(text, "Dziękujemy za aplikację").kind is Kind.REJECTION


def test_a_journeys_times_and_holds_are_not_the_interviews() -> None:
    text = ("Here are the details of your onsite.\nDATE: Thursday, March 12, 2026\n"
            "TIME: 9:30 AM - 3:30 PM Pacific\n\nTRAVEL\nWe've pencilled in a flight departing "
            "LHR on Tuesday, March 10 at 11:40, arriving SFO at 14:35.")
    det = run(text, "Your onsite at Globex")
    assert det.kind is Kind.CONFIRMATION and det.start == datetime(
        2026, 3, 12, 9, 30, tzinfo=ZoneInfo("America/Los_Angeles"))


def test_an_employers_words_about_me_in_a_forward_do_not_make_me_the_interviewer() -> None:
    agency = Address("callum@pikesearch.example.co.uk", "Callum")
    text = ("Hi Ada, great news - see the note below: Thursday 12 March at 2pm at their "
            "office. Allow an hour.\n\n-----Original Message-----\n"
            "From: Fiona <fiona@globex.com>\nSent: Monday, March 2, 2026 8:00 AM\n"
            "Subject: RE: Ada Lovelace\n\nCallum, I liked her CV a lot. Thursday at 2 works.")
    det = run(text, "FW: Ada Lovelace - Data Scientist", sender=agency)
    assert det.kind is Kind.CONFIRMATION, det.reasons


def test_the_candidates_cv_in_the_forwarders_own_note_still_makes_me_the_interviewer() -> None:
    text = ("Ada, can you interview this one? Her CV is attached. Thursday 12 March at 2pm.\n\n"
            "---------- Forwarded message ---------\nFrom: Tom <tom@applicant.example>\n"
            "Subject: application\n\nPlease find my CV attached.")
    det = run(text, "Fwd: application")
    assert det.kind is Kind.NONE and "i_am_interviewer" in signals(det)


def test_a_confirmation_i_forwarded_to_myself_is_read() -> None:
    text = ("Keeping this one handy.\n\n---------- Forwarded message ---------\n"
            "From: Jane Doe <jane.doe@globex.com>\nDate: Mon, Mar 2, 2026 at 8:00 AM\n"
            "Subject: Tuesday\nTo: Ada Lovelace <ada@example.com>\n\nHi Ada, confirmed: we'll "
            "see you on Tuesday the tenth of March at 11 o'clock for your interview.")
    det = run(text, "Fwd: Tuesday", sender=ADA, to=(ADA,))
    assert det.kind is Kind.CONFIRMATION and det.start is not None
    assert det.start.date().isoformat() == "2026-03-10"
    # to anyone else, my forward stays mine
    other = run(text, "Fwd: Tuesday", sender=ADA, to=(JANE,))
    assert other.kind is Kind.NONE and "from_me" in signals(other)


def test_a_services_footer_does_not_make_it_the_employer() -> None:
    robot = Address("interviews@slotbird.example", "Mesquite Insurance")
    text = ("Reminder: your interview for Data Engineer is tomorrow.\nWhen\nTuesday, March 3, "
            "2026\n10:00 AM - 11:00 AM Eastern Time\n\nScheduling by Slotbird")
    det = run(text, "Reminder: your interview with Mesquite Insurance is tomorrow", sender=robot)
    assert det.kind is Kind.CONFIRMATION and det.company == "Mesquite Insurance"


@pytest.mark.parametrize(
    "text",
    [
        "Quick change: they've moved your conversation to Thursday, March 5 at 9:30 AM ET.",
        "Para no dejarte esperando, movimos tu entrevista al jueves 5 de marzo a las 11:00.",
        "They've asked to push your interview this morning from 9:30 to Thursday March 5 at "
        "11:30.",
        "Could we push to Thursday 3/5 at 10:30am ET instead? I've already moved the Teams "
        "invite over to Thursday.",
    ],
)
def test_moves_in_other_words(text: str) -> None:
    det = run(text, "Re: Analyst - Globex")
    assert det.kind is Kind.RESCHEDULE, det.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Great news - the team want to move you straight to a conversation with the VP. "
        "Confirmed: Wednesday, March 4, 8:00 AM ET.",
        "This is a reminder of your interview on Wednesday, March 4 at 8:00 AM ET. Can't make "
        "it? Request a new time.",
    ],
)
def test_moving_words_that_move_nothing(text: str) -> None:
    assert run(text, "Globex - interview").kind is Kind.CONFIRMATION


def test_an_updated_link_with_the_time_kept_is_no_move() -> None:
    text = ("This event has been updated\nChanged: video call\n\nI swapped the link because the "
            "old one was broken. Same day, same time.\n\nGlobex interview\nWednesday Mar 4, "
            "2026 10am - 11am Eastern Time")
    det = run(text, "Updated invitation: Globex interview @ Wed Mar 4, 2026 10am")
    assert det.kind is Kind.CONFIRMATION, det.reasons


def test_called_off_with_a_new_date_still_to_come_is_a_cancellation() -> None:
    text = ("The interviews scheduled for Wednesday 4 March are no longer able to go ahead, and "
            "your interview at 14:15 on that day has therefore been cancelled. We will contact "
            "you in due course regarding a revised date.")
    assert run(text, "Analyst (Ref 1234) - interview on 4 March").kind is Kind.CANCELLATION


def test_swedish_see_you_in_a_reply() -> None:
    text = ("Toppen, då ses vi på torsdag kl. 14.00 på kontoret!\n\nDen mån 2 mars 2026 skrev "
            "Ada Lovelace <ada@example.com>:\n> Torsdag passar bra för mig.\n> Hälsningar\n"
            "> > Hej Ada, tack för din ansökan till tjänsten som utvecklare. Kan du komma på "
            "intervju?")
    assert run(text, "Re: Utvecklare - nästa steg").kind is Kind.CONFIRMATION


def test_a_signatures_working_days_are_no_second_time() -> None:
    text = ("Your onsite is confirmed: Thursday, March 12, 2026 at 9:30 AM Pacific.\n\n"
            "Maddie\nRecruiting Coordinator\nI work 8am-4:30pm PT, Monday to Thursday")
    det = run(text, "Your onsite at Globex")
    assert det.kind is Kind.CONFIRMATION and "several_times" not in signals(det)


# -- round 21 (development half) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject", "sender"),
    [
        ("Random one - I've got my Harbourline Maps onsite on Friday at 10. Any idea what "
         "their system design round is like?", "onsite advice?",
         Address("tomek.b@proton.me", "Tomek")),
        ("Of course. Let's do a mock system design round on Monday at 7pm - I'll play a "
         "grumpy engineering manager.", "Re: prep for the Globex interview",
         Address("ruth@fastmail.com", "Ruth")),
        ("Thanks for agreeing to join us as an external panelist. Your interview slot is "
         "confirmed: Thursday 12 March at 3:30pm, with Rohan (Backend Engineer).",
         "Interview confirmed: Thu 12 Mar, 3:30pm", JANE),
        ("Your appointment is confirmed. Service: biometric enrolment - work visa for your new "
         "role. Date: Thursday, 12 March 2026. Time: 09:15.", "Appointment confirmation",
         Address("no-reply@visapoint.example", "VisaPoint")),
        ("Following your interview, Globex has asked us to verify your documents. Your "
         "verification call is confirmed for Thursday 12 March at 10:00.",
         "Background Verification Initiated - Globex - Senior Analyst",
         Address("bgv@verify.example.in", "Verify")),
    ],
)
def test_round_21_look_alikes(text: str, subject: str, sender: Address) -> None:
    assert run(text, subject, sender=sender).kind is Kind.NONE


def test_an_italian_verdict_with_a_long_aside() -> None:
    text = ("Dopo un'attenta valutazione, abbiamo deciso di proseguire l'iter di selezione per "
            "la posizione di Analista con altri profili, più vicini alle esigenze del gruppo.")
    assert run(text, "Aggiornamento sulla sua candidatura").kind is Kind.REJECTION


def test_a_bare_hour_with_a_zone_is_a_time() -> None:
    det = run("Yes!! Still on - 11 ET tomorrow for your interview with Dev, our analytics lead.",
              "Re: Globex - Senior Product Analyst")
    assert det.kind is Kind.CONFIRMATION
    assert det.start == datetime(2026, 3, 3, 11, tzinfo=ZoneInfo("America/New_York"))


@pytest.mark.parametrize(("text", "hour"), [("Sorted! Globex have confirmed Weds 9:30 with "
                                             "Gareth at their office.", 9),
                                            ("Thu 4pm works. I'll send a zoom link tonight.", 16)])
def test_a_short_weekday_before_a_clock(text: str, hour: int) -> None:
    det = run(text, "Re: Analyst - Globex")
    assert det.kind is Kind.CONFIRMATION and det.start is not None
    assert (det.start.weekday(), det.start.hour) in ((2, hour), (3, hour))


def test_a_german_move_in_the_infinitive() -> None:
    text = ("Aufgrund einer Terminüberschneidung müssen wir Ihr Vorstellungsgespräch am Dienstag "
            "leider verlegen. Das Gespräch findet nun am Mittwoch, 11. März 2026, um 15:00 Uhr "
            "statt.")
    assert run(text, "Ihr Vorstellungsgespräch - neuer Termin").kind is Kind.RESCHEDULE


def test_the_later_of_the_times_i_offered() -> None:
    text = ("Let's do the later one - see you Tuesday!\n\nOn Mon, 2 Mar 2026 at 08:02, Ada "
            "Lovelace <ada@example.com> wrote:\n> Next Tuesday I could do either 2pm or 4:30pm "
            "- happy to go with whichever suits you.\n")
    det = run(text, "Re: Analyst - quick chat?")
    assert det.start is not None and (det.start.hour, det.start.minute) == (16, 30)


def test_a_time_labelled_by_a_zone_before_it() -> None:
    text = ("We must change the schedule of your 2nd interview.\n[After] March 10 (Tue) "
            "17:00-18:00 JST (UK time: 8:00-9:00)")
    det = run(text, "Change of 2nd interview schedule")
    assert det.kind is Kind.RESCHEDULE
    assert det.start == datetime(2026, 3, 10, 17, tzinfo=ZoneInfo("Asia/Tokyo"))


def test_a_pasted_chat_in_a_forward_speaks_of_me() -> None:
    text = ("Tom's just messaged me about your interview, pasted below: Tuesday 10 March, 8pm "
            "NZ time.\n\n-------- WhatsApp chat: Tom --------\n[2/03/26, 9:41 AM] Tom: can u "
            "let Ada know we're on for Tues 10th 8pm. I'll call her on the number on her CV.")
    det = run(text, "Fwd: Tom re your interview")
    assert det.kind is Kind.CONFIRMATION, det.reasons


def test_reception_hours_are_no_second_time() -> None:
    text = ("Let's get you in: Monday the 9th at 3 o'clock at our office.\n\nRob\n"
            "Reception hours: Mon-Thu 8:30-17:00, Fri 8:30-15:00")
    det = run(text, "Re: Firmware Engineer interview")
    assert det.start is not None and (det.start.day, det.start.hour) == (9, 15)


def test_called_off_until_a_new_date_is_coordinated() -> None:
    text = ("Le escribo para informarle que debemos cancelar la entrevista del jueves 5 de marzo "
            "a las 10:00. Cuando el gerente regrese, nos pondremos en contacto para coordinar "
            "una nueva fecha.")
    assert run(text, "RE: Entrevista - Analista").kind is Kind.CANCELLATION


@pytest.mark.parametrize("text", [
    "Le confirmamos que recibimos su solicitud para el puesto de Analista. Si su perfil avanza, "
    "le contactaremos para coordinar una entrevista.",
    "Ti confermiamo che abbiamo ricevuto la tua candidatura per la posizione di Analista. Se "
    "il tuo profilo sarà selezionato, ti contatteremo per un colloquio.",
    "Recebemos a sua candidatura para a vaga de Analista. Confirmamos que entraremos em contato "
    "caso avance para a entrevista.",
])
def test_an_acknowledged_application_is_no_interview(text: str) -> None:
    assert run(text, "Candidatura - Analista").kind is Kind.NONE


def test_a_new_slot_in_french_is_a_move() -> None:
    text = ("Petit changement : Marc n'est plus disponible mercredi. Je nous ai trouvé une "
            "nouvelle plage, le jeudi 5 mars de 14 h à 15 h. Même lien Teams.")
    det = run(text, "Re: Entretien - Analyste")
    assert det.kind is Kind.RESCHEDULE
    assert det.start is not None and (det.start.day, det.start.hour) == (5, 14)


def test_a_when_row_holding_only_a_time_takes_the_day_above() -> None:
    text = ("A reminder that your interview with Globex is the day after tomorrow.\n\n"
            "When: 11:30 EST (GMT-5), 45 minutes\nWhere: Zoom")
    det = run(text, "Reminder: your interview")
    assert det.kind is Kind.CONFIRMATION
    assert det.start == datetime(2026, 3, 4, 11, 30, tzinfo=ZoneInfo("America/New_York"))
    assert det.end == det.start + timedelta(minutes=45)


@pytest.mark.parametrize("text", [
    "Infelizmente temos de cancelar a entrevista de quinta-feira, 5 de março, às 11h00. Assim "
    "que a Joana regressar, volto a contactá-la para marcarmos nova data.",
    "Sadly we have to cancel Thursday's interview at 11:00: Tom is unwell. I'll come back to "
    "you with a new time once he's back.",
    "Por motivos internos, não nos será possível realizar a entrevista agendada para quinta-"
    "feira. Voltaremos a contactá-la quando tivermos uma nova data.",
])
def test_called_off_with_a_new_time_only_promised(text: str) -> None:
    assert run(text, "Entrevista / Interview").kind is Kind.CANCELLATION


def test_a_move_asked_as_a_question_after_the_invite_was_moved() -> None:
    text = ("Sorry for the short notice - something came up tomorrow morning. Could we shift it "
            "to the same time on Thursday (10am)? I've moved the calendar invite over already, so "
            "you should see it change.")
    det = run(text, "Re: Data Analyst - deep-dive")
    assert det.kind is Kind.RESCHEDULE
    assert det.start is not None and (det.start.day, det.start.hour) == (5, 10)


def test_a_portuguese_acknowledgement_of_my_application() -> None:
    text = ("Obrigado pela sua candidatura. Confirmamos a receção do seu currículo; caso seja "
            "selecionada, entraremos em contacto para agendar uma entrevista.")
    assert run(text, "Candidatura recebida - Analista").kind is Kind.NONE


def test_a_meetup_in_my_calendar_is_no_interview() -> None:
    text = ("Data Meetup #7 - hiring stories\nThursday 5 Mar 2026 18:30 - 21:00 (GMT)\n\n18:30 "
            "Doors open\n19:00 How we interview engineers - talk\n\nInvitation from Google "
            "Calendar")
    det = run(text, "Invitation: Data Meetup #7 - hiring stories @ Thu 5 Mar 2026 18:30",
              sender=Address("organizers@datameetup.example", "Data Meetup"))
    assert det.kind is Kind.NONE


def test_a_malaysian_legal_form_ends_the_name_in_a_signature() -> None:
    det = run("Your interview is confirmed for Tuesday, March 3 at 2:00 PM ET.\n\nFarah Aziz\n"
              "People Team, Kinabalu Pay Sdn. Bhd.", "Interview confirmation",
              sender=Address("farah@kinabalupay.my", "Farah Aziz"))
    assert det.company == "Kinabalu Pay"


@pytest.mark.parametrize("text", [
    # "el caso" is the case I presented, not a condition ("caso seja selecionada")
    "Aunque les gustó mucho el caso que presentaste, han decidido no continuar con tu "
    "candidatura para esta posición.",
    "Après réflexion, nous avons décidé de poursuivre le processus avec une autre personne.",
])
def test_a_verdict_in_a_sentence_that_only_looks_conditional(text: str) -> None:
    assert run(text, "Novedades / Suivi de votre candidature").kind is Kind.REJECTION


def test_a_vacancy_withdrawn_before_the_interview_calls_it_off() -> None:
    text = ("Following a budget review the decision has been taken to withdraw this vacancy. "
            "Unfortunately this means your interview arranged for Thursday 5 March 2026 at "
            "2.00pm will not now take place.")
    assert run(text, "Policy Officer - update on your interview").kind is Kind.CANCELLATION


@pytest.mark.parametrize("words", [
    "It's a 45-minute conversation with me and Marcus Lee from the platform team.",
    "Marcus and me, about an hour: your background first, then a design problem.",
    "I'll be running it; Marcus may drop in for the last ten minutes.",
])
def test_the_writer_who_takes_part_is_met_first(words: str) -> None:
    marcus = Address("marcus.lee@globex.com", "Marcus Lee")
    det = run(f"Hi Ada, your interview is confirmed for Tuesday, March 3 at 2:00 PM ET. {words}",
              cc=(marcus,))
    assert [a.email for a in det.interviewers][:2] == [JANE.email, marcus.email]


def test_a_coordinator_who_takes_no_part_is_not_met_first() -> None:
    marcus = Address("marcus.lee@globex.com", "Marcus Lee")
    det = run("Hi Ada, your interview is confirmed for Tuesday, March 3 at 2:00 PM ET. Marcus "
              "will run it; let me know if you need anything.", cc=(marcus,))
    assert [a.email for a in det.interviewers] == [marcus.email]


@pytest.mark.parametrize(("row", "email"), [
    ("With: Gwen Takahara (gwen@globex.com)", "gwen@globex.com"),
    ("Panel : Srinivas Venkataraman (srinivas.v@globex.com)", "srinivas.v@globex.com"),
    ("Intervjuare: Johan Ekdahl, Tech Lead, johan.ekdahl@globex.com", "johan.ekdahl@globex.com"),
    ("Entrevistadora: Lucía Benavente Ortiz, Tech Lead (lucia.benavente@globex.com)",
     "lucia.benavente@globex.com"),
    # initials then the family name; the family name first
    ("Interviewer: Wei Ling Tan - wl.tan@globex.com", "wl.tan@globex.com"),
    ("Interviewer: Mr. Lim Wei Jie, Head of Data (weijie.lim@globex.com)", "weijie.lim@globex.com"),
    ("Te entrevista: Ing. Rodrigo Salcedo, Gerente de Ingeniería (rsalcedo@globex.com)",
     "rsalcedo@globex.com"),
])
def test_a_forms_interviewer_row(row: str, email: str) -> None:
    robot = Address("talent@globex.com", "Globex Talent")
    det = run(f"Your interview is confirmed.\nDate: Tuesday, March 3, 2026\nTime: 2:00 PM ET\n"
              f"{row}\nLink: to follow", "Interview confirmation", sender=robot)
    assert det.interviewers and det.interviewers[0].email == email


def test_a_forms_row_ends_with_its_line() -> None:
    robot = Address("talent@globex.com", "Globex Talent")
    det = run("Your interview is confirmed for Tuesday, March 3, 2026 at 2:00 PM ET.\n"
              "With: Linnea Sjöberg\nJoin Zoom Meeting", "Interview confirmation", sender=robot)
    unnamed = [r.detail for r in det.reasons if r.signal == "interviewer_without_address"]
    assert unnamed == ["Linnea Sjöberg"]


def test_a_chairmans_meeting_in_an_executive_appointment() -> None:
    text = ("When: 10 March 2026 16:00-17:00\n\nDear Ada,\n\nSir Edmund would be delighted to meet "
            "you on Tuesday 10 March at 4pm as part of the process for the appointment of Chief "
            "Financial Officer.\n\nKind regards,\nExecutive Assistant to the Chairman")
    det = run(text, "Ada Lovelace / Sir Edmund Vale - introductory meeting")
    assert det.kind is Kind.CONFIRMATION
    called_off = run("I am so sorry: Sir Edmund has had to convene a board meeting and is no "
                     "longer able to see you tomorrow afternoon.",
                     "Canceled: Ada Lovelace / Sir Edmund Vale - introductory meeting")
    assert called_off.kind is Kind.CANCELLATION


def test_a_headhunter_moves_my_session_with_the_ceo() -> None:
    sender = Address("julian@stratherpartners.example", "Julian Strather")
    text = ("Harriet has been pulled into a lender meeting, so she has asked to move your session "
            "with her from Wed 4th at 2pm to this Friday, 6 March, at 8.30am.")
    det = run(text, "Harriet now Friday", sender=sender)
    assert det.kind is Kind.RESCHEDULE
    assert det.start is not None and (det.start.day, det.start.hour) == (6, 8)


def test_tentative_holds_are_no_confirmation() -> None:
    text = ("Patrick's calendar is busy, so I've put two tentative holds on your calendar for the "
            "VP Engineering role:\n- Thu 3/5, 2:00-3:30pm PT\n- Fri 3/6, 8:00-9:30am PT\nPlease "
            "don't treat either as confirmed yet.")
    assert run(text, "Holds for a conversation with Patrick").kind is Kind.NONE


def test_a_speaking_invitation_is_no_interview() -> None:
    text = ("Would you be willing to give a seminar on your record-linkage work? Our next free "
            "slot is Thursday 12 March at 4pm; talks run for about 50 minutes. Happy to discuss "
            "the role of linkage in official statistics.")
    assert run(text, "Invitation to speak - Statistics seminar").kind is Kind.NONE


def test_hiring_paused_calls_the_interview_off() -> None:
    text = ("I'm sorry, but I have to call off the interview you and I had arranged for next "
            "week. A partner has brought forward her retirement and the practice has decided to "
            "pause all new hiring. I'll be in touch if things change.")
    assert run(text, "Re: Practice Data Coordinator role").kind is Kind.CANCELLATION


@pytest.mark.parametrize(("text", "names"), [
    ("Panel: Engr. Chukwuemeka Obi (Engineering Lead) and Mrs. Funmilayo Bakare",
     "Chukwuemeka Obi, Funmilayo Bakare"),
    ("Incontrerà l'ing. Marco Bellandi, responsabile dello sviluppo.", "Marco Bellandi"),
])
def test_a_title_before_an_interviewers_name_is_read_and_dropped(text: str, names: str) -> None:
    det = run(f"Your interview is confirmed for Tuesday, March 3 at 2:00 PM ET.\n{text}",
              "Interview confirmation", sender=Address("talent@globex.com", "Globex Talent"))
    unnamed = [r.detail for r in det.reasons if r.signal == "interviewer_without_address"]
    assert unnamed == [names]
