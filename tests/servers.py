"""A real Dovecot IMAP server on loopback, for tests.

Usage::

    with Dovecot() as server:            # or server.start() ... server.stop()
        user = server.add_user()         # a fresh mailbox (Drafts/Sent/Trash exist)
        user.deliver(raw_bytes, folder="INBOX", flags=(), when=None)  # -> UID
        with user.client() as c: ...     # a logged-in IMAPClient (plain, loopback)
        user.account()                   # account dict for outbox (security: plain)
        user.tls_account()               # the same over implicit TLS, with ca_file
        user.secrets()                   # {"password": ...}
    record_commands(imap_client)         # list that fills with the commands it sends

``server.deliver`` / ``client`` / ``account`` / ``tls_account`` / ``secrets`` act
for the default user (``server.user``). Everything lives in one temporary
directory: config, passwd file, self-signed certificate, mail, logs, sockets.
Nothing in /etc/dovecot is read. Works as root (services drop to the Debian
package's ``dovecot`` / ``dovenull`` users, mail is owned by ``nobody``) and as
an ordinary user (everything runs as that user). Needs Dovecot 2.3 (Debian 12's
dovecot-imapd). Set OUTBOX_KEEP_DOVECOT=1 to keep the directory after ``stop()``
(its path is ``server.tmp``; the log is ``dovecot.log`` in it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import grp
import os
import pwd
import re
import secrets as _secrets
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PASSWORD_ENV = "OUTBOX_TEST_IMAP_PASSWORD"
POOL_SIZE = 300
SPECIAL = (("Drafts", "\\Drafts"), ("Sent", "\\Sent"), ("Trash", "\\Trash"))


class DovecotUnavailable(RuntimeError):
    """The dovecot binary is not installed here (tests skip on this)."""


def dovecot_binary() -> str | None:
    found = shutil.which("dovecot")
    if found:
        return found
    for candidate in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def dovecot_version(binary: str) -> tuple[int, ...]:
    out = subprocess.run(
        [binary, "--version"], capture_output=True, text=True, check=True, timeout=10
    ).stdout
    match = re.match(r"(\d+)\.(\d+)(?:\.(\d+))?", out.strip())
    if not match:
        raise DovecotUnavailable(f"cannot read the dovecot version from {out!r}")
    return tuple(int(g or 0) for g in match.groups())


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_self_signed_cert(cert: Path, key: Path) -> None:
    """A self-signed certificate for 127.0.0.1 / localhost that is its own CA, so it
    can be the client's ``ca_file`` (openssl CLI: Debian's ca-certificates needs it)."""
    openssl = shutil.which("openssl")
    if not openssl:
        raise DovecotUnavailable("the openssl command is needed for the test certificate")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", "/CN=outbox test CA",
         "-keyout", str(key), "-out", str(cert),
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,digitalSignature,keyCertSign"],
        check=True, capture_output=True, timeout=60,
    )


def record_commands(client: Any) -> list[str]:
    """Start recording the IMAP commands ``client`` (an IMAPClient) sends from now on:
    ``["STATUS", "UID FETCH", ...]``, read off the wire (imaplib's ``send``), so a
    command cannot slip past the count whichever IMAPClient method issued it."""
    imap = client._imap
    commands: list[str] = []
    pattern = re.compile(re.escape(imap.tagpre) + rb"\d+ ((?:UID )?[A-Z]+)")
    real_send = imap.send

    def send(data: bytes) -> None:
        match = pattern.match(data)
        if match:
            commands.append(match.group(1).decode())
        real_send(data)

    imap.send = send
    return commands


@dataclass
class MailUser:
    """One test account on a running ``Dovecot``."""

    server: Dovecot
    username: str
    password: str

    def client(self, *, tls: bool = False) -> Any:
        """A logged-in IMAPClient (caller logs out, or use it as a context manager)."""
        from imapclient import IMAPClient

        if tls:
            ctx = ssl.create_default_context(cafile=str(self.server.ca_file))
            c = IMAPClient(self.server.host, self.server.ssl_port, ssl=True,
                           ssl_context=ctx, timeout=10)
        else:
            c = IMAPClient(self.server.host, self.server.port, ssl=False, timeout=10)
        c.login(self.username, self.password)
        return c

    def deliver(
        self, raw: bytes, folder: str = "INBOX", flags: tuple[str, ...] | list[str] = (),
        when: dt.datetime | None = None,
    ) -> int:
        """APPEND ``raw`` to ``folder``; returns the new UID (from APPENDUID)."""
        with self.client() as c:
            response = c.append(folder, raw, flags=tuple(flags), msg_time=when)
        text = response.decode() if isinstance(response, bytes) else str(response)
        match = re.search(r"APPENDUID \d+ (\d+)", text)
        if not match:
            raise RuntimeError(f"no APPENDUID in {text!r}")
        return int(match.group(1))

    def secrets(self) -> dict[str, str]:
        return {"password": self.password}

    def account(self, **overrides: Any) -> dict[str, Any]:
        """Config dict for outbox: plain IMAP on loopback, password from PASSWORD_ENV."""
        acc: dict[str, Any] = {
            "name": "home", "provider": "imap", "host": self.server.host,
            "port": self.server.port, "security": "plain", "username": self.username,
            "password_env": PASSWORD_ENV, "timeout": "10s",
        }
        acc.update(overrides)
        return acc

    def tls_account(self, **overrides: Any) -> dict[str, Any]:
        """The same account over implicit TLS, trusting the server's own certificate."""
        acc = self.account(port=self.server.ssl_port, security="tls",
                           ca_file=str(self.server.ca_file))
        acc.update(overrides)
        return acc


class Dovecot:
    """A private Dovecot: ``start()`` / ``stop()``, or use it as a context manager."""

    def __init__(self, binary: str | None = None, username: str = "ada") -> None:
        found = binary or dovecot_binary()
        if not found:
            raise DovecotUnavailable("dovecot is not installed (Debian: apt-get install "
                                     "dovecot-imapd)")
        self.binary = found
        self.host = "127.0.0.1"
        self.port = 0
        self.ssl_port = 0
        self.tmp: Path | None = None
        self.proc: subprocess.Popen[bytes] | None = None
        self._default_name = username
        self._users: list[MailUser] = []
        self._pool: list[MailUser] = []
        self.user: MailUser | None = None

    # -- paths --------------------------------------------------------------------------
    def _path(self, *parts: str) -> Path:
        if self.tmp is None:
            raise RuntimeError("Dovecot is not started")
        return self.tmp.joinpath(*parts)

    @property
    def ca_file(self) -> Path:
        return self._path("cert.pem")

    @property
    def log_file(self) -> Path:
        return self._path("dovecot.log")

    @property
    def config_file(self) -> Path:
        return self._path("dovecot.conf")

    def log_text(self) -> str:
        try:
            return self.log_file.read_text(errors="replace")
        except OSError:
            return ""

    # -- lifecycle ----------------------------------------------------------------------
    def __enter__(self) -> Dovecot:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, timeout: float = 15.0) -> Dovecot:
        if self.proc is not None:
            return self
        version = dovecot_version(self.binary)
        if version[:2] != (2, 3):
            # 2.4 renamed many settings; this config is written for 2.3.
            raise DovecotUnavailable(f"need dovecot 2.3, found {'.'.join(map(str, version))}")
        self.tmp = Path(tempfile.mkdtemp(prefix="outbox-dovecot-"))
        self._prepare_dirs()
        make_self_signed_cert(self._path("cert.pem"), self._path("key.pem"))
        self.port, self.ssl_port = free_port(), free_port()
        while self.ssl_port == self.port:
            self.ssl_port = free_port()
        self._write_pool(POOL_SIZE)
        self.config_file.write_text(self._config())
        with open(self._path("stderr.log"), "wb") as stderr:
            self.proc = subprocess.Popen(
                [self.binary, "-F", "-c", str(self.config_file)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
                start_new_session=True,  # its own process group, for a last-resort kill
            )
        try:
            self._wait_listening(timeout)
        except Exception:
            self.stop()
            raise
        self.user = self.add_user()
        return self

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # the master stops its children itself
            try:
                proc.wait(timeout=3)  # ~1 s; up to 6 s when stopped right after start
            except subprocess.TimeoutExpired:
                # Its own process group (start_new_session): the master and its children.
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        if self.tmp is not None and not os.environ.get("OUTBOX_KEEP_DOVECOT"):
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def _wait_listening(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        pending = {self.port, self.ssl_port}
        while pending:
            if self.proc is None or self.proc.poll() is not None:
                raise RuntimeError(f"dovecot exited at start:\n{self._diagnostics()}")
            for port in list(pending):
                with contextlib.suppress(OSError), socket.create_connection(
                    (self.host, port), timeout=0.5
                ):
                    pending.discard(port)
            if pending and time.monotonic() > deadline:
                raise RuntimeError(f"dovecot did not listen within {timeout}s:\n"
                                   f"{self._diagnostics()}")
            if pending:
                time.sleep(0.05)

    def _diagnostics(self) -> str:
        err = ""
        with contextlib.suppress(OSError):
            err = self._path("stderr.log").read_text(errors="replace")
        return (err + self.log_text())[-4000:]

    # -- users --------------------------------------------------------------------------
    def add_user(self) -> MailUser:
        """A new account with an empty mailbox, usable at once.

        Users come from a pool written before the server starts: Dovecot re-reads a
        changed passwd file at most once a second, so adding lines would mean waiting.
        """
        if not self._pool:
            self._write_pool(POOL_SIZE)
            time.sleep(1.1)  # let Dovecot notice the longer passwd file
        user = self._pool.pop(0)
        self._users.append(user)
        return user

    def _write_pool(self, count: int) -> None:
        start = len(self._users) + len(self._pool)
        fresh = [
            MailUser(self, self._default_name if i == 0 else f"{self._default_name}{i}",
                     _secrets.token_urlsafe(12))
            for i in range(start, start + count)
        ]
        with open(self._path("passwd"), "a") as fh:
            fh.writelines(f"{u.username}:{{PLAIN}}{u.password}::::::\n" for u in fresh)
        self._pool.extend(fresh)

    # The default user's helpers, so simple tests need no user object.
    def _default(self) -> MailUser:
        if self.user is None:
            raise RuntimeError("Dovecot is not started")
        return self.user

    def deliver(self, raw: bytes, folder: str = "INBOX", flags: tuple[str, ...] = (),
                when: dt.datetime | None = None) -> int:
        return self._default().deliver(raw, folder, flags, when)

    def client(self, *, tls: bool = False) -> Any:
        return self._default().client(tls=tls)

    def account(self, **overrides: Any) -> dict[str, Any]:
        return self._default().account(**overrides)

    def tls_account(self, **overrides: Any) -> dict[str, Any]:
        return self._default().tls_account(**overrides)

    def secrets(self) -> dict[str, str]:
        return self._default().secrets()

    # -- config -------------------------------------------------------------------------
    def _identities(self) -> tuple[str, str, pwd.struct_passwd]:
        """(login user, internal user, owner of the mail files)."""
        if os.geteuid() == 0:
            def existing(*names: str) -> pwd.struct_passwd:
                for n in names:
                    with contextlib.suppress(KeyError):
                        return pwd.getpwnam(n)
                raise DovecotUnavailable(f"none of the users {names} exists")

            login = existing("dovenull", "nobody").pw_name
            internal = existing("dovecot", "nobody").pw_name
            return login, internal, existing("nobody")
        me = pwd.getpwuid(os.geteuid())
        return me.pw_name, me.pw_name, me

    def _prepare_dirs(self) -> None:
        *_, owner = self._identities()
        os.chmod(self._path(), 0o755)  # the services that dropped root must get in
        for sub in ("run", "state", "home", "mail"):
            self._path(sub).mkdir()
        if os.geteuid() == 0:
            for sub in ("home", "mail"):
                os.chown(self._path(sub), owner.pw_uid, owner.pw_gid)

    def _config(self) -> str:
        login, internal, owner = self._identities()
        root = os.geteuid() == 0
        mailboxes = "\n".join(
            f"  mailbox {name} {{\n    special_use = {flag}\n    auto = subscribe\n  }}"
            for name, flag in SPECIAL
        )
        # Non-root: no chroot, and every service runs as the current user.
        service_users = "" if root else f"""
default_internal_group = {grp.getgrgid(owner.pw_gid).gr_name}
service auth {{
  user = {internal}
}}
service auth-worker {{
  user = {internal}
}}
service stats {{
  user = {internal}
}}"""
        return f"""# written by tests/servers.py for Dovecot 2.3; nothing else is read
protocols = imap
listen = {self.host}
base_dir = {self._path("run")}
state_dir = {self._path("state")}
instance_name = outbox-test-{self.port}
log_path = {self.log_file}
info_log_path = {self.log_file}
default_login_user = {login}
default_internal_user = {internal}
first_valid_uid = 1
first_valid_gid = 1
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_fsync = never
ssl = yes
ssl_cert = <{self._path("cert.pem")}
ssl_key = <{self._path("key.pem")}
ssl_min_protocol = TLSv1.2

passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self._path("passwd")}
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {self._path("passwd")}
  default_fields = uid={owner.pw_uid} gid={owner.pw_gid} home={self._path("home")}/%u \
mail=maildir:{self._path("mail")}/%u:LAYOUT=fs
}}

namespace inbox {{
  inbox = yes
  separator = /
{mailboxes}
}}

service imap-login {{
  chroot =
  inet_listener imap {{
    address = {self.host}
    port = {self.port}
  }}
  inet_listener imaps {{
    address = {self.host}
    port = {self.ssl_port}
    ssl = yes
  }}
}}
service imap {{
  process_limit = 64
}}
# No auth penalty: a test of a wrong password must not slow the next test's login.
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
{service_users}
"""
