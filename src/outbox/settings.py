"""The typed shape of the configuration (pydantic models, no I/O).

``config.py`` reads YAML into these and turns validation errors into
``file:line: key: what is wrong``. The JSON schema in ``config/`` is generated
from ``Config``.
"""

from __future__ import annotations

import re
from datetime import time, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    field_validator,
    model_validator,
)

_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([wdhms])")
_UNIT_SECONDS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}


def parse_duration(value: Any) -> timedelta:
    """``"2h"``, ``"7d"``, ``"1d12h"``, ``"45m"`` -> timedelta. Numbers are seconds."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, bool):
        raise ValueError("expected a duration like 2h or 7d")
    if isinstance(value, int | float):
        return timedelta(seconds=value)
    if not isinstance(value, str):
        raise ValueError("expected a duration like 2h or 7d")
    text = value.strip().lower().replace(" ", "")
    parts = _DURATION_PART.findall(text)
    if not text or "".join(n + u for n, u in parts) != text:
        raise ValueError(f"{value!r} is not a duration; write it like 30m, 2h, 7d or 1d12h")
    return timedelta(seconds=sum(float(n) * _UNIT_SECONDS[u] for n, u in parts))


def format_duration(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    out = []
    for unit in ("d", "h", "m", "s"):
        size = _UNIT_SECONDS[unit]
        if seconds >= size:
            out.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(out) or "0s"


Duration = Annotated[
    timedelta,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
]


def _check_email(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", value):
        raise ValueError(f"{value!r} is not an e-mail address")
    return value.lower()


Email = Annotated[str, BeforeValidator(lambda v: _check_email(v) if isinstance(v, str) else v)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Me(_Strict):
    name: str = Field(min_length=1, description="Your name, used to sign drafts")
    addresses: list[Email] = Field(
        min_length=1, description="Every address and alias you write from"
    )


class KeyringRef(_Strict):
    keyring: str = Field(description="Keyring service name; the username is the account's")


class Folders(_Strict):
    """Override folder names; by default they are found (SPECIAL-USE, then common names)."""

    inbox: str | None = None
    sent: str | None = None
    drafts: str | None = None
    trash: str | None = None


class _Account(_Strict):
    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    folders: Folders = Folders()


class ImapAccount(_Account):
    provider: Literal["imap"]
    host: str
    port: int | None = Field(default=None, ge=1, le=65535)
    security: Literal["tls", "starttls", "plain"] = "tls"
    username: str
    password: KeyringRef | None = None
    password_command: str | None = None
    password_env: str | None = None
    ca_file: Path | None = Field(
        default=None, description="Extra CA bundle to trust (e.g. a self-signed server)"
    )
    timeout: Duration = timedelta(seconds=30)

    @field_validator("password", mode="before")
    @classmethod
    def _no_inline_password(cls, value: Any) -> Any:
        if isinstance(value, str):
            raise ValueError(
                "an inline password is refused; use password_command, password_env "
                "or password: {keyring: SERVICE}"
            )
        return value

    @model_validator(mode="after")
    def _one_secret_and_safe_transport(self) -> ImapAccount:
        given = [
            k for k in ("password", "password_command", "password_env")
            if getattr(self, k) is not None
        ]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of password_command, password_env or password: {keyring: ...}"
            )
        if self.security == "plain" and self.host not in ("127.0.0.1", "::1", "localhost"):
            raise ValueError("security: plain is refused unless the host is loopback")
        return self

    @property
    def effective_port(self) -> int:
        if self.port:
            return self.port
        return 993 if self.security == "tls" else 143


class MaildirAccount(_Account):
    provider: Literal["maildir"]
    path: Path


Account = Annotated[ImapAccount | MaildirAccount, Field(discriminator="provider")]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class WorkingHours(_Strict):
    days: list[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]] = [
        "mon", "tue", "wed", "thu", "fri"
    ]
    start: time = time(8, 0)
    end: time = time(19, 0)

    @model_validator(mode="after")
    def _start_before_end(self) -> WorkingHours:
        if self.start >= self.end:
            raise ValueError("start must be before end")
        if not self.days:
            raise ValueError("name at least one working day")
        return self


class MilestoneConfig(_Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    after: Literal["interview_end", "interview_start"] = "interview_end"
    delay: Duration
    deadline: Duration | None = None
    enabled: bool = True
    template: Path | None = Field(
        default=None, description="A Jinja2 template file; default: the built-in one"
    )

    @model_validator(mode="after")
    def _deadline_after_delay(self) -> MilestoneConfig:
        if self.deadline is not None and self.deadline <= self.delay:
            raise ValueError("deadline must be longer than delay (both count from `after`)")
        return self


DEFAULT_MILESTONES = (
    MilestoneConfig(name="thank_you", delay=timedelta(hours=2), deadline=timedelta(hours=24)),
    MilestoneConfig(name="follow_up", delay=timedelta(days=7)),
    MilestoneConfig(name="status_check", delay=timedelta(days=14)),
)


def _local_zone_name() -> str:
    try:
        from tzlocal import get_localzone_name  # type: ignore[import-not-found]

        return get_localzone_name() or "UTC"
    except ImportError:
        pass
    link = Path("/etc/localtime")
    if link.is_symlink():
        target = str(link.resolve())
        if "zoneinfo/" in target:
            return target.split("zoneinfo/", 1)[1]
    tz = Path("/etc/timezone")
    if tz.exists():
        return tz.read_text().strip() or "UTC"
    return "UTC"


class Config(_Strict):
    timezone: str = Field(default_factory=_local_zone_name, description="IANA zone name")
    me: Me
    state_dir: Path | None = Field(default=None, description="Default: platformdirs data dir")
    accounts: list[Account] = Field(min_length=1)
    lookback: Duration = timedelta(days=60)
    default_duration: Duration = timedelta(hours=1)
    milestones: list[MilestoneConfig] = Field(default_factory=lambda: list(DEFAULT_MILESTONES))
    working_hours: WorkingHours = WorkingHours()
    max_drafts_per_cycle: int = Field(default=10, ge=1)
    confidence_threshold: float = Field(default=0.6, ge=0.0, le=1.0)
    poll_interval: Duration = timedelta(minutes=5)
    templates_dir: Path | None = Field(
        default=None, description="Folder of <milestone>.txt.j2 files overriding the built-ins"
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"{value!r} is not an IANA time zone (like Europe/London)") from exc
        return value

    @model_validator(mode="after")
    def _unique_names(self) -> Config:
        for what, names in (
            ("account", [a.name for a in self.accounts]),
            ("milestone", [m.name for m in self.milestones]),
        ):
            dupes = {n for n in names if names.count(n) > 1}
            if dupes:
                raise ValueError(f"{what} names must be unique: {', '.join(sorted(dupes))}")
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def my_addresses(self) -> frozenset[str]:
        return frozenset(self.me.addresses)

    def account(self, name: str) -> ImapAccount | MaildirAccount:
        for acc in self.accounts:
            if acc.name == name:
                return acc
        raise KeyError(name)
