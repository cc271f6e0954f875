"""secrets.resolve: real subprocesses, a real environment, an in-process keyring backend."""

from __future__ import annotations

import json
import logging
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked

from outbox import secrets
from outbox.accounts import ImapAccount, MaildirAccount
from outbox.config import load
from outbox.provider import AuthError
from tests.fakes.keyring import MemoryKeyring

SECRET = "s3cret-Pa55 word"
PY = shlex.quote(sys.executable)


def imap(**source: object) -> ImapAccount:
    return ImapAccount.model_validate(
        {"name": "work", "provider": "imap", "host": "imap.example.com",
         "username": "ada@example.com", **source}
    )


def python(code: str) -> str:
    """A password_command running ``code`` in this Python (no shell involved)."""
    return f"{PY} -c {shlex.quote(code)}"


def failure(account: ImapAccount, **kwargs: float) -> AuthError:
    with pytest.raises(AuthError) as info:
        secrets.resolve(account, **kwargs)
    return info.value


def shown(error: AuthError) -> str:
    return f"{error} {error.hint}"


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the collection is locked")


@pytest.fixture
def use_keyring() -> Iterator[object]:
    previous = keyring.get_keyring()

    def install(backend: KeyringBackend) -> KeyringBackend:
        keyring.set_keyring(backend)
        return backend

    yield install
    keyring.set_keyring(previous)


def test_maildir_needs_no_secret(tmp_path: Path) -> None:
    account = MaildirAccount(name="local", provider="maildir", path=tmp_path)
    assert secrets.resolve(account) == {}


# ---------------------------------------------------------------- password_command


def test_command_first_line_stripped() -> None:
    account = imap(password_command=python(f"print('  {SECRET}  '); print('second line')"))
    assert secrets.resolve(account) == {"password": SECRET}


def test_command_is_split_not_given_to_a_shell(tmp_path: Path) -> None:
    script = tmp_path / "pw.py"
    script.write_text("import sys\nprint(sys.argv[1])\n")
    account = imap(password_command=f"{PY} {shlex.quote(str(script))} '$HOME; echo two words'")
    assert secrets.resolve(account) == {"password": "$HOME; echo two words"}


def test_command_failure_names_account_and_command_never_the_output(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OUTBOX_TEST_PW", SECRET)  # printed by the command, not part of it
    command = python("import os, sys; pw = os.environ['OUTBOX_TEST_PW']; print(pw); "
                     "print(pw, file=sys.stderr); sys.exit(3)")
    error = failure(imap(password_command=command))
    assert str(error) == f"account 'work': password_command `{command}` failed (exit status 3)"
    assert command in error.hint
    assert SECRET not in shown(error)


def test_command_with_empty_output() -> None:
    error = failure(imap(password_command=python("print(); print('later')")))
    assert "'work'" in str(error) and "printed nothing" in str(error)


def test_command_timeout() -> None:
    command = python("import time; time.sleep(30)")
    error = failure(imap(password_command=command), timeout=0.5)
    assert str(error) == f"account 'work': password_command `{command}` did not finish within 0.5s"


def test_command_not_found() -> None:
    error = failure(imap(password_command="/nonexistent/outbox-pw show mail"))
    assert "'/nonexistent/outbox-pw' not found" in str(error) and "'work'" in str(error)


def test_command_that_prompts_gets_no_stdin() -> None:
    # stdin is closed: a command that reads it fails fast instead of hanging the daemon.
    error = failure(imap(password_command=python("print(input())")), timeout=10)
    assert "exit status 1" in str(error)


def test_secret_never_logged(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("OUTBOX_TEST_PW", SECRET)
    printer = "import os; print(os.environ['OUTBOX_TEST_PW'])"
    assert secrets.resolve(imap(password_command=python(printer))) == {"password": SECRET}
    failure(imap(password_command=python(printer + "; raise SystemExit(1)")))
    assert secrets.resolve(imap(password_env="OUTBOX_TEST_PW")) == {"password": SECRET}
    assert SECRET not in caplog.text


def test_command_from_a_loaded_config(tmp_path: Path) -> None:
    path = tmp_path / "outbox.yaml"
    path.write_text(
        "me: {name: Ada, addresses: [ada@example.com]}\n"
        "accounts:\n"
        "  - name: work\n    provider: imap\n    host: imap.example.com\n    username: ada\n"
        f"    password_command: {json.dumps(python(f'print({SECRET!r})'))}\n"
    )
    assert secrets.resolve(load(path).account("work")) == {"password": SECRET}


# ---------------------------------------------------------------- password_env


def test_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OUTBOX_TEST_PW", SECRET)
    assert secrets.resolve(imap(password_env="OUTBOX_TEST_PW")) == {"password": SECRET}


def test_env_missing_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OUTBOX_TEST_PW", raising=False)
    error = failure(imap(password_env="OUTBOX_TEST_PW"))
    assert str(error) == (
        "account 'work': the environment variable OUTBOX_TEST_PW (password_env) is not set"
    )


def test_env_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OUTBOX_TEST_PW", "")
    assert "OUTBOX_TEST_PW is empty" in str(failure(imap(password_env="OUTBOX_TEST_PW")))


# ---------------------------------------------------------------- keyring


def test_keyring(use_keyring) -> None:  # type: ignore[no-untyped-def]
    backend = use_keyring(MemoryKeyring())
    backend.set_password("outbox-mail", "ada@example.com", SECRET)
    account = imap(password={"keyring": "outbox-mail"})
    assert secrets.resolve(account) == {"password": SECRET}


def test_keyring_without_the_entry_says_how_to_store_it(use_keyring) -> None:  # type: ignore[no-untyped-def]
    use_keyring(MemoryKeyring())
    error = failure(imap(password={"keyring": "outbox-mail"}))
    assert str(error) == (
        "account 'work': keyring service 'outbox-mail', user 'ada@example.com': "
        "no password stored"
    )
    assert error.hint == "store it with: keyring set outbox-mail ada@example.com"


def test_no_keyring_backend_names_the_alternatives(use_keyring) -> None:  # type: ignore[no-untyped-def]
    use_keyring(keyring.backends.fail.Keyring())
    error = failure(imap(password={"keyring": "outbox-mail"}))
    assert "'work'" in str(error)
    assert "password_command" in str(error) and "password_env" in str(error)


def test_locked_keyring(use_keyring) -> None:  # type: ignore[no-untyped-def]
    use_keyring(LockedKeyring())
    error = failure(imap(password={"keyring": "outbox-mail"}))
    assert "the keyring refused" in str(error) and "unlock" in error.hint
