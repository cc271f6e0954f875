"""GmailProvider.sync against the local Gmail fake, through the real client library:
what a first scan and a history sync read, what they cost, and Gmail's traps."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from outbox.model import Folder, Message
from outbox.provider import TransientError
from outbox_providers.gmail import GmailProvider
from tests.fakes.gmail import GmailFake

from . import test_gmail_support as support
from .test_gmail_support import SINCE, eml, mail, open_provider


@pytest.fixture
def opened(fake: GmailFake, ring: support.MemoryKeyring,
           tmp_path: Path) -> Iterator[GmailProvider]:
    provider = open_provider(fake, ring, tmp_path)
    yield provider
    provider.close()


def everything(_m: Message) -> bool:
    return True


def nothing(_m: Message) -> bool:
    return False


def test_first_sync_reads_headers_of_recent_inbox_and_sent_mail(
    opened: GmailProvider, fake: GmailFake
) -> None:
    inbox = fake.deliver(eml("confirm_calendar.eml"))
    sent = fake.deliver(mail("Re: Coffee", 2), labels=("SENT",))
    fake.deliver(mail("Ancient", 3, date="Mon, 01 Dec 2025 10:00:00 +0000"))
    fake.deliver(mail("Hi", 4), labels=("CHAT",))
    fake.deliver(mail("Junk", 5), labels=("SPAM",))
    fake.reset_counters()

    result = opened.sync(None, SINCE, nothing)

    by_ref = {m.ref: m for m in result.messages}
    assert set(by_ref) == {inbox, sent}
    assert by_ref[sent].folder is Folder.SENT and by_ref[inbox].folder is Folder.INBOX
    confirmation = by_ref[inbox]
    assert confirmation.subject == "Interview Confirmation: Senior Data Engineer at Acme"
    assert confirmation.thread_hint == fake.mailbox.message(inbox).thread_id
    assert not confirmation.body_fetched and confirmation.text == ""
    # The history id is read before the listing; headers only, in one batch.
    assert fake.requests[0][0] == "gmail.users.getProfile"
    gets = fake.calls("users.messages.get")
    assert {g["format"] for g in gets} == {"metadata"}
    assert len(fake.calls("batch")) == 1
    query = fake.calls("users.messages.list")[0]["q"]
    assert "in:inbox OR in:sent" in query and "-in:chats" in query and "after:" in query
    assert json.loads(result.cursor) == {"v": 1, "historyId": str(fake.mailbox.history_id)}


def test_bodies_are_fetched_only_where_wanted_and_never_other_attachments(
    opened: GmailProvider, fake: GmailFake
) -> None:
    wanted = fake.deliver(eml("confirm_calendar.eml"))
    fake.deliver(eml("job_alert.eml"))
    fake.reset_counters()

    result = opened.sync(None, SINCE, lambda m: m.ref == wanted)

    message = next(m for m in result.messages if m.ref == wanted)
    assert message.body_fetched and "Acme" in message.text
    assert message.calendars and "BEGIN:VCALENDAR" in message.calendars[0]
    assert [g["id"] for g in fake.calls("users.messages.get") if g["format"] == "full"] == [wanted]
    # Only calendar parts are ever fetched as attachments.
    assert all(c["messageId"] == wanted for c in fake.calls("users.messages.attachments.get"))
    other = next(m for m in result.messages if m.ref != wanted)
    assert not other.body_fetched


def test_drafts_are_never_read_as_mail(opened: GmailProvider, fake: GmailFake) -> None:
    fake.mailbox.create_draft(mail("Re: Interview", 7), None)
    result = opened.sync(None, SINCE, everything)
    assert result.messages == []
    fake.mailbox.create_draft(mail("Re: Interview", 8), None)
    later = opened.sync(result.cursor, SINCE, everything)
    assert later.messages == []
    assert later.changed == {Folder.DRAFTS}  # so the core reconciles its drafts


def test_history_brings_new_mail_and_an_idle_mailbox_costs_one_request(
    opened: GmailProvider, fake: GmailFake
) -> None:
    first = opened.sync(None, SINCE, everything)
    new = fake.deliver(mail("Interview next steps", 9))
    second = opened.sync(first.cursor, SINCE, everything)
    assert [m.ref for m in second.messages] == [new]
    assert second.changed == {Folder.INBOX}

    fake.reset_counters()
    before = (opened.api.usage.requests, opened.api.usage.units)
    idle = opened.sync(second.cursor, SINCE, everything)
    assert idle.messages == [] and idle.changed == frozenset()
    assert idle.cursor == second.cursor
    assert [method for method, _ in fake.requests] == ["gmail.users.history.list"]
    assert fake.quota_units <= 2
    assert (opened.api.usage.requests - before[0], opened.api.usage.units - before[1]) == (1, 2)


def test_a_history_page_without_history_but_with_a_next_page_is_followed(
    opened: GmailProvider, fake: GmailFake
) -> None:
    first = opened.sync(None, SINCE, everything)
    new = fake.deliver(mail("Interview moved", 10))
    fake.empty_history_pages = True
    result = opened.sync(first.cursor, SINCE, everything)
    assert [m.ref for m in result.messages] == [new]
    assert len(fake.calls("users.history.list")) == 2


def test_expired_history_falls_back_to_a_fresh_scan(opened: GmailProvider,
                                                    fake: GmailFake) -> None:
    old = fake.deliver(eml("confirm_calendar.eml"))
    first = opened.sync(None, SINCE, everything)
    new = fake.deliver(mail("Interview follow-up", 11))
    fake.expire_history()
    fake.reset_counters()
    result = opened.sync(first.cursor, SINCE, everything)
    assert {m.ref for m in result.messages} == {old, new}
    methods = [method for method, _ in fake.requests]
    assert methods[:2] == ["gmail.users.history.list", "gmail.users.getProfile"]
    assert Folder.DRAFTS in result.changed  # so the core checks on its drafts
    assert json.loads(result.cursor)["historyId"] == str(fake.mailbox.history_id)


def test_the_cursor_is_the_history_id_read_before_the_changes(
    opened: GmailProvider, fake: GmailFake
) -> None:
    first = opened.sync(None, SINCE, everything)
    start = json.loads(first.cursor)["historyId"]
    fake.deliver(mail("Interview", 12))
    current = str(fake.mailbox.history_id)
    result = opened.sync(first.cursor, SINCE, everything)
    assert json.loads(result.cursor)["historyId"] == current != start


def test_an_unreadable_cursor_means_a_fresh_scan(opened: GmailProvider, fake: GmailFake) -> None:
    ref = fake.deliver(mail("Interview", 13))
    result = opened.sync("{not json", SINCE, everything)
    assert [m.ref for m in result.messages] == [ref]


def test_batches_go_to_the_configured_endpoint(opened: GmailProvider, fake: GmailFake) -> None:
    """Trap: BatchHttpRequest ignores client_options' endpoint unless given batch_uri;
    it would have posted to googleapis.com (unreachable here: the sync would fail)."""
    for n in range(3):
        fake.deliver(mail(f"Interview {n}", 20 + n))
    result = opened.sync(None, SINCE, everything)
    assert len(result.messages) == 3
    assert fake.calls("batch") == [{"parts": 3}, {"parts": 3}]  # headers, then bodies
    assert opened.api.batch_uri == fake.url + "/batch/gmail/v1"
    # The trap itself: the library's own batch ignores the endpoint.
    library_batch = opened.api.service.new_batch_http_request()
    assert library_batch._batch_uri == "https://gmail.googleapis.com/batch"


def test_a_message_gone_between_list_and_get_is_skipped(opened: GmailProvider,
                                                        fake: GmailFake) -> None:
    keep = fake.deliver(mail("Interview", 30))
    gone = fake.deliver(mail("Interview too", 31))
    fake.fail_next(1, status=404, method="users.messages.get")
    result = opened.sync(None, SINCE, nothing)
    assert [m.ref for m in result.messages] in ([keep], [gone])


def test_a_hostile_header_cannot_make_a_new_header(opened: GmailProvider, fake: GmailFake) -> None:
    raw = mail("Interview", 32).replace(b"Subject: Interview",
                                        b"Subject: =?utf-8?q?Hi=0D=0AX-Outbox-Key:_evil?=")
    fake.deliver(raw)
    (message,) = opened.sync(None, SINCE, nothing).messages
    assert message.outbox_key is None


def test_sync_when_closed_is_a_transient_error() -> None:
    with pytest.raises(TransientError):
        GmailProvider().sync(None, SINCE, everything)


def test_an_idle_engine_cycle_costs_one_request(fake: GmailFake, ring: support.MemoryKeyring,
                                               tmp_path: Path) -> None:
    """The whole cycle, not just sync: open, sync, plan, close against an unchanged
    mailbox is one history.list (2 quota units), and no token request either."""
    from datetime import datetime

    from outbox.clock import FixedClock
    from outbox.engine import Engine
    from outbox.store import Store
    from tests.contract.conftest import make_config

    fake.deliver(eml("confirm_calendar.eml"))
    support.store_token(ring, fake)
    config = make_config(support.account(fake, tmp_path).model_dump(mode="json"),
                         tmp_path / "state")
    store = Store.open(tmp_path / "state")
    try:
        engine = Engine(config, store, FixedClock(datetime.fromisoformat(
            "2026-03-09T12:00:00+00:00")))
        engine.cycle("home")
        assert len(store.interviews()) == 1
        fake.reset_counters()
        engine.cycle("home")
    finally:
        store.close()
    assert fake.requests == [("gmail.users.history.list", fake.requests[0][1])]
    assert fake.quota_units == 2
