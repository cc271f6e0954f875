"""Which mailbox plays which role: config override, else SPECIAL-USE, else a common name.

One ``LIST`` answers all roles at once (``IMAPClient.find_special_folder`` would
list once per role). Drafts and Trash are created when absent, because outbox
writes to them; a missing Sent folder is simply not watched.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from outbox.model import Folder
from outbox.provider import PermanentError

log = logging.getLogger(__name__)

SPECIAL_USE = {
    Folder.DRAFTS: b"\\Drafts",
    Folder.SENT: b"\\Sent",
    Folder.TRASH: b"\\Trash",
}

COMMON_NAMES = {
    Folder.DRAFTS: ("Drafts", "Draft", "INBOX.Drafts", "INBOX/Drafts", "[Gmail]/Drafts"),
    Folder.SENT: ("Sent", "Sent Items", "Sent Messages", "INBOX.Sent", "INBOX/Sent",
                  "[Gmail]/Sent Mail"),
    Folder.TRASH: ("Trash", "Deleted Items", "Deleted Messages", "INBOX.Trash",
                   "INBOX/Trash", "[Gmail]/Trash"),
}

# Roles outbox must be able to write to: created when the server has none.
CREATE_IF_MISSING = {Folder.DRAFTS: "Drafts", Folder.TRASH: "Trash"}

_UNSELECTABLE = {b"\\NOSELECT", b"\\NONEXISTENT"}


Listing = Sequence[tuple[Sequence[bytes], Any, str]]


def _selectable(listing: Listing) -> list[tuple[set[bytes], str]]:
    out = []
    for flags, _delim, name in listing:
        upper = {bytes(f).upper() for f in flags}
        if not upper & _UNSELECTABLE:
            out.append((upper, str(name)))
    return out


def _by_name(names: Sequence[str], wanted: str) -> str | None:
    for name in names:
        if name == wanted or (name.upper() == "INBOX" and wanted.upper() == "INBOX"):
            return name
    lowered = wanted.lower()
    return next((n for n in names if n.lower() == lowered), None)


def _find(role: Folder, listed: list[tuple[set[bytes], str]]) -> str | None:
    flag = SPECIAL_USE[role].upper()
    for flags, name in listed:
        if flag in flags:
            return name
    names = [name for _flags, name in listed]
    for candidate in COMMON_NAMES[role]:
        found = _by_name(names, candidate)
        if found:
            return found
    return None


def _create(client: Any, role: Folder) -> str:
    prefix = ""
    if client.has_capability("NAMESPACE"):
        personal = client.namespace().personal
        if personal:
            prefix = personal[0][0] or ""
            if isinstance(prefix, bytes):
                prefix = prefix.decode("utf-8", "replace")
    name = prefix + CREATE_IF_MISSING[role]
    log.info("the mailbox has no %s folder; creating %r", role.value, name)
    client.create_folder(name)
    try:
        client.subscribe_folder(name)
    except client.AbortError:
        raise
    except client.Error as exc:  # subscribing only helps the user's mail client see it
        log.info("could not subscribe to %r: %s", name, exc)
    return name


def resolve(client: Any, overrides: Any) -> dict[Folder, str]:
    """Mailbox name per role; Sent may be absent. Raises ``PermanentError`` for an
    overridden inbox or sent folder that does not exist."""
    listed = _selectable(client.list_folders())
    names = [name for _flags, name in listed]
    out: dict[Folder, str] = {}
    for role in (Folder.INBOX, Folder.SENT, Folder.DRAFTS, Folder.TRASH):
        wanted = getattr(overrides, role.value, None) if overrides is not None else None
        if wanted:
            found = _by_name(names, wanted)
            if found:
                out[role] = found
            elif role in CREATE_IF_MISSING:
                log.info("creating the configured %s folder %r", role.value, wanted)
                client.create_folder(wanted)
                out[role] = wanted
            else:
                raise PermanentError(
                    f"the configured {role.value} folder {wanted!r} does not exist",
                    hint=f"existing folders: {', '.join(sorted(names)) or 'none'}",
                )
        elif role is Folder.INBOX:
            out[role] = _by_name(names, "INBOX") or "INBOX"
        else:
            found = _find(role, listed)
            if found:
                out[role] = found
            elif role in CREATE_IF_MISSING:
                out[role] = _create(client, role)
            else:
                log.warning("no %s folder found; it will not be watched", role.value)
    return out
