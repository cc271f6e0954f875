"""Shared pieces of the Gmail provider tests: the local fake, an in-memory keyring,
an account pointing at the fake, and a stored token (fixtures are re-exported by
the ``fake`` and ``ring`` fixtures come from tests/conftest.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from outbox.accounts import GmailAccount
from outbox_providers.gmail import GmailProvider
from outbox_providers.gmail.client import RetryPolicy
from tests.fakes.gmail import COMPOSE, READONLY, GmailFake
from tests.fakes.keyring import MemoryKeyring

DATA = Path(__file__).resolve().parent.parent / "data" / "eml"
SINCE = datetime(2026, 1, 1, tzinfo=UTC)


def eml(name: str) -> bytes:
    return (DATA / name).read_bytes()


def mail(subject: str, n: int, *, date: str = "Mon, 02 Mar 2026 10:00:00 +0000",
         sender: str = "grace@acme.com", body: str = "Hello") -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "ada@example.com", subject
    msg["Date"], msg["Message-ID"] = date, f"<m{n}@acme.com>"
    msg.set_content(body)
    return msg.as_bytes()






def account(fake: GmailFake, tmp_path: Path, **extra: object) -> GmailAccount:
    secret = fake.client_secret_file(tmp_path / "client_secret.json")
    return GmailAccount.model_validate({
        "name": "home", "provider": "gmail", "client_secret_file": str(secret),
        "api_endpoint": fake.url, "auth_uri": fake.auth_uri, "token_uri": fake.token_uri,
        **extra,
    })


def store_token(ring: MemoryKeyring, fake: GmailFake, scopes: tuple[str, ...] = (READONLY, COMPOSE),
                **fields: object) -> dict:
    token = {**json.loads(fake.credentials(scopes).to_json()),
             "expiry": "2099-01-01T00:00:00Z", **fields}
    ring.set_password("outbox-gmail", "home", json.dumps(token))
    return token


def open_provider(fake: GmailFake, ring: MemoryKeyring, tmp_path: Path,
                  scopes: tuple[str, ...] = (READONLY, COMPOSE), *,
                  slept: list[float] | None = None, **extra: object) -> GmailProvider:
    """An open provider on ``fake`` whose back-off sleeps are recorded, not slept."""
    store_token(ring, fake, scopes)
    provider = GmailProvider(RetryPolicy(sleep=(slept if slept is not None else []).append))
    provider.open(account(fake, tmp_path, **extra), {})
    return provider
