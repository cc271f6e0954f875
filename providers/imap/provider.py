"""``ImapProvider``: the provider contract (``outbox.provider``) over imapclient.

Every public method runs inside ``_guard``, which turns whatever imapclient,
imaplib, ssl or the socket raise into a ``ProviderError`` and drops a
connection that can no longer be used (the core reopens it on its next try).
"""

from __future__ import annotations

import contextlib
import logging
import re
import ssl
from collections.abc import Iterator, Mapping
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from imapclient import DELETED, DRAFT, SEEN, IMAPClient, SocketTimeout

from outbox.model import Folder, Message
from outbox.provider import (
    AuthError,
    DraftRef,
    FoundDraft,
    PermanentError,
    SyncResult,
    TransientError,
    WantBody,
    since_utc,
)

from . import cursor as cursors
from . import fetch, folders, search
from .cursor import FolderState
from .errors import classify, connection_lost

log = logging.getLogger(__name__)

WATCHED = (Folder.INBOX, Folder.SENT, Folder.DRAFTS)
_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]", re.IGNORECASE)


def _password_hint(account: Any) -> str:
    if getattr(account, "password_env", None):
        where = f"the environment variable {account.password_env} (password_env)"
    elif getattr(account, "password_command", None):
        where = "the output of password_command"
    elif getattr(account, "password", None) is not None:
        where = f"the keyring entry of service {account.password.keyring!r} (password.keyring)"
    else:
        where = "its password setting"
    return (f"check username {getattr(account, 'username', '?')!r} and {where} of account "
            f"{getattr(account, 'name', '?')!r}")


class ImapProvider:
    """Reads INBOX / Sent, writes Drafts, on any IMAP4rev1 server (see the module doc)."""

    name = "imap"

    def __init__(self) -> None:
        self._client: IMAPClient | None = None
        self._account: Any = None
        self._folders: dict[Folder, str] = {}
        self._condstore = False

    # -- connection ---------------------------------------------------------------------
    @property
    def client(self) -> IMAPClient:
        """The live connection (tests watch it); TransientError when there is none."""
        if self._client is None:
            raise TransientError("the IMAP connection is not open")
        return self._client

    @property
    def folders(self) -> dict[Folder, str]:
        """Mailbox name per role, as found at ``open``."""
        return dict(self._folders)

    @contextlib.contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except Exception as exc:
            error = classify(exc, action, getattr(self._account, "name", ""))
            if connection_lost(exc):
                self._drop()
            if error is exc:
                raise
            raise error from exc

    def open(self, account: Any, secrets: Mapping[str, str]) -> None:
        self.close()
        self._account = account
        password = secrets.get("password")
        if not password:
            raise AuthError(f"no password for IMAP account {account.name!r}",
                            hint=_password_hint(account))
        port = account.effective_port
        with self._guard(f"connecting to {account.host}:{port}"):
            self._client = self._connect(account, port)
        try:
            self._client.login(account.username, password)
        except Exception as exc:
            self._drop()
            error = classify(exc, f"IMAP login to {account.host}", account.name)
            if isinstance(error, AuthError):
                error.hint = _password_hint(account)
            raise error from exc
        try:
            with self._guard("finding folders"):
                self._client.normalise_times = False  # aware INTERNALDATE
                self._condstore = self._client.has_capability("CONDSTORE")
                self._folders = folders.resolve(self._client, account.folders)
        except Exception:
            self.close()
            raise
        log.debug("account %s folders: %s", account.name, self._folders)

    def _connect(self, account: Any, port: int) -> IMAPClient:
        seconds = account.timeout.total_seconds()
        timeout = SocketTimeout(connect=seconds, read=seconds)
        context = None
        if account.security in ("tls", "starttls"):
            context = ssl.create_default_context()  # verifies; system CAs ...
            if account.ca_file:
                try:
                    context.load_verify_locations(cafile=str(account.ca_file))  # ... plus it
                except (OSError, ssl.SSLError) as exc:
                    raise PermanentError(
                        f"cannot use ca_file {str(account.ca_file)!r} of account "
                        f"{account.name!r}: {exc}",
                        hint="ca_file must name a PEM file of CA certificates",
                    ) from exc
        client = IMAPClient(account.host, port, ssl=account.security == "tls",
                            ssl_context=context, timeout=timeout)
        if account.security == "starttls":
            try:
                client.starttls(context)
            except Exception:
                with contextlib.suppress(Exception):
                    client.shutdown()
                raise
        return client

    def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(Exception):
                client.shutdown()

    def close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.logout()
        except Exception:
            with contextlib.suppress(Exception):
                client.shutdown()

    # -- sync ---------------------------------------------------------------------------
    def sync(self, cursor: str | None, since: Any, want_body: WantBody) -> SyncResult:
        cutoff = since_utc(since)
        before = cursors.load(cursor)
        states: dict[Folder, FolderState] = {}
        changed: set[Folder] = set()
        messages: list[Message] = []
        with self._guard("sync"):
            client = self.client
            items = cursors.status_items(self._condstore)
            for role in WATCHED:
                name = self._folders.get(role)
                if name is None:
                    continue
                state = FolderState.from_status(name, client.folder_status(name, items))
                states[role] = state
                if before.get(role) == state:
                    continue  # unchanged: nothing more to ask
                changed.add(role)
                if role is not Folder.DRAFTS:
                    messages.extend(
                        self._new_messages(role, state, before.get(role), cutoff, want_body)
                    )
        return SyncResult(messages, cursors.dump(states), frozenset(changed))

    def _new_messages(
        self, role: Folder, state: FolderState, before: FolderState | None,
        since: datetime | None, want_body: WantBody,
    ) -> list[Message]:
        client = self.client
        rescan = not state.continues(before)
        if not rescan and state.uidnext <= before.uidnext:  # type: ignore[union-attr]
            return []  # flags changed or messages went away: nothing new to read
        if rescan and before is not None:
            log.info("%s changed identity (UIDVALIDITY %s -> %s); rescanning since %s",
                     state.name, before.uidvalidity, state.uidvalidity, since)
        selected = client.select_folder(state.name, readonly=True)
        try:
            if int(selected.get(b"UIDVALIDITY", state.uidvalidity)) != state.uidvalidity:
                raise TransientError(f"{state.name} was recreated during sync; will retry")
            if rescan:
                uids = search.since(client, since)
            else:
                uids = search.from_uid(client, before.uidnext)  # type: ignore[union-attr]
            # Later arrivals belong to the next cursor, so no message is returned twice.
            uids = [u for u in uids if u < state.uidnext]
            found = fetch.fetch_headers(client, uids, mailbox=state.name,
                                        uidvalidity=state.uidvalidity, folder=role)
            if rescan and since is not None:
                found = [f for f in found if f.message.date >= since]
            fetch.fetch_bodies(client, [f for f in found if want_body(f.message)])
        finally:
            self._leave(readonly=True)
        return [f.message for f in found]

    def _leave(self, *, readonly: bool) -> None:
        """Deselect without ever expunging (a CLOSE on a read-write folder would)."""
        client = self._client
        if client is None:
            return
        if client.has_capability("UNSELECT"):
            client.unselect_folder()
        elif readonly:
            client.close_folder()
        # else: stay selected; the next SELECT / EXAMINE deselects without expunging.

    # -- drafts -------------------------------------------------------------------------
    def find_draft(self, key: str, message_id: str) -> FoundDraft | None:
        with self._guard("looking for a draft"):
            for role in (Folder.DRAFTS, Folder.SENT, Folder.TRASH):
                name = self._folders.get(role)
                if name is None:
                    continue
                hit = self._find_in(name, key, message_id)
                if hit is not None:
                    ref, text = hit
                    return FoundDraft(DraftRef(role, ref), text)
        return None

    def _find_in(self, mailbox: str, key: str | None, message_id: str | None
                 ) -> tuple[str, str] | None:
        client = self.client
        selected = client.select_folder(mailbox, readonly=True)
        try:
            uidvalidity = int(selected[b"UIDVALIDITY"])
            found = search.draft(client, key, message_id)
            if found is None:
                return None
            uid, text = found
            return fetch.make_ref(mailbox, uidvalidity, uid), text
        finally:
            self._leave(readonly=True)

    def create_draft(self, msg: EmailMessage, thread_hint: str | None) -> DraftRef:
        key = (msg.get("X-Outbox-Key") or "").strip() or None
        message_id = (msg.get("Message-ID") or "").strip() or None
        with self._guard("writing a draft"):
            drafts = self._folders.get(Folder.DRAFTS)
            if drafts is None:
                raise PermanentError("no Drafts folder")
            if key or message_id:
                existing = self._find_in(drafts, key, message_id)
                if existing is not None:
                    log.info("draft %s already in %s; not writing it again", key, drafts)
                    return DraftRef(Folder.DRAFTS, existing[0])
            data = msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))
            response = self.client.append(drafts, data, flags=(DRAFT, SEEN))
            match = _APPENDUID.search(response if isinstance(response, bytes)
                                      else str(response).encode())
            if match:
                ref = fetch.make_ref(drafts, int(match.group(1)), int(match.group(2)))
                return DraftRef(Folder.DRAFTS, ref)
            existing = self._find_in(drafts, key, message_id)  # no UIDPLUS: look it up
            if existing is None:
                raise TransientError(f"the draft appended to {drafts} cannot be found again")
            return DraftRef(Folder.DRAFTS, existing[0])

    def delete_draft(self, ref: DraftRef) -> bool:
        if ref.folder is not Folder.DRAFTS:
            log.warning("not deleting %s: only drafts in Drafts are ever deleted", ref)
            return False
        try:
            mailbox, uidvalidity, uid = fetch.parse_ref(ref.ref)
        except ValueError:
            log.warning("not deleting %r: not an IMAP draft reference", ref.ref)
            return False
        with self._guard("moving a draft to Trash"):
            trash = self._folders.get(Folder.TRASH)
            if trash is None:
                raise PermanentError("no Trash folder")
            client = self.client
            selected = client.select_folder(mailbox, readonly=False)
            try:
                if int(selected[b"UIDVALIDITY"]) != uidvalidity:
                    log.warning("not deleting %s: %s has a new UIDVALIDITY %s; in doubt, "
                                "leaving it alone", ref.ref, mailbox, selected[b"UIDVALIDITY"])
                    return False
                if uid not in client.search(["UID", str(uid)]):
                    log.info("draft %s is already gone", ref.ref)
                    return True
                self._move_to_trash(uid, mailbox, trash)
                return True
            finally:
                self._leave(readonly=False)

    def _move_to_trash(self, uid: int, mailbox: str, trash: str) -> None:
        client = self.client
        if client.has_capability("MOVE"):
            client.move([uid], trash)
        elif client.has_capability("UIDPLUS"):
            client.copy([uid], trash)
            client.add_flags([uid], [DELETED], silent=True)
            client.uid_expunge([uid])  # this UID only: never the user's own \Deleted mail
        else:
            client.copy([uid], trash)
            client.add_flags([uid], [DELETED], silent=True)
            log.warning("the server has neither MOVE nor UIDPLUS: draft %s:%s was copied "
                        "to %s and left flagged \\Deleted in %s", mailbox, uid, trash, mailbox)
            return
        log.info("moved draft %s:%s to %s", mailbox, uid, trash)

