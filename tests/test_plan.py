"""The planner: when drafts are due, skipped, missed, held for working hours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from outbox import plan
from outbox.model import Address, Interview, InterviewStatus, Milestone, MilestoneState
from outbox.settings import DEFAULT_MILESTONES, WorkingHours

LONDON = ZoneInfo("Europe/London")
RULES = plan.Rules(milestones=DEFAULT_MILESTONES, working_hours=WorkingHours(), zone=LONDON)
# Tuesday 10 March 2026, 14:00-15:00 London.
START = datetime(2026, 3, 10, 14, 0, tzinfo=LONDON)


def interview(status: InterviewStatus = InterviewStatus.SCHEDULED, start: datetime = START,
              length: timedelta = timedelta(hours=1)) -> Interview:
    return Interview(
        id="iv1", account="home", thread_id="t", status=status, start=start,
        end=start + length, tz="Europe/London", company="Acme", role="Engineer",
        subject="Interview", reply_message_id="<c@acme.com>", references=(), thread_hint=None,
        contacts=(Address("grace@acme.com", "Grace"),), interviewers=(), confidence=0.9,
    )


def rows(iv: Interview, state: MilestoneState = MilestoneState.PENDING) -> list[Milestone]:
    return [
        Milestone(iv.id, cfg.name, "grace@acme.com", state, f"k.{cfg.name}")
        for cfg in DEFAULT_MILESTONES
    ]


def creates(actions: list[plan.Action]) -> list[str]:
    return [a.milestone for a in actions if isinstance(a, plan.CreateDraft)]


def run(iv: Interview, now: datetime, *, first_sync: bool = False,
        wrote: datetime | None = None, ms: list[Milestone] | None = None) -> list[plan.Action]:
    case = plan.Case(iv, ms if ms is not None else rows(iv), i_wrote_after=wrote)
    return plan.plan([case], RULES, now, first_sync=first_sync)


def test_nothing_before_the_interview_ends() -> None:
    assert run(interview(), START - timedelta(days=1)) == []
    assert run(interview(), START + timedelta(minutes=30)) == []


def test_thank_you_two_hours_after_the_end() -> None:
    iv = interview()
    assert creates(run(iv, iv.end + timedelta(hours=1, minutes=59))) == []
    assert creates(run(iv, iv.end + timedelta(hours=2))) == ["thank_you"]


def test_follow_up_and_status_check_after_a_week_and_two() -> None:
    iv = interview()
    drafted = rows(iv)
    drafted[0].state = MilestoneState.SENT
    assert creates(run(iv, iv.end + timedelta(days=7), ms=drafted)) == ["follow_up"]
    drafted[1].state, drafted[1].updated_at = MilestoneState.DRAFTED, iv.end + timedelta(days=7)
    assert creates(run(iv, iv.end + timedelta(days=14), ms=drafted)) == ["status_check"]


def test_after_a_long_gap_follow_ups_are_spaced_not_bunched() -> None:
    # The laptop slept through both the follow-up and the status check.
    iv = interview()
    ms = rows(iv)
    ms[0].state = MilestoneState.SENT
    wake = iv.end + timedelta(days=15)
    assert creates(run(iv, wake, ms=ms)) == ["follow_up"]
    ms[1].state, ms[1].updated_at = MilestoneState.DRAFTED, wake
    assert creates(run(iv, wake + timedelta(days=1), ms=ms)) == []
    # Wed 25 March + 3 days is a Saturday: the next working day, Monday.
    assert creates(run(iv, wake + plan.MIN_SPACING, ms=ms)) == []
    assert creates(run(iv, wake + timedelta(days=5), ms=ms)) == ["status_check"]


def test_past_the_deadline_is_skipped_not_drafted_late() -> None:
    iv = interview()
    actions = run(iv, iv.end + timedelta(hours=25))
    skipped = [a for a in actions if isinstance(a, plan.Skip)]
    assert [(a.milestone, a.state) for a in skipped] == [("thank_you", MilestoneState.SKIPPED)]
    assert "thank_you" not in creates(actions)


def test_a_weekend_follow_up_waits_for_monday_morning() -> None:
    # Saturday 7 March 10:00-11:00 (an odd day, but it happens): follow-up due
    # Saturday 14 March 11:00, no deadline -> drafted Monday 16 March 08:00.
    iv = interview(start=datetime(2026, 3, 7, 10, 0, tzinfo=LONDON))
    ms = rows(iv)
    ms[0].state = MilestoneState.SENT
    assert creates(run(iv, datetime(2026, 3, 14, 12, 0, tzinfo=LONDON), ms=ms)) == []
    assert creates(run(iv, datetime(2026, 3, 16, 7, 59, tzinfo=LONDON), ms=ms)) == []
    assert creates(run(iv, datetime(2026, 3, 16, 8, 0, tzinfo=LONDON), ms=ms)) == ["follow_up"]
    assert plan.ready_at(datetime(2026, 3, 14, 11, 0, tzinfo=LONDON), None,
                         RULES.working_hours, LONDON) == datetime(2026, 3, 16, 8, 0, tzinfo=LONDON)


def test_working_hours_only_delay_never_lose_the_thank_you() -> None:
    # Friday 17:00-18:00; due Fri 20:00, deadline Sat 18:00, next opening Monday.
    iv = interview(start=datetime(2026, 3, 13, 17, 0, tzinfo=LONDON))
    assert creates(run(iv, datetime(2026, 3, 13, 20, 0, tzinfo=LONDON))) == ["thank_you"]


def test_a_weekday_evening_waits_for_the_morning() -> None:
    # Tuesday 17:00-18:00: due 20:00, deadline Wed 18:00; opening Wed 08:00 is before it.
    iv = interview(start=datetime(2026, 3, 10, 17, 0, tzinfo=LONDON))
    assert creates(run(iv, datetime(2026, 3, 10, 20, 0, tzinfo=LONDON))) == []
    assert creates(run(iv, datetime(2026, 3, 11, 8, 0, tzinfo=LONDON))) == ["thank_you"]


def test_first_sync_marks_long_overdue_as_missed() -> None:
    iv = interview()
    actions = run(iv, iv.end + timedelta(days=10), first_sync=True)
    missed = {a.milestone for a in actions
              if isinstance(a, plan.Skip) and a.state is MilestoneState.MISSED}
    assert missed == {"follow_up"}
    # Not on the first sync: a laptop that slept catches up instead.
    later = run(iv, iv.end + timedelta(days=10))
    assert "follow_up" in creates(later)


def test_stopped_interviews_cancel_pending_and_retract_drafts() -> None:
    iv = interview(InterviewStatus.REPLIED)
    ms = rows(iv)
    ms[0].state = MilestoneState.DRAFTED
    actions = run(iv, iv.end + timedelta(days=8), ms=ms)
    assert [type(a).__name__ for a in actions] == ["RetractDraft", "Cancel", "Cancel"]


def test_closing_by_hand_leaves_drafts_alone() -> None:
    iv = interview(InterviewStatus.CLOSED)
    ms = rows(iv)
    ms[0].state = MilestoneState.DRAFTED
    actions = run(iv, iv.end + timedelta(days=1), ms=ms)
    assert not any(isinstance(a, plan.RetractDraft) for a in actions)


def test_unsure_and_paused_get_nothing() -> None:
    for status in (InterviewStatus.UNSURE, InterviewStatus.PAUSED):
        assert run(interview(status), START + timedelta(days=20)) == []


def test_my_own_mail_after_the_interview_skips_the_thank_you_only() -> None:
    iv = interview()
    wrote = iv.end + timedelta(minutes=30)
    actions = run(iv, iv.end + timedelta(hours=3), wrote=wrote)
    assert [a.milestone for a in actions if isinstance(a, plan.Skip)] == ["thank_you"]
    assert creates(run(iv, iv.end + timedelta(days=7), wrote=wrote))[:1] == ["follow_up"]


def test_reschedule_moves_due_times() -> None:
    iv = interview()
    moved = interview(start=START + timedelta(days=2))
    cfg = DEFAULT_MILESTONES[0]
    assert plan.due_times(moved, cfg)[0] - plan.due_times(iv, cfg)[0] == timedelta(days=2)
    assert creates(run(moved, iv.end + timedelta(hours=3))) == []


# -- properties -------------------------------------------------------------------------

instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(UTC)
)
statuses = st.sampled_from([s for s in InterviewStatus if s is not InterviewStatus.DONE])


@settings(max_examples=300, deadline=None)
@given(start=instants, offset=st.integers(-3 * 24 * 60, 30 * 24 * 60), status=statuses,
       first=st.booleans())
def test_never_a_draft_before_the_end_or_for_a_stopped_interview(
    start: datetime, offset: int, status: InterviewStatus, first: bool
) -> None:
    iv = interview(status, start=start)
    now = iv.end + timedelta(minutes=offset)
    actions = run(iv, now, first_sync=first)
    made = [a for a in actions if isinstance(a, plan.CreateDraft)]
    if made:
        assert status is InterviewStatus.SCHEDULED
        assert now >= iv.end + timedelta(hours=2)
    for a in made:
        cfg = next(c for c in DEFAULT_MILESTONES if c.name == a.milestone)
        due, deadline = plan.due_times(iv, cfg)
        assert now >= due and (deadline is None or now <= deadline)
        # Inside working hours, or waiting would have passed the deadline.
        assert plan.in_working_hours(now, RULES.working_hours, LONDON) or (
            deadline is not None
            and plan.next_opening(now, RULES.working_hours, LONDON) > deadline
        )
    keys = [(a.milestone, a.recipient) for a in actions]
    assert len(keys) == len(set(keys)), "one action per milestone and recipient"


@settings(max_examples=100, deadline=None)
@given(start=instants, step_minutes=st.integers(15, 12 * 60),
       reply_after=st.one_of(st.none(), st.integers(0, 20 * 24 * 60)))
def test_simulated_weeks_draft_each_milestone_at_most_once_and_none_after_a_reply(
    start: datetime, step_minutes: int, reply_after: int | None
) -> None:
    iv = interview(start=start)
    ms = rows(iv)
    drafted_at: dict[str, datetime] = {}
    now = start
    reply_at = iv.end + timedelta(minutes=reply_after) if reply_after is not None else None
    while now < iv.end + timedelta(days=21):
        if reply_at and now >= reply_at:
            iv.status = InterviewStatus.REPLIED
        for a in run(iv, now, ms=ms):
            m = next(x for x in ms if x.name == a.milestone)
            if isinstance(a, plan.CreateDraft):
                assert m.name not in drafted_at
                assert reply_at is None or now < reply_at
                assert all(now - t >= plan.MIN_SPACING for t in drafted_at.values()), \
                    "two different follow-ups drafted too close together"
                drafted_at[m.name] = now
                m.state, m.updated_at = MilestoneState.DRAFTED, now
            elif isinstance(a, plan.Skip):
                m.state = a.state
            elif isinstance(a, plan.Cancel | plan.RetractDraft):
                m.state = MilestoneState.CANCELLED
        now += timedelta(minutes=step_minutes)
    if reply_at is None and step_minutes <= 60:
        # With a cycle at least hourly and no reply, every milestone is drafted
        # (the thank-you may be skipped only when a whole deadline fell between cycles).
        assert {"follow_up", "status_check"} <= set(drafted_at)
