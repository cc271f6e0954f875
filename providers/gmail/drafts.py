"""Our drafts in Gmail: find them, write them once, remove the stale ones.

A draft outbox writes is a reply carrying a deterministic ``Message-ID`` and
an ``X-Outbox-Key`` header. Gmail cannot search custom headers, but it can
search by Message-ID (``rfc822msgid:``), so that is how a draft is found —
in Drafts (``drafts.list``), else among all messages, Trash included
(``messages.list``), where a sent copy or a trashed draft would be; every hit
is checked exactly against the headers before it counts.

A draft reference is ``DRAFT_ID:MESSAGE_ID`` for a draft in Drafts (Gmail gives
a draft a new message id whenever it is edited, so a changed message id proves
an edit), and the message id elsewhere.

Removing a draft: with the scopes outbox asks for by default (gmail.readonly +
gmail.compose) Gmail offers only ``drafts.delete``, which destroys the draft;
moving it to Trash (``messages.trash``) needs gmail.modify, which outbox asks for
only when the account sets ``trash_stale_drafts: true``.
"""

from __future__ import annotations

import base64
import logging
from email.message import EmailMessage
from typing import Any

from outbox import mime
from outbox.model import Folder
from outbox.provider import DraftRef

from . import parts
from .client import Gmail
from .errors import NotFound

log = logging.getLogger(__name__)

MAX_HITS = 10  # a Message-ID is unique; a few hits at most


def query(message_id: str) -> str:
    return "rfc822msgid:" + message_id.strip().strip("<>")


def _same(found_id: str | None, found_key: str | None, key: str, message_id: str) -> bool:
    if key and (found_key or "").strip() == key:
        return True
    norm = message_id.strip().lower()
    return bool(norm) and (found_id or "").strip().lower() == norm


def in_drafts(api: Gmail, key: str, message_id: str) -> tuple[DraftRef, str] | None:
    """(reference, text/plain body) of our draft in Drafts, or None."""
    if not message_id:
        return None
    page = api.call(api.users.drafts().list(userId=api.user, q=query(message_id),
                                            maxResults=MAX_HITS), "looking for a draft")
    for item in (page or {}).get("drafts") or ():
        try:
            draft = api.call(api.users.drafts().get(userId=api.user, id=item["id"],
                                                    format="raw"), "reading a draft")
        except NotFound:
            continue  # discarded meanwhile
        message = draft.get("message") or {}
        data = parts.b64decode(message.get("raw") or "")
        raw = mime.parse_bytes(data)
        if _same(raw.get("Message-ID"), raw.get("X-Outbox-Key"), key, message_id):
            ref = DraftRef(Folder.DRAFTS, f"{draft['id']}:{message.get('id', '')}")
            return ref, mime.body_text_of(data)
    return None


def elsewhere(api: Gmail, key: str, message_id: str) -> DraftRef | None:
    """Our draft as sent (Sent) or removed (Trash), or None."""
    if not message_id:
        return None
    page = api.call(api.users.messages().list(userId=api.user, q=query(message_id),
                                              includeSpamTrash=True, maxResults=MAX_HITS),
                    "looking for a sent or trashed draft")
    ids = [m["id"] for m in (page or {}).get("messages") or ()]
    found = api.batch(
        {i: (lambda i=i: api.users.messages().get(
            userId=api.user, id=i, format="metadata",
            metadataHeaders=["Message-ID", "X-Outbox-Key"])) for i in ids},
        "reading found messages",
    ) if ids else {}
    best: DraftRef | None = None
    for message_id_ in ids:
        resource = found.get(message_id_)
        if resource is None:
            continue
        headers = {h.get("name", "").lower(): h.get("value")
                   for h in (resource.get("payload") or {}).get("headers") or ()}
        if not _same(headers.get("message-id"), headers.get("x-outbox-key"), key, message_id):
            continue
        labels = parts.labels(resource)
        if "TRASH" in labels:
            best = best or DraftRef(Folder.TRASH, message_id_)
        elif "SENT" in labels:
            return DraftRef(Folder.SENT, message_id_)
    return best


def create(api: Gmail, msg: EmailMessage, thread_hint: str | None) -> DraftRef:
    """Write ``msg`` as a draft in the thread ``thread_hint`` (unless already there)."""
    key = (msg.get("X-Outbox-Key") or "").strip()
    message_id = (msg.get("Message-ID") or "").strip()
    existing = in_drafts(api, key, message_id)
    if existing is not None:
        log.info("draft %s is already in Drafts; not writing it again", key or message_id)
        return existing[0]
    data = msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))
    # JSON "raw", not a media upload: upload URLs are built apart from the API
    # endpoint (and keep https whatever the endpoint says).
    message: dict[str, Any] = {"raw": base64.urlsafe_b64encode(data).decode("ascii")}
    if thread_hint:
        message["threadId"] = thread_hint
    draft = api.call(api.users.drafts().create(userId=api.user, body={"message": message}),
                     "writing a draft", repeatable=False)
    return DraftRef(Folder.DRAFTS, f"{draft['id']}:{(draft.get('message') or {}).get('id', '')}")


def delete(api: Gmail, ref: DraftRef, *, trash: bool) -> bool:
    """Move our unedited draft to Trash when ``trash`` (which needs gmail.modify).

    Without it Gmail could only destroy the draft (drafts.delete), and outbox
    never destroys mail: the draft is left where it is and False is returned,
    so the user is told to delete it."""
    draft_id, _, message_id = ref.ref.partition(":")
    if ref.folder is not Folder.DRAFTS or not draft_id or not message_id:
        log.warning("not deleting %s: not a Gmail draft in Drafts", ref)
        return False
    if not trash:
        log.info("left stale draft %s in Drafts: moving it to Trash needs gmail.modify "
                 "(trash_stale_drafts: true)", draft_id)
        return False
    try:
        current = api.call(api.users.drafts().get(userId=api.user, id=draft_id,
                                                  format="minimal"), "checking a draft")
    except NotFound:
        log.info("draft %s is already gone", draft_id)
        return True
    if (current.get("message") or {}).get("id") != message_id:
        log.warning("not deleting draft %s: it was edited since it was checked", draft_id)
        return False
    try:
        api.call(api.users.messages().trash(userId=api.user, id=message_id),
                 "moving a draft to Trash")
        log.info("moved draft %s to Trash", draft_id)
    except NotFound:  # a retry after a lost answer: the first attempt did it
        log.info("draft %s is already gone", draft_id)
    return True
