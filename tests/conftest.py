"""Shared fixtures. Each section is owned by the part of the suite named in its title."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.fakes.gmail import GmailFake
from tests.fakes.keyring import MemoryKeyring, installed
from tests.servers import PASSWORD_ENV, Dovecot, DovecotUnavailable, MailUser, dovecot_binary

# ======================================================================================
# Dovecot (IMAP) fixtures — a real server on loopback, see tests/servers.py.
#   dovecot       (session)  the running ``Dovecot``; one per test session
#   imap_account  (function) a fresh ``MailUser`` on it: empty INBOX, Drafts, Sent,
#                            Trash; ``.account()`` is its outbox account dict and
#                            $OUTBOX_TEST_IMAP_PASSWORD holds its password
# Without the dovecot binary these skip, unless OUTBOX_REQUIRE_DOVECOT=1 (then fail).
# ======================================================================================


def _no_dovecot(reason: str) -> None:
    if os.environ.get("OUTBOX_REQUIRE_DOVECOT") == "1":
        pytest.fail(f"{reason} (OUTBOX_REQUIRE_DOVECOT=1)", pytrace=False)
    pytest.skip(f"{reason}; set OUTBOX_REQUIRE_DOVECOT=1 to fail instead")


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    if dovecot_binary() is None:
        _no_dovecot("dovecot is not installed (Debian: apt-get install dovecot-imapd)")
    server = Dovecot()
    try:
        server.start()
    except DovecotUnavailable as exc:
        _no_dovecot(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def imap_account(dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch) -> MailUser:
    user = dovecot.add_user()
    monkeypatch.setenv(PASSWORD_ENV, user.password)
    return user


# ======================================================================================


# ======================================================================================
# Gmail and keyring fixtures — see tests/fakes/gmail.py and tests/fakes/keyring.py.
#   fake   (function) a running local Gmail API; no test may make it crash
#   ring   (function) an in-memory OS keyring, installed for the test
# ======================================================================================


@pytest.fixture
def fake() -> Iterator[GmailFake]:
    with GmailFake() as server:
        yield server
        assert server.crashes == []


@pytest.fixture
def ring() -> Iterator[MemoryKeyring]:
    with installed(MemoryKeyring()) as memory:
        yield memory  # type: ignore[misc]
