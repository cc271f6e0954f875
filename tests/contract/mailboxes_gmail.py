"""The contract suite's view of a Gmail mailbox: the local Gmail fake
(``tests/fakes/gmail.py``), acting as the Gmail web client would.

Mail arrives as SMTP delivery does (``fake.deliver``, dated by its Date header);
the user's own client talks to the same API with its own token: sending a
draft is ``drafts.send`` (Gmail deletes the draft and files a new message under
SENT), discarding one is ``drafts.delete`` (Gmail's "Discard drafts" bypasses
Trash), editing one is ``drafts.update`` (a new message inside the same draft).

outbox's own token sits in an in-memory keyring, as ``outbox auth`` would have
left it. The account sets ``trash_stale_drafts: true`` (so outbox holds
gmail.modify): the contract requires stale drafts to land in Trash, which Gmail
allows only with that scope — the default, least-privilege mode leaves them
for the user and is tested in ``tests/test_gmail_least_privilege.py``.
"""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path
from typing import Any

import keyring

from tests.fakes.gmail import COMPOSE, MODIFY, READONLY, GmailFake, StoredMessage
from tests.fakes.keyring import MemoryKeyring

from .mailboxes import parse

LABELS = {"inbox": ("INBOX", "UNREAD"), "sent": ("SENT",)}


def user_client(fake: GmailFake) -> Any:
    """The Gmail web client's side: an API client with the user's full rights."""
    from googleapiclient.discovery import build

    return build("gmail", "v1", credentials=fake.credentials([READONLY, COMPOSE, MODIFY]),
                 static_discovery=True, client_options={"api_endpoint": fake.url})


class GmailBox:
    def __init__(self, fake: GmailFake, folder: Path, *, trash: bool = True) -> None:
        self.fake = fake
        folder.mkdir(parents=True, exist_ok=True)
        secret = fake.client_secret_file(folder / "client_secret.json")
        self.account: dict[str, Any] = {
            "name": "home", "provider": "gmail", "client_secret_file": str(secret),
            "api_endpoint": fake.url, "auth_uri": fake.auth_uri, "token_uri": fake.token_uri,
            "trash_stale_drafts": trash,
        }
        self._previous_keyring = keyring.get_keyring()
        self.keyring = MemoryKeyring()
        keyring.set_keyring(self.keyring)
        scopes = [READONLY, COMPOSE, MODIFY] if trash else [READONLY, COMPOSE]
        token = fake.credentials(scopes).to_json()
        self.keyring.set_password("outbox-gmail", "home", token)
        self.client = user_client(fake)
        self._sent_by_user: set[str] = set()

    @classmethod
    def start(cls, folder: Path, *, trash: bool = True) -> GmailBox:
        return cls(GmailFake().start(), folder, trash=trash)

    def stop(self) -> None:
        """Stop the fake; then hold it to what no test may see outbox do."""
        keyring.set_keyring(self._previous_keyring)
        self.client.close()
        self.fake.stop()
        box = self.fake.mailbox
        assert box.threading_traps == [], "a draft Gmail would not thread"
        assert [m.id for m in box.sent_via_api if m.id not in self._sent_by_user] == [], \
            "outbox sent mail"
        assert self.fake.crashes == [], self.fake.crashes

    # -- the Mailbox protocol -------------------------------------------------------------
    def deliver(self, raw: bytes, folder: str = "inbox") -> None:
        self.fake.deliver(raw, labels=LABELS[folder])

    def _stored(self, folder: str) -> list[StoredMessage]:
        box = self.fake.mailbox
        if folder == "drafts":
            found = [d.message for d in box.drafts()]
        elif folder == "trash":
            return sorted(box.messages("TRASH"), key=lambda m: m.internal_date)
        else:
            found = box.messages(LABELS[folder][0])
        return sorted((m for m in found if "TRASH" not in m.label_ids),
                      key=lambda m: m.internal_date)

    def messages(self, folder: str) -> list[EmailMessage]:
        return [parse(m.raw) for m in self._stored(folder)]

    def draft_flags(self) -> list[bool]:
        return ["DRAFT" in m.label_ids for m in self._stored("drafts")]

    def _draft_id(self, key: str) -> str:
        for draft in self.fake.mailbox.drafts():
            if parse(draft.message.raw)["X-Outbox-Key"] == key:
                return draft.id
        raise AssertionError(f"no draft {key}")

    def send_draft(self, key: str) -> None:
        drafts = self.client.users().drafts()
        sent = drafts.send(userId="me", body={"id": self._draft_id(key)}).execute()
        self._sent_by_user.add(sent["id"])

    def delete_draft(self, key: str) -> None:
        self.client.users().drafts().delete(userId="me", id=self._draft_id(key)).execute()

    def edit_draft(self, key: str, text: str) -> None:
        import base64

        draft_id = self._draft_id(key)
        draft = self.fake.mailbox.draft(draft_id)
        assert draft is not None
        msg = parse(draft.message.raw)
        msg.set_content(text)
        raw = base64.urlsafe_b64encode(msg.as_bytes()).decode()
        body = {"message": {"raw": raw, "threadId": draft.message.thread_id}}
        self.client.users().drafts().update(userId="me", id=draft_id, body=body).execute()
