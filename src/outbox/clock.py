"""The only place outbox reads the wall clock.

``--now`` on the command line and tests use ``FixedClock`` instead, so a
simulated fortnight takes milliseconds and every "what would happen" question
can be asked of a real pipeline.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that stands still until moved (``advance`` / ``set``)."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at

    def now(self) -> datetime:
        return self._at

    def set(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at

    def advance(self, delta: timedelta) -> datetime:
        self._at += delta
        return self._at
