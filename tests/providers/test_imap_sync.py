"""ImapProvider.sync against a real Dovecot: what is read, what it costs, cursors."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

import pytest

from outbox.accounts import ImapAccount
from outbox.model import Folder, Message
from outbox_providers.imap import ImapProvider, fetch
from tests.servers import MailUser, record_commands

pytestmark = pytest.mark.imap

NOW = datetime.now(UTC).replace(microsecond=0)
SINCE = NOW - timedelta(days=30)
ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
       "UID:iv-1@acme.example\r\nSUMMARY:Interview\r\nDTSTART:20300101T100000Z\r\n"
       "END:VEVENT\r\nEND:VCALENDAR\r\n")
PDF = b"%PDF-1.4\n" + b"0123456789abcdef" * 200_000  # ~3 MB: must never be fetched


def mail(subject: str, *, when: datetime = NOW, body: str = "Hello.",
         frm: str = "jane@acme.example", to: str = "ada@example.org") -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = frm, to, subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = make_msgid(domain="acme.example")
    msg.set_content(body)
    return msg


def raw(msg: EmailMessage) -> bytes:
    return msg.as_bytes(policy=policy.SMTP)


def invitation() -> EmailMessage:
    """mixed( alternative(plain latin-1 QP, html, calendar base64), pdf attachment )."""
    msg = mail("Interview on Monday")
    msg.set_content("Café at 10, see you then.", charset="iso-8859-1", cte="quoted-printable")
    msg.add_alternative("<p>Café at <b>10</b></p>", subtype="html")
    msg.add_alternative(ICS, subtype="calendar", cte="base64", params={"method": "REQUEST"})
    msg.add_attachment(PDF, maintype="application", subtype="pdf", filename="brochure.pdf")
    return msg


def ics_attachment() -> EmailMessage:
    """The invitation travels only as an attached invite.ics (application/octet-stream)."""
    msg = mail("Invitation attached", body="Please find the invitation attached.")
    msg.add_attachment(ICS.encode(), maintype="application", subtype="octet-stream",
                       filename="invite.ics")
    return msg


class FetchSpy:
    """The data items of every FETCH the provider asks for."""

    def __init__(self, client: Any) -> None:
        self.calls: list[tuple[list[int], list[str]]] = []
        real_fetch = client.fetch

        def spy(messages: Any, data: Any, modifiers: Any = None) -> Any:
            self.calls.append((list(messages), [str(d) for d in data]))
            return real_fetch(messages, data, modifiers)

        client.fetch = spy

    @property
    def items(self) -> list[str]:
        return [item for _uids, items in self.calls for item in items]


@pytest.fixture
def provider(imap_account: MailUser) -> Iterator[ImapProvider]:
    p = ImapProvider()
    p.open(ImapAccount.model_validate(imap_account.account()), imap_account.secrets())
    yield p
    p.close()


def never(_m: Message) -> bool:
    return False


def by_subject(messages: list[Message]) -> dict[str, Message]:
    return {m.subject: m for m in messages}


def test_first_sync_reads_headers_of_messages_since(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    old = NOW - timedelta(days=90)
    imap_account.deliver(raw(mail("Old news", when=old)), when=old)
    imap_account.deliver(raw(mail("Recent", when=NOW - timedelta(days=2))),
                         when=NOW - timedelta(days=2))
    sent_uid = imap_account.deliver(raw(mail("My answer", frm="ada@example.org",
                                             to="jane@acme.example")), folder="Sent")
    # Dated inside the window by its received time but not by its Date header.
    imap_account.deliver(raw(mail("Backdated", when=old)))

    result = provider.sync(None, SINCE, never)

    got = by_subject(result.messages)
    assert set(got) == {"Recent", "My answer"}
    assert got["Recent"].folder is Folder.INBOX and got["My answer"].folder is Folder.SENT
    assert got["Recent"].from_ is not None and got["Recent"].from_.email == "jane@acme.example"
    assert re.fullmatch(r"INBOX:\d+:2", got["Recent"].ref)
    assert got["My answer"].ref.endswith(f":{sent_uid}")
    assert not any(m.body_fetched or m.text for m in result.messages)
    assert result.changed == {Folder.INBOX, Folder.SENT, Folder.DRAFTS}
    folders = json.loads(result.cursor)["folders"]
    assert set(folders) == {"inbox", "sent", "drafts"}
    assert {"uidvalidity", "uidnext", "messages", "highestmodseq"} <= set(folders["inbox"])


def test_only_readable_parts_of_wanted_messages_are_fetched(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    imap_account.deliver(raw(mail("Just a note")))
    imap_account.deliver(raw(invitation()))
    imap_account.deliver(raw(ics_attachment()))
    spy = FetchSpy(provider.client)

    result = provider.sync(None, SINCE, lambda m: m.has_calendar)

    got = by_subject(result.messages)
    note, invite, attached = (got["Just a note"], got["Interview on Monday"],
                              got["Invitation attached"])
    assert not note.has_calendar and not note.body_fetched and note.text == ""
    assert invite.has_calendar and invite.body_fetched
    assert invite.text.strip() == "Café at 10, see you then."
    assert "<b>10</b>" in invite.html and "Café" in invite.html
    assert invite.calendars and "UID:iv-1@acme.example" in invite.calendars[0]
    assert attached.has_calendar and attached.body_fetched
    assert "BEGIN:VCALENDAR" in attached.calendars[0]
    assert attached.text.strip() == "Please find the invitation attached."
    # One header FETCH for all three; then one per part layout, of named leaf parts only.
    header_fetches = [c for c in spy.calls if fetch.HEADER_ITEM in c[1]]
    assert len(header_fetches) == 1 and len(header_fetches[0][0]) == 3
    body_items = {i for i in spy.items if re.fullmatch(r"BODY\.PEEK\[[\d.]+\].*", i)}
    assert body_items == {"BODY.PEEK[1.1]", "BODY.PEEK[1.2]", "BODY.PEEK[1.3]",
                          "BODY.PEEK[1]", "BODY.PEEK[2]"}
    invite_uid, attached_uid = 2, 3
    for uids, items in spy.calls:
        if "BODY.PEEK[2]" in items:  # the invite.ics of message 3, never the PDF of 2
            assert uids == [attached_uid]
        if "BODY.PEEK[1.1]" in items:
            assert uids == [invite_uid]
    assert not any(i in ("BODY.PEEK[]", "BODY[]", "RFC822", "BODY.PEEK[TEXT]")
                   for i in spy.items)


def test_unchanged_mailbox_costs_one_status_per_watched_folder(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    imap_account.deliver(raw(mail("Recent")))
    first = provider.sync(None, SINCE, never)
    commands = record_commands(provider.client)

    again = provider.sync(first.cursor, SINCE, never)

    assert commands == ["STATUS", "STATUS", "STATUS"]
    assert again.messages == [] and again.changed == frozenset()
    assert again.cursor == first.cursor


def test_a_flag_change_is_reported_without_reading_anything(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    uid = imap_account.deliver(raw(mail("Recent")))
    first = provider.sync(None, SINCE, never)
    with imap_account.client() as c:  # the user read it in their mail client
        c.select_folder("INBOX")
        c.add_flags([uid], ["\\Seen"])
    commands = record_commands(provider.client)

    second = provider.sync(first.cursor, SINCE, never)

    assert commands == ["STATUS", "STATUS", "STATUS"]  # HIGHESTMODSEQ moved, UIDNEXT not
    assert second.messages == [] and second.changed == {Folder.INBOX}
    assert second.cursor != first.cursor


def test_a_new_message_is_returned_once(imap_account: MailUser, provider: ImapProvider) -> None:
    first = provider.sync(None, SINCE, never)
    assert first.messages == []
    imap_account.deliver(raw(mail("Fresh")))

    second = provider.sync(first.cursor, SINCE, lambda m: True)
    third = provider.sync(second.cursor, SINCE, lambda m: True)

    assert [m.subject for m in second.messages] == ["Fresh"]
    assert second.messages[0].body_fetched and second.messages[0].text.strip() == "Hello."
    assert second.changed == {Folder.INBOX}
    assert third.messages == [] and third.changed == frozenset()


def test_drafts_changes_are_reported_not_returned(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    first = provider.sync(None, SINCE, never)
    imap_account.deliver(raw(mail("A draft of mine", frm="ada@example.org")), folder="Drafts",
                         flags=("\\Draft",))

    second = provider.sync(first.cursor, SINCE, never)

    assert second.messages == [] and second.changed == {Folder.DRAFTS}


def test_uidnext_moved_without_new_mail_returns_nothing(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    imap_account.deliver(raw(mail("Kept")))
    first = provider.sync(None, SINCE, never)
    # A message arrives and is expunged before the next cycle: UIDNEXT moved on, and
    # "UID SEARCH UID <old uidnext>:*" answers with the last UID (kept), which is old.
    imap_account.deliver(raw(mail("Gone")), flags=("\\Deleted",))
    with imap_account.client() as c:
        c.select_folder("INBOX")
        c.expunge()
    commands = record_commands(provider.client)

    second = provider.sync(first.cursor, SINCE, never)

    assert second.messages == []
    assert "FETCH" not in " ".join(commands)


def test_uidvalidity_change_rescans_that_folder(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    imap_account.deliver(raw(mail("Sent before", frm="ada@example.org")), folder="Sent")
    first = provider.sync(None, SINCE, never)
    before = json.loads(first.cursor)["folders"]["sent"]["uidvalidity"]
    with imap_account.client() as c:  # the server rebuilt the folder: all UIDs are new
        c.delete_folder("Sent")
        c.create_folder("Sent")
    old = NOW - timedelta(days=90)
    imap_account.deliver(raw(mail("Sent long ago", when=old)), folder="Sent", when=old)
    imap_account.deliver(raw(mail("Sent again", frm="ada@example.org")), folder="Sent")

    second = provider.sync(first.cursor, SINCE, never)

    after = json.loads(second.cursor)["folders"]["sent"]["uidvalidity"]
    assert after != before
    assert [m.subject for m in second.messages] == ["Sent again"]
    assert second.messages[0].ref == f"Sent:{after}:2"
    assert second.changed == {Folder.SENT}


def test_malformed_message_is_skipped(imap_account: MailUser, provider: ImapProvider) -> None:
    imap_account.deliver(b"\r\nno header block at all\r\n")
    imap_account.deliver(raw(mail("Fine")))

    result = provider.sync(None, None, lambda m: True)

    assert [m.subject for m in result.messages] == ["Fine"]


def test_large_uid_sets_are_fetched_in_chunks(
    imap_account: MailUser, provider: ImapProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch, "CHUNK", 10)
    with imap_account.client() as c:
        for i in range(25):
            c.append("INBOX", raw(mail(f"Bulk {i}")))
    spy = FetchSpy(provider.client)

    result = provider.sync(None, SINCE, lambda m: m.subject.endswith("7"))

    assert len(result.messages) == 25
    assert [len(uids) for uids, items in spy.calls if fetch.HEADER_ITEM in items] == [10, 10, 5]
    assert sorted(m.subject for m in result.messages if m.body_fetched) == ["Bulk 17", "Bulk 7"]


def test_unreadable_cursor_counts_as_a_first_run(
    imap_account: MailUser, provider: ImapProvider
) -> None:
    imap_account.deliver(raw(mail("Recent")))

    result = provider.sync("not json at all", SINCE, never)

    assert [m.subject for m in result.messages] == ["Recent"]
