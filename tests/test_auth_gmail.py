"""`outbox auth ACCOUNT` end to end: the real InstalledAppFlow against the Gmail
fake's OAuth endpoints, a "browser" that follows the printed URL, and the token
kept where the account says (keyring, or a 0600 file) — plus the Gmail
account's configuration and the promise that the client library is imported
only when a Gmail account is used."""

from __future__ import annotations

import io
import json
import os
import re
import stat
import subprocess
import sys
import threading
import webbrowser
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
import requests

from outbox import cli
from outbox.config import load
from outbox.provider import ConfigError
from tests.fakes.gmail import COMPOSE, READONLY, GmailFake
from tests.fakes.keyring import MemoryKeyring

ROOT = Path(__file__).resolve().parent.parent
_AUTH_URL = re.compile(r"http://127\.0\.0\.1:\d+/o/oauth2/auth\?\S+")







@pytest.fixture(autouse=True)
def _no_transport_override(monkeypatch: pytest.MonkeyPatch) -> None:
    # outbox itself allows plain http for loopback testing overrides only: prove
    # that no environment variable is needed for it.
    monkeypatch.delenv("OAUTHLIB_INSECURE_TRANSPORT", raising=False)

def visit(url: str) -> None:
    """What the user's browser does: open the consent page, follow it home."""
    threading.Thread(target=requests.get, args=(url,), kwargs={"timeout": 10},
                     daemon=True).start()


class Browser(webbrowser.BaseBrowser):
    def __init__(self) -> None:
        super().__init__("test")
        self.opened: list[str] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)
        visit(url)
        return True


class UserReadingTheTerminal(io.StringIO):
    """stdout, read by a user who opens the authorization URL once it is printed."""

    def write(self, text: str) -> int:
        written = super().write(text)
        found = _AUTH_URL.search(self.getvalue())
        if found and not getattr(self, "visited", False):
            self.visited = True
            visit(found.group(0))
        return written


def write_config(tmp_path: Path, fake: GmailFake, **extra: str) -> Path:
    fake.client_secret_file(tmp_path / "client_secret.json")
    lines = "".join(f"    {k}: {v}\n" for k, v in extra.items())
    path = tmp_path / "outbox.yaml"
    path.write_text(
        "timezone: Europe/London\n"
        "me: {name: Ada Lovelace, addresses: [ada@example.com]}\n"
        "state_dir: state\n"
        "accounts:\n"
        "  - name: home\n"
        "    provider: gmail\n"
        "    client_secret_file: client_secret.json\n"
        f"    api_endpoint: {fake.url}\n"
        f"    auth_uri: {fake.auth_uri}\n"
        f"    token_uri: {fake.token_uri}\n" + lines
        + "  - name: work\n"
        "    provider: imap\n"
        "    host: imap.example.com\n"
        "    username: ada\n"
        "    password_env: OUTBOX_TEST_NOPE\n"
    )
    return path


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_auth_runs_the_browser_flow_and_keeps_the_token_in_the_keyring(
    fake: GmailFake, ring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    browser = Browser()
    monkeypatch.setattr(webbrowser, "get", lambda using=None: browser)
    config = write_config(tmp_path, fake)

    code, out, err = run_cli(capsys, "--config", str(config), "auth", "home")

    assert (code, err) == (0, "")
    (url,) = browser.opened
    assert url in out  # printed too, so it works over SSH
    assert "scope=" in url and "gmail.readonly" in url and "gmail.compose" in url
    assert "Authorized account home: ada@example.com: token stored in the OS keyring" in out
    token = json.loads(ring.get_password("outbox-gmail", "home"))
    assert set(token["scopes"]) == {READONLY, COMPOSE}
    assert token["refresh_token"]
    assert not (tmp_path / "state" / "gmail-home.token.json").exists()

    # The stored token is what the next run uses.
    fake.deliver((ROOT / "tests/data/eml/confirm_calendar.eml").read_bytes())
    code, out, err = run_cli(capsys, "--config", str(config), "--now",
                             "2026-03-09T12:00:00+00:00", "run", "--once", "--account", "home")
    assert code == 0, err
    assert "home: 1 new message(s) (first sync)" in out


def test_no_browser_prints_the_url_for_another_machine(
    fake: GmailFake, ring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def no_browser_wanted(using: str | None = None) -> webbrowser.BaseBrowser:
        raise AssertionError("--no-browser must not look for a browser")

    monkeypatch.setattr(webbrowser, "get", no_browser_wanted)
    terminal = UserReadingTheTerminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    config = write_config(tmp_path, fake)
    assert cli.main(["--config", str(config), "auth", "home", "--no-browser"]) == 0
    shown = terminal.getvalue()
    assert _AUTH_URL.search(shown) and "ssh -L" in shown
    assert ring.get_password("outbox-gmail", "home")


def test_a_machine_without_a_browser_still_gets_the_url(
    fake: GmailFake, ring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def none_here(using: str | None = None) -> webbrowser.BaseBrowser:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", none_here)
    terminal = UserReadingTheTerminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    config = write_config(tmp_path, fake)
    assert cli.main(["--config", str(config), "auth", "home"]) == 0
    assert ring.get_password("outbox-gmail", "home")


def test_token_store_file_keeps_a_0600_file_in_the_state_dir(
    fake: GmailFake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())  # a headless box: no keyring at all
    try:
        monkeypatch.setattr(webbrowser, "get", lambda using=None: Browser())
        config = write_config(tmp_path, fake, token_store="file")
        code, out, err = run_cli(capsys, "--config", str(config), "auth", "home")
        assert code == 0, err
        token_file = tmp_path / "state" / "gmail-home.token.json"
        assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
        assert json.loads(token_file.read_text())["refresh_token"]
        assert str(token_file) in out

        fake.expire_access_tokens()
        code, out, err = run_cli(capsys, "--config", str(config), "--now",
                                 "2026-03-09T12:00:00+00:00", "run", "--once", "--account",
                                 "home")
        assert code == 0, err
        assert stat.S_IMODE(token_file.stat().st_mode) == 0o600  # still, after the refresh
        assert not list(token_file.parent.glob(".*.tmp"))
    finally:
        keyring.set_keyring(previous)


def test_no_keyring_names_the_alternative_before_any_browser(
    fake: GmailFake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    browser = Browser()
    monkeypatch.setattr(webbrowser, "get", lambda using=None: browser)
    try:
        code, _out, err = run_cli(capsys, "--config", str(write_config(tmp_path, fake)),
                                 "auth", "home")
    finally:
        keyring.set_keyring(previous)
    assert code == 1 and browser.opened == []
    assert "no usable OS keyring" in err and "token_store: file" in err


def test_refused_consent_is_a_clear_error(
    fake: GmailFake, ring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake.deny_consent = True
    monkeypatch.setattr(webbrowser, "get", lambda using=None: Browser())
    code, _out, err = run_cli(capsys, "--config", str(write_config(tmp_path, fake)),
                             "auth", "home")
    assert code == 1
    assert "did not authorize outbox" in err and "access_denied" in err
    assert "Traceback" not in err and ring.get_password("outbox-gmail", "home") is None


@pytest.mark.parametrize(("argv", "expected"), [
    (["work"], "account 'work' (imap) needs no `outbox auth`"),
    (["nope"], "no account named 'nope' in the config"),
])
def test_auth_of_an_account_that_cannot_have_it(
    fake: GmailFake, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
    expected: str,
) -> None:
    code, _out, err = run_cli(capsys, "--config", str(write_config(tmp_path, fake)), "auth", *argv)
    assert code == 1 and expected in err


def test_a_missing_client_secret_file_says_how_to_make_one(
    fake: GmailFake, ring: MemoryKeyring, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    config = write_config(tmp_path, fake)
    (tmp_path / "client_secret.json").unlink()
    code, _out, err = run_cli(capsys, "--config", str(config), "auth", "home")
    assert code == 1
    assert f"client_secret_file {tmp_path / 'client_secret.json'}: no such file" in err
    assert "Desktop app" in err


def test_running_before_auth_says_to_authorize(
    fake: GmailFake, ring: MemoryKeyring, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run_cli(capsys, "--config", str(write_config(tmp_path, fake)),
                             "run", "--once", "--account", "home")
    assert code == 1
    assert "not authorized yet" in out + err and "outbox auth home" in out + err


# -- configuration --------------------------------------------------------------------


def test_the_gmail_account_in_the_config(fake: GmailFake, tmp_path: Path) -> None:
    cfg = load(write_config(tmp_path, fake))
    home = cfg.account("home")
    assert home.client_secret_file == tmp_path / "client_secret.json"  # relative to the file
    assert (home.token_store, home.user, home.trash_stale_drafts) == ("keyring", "me", False)
    assert home.scopes == (READONLY, COMPOSE)


@pytest.mark.parametrize(("extra", "message"), [
    ({"token_store": "disk"}, "token_store: expected 'keyring' or 'file'"),
    ({"folders": "{}"}, "folders: unknown key"),
    ({}, "api_endpoint: plain http is refused for 'gmail.example.com'"),
])
def test_bad_gmail_settings_are_named(fake: GmailFake, tmp_path: Path, extra: dict[str, str],
                                      message: str) -> None:
    path = write_config(tmp_path, fake, **extra)
    if not extra:  # plain http is for the loopback fakes only
        path.write_text(path.read_text().replace(fake.url, "http://gmail.example.com", 1))
    with pytest.raises(ConfigError) as info:
        load(path)
    assert message in str(info.value)


def test_the_client_library_is_imported_only_for_a_gmail_account(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import outbox, outbox.cli, outbox.commands, outbox.engine, outbox.config\n"
        "from outbox.provider import load\n"
        "load('gmail')\n"  # the entry point itself stays light
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('googleapiclient', 'google_auth_oauthlib', 'httplib2')]\n"
        "print(heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "[]"
