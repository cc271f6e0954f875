"""One cycle for one account: sync -> detect -> record -> plan -> draft.

The engine is the imperative shell around the pure planner: it opens the
provider, applies what the sync brought, reads back what the user did with
earlier drafts, and carries out the planned actions. It returns a report; it
never prints (the CLI does).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from outbox import detect, drafts, plan
from outbox.clock import Clock
from outbox.compose import draft_key
from outbox.config import state_dir
from outbox.headers import InvalidAddress
from outbox.ingest import Event, Ingest
from outbox.model import STOPPED, Detection, Folder, Message, Milestone, MilestoneState
from outbox.provider import Provider, load
from outbox.secrets import resolve
from outbox.settings import Config
from outbox.store import Store
from outbox.templating import TemplateError

log = logging.getLogger(__name__)

ProviderFactory = Callable[[str], Provider]


def default_factory(name: str) -> Provider:
    return load(name)()


@dataclass(slots=True)
class CycleReport:
    account: str
    first_sync: bool = False
    seen: int = 0
    fetched: int = 0
    new: int = 0
    changed: frozenset[Folder] = frozenset()
    events: list[Event] = field(default_factory=list)
    detections: list[tuple[Message, Detection]] = field(default_factory=list)
    drafts: list[drafts.DraftOutcome] = field(default_factory=list)
    waiting: int = 0  # drafts held back by max_drafts_per_cycle


def _detect_context(config: Config) -> detect.DetectContext:
    return detect.DetectContext(
        my_addresses=config.my_addresses,
        default_duration=config.default_duration,
        default_tz=config.zone,
    )


def rules_of(config: Config) -> plan.Rules:
    return plan.Rules(
        milestones=tuple(config.milestones), working_hours=config.working_hours, zone=config.zone,
        thank_you_per_interviewer=config.thank_you_per_interviewer,
    )


def ensure_milestones(store: Store, config: Config, account: str) -> None:
    """Give every live interview its milestone rows, and move the due times of
    pending ones with the interview (a reschedule moves them).

    A milestone keeps the recipients it was first planned for: when a later
    message changes who the best contact is, the milestone is not planned a
    second time for the new person (that would be writing twice for one reason).
    """
    rules = rules_of(config)
    with store.transaction():
        for iv in store.interviews(account):
            if iv.status in STOPPED:
                continue
            rows = store.milestones(iv.id)
            for cfg in rules.milestones:
                if not cfg.enabled:
                    continue
                due, deadline = plan.due_times(iv, cfg)
                planned = [m for m in rows if m.name == cfg.name]
                wanted = plan.recipients(
                    iv, cfg.name, per_interviewer=rules.thank_you_per_interviewer
                )
                if not planned or len(wanted) > 1:
                    known = {m.recipient for m in planned}
                    planned += [
                        Milestone(
                            interview_id=iv.id, name=cfg.name, recipient=person.email,
                            state=MilestoneState.PENDING,
                            key=draft_key(iv.id, cfg.name, person.email),
                        )
                        for person in wanted if person.email not in known
                    ]
                for m in planned:
                    if m.state is MilestoneState.PENDING and (
                        m.due_at != due or m.deadline_at != deadline
                    ):
                        m.due_at, m.deadline_at = due, deadline
                        store.save_milestone(m)


class Engine:
    def __init__(
        self, config: Config, store: Store, clock: Clock,
        provider_factory: ProviderFactory = default_factory,
        secrets: Callable[[object], Mapping[str, str]] | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.clock = clock
        self.provider_factory = provider_factory
        # Providers get the account's secrets plus the state dir, where those that
        # keep credentials of their own (a Gmail token with token_store: file) put them.
        self.secrets = secrets or (
            lambda account: {**resolve(account), "state_dir": str(state_dir(config))}
        )

    def cycle(self, account_name: str) -> CycleReport:
        account = self.config.account(account_name)
        provider = self.provider_factory(account.provider)
        provider.open(account, self.secrets(account))
        try:
            return self._cycle(account_name, provider)
        finally:
            provider.close()

    def _cycle(self, name: str, provider: Provider) -> CycleReport:
        now = self.clock.now()
        cursor = self.store.cursor(name)
        report = CycleReport(account=name, first_sync=cursor is None)
        ctx = _detect_context(self.config)
        tracked = self.store.tracked_threads(name)

        def want_body(msg: Message) -> bool:
            report.seen += 1
            if msg.is_from(ctx.my_addresses) or self.store.has_message(name, msg):
                return False
            wanted = detect.is_candidate(msg) or self.store.thread_of(name, msg) in tracked
            report.fetched += wanted
            return wanted

        result = provider.sync(cursor, now - self.config.lookback, want_body)
        report.changed = result.changed
        ingest = Ingest(
            self.store, name, ctx, self.config.confidence_threshold, now, report.first_sync
        )
        with self.store.transaction():
            for msg in sorted(result.messages, key=lambda m: m.date):
                ingest.message(msg)
        # The cursor is saved only after what it covers has been applied.
        self.store.save_cursor(name, result.cursor, now)
        report.events += ingest.out.events
        report.detections = ingest.out.detections
        report.new = ingest.out.new_messages

        if report.first_sync or result.changed & {Folder.DRAFTS, Folder.SENT}:
            for line in drafts.reconcile(self.store, provider, name, now):
                report.events.append(Event(line))
        ensure_milestones(self.store, self.config, name)
        self._act(name, provider, report, now)
        return report

    def cases(self, account: str) -> list[plan.Case]:
        out = []
        for iv in self.store.interviews(account):
            wrote = [
                row["date"] for row in self.store.my_messages_in_thread(account, iv.thread_id)
                if not row["outbox_key"]
            ]
            latest = max(wrote) if wrote else None
            out.append(plan.Case(
                interview=iv, milestones=self.store.milestones(iv.id),
                i_wrote_after=datetime.fromisoformat(latest) if latest else None,
            ))
        return out

    def _act(self, name: str, provider: Provider, report: CycleReport, now: datetime) -> None:
        cases = self.cases(name)
        actions = plan.plan(cases, rules_of(self.config), now, first_sync=report.first_sync)
        # The planner's own objects: the rows each action names were loaded just now.
        rows = {(c.interview.id, m.name, m.recipient): (c.interview, m)
                for c in cases for m in c.milestones}
        budget = self.config.max_drafts_per_cycle
        for action in actions:
            found = rows.get((action.interview_id, action.milestone, action.recipient))
            if found is None:
                continue
            iv, m = found
            if isinstance(action, plan.CreateDraft):
                if budget == 0:
                    report.waiting += 1
                    continue
                try:
                    outcome = drafts.create(self.store, provider, self.config, iv, m, now)
                except TemplateError as exc:
                    # A broken template stops this milestone, not the cycle; a bad
                    # address can never be drafted to, so that one is skipped for good.
                    log.error("%s for %s: %s", m.name, iv.id, exc)
                    if isinstance(exc, InvalidAddress):
                        with self.store.transaction():
                            m.state, m.note, m.updated_at = MilestoneState.SKIPPED, str(exc), now
                            self.store.save_milestone(m)
                    report.events.append(Event(f"{m.name} for {iv.company or iv.id}: "
                                               f"not drafted: {exc}", iv.id))
                    continue
                budget -= outcome.state is MilestoneState.DRAFTED
                report.drafts.append(outcome)
            elif isinstance(action, plan.RetractDraft):
                report.drafts.append(drafts.retract(self.store, provider, iv, m, action.reason,
                                                    now))
            elif isinstance(action, plan.Skip | plan.Cancel):
                state = action.state if isinstance(action, plan.Skip) else MilestoneState.CANCELLED
                with self.store.transaction():
                    m.state, m.note, m.updated_at = state, action.reason, now
                    self.store.save_milestone(m)
                report.events.append(
                    Event(f"{m.name} for {iv.company or iv.id}: {state.value} ({action.reason})",
                          iv.id)
                )
        if report.waiting:
            log.info("%d drafts wait for the next cycle (max_drafts_per_cycle=%d)",
                     report.waiting, self.config.max_drafts_per_cycle)
            report.events.append(Event(
                f"{report.waiting} more drafts wait for the next cycle "
                f"(max_drafts_per_cycle: {self.config.max_drafts_per_cycle})"
            ))


class DryRunProvider:
    """Reads through to the real provider; writes nothing (``run --dry-run``)."""

    def __init__(self, inner: Provider) -> None:
        self.inner = inner
        self.name = getattr(inner, "name", "dry-run")

    def open(self, account: object, secrets: Mapping[str, str]) -> None:
        self.inner.open(account, secrets)

    def close(self) -> None:
        self.inner.close()

    def sync(self, cursor, since, want_body):  # type: ignore[no-untyped-def]
        return self.inner.sync(cursor, since, want_body)

    def find_draft(self, key: str, message_id: str):  # type: ignore[no-untyped-def]
        return self.inner.find_draft(key, message_id)

    def create_draft(self, msg, thread_hint):  # type: ignore[no-untyped-def]
        from outbox.provider import DraftRef

        log.info("dry run: would create draft %s", msg["Message-ID"])
        return DraftRef(Folder.DRAFTS, "dry-run")

    def delete_draft(self, ref) -> bool:  # type: ignore[no-untyped-def]
        log.info("dry run: would move draft %s to Trash", ref.ref)
        return True


def dry_run_factory(factory: ProviderFactory) -> ProviderFactory:
    return lambda name: DryRunProvider(factory(name))  # type: ignore[return-value]
