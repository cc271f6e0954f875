"""Files inside one Maildir: names and flags, listing, reading, atomic writes.

A message file is named ``<unique>:2,<flags>`` in ``cur/`` and ``<unique>`` in
``new/``. Mail clients rename files to change flags and move them from
``new/`` to ``cur/``; only ``<unique>`` is stable (minus the ``,U=<uid>`` tag
mbsync inserts once the server knows the message).
"""

from __future__ import annotations

import errno
import logging
import os
import re
import secrets
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from outbox.provider import PermanentError, ProviderError, TransientError

try:  # POSIX only; elsewhere the daemon's single-instance lock has to do.
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

_INFO = re.compile(r"[:;!]2,")  # ":" on POSIX; mbsync on Windows uses ";" or "!"
_UID_TAG = re.compile(r",U=\d+")
CHUNK = 8192
MAX_HEAD = 1 << 20  # a "header block" longer than this is hostile; parse what we have
LOCK_NAME = ".outbox.lock"


@dataclass(frozen=True, slots=True)
class Entry:
    """One message file as listed (not yet read)."""

    path: Path
    unique: str
    flags: str
    mtime_ns: int

    @property
    def name(self) -> str:
        return self.path.name


def split_name(name: str) -> tuple[str, str]:
    """``"123.abc,U=7:2,DS"`` -> ``("123.abc", "DS")``."""
    match = _INFO.search(name)
    base, flags = (name[: match.start()], name[match.end():]) if match else (name, "")
    return _UID_TAG.sub("", base), flags


def list_entries(maildir: Path) -> list[Entry]:
    """Message files in ``new/`` and ``cur/`` (never ``tmp/``, never dotfiles).

    A file seen in both (moved while we listed) is kept once.
    """
    out: dict[str, Entry] = {}
    for sub in ("new", "cur"):
        with os.scandir(maildir / sub) as listing:
            for item in listing:
                if item.name.startswith("."):
                    continue
                try:
                    if not item.is_file():
                        continue
                    mtime_ns = item.stat().st_mtime_ns
                except FileNotFoundError:
                    continue
                unique, flags = split_name(item.name)
                out.setdefault(unique, Entry(Path(item.path), unique, flags, mtime_ns))
    return list(out.values())


def dir_mtimes(maildir: Path) -> tuple[int, int]:
    """mtime_ns of ``new/`` and ``cur/``: they change whenever a file arrives,
    leaves or is renamed there, so equal values mean nothing to list."""
    return (maildir / "new").stat().st_mtime_ns, (maildir / "cur").stat().st_mtime_ns


def relocate(maildir: Path, unique: str) -> Path | None:
    """Where the file called ``unique`` is now (clients rename to set flags)."""
    for entry in list_entries(maildir):
        if entry.unique == unique:
            return entry.path
    return None


def _header_end(buf: bytearray, start: int) -> int | None:
    if buf.startswith((b"\n", b"\r\n")):
        return 0
    ends = [i for i in (buf.find(b"\n\n", start), buf.find(b"\r\n\r\n", start)) if i >= 0]
    if not ends:
        return None
    first = min(ends)
    return first + (2 if buf[first:first + 2] == b"\n\n" else 4)


def read_head(path: Path) -> bytes:
    """The header block of a message file, without reading the rest of it."""
    buf = bytearray()
    with open(path, "rb") as handle:
        while len(buf) < MAX_HEAD:
            chunk = handle.read(CHUNK)
            if not chunk:
                break
            start = max(0, len(buf) - 3)
            buf += chunk
            end = _header_end(buf, start)
            if end is not None:
                return bytes(buf[:end])
    return bytes(buf[:MAX_HEAD])


# A calendar part's own MIME headers: its Content-Type, or an .ics file name.
_CALENDAR_MARK = re.compile(
    rb"^content-type:[ \t]*(?:text/calendar|application/ics)"
    rb"|^content-disposition:[^\r\n]*filename\*?=\"?[^\"\r\n]*\.ics\b",
    re.IGNORECASE | re.MULTILINE,
)
CALENDAR_PEEK = 64 * 1024  # invitations put their MIME headers well inside this


def mentions_calendar(path: Path) -> bool:
    """Whether a multipart message carries a calendar part, from its first bytes
    only: the core decides on bodies from headers plus ``has_calendar``, which
    IMAP reads from BODYSTRUCTURE and a Maildir can only read from the file."""
    with open(path, "rb") as handle:
        return _CALENDAR_MARK.search(handle.read(CALENDAR_PEEK)) is not None


def read_all(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _hostname() -> str:
    host = socket.gethostname() or "localhost"
    # The Maildir spec's escapes for the two characters a name cannot hold.
    return host.replace("/", r"\057").replace(":", r"\072")


def new_unique() -> str:
    """A Maildir unique name: ``<secs>.M<usec>P<pid>R<random>.<host>``."""
    now = time.time_ns()
    secs, usec = divmod(now // 1000, 1_000_000)
    return f"{secs}.M{usec}P{os.getpid()}R{secrets.token_hex(8)}.{_hostname()}"


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def deliver(maildir: Path, data: bytes, flags: str) -> tuple[str, Path]:
    """Write ``data`` as a new message in ``cur/`` with ``flags``, atomically and
    durably (tmp/, fsync, rename, fsync the directory). Returns (unique, path)."""
    unique = new_unique()
    tmp = maildir / "tmp" / unique
    final = maildir / "cur" / f"{unique}:2,{flags}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, final)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(final.parent)
    return unique, final


def move(path: Path, target_dir: Path) -> Path:
    """Move one file into ``target_dir`` keeping its name; durable."""
    target = target_dir / path.name
    os.replace(path, target)
    fsync_dir(target_dir)
    fsync_dir(path.parent)
    return target


@contextmanager
def folder_lock(maildir: Path) -> Iterator[None]:
    """Exclusive lock on one folder for look-then-write (two processes, one draft)."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    fd = os.open(maildir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _usable(path: Path) -> bool:
    return path.is_dir() and os.access(path, os.R_OK | os.X_OK)


def io_error(exc: OSError, what: str, path: Path, root: Path, folder: Path | None) -> ProviderError:
    """An OSError on the mailbox -> Permanent (root or folder gone or unreadable)
    or Transient (anything else: a full disk, an I/O hiccup, a race)."""
    reason = exc.strerror or str(exc)
    if not _usable(root):
        return PermanentError(
            f"cannot {what} {path}: Maildir {root} is missing or unreadable ({reason})",
            hint=f"check that {root} exists and that you can read it",
        )
    if folder is not None and not (folder / "cur").is_dir():
        return PermanentError(
            f"cannot {what} {path}: folder {folder} is missing ({reason})",
            hint=f"recreate {folder} (with cur/, new/, tmp/) or fix `folders:` in the account",
        )
    hint = "the disk is full" if exc.errno == errno.ENOSPC else "will retry"
    return TransientError(f"cannot {what} {path}: {reason}", hint=hint)


@contextmanager
def guarded(what: str, path: Path, root: Path, folder: Path | None = None) -> Iterator[None]:
    """Turn an OSError inside the block into the right ``ProviderError``."""
    try:
        yield
    except OSError as exc:
        raise io_error(exc, what, path, root, folder) from exc
