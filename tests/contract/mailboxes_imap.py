"""The contract suite's view of a real Dovecot mailbox, acting as a mail client
would (Thunderbird-like: sending appends a copy to Sent and removes the draft;
editing a draft replaces it with a new message)."""

from __future__ import annotations

from email.message import EmailMessage
from typing import Any

from tests.servers import MailUser

from .mailboxes import FOLDERS, parse


class ImapBox:
    def __init__(self, user: MailUser) -> None:
        self.user = user
        self.account = user.account()

    def deliver(self, raw: bytes, folder: str = "inbox") -> None:
        self.user.deliver(raw, FOLDERS[folder])

    def _fetch(self, folder: str) -> list[tuple[int, bytes, tuple[bytes, ...]]]:
        client = self.user.client()
        try:
            client.select_folder(FOLDERS[folder], readonly=True)
            uids = client.search(["NOT", "DELETED"])
            data = client.fetch(uids, ["RFC822", "FLAGS"]) if uids else {}
            return [(uid, data[uid][b"RFC822"], data[uid][b"FLAGS"]) for uid in sorted(data)]
        finally:
            client.logout()

    def messages(self, folder: str) -> list[EmailMessage]:
        return [parse(raw) for _, raw, _ in self._fetch(folder)]

    def draft_flags(self) -> list[bool]:
        return [b"\\Draft" in flags for _, _, flags in self._fetch("drafts")]

    def _draft(self, client: Any, key: str) -> tuple[int, bytes]:
        client.select_folder(FOLDERS["drafts"])
        for uid in client.search(["HEADER", "X-Outbox-Key", key]):
            raw = client.fetch([uid], ["RFC822"])[uid][b"RFC822"]
            if parse(raw)["X-Outbox-Key"] == key:
                return uid, raw
        raise AssertionError(f"no draft {key}")

    def _remove(self, client: Any, uid: int) -> None:
        client.add_flags([uid], [b"\\Deleted"])
        client.uid_expunge([uid])

    def send_draft(self, key: str) -> None:
        client = self.user.client()
        try:
            uid, raw = self._draft(client, key)
            client.append(FOLDERS["sent"], raw, flags=[b"\\Seen"])
            self._remove(client, uid)
        finally:
            client.logout()

    def delete_draft(self, key: str) -> None:
        client = self.user.client()
        try:
            uid, _ = self._draft(client, key)
            client.move([uid], FOLDERS["trash"])
        finally:
            client.logout()

    def edit_draft(self, key: str, text: str) -> None:
        client = self.user.client()
        try:
            uid, raw = self._draft(client, key)
            msg = parse(raw)
            msg.set_content(text)
            client.append(FOLDERS["drafts"], msg.as_bytes(), flags=[b"\\Draft", b"\\Seen"])
            self._remove(client, uid)
        finally:
            client.logout()
