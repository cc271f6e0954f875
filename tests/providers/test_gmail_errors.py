"""Failures against the Gmail fake: rate limits and server errors retried with
bounded back-off honouring Retry-After (batch items too), Google's refusals as
clear errors, and tokens that expire, refresh, or were revoked."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

import pytest

from outbox.provider import AuthError, PermanentError, TransientError
from outbox_providers.gmail import GmailProvider
from outbox_providers.gmail.client import RetryPolicy
from tests.fakes.gmail import GmailFake

from .test_gmail_support import SINCE, account, mail, open_provider, store_token


def wanted(_message: object) -> bool:
    return True


def test_a_429_is_retried_after_the_time_the_server_asks(fake: GmailFake, ring,
                                                         tmp_path: Path) -> None:
    slept: list[float] = []
    provider = open_provider(fake, ring, tmp_path, slept=slept)
    fake.deliver(mail("Interview", 1))
    fake.fail_next(1, status=429, retry_after=7, method="users.messages.list")
    result = provider.sync(None, SINCE, wanted)
    provider.close()
    assert len(result.messages) == 1
    assert slept == [7.0]
    assert len(fake.calls("users.messages.list")) == 2


@pytest.mark.parametrize(("status", "reason"), [
    (403, "userRateLimitExceeded"), (403, "rateLimitExceeded"), (500, None), (503, None),
])
def test_rate_limits_and_server_errors_are_retried(fake: GmailFake, ring, tmp_path: Path,
                                                   status: int, reason: str | None) -> None:
    slept: list[float] = []
    provider = open_provider(fake, ring, tmp_path, slept=slept)
    fake.fail_next(2, status=status, reason=reason, method="users.getProfile")
    provider.sync(None, SINCE, wanted)
    provider.close()
    assert slept == [1.0, 2.0]  # exponential back-off without a Retry-After
    assert len(fake.calls("users.getProfile")) == 3


def test_a_rate_limited_batch_item_is_retried_alone(fake: GmailFake, ring,
                                                    tmp_path: Path) -> None:
    slept: list[float] = []
    provider = open_provider(fake, ring, tmp_path, slept=slept)
    refs = {fake.deliver(mail(f"Interview {n}", n)) for n in range(3)}
    fake.fail_next(1, status=429, retry_after=3, method="users.messages.get")
    result = provider.sync(None, SINCE, lambda _m: False)
    provider.close()
    assert {m.ref for m in result.messages} == refs
    assert fake.calls("batch") == [{"parts": 3}, {"parts": 1}]  # only the failed item again
    assert slept == [3.0]


def test_past_the_bound_a_transient_error_carries_retry_after(fake: GmailFake, ring,
                                                              tmp_path: Path) -> None:
    slept: list[float] = []
    provider = open_provider(fake, ring, tmp_path, slept=slept)
    provider.policy.attempts = 3
    fake.fail_next(10, status=429, retry_after=5, method="users.getProfile")
    with pytest.raises(TransientError) as info:
        provider.sync(None, SINCE, wanted)
    provider.close()
    assert info.value.retry_after == 5.0
    assert len(fake.calls("users.getProfile")) == 3 and slept == [5.0, 5.0]


def test_a_batch_item_failing_past_the_bound_fails_the_sync(fake: GmailFake, ring,
                                                            tmp_path: Path) -> None:
    provider = open_provider(fake, ring, tmp_path)
    provider.policy.attempts = 2
    fake.deliver(mail("Interview", 1))
    fake.fail_next(5, status=503, method="users.messages.get")
    with pytest.raises(TransientError):
        provider.sync(None, SINCE, wanted)
    provider.close()


def test_a_long_retry_after_is_left_to_the_daemon(fake: GmailFake, ring, tmp_path: Path) -> None:
    slept: list[float] = []
    provider = open_provider(fake, ring, tmp_path, slept=slept)
    fake.fail_next(1, status=429, retry_after=900, method="users.getProfile")
    with pytest.raises(TransientError) as info:
        provider.sync(None, SINCE, wanted)
    provider.close()
    assert info.value.retry_after == 900.0 and slept == []


def test_a_bad_request_is_permanent_with_googles_message(fake: GmailFake, ring,
                                                         tmp_path: Path) -> None:
    provider = open_provider(fake, ring, tmp_path)
    fake.fail_next(1, status=400, method="users.getProfile")
    with pytest.raises(PermanentError) as info:
        provider.sync(None, SINCE, wanted)
    provider.close()
    assert not isinstance(info.value, TransientError)
    assert "400" in str(info.value)
    assert len(fake.calls("users.getProfile")) == 1


def test_an_expired_access_token_is_refreshed_and_saved_back(fake: GmailFake, ring,
                                                             tmp_path: Path) -> None:
    stored = store_token(ring, fake, expiry="2000-01-01T00:00:00Z")
    provider = GmailProvider(RetryPolicy(sleep=lambda _s: None))
    provider.open(account(fake, tmp_path), {})
    saved = json.loads(ring.get_password("outbox-gmail", "home"))
    assert saved["token"] != stored["token"] and saved["expiry"] > "2000"
    assert saved["refresh_token"] == stored["refresh_token"]
    provider.sync(None, SINCE, wanted)
    provider.close()


def test_a_token_expiring_mid_cycle_is_refreshed_by_the_client_and_saved_at_close(
    fake: GmailFake, ring, tmp_path: Path
) -> None:
    provider = open_provider(fake, ring, tmp_path)
    before = json.loads(ring.get_password("outbox-gmail", "home"))["token"]
    fake.expire_access_tokens()  # Gmail now answers 401: the client refreshes and retries
    provider.sync(None, SINCE, wanted)
    provider.close()
    after = json.loads(ring.get_password("outbox-gmail", "home"))["token"]
    assert after != before


def test_a_revoked_token_says_to_run_outbox_auth(fake: GmailFake, ring, tmp_path: Path) -> None:
    store_token(ring, fake, expiry="2000-01-01T00:00:00Z")
    fake.revoke()
    with pytest.raises(AuthError) as info:
        GmailProvider().open(account(fake, tmp_path), {})
    assert "revoked" in str(info.value)
    assert "outbox auth home" in info.value.hint


def test_a_token_revoked_mid_cycle_is_an_auth_error(fake: GmailFake, ring,
                                                    tmp_path: Path) -> None:
    provider = open_provider(fake, ring, tmp_path)
    fake.revoke()
    with pytest.raises(AuthError) as info:
        provider.sync(None, SINCE, wanted)
    provider.close()
    assert "outbox auth home" in info.value.hint


def test_no_token_yet_says_to_run_outbox_auth(fake: GmailFake, ring, tmp_path: Path) -> None:
    with pytest.raises(AuthError) as info:
        GmailProvider().open(account(fake, tmp_path), {})
    assert "not authorized yet" in str(info.value)
    assert info.value.hint == "run `outbox auth home`"


def test_the_quota_spent_is_logged_at_close(fake: GmailFake, ring, tmp_path: Path,
                                            caplog: pytest.LogCaptureFixture) -> None:
    provider = open_provider(fake, ring, tmp_path)
    first = provider.sync(None, SINCE, wanted)
    provider.close()
    provider = open_provider(fake, ring, tmp_path)
    with caplog.at_level(logging.INFO, logger="outbox_providers.gmail"):
        provider.sync(first.cursor, SINCE, wanted)
        provider.close()
    assert "gmail home: 1 requests, 2 quota units (history.list 2) this cycle" in caplog.text


def test_no_keyring_when_running_names_token_store_file(fake: GmailFake, tmp_path: Path) -> None:
    import keyring
    import keyring.backends.fail

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        with pytest.raises(PermanentError) as info:
            GmailProvider().open(account(fake, tmp_path), {})
    finally:
        keyring.set_keyring(previous)
    assert "no usable OS keyring" in str(info.value)
    assert "token_store: file" in info.value.hint


def test_a_token_file_readable_by_others_is_tightened(tmp_path: Path) -> None:
    from outbox_providers.gmail.tokens import FileTokens

    store = FileTokens("home", tmp_path)
    store.save('{"token": "t"}')
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    store.path.chmod(0o644)
    assert store.load() == '{"token": "t"}'
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_token_store_file_needs_the_state_dir(fake: GmailFake, tmp_path: Path) -> None:
    with pytest.raises(AuthError) as info:
        GmailProvider().open(account(fake, tmp_path, token_store="file"), {})
    assert "state dir" in str(info.value)
