"""One test-side view of a mailbox per provider, so the contract suite can act
as the world does: deliver mail, look at Drafts, and do what a user does in
their mail client (send a draft, delete it, edit it)."""

from __future__ import annotations

import email
import email.policy
import os
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

FOLDERS = {"inbox": "INBOX", "sent": "Sent", "drafts": "Drafts", "trash": "Trash"}


def parse(data: bytes) -> EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)  # type: ignore[return-value]


class Mailbox(Protocol):
    account: dict[str, Any]

    def deliver(self, raw: bytes, folder: str = "inbox") -> None: ...
    def messages(self, folder: str) -> list[EmailMessage]: ...
    def draft_flags(self) -> list[bool]: ...  # the \Draft / D flag of each draft
    def send_draft(self, key: str) -> None: ...  # the client sends it: Drafts -> Sent
    def delete_draft(self, key: str) -> None: ...  # the user deletes it unsent
    def edit_draft(self, key: str, text: str) -> None: ...


class MaildirBox:
    """A Maildir tree as mbsync lays it out: INBOX/, Sent/, Drafts/, Trash/."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for name in FOLDERS.values():
            for sub in ("cur", "new", "tmp"):
                (root / name / sub).mkdir(parents=True, exist_ok=True)
        self.account = {"name": "home", "provider": "maildir", "path": str(root)}
        self._n = 0

    def _files(self, folder: str) -> list[Path]:
        base = self.root / FOLDERS[folder]
        return sorted(p for sub in ("new", "cur") for p in (base / sub).iterdir()
                      if not p.name.startswith("."))

    def deliver(self, raw: bytes, folder: str = "inbox") -> None:
        self._n += 1
        name = f"1700000000.test{self._n}.{os.getpid()}"
        tmp = self.root / FOLDERS[folder] / "tmp" / name
        tmp.write_bytes(raw)
        os.replace(tmp, self.root / FOLDERS[folder] / "new" / name)

    def messages(self, folder: str) -> list[EmailMessage]:
        return [parse(p.read_bytes()) for p in self._files(folder)]

    def draft_flags(self) -> list[bool]:
        return ["D" in p.name.partition(":2,")[2] for p in self._files("drafts")]

    def _draft(self, key: str) -> Path:
        for p in self._files("drafts"):
            if parse(p.read_bytes())["X-Outbox-Key"] == key:
                return p
        raise AssertionError(f"no draft {key}")

    def send_draft(self, key: str) -> None:
        p = self._draft(key)
        os.replace(p, self.root / "Sent" / "cur" / p.name.replace("D", ""))

    def delete_draft(self, key: str) -> None:
        p = self._draft(key)
        os.replace(p, self.root / "Trash" / "cur" / p.name)

    def edit_draft(self, key: str, text: str) -> None:
        p = self._draft(key)
        msg = parse(p.read_bytes())
        msg.set_content(text)
        p.write_bytes(msg.as_bytes())
