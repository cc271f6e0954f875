"""``GmailProvider``: the provider contract (``outbox.provider``) over the Gmail API.

``open`` loads the account's OAuth token (keyring or file, see ``tokens``),
refreshing it if it has expired, and builds the API client — no request to
Gmail yet. ``sync`` reads history (one request when nothing changed), or scans
afresh on a first run or when history has expired. Drafts are written with
``drafts.create`` in the conversation's thread. ``close`` saves a token the
client refreshed meanwhile and logs what the cycle cost in quota units.

``GmailProvider.authorize`` is what ``outbox auth ACCOUNT`` runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from outbox.model import Folder
from outbox.provider import (
    AuthError,
    DraftRef,
    FoundDraft,
    SyncResult,
    TransientError,
    WantBody,
    since_utc,
)

from . import auth, cursor, drafts, sync, tokens
from .client import Gmail, RetryPolicy, connect

log = logging.getLogger(__name__)


class GmailProvider:
    """Reads INBOX / SENT, writes Drafts, through the Gmail API (see the module doc)."""

    name = "gmail"

    def __init__(self, policy: RetryPolicy | None = None) -> None:
        self.policy = policy or RetryPolicy()
        self._api: Gmail | None = None
        self._account: Any = None
        self._store: tokens.TokenStore | None = None
        self._creds: Any = None
        self._saved_token: str | None = None

    # -- connection ---------------------------------------------------------------------
    @property
    def api(self) -> Gmail:
        """The open API client (tests read its ``usage``); TransientError when closed."""
        if self._api is None:
            raise TransientError("the Gmail account is not open")
        return self._api

    def open(self, account: Any, secrets: Mapping[str, str]) -> None:
        """``secrets`` may carry ``state_dir`` (where ``token_store: file`` keeps the token)."""
        self.close()
        self._account = account
        self._store = tokens.store_for(account, secrets.get("state_dir"))
        self._creds = auth.credentials(account, self._store)
        self._saved_token = self._creds.to_json()
        try:
            self._api = connect(account, self._creds, self.policy)
        except Exception as exc:
            raise TransientError(f"account {account.name!r}: cannot set up the Gmail "
                                 f"client: {type(exc).__name__}: {exc}") from exc

    def close(self) -> None:
        api, self._api = self._api, None
        if api is None:
            return
        self._save_refreshed_token()
        log.info("gmail %s: %s this cycle", self._account.name, api.usage.summary())
        try:
            api.service.close()
        except Exception:  # closing sockets must never fail a cycle
            log.debug("closing the Gmail client failed", exc_info=True)

    def _save_refreshed_token(self) -> None:
        """The client refreshes an expired token by itself (on a 401); keep the new one."""
        if self._creds is None or self._store is None:
            return
        current = self._creds.to_json()
        if current != self._saved_token:
            try:
                auth.save(self._creds, self._store)
                self._saved_token = current
            except Exception as exc:  # close() never raises; the next open refreshes again
                log.warning("gmail %s: could not save the refreshed token: %s",
                            self._account.name, exc)

    # -- sync ---------------------------------------------------------------------------
    def sync(self, cursor_text: str | None, since: Any, want_body: WantBody) -> SyncResult:
        api = self.api
        cutoff = since_utc(since)
        start = cursor.load(cursor_text)
        if start is not None:
            try:
                changes = sync.history(api, start)
            except sync.HistoryExpired:
                log.info("gmail %s: history since %s has expired; scanning afresh since %s",
                         self._account.name, start, cutoff)
            else:
                messages = sync.read(api, list(changes.added), want_body)
                result = SyncResult(messages, cursor.dump(changes.history_id),
                                    frozenset(changes.changed))
                self._save_refreshed_token()
                return result
        history_id, ids = sync.scan(api, cutoff)
        messages = sync.read(api, ids, want_body, cutoff)
        self._save_refreshed_token()
        changed = {m.folder for m in messages}
        if start is not None:  # history was lost: what became of our drafts is unknown
            changed.add(Folder.DRAFTS)
        return SyncResult(messages, cursor.dump(history_id), frozenset(changed))

    # -- drafts -------------------------------------------------------------------------
    def find_draft(self, key: str, message_id: str) -> FoundDraft | None:
        found = drafts.in_drafts(self.api, key, message_id)
        if found is not None:
            return FoundDraft(*found)
        ref = drafts.elsewhere(self.api, key, message_id)
        return FoundDraft(ref, "") if ref is not None else None

    def create_draft(self, msg: EmailMessage, thread_hint: str | None) -> DraftRef:
        return drafts.create(self.api, msg, thread_hint)

    def delete_draft(self, ref: DraftRef) -> bool:
        return drafts.delete(self.api, ref, trash=self._account.trash_stale_drafts)

    # -- outbox auth ----------------------------------------------------------------------
    @classmethod
    def authorize(cls, account: Any, *, state_dir: Path | None, say: Callable[[str], None],
                  open_browser: bool = True, port: int = 0) -> str:
        """Run the OAuth flow for ``account``, store the token; return a line for the user."""
        store = tokens.store_for(account, state_dir)
        creds = auth.authorize(account, store, say=say, open_browser=open_browser, port=port)
        api = connect(account, creds)
        try:
            profile = api.call(api.users.getProfile(userId=account.user),
                               "reading the mailbox profile")
        finally:
            api.service.close()
        address = profile.get("emailAddress") or account.user
        if not isinstance(address, str):
            raise AuthError(f"account {account.name!r}: Gmail did not say whose mailbox it is")
        return f"{address}: token stored in {store.where}"
