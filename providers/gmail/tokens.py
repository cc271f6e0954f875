"""Where a Gmail account's OAuth token lives: the OS keyring, or a 0600 file.

The token (refresh token included) is a secret: it is stored only where the
account's ``token_store`` says — the keyring by default, a file in the state
dir only when the config asks for ``token_store: file`` — never as a silent
fallback from one to the other. Nothing here logs a token.

A store holds one opaque text (the JSON of ``google.oauth2.credentials``);
``load`` answers None when nothing is stored yet.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from pathlib import Path
from typing import Any, Protocol

from outbox.provider import AuthError, PermanentError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "outbox-gmail"


def _no_keyring_hint(name: str) -> str:
    return (f"set `token_store: file` for account {name!r} (the token is then kept in a "
            "0600 file in the state dir), or install and unlock an OS keyring "
            "(Secret Service: GNOME Keyring / KWallet; macOS Keychain; Windows Credential "
            "Locker), then run `outbox auth " + name + "` again")


class TokenStore(Protocol):
    where: str  # for messages: "the OS keyring" / the file's path

    def load(self) -> str | None: ...

    def save(self, text: str) -> None: ...


class KeyringTokens:
    """The token as the password of (``outbox-gmail``, account name) in the OS keyring."""

    def __init__(self, account: str) -> None:
        self.account = account
        self.where = f"the OS keyring (service {KEYRING_SERVICE!r}, user {account!r})"

    def _call(self, action: str, fn: Any, *args: str) -> Any:
        import keyring  # only when used: finding a backend can be slow (D-Bus)
        from keyring.errors import KeyringError, NoKeyringError

        try:
            return fn(keyring, *args)
        except NoKeyringError:
            raise PermanentError(
                f"account {self.account!r}: no usable OS keyring on this system to "
                f"{action} the Gmail token",
                hint=_no_keyring_hint(self.account),
            ) from None
        except KeyringError as exc:
            # The backend's own words (locked, D-Bus refused) name no secret.
            raise PermanentError(
                f"account {self.account!r}: the keyring refused to {action} the Gmail token "
                f"({type(exc).__name__}: {exc})",
                hint="unlock the keyring, or " + _no_keyring_hint(self.account),
            ) from None

    def load(self) -> str | None:
        return self._call("read", lambda k: k.get_password(KEYRING_SERVICE, self.account))

    def save(self, text: str) -> None:
        self._call("store", lambda k: k.set_password(KEYRING_SERVICE, self.account, text))


class FileTokens:
    """The token in ``<state_dir>/gmail-<account>.token.json``, mode 0600, written atomically."""

    def __init__(self, account: str, state_dir: Path) -> None:
        self.account = account
        self.path = Path(state_dir) / f"gmail-{account}.token.json"
        self.where = str(self.path)

    def load(self) -> str | None:
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise PermanentError(f"account {self.account!r}: cannot read the token file "
                                 f"{self.path}: {exc.strerror}") from None
        with os.fdopen(fd, "r", encoding="utf-8") as handle:
            mode = stat.S_IMODE(os.fstat(handle.fileno()).st_mode)
            if mode & 0o077:
                # Someone loosened it; tighten it rather than refuse the user's own token.
                log.warning("token file %s was readable by others (mode %o); set it to 0600",
                            self.path, mode)
                os.fchmod(handle.fileno(), 0o600)
            return handle.read()

    def save(self, text: str) -> None:
        directory = self.path.parent
        tmp = directory / f".{self.path.name}.{os.getpid()}.tmp"
        try:
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                os.fchmod(out.fileno(), 0o600)  # exactly 0600, whatever the umask
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise PermanentError(f"account {self.account!r}: cannot write the token file "
                                 f"{self.path}: {exc.strerror}") from None


def store_for(account: Any, state_dir: Path | str | None) -> TokenStore:
    """The store the account's ``token_store`` names (``state_dir`` is needed for a file)."""
    if account.token_store == "file":
        if state_dir is None:
            raise AuthError(
                f"account {account.name!r}: token_store: file needs outbox's state dir, "
                "and none was given",
                hint="run it through the `outbox` command, which passes the state dir",
            )
        return FileTokens(account.name, Path(state_dir))
    return KeyringTokens(account.name)
