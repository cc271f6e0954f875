"""Cycles on a cadence: the single-instance lock, signals and back-off.

Nothing here remembers when a milestone is due: every cycle recomputes it from
the store, so a laptop that slept through a milestone catches up on wake.
"""

from __future__ import annotations

import fcntl
import logging
import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import schedule

from outbox.engine import CycleReport, Engine
from outbox.provider import OutboxError, PermanentError, TransientError

log = logging.getLogger(__name__)

BACKOFF_FIRST = 30.0  # seconds after the first transient failure
BACKOFF_MAX = 30 * 60.0


class AlreadyRunning(OutboxError):
    pass


@contextmanager
def single_instance(state_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the state dir; a second outbox is refused.

    flock is released by the kernel when the process dies, even by kill -9,
    so a crash never leaves a stale lock behind.
    """
    state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = state_dir / "outbox.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise AlreadyRunning(
                f"another outbox is already running on {state_dir} (pid {other})",
                hint="stop it first, or give this one its own state_dir",
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)


@dataclass
class Backoff:
    """Per-account exponential back-off after transient failures."""

    failures: dict[str, int] = field(default_factory=dict)
    not_before: dict[str, float] = field(default_factory=dict)

    def ready(self, account: str, now: float) -> bool:
        return now >= self.not_before.get(account, 0.0)

    def failed(self, account: str, now: float, retry_after: float | None = None) -> float:
        n = self.failures.get(account, 0) + 1
        self.failures[account] = n
        delay = min(BACKOFF_FIRST * 2 ** (n - 1), BACKOFF_MAX)
        if retry_after is not None:
            delay = max(delay, min(retry_after, BACKOFF_MAX))
        self.not_before[account] = now + delay
        return delay

    def succeeded(self, account: str) -> None:
        self.failures.pop(account, None)
        self.not_before.pop(account, None)


OnReport = Callable[[CycleReport], None]


def run_cycle(engine: Engine, accounts: list[str], backoff: Backoff, on_report: OnReport,
              monotonic: Callable[[], float] = time.monotonic) -> bool:
    """One cycle for every account that is not backing off. False if any failed."""
    ok = True
    for name in accounts:
        if not backoff.ready(name, monotonic()):
            continue
        try:
            on_report(engine.cycle(name))
        except TransientError as exc:
            ok = False
            delay = backoff.failed(name, monotonic(), exc.retry_after)
            log.warning("%s: %s — retrying in %.0fs", name, exc, delay)
        except PermanentError as exc:
            ok = False
            backoff.failed(name, monotonic())
            log.error("%s: %s%s", name, exc, f" ({exc.hint})" if exc.hint else "")
        else:
            backoff.succeeded(name)
    return ok


def serve(engine: Engine, accounts: list[str], interval_s: float, on_report: OnReport) -> None:
    """Run cycles until SIGTERM / SIGINT; the current cycle always finishes."""
    stop = {"now": False}

    def _stop(signum: int, _frame: object) -> None:
        log.info("signal %d: stopping after this cycle", signum)
        stop["now"] = True

    previous = {s: signal.signal(s, _stop) for s in (signal.SIGTERM, signal.SIGINT)}
    backoff = Backoff()
    scheduler = schedule.Scheduler()
    scheduler.every(max(1, int(interval_s))).seconds.do(
        run_cycle, engine, accounts, backoff, on_report
    )
    try:
        run_cycle(engine, accounts, backoff, on_report)
        while not stop["now"]:
            scheduler.run_pending()
            time.sleep(1)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
