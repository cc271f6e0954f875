"""Header values from mail, made safe to write: text, addresses, message ids, subject.

Everything taken from mail (subject, names, message ids) is hostile until
cleaned here: it can never add a header or a recipient. ``POLICY`` is the
email policy drafts are written with; it folds In-Reply-To and References one
id per line instead of encoding them.
"""

from __future__ import annotations

import re
from email.header import decode_header, make_header
from email.headerregistry import Address as HeaderAddress
from email.headerregistry import HeaderRegistry
from email.policy import SMTP
from typing import Any

from outbox.templating import TemplateError

_MAX_ID_LEN = 250
# Controls, C1 (NEL), Unicode line/paragraph separators and bidi overrides:
# none belongs in a header, and the first three can end one.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_MSGID = re.compile(r"<[\x21-\x3b\x3d\x3f-\x7e]+>")  # printable ASCII, no < > or space
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_KEY = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+")
_REPLY_PREFIX = re.compile(r"\s*(re|aw|sv|vs|antw|odp|rif)\s*(\[\d+\]|\(\d+\))?\s*:", re.I)


# Also a TemplateError: to the engine both mean "this draft cannot be written".
class InvalidAddress(TemplateError, ValueError):
    """An address that is not exactly one valid mailbox; the draft for it is refused."""


def draft_message_id(key: str, from_address: str) -> str:
    if not _KEY.fullmatch(key):
        raise ValueError(f"{key!r} cannot be the left part of a Message-ID")
    domain = _domain(from_address.rpartition("@")[2])
    return f"<{key}@{domain}>"


def clean_text(value: str | None) -> str:
    """One line of header-safe text: encoded words decoded once, no controls,
    and no ``=?`` left for a later parser to decode into a line break."""
    text = value or ""
    for _ in range(3):
        if "=?" not in text:
            break
        try:
            decoded = str(make_header(decode_header(text)))
        except (ValueError, LookupError, UnicodeError, TypeError):
            break
        if decoded == text:
            break
        text = decoded
    text = _UNSAFE.sub(" ", text).replace("=?", "= ?")
    return text.strip()


def clean_message_ids(ids: tuple[str, ...] | list[str]) -> list[str]:
    """Valid ``<...>`` ids only, first occurrence kept, in order."""
    out: list[str] = []
    for token in ids:
        token = (token or "").strip()
        # "=?" inside an id is decoded as an encoded word by lenient parsers.
        if (len(token) <= _MAX_ID_LEN and _MSGID.fullmatch(token) and "=?" not in token
                and token not in out):
            out.append(token)
    return out


def _domain(raw: str) -> str:
    domain = raw.strip().rstrip(".").lower()
    try:
        domain = domain.encode("idna").decode("ascii") if not domain.isascii() else domain
    except UnicodeError as exc:
        raise InvalidAddress(f"{raw!r} is not a mail domain") from exc
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        raise InvalidAddress(f"{raw!r} is not a mail domain")
    return domain


def valid_address(value: str) -> str:
    """``value`` as one plain ``local@domain``, or ``InvalidAddress``."""
    text = (value or "").strip()
    local, at, domain = text.rpartition("@")
    if not at or not _LOCAL.fullmatch(local) or len(text) > 254:
        raise InvalidAddress(f"{value!r} is not a single e-mail address")
    spec = f"{local}@{_domain(domain)}"
    try:
        parsed = HeaderAddress(addr_spec=spec)
    except (ValueError, IndexError) as exc:
        raise InvalidAddress(f"{value!r} is not a single e-mail address") from exc
    if parsed.addr_spec != spec:
        raise InvalidAddress(f"{value!r} is not a single e-mail address")
    return spec


def reply_subject(subject: str) -> str:
    text = clean_text(subject)
    if _REPLY_PREFIX.match(text):
        return text
    return f"Re: {text}".rstrip()


class _MessageIdsHeader:
    """In-Reply-To / References: ids folded one per line, never as encoded words
    (the default unstructured folding encodes a long id, which breaks threading)."""

    max_count = 1

    @classmethod
    def parse(cls, value: Any, kwds: dict[str, Any]) -> None:
        kwds["parse_tree"] = None
        kwds["decoded"] = " ".join(clean_message_ids(str(value).split()))

    def fold(self, *, policy: Any) -> str:
        name = self.name  # type: ignore[attr-defined]
        return f"{name}: " + f"{policy.linesep} ".join(str(self).split()) + policy.linesep


def _policy() -> Any:
    registry = HeaderRegistry()
    registry.map_to_type("in-reply-to", _MessageIdsHeader)
    registry.map_to_type("references", _MessageIdsHeader)
    return SMTP.clone(header_factory=registry)


POLICY = _policy()
