"""Where each folder of a Maildir account lives on disk.

Two layouts are in common use and are told apart by looking:

- *verbatim* (isync/mbsync ``SubFolders Verbatim``, offlineimap): ``account.path``
  holds one Maildir per folder, ``INBOX/``, ``Sent/``, ``Drafts/``, ``Trash/``;
- *Maildir++* (Dovecot, Courier): ``account.path`` is itself the inbox Maildir and
  the other folders are ``.Sent/``, ``.Drafts/``, ``.Trash/`` inside it.

A Maildir is a directory with ``cur/``, ``new/`` and ``tmp/``.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from outbox.model import Folder
from outbox.provider import PermanentError

log = logging.getLogger(__name__)

# Names mail clients and servers give each role, most common first.
CANDIDATES: dict[Folder, tuple[str, ...]] = {
    Folder.INBOX: ("INBOX",),
    Folder.SENT: (
        "Sent", "Sent Items", "Sent Messages", "Sent Mail", "Sent-Mail",
        "[Gmail]/Sent Mail", "[Google Mail]/Sent Mail", "INBOX/Sent",
    ),
    Folder.DRAFTS: ("Drafts", "Draft", "[Gmail]/Drafts", "[Google Mail]/Drafts", "INBOX/Drafts"),
    Folder.TRASH: (
        "Trash", "Deleted Items", "Deleted Messages", "Deleted", "Bin",
        "[Gmail]/Trash", "[Gmail]/Bin", "[Google Mail]/Trash", "[Google Mail]/Bin",
        "INBOX/Trash",
    ),
}

LAYOUT_HINT = (
    "expected either one Maildir per folder ({root}/INBOX/cur, new, tmp — isync/mbsync "
    "style) or a Maildir++ inbox ({root}/cur, new, tmp with .Sent, .Drafts inside)"
)


def is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


@dataclass(frozen=True, slots=True)
class Layout:
    """The resolved folders of one account. ``paths[folder]`` exists when ``present``."""

    root: Path
    plusplus: bool
    paths: dict[Folder, Path]
    present: frozenset[Folder]


def _root_of(account: Any) -> Path:
    return Path(os.path.expanduser(str(account.path)))


def _plusplus_dir(root: Path, name: str) -> Path:
    if name.upper() == "INBOX":
        return root
    name = name if name.startswith(".") else "." + name.replace("/", ".")
    return root / name


def _verbatim_dir(root: Path, name: str) -> Path:
    return root / name


def _find_case_insensitive(parent: Path, name: str) -> Path | None:
    """``parent/name`` ignoring case (single path component only)."""
    try:
        entries = os.listdir(parent)
    except OSError:
        return None
    wanted = name.casefold()
    for entry in sorted(entries):
        if entry.casefold() == wanted and is_maildir(parent / entry):
            return parent / entry
    return None


def _locate(root: Path, plusplus: bool, names: tuple[str, ...]) -> Path | None:
    place = _plusplus_dir if plusplus else _verbatim_dir
    for name in names:
        path = place(root, name)
        if is_maildir(path):
            return path
    for name in names:
        if "/" in name:
            continue
        leaf = place(root, name)
        found = _find_case_insensitive(leaf.parent, leaf.name)
        if found is not None and found != root:
            return found
    return None


def _override(account: Any, folder: Folder) -> str | None:
    folders = getattr(account, "folders", None)
    value = getattr(folders, folder.value, None) if folders is not None else None
    return value or None


def resolve(account: Any) -> Layout:
    """Find every folder of ``account``; raises ``PermanentError`` without an inbox.

    Pure lookup: nothing is created. A missing folder maps to where it would be
    created (the override, else the first common name).
    """
    root = _root_of(account)
    if not root.is_dir():
        raise PermanentError(
            f"Maildir {root} does not exist or is not a folder",
            hint=LAYOUT_HINT.format(root=root) + "; check `path:` in the account",
        )
    plusplus = is_maildir(root)
    place = _plusplus_dir if plusplus else _verbatim_dir
    paths: dict[Folder, Path] = {}
    present: set[Folder] = set()
    for folder, common in CANDIDATES.items():
        override = _override(account, folder)
        if folder is Folder.INBOX and plusplus and override is None:
            found: Path | None = root
        else:
            found = _locate(root, plusplus, (override,) if override else common)
        if found is not None:
            paths[folder] = found
            present.add(folder)
        else:
            paths[folder] = place(root, override or common[0])
    if Folder.INBOX not in present:
        raise PermanentError(
            f"no inbox Maildir in {root} (looked for {paths[Folder.INBOX]})",
            hint=LAYOUT_HINT.format(root=root),
        )
    return Layout(root=root, plusplus=plusplus, paths=paths, present=frozenset(present))


def maildir_paths(account: Any) -> dict[Folder, Path]:
    """Each folder's Maildir (where it is, or where outbox would create it).

    For showing the user, e.g. "open it with ``mutt -f <path>``".
    """
    return dict(resolve(account).paths)


def ensure_maildir(path: Path, plusplus: bool) -> None:
    """Create ``path`` as an empty Maildir (cur/new/tmp, mode 0700) if missing."""
    if is_maildir(path) and (path / "tmp").is_dir():
        return
    for sub in ("cur", "new", "tmp"):
        os.makedirs(path / sub, mode=0o700, exist_ok=True)
    if plusplus:
        # Maildir++ marks every subfolder with this empty file (Courier, Dovecot).
        marker = path / "maildirfolder"
        if not marker.exists():
            marker.touch(mode=0o600)
    log.info("created Maildir folder %s", path)
