"""The contract every provider passes: one interview's whole life, through the
real engine, a real store and the provider's real mailbox (a Maildir on disk,
a Dovecot on loopback)."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from outbox.model import InterviewStatus, MilestoneState

from .conftest import EML, World

CONFIRM_ID = "<gh.interview.4815162342.20260302150411@greenhouse.io>"
SUBJECT = "Interview Confirmation: Senior Data Engineer at Acme"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_whole_lifecycle(world: World) -> None:
    box = world.box
    box.deliver(EML("confirm_calendar.eml"))

    world.cycle("2026-03-09T12:00:00+00:00")
    iv = world.only_interview()
    assert (iv.company, iv.status) == ("Acme", InterviewStatus.SCHEDULED)
    assert iv.start == at("2026-03-10T18:00:00+00:00")
    assert box.messages("drafts") == []

    # Ended at 19:00 UTC; the thank-you is due at 21:00, outside working hours.
    world.cycle("2026-03-10T21:30:00+00:00")
    assert box.messages("drafts") == []

    for _ in range(10):  # ten cycles at the same instant: one draft
        world.cycle("2026-03-11T09:00:00+00:00")
    drafts = box.messages("drafts")
    assert len(drafts) == 1
    thank_you = drafts[0]
    assert thank_you["In-Reply-To"] == CONFIRM_ID
    assert CONFIRM_ID in thank_you["References"].split()
    assert thank_you["Subject"] == f"Re: {SUBJECT}"
    assert [a.addr_spec for a in thank_you["To"].addresses] == ["grace@acme.com"]
    assert thank_you["From"].addresses[0].addr_spec == "ada@example.com"
    assert thank_you["X-Outbox-Key"] in thank_you["Message-ID"]
    assert box.draft_flags() == [True]
    assert "Acme" in thank_you.get_content()

    world.cycle("2026-03-18T09:00:00+00:00")  # a week after: the follow-up
    keys = sorted(d["X-Outbox-Key"] for d in box.messages("drafts"))
    assert len(keys) == 2 and any(".follow_up." in k for k in keys)

    box.deliver(EML("employer_reply.eml"))  # Grace answers at 14:41 UTC
    world.cycle("2026-03-18T15:00:00+00:00")
    assert world.only_interview().status is InterviewStatus.REPLIED
    assert box.messages("drafts") == [], "unsent, unedited stale drafts are removed"
    assert sorted(m["X-Outbox-Key"] for m in box.messages("trash")) == keys

    world.cycle("2026-03-25T12:00:00+00:00")  # status check would be due: nothing
    world.cycle("2026-04-10T12:00:00+00:00")
    assert box.messages("drafts") == []
    states = {m.name: m.state for m in world.milestones()}
    assert states == {"thank_you": MilestoneState.CANCELLED,
                      "follow_up": MilestoneState.CANCELLED,
                      "status_check": MilestoneState.CANCELLED}


def test_a_sent_draft_is_recorded_and_the_next_milestone_still_comes(world: World) -> None:
    world.box.deliver(EML("confirm_calendar.eml"))
    world.cycle("2026-03-11T09:00:00+00:00")
    key = world.box.messages("drafts")[0]["X-Outbox-Key"]
    world.box.send_draft(key)
    world.cycle("2026-03-12T09:00:00+00:00")
    assert world.state("thank_you") is MilestoneState.SENT
    world.cycle("2026-03-18T09:00:00+00:00")
    assert world.state("follow_up") is MilestoneState.DRAFTED
    assert len(world.box.messages("drafts")) == 1


def test_a_deleted_draft_is_never_recreated(world: World) -> None:
    world.box.deliver(EML("confirm_calendar.eml"))
    world.cycle("2026-03-11T09:00:00+00:00")
    world.box.delete_draft(world.box.messages("drafts")[0]["X-Outbox-Key"])
    for day in ("2026-03-11T10:00:00+00:00", "2026-03-11T12:00:00+00:00"):
        world.cycle(day)
    assert world.state("thank_you") is MilestoneState.DISMISSED
    assert world.box.messages("drafts") == []


def test_an_edited_draft_is_left_alone_when_the_employer_replies(world: World) -> None:
    world.box.deliver(EML("confirm_calendar.eml"))
    world.cycle("2026-03-11T09:00:00+00:00")
    key = world.box.messages("drafts")[0]["X-Outbox-Key"]
    world.box.edit_draft(key, "Dear Grace, my own words.\n")
    world.box.deliver(EML("employer_reply.eml"))
    world.cycle("2026-03-18T15:00:00+00:00")
    drafts = world.box.messages("drafts")
    assert [d["X-Outbox-Key"] for d in drafts] == [key]
    assert "my own words" in drafts[0].get_content()


def test_a_lost_state_dir_never_means_writing_twice(world: World, tmp_path: Path) -> None:
    world.box.deliver(EML("confirm_calendar.eml"))
    world.cycle("2026-03-11T09:00:00+00:00")
    assert len(world.box.messages("drafts")) == 1
    world.close()
    shutil.rmtree(world.state_dir)
    world.reopen()
    world.cycle("2026-03-11T10:00:00+00:00")
    assert len(world.box.messages("drafts")) == 1
    assert world.state("thank_you") is MilestoneState.DRAFTED


def test_an_out_of_office_is_not_a_reply(world: World) -> None:
    world.box.deliver(EML("confirm_calendar.eml"))
    world.cycle("2026-03-11T09:00:00+00:00")
    world.box.deliver(EML("auto_reply.eml"))
    world.cycle("2026-03-11T22:00:00+00:00")
    assert world.only_interview().status is InterviewStatus.SCHEDULED
    assert len(world.box.messages("drafts")) == 1


def test_reschedule_moves_and_cancellation_stops(world: World) -> None:
    world.box.deliver(EML("confirm_calendar.eml"))
    world.cycle("2026-03-04T09:00:00+00:00")
    world.box.deliver(EML("reschedule_calendar.eml"))
    world.cycle("2026-03-05T15:00:00+00:00")
    iv = world.only_interview()
    assert iv.start == at("2026-03-11T19:00:00+00:00")  # 15:00 New York (EDT)
    world.box.deliver(EML("cancel_calendar.eml"))
    world.cycle("2026-03-09T16:00:00+00:00")
    assert world.only_interview().status is InterviewStatus.CANCELLED
    world.cycle("2026-03-19T09:00:00+00:00")
    assert world.box.messages("drafts") == []


def test_first_sync_after_a_long_gap_marks_old_milestones_missed(world: World) -> None:
    world.box.deliver(EML("confirm_calendar.eml"))
    world.cycle("2026-03-25T12:00:00+00:00")  # outbox first looks two weeks later
    states = {m.name: m.state for m in world.milestones()}
    assert states["thank_you"] is MilestoneState.SKIPPED  # its 24 h deadline passed
    assert states["follow_up"] is MilestoneState.MISSED  # 7 days overdue
    assert states["status_check"] is MilestoneState.DRAFTED  # due yesterday evening
    assert len(world.box.messages("drafts")) == 1


def test_look_alikes_and_scheduling_requests_are_ignored(world: World) -> None:
    for name in ("lookalike_newsletter.eml", "scheduling_request.eml", "job_alert.eml"):
        world.box.deliver(EML(name))
    world.cycle("2026-03-20T12:00:00+00:00")
    assert world.store.interviews() == []
    assert world.box.messages("drafts") == []


@pytest.mark.parametrize("name", ["rejection.eml"])
def test_a_rejection_closes_the_interview(world: World, name: str) -> None:
    world.box.deliver(EML("confirm_calendar.eml"))
    world.cycle("2026-03-11T09:00:00+00:00")
    world.box.deliver(EML(name))
    world.cycle("2026-03-20T16:00:00+00:00")
    assert world.only_interview().status is InterviewStatus.REJECTED
    assert world.box.messages("drafts") == []
