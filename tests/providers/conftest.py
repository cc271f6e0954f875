"""Fixtures the Maildir provider tests share (test_maildir.py holds the helpers)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from outbox_providers.maildir import MaildirProvider

from .test_maildir import account, make_maildir


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """An isync-style tree with INBOX and Sent (Drafts/Trash left to the provider)."""
    make_maildir(tmp_path / "INBOX")
    make_maildir(tmp_path / "Sent")
    return tmp_path


@pytest.fixture
def provider(tree: Path) -> Iterator[MaildirProvider]:
    p = MaildirProvider()
    p.open(account(tree), {})
    yield p
    p.close()
