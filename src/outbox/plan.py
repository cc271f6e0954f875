"""Pure planning: from the stored state and the time, what should happen now.

Nothing here reads a clock, a file or the network, so every rule can be
tested (and property-tested) with plain values. Due times are recomputed from
the interview at every cycle, never held in timers: a cycle run after a long
gap simply finds more milestones due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from outbox.model import (
    STOPPED,
    Address,
    Interview,
    InterviewStatus,
    Milestone,
    MilestoneState,
)
from outbox.settings import WEEKDAYS, MilestoneConfig, WorkingHours

# On an account's first sync, milestones overdue by more than this are not
# drafted: a thank-you for an interview weeks ago would only embarrass.
MISSED_AFTER = timedelta(days=2)

# Statuses that make an unsent draft of ours stale (closing by hand does not:
# the user decides what happens to drafts they have seen).
STALE = frozenset(
    {InterviewStatus.REPLIED, InterviewStatus.CANCELLED, InterviewStatus.REJECTED}
)

# Two different follow-ups of one interview are never drafted closer together
# than this: after a long gap (a laptop asleep for weeks) the follow-up comes
# first and the status inquiry days later, not both at once.
MIN_SPACING = timedelta(days=3)

# The milestone that the user's own message after the interview makes moot.
THANK_YOU = "thank_you"


@dataclass(frozen=True, slots=True)
class Rules:
    milestones: tuple[MilestoneConfig, ...]
    working_hours: WorkingHours
    zone: ZoneInfo
    thank_you_per_interviewer: bool = False


@dataclass(slots=True)
class Case:
    """One interview as the planner sees it."""

    interview: Interview
    milestones: list[Milestone]
    # I wrote to the employer in the thread after the interview, other than
    # by sending one of outbox's drafts.
    i_wrote_after: datetime | None = None


@dataclass(frozen=True, slots=True)
class Action:
    interview_id: str
    milestone: str
    recipient: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class CreateDraft(Action):
    due_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class RetractDraft(Action):
    pass


@dataclass(frozen=True, slots=True)
class Skip(Action):
    state: MilestoneState = MilestoneState.SKIPPED


@dataclass(frozen=True, slots=True)
class Cancel(Action):
    pass


def recipients(interview: Interview, milestone: str = "", *,
               per_interviewer: bool = False) -> tuple[Address, ...]:
    """Who a milestone of an interview is written to: the best contact; or, for
    the thank-you when asked and the invitation named several interviewers with
    addresses, each of them (a host who only organises is not an interviewer)."""
    if per_interviewer and milestone == THANK_YOU:
        people = tuple({a.email: a for a in interview.interviewers if a.email}.values())
        if len(people) >= 2:
            return people
    return interview.contacts[:1]


def anchor(interview: Interview, cfg: MilestoneConfig) -> datetime:
    return interview.start if cfg.after == "interview_start" else interview.end


def due_times(interview: Interview, cfg: MilestoneConfig) -> tuple[datetime, datetime | None]:
    """(due, deadline): both measured from the milestone's anchor."""
    base = anchor(interview, cfg)
    return base + cfg.delay, (base + cfg.deadline if cfg.deadline is not None else None)


def in_working_hours(at: datetime, hours: WorkingHours, zone: ZoneInfo) -> bool:
    local = at.astimezone(zone)
    return (
        WEEKDAYS[local.weekday()] in hours.days
        and hours.start <= local.time().replace(tzinfo=None) < hours.end
    )


def next_opening(at: datetime, hours: WorkingHours, zone: ZoneInfo) -> datetime:
    """``at`` itself when inside working hours, else the next time they open."""
    if in_working_hours(at, hours, zone):
        return at
    local = at.astimezone(zone)
    for days_ahead in range(8):
        day = (local + timedelta(days=days_ahead)).date()
        if WEEKDAYS[day.weekday()] not in hours.days:
            continue
        opening = datetime.combine(day, hours.start, tzinfo=zone)
        if opening > local:
            return opening
    return at  # no working day configured: config validation prevents this


def ready_at(
    due: datetime, deadline: datetime | None, hours: WorkingHours, zone: ZoneInfo
) -> datetime:
    """When a draft due at ``due`` is created: the next opening, unless that is
    past the deadline (working hours only delay, never lose a draft)."""
    opening = next_opening(due, hours, zone)
    if deadline is not None and opening > deadline:
        return due
    return opening


def _stopped_actions(case: Case) -> list[Action]:
    iv = case.interview
    reason = f"interview {iv.status.value}"
    out: list[Action] = []
    for m in case.milestones:
        if m.state is MilestoneState.PENDING:
            out.append(Cancel(iv.id, m.name, m.recipient, reason))
        elif m.state is MilestoneState.DRAFTED and iv.status in STALE:
            out.append(RetractDraft(iv.id, m.name, m.recipient, reason))
    return out


def _pending_action(
    case: Case, m: Milestone, cfg: MilestoneConfig, rules: Rules, now: datetime,
    first_sync: bool,
) -> Action | None:
    iv = case.interview
    due, deadline = due_times(iv, cfg)
    if now < due:
        return None
    if deadline is not None and now > deadline:
        return Skip(iv.id, m.name, m.recipient, "its deadline passed", MilestoneState.SKIPPED)
    if first_sync and now - due > MISSED_AFTER:
        return Skip(
            iv.id, m.name, m.recipient, "already overdue when outbox first looked",
            MilestoneState.MISSED,
        )
    if m.name == THANK_YOU and case.i_wrote_after is not None and case.i_wrote_after >= iv.end:
        return Skip(iv.id, m.name, m.recipient, "you already wrote after the interview")
    if not in_working_hours(now, rules.working_hours, rules.zone):
        opening = next_opening(now, rules.working_hours, rules.zone)
        if deadline is None or opening <= deadline:
            return None  # wait for working hours
    return CreateDraft(iv.id, m.name, m.recipient, due_at=due)


def _spaced(case: Case, creates: list[CreateDraft], now: datetime) -> list[CreateDraft]:
    """Keep only the earliest-due milestone of an interview (every recipient of
    it), and none while another milestone was drafted less than MIN_SPACING ago."""
    if not creates:
        return []
    recent = {
        m.name for m in case.milestones
        if m.state in (MilestoneState.DRAFTED, MilestoneState.SENT)
        and m.updated_at is not None and now - m.updated_at < MIN_SPACING
    }
    first = min(creates, key=lambda a: (a.due_at, a.milestone)).milestone
    if recent - {first}:
        return []
    return [a for a in creates if a.milestone == first]


def plan(cases: list[Case], rules: Rules, now: datetime, *, first_sync: bool) -> list[Action]:
    """Every action due now, drafts oldest-due first."""
    by_name = {cfg.name: cfg for cfg in rules.milestones if cfg.enabled}
    actions: list[Action] = []
    creates: list[CreateDraft] = []
    for case in cases:
        status = case.interview.status
        if status in STOPPED:
            actions.extend(_stopped_actions(case))
            continue
        if status in (InterviewStatus.UNSURE, InterviewStatus.PAUSED):
            continue
        due_now: list[CreateDraft] = []
        for m in case.milestones:
            cfg = by_name.get(m.name)
            if cfg is None or m.state is not MilestoneState.PENDING:
                continue
            action = _pending_action(case, m, cfg, rules, now, first_sync)
            if isinstance(action, CreateDraft):
                due_now.append(action)
            elif action is not None:
                actions.append(action)
        creates.extend(_spaced(case, due_now, now))
    creates.sort(key=lambda a: (a.due_at, a.interview_id, a.milestone))
    return actions + list(creates)
