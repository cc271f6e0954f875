"""The state file: private, WAL, migrated in order, metadata only."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from outbox.model import Address, Folder, Interview, InterviewStatus, Message
from outbox.provider import OutboxError
from outbox.store import DB_NAME, MIGRATIONS, Store

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def msg(mid: str, *, refs: tuple[str, ...] = (), reply: str | None = None,
        hint: str | None = None, text: str = "") -> Message:
    return Message(ref="r", folder=Folder.INBOX, message_id=mid, date=NOW,
                   subject="Interview", from_=Address("grace@acme.com"),
                   in_reply_to=reply, references=refs, thread_hint=hint, text=text,
                   body_fetched=bool(text))


def test_file_is_private_and_in_wal_mode(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "state")
    path = tmp_path / "state" / DB_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "state").stat().st_mode) == 0o700
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    store.close()


def test_reopening_does_not_migrate_again_and_keeps_data(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.save_cursor("home", "c1", NOW)
    store.close()
    again = Store.open(tmp_path)
    assert again.cursor("home") == "c1"
    again.close()


def test_a_newer_schema_is_refused_with_a_hint(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(OutboxError, match="newer outbox"):
        Store.open(tmp_path)


def test_threads_follow_references_and_provider_ids(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    first = msg("<a@x>")
    root = store.thread_of("home", first)
    store.record_message("home", first, root, is_from_me=False, is_auto=False, kind=None)
    reply = msg("<b@x>", reply="<a@x>", refs=("<a@x>",))
    assert store.thread_of("home", reply) == root
    # A reply whose References start elsewhere still joins via In-Reply-To.
    assert store.thread_of("home", msg("<c@x>", reply="<a@x>")) == root
    assert store.thread_of("home", msg("<d@x>", hint="18c0ffee")) == "h:18c0ffee"
    store.close()


def test_no_message_body_is_ever_stored(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    secret = "the body says: my salary expectation is 123456"
    m = msg("<a@x>", text=secret)
    store.record_message("home", m, "<a@x>", is_from_me=False, is_auto=False, kind="none")
    store.save_interview(Interview(
        id="iv", account="home", thread_id="<a@x>", status=InterviewStatus.SCHEDULED,
        start=NOW, end=NOW, tz=None, company="Acme", role=None, subject="Interview",
        reply_message_id="<a@x>", references=(), thread_hint=None, contacts=(),
        interviewers=(), confidence=0.9, created_at=NOW,
    ))
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert b"123456" not in raw


def test_dry_run_copy_leaves_the_file_untouched(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.save_cursor("home", "before", NOW)
    copy = Store.in_memory_copy(store)
    copy.save_cursor("home", "after", NOW)
    assert store.cursor("home") == "before"
    assert copy.cursor("home") == "after"
    store.close()


def test_interview_ids_match_by_plain_prefix(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.save_interview(Interview(
        id="a1b2c3d4e5", account="home", thread_id="t", status=InterviewStatus.SCHEDULED,
        start=NOW, end=NOW, tz=None, company="Acme", role=None, subject="Interview",
        reply_message_id="<a@x>", references=(), thread_hint=None, contacts=(),
        interviewers=(), confidence=0.9, created_at=NOW,
    ))
    assert [iv.id for iv in store.find_interviews("a1b2")] == ["a1b2c3d4e5"]
    assert store.find_interviews("%") == [] and store.find_interviews("a1_2") == []
    store.close()
