"""What a cycle costs: first sync and an idle cycle, on Maildir and on a real
Dovecot. Mailboxes are filled with a realistic mix (mostly ordinary mail, a few
interview messages from the test corpus, each with a unique Message-ID)."""

from __future__ import annotations

import os
import tempfile
import time
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from outbox.clock import FixedClock
from outbox.engine import Engine, default_factory
from outbox.settings import Config
from outbox.store import Store

N_MAILDIR = 5000
N_IMAP = 1000
NOW = datetime.fromisoformat("2026-03-11T09:00:00+00:00")
EML = Path(__file__).resolve().parent.parent / "tests" / "data" / "eml"

Row = tuple[str, Any, str, str]


def mailbox(n: int) -> list[bytes]:
    """n messages: one in 20 is an interview fixture (fresh Message-ID), the rest
    ordinary mail spread over the last 50 days."""
    fixtures = [p.read_bytes() for p in sorted(EML.glob("*.eml"))]
    out = []
    for i in range(n):
        if i % 20 == 0:
            raw = fixtures[(i // 20) % len(fixtures)]
            out.append(raw.replace(b"Message-ID: <", f"Message-ID: <b{i}.".encode(), 1))
            continue
        m = EmailMessage()
        m["From"] = f"Friend {i} <friend{i % 97}@example.org>"
        m["To"] = "Ada Lovelace <ada@example.com>"
        m["Subject"] = f"Weekend plans #{i}"
        m["Date"] = format_datetime(datetime.fromtimestamp(NOW.timestamp() - 86400 * (i % 50)))
        m["Message-ID"] = f"<plain.{i}@example.org>"
        m.set_content("Lunch on Saturday? " * 40)
        out.append(m.as_bytes())
    return out


def config(account: dict[str, Any], state: Path) -> Config:
    return Config.model_validate({
        "timezone": "Europe/London",
        "me": {"name": "Ada Lovelace", "addresses": ["ada@example.com"]},
        "state_dir": str(state), "accounts": [account],
    })


def timed_cycle(engine: Engine) -> tuple[float, Any]:
    t0 = time.perf_counter()
    report = engine.cycle("home")
    return time.perf_counter() - t0, report


def maildir_rows() -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "Mail"
        for folder in ("INBOX", "Sent", "Drafts", "Trash"):
            for sub in ("cur", "new", "tmp"):
                (root / folder / sub).mkdir(parents=True)
        for i, raw in enumerate(mailbox(N_MAILDIR)):
            (root / "INBOX" / "cur" / f"{i}.bench:2,S").write_bytes(raw)
        cfg = config({"name": "home", "provider": "maildir", "path": str(root)}, Path(tmp) / "s")
        engine = Engine(cfg, Store.open(Path(tmp) / "s"), FixedClock(NOW))
        first, report = timed_cycle(engine)
        idle = min(timed_cycle(engine)[0] for _ in range(5))
        return [
            ("maildir first sync", f"{first:.2f}", "s", f"{N_MAILDIR} messages"),
            ("maildir first sync rate", f"{N_MAILDIR / first:.0f}", "msg/s", ""),
            ("maildir bodies read", report.fetched, "messages", "candidates only"),
            ("maildir idle cycle", f"{idle * 1000:.1f}", "ms", "best of 5, unchanged"),
        ]


def imap_rows() -> list[Row]:
    from tests.servers import PASSWORD_ENV, Dovecot, dovecot_binary, record_commands

    if dovecot_binary() is None:
        return [("imap", "skipped", "", "dovecot-imapd is not installed")]
    with Dovecot() as server, tempfile.TemporaryDirectory() as tmp:
        user = server.add_user()
        os.environ[PASSWORD_ENV] = user.password
        with user.client() as c:
            for raw in mailbox(N_IMAP):
                c.append("INBOX", raw)
        recorded: list[list[str]] = []  # the IMAP commands of each cycle, after login

        def factory(name: str) -> Any:
            provider = default_factory(name)
            real_open = provider.open

            def open_and_record(account: Any, secrets: Any) -> None:
                real_open(account, secrets)
                recorded.append(record_commands(provider.client))

            provider.open = open_and_record
            return provider

        cfg = config(user.account(), Path(tmp) / "s")
        engine = Engine(cfg, Store.open(Path(tmp) / "s"), FixedClock(NOW), factory)
        first, report = timed_cycle(engine)
        first_cmds = recorded[-1]
        idle = min(timed_cycle(engine)[0] for _ in range(5))
        idle_cmds = [c for c in recorded[-1] if c != "LOGOUT"]
        fetches = sum(1 for c in first_cmds if c.endswith("FETCH"))
        return [
            ("imap first sync", f"{first:.2f}", "s", f"{N_IMAP} messages on Dovecot"),
            ("imap first sync commands", len(first_cmds), "commands", f"{fetches} FETCH"),
            ("imap bodies fetched", report.fetched, "messages", "candidates only"),
            ("imap idle cycle", f"{idle * 1000:.1f}", "ms", "best of 5, unchanged"),
            ("imap idle cycle commands", len(idle_cmds), "commands",
             " ".join(idle_cmds) + " (after login)"),
        ]


def run() -> tuple[str, list[Row]]:
    return "sync cost per cycle", maildir_rows() + imap_rows()
