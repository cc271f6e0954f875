"""Gmail API resource shapes for stored messages (Message, MessagePart, Thread...)."""

from __future__ import annotations

import base64
import html
import re
from email.message import Message

from tests.fakes.gmail_store import StoredMessage, decode_header


def b64url(data: bytes) -> str:
    """Gmail's base64url, padding kept (``urlsafe_b64decode`` reads it back as is)."""
    return base64.urlsafe_b64encode(data).decode("ascii")


def b64url_decode(text: str) -> bytes:
    text = text.strip().replace("+", "-").replace("/", "_")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _content(part: Message) -> bytes:
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def attachment_id(message_id: str, part_id: str) -> str:
    return "ANGjdJ" + b64url(f"{message_id}:{part_id}".encode()).rstrip("=")


def parse_attachment_id(value: str) -> tuple[str, str] | None:
    if not value.startswith("ANGjdJ"):
        return None
    try:
        message_id, part_id = b64url_decode(value[6:]).decode().split(":", 1)
    except (ValueError, UnicodeDecodeError):
        return None
    return message_id, part_id


def find_part(msg: StoredMessage, part_id: str) -> Message | None:
    node = msg.parsed
    for index in filter(None, part_id.split(".")):
        children = node.get_payload()
        if not isinstance(children, list) or int(index) >= len(children):
            return None
        node = children[int(index)]
    return node


def _part(node: Message, part_id: str, message_id: str, top: bool) -> dict:
    out: dict = {
        "partId": part_id,
        "mimeType": node.get_content_type(),
        "filename": decode_header(node.get_filename()) if node.get_filename() else "",
        "headers": [{"name": k, "value": decode_header(v)} for k, v in node.items()],
    }
    children = node.get_payload()
    if node.is_multipart() and isinstance(children, list):
        out["body"] = {"size": 0}
        prefix = "" if top else f"{part_id}."
        out["parts"] = [
            _part(child, f"{prefix}{i}", message_id, False) for i, child in enumerate(children)
        ]
        return out
    data = _content(node)
    if out["filename"]:
        out["body"] = {"attachmentId": attachment_id(message_id, part_id), "size": len(data)}
    elif data:
        out["body"] = {"size": len(data), "data": b64url(data)}
    else:
        out["body"] = {"size": 0}
    return out


def text_of(msg: StoredMessage) -> str:
    """The readable text of a message (text/plain parts, else text/html stripped)."""
    plain, rich = [], []
    for part in msg.parsed.walk():
        if part.is_multipart() or part.get_filename():
            continue
        kind = part.get_content_type()
        if kind not in ("text/plain", "text/html"):
            continue
        charset = part.get_content_charset() or "utf-8"
        try:
            text = _content(part).decode(charset, errors="replace")
        except LookupError:
            text = _content(part).decode("utf-8", errors="replace")
        (plain if kind == "text/plain" else rich).append(text)
    if plain:
        return "\n".join(plain)
    return html.unescape(re.sub(r"<[^>]+>", " ", "\n".join(rich)))


def snippet(msg: StoredMessage) -> str:
    text = " ".join(text_of(msg).split())
    return html.escape(text[:200], quote=True).replace("&#x27;", "&#39;")


def render_message(msg: StoredMessage, fmt: str = "full",
                   metadata_headers: list[str] | None = None) -> dict:
    out: dict = {
        "id": msg.id,
        "threadId": msg.thread_id,
        "labelIds": list(msg.label_ids),
        "snippet": snippet(msg),
        "sizeEstimate": len(msg.raw),
        "historyId": str(msg.history_id),
        "internalDate": str(msg.internal_date),
    }
    if fmt == "raw":
        out["raw"] = b64url(msg.raw)
    elif fmt == "full":
        out["payload"] = _part(msg.parsed, "", msg.id, True)
    elif fmt == "metadata":
        wanted = {h.casefold() for h in metadata_headers or []}
        headers = [
            {"name": k, "value": v} for k, v in msg.headers if not wanted or k.casefold() in wanted
        ]
        out["payload"] = {"partId": "", "mimeType": msg.parsed.get_content_type(),
                          "filename": "", "headers": headers}
    if not out["labelIds"]:
        del out["labelIds"]
    return out


def render_thread(members: list[StoredMessage], fmt: str,
                  metadata_headers: list[str] | None) -> dict:
    return {
        "id": members[0].thread_id,
        "historyId": str(max(m.history_id for m in members)),
        "messages": [render_message(m, fmt, metadata_headers) for m in members],
    }
