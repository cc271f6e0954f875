"""ImapProvider.open / errors against a real Dovecot: TLS, auth, dropped servers."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from outbox.accounts import ImapAccount
from outbox.model import Folder
from outbox.provider import AuthError, PermanentError, TransientError
from outbox_providers.imap import ImapProvider
from tests.servers import PASSWORD_ENV, Dovecot, MailUser

pytestmark = pytest.mark.imap

SINCE = datetime.now(UTC) - timedelta(days=30)


def opened(account: dict[str, Any], secrets: dict[str, str]) -> ImapProvider:
    p = ImapProvider()
    p.open(ImapAccount.model_validate(account), secrets)
    return p


def test_tls_with_the_servers_ca_file_verifies(imap_account: MailUser) -> None:
    p = opened(imap_account.tls_account(), imap_account.secrets())
    try:
        result = p.sync(None, SINCE, lambda m: False)
    finally:
        p.close()
    assert result.changed == {Folder.INBOX, Folder.SENT, Folder.DRAFTS}


def test_starttls_with_the_servers_ca_file_verifies(imap_account: MailUser) -> None:
    account = imap_account.account(security="starttls", ca_file=str(imap_account.server.ca_file))
    p = opened(account, imap_account.secrets())
    try:
        assert p.find_draft("no-such-key", "<none@example.org>") is None
    finally:
        p.close()


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_tls_without_the_ca_fails_with_a_clear_error(
    imap_account: MailUser, security: str
) -> None:
    port = imap_account.server.ssl_port if security == "tls" else imap_account.server.port
    account = imap_account.account(security=security, port=port)

    with pytest.raises(PermanentError) as caught:
        opened(account, imap_account.secrets())

    assert "certificate" in str(caught.value) and "home" in str(caught.value)
    assert "ca_file" in caught.value.hint


def test_unreadable_ca_file_is_permanent(imap_account: MailUser, tmp_path: Any) -> None:
    account = imap_account.tls_account(ca_file=str(tmp_path / "missing.pem"))
    with pytest.raises(PermanentError, match="ca_file"):
        opened(account, imap_account.secrets())


def test_tls_to_a_port_without_tls_is_permanent(imap_account: MailUser) -> None:
    account = imap_account.tls_account(port=imap_account.server.port)  # plain IMAP port
    with pytest.raises(PermanentError) as caught:
        opened(account, imap_account.secrets())
    assert "port" in caught.value.hint


def test_wrong_password_is_an_auth_error_naming_the_setting(imap_account: MailUser) -> None:
    with pytest.raises(AuthError) as caught:
        opened(imap_account.account(), {"password": "wrong"})

    assert "'home'" in str(caught.value)
    assert PASSWORD_ENV in caught.value.hint and imap_account.username in caught.value.hint


def test_missing_password_is_an_auth_error(imap_account: MailUser) -> None:
    with pytest.raises(AuthError, match="no password"):
        opened(imap_account.account(), {})


def test_nothing_listening_is_transient(imap_account: MailUser) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, never listening: connections are refused
        with pytest.raises(TransientError, match="connection"):
            opened(imap_account.account(port=port), imap_account.secrets())


def test_a_server_that_never_answers_times_out(imap_account: MailUser) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(TransientError, match="timed out"):
            opened(imap_account.account(port=port, timeout="1s"), imap_account.secrets())
    assert time.monotonic() - started < 5


def test_overridden_inbox_that_does_not_exist_is_permanent(imap_account: MailUser) -> None:
    with pytest.raises(PermanentError, match="Nowhere"):
        opened(imap_account.account(folders={"inbox": "Nowhere"}), imap_account.secrets())


@pytest.fixture
def own_server(dovecot: Dovecot) -> Iterator[Dovecot]:
    """A Dovecot of this test's own, which it may stop (skips with the shared one)."""
    server = Dovecot()
    server.start()
    yield server
    server.stop()


def test_server_stopped_mid_cycle_is_transient(own_server: Dovecot) -> None:
    p = opened(own_server.account(), own_server.secrets())
    first = p.sync(None, SINCE, lambda m: False)
    own_server.deliver(b"Subject: hi\r\nMessage-ID: <x@example.org>\r\n\r\nhi\r\n")
    stop = threading.Thread(target=own_server.stop)

    def stop_then_want(_m: Any) -> bool:  # the server goes away in the middle of sync
        stop.start()
        stop.join()
        return True

    with pytest.raises(TransientError, match="connection to the IMAP server failed"):
        p.sync(first.cursor, SINCE, stop_then_want)
    with pytest.raises(TransientError, match="not open"):
        p.sync(first.cursor, SINCE, lambda m: False)  # the dead connection was dropped
    p.close()  # never raises
    p.close()


def test_close_before_open_and_calls_after_close(imap_account: MailUser) -> None:
    p = ImapProvider()
    p.close()
    with pytest.raises(TransientError, match="not open"):
        p.sync(None, SINCE, lambda m: False)
