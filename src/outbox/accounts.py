"""The mail accounts of the config: IMAP, Maildir or Gmail, told apart by ``provider``."""

from __future__ import annotations

import ipaddress
import re
import shlex
from datetime import timedelta
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationInfo, field_validator, model_validator

from outbox.fields import AccountName, ConfigPath, Duration, StrictModel, error_at

GMAIL_READONLY = "https://www.googleapis.com/auth/gmail.readonly"
GMAIL_COMPOSE = "https://www.googleapis.com/auth/gmail.compose"
GMAIL_MODIFY = "https://www.googleapis.com/auth/gmail.modify"


class KeyringRef(StrictModel):
    keyring: str = Field(
        min_length=1,
        description="Keyring service name; the username is the account's "
        "(store it with: keyring set SERVICE USERNAME)",
    )


class Folders(StrictModel):
    """Override folder names; by default they are found (SPECIAL-USE, then common names)."""

    inbox: str | None = Field(default=None, description="Incoming mail (default: INBOX)")
    sent: str | None = Field(default=None, description="Your sent mail")
    drafts: str | None = Field(default=None, description="Where drafts are written")
    trash: str | None = Field(default=None, description="Where stale drafts are moved")


class _Account(StrictModel):
    name: AccountName = Field(description="A short name for this account, used in logs and state")
    folders: Folders = Field(default=Folders(), description=Folders.__doc__)


_LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_SECRET_SOURCES = ("password", "password_command", "password_env")
_SECRET_CHOICES = "password_command, password_env or password: {keyring: SERVICE}"


class ImapAccount(_Account):
    """An IMAP mailbox. The password is given by reference only, never inline."""

    provider: Literal["imap"] = Field(description="imap")
    host: str = Field(min_length=1, description="IMAP server host name, e.g. imap.example.com")
    port: int | None = Field(
        default=None, ge=1, le=65535, description="Default: 993 for tls, 143 otherwise"
    )
    security: Literal["tls", "starttls", "plain"] = Field(
        default="tls",
        description="tls (implicit TLS), starttls, or plain (refused unless the host is loopback)",
    )
    username: str = Field(min_length=1, description="Login name on the IMAP server")
    password: KeyringRef | None = Field(
        default=None, description="{keyring: SERVICE}: the password is in the OS keyring"
    )
    password_command: str | None = Field(
        default=None,
        description='A command printing the password on its first line, e.g. "pass show mail"',
    )
    password_env: str | None = Field(
        default=None, description="Name of an environment variable holding the password"
    )
    ca_file: ConfigPath | None = Field(
        default=None, description="Extra CA bundle to trust (e.g. a self-signed server)"
    )
    timeout: Duration = Field(
        default=timedelta(seconds=30), description="Network timeout for one server operation"
    )

    @field_validator("password", mode="before")
    @classmethod
    def _no_inline_password(cls, value: Any) -> Any:
        if value is not None and not isinstance(value, dict | KeyringRef):
            raise ValueError(f"an inline password is refused; use {_SECRET_CHOICES}")
        return value

    @field_validator("security")
    @classmethod
    def _plain_only_on_loopback(cls, value: str, info: ValidationInfo) -> str:
        host = info.data.get("host")
        if value == "plain" and host is not None and not _is_loopback(host):
            raise ValueError(
                f"plain (unencrypted) is refused for {host!r}; use tls or starttls "
                "(plain is only allowed on localhost)"
            )
        return value

    @field_validator("password_command")
    @classmethod
    def _splittable_command(cls, value: str) -> str:
        try:
            argv = shlex.split(value)
        except ValueError as exc:
            raise ValueError(f"not a valid command line: {exc}") from None
        if not argv:
            raise ValueError("the command is empty")
        return value

    @field_validator("password_env")
    @classmethod
    def _variable_name(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
            raise ValueError(f"{value!r} is not an environment variable name")
        return value

    @model_validator(mode="after")
    def _exactly_one_secret(self) -> ImapAccount:
        given = [k for k in _SECRET_SOURCES if getattr(self, k) is not None]
        if not given:
            raise error_at("", f"no password source; give one of {_SECRET_CHOICES}")
        if len(given) > 1:
            found = ", ".join(given)
            raise error_at(
                given[1], f"give only one of {', '.join(_SECRET_SOURCES)} (found {found})"
            )
        return self

    @property
    def effective_port(self) -> int:
        if self.port:
            return self.port
        return 993 if self.security == "tls" else 143


class MaildirAccount(_Account):
    """A local Maildir (e.g. kept in sync by mbsync or offlineimap)."""

    provider: Literal["maildir"] = Field(description="maildir")
    path: ConfigPath = Field(
        description="The Maildir folder (holding cur/, new/, tmp/); relative to this file"
    )


def _loopback_or_https(value: str | None) -> str | None:
    """An endpoint override: https anywhere, plain http only on loopback (the test fakes)."""
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{value!r} is not an http(s) URL")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ValueError(f"plain http is refused for {parts.hostname!r}; use https "
                         "(http is only allowed on localhost)")
    return value.rstrip("/")


class GmailAccount(StrictModel):
    """A Gmail or Google Workspace mailbox, through the Gmail API (OAuth; `outbox auth NAME`)."""

    name: AccountName = Field(description="A short name for this account, used in logs and state")
    provider: Literal["gmail"] = Field(description="gmail")
    client_secret_file: ConfigPath = Field(
        description="Your own OAuth client (Google Cloud console: APIs & Services -> "
        "Credentials -> OAuth client ID -> Desktop app), downloaded as JSON"
    )
    token_store: Literal["keyring", "file"] = Field(
        default="keyring",
        description="Where `outbox auth` keeps the token: keyring (the OS keyring), or file "
        "(a 0600 file in state_dir, for machines without a keyring)",
    )
    user: str = Field(
        default="me", min_length=1,
        description="The mailbox: me (the account you authorize) or its address",
    )
    trash_stale_drafts: bool = Field(
        default=False,
        description="true: move stale drafts to Trash (false: leave them for you to delete); "
        "Gmail allows that only with the broader gmail.modify scope (run `outbox auth` again "
        "after changing)",
    )
    timeout: Duration = Field(
        default=timedelta(seconds=30), description="Network timeout for one request"
    )
    api_endpoint: str | None = Field(
        default=None, description="For testing only: the Gmail API root (default: Google's)"
    )
    auth_uri: str | None = Field(
        default=None, description="For testing only: the OAuth consent URL (default: the "
        "client secret file's)"
    )
    token_uri: str | None = Field(
        default=None, description="For testing only: the OAuth token URL (default: the "
        "client secret file's)"
    )

    @field_validator("api_endpoint", "auth_uri", "token_uri")
    @classmethod
    def _endpoint(cls, value: str | None) -> str | None:
        return _loopback_or_https(value)

    @property
    def scopes(self) -> tuple[str, ...]:
        """Least privilege: read mail, write drafts (and trash them only when asked to)."""
        base = (GMAIL_READONLY, GMAIL_COMPOSE)
        return (*base, GMAIL_MODIFY) if self.trash_stale_drafts else base


Account = Annotated[
    ImapAccount | MaildirAccount | GmailAccount, Field(discriminator="provider")
]
