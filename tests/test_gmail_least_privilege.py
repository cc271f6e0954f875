"""Gmail with the two least-privilege scopes only: a stale draft cannot be moved
to Trash, and outbox never destroys mail — it is left, and the user is told."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from outbox.model import InterviewStatus, MilestoneState

from .contract.conftest import EML, World, make_config
from .contract.mailboxes_gmail import GmailBox


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    box = GmailBox.start(tmp_path / "gmail", trash=False)
    w = World(box=box, state_dir=tmp_path / "state",
              config=make_config(box.account, tmp_path / "state"))
    yield w
    w.close()
    box.stop()


def test_a_stale_draft_is_left_for_the_user_not_destroyed(world: World) -> None:
    world.box.deliver(EML("confirm_calendar.eml"))
    world.cycle("2026-03-11T09:00:00+00:00")
    assert len(world.box.messages("drafts")) == 1
    world.box.deliver(EML("employer_reply.eml"))
    report = world.cycle("2026-03-18T15:00:00+00:00")
    assert world.only_interview().status is InterviewStatus.REPLIED
    assert len(world.box.messages("drafts")) == 1, "left in Drafts, not destroyed"
    assert any("please delete it" in d.what for d in report.drafts)
    [thank_you] = [m for m in world.milestones() if m.name == "thank_you"]
    assert thank_you.state is MilestoneState.CANCELLED and "please delete it" in thank_you.note
    world.cycle("2026-03-25T12:00:00+00:00")
    assert len(world.box.messages("drafts")) == 1
