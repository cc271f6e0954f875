"""The Maildir provider's drafts: create (idempotent), find, delete."""

from __future__ import annotations

import logging
import os
import stat
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from pathlib import Path

import pytest

from outbox.model import Folder
from outbox.provider import DraftRef
from outbox_providers.maildir import MaildirProvider
from tests.providers.test_maildir import LONG_AGO, account, make_maildir, never, settle

KEY = "outbox.iv1.thank_you.3f2a"
MSGID = "<outbox.iv1.thank_you.3f2a@example.org>"
BODY = "Dear Jane,\n\nThank you for your time today.\n\nBest,\nMe\n"


def draft(key: str = KEY, message_id: str = MSGID, body: str = BODY) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Me <me@example.org>"
    msg["To"] = "Jane Recruiter <jane@acme.example>"
    msg["Subject"] = "Re: Interview on Tuesday"
    msg["Message-ID"] = message_id
    msg["In-Reply-To"] = "<invite.1@acme.example>"
    msg["References"] = "<invite.1@acme.example>"
    msg["X-Outbox-Key"] = key
    msg.set_content(body)
    return msg


def files_in(maildir: Path) -> list[Path]:
    return sorted(p for sub in ("new", "cur", "tmp") for p in (maildir / sub).iterdir())






def test_create_draft_twice_writes_one_flagged_private_file(
    tree: Path, provider: MaildirProvider
) -> None:
    first = provider.create_draft(draft(), "<invite.1@acme.example>")
    second = provider.create_draft(draft(), "<invite.1@acme.example>")
    assert first == second and first.folder is Folder.DRAFTS
    [path] = files_in(tree / "Drafts")
    assert path.parent.name == "cur"
    assert path.name == f"{first.ref}:2,DS"
    assert ":" not in first.ref and "/" not in first.ref
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_bytes()
    assert b"X-Outbox-Key: " + KEY.encode() in text and b"\r\n" not in text


def test_create_draft_is_idempotent_across_processes(tree: Path, provider: MaildirProvider) -> None:
    ref = provider.create_draft(draft(), None)
    other = MaildirProvider()
    other.open(account(tree), {})
    assert other.create_draft(draft(), None) == ref
    assert len(files_in(tree / "Drafts")) == 1
    # A different key is a different draft.
    assert other.create_draft(draft(key="k2", message_id="<k2@example.org>"), None) != ref
    assert len(files_in(tree / "Drafts")) == 2


def test_new_draft_shows_as_a_drafts_change_only(tree: Path, provider: MaildirProvider) -> None:
    settle(tree / "INBOX", tree / "Sent", tree / "Drafts")
    cursor = provider.sync(None, LONG_AGO, never).cursor
    provider.create_draft(draft(), None)
    result = provider.sync(cursor, LONG_AGO, never)
    assert result.messages == [] and result.changed == frozenset({Folder.DRAFTS})


def test_find_draft_follows_it_from_drafts_to_sent_to_trash(
    tree: Path, provider: MaildirProvider
) -> None:
    ref = provider.create_draft(draft(), None)
    found = provider.find_draft(KEY, MSGID)
    assert found is not None and found.ref == ref
    assert found.text.strip() == BODY.strip()

    # The user flags it (a rename): same ref.
    [path] = files_in(tree / "Drafts")
    flagged = path.with_name(f"{ref.ref}:2,DFS")
    os.replace(path, flagged)
    found = provider.find_draft(KEY, MSGID)
    assert found is not None and found.ref == ref

    # The mail client sends it: the message lands in Sent under a name of its own.
    sent = tree / "Sent" / "cur" / "1800000000.M1P9.laptop,U=42:2,S"
    os.replace(flagged, sent)
    found = provider.find_draft(KEY, MSGID)
    assert found is not None
    assert found.ref == DraftRef(Folder.SENT, "1800000000.M1P9.laptop")
    assert found.text.strip() == BODY.strip()

    # Later the user deletes it from Sent.
    os.replace(sent, tree / "Trash" / "cur" / sent.name)
    found = provider.find_draft(KEY, MSGID)
    assert found is not None and found.ref.folder is Folder.TRASH


def test_find_draft_by_message_id_alone(provider: MaildirProvider) -> None:
    ref = provider.create_draft(draft(), None)
    found = provider.find_draft("", MSGID)
    assert found is not None and found.ref == ref
    assert provider.find_draft("no-such-key", "<nope@example.org>") is None


def test_draft_flagged_trashed_counts_as_gone(tree: Path, provider: MaildirProvider) -> None:
    ref = provider.create_draft(draft(), None)
    [path] = files_in(tree / "Drafts")
    os.replace(path, path.with_name(f"{ref.ref}:2,DST"))
    assert provider.find_draft(KEY, MSGID) is None


def test_find_draft_sees_an_edit(tree: Path, provider: MaildirProvider) -> None:
    provider.create_draft(draft(), None)
    [path] = files_in(tree / "Drafts")
    # Editors save an edited draft as a new file and remove the old one.
    path.unlink()
    edited = draft(body="Dear Jane,\n\nThanks a lot!\n")
    (tree / "Drafts" / "cur" / "1800000001.M2P9.laptop:2,DS").write_bytes(edited.as_bytes())
    found = provider.find_draft(KEY, MSGID)
    assert found is not None and "Thanks a lot!" in found.text


def test_delete_draft_moves_it_to_trash(
    tree: Path, provider: MaildirProvider, caplog: pytest.LogCaptureFixture
) -> None:
    ref = provider.create_draft(draft(), None)
    [path] = files_in(tree / "Drafts")
    provider.delete_draft(ref)
    assert files_in(tree / "Drafts") == []
    assert files_in(tree / "Trash") == [tree / "Trash" / "cur" / path.name]
    found = provider.find_draft(KEY, MSGID)
    assert found is not None and found.ref.folder is Folder.TRASH
    with caplog.at_level(logging.INFO):
        provider.delete_draft(ref)  # already gone: logged, nothing happens
    assert "no longer" in caplog.text
    assert len(files_in(tree / "Trash")) == 1


def test_delete_draft_survives_an_mbsync_rename(tree: Path, provider: MaildirProvider) -> None:
    ref = provider.create_draft(draft(), None)
    [path] = files_in(tree / "Drafts")
    os.replace(path, path.with_name(f"{ref.ref},U=17:2,DS"))
    provider.delete_draft(ref)
    assert files_in(tree / "Drafts") == []
    assert len(files_in(tree / "Trash")) == 1


def test_delete_draft_never_touches_other_folders(tree: Path, provider: MaildirProvider) -> None:
    sent = tree / "Sent" / "cur" / "1800000000.M1P9.laptop:2,S"
    sent.write_bytes(draft().as_bytes())
    provider.delete_draft(DraftRef(Folder.SENT, "1800000000.M1P9.laptop"))
    assert sent.exists()


def test_drafts_in_a_maildir_plus_plus_tree(tmp_path: Path) -> None:
    make_maildir(tmp_path)
    p = MaildirProvider()
    p.open(account(tmp_path), {})
    ref = p.create_draft(draft(), None)
    assert (tmp_path / ".Drafts" / "cur" / f"{ref.ref}:2,DS").exists()
    p.delete_draft(ref)
    assert (tmp_path / ".Trash" / "cur" / f"{ref.ref}:2,DS").exists()


def test_drafts_and_trash_removed_while_running_are_recreated(
    tree: Path, provider: MaildirProvider
) -> None:
    for name in ("Drafts", "Trash"):
        for sub in ("cur", "new", "tmp"):
            (tree / name / sub).rmdir()
    ref = provider.create_draft(draft(), None)
    provider.delete_draft(ref)
    assert len(files_in(tree / "Trash")) == 1


def test_concurrent_create_draft_writes_one_file(tree: Path) -> None:
    providers = [MaildirProvider() for _ in range(8)]
    for p in providers:
        p.open(account(tree), {})
    with ThreadPoolExecutor(max_workers=8) as pool:
        refs = set(pool.map(lambda p: p.create_draft(draft(), None), providers))
    assert len(refs) == 1
    assert len(files_in(tree / "Drafts")) == 1
