"""The contract suite's world: one mailbox per provider, a real store, a clock."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from outbox.clock import FixedClock
from outbox.engine import CycleReport, Engine
from outbox.model import Interview, Milestone, MilestoneState
from outbox.settings import Config
from outbox.store import Store

from .mailboxes import Mailbox, MaildirBox

DATA = Path(__file__).resolve().parent.parent / "data" / "eml"


def EML(name: str) -> bytes:
    return (DATA / name).read_bytes()


@dataclass
class World:
    box: Mailbox
    state_dir: Path
    config: Config
    clock: FixedClock = field(default_factory=lambda: FixedClock(datetime.fromisoformat(
        "2026-03-01T00:00:00+00:00")))
    store: Store = field(init=False)
    engine: Engine = field(init=False)
    reports: list[CycleReport] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.reopen()

    def reopen(self) -> None:
        self.store = Store.open(self.state_dir)
        self.engine = Engine(self.config, self.store, self.clock)

    def close(self) -> None:
        self.store.close()

    def cycle(self, when: str) -> CycleReport:
        self.clock.set(datetime.fromisoformat(when))
        report = self.engine.cycle("home")
        self.reports.append(report)
        return report

    def only_interview(self) -> Interview:
        interviews = self.store.interviews()
        assert len(interviews) == 1, interviews
        return interviews[0]

    def milestones(self) -> list[Milestone]:
        return self.store.milestones(self.only_interview().id)

    def state(self, name: str) -> MilestoneState:
        return next(m.state for m in self.milestones() if m.name == name)


def make_config(account: dict[str, Any], state_dir: Path) -> Config:
    return Config.model_validate({
        "timezone": "Europe/London",
        "me": {"name": "Ada Lovelace", "addresses": ["ada@example.com"]},
        "state_dir": str(state_dir),
        "accounts": [account],
    })


@pytest.fixture(params=["maildir", "imap", "gmail"])
def box(request: pytest.FixtureRequest, tmp_path: Path) -> Mailbox:
    if request.param == "maildir":
        return MaildirBox(tmp_path / "Mail")
    if request.param == "gmail":
        from .mailboxes_gmail import GmailBox

        gmail = GmailBox.start(tmp_path / "gmail")
        request.addfinalizer(gmail.stop)
        return gmail
    from .mailboxes_imap import ImapBox

    return ImapBox(request.getfixturevalue("imap_account"))


@pytest.fixture
def world(box: Mailbox, tmp_path: Path) -> Iterator[World]:
    state_dir = tmp_path / "state"
    w = World(box=box, state_dir=state_dir, config=make_config(box.account, state_dir))
    yield w
    w.close()
