"""Our drafts in Gmail (the local fake): written once, threaded, found again in
Drafts, Sent or Trash, removed only as the account's scopes allow."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from outbox.clock import FixedClock
from outbox.engine import Engine
from outbox.model import Folder
from outbox.provider import AuthError, DraftRef, TransientError
from outbox.store import Store
from outbox_providers.gmail import GmailProvider
from tests.contract.conftest import make_config
from tests.contract.mailboxes_gmail import user_client
from tests.fakes.gmail import COMPOSE, MODIFY, READONLY, GmailFake
from tests.fakes.keyring import MemoryKeyring

from .test_gmail_support import account, eml, open_provider, store_token

CONFIRM_ID = "<gh.interview.4815162342.20260302150411@greenhouse.io>"
SUBJECT = "Interview Confirmation: Senior Data Engineer at Acme"
KEY = "outbox.abc123.thank_you.0123456789"
MESSAGE_ID = f"<{KEY}@example.com>"


def reply(subject: str = f"Re: {SUBJECT}", text: str = "Thank you, Grace.\n") -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"] = "ada@example.com", "grace@acme.com"
    msg["Subject"], msg["Date"] = subject, "Wed, 11 Mar 2026 09:00:00 +0000"
    msg["Message-ID"], msg["X-Outbox-Key"] = MESSAGE_ID, KEY
    msg["In-Reply-To"] = msg["References"] = CONFIRM_ID
    msg.set_content(text)
    return msg


@pytest.fixture
def gmail(fake: GmailFake, ring: MemoryKeyring, tmp_path: Path
          ) -> Iterator[tuple[GmailProvider, str]]:
    """An open provider (readonly + compose) and the thread of a delivered confirmation."""
    confirmation = fake.deliver(eml("confirm_calendar.eml"))
    provider = open_provider(fake, ring, tmp_path)
    yield provider, fake.mailbox.message(confirmation).thread_id
    provider.close()
    assert fake.mailbox.sent_via_api == []


def test_a_draft_is_written_as_json_raw_into_the_thread(gmail, fake: GmailFake) -> None:
    provider, thread = gmail
    ref = provider.create_draft(reply(), thread)
    (draft,) = fake.mailbox.drafts()
    assert ref == DraftRef(Folder.DRAFTS, f"{draft.id}:{draft.message.id}")
    assert draft.message.thread_id == thread and draft.message.label_ids == ["DRAFT"]
    assert draft.message.header("X-Outbox-Key") == KEY
    assert fake.mailbox.threading_traps == []
    (create,) = fake.calls("users.drafts.create")
    assert "uploadType" not in create  # JSON raw, not a media upload


def test_media_uploads_would_miss_a_plain_http_endpoint(gmail, fake: GmailFake) -> None:
    """The trap the JSON ``raw`` avoids: upload URLs keep https whatever the endpoint."""
    from googleapiclient.http import MediaInMemoryUpload

    provider, _ = gmail
    upload = MediaInMemoryUpload(reply().as_bytes(), mimetype="message/rfc822")
    request = provider.api.users.drafts().create(userId="me", body={}, media_body=upload)
    assert fake.url.startswith("http://")
    assert request.uri.startswith("https://" + fake.url.removeprefix("http://") + "/upload/")


def test_creating_twice_writes_once(gmail, fake: GmailFake) -> None:
    provider, thread = gmail
    first = provider.create_draft(reply(), thread)
    second = provider.create_draft(reply(), thread)
    assert first == second
    assert len(fake.mailbox.drafts()) == 1
    assert len(fake.calls("users.drafts.create")) == 1


def test_a_subject_that_does_not_match_breaks_gmail_threading(gmail, fake: GmailFake) -> None:
    """Why the reply subject must be "Re: " + the thread's: Gmail accepts the draft
    but puts it outside the thread (the fake records the trap)."""
    provider, thread = gmail
    provider.create_draft(reply(subject="Thanks for today"), thread)
    (trap,) = fake.mailbox.threading_traps
    assert trap.reason == "subject does not match"


def test_the_engine_replies_with_the_threads_exact_subject(fake: GmailFake, ring: MemoryKeyring,
                                                          tmp_path: Path) -> None:
    confirmation = fake.deliver(eml("confirm_calendar.eml"))
    store_token(ring, fake)
    config = make_config(account(fake, tmp_path).model_dump(mode="json"), tmp_path / "state")
    store = Store.open(tmp_path / "state")
    try:
        clock = FixedClock(datetime.fromisoformat("2026-03-11T09:00:00+00:00"))
        Engine(config, store, clock).cycle("home")
    finally:
        store.close()
    (draft,) = fake.mailbox.drafts()
    assert draft.message.subject == f"Re: {SUBJECT}"
    assert draft.message.thread_id == fake.mailbox.message(confirmation).thread_id
    assert fake.mailbox.threading_traps == []


def test_find_draft_in_drafts_then_sent_then_trash(gmail, fake: GmailFake) -> None:
    provider, thread = gmail
    assert provider.find_draft(KEY, MESSAGE_ID) is None
    ref = provider.create_draft(reply(), thread)
    found = provider.find_draft(KEY, MESSAGE_ID)
    assert found is not None and found.ref == ref
    assert found.text.strip() == "Thank you, Grace."

    user = user_client(fake).users()
    draft_id = ref.ref.partition(":")[0]
    sent = user.drafts().send(userId="me", body={"id": draft_id}).execute()
    found = provider.find_draft(KEY, MESSAGE_ID)
    assert found is not None and found.ref == DraftRef(Folder.SENT, sent["id"])

    user.messages().trash(userId="me", id=sent["id"]).execute()
    found = provider.find_draft(KEY, MESSAGE_ID)
    assert found is not None and found.ref == DraftRef(Folder.TRASH, sent["id"])
    fake.mailbox.sent_via_api.clear()  # the user sent it, not outbox


def test_a_message_merely_mentioning_our_id_is_not_our_draft(gmail, fake: GmailFake) -> None:
    provider, _ = gmail
    other = reply()
    del other["Message-ID"], other["X-Outbox-Key"]
    other["Message-ID"] = "<someone.else@acme.com>"
    fake.deliver(other.as_bytes())
    assert provider.find_draft(KEY, MESSAGE_ID) is None


def test_with_least_privilege_a_stale_draft_is_left_not_destroyed(gmail, fake: GmailFake) -> None:
    """gmail.readonly + gmail.compose cannot move a draft to Trash (that needs
    gmail.modify); drafts.delete would destroy it, which outbox never does."""
    provider, thread = gmail
    ref = provider.create_draft(reply(), thread)
    fake.reset_counters()
    assert provider.delete_draft(ref) is False
    assert len(fake.mailbox.drafts()) == 1
    assert fake.calls("users.drafts.delete") == [] and fake.calls("users.messages.trash") == []


def test_delete_with_trash_stale_drafts_moves_it_to_trash(fake: GmailFake, ring: MemoryKeyring,
                                                         tmp_path: Path) -> None:
    confirmation = fake.deliver(eml("confirm_calendar.eml"))
    thread = fake.mailbox.message(confirmation).thread_id
    provider = open_provider(fake, ring, tmp_path, (READONLY, COMPOSE, MODIFY),
                             trash_stale_drafts=True)
    try:
        ref = provider.create_draft(reply(), thread)
        assert provider.delete_draft(ref) is True
        (trashed,) = fake.mailbox.messages("TRASH")
        assert trashed.header("X-Outbox-Key") == KEY
        found = provider.find_draft(KEY, MESSAGE_ID)
        assert found is not None and found.ref.folder is Folder.TRASH
    finally:
        provider.close()


def test_trash_stale_drafts_needs_a_token_with_gmail_modify(fake: GmailFake, ring: MemoryKeyring,
                                                           tmp_path: Path) -> None:
    with pytest.raises(AuthError) as info:
        open_provider(fake, ring, tmp_path, (READONLY, COMPOSE), trash_stale_drafts=True)
    assert "gmail.modify" in str(info.value) and "outbox auth home" in info.value.hint


def test_a_draft_edited_since_it_was_checked_is_left_alone(
    fake: GmailFake, ring: MemoryKeyring, tmp_path: Path
) -> None:
    confirmation = fake.deliver(eml("confirm_calendar.eml"))
    thread = fake.mailbox.message(confirmation).thread_id
    provider = open_provider(fake, ring, tmp_path, (READONLY, COMPOSE, MODIFY),
                             trash_stale_drafts=True)
    try:
        ref = provider.create_draft(reply(), thread)
        draft_id = ref.ref.partition(":")[0]
        edited = reply(text="My own words.\n")
        body = {"message": {"raw": base64.urlsafe_b64encode(edited.as_bytes()).decode(),
                            "threadId": thread}}
        user_client(fake).users().drafts().update(userId="me", id=draft_id, body=body).execute()
        assert provider.delete_draft(ref) is False
        (draft,) = fake.mailbox.drafts()
        assert b"My own words." in draft.message.raw
    finally:
        provider.close()


def test_only_drafts_in_drafts_are_ever_deleted(gmail, fake: GmailFake) -> None:
    provider, thread = gmail
    provider.create_draft(reply(), thread)
    fake.reset_counters()
    provider.delete_draft(DraftRef(Folder.SENT, "18c2f0a3b4d501f3"))
    provider.delete_draft(DraftRef(Folder.DRAFTS, "not-a-gmail-ref"))
    assert fake.requests == []
    assert len(fake.mailbox.drafts()) == 1


def test_a_create_that_failed_ambiguously_is_not_repeated(gmail, fake: GmailFake) -> None:
    """A 5xx may come after the draft was made: never send the create twice."""
    provider, thread = gmail
    fake.fail_next(1, status=503, method="users.drafts.create")
    with pytest.raises(TransientError):
        provider.create_draft(reply(), thread)
    assert len(fake.calls("users.drafts.create")) == 1


def test_a_rate_limited_create_is_retried(gmail, fake: GmailFake) -> None:
    provider, thread = gmail
    fake.fail_next(1, status=429, retry_after=1, method="users.drafts.create")
    provider.create_draft(reply(), thread)
    assert len(fake.calls("users.drafts.create")) == 2
    assert len(fake.mailbox.drafts()) == 1
