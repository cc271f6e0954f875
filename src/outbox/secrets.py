"""Resolve an account's secret from where the config points: a command, a variable, the keyring.

The YAML never holds a password (``settings.py`` refuses one), so the password
is looked up here, just before a provider opens the account, and handed to it
in a mapping. Nothing here logs, or puts into an error, a secret or the output
of a password command: errors name the account and where we looked.
"""

from __future__ import annotations

import logging
import os
import shlex
import subprocess
from typing import Any

from outbox.accounts import ImapAccount
from outbox.provider import AuthError

log = logging.getLogger(__name__)

COMMAND_TIMEOUT = 60.0  # seconds; generous, since gpg may be waiting for a passphrase
_ALTERNATIVES = "use password_command or password_env for this account instead"


def resolve(account: Any, *, timeout: float = COMMAND_TIMEOUT) -> dict[str, str]:
    """``{"password": ...}`` for an IMAP account; ``{}`` for one that needs no password
    (Maildir; Gmail, whose provider keeps its own OAuth token)."""
    if not isinstance(account, ImapAccount):
        return {}
    if account.password_command is not None:
        return {"password": _from_command(account.name, account.password_command, timeout)}
    if account.password_env is not None:
        return {"password": _from_env(account.name, account.password_env)}
    if account.password is not None:
        return {"password": _from_keyring(account.name, account.password.keyring, account.username)}
    # settings.py requires one source; a hand-built account might not have one.
    raise AuthError(
        f"account {account.name!r}: no password source",
        hint="set password_command, password_env or password: {keyring: SERVICE}",
    )


def _from_command(name: str, command: str, timeout: float) -> str:
    failed = f"account {name!r}: password_command `{command}`"
    rerun = f"run it yourself to see why: {command}"
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise AuthError(f"{failed} is not a valid command line ({exc})") from None
    if not argv:
        raise AuthError(f"{failed} is empty")
    log.debug("account %r: running password_command %r", name, argv[0])
    try:
        # No shell; stdin closed so a command that prompts fails instead of hanging;
        # stderr captured too and never shown, in case a command echoes the secret.
        done = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise AuthError(
            f"{failed}: {argv[0]!r} not found", hint="is it installed and on PATH?"
        ) from None
    except PermissionError:
        raise AuthError(f"{failed}: {argv[0]!r} is not executable") from None
    except subprocess.TimeoutExpired:
        raise AuthError(f"{failed} did not finish within {timeout:g}s", hint=rerun) from None
    except OSError as exc:
        raise AuthError(f"{failed} could not be started: {exc.strerror}") from None
    if done.returncode != 0:
        raise AuthError(f"{failed} failed (exit status {done.returncode})", hint=rerun)
    try:
        text = done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        raise AuthError(f"{failed} printed something that is not UTF-8 text") from None
    lines = text.splitlines()
    password = lines[0].strip() if lines else ""
    if not password:
        raise AuthError(
            f"{failed} printed nothing on its first line",
            hint="the command must print the password on the first line of its output",
        )
    return password


def _from_env(name: str, variable: str) -> str:
    value = os.environ.get(variable)
    if value is None:
        raise AuthError(
            f"account {name!r}: the environment variable {variable} (password_env) is not set",
            hint=f"export {variable} in the environment outbox runs in",
        )
    if not value:
        raise AuthError(f"account {name!r}: the environment variable {variable} is empty")
    return value


def _from_keyring(name: str, service: str, username: str) -> str:
    import keyring  # only when used: finding a backend can be slow (D-Bus)
    from keyring.errors import KeyringError, NoKeyringError

    where = f"account {name!r}: keyring service {service!r}, user {username!r}"
    try:
        password = keyring.get_password(service, username)
    except NoKeyringError:
        raise AuthError(
            f"account {name!r}: no usable OS keyring on this system; {_ALTERNATIVES}",
            hint='e.g. password_command: "pass show mail" or password_env: MAIL_PASSWORD',
        ) from None
    except KeyringError as exc:
        # The backend's own words (locked, D-Bus refused): they name no secret.
        raise AuthError(
            f"{where}: the keyring refused ({type(exc).__name__}: {exc})",
            hint=f"unlock the keyring, or {_ALTERNATIVES}",
        ) from None
    if password is None:
        raise AuthError(
            f"{where}: no password stored",
            hint=f"store it with: keyring set {shlex.quote(service)} {shlex.quote(username)}",
        )
    return password
