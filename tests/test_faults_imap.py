"""The IMAP server going away mid-cycle: a logged transient error, the state
untouched, and the next cycle recovers — against a real Dovecot, with a
loopback TCP relay in between that we can cut."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from outbox.clock import FixedClock
from outbox.daemon import Backoff, run_cycle
from outbox.engine import Engine, default_factory
from outbox.model import MilestoneState
from outbox.store import Store
from tests.servers import MailUser

from .contract.conftest import EML, make_config


class Relay:
    """Forwards loopback connections to the server until ``cut()``."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.conns: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Drop every open connection, as a server restart or a NAT timeout would."""
        with self.lock:
            for s in self.conns:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
            self.conns.clear()

    def close(self) -> None:
        self.cut()
        self.listener.close()


@pytest.fixture
def relay(imap_account: MailUser) -> Iterator[Relay]:
    r = Relay((imap_account.server.host, imap_account.server.port))
    yield r
    r.close()


def test_server_gone_mid_cycle_then_recovery(
    imap_account: MailUser, relay: Relay, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    imap_account.deliver(EML("confirm_calendar.eml"))
    config = make_config(imap_account.account(port=relay.port), tmp_path / "state")
    clock = FixedClock(datetime.fromisoformat("2026-03-09T09:00:00+00:00"))
    cut_after_open = {"on": False}

    def factory(name: str) -> Any:
        provider = default_factory(name)
        real_open = provider.open

        def open_then_maybe_cut(account: Any, secrets: Any) -> None:
            real_open(account, secrets)
            if cut_after_open["on"]:
                relay.cut()

        provider.open = open_then_maybe_cut
        return provider

    store = Store.open(tmp_path / "state")
    engine = Engine(config, store, clock, factory)
    backoff = Backoff()
    reports: list[object] = []
    assert run_cycle(engine, ["home"], backoff, reports.append)
    cursor = store.cursor("home")

    imap_account.deliver(EML("lookalike_newsletter.eml"))  # new mail to sync
    cut_after_open["on"] = True
    clock.set(datetime.fromisoformat("2026-03-11T09:00:00+00:00"))
    with caplog.at_level(logging.WARNING):
        assert run_cycle(engine, ["home"], backoff, reports.append) is False
    assert "retrying in" in caplog.text
    assert "Traceback" not in caplog.text
    assert store.cursor("home") == cursor, "nothing half-applied"

    cut_after_open["on"] = False
    backoff.not_before.clear()  # the test does not wait out the back-off
    assert run_cycle(engine, ["home"], backoff, reports.append)
    [iv] = store.interviews()
    states = {m.name: m.state for m in store.milestones(iv.id)}
    assert states["thank_you"] is MilestoneState.DRAFTED
    with imap_account.client() as c:
        c.select_folder("Drafts", readonly=True)
        assert len(c.search(["NOT", "DELETED"])) == 1
    store.close()
