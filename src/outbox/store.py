"""SQLite state: schema, numbered migrations, transactions.

Only metadata is stored (ids, addresses, subjects, times, hashes), never a
message body. The file is created ``0600`` in WAL mode; every write happens in
an explicit transaction so a crash leaves either the old or the new state.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from outbox.model import (
    Address,
    Interview,
    InterviewStatus,
    Message,
    Milestone,
    MilestoneState,
)

log = logging.getLogger(__name__)

DB_NAME = "outbox.sqlite3"

# Numbered migrations: index i upgrades user_version i to i + 1. Append only.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE accounts (
        name TEXT PRIMARY KEY,
        cursor TEXT,
        first_sync_at TEXT,
        last_cycle_at TEXT
    );
    CREATE TABLE messages (
        account TEXT NOT NULL,
        message_id TEXT NOT NULL,
        folder TEXT NOT NULL,
        thread_id TEXT NOT NULL,
        date TEXT NOT NULL,
        from_addr TEXT,
        subject TEXT,
        is_from_me INTEGER NOT NULL,
        is_auto INTEGER NOT NULL,
        outbox_key TEXT,
        kind TEXT,
        PRIMARY KEY (account, message_id, folder)
    );
    CREATE INDEX messages_thread ON messages (account, thread_id);
    CREATE TABLE interviews (
        id TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        thread_id TEXT NOT NULL,
        status TEXT NOT NULL,
        start TEXT NOT NULL,
        "end" TEXT NOT NULL,
        tz TEXT,
        company TEXT,
        role TEXT,
        subject TEXT NOT NULL,
        reply_message_id TEXT NOT NULL,
        refs TEXT NOT NULL,
        thread_hint TEXT,
        contacts TEXT NOT NULL,
        interviewers TEXT NOT NULL,
        confidence REAL NOT NULL,
        calendar_uid TEXT,
        company_domain TEXT,
        created_at TEXT NOT NULL,
        found_on_first_sync INTEGER NOT NULL,
        status_changed_at TEXT,
        my_address TEXT
    );
    CREATE INDEX interviews_thread ON interviews (account, thread_id);
    CREATE TABLE milestones (
        interview_id TEXT NOT NULL REFERENCES interviews (id),
        name TEXT NOT NULL,
        recipient TEXT NOT NULL,
        state TEXT NOT NULL,
        key TEXT NOT NULL UNIQUE,
        due_at TEXT,
        deadline_at TEXT,
        message_id TEXT,
        draft_ref TEXT,
        body_hash TEXT,
        updated_at TEXT,
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (interview_id, name, recipient)
    );
    """,
)


def _ts(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _addresses_json(items: tuple[Address, ...]) -> str:
    return json.dumps([[a.email, a.name] for a in items])


def _addresses(text: str) -> tuple[Address, ...]:
    return tuple(Address(email=e, name=n) for e, n in json.loads(text))


class Store:
    """One SQLite file; ``Store.open(state_dir)`` creates and migrates it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @classmethod
    def open(cls, state_dir: Path) -> Store:
        state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = state_dir / DB_NAME
        if not path.exists():
            # Create it 0600 before SQLite does, so it is never world-readable.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=FULL")
        store = cls(conn)
        store.migrate()
        for suffix in ("", "-wal", "-shm"):
            side = Path(f"{path}{suffix}")
            if side.exists():
                side.chmod(0o600)
        return store

    @classmethod
    def in_memory_copy(cls, other: Store) -> Store:
        """A private copy (for ``--dry-run``: run a real cycle, keep nothing)."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.row_factory = sqlite3.Row
        other.conn.backup(conn)
        return cls(conn)

    def close(self) -> None:
        self.conn.close()

    def migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            from outbox.provider import OutboxError

            raise OutboxError(
                f"the state database is from a newer outbox (schema {version})",
                hint="upgrade outbox, or point state_dir elsewhere",
            )
        for number in range(version, len(MIGRATIONS)):
            with self.transaction():
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")
            log.info("state schema migrated to version %d", number + 1)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """An IMMEDIATE transaction: a second writer waits instead of interleaving."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- accounts -------------------------------------------------------------

    def cursor(self, account: str) -> str | None:
        row = self.conn.execute("SELECT cursor FROM accounts WHERE name = ?", (account,)).fetchone()
        return row["cursor"] if row else None

    def save_cursor(self, account: str, cursor: str, now: datetime) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO accounts (name, cursor, first_sync_at, last_cycle_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor,"
                " last_cycle_at = excluded.last_cycle_at",
                (account, cursor, _ts(now), _ts(now)),
            )

    # -- messages and threads -------------------------------------------------

    def thread_of(self, account: str, message: Message) -> str:
        """The thread a message belongs to: the provider's id when it has one,
        else the thread of any message it refers to, else its root reference."""
        if message.thread_hint:
            return f"h:{message.thread_hint}"
        refs = [r for r in (message.in_reply_to, *reversed(message.references)) if r]
        own = self.conn.execute(
            "SELECT thread_id FROM messages WHERE account = ? AND message_id = ?",
            (account, message.message_id),
        ).fetchone()
        if own:
            return own["thread_id"]
        for ref in refs:
            row = self.conn.execute(
                "SELECT thread_id FROM messages WHERE account = ? AND message_id = ?",
                (account, ref),
            ).fetchone()
            if row:
                return row["thread_id"]
        if message.references:
            return message.references[0]
        return message.in_reply_to or message.message_id

    def has_message(self, account: str, message: Message) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM messages WHERE account = ? AND message_id = ? AND folder = ?",
            (account, message.message_id, message.folder.value),
        ).fetchone()
        return row is not None

    def record_message(
        self, account: str, message: Message, thread_id: str, *, is_from_me: bool,
        is_auto: bool, kind: str | None,
    ) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO messages (account, message_id, folder, thread_id, date,"
            " from_addr, subject, is_from_me, is_auto, outbox_key, kind)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                account, message.message_id, message.folder.value, thread_id, _ts(message.date),
                message.from_.email if message.from_ else None, message.subject[:300],
                int(is_from_me), int(is_auto), message.outbox_key, kind,
            ),
        )

    def tracked_threads(self, account: str) -> set[str]:
        rows = self.conn.execute(
            "SELECT thread_id FROM interviews WHERE account = ?", (account,)
        ).fetchall()
        return {r["thread_id"] for r in rows}

    def known_message_ids(self, account: str, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT message_id FROM messages WHERE account = ? AND message_id IN ({marks})",
                (account, *chunk),
            ).fetchall()
            found.update(r["message_id"] for r in rows)
        return found

    def my_messages_in_thread(self, account: str, thread_id: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT * FROM messages WHERE account = ? AND thread_id = ? AND is_from_me = 1"
            " ORDER BY date",
            (account, thread_id),
        ).fetchall()

    # -- interviews -----------------------------------------------------------

    def save_interview(self, iv: Interview) -> None:
        self.conn.execute(
            "INSERT INTO interviews (id, account, thread_id, status, start, \"end\", tz, company,"
            " role, subject, reply_message_id, refs, thread_hint, contacts, interviewers,"
            " confidence, calendar_uid, company_domain, created_at, found_on_first_sync,"
            " status_changed_at, my_address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET thread_id = excluded.thread_id,"
            " status = excluded.status, start = excluded.start, \"end\" = excluded.\"end\","
            " tz = excluded.tz, company = excluded.company, role = excluded.role,"
            " subject = excluded.subject, reply_message_id = excluded.reply_message_id,"
            " refs = excluded.refs, thread_hint = excluded.thread_hint,"
            " contacts = excluded.contacts, interviewers = excluded.interviewers,"
            " confidence = excluded.confidence, calendar_uid = excluded.calendar_uid,"
            " company_domain = excluded.company_domain,"
            " status_changed_at = excluded.status_changed_at, my_address = excluded.my_address",
            (
                iv.id, iv.account, iv.thread_id, iv.status.value, _ts(iv.start), _ts(iv.end),
                iv.tz, iv.company, iv.role, iv.subject, iv.reply_message_id,
                json.dumps(list(iv.references)), iv.thread_hint, _addresses_json(iv.contacts),
                _addresses_json(iv.interviewers), iv.confidence, iv.calendar_uid,
                iv.company_domain, _ts(iv.created_at), int(iv.found_on_first_sync),
                _ts(iv.status_changed_at), iv.my_address,
            ),
        )

    @staticmethod
    def _interview(row: sqlite3.Row) -> Interview:
        return Interview(
            id=row["id"], account=row["account"], thread_id=row["thread_id"],
            status=InterviewStatus(row["status"]), start=_dt(row["start"]),  # type: ignore[arg-type]
            end=_dt(row["end"]), tz=row["tz"], company=row["company"],  # type: ignore[arg-type]
            role=row["role"], subject=row["subject"], reply_message_id=row["reply_message_id"],
            references=tuple(json.loads(row["refs"])), thread_hint=row["thread_hint"],
            contacts=_addresses(row["contacts"]), interviewers=_addresses(row["interviewers"]),
            confidence=row["confidence"], calendar_uid=row["calendar_uid"],
            company_domain=row["company_domain"], created_at=_dt(row["created_at"]),
            found_on_first_sync=bool(row["found_on_first_sync"]),
            status_changed_at=_dt(row["status_changed_at"]), my_address=row["my_address"],
        )

    def interviews(self, account: str | None = None) -> list[Interview]:
        if account is None:
            rows = self.conn.execute("SELECT * FROM interviews ORDER BY start").fetchall()
        else:
            rows = self.conn.execute(
                "SELECT * FROM interviews WHERE account = ? ORDER BY start", (account,)
            ).fetchall()
        return [self._interview(r) for r in rows]

    def interview(self, interview_id: str) -> Interview | None:
        row = self.conn.execute(
            "SELECT * FROM interviews WHERE id = ?", (interview_id,)
        ).fetchone()
        return self._interview(row) if row else None

    def find_interviews(self, prefix: str) -> list[Interview]:
        # A plain prefix comparison: LIKE would read "_" and "%" in the user's text.
        rows = self.conn.execute(
            "SELECT * FROM interviews WHERE substr(id, 1, ?) = ? ORDER BY start",
            (len(prefix), prefix),
        ).fetchall()
        return [self._interview(r) for r in rows]

    # -- milestones -----------------------------------------------------------

    @staticmethod
    def _milestone(row: sqlite3.Row) -> Milestone:
        return Milestone(
            interview_id=row["interview_id"], name=row["name"], recipient=row["recipient"],
            state=MilestoneState(row["state"]), key=row["key"], due_at=_dt(row["due_at"]),
            deadline_at=_dt(row["deadline_at"]), message_id=row["message_id"],
            draft_ref=row["draft_ref"], body_hash=row["body_hash"],
            updated_at=_dt(row["updated_at"]), note=row["note"],
        )

    def milestones(self, interview_id: str) -> list[Milestone]:
        rows = self.conn.execute(
            "SELECT * FROM milestones WHERE interview_id = ? ORDER BY due_at, name",
            (interview_id,),
        ).fetchall()
        return [self._milestone(r) for r in rows]

    def milestone_by_key(self, account: str, key: str) -> Milestone | None:
        row = self.conn.execute(
            "SELECT m.* FROM milestones m JOIN interviews i ON i.id = m.interview_id"
            " WHERE i.account = ? AND m.key = ?",
            (account, key),
        ).fetchone()
        return self._milestone(row) if row else None

    def drafted_milestones(self, account: str) -> list[Milestone]:
        rows = self.conn.execute(
            "SELECT m.* FROM milestones m JOIN interviews i ON i.id = m.interview_id"
            " WHERE i.account = ? AND m.state = ?",
            (account, MilestoneState.DRAFTED.value),
        ).fetchall()
        return [self._milestone(r) for r in rows]

    def save_milestone(self, m: Milestone) -> None:
        self.conn.execute(
            "INSERT INTO milestones (interview_id, name, recipient, state, key, due_at,"
            " deadline_at, message_id, draft_ref, body_hash, updated_at, note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (interview_id, name, recipient) DO UPDATE SET state = excluded.state,"
            " due_at = excluded.due_at, deadline_at = excluded.deadline_at,"
            " message_id = excluded.message_id, draft_ref = excluded.draft_ref,"
            " body_hash = excluded.body_hash, updated_at = excluded.updated_at,"
            " note = excluded.note",
            (
                m.interview_id, m.name, m.recipient, m.state.value, m.key, _ts(m.due_at),
                _ts(m.deadline_at), m.message_id, m.draft_ref, m.body_hash, _ts(m.updated_at),
                m.note,
            ),
        )
