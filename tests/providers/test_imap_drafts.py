"""ImapProvider drafts against a real Dovecot: create once, find anywhere, retract safely."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from typing import Any

import pytest

from outbox.accounts import ImapAccount
from outbox.model import Folder
from outbox.provider import DraftRef
from outbox_providers.imap import ImapProvider
from tests.servers import MailUser, record_commands

pytestmark = pytest.mark.imap

KEY = "outbox.iv1.thank_you.3f9a"
MSGID = f"<{KEY}@example.org>"


def draft(key: str | None = KEY, message_id: str = MSGID, body: str = "Thank you, Jane!"
          ) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"] = "Ada <ada@example.org>", "jane@acme.example"
    msg["Subject"] = "Re: Interview on Monday"
    msg["Message-ID"] = message_id
    msg["In-Reply-To"] = msg["References"] = "<invite-1@acme.example>"
    if key:
        msg["X-Outbox-Key"] = key
    msg.set_content(body)
    return msg


@pytest.fixture
def provider(imap_account: MailUser) -> Iterator[ImapProvider]:
    p = ImapProvider()
    p.open(ImapAccount.model_validate(imap_account.account()), imap_account.secrets())
    yield p
    p.close()


def contents(user: MailUser, folder: str) -> list[tuple[int, tuple[bytes, ...], str]]:
    """(UID, flags, X-Outbox-Key or Subject) of every message in ``folder``."""
    with user.client() as c:
        c.select_folder(folder, readonly=True)
        data = c.fetch(c.search("ALL"),
                       ["FLAGS", "BODY.PEEK[HEADER.FIELDS (X-OUTBOX-KEY SUBJECT)]"])
    out = []
    for uid, item in sorted(data.items()):
        header = next(v for k, v in item.items() if k.startswith(b"BODY[HEADER")).decode()
        key = re.search(r"X-Outbox-Key: (\S+)", header, re.I)
        subject = re.search(r"Subject: (.*?)\r\n", header, re.I)
        label = key.group(1) if key else (subject.group(1) if subject else "")
        out.append((uid, tuple(sorted(item[b"FLAGS"])), label))
    return out


def move(user: MailUser, uid: int, source: str, target: str) -> None:
    with user.client() as c:
        c.select_folder(source)
        c.move([uid], target)


def uid_of(ref: DraftRef) -> int:
    return int(ref.ref.rsplit(":", 1)[1])


def without(client: Any, *missing: str) -> None:
    """Make the provider's connection believe the server lacks ``missing``."""
    gone = {m.encode() for m in missing}
    real = client.capabilities()
    client.capabilities = lambda: tuple(c for c in real if c not in gone)


def test_create_draft_twice_writes_one_flagged_draft_in_the_drafts_folder(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    first = provider.create_draft(draft(), None)
    second = provider.create_draft(draft(), None)

    assert first == second and first.folder is Folder.DRAFTS
    with imap_account.client() as c:
        drafts = c.find_special_folder(b"\\Drafts")
    assert drafts == "Drafts" and first.ref.startswith("Drafts:")
    [(uid, flags, key)] = contents(imap_account, "Drafts")
    assert key == KEY and uid == uid_of(first)
    assert b"\\Draft" in flags and b"\\Seen" in flags


def test_find_draft_follows_it_from_drafts_to_sent_to_trash(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    assert provider.find_draft(KEY, MSGID) is None
    ref = provider.create_draft(draft(), None)

    found = provider.find_draft(KEY, MSGID)
    assert found is not None and found.ref == ref
    assert found.text.strip() == "Thank you, Jane!"

    move(imap_account, uid_of(ref), "Drafts", "Sent")  # the user sent it
    in_sent = provider.find_draft(KEY, MSGID)
    assert in_sent is not None and in_sent.ref.folder is Folder.SENT
    assert in_sent.text.strip() == "Thank you, Jane!"

    move(imap_account, uid_of(in_sent.ref), "Sent", "Trash")
    in_trash = provider.find_draft(KEY, MSGID)
    assert in_trash is not None and in_trash.ref.folder is Folder.TRASH

    with imap_account.client() as c:  # and emptied the trash
        c.select_folder("Trash")
        c.delete_messages([uid_of(in_trash.ref)])
        c.expunge()
    assert provider.find_draft(KEY, MSGID) is None


def test_find_draft_by_message_id_when_the_key_header_is_gone(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    imap_account.deliver(draft(key=None).as_bytes(policy=policy.SMTP), folder="Sent")

    found = provider.find_draft(KEY, MSGID)

    assert found is not None and found.ref.folder is Folder.SENT


def test_find_draft_matches_keys_exactly_and_ignores_deleted(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    longer = f"{KEY}0"  # HEADER search matches substrings; this must not count
    imap_account.deliver(draft(key=longer, message_id=f"<{longer}@example.org>").as_bytes(
        policy=policy.SMTP), folder="Drafts", flags=("\\Draft",))
    imap_account.deliver(draft().as_bytes(policy=policy.SMTP), folder="Drafts",
                         flags=("\\Draft", "\\Deleted"))

    assert provider.find_draft(KEY, MSGID) is None
    ref = provider.create_draft(draft(), None)  # a \Deleted copy does not count either
    assert uid_of(ref) == 3


def test_delete_draft_moves_it_to_trash_and_spares_the_users_deleted_drafts(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    own = imap_account.deliver(draft(key=None, message_id="<mine@example.org>", body="mine")
                               .as_bytes(policy=policy.SMTP), folder="Drafts",
                               flags=("\\Draft", "\\Deleted"))
    ref = provider.create_draft(draft(), None)
    commands = record_commands(provider.client)

    provider.delete_draft(ref)

    assert "EXPUNGE" not in commands and "CLOSE" not in commands
    assert contents(imap_account, "Drafts") == [(own, (b"\\Deleted", b"\\Draft"),
                                                 "Re: Interview on Monday")]
    assert [key for _uid, _flags, key in contents(imap_account, "Trash")] == [KEY]
    found = provider.find_draft(KEY, MSGID)
    assert found is not None and found.ref.folder is Folder.TRASH
    provider.delete_draft(ref)  # already gone: nothing happens
    assert len(contents(imap_account, "Trash")) == 1


def test_delete_draft_without_move_expunges_only_that_uid(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    own = imap_account.deliver(draft(key=None, message_id="<mine@example.org>")
                               .as_bytes(policy=policy.SMTP), folder="Drafts",
                               flags=("\\Draft", "\\Deleted"))
    ref = provider.create_draft(draft(), None)
    without(provider.client, "MOVE")
    commands = record_commands(provider.client)

    provider.delete_draft(ref)

    assert "UID EXPUNGE" in commands and "EXPUNGE" not in commands
    assert "MOVE" not in " ".join(commands)
    assert [uid for uid, _f, _k in contents(imap_account, "Drafts")] == [own]
    assert [key for _uid, _flags, key in contents(imap_account, "Trash")] == [KEY]


def test_delete_draft_without_move_or_uidplus_leaves_it_flagged(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    ref = provider.create_draft(draft(), None)
    without(provider.client, "MOVE", "UIDPLUS")
    commands = record_commands(provider.client)

    provider.delete_draft(ref)

    assert not any("EXPUNGE" in c for c in commands)
    [(_uid, flags, _key)] = contents(imap_account, "Drafts")
    assert b"\\Deleted" in flags
    assert [key for _uid, _flags, key in contents(imap_account, "Trash")] == [KEY]


def test_delete_draft_leaves_it_alone_in_doubt(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    ref = provider.create_draft(draft(), None)
    mailbox, uidvalidity, uid = ref.ref.rsplit(":", 2)
    stale = DraftRef(Folder.DRAFTS, f"{mailbox}:{int(uidvalidity) + 1}:{uid}")

    provider.delete_draft(stale)  # the folder was rebuilt since: that UID is not ours
    provider.delete_draft(DraftRef(Folder.SENT, ref.ref))  # never touch sent mail
    provider.delete_draft(DraftRef(Folder.DRAFTS, "garbage"))

    assert len(contents(imap_account, "Drafts")) == 1
    assert contents(imap_account, "Trash") == []


def test_create_draft_without_appenduid_finds_what_it_wrote(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    client = provider.client
    real_append = client.append
    client.append = lambda *a, **kw: re.sub(rb"\[APPENDUID [^]]*\] ?", b"",
                                            real_append(*a, **kw))

    ref = provider.create_draft(draft(), None)

    assert ref.folder is Folder.DRAFTS and uid_of(ref) == 1


def test_configured_drafts_folder_is_created_and_used(imap_account: MailUser) -> None:
    p = ImapProvider()
    account = imap_account.account(folders={"drafts": "Outbox Drafts"})
    p.open(ImapAccount.model_validate(account), imap_account.secrets())
    try:
        ref = p.create_draft(draft(), None)
    finally:
        p.close()
    assert ref.ref.startswith("Outbox Drafts:")
    assert [key for _u, _f, key in contents(imap_account, "Outbox Drafts")] == [KEY]
