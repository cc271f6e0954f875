"""The Gmail API methods the fake emulates, over a :class:`Mailbox`.

Each handler receives a validated :class:`Call` and returns the response body
(``None`` for an empty 204-style answer) or raises ``ApiError``.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.fakes.gmail_errors import ApiError, bad_request, not_emulated, not_found
from tests.fakes.gmail_query import Search, asks_for_trash_or_spam
from tests.fakes.gmail_render import (
    b64url,
    b64url_decode,
    find_part,
    parse_attachment_id,
    render_message,
    render_thread,
)
from tests.fakes.gmail_store import Mailbox, StoredMessage, parse_date_header
from tests.fakes.gmail_validate import Route

# Gmail's published per-method quota units.
QUOTA = {
    "users.getProfile": 1, "users.labels.list": 1, "users.labels.get": 1,
    "users.messages.list": 5, "users.messages.get": 5, "users.messages.insert": 25,
    "users.messages.send": 100, "users.messages.modify": 5, "users.messages.trash": 5,
    "users.messages.untrash": 5, "users.messages.delete": 10, "users.messages.import": 25,
    "users.messages.attachments.get": 5, "users.threads.list": 10, "users.threads.get": 10,
    "users.history.list": 2, "users.drafts.create": 10, "users.drafts.list": 5,
    "users.drafts.get": 5, "users.drafts.update": 15, "users.drafts.delete": 10,
    "users.drafts.send": 100,
}
MISSING_RAW = "'raw' RFC822 payload message string or uploading message via /upload/* URL required"
_HEX = re.compile(r"[0-9a-f]{1,20}")
_DRAFT_ID = re.compile(r"r-?\d{1,20}")


@dataclass
class Call:
    route: Route
    path: dict[str, str]
    params: dict[str, Any]
    body: dict | None = None
    media: bytes | None = None  # the RFC 822 bytes of an /upload/ request


class GmailApi:
    def __init__(self, mailbox: Mailbox, clock: Callable[[], float],
                 empty_history_pages: Callable[[], bool]) -> None:
        self.mailbox, self.clock = mailbox, clock
        self.empty_history_pages = empty_history_pages

    def handle(self, call: Call) -> dict | None:
        user = call.path.get("userId", "me")
        if user != "me" and user.casefold() != self.mailbox.user.casefold():
            raise ApiError(403, f"Delegation denied for {self.mailbox.user}", "forbidden")
        handler = getattr(self, call.route.short.replace("users.", "", 1).replace(".", "_"), None)
        if handler is None:
            raise not_emulated(call.route.method_id)
        with self.mailbox.lock:
            return handler(call)

    # ------------------------------------------------------------------ helpers

    def _message(self, message_id: str, what: str = "id") -> StoredMessage:
        if not _HEX.fullmatch(message_id):
            raise bad_request(f"Invalid {what} value")
        msg = self.mailbox.message(message_id)
        if msg is None:
            raise not_found()
        return msg

    def _draft(self, draft_id: str):
        if not _DRAFT_ID.fullmatch(draft_id):
            raise bad_request("Invalid draft id value")
        draft = self.mailbox.draft(draft_id)
        if draft is None:
            raise not_found()
        return draft

    def _label_ids(self, ids: list[str]) -> list[str]:
        for label_id in ids:
            if label_id not in self.mailbox.labels:
                raise bad_request(f"Invalid label: {label_id}")
        return ids

    @staticmethod
    def _raw(call: Call, message: dict | None) -> bytes:
        if call.media is not None:
            return call.media
        raw = (message or {}).get("raw")
        if not raw:
            raise bad_request(MISSING_RAW)
        return b64url_decode(raw)

    def _thread_id(self, message: dict | None) -> str | None:
        thread_id = (message or {}).get("threadId") or None
        if thread_id is not None and not _HEX.fullmatch(thread_id):
            raise bad_request("Invalid thread_id value")
        return thread_id

    def _search(self, params: dict, candidates: list[StoredMessage]) -> list[StoredMessage]:
        query = params.get("q") or ""
        hidden = not params.get("includeSpamTrash") and not asks_for_trash_or_spam(query)
        wanted = set(params.get("labelIds") or [])
        match = Search(self.mailbox, self.clock()).compile(query)
        found = [
            m for m in candidates
            if not (hidden and {"TRASH", "SPAM"} & set(m.label_ids))
            and wanted <= set(m.label_ids) and match(m)
        ]
        return sorted(found, key=lambda m: (m.internal_date, m.id), reverse=True)

    @staticmethod
    def _page(items: list, params: dict, kind: str) -> tuple[list, dict]:
        size = min(params.get("maxResults") or 100, 500)
        start = 0
        token = params.get("pageToken")
        if token:
            try:
                tag, offset = base64.urlsafe_b64decode(token.encode()).decode().split(":")
                start = int(offset)
                if tag != kind:
                    raise ValueError(tag)
            except ValueError:
                raise bad_request("Invalid pageToken", reason="invalidArgument") from None
        extra: dict = {}
        if start + size < len(items):
            extra["nextPageToken"] = base64.urlsafe_b64encode(
                f"{kind}:{start + size}".encode()).decode()
        return items[start:start + size], extra

    # ------------------------------------------------------------------ users

    def getProfile(self, call: Call) -> dict:
        messages, threads = self.mailbox.counts()
        return {"emailAddress": self.mailbox.user, "messagesTotal": messages,
                "threadsTotal": threads, "historyId": str(self.mailbox.history_id)}

    def labels_list(self, call: Call) -> dict:
        labels = []
        for label in self.mailbox.labels.values():
            item = {"id": label.id, "name": label.name, "type": label.type}
            if label.type == "user":
                item.update(messageListVisibility="show", labelListVisibility="labelShow")
            labels.append(item)
        return {"labels": labels}

    # ------------------------------------------------------------------ messages

    def messages_list(self, call: Call) -> dict:
        found = self._search(call.params, self.mailbox.messages())
        page, extra = self._page(found, call.params, "m")
        out: dict = {}
        if page:
            out["messages"] = [{"id": m.id, "threadId": m.thread_id} for m in page]
        return {**out, **extra, "resultSizeEstimate": len(found)}

    def messages_get(self, call: Call) -> dict:
        msg = self._message(call.path["id"])
        return render_message(msg, call.params.get("format", "full"),
                              call.params.get("metadataHeaders"))

    def messages_insert(self, call: Call) -> dict:
        raw = self._raw(call, call.body)
        labels = self._label_ids(list((call.body or {}).get("labelIds", [])))
        provisional = StoredMessage("0", "", raw, [], 0)
        date = None
        if call.params.get("internalDateSource") == "dateHeader":
            date = parse_date_header(provisional)
        msg = self.mailbox.add_message(raw, labels, thread_id=self._thread_id(call.body),
                                       kind="insert", internal_date=date)
        return msg.stub()

    def messages_send(self, call: Call) -> dict:
        raw = self._raw(call, call.body)
        probe = StoredMessage("0", "", raw, [], 0)
        if not any(probe.header(h) for h in ("To", "Cc", "Bcc")):
            raise bad_request("Recipient address required")
        return self.mailbox.send(raw, self._thread_id(call.body)).stub()

    def messages_modify(self, call: Call) -> dict:
        msg = self._message(call.path["id"])
        add = self._label_ids(list((call.body or {}).get("addLabelIds", [])))
        remove = self._label_ids(list((call.body or {}).get("removeLabelIds", [])))
        if {"DRAFT", "SENT"} & set(add):
            raise bad_request(f"Invalid label: {sorted({'DRAFT', 'SENT'} & set(add))[0]}")
        return self.mailbox.modify(msg.id, add, remove).stub()

    def messages_trash(self, call: Call) -> dict:
        msg = self._message(call.path["id"])
        return self.mailbox.modify(msg.id, ["TRASH"], []).stub()

    def messages_untrash(self, call: Call) -> dict:
        msg = self._message(call.path["id"])
        return self.mailbox.modify(msg.id, [], ["TRASH"]).stub()

    def messages_delete(self, call: Call) -> None:
        msg = self._message(call.path["id"])
        draft = self.mailbox.draft_for_message(msg.id)
        if draft is not None:
            self.mailbox.delete_draft(draft.id)
        else:
            self.mailbox.remove_message(msg.id)

    def messages_attachments_get(self, call: Call) -> dict:
        msg = self._message(call.path["messageId"], "messageId")
        where = parse_attachment_id(call.path["id"])
        if where is None:
            raise bad_request("Invalid attachment token")
        part = find_part(msg, where[1]) if where[0] == msg.id else None
        if part is None:
            raise not_found()
        data = part.get_payload(decode=True) or b""
        return {"attachmentId": call.path["id"], "size": len(data), "data": b64url(data)}

    # ------------------------------------------------------------------ threads

    def threads_list(self, call: Call) -> dict:
        found = self._search(call.params, self.mailbox.messages())
        threads: dict[str, StoredMessage] = {}
        for msg in found:  # newest first: the first hit of a thread is its latest match
            threads.setdefault(msg.thread_id, msg)
        page, extra = self._page(list(threads.values()), call.params, "t")
        out: dict = {}
        if page:
            out["threads"] = [
                {"id": m.thread_id, "snippet": render_message(m, "minimal")["snippet"],
                 "historyId": str(max(x.history_id for x in self.mailbox.thread(m.thread_id)))}
                for m in page
            ]
        return {**out, **extra, "resultSizeEstimate": len(threads)}

    def threads_get(self, call: Call) -> dict:
        thread_id = call.path["id"]
        if not _HEX.fullmatch(thread_id):
            raise bad_request("Invalid id value")
        members = self.mailbox.thread(thread_id)
        if not members:
            raise not_found()
        return render_thread(members, call.params.get("format", "full"),
                             call.params.get("metadataHeaders"))

    # ------------------------------------------------------------------ history

    def history_list(self, call: Call) -> dict:
        current = str(self.mailbox.history_id)
        start_text = call.params.get("startHistoryId")
        if start_text is None:
            raise bad_request("Missing/invalid parameter: startHistoryId", reason="invalidArgument")
        start = int(start_text)
        if start < self.mailbox.min_history_id:
            raise not_found()
        token = call.params.get("pageToken")
        if token:
            try:
                tag, after = base64.urlsafe_b64decode(token.encode()).decode().split(":")
                if tag != "h":
                    raise ValueError(tag)
                start = int(after)
            except ValueError:
                raise bad_request("Invalid pageToken", reason="invalidArgument") from None
        elif self.empty_history_pages():
            return {"historyId": current, "nextPageToken": self._history_token(start)}
        if start < self.mailbox.min_history_id:
            raise not_found()
        types = call.params.get("historyTypes")
        label = call.params.get("labelId")
        records = [r for r in (self._filter(r, types, label) for r in self.mailbox.history
                               if r["id"] > start) if r]
        size = min(call.params.get("maxResults") or 100, 500)
        out: dict = {}
        if records[:size]:
            out["history"] = records[:size]
        if len(records) > size:
            out["nextPageToken"] = self._history_token(int(records[size - 1]["id"]))
        return {**out, "historyId": current}

    @staticmethod
    def _history_token(after: int) -> str:
        return base64.urlsafe_b64encode(f"h:{after}".encode()).decode()

    @staticmethod
    def _filter(record: dict, types: list[str] | None, label: str | None) -> dict | None:
        keys = {"messageAdded": "messagesAdded", "messageDeleted": "messagesDeleted",
                "labelAdded": "labelsAdded", "labelRemoved": "labelsRemoved"}
        wanted = [keys[t] for t in types] if types else list(keys.values())
        out: dict = {}
        for key in wanted:
            entries = [
                e for e in record.get(key, [])
                if label is None or label in e["message"].get("labelIds", [])
                or label in e.get("labelIds", [])
            ]
            if entries:
                out[key] = entries
        if not out:
            return None
        return {"id": str(record["id"]), "messages": record["messages"], **out}

    # ------------------------------------------------------------------ drafts

    def _draft_body(self, draft) -> dict:
        return {"id": draft.id, "message": draft.message.stub()}

    def drafts_create(self, call: Call) -> dict:
        message = (call.body or {}).get("message")
        raw = self._raw(call, message)
        draft = self.mailbox.create_draft(raw, self._thread_id(message))
        return self._draft_body(draft)

    def drafts_update(self, call: Call) -> dict:
        draft = self._draft(call.path["id"])
        message = (call.body or {}).get("message")
        raw = self._raw(call, message)
        return self._draft_body(self.mailbox.update_draft(draft.id, raw,
                                                          self._thread_id(message)))

    def drafts_list(self, call: Call) -> dict:
        by_message = {d.message.id: d for d in self.mailbox.drafts()}
        found = self._search(call.params, [d.message for d in by_message.values()])
        page, extra = self._page(found, call.params, "d")
        out: dict = {}
        if page:
            out["drafts"] = [{"id": by_message[m.id].id,
                              "message": {"id": m.id, "threadId": m.thread_id}} for m in page]
        return {**out, **extra, "resultSizeEstimate": len(found)}

    def drafts_get(self, call: Call) -> dict:
        draft = self._draft(call.path["id"])
        return {"id": draft.id,
                "message": render_message(draft.message, call.params.get("format", "full"))}

    def drafts_delete(self, call: Call) -> None:
        self.mailbox.delete_draft(self._draft(call.path["id"]).id)

    def drafts_send(self, call: Call) -> dict:
        body = call.body or {}
        draft = self._draft(body.get("id", "")) if body.get("id") else None
        message = body.get("message")
        if draft is not None and not (message or {}).get("raw") and call.media is None:
            raw, thread_id = draft.message.raw, draft.message.thread_id
            if len(self.mailbox.thread(thread_id)) < 2:
                thread_id = None  # the draft was alone: the sent message starts the thread
        else:
            raw, thread_id = self._raw(call, message), self._thread_id(message)
        return self.mailbox.send(raw, thread_id, draft.id if draft else None).stub()
