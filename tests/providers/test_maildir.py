"""The Maildir provider against real files: layout, and sync."""

from __future__ import annotations

import logging
import os
import stat
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest

from outbox.accounts import Folders, MaildirAccount
from outbox.model import Folder, Message
from outbox.provider import PermanentError
from outbox_providers.maildir import MaildirProvider, files, maildir_paths

NOW = datetime.now(UTC)
LONG_AGO = NOW - timedelta(days=30)

ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
    "UID:abc@acme.example\r\nSUMMARY:Interview\r\nDTSTART:20300101T100000Z\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


# -- helpers (also used by test_maildir_drafts.py) ---------------------------

def account(root: Path, **folders: str) -> MaildirAccount:
    return MaildirAccount(name="test", provider="maildir", path=root, folders=Folders(**folders))


def make_maildir(path: Path) -> Path:
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    return path


def mail(
    subject: str = "Hello", *, date: datetime | None = NOW, body: str = "Hello there.",
    message_id: str | None = None, key: str | None = None, html: str | None = None,
    ics: str | None = None, attach: bool = False, sender: str = "jane@acme.example",
) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Jane Recruiter <{sender}>"
    msg["To"] = "me@example.org"
    msg["Subject"] = subject
    if date is not None:
        msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id or make_msgid(domain="acme.example")
    if key:
        msg["X-Outbox-Key"] = key
    msg.set_content(body)
    if html:
        msg.add_alternative(html, subtype="html")
    if ics:
        msg.add_alternative(ics, subtype="calendar", params={"method": "REQUEST"})
    if attach:
        msg.add_attachment(b"%PDF-1.4 binary", maintype="application", subtype="pdf",
                           filename="cv.pdf")
        msg.add_attachment("ATTACHED NOTES, not a body", filename="notes.txt")
    return msg.as_bytes()


_counter = iter(range(1_000_000))


def drop(maildir: Path, data: bytes, *, sub: str = "new", name: str | None = None,
         mtime: datetime | None = None) -> Path:
    """Deliver ``data`` as an MDA would (tmp/, then rename)."""
    name = name or f"1700000000.M{next(_counter)}P1.testhost" + (":2,S" if sub == "cur" else "")
    tmp = maildir / "tmp" / name
    tmp.write_bytes(data)
    if mtime is not None:
        stamp = mtime.timestamp()
        os.utime(tmp, (stamp, stamp))
    target = maildir / sub / name
    os.replace(tmp, target)
    return target


def settle(*maildirs: Path, age: timedelta = timedelta(minutes=5)) -> None:
    """Age the directories and their files, as if the last change was long ago
    (so a sync right after is not inside the racy-timestamp window)."""
    stamp = (datetime.now(UTC) - age).timestamp()
    for maildir in maildirs:
        for sub in ("new", "cur"):
            for f in (maildir / sub).iterdir():
                os.utime(f, (stamp, stamp))
            os.utime(maildir / sub, (stamp, stamp))


class Reads:
    """Counts the provider's file reads (wrapping its own read functions)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.heads: list[Path] = []
        self.full: list[Path] = []
        self.listings: list[Path] = []
        real_head, real_all, real_list = files.read_head, files.read_all, files.list_entries

        def list_entries(maildir: Path) -> list[files.Entry]:
            self.listings.append(maildir)
            return real_list(maildir)

        def read_head(path: Path) -> bytes:
            self.heads.append(path)
            return real_head(path)

        def read_all(path: Path) -> bytes:
            self.full.append(path)
            return real_all(path)

        monkeypatch.setattr(files, "read_head", read_head)
        monkeypatch.setattr(files, "read_all", read_all)
        monkeypatch.setattr(files, "list_entries", list_entries)

    @property
    def total(self) -> int:
        return len(self.heads) + len(self.full)


def never(_: Message) -> bool:
    return False


def always(_: Message) -> bool:
    return True






# -- layout ------------------------------------------------------------------

def test_open_creates_drafts_and_trash_private(tree: Path) -> None:
    MaildirProvider().open(account(tree), {})
    for name in ("Drafts", "Trash"):
        for sub in ("cur", "new", "tmp"):
            path = tree / name / sub
            assert path.is_dir()
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
    paths = maildir_paths(account(tree))
    assert paths == {
        Folder.INBOX: tree / "INBOX", Folder.SENT: tree / "Sent",
        Folder.DRAFTS: tree / "Drafts", Folder.TRASH: tree / "Trash",
    }


def test_missing_inbox_is_permanent_and_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(PermanentError) as err:
        MaildirProvider().open(account(tmp_path), {})
    assert str(tmp_path) in str(err.value)
    assert "INBOX" in err.value.hint
    with pytest.raises(PermanentError, match="does not exist"):
        MaildirProvider().open(account(tmp_path / "nowhere"), {})


def test_common_alternative_names_are_found(tmp_path: Path) -> None:
    for name in ("inbox", "Sent Items", "Deleted Items", "Drafts"):
        make_maildir(tmp_path / name)
    paths = maildir_paths(account(tmp_path))
    assert paths[Folder.INBOX] == tmp_path / "inbox"
    assert paths[Folder.SENT] == tmp_path / "Sent Items"
    assert paths[Folder.TRASH] == tmp_path / "Deleted Items"
    MaildirProvider().open(account(tmp_path), {})
    assert not (tmp_path / "Trash").exists()


def test_folder_overrides(tmp_path: Path) -> None:
    make_maildir(tmp_path / "Inbox Mail")
    make_maildir(tmp_path / "Sent")
    make_maildir(tmp_path / "Outgoing")
    acc = account(tmp_path, inbox="Inbox Mail", sent="Outgoing", drafts="Entwürfe")
    p = MaildirProvider()
    p.open(acc, {})
    assert maildir_paths(acc)[Folder.SENT] == tmp_path / "Outgoing"
    assert (tmp_path / "Entwürfe" / "cur").is_dir()
    drop(tmp_path / "Outgoing", mail("from me", sender="me@example.org"))
    result = p.sync(None, LONG_AGO, never)
    assert [(m.folder, m.subject) for m in result.messages] == [(Folder.SENT, "from me")]


def test_maildir_plus_plus(tmp_path: Path) -> None:
    make_maildir(tmp_path)
    make_maildir(tmp_path / ".Sent")
    drop(tmp_path, mail("in the inbox"))
    drop(tmp_path / ".Sent", mail("sent by me", sender="me@example.org"), sub="cur")
    p = MaildirProvider()
    p.open(account(tmp_path), {})
    paths = maildir_paths(account(tmp_path))
    assert paths[Folder.INBOX] == tmp_path
    assert paths[Folder.DRAFTS] == tmp_path / ".Drafts"
    assert (tmp_path / ".Drafts" / "maildirfolder").exists()
    assert (tmp_path / ".Trash" / "cur").is_dir()
    result = p.sync(None, LONG_AGO, never)
    got = {(m.folder, m.subject, m.ref.split("/")[0]) for m in result.messages}
    assert got == {(Folder.INBOX, "in the inbox", "new"), (Folder.SENT, "sent by me", ".Sent")}


# -- sync --------------------------------------------------------------------

def test_first_sync_honours_since(tree: Path, provider: MaildirProvider) -> None:
    drop(tree / "INBOX", mail("old news", date=NOW - timedelta(days=90)))
    recent = drop(tree / "INBOX", mail("recent", date=NOW - timedelta(days=3)), sub="cur")
    drop(tree / "Sent", mail("my reply", sender="me@example.org"))
    result = provider.sync(None, NOW - timedelta(days=60), never)
    assert sorted((m.folder, m.subject) for m in result.messages) == [
        (Folder.INBOX, "recent"), (Folder.SENT, "my reply"),
    ]
    ref = next(m.ref for m in result.messages if m.subject == "recent")
    assert ref == recent.relative_to(tree).as_posix()
    assert result.changed >= {Folder.INBOX, Folder.SENT}


def test_new_file_appears_once(tree: Path, provider: MaildirProvider) -> None:
    inbox = tree / "INBOX"
    drop(inbox, mail("first"))
    first = provider.sync(None, LONG_AGO, never)
    assert [m.subject for m in first.messages] == ["first"]
    settle(inbox)  # "first" and the directories now look old
    arrived = drop(inbox, mail("second"))
    second = provider.sync(first.cursor, LONG_AGO, never)
    assert [m.subject for m in second.messages] == ["second"]
    assert Folder.INBOX in second.changed
    third = provider.sync(second.cursor, LONG_AGO, never)
    assert third.messages == []
    # A mail client reads it: new/ -> cur/ with the S flag. Same message, not new.
    os.replace(arrived, inbox / "cur" / (arrived.name + ":2,S"))
    fourth = provider.sync(third.cursor, LONG_AGO, never)
    assert fourth.messages == []


def test_a_fresh_provider_continues_from_the_cursor(tree: Path) -> None:
    inbox = tree / "INBOX"
    drop(inbox, mail("first"))
    p1 = MaildirProvider()
    p1.open(account(tree), {})
    cursor = p1.sync(None, LONG_AGO, never).cursor
    drop(inbox, mail("second"))
    p2 = MaildirProvider()
    p2.open(account(tree), {})
    assert [m.subject for m in p2.sync(cursor, LONG_AGO, never).messages] == ["second"]


def test_unchanged_folders_read_nothing(
    tree: Path, provider: MaildirProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    drop(tree / "INBOX", mail("one"))
    drop(tree / "Sent", mail("two", sender="me@example.org"))
    settle(tree / "INBOX", tree / "Sent", tree / "Drafts")
    first = provider.sync(None, LONG_AGO, always)
    reads = Reads(monkeypatch)
    again = provider.sync(first.cursor, LONG_AGO, always)
    assert reads.total == 0 and reads.listings == []
    assert again.messages == [] and again.changed == frozenset()
    assert again.cursor == first.cursor


def test_resync_right_after_a_change_reads_nothing_and_returns_nothing(
    tree: Path, provider: MaildirProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No settling: the directories changed just now, so the provider cannot trust
    # their mtimes yet and lists again — but reads nothing and repeats nothing.
    drop(tree / "INBOX", mail("one"))
    first = provider.sync(None, LONG_AGO, always)
    reads = Reads(monkeypatch)
    again = provider.sync(first.cursor, LONG_AGO, always)
    assert reads.total == 0
    assert again.messages == [] and again.changed == frozenset()


def test_headers_only_unless_wanted(tree: Path, provider: MaildirProvider,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    big = "lorem ipsum " * 200_000  # ~2.4 MB body that must not be read
    drop(tree / "INBOX", mail("newsletter", body=big))
    drop(tree / "INBOX", mail("Interview invitation", body="See you Tuesday.",
                              html="<p>See you Tuesday.</p>", ics=ICS, attach=True))
    reads = Reads(monkeypatch)
    result = provider.sync(None, LONG_AGO, lambda m: "Interview" in m.subject)
    by_subject = {m.subject: m for m in result.messages}

    news = by_subject["newsletter"]
    assert not news.body_fetched and news.text == "" and news.calendars == ()
    assert news.from_ is not None and news.from_.email == "jane@acme.example"
    news_path = tree / news.ref
    assert news_path not in reads.full
    assert len(files.read_head(news_path)) < 2_000  # only the header block

    invite = by_subject["Interview invitation"]
    assert invite.body_fetched and invite.has_calendar
    assert "See you Tuesday." in invite.text and "<p>" in invite.html
    assert len(invite.calendars) == 1 and "UID:abc@acme.example" in invite.calendars[0]
    assert "ATTACHED NOTES" not in invite.text and "PDF" not in invite.text


def test_want_body_sees_a_calendar_part_of_a_multipart_message(
    tree: Path, provider: MaildirProvider
) -> None:
    # A subject that says nothing: only the calendar part makes it a candidate.
    drop(tree / "INBOX", mail("Ada <> Acme", body="Details inside.", ics=ICS))
    drop(tree / "INBOX", mail("Photos", body="text/calendar is not mentioned in a header",
                              attach=True))
    seen: dict[str, bool] = {}

    def want(m: Message) -> bool:
        seen[m.subject] = m.has_calendar
        return m.has_calendar

    result = provider.sync(None, LONG_AGO, want)
    assert seen["Ada <> Acme"] is True
    assert seen["Photos"] is False, "only a part's own headers count, not body text"
    invite = next(m for m in result.messages if m.subject == "Ada <> Acme")
    assert invite.body_fetched and len(invite.calendars) == 1


@pytest.mark.parametrize("eol", [b"\n", b"\r\n"])
def test_read_head_stops_at_the_blank_line(tmp_path: Path, eol: bytes) -> None:
    # A header block that straddles the read chunk size, then a long body.
    headers = [b"Subject: hi"] + [b"X-Filler-%d: %s" % (i, b"x" * 60) for i in range(150)]
    head = eol.join(headers) + eol + eol
    path = tmp_path / "msg"
    path.write_bytes(head + b"body line" + eol + b"B" * 1_000_000)
    assert files.read_head(path) == head
    path.write_bytes(eol + b"no headers at all")
    assert files.read_head(path) == b""


def test_drafts_changes_are_reported_not_returned(tree: Path, provider: MaildirProvider) -> None:
    settle(tree / "INBOX", tree / "Sent", tree / "Drafts")
    first = provider.sync(None, LONG_AGO, never)
    drop(tree / "Drafts", mail("a draft the user wrote", sender="me@example.org"), sub="cur")
    second = provider.sync(first.cursor, LONG_AGO, never)
    assert second.messages == []
    assert second.changed == frozenset({Folder.DRAFTS})
    third = provider.sync(second.cursor, LONG_AGO, never)
    assert third.changed == frozenset()


def test_malformed_file_is_skipped_with_a_warning(
    tree: Path, provider: MaildirProvider, caplog: pytest.LogCaptureFixture
) -> None:
    bad = drop(tree / "INBOX", b"\x00\x01\x02 this is not mail\n\nat all\n")
    empty = drop(tree / "INBOX", b"")
    drop(tree / "INBOX", mail("fine"))
    with caplog.at_level(logging.WARNING):
        result = provider.sync(None, LONG_AGO, always)
    assert [m.subject for m in result.messages] == ["fine"]
    logged = " ".join(r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert str(bad) in logged and str(empty) in logged


def test_tmp_and_dotfiles_are_ignored(tree: Path, provider: MaildirProvider) -> None:
    (tree / "INBOX" / "tmp" / "half-written").write_bytes(mail("partial"))
    (tree / "INBOX" / "cur" / ".hidden").write_bytes(mail("hidden"))
    drop(tree / "INBOX", mail("visible"))
    result = provider.sync(None, LONG_AGO, never)
    assert [m.subject for m in result.messages] == ["visible"]


def test_message_without_date_uses_file_mtime(tree: Path, provider: MaildirProvider) -> None:
    stamp = datetime(2031, 5, 4, 3, 2, 1, tzinfo=UTC)
    drop(tree / "INBOX", mail("undated", date=None), mtime=stamp)
    [message] = provider.sync(None, LONG_AGO, never).messages
    assert message.date == stamp


def test_garbled_cursor_falls_back_to_a_first_run(
    tree: Path, provider: MaildirProvider, caplog: pytest.LogCaptureFixture
) -> None:
    drop(tree / "INBOX", mail("again"))
    with caplog.at_level(logging.WARNING):
        result = provider.sync('{"v": 99}', LONG_AGO, never)
    assert [m.subject for m in result.messages] == ["again"]
    assert "cursor" in caplog.text


def test_vanished_mailbox_is_permanent(tree: Path, provider: MaildirProvider) -> None:
    cursor = provider.sync(None, LONG_AGO, never).cursor
    for path in sorted(tree.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    tree.rmdir()
    with pytest.raises(PermanentError) as err:
        provider.sync(cursor, LONG_AGO, never)
    assert str(tree) in str(err.value)
