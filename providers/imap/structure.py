"""BODYSTRUCTURE -> the leaf parts worth reading, and how to decode them.

Section numbers follow RFC 3501 6.4.5: the parts of a multipart are ``1``,
``2``, ...; nested ones ``2.1``; a single-part message's body is ``1``; an
attached ``message/rfc822`` at ``3`` has its body at ``3.1`` (or its parts at
``3.1``, ``3.2`` when multipart). The choice of parts mirrors
``outbox.mime.extract_bodies``: calendar parts always (even as attachments),
text/plain and text/html unless they are attachments, nothing else.
"""

from __future__ import annotations

import binascii
import quopri
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from outbox.mime import MAX_BODY_CHARS

MAX_DEPTH = 20  # a hostile message may nest parts without end
# Longest prefix of one part ever fetched: MAX_BODY_CHARS of 4-byte UTF-8 in base64.
MAX_PART_BYTES = MAX_BODY_CHARS * 4 * 4 // 3 + 4096


@dataclass(frozen=True, slots=True)
class Leaf:
    section: str
    ctype: str  # "text/plain", lower case
    params: tuple[tuple[str, str], ...]  # lower-case names
    encoding: str  # lower case: "base64", "quoted-printable", "7bit", ...
    size: int
    disposition: str  # "attachment", "inline" or ""
    filename: str  # lower case, "" when none

    @property
    def charset(self) -> str:
        return dict(self.params).get("charset", "") or "utf-8"

    @property
    def is_calendar(self) -> bool:
        return self.ctype in ("text/calendar", "application/ics") or self.filename.endswith(
            ".ics"
        )

    @property
    def kind(self) -> str | None:
        """"calendar", "text", "html", or None for a part outbox never reads."""
        if self.is_calendar:
            return "calendar"
        if self.disposition == "attachment":
            return None
        return {"text/plain": "text", "text/html": "html"}.get(self.ctype)

    @property
    def fetch_item(self) -> str:
        """The FETCH item for this part, capped so a huge part cannot flood us."""
        if self.size > MAX_PART_BYTES:
            return f"BODY.PEEK[{self.section}]<0.{MAX_PART_BYTES}>"
        return f"BODY.PEEK[{self.section}]"


def _s(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, tuple | list):
        return ()
    items = list(value)
    return tuple((_s(k).lower(), _s(v)) for k, v in zip(items[::2], items[1::2], strict=False))


def _is_multipart(node: Sequence[Any]) -> bool:
    return bool(node) and isinstance(node[0], list | tuple)


def _children(node: Sequence[Any]) -> list[Any]:
    if isinstance(node[0], list):  # imapclient's BodyData nests the parts in a list
        return list(node[0])
    parts = []
    for item in node:  # raw form: the part tuples, then the subtype
        if not isinstance(item, list | tuple):
            break
        parts.append(item)
    return parts


def _leaf(node: Sequence[Any], section: str) -> Leaf:
    ctype = f"{_s(node[0])}/{_s(node[1])}".lower()
    params = _pairs(node[2])
    if ctype.startswith("text/"):
        ext = 8
    elif ctype == "message/rfc822":
        ext = 10
    else:
        ext = 7
    disposition, dparams = "", ()
    if len(node) > ext + 1 and isinstance(node[ext + 1], tuple | list) and node[ext + 1]:
        disposition = _s(node[ext + 1][0]).lower()
        if len(node[ext + 1]) > 1:
            dparams = _pairs(node[ext + 1][1])
    filename = ""
    for key, value in (*dparams, *params):
        if key.startswith(("filename", "name")) and value:
            filename = value.strip().strip('"').lower()
            break
    try:
        size = int(node[6])
    except (TypeError, ValueError, IndexError):
        size = 0
    return Leaf(section, ctype, params, _s(node[5]).lower(), size, disposition, filename)


def _walk(node: Any, section: str, out: list[Leaf], depth: int) -> None:
    if depth > MAX_DEPTH or not isinstance(node, list | tuple) or not node:
        return
    if _is_multipart(node):
        for i, child in enumerate(_children(node), start=1):
            _walk(child, f"{section}.{i}" if section else str(i), out, depth + 1)
        return
    leaf = _leaf(node, section or "1")
    out.append(leaf)
    if leaf.ctype == "message/rfc822" and len(node) > 8 and isinstance(node[8], list | tuple):
        inner = node[8]
        if _is_multipart(inner):
            _walk(inner, leaf.section, out, depth + 1)
        else:
            _walk(inner, f"{leaf.section}.1", out, depth + 1)


def leaves(structure: Any) -> list[Leaf]:
    """Every leaf part of a BODYSTRUCTURE, in document order."""
    out: list[Leaf] = []
    _walk(structure, "", out, 0)
    return out


def readable(parts: list[Leaf]) -> list[Leaf]:
    return [p for p in parts if p.kind is not None]


def has_calendar(parts: list[Leaf]) -> bool:
    return any(p.is_calendar for p in parts)


def decode(data: bytes, leaf: Leaf) -> str:
    """Undo the part's Content-Transfer-Encoding and charset, leniently."""
    if leaf.encoding == "base64":
        cleaned = re.sub(rb"[^A-Za-z0-9+/]", b"", data)
        if len(cleaned) % 4 == 1:  # a cut (partial fetch) or broken input: drop the stray
            cleaned = cleaned[:-1]
        cleaned += b"=" * (-len(cleaned) % 4)
        try:
            data = binascii.a2b_base64(cleaned)
        except binascii.Error:
            data = b""
    elif leaf.encoding == "quoted-printable":
        data = quopri.decodestring(data)
    try:
        text = data.decode(leaf.charset, errors="replace")
    except LookupError:
        text = data.decode("utf-8", errors="replace")
    return text[:MAX_BODY_CHARS]
