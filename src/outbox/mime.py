"""Raw RFC 5322 bytes -> ``Message``; shared by every provider that sees raw mail.

Hostile input is expected: every header is decoded defensively, and a part
that cannot be decoded is replaced rather than raising. What truly cannot be
parsed raises ``MalformedMessage`` so the caller can log it and go on.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import hashlib
import logging
import re
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.message import Message as RawMessage
from email.utils import getaddresses, parsedate_to_datetime

from outbox.model import Address, Folder, Message

log = logging.getLogger(__name__)

# The headers every sync reads (providers fetch exactly these).
HEADER_FIELDS = (
    "From", "To", "Cc", "Reply-To", "Date", "Message-ID", "In-Reply-To", "References",
    "Subject", "Auto-Submitted", "X-Autoreply", "Precedence", "List-Id", "X-Outbox-Key",
    "Content-Type",
)

_MSGID = re.compile(r"<[^<>\s]+>")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_BODY_CHARS = 200_000  # a longer part is cut: detection never needs more


class MalformedMessage(ValueError):
    """The bytes are not a message outbox can read."""


def _decode(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    with contextlib.suppress(ValueError, LookupError, UnicodeError, TypeError):
        text = str(make_header(decode_header(text)))
    return _CONTROL.sub(" ", text.replace("\r", " ").replace("\n", " ")).strip()


def _header(raw: RawMessage, name: str) -> str:
    try:
        values = raw.get_all(name) or []
    except Exception:  # the email package raises a zoo of types on broken headers
        return ""
    if not values:
        return ""
    return _decode(values[0])


def _addresses(raw: RawMessage, name: str) -> tuple[Address, ...]:
    try:
        values = [str(v) for v in (raw.get_all(name) or [])]
    except Exception:
        return ()
    out = []
    for display, addr in getaddresses([_decode(v) for v in values]):
        addr = addr.strip()
        if "@" in addr and not any(c in addr for c in " <>,;\"\\"):
            out.append(Address(email=addr, name=_decode(display)))
    return tuple(out)


def _message_ids(text: str) -> tuple[str, ...]:
    return tuple(_MSGID.findall(text or ""))


def _date(raw: RawMessage, received: datetime | None) -> datetime:
    text = _header(raw, "Date")
    if text:
        try:
            parsed = parsedate_to_datetime(text)
            if parsed.tzinfo is None:  # "-0000": the sender did not know its zone
                parsed = parsed.replace(tzinfo=UTC)
            return parsed
        except (TypeError, ValueError, IndexError, OverflowError):
            log.debug("unparseable Date %r; using received time", text)
    # Only clock.py reads the wall clock; with neither a Date nor a received time
    # the message sorts as the oldest there is.
    return received or EPOCH


def parse_bytes(data: bytes) -> RawMessage:
    try:
        return email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as exc:  # pragma: no cover - the parser is very lenient
        raise MalformedMessage(f"cannot parse message: {exc}") from exc


def headers_to_message(
    raw: RawMessage, *, ref: str, folder: Folder, received: datetime | None = None
) -> Message:
    """Build a headers-only ``Message``; ``raw`` may hold just the header block."""
    if not raw.keys():
        raise MalformedMessage("no headers")
    message_id = next(iter(_message_ids(_header(raw, "Message-ID"))), "")
    if not message_id:
        digest = hashlib.sha256(str(raw.items()).encode("utf-8", "replace")).hexdigest()[:20]
        message_id = f"<missing.{digest}@outbox.invalid>"
    from_ = _addresses(raw, "From")
    in_reply_to = next(iter(_message_ids(_header(raw, "In-Reply-To"))), None)
    content_type = _header(raw, "Content-Type").lower()
    return Message(
        ref=ref,
        folder=folder,
        message_id=message_id,
        date=_date(raw, received),
        subject=_header(raw, "Subject"),
        from_=from_[0] if from_ else None,
        to=_addresses(raw, "To"),
        cc=_addresses(raw, "Cc"),
        reply_to=_addresses(raw, "Reply-To"),
        in_reply_to=in_reply_to,
        references=_message_ids(_header(raw, "References")),
        auto_submitted=_header(raw, "Auto-Submitted") or None,
        x_autoreply=_header(raw, "X-Autoreply") or None,
        precedence=_header(raw, "Precedence") or None,
        list_id=_header(raw, "List-Id") or None,
        outbox_key=_header(raw, "X-Outbox-Key") or None,
        has_calendar="text/calendar" in content_type,
    )


def _payload_text(part: RawMessage) -> str:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        return ""
    if not isinstance(data, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        text = data.decode(charset, errors="replace")
    except LookupError:
        text = data.decode("utf-8", errors="replace")
    return text[:MAX_BODY_CHARS]


def _is_attachment(part: RawMessage) -> bool:
    disposition = (part.get("Content-Disposition") or "").lower()
    return disposition.startswith("attachment")


def extract_bodies(raw: RawMessage) -> tuple[str, str, tuple[str, ...]]:
    """(text/plain, text/html, calendar parts) of a full message; attachments skipped
    except calendar files, which are how invitations travel."""
    plain: list[str] = []
    html: list[str] = []
    calendars: list[str] = []
    for part in raw.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        filename = (part.get_filename() or "").lower()
        if ctype == "text/calendar" or (
            ctype == "application/ics" or filename.endswith(".ics")
        ):
            calendars.append(_payload_text(part))
        elif _is_attachment(part):
            continue
        elif ctype == "text/plain":
            plain.append(_payload_text(part))
        elif ctype == "text/html":
            html.append(_payload_text(part))
    return "\n".join(plain), "\n".join(html), tuple(c for c in calendars if c.strip())


def has_calendar_part(raw: RawMessage) -> bool:
    return any(
        p.get_content_type() == "text/calendar"
        or (p.get_filename() or "").lower().endswith(".ics")
        for p in raw.walk()
    )


def fill_bodies(message: Message, raw: RawMessage) -> Message:
    message.text, message.html, message.calendars = extract_bodies(raw)
    message.has_calendar = message.has_calendar or bool(message.calendars)
    message.body_fetched = True
    return message


def parse_message(
    data: bytes, *, ref: str, folder: Folder, received: datetime | None = None,
    with_bodies: bool = True,
) -> Message:
    """Full raw bytes -> ``Message`` (bodies too unless ``with_bodies`` is False)."""
    raw = parse_bytes(data)
    message = headers_to_message(raw, ref=ref, folder=folder, received=received)
    message.has_calendar = message.has_calendar or has_calendar_part(raw)
    if with_bodies:
        fill_bodies(message, raw)
    return message


def body_text_of(data: bytes) -> str:
    """The text/plain body of raw bytes (used to prove a draft is unedited)."""
    return extract_bodies(parse_bytes(data))[0]
