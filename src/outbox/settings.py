"""The typed shape of the configuration (pydantic models, no I/O).

``config.py`` reads YAML into these and turns validation errors into
``file:line: key: what is wrong``. The JSON schema in ``config/`` is generated
from ``Config`` (``python -m outbox.config --schema``), so every field carries a
``description``: editors show it.

Two conventions ``config.py`` relies on:

* An error raised by a model validator may name the key it is about with
  :func:`error_at` (a dotted path relative to the model), so the message points
  at that key's line rather than at the whole mapping.
* Paths are resolved against ``context={"base_dir": ...}`` when validating
  (relative to the config file's folder); ``~`` is always expanded.
"""

from __future__ import annotations

import difflib
import ipaddress
import re
import shlex
from datetime import time, timedelta
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import DEFAULT_REF_TEMPLATE, GenerateJsonSchema, JsonSchemaMode
from pydantic_core import PydanticCustomError

# ---------------------------------------------------------------- durations

_UNITS = (  # longest spelling first: the regex alternation takes the first match
    ("weeks", 604800), ("week", 604800), ("wks", 604800), ("wk", 604800), ("w", 604800),
    ("days", 86400), ("day", 86400), ("d", 86400),
    ("hours", 3600), ("hour", 3600), ("hrs", 3600), ("hr", 3600), ("h", 3600),
    ("minutes", 60), ("minute", 60), ("mins", 60), ("min", 60), ("m", 60),
    ("seconds", 1), ("second", 1), ("secs", 1), ("sec", 1), ("s", 1),
)
_UNIT_SECONDS = dict(_UNITS)
_NUMBER = r"\d+(?:\.\d+)?"
_UNIT = "|".join(name for name, _ in _UNITS)
_DURATION_PART = re.compile(rf"({_NUMBER})({_UNIT})")
_DURATION_HINT = "write it like 30m, 2h, 7d or 1d12h"


def parse_duration(value: Any) -> timedelta:
    """``"2h"``, ``"7d"``, ``"1d12h"``, ``"45m"`` -> timedelta. Numbers are seconds.

    Units: w, d, h, m (minutes), s, and their spelled-out forms (``2 hours``).
    """
    if isinstance(value, timedelta):
        if value < timedelta(0):
            raise ValueError("a duration cannot be negative")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"expected a duration; {_DURATION_HINT}")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError("a duration cannot be negative")
        return timedelta(seconds=value)
    text = value.strip().lower().replace(" ", "")
    parts = _DURATION_PART.findall(text)
    if not text or "".join(n + u for n, u in parts) != text:
        raise ValueError(f"{value!r} is not a duration; {_DURATION_HINT}")
    return timedelta(seconds=sum(float(n) * _UNIT_SECONDS[u] for n, u in parts))


def format_duration(delta: timedelta) -> str:
    """The inverse of :func:`parse_duration`: ``timedelta(days=1, hours=12)`` -> ``"1d12h"``."""
    seconds = int(delta.total_seconds())
    out = []
    for unit in ("d", "h", "m", "s"):
        size = _UNIT_SECONDS[unit]
        if seconds >= size:
            out.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(out) or "0s"


def _config_duration(value: Any) -> timedelta:
    # In a config file a bare number is a trap (`poll_interval: 5` meant minutes?),
    # so only 0 may go without a unit there; parse_duration itself stays lenient.
    if isinstance(value, int | float) and not isinstance(value, bool) and value != 0:
        raise ValueError(f"{value} needs a unit: {value}s, {value}m, {value}h or {value}d")
    return parse_duration(value)


def _any_case(pattern: str) -> str:
    """JSON-schema patterns have no flags: spell ``h`` as ``[hH]``."""
    return re.sub(r"[a-z]", lambda m: f"[{m[0]}{m[0].upper()}]", pattern)


_DURATION_SCHEMA_PATTERN = rf"^\s*(?:{_NUMBER}\s*(?:{_any_case(_UNIT)})\s*)+$"

Duration = Annotated[
    timedelta,
    BeforeValidator(_config_duration),
    PlainSerializer(format_duration, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": _DURATION_SCHEMA_PATTERN},
                {"const": 0},
            ],
            "examples": ["30m", "2h", "7d", "1d12h"],
        }
    ),
]

# ---------------------------------------------------------------- clock times

_CLOCK = re.compile(r"^\s*([01]?\d|2[0-3]):([0-5]\d)\s*$")


def _parse_clock(value: Any) -> time:
    if isinstance(value, time):
        return value
    match = _CLOCK.match(value) if isinstance(value, str) else None
    if match is None:
        shown = f"{value!r} is not a time" if isinstance(value, str) else "expected a time"
        raise ValueError(f"{shown}; write it like 08:00 or 17:30 (24-hour clock)")
    return time(int(match[1]), int(match[2]))


ClockTime = Annotated[
    time,
    BeforeValidator(_parse_clock),
    PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^([01]?\d|2[0-3]):[0-5]\d$"}),
]

# ---------------------------------------------------------------- paths


def _resolve_path(value: Path, info: ValidationInfo) -> Path:
    value = value.expanduser()
    base = (info.context or {}).get("base_dir")
    if base is not None and not value.is_absolute():
        value = Path(base) / value
    return value


ConfigPath = Annotated[
    Path,
    AfterValidator(_resolve_path),
    WithJsonSchema({"type": "string", "format": "path"}),
]

# ---------------------------------------------------------------- small helpers


def error_at(where: str, message: str) -> PydanticCustomError:
    """A validation error about key ``where`` (relative dotted path, ``""`` = here).

    ``config.py`` appends ``where`` to the error's location, so a check made by
    a model validator still points at the line of the key it is about.
    """
    return PydanticCustomError("outbox", message, {"at": where})


def _check_email(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", value):
        raise ValueError(f"{value!r} is not an e-mail address")
    return value.lower()


Email = Annotated[str, BeforeValidator(lambda v: _check_email(v) if isinstance(v, str) else v)]


def _named(pattern: str, rule: str) -> Any:
    """A name restricted by ``pattern`` with a readable message (and the pattern in the schema)."""

    def check(value: str) -> str:
        if not re.fullmatch(pattern, value):
            raise ValueError(f"{value!r} is not a valid name: {rule}")
        return value

    return Annotated[str, AfterValidator(check), Field(json_schema_extra={"pattern": pattern})]


AccountName = _named(r"^[A-Za-z0-9_.-]+$", "use letters, digits, '.', '_' and '-' only")
MilestoneName = _named(
    r"^[a-z][a-z0-9_]*$", "use lower-case letters, digits and '_', starting with a letter"
)


class _SchemaWithReadableDefaults(GenerateJsonSchema):
    """Show defaults as they are written in the YAML (``60d``, ``08:00``), not ISO 8601."""

    def encode_default(self, dft: Any) -> Any:
        if isinstance(dft, timedelta):
            return format_duration(dft)
        if isinstance(dft, time):
            return dft.strftime("%H:%M")
        return super().encode_default(dft)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @classmethod
    def model_json_schema(
        cls,
        by_alias: bool = True,
        ref_template: str = DEFAULT_REF_TEMPLATE,
        schema_generator: type[GenerateJsonSchema] = _SchemaWithReadableDefaults,
        mode: JsonSchemaMode = "validation",
        **kwargs: Any,
    ) -> dict[str, Any]:
        return super().model_json_schema(
            by_alias=by_alias,
            ref_template=ref_template,
            schema_generator=schema_generator,
            mode=mode,
            **kwargs,
        )


# ---------------------------------------------------------------- the models


class Me(_Strict):
    """Who you are: drafts are signed with your name, and mail from these addresses is yours."""

    name: str = Field(min_length=1, description="Your name, used to sign drafts")
    addresses: list[Email] = Field(
        min_length=1, description="Every address and alias you write from"
    )


class KeyringRef(_Strict):
    keyring: str = Field(
        min_length=1,
        description="Keyring service name; the username is the account's "
        "(store it with: keyring set SERVICE USERNAME)",
    )


class Folders(_Strict):
    """Override folder names; by default they are found (SPECIAL-USE, then common names)."""

    inbox: str | None = Field(default=None, description="Incoming mail (default: INBOX)")
    sent: str | None = Field(default=None, description="Your sent mail")
    drafts: str | None = Field(default=None, description="Where drafts are written")
    trash: str | None = Field(default=None, description="Where stale drafts are moved")


class _Account(_Strict):
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


Account = Annotated[ImapAccount | MaildirAccount, Field(discriminator="provider")]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class WorkingHours(_Strict):
    """Drafts appear only inside these hours (in `timezone`), so they are fresh when you look."""

    days: list[Weekday] = Field(
        default=["mon", "tue", "wed", "thu", "fri"],
        min_length=1,
        description="Working days: mon, tue, wed, thu, fri, sat, sun",
    )
    start: ClockTime = Field(default=time(8, 0), description="Opening time, HH:MM")
    end: ClockTime = Field(default=time(19, 0), description="Closing time, HH:MM")

    @model_validator(mode="after")
    def _start_before_end(self) -> WorkingHours:
        if self.start >= self.end:
            raise error_at("end", f"must be after start ({self.start:%H:%M})")
        return self


class MilestoneConfig(_Strict):
    """One follow-up moment after an interview."""

    name: MilestoneName = Field(description="thank_you, follow_up, status_check, or your own")
    after: Literal["interview_end", "interview_start"] = Field(
        default="interview_end", description="What `delay` and `deadline` count from"
    )
    delay: Duration = Field(description="How long after `after` the draft is due")
    deadline: Duration | None = Field(
        default=None,
        description="Past this (counted from `after`) the draft is skipped; default: no deadline",
    )
    enabled: bool = Field(default=True, description="false: never draft this milestone")
    template: ConfigPath | None = Field(
        default=None, description="A Jinja2 template file; default: the built-in one"
    )

    @model_validator(mode="after")
    def _deadline_after_delay(self) -> MilestoneConfig:
        if self.deadline is not None and self.deadline <= self.delay:
            raise error_at(
                "deadline",
                f"must be longer than delay ({format_duration(self.delay)}); "
                "both count from `after`",
            )
        return self


DEFAULT_DURATION = timedelta(hours=1)  # of an interview whose mail gives no end time

DEFAULT_MILESTONES = (
    MilestoneConfig(name="thank_you", delay=timedelta(hours=2), deadline=timedelta(hours=24)),
    MilestoneConfig(name="follow_up", delay=timedelta(days=7)),
    MilestoneConfig(name="status_check", delay=timedelta(days=14)),
)


def local_zone_name() -> str:
    """This computer's IANA zone name (tzlocal if installed, else /etc/localtime), or UTC."""
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


@cache
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


class Config(_Strict):
    """outbox configuration: see `outbox init` for a commented example."""

    model_config = ConfigDict(
        title="outbox configuration",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    timezone: str = Field(
        default_factory=local_zone_name,
        description="IANA zone name, e.g. Europe/London; default: this computer's zone",
    )
    me: Me = Field(description=Me.__doc__)
    state_dir: ConfigPath | None = Field(
        default=None,
        description="Where outbox keeps its state (SQLite); default: the platform data dir",
    )
    accounts: list[Account] = Field(min_length=1, description="The mailboxes to watch")
    lookback: Duration = Field(
        default=timedelta(days=60), description="On the first run, how far back to look"
    )
    default_duration: Duration = Field(
        default=DEFAULT_DURATION, description="Interview length when the mail gives no end time"
    )
    milestones: list[MilestoneConfig] = Field(
        default=list(DEFAULT_MILESTONES),
        description="The follow-ups to draft; listing them replaces the defaults",
    )
    working_hours: WorkingHours = Field(default=WorkingHours(), description=WorkingHours.__doc__)
    max_drafts_per_cycle: int = Field(
        default=10, ge=1, description="Safety cap: at most this many drafts written per cycle"
    )
    confidence_threshold: float = Field(
        default=0.6,
        ge=0.0,
        le=1.0,
        description="How sure detection must be (0..1) before an interview is tracked",
    )
    poll_interval: Duration = Field(
        default=timedelta(minutes=5), description="How often the daemon checks the mailbox"
    )
    templates_dir: ConfigPath | None = Field(
        default=None, description="Folder of <milestone>.txt.j2 files overriding the built-ins"
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            close = difflib.get_close_matches(value, _zone_names(), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "like Europe/London"
            raise ValueError(f"{value!r} is not an IANA time zone ({hint})") from None
        return value

    @field_validator("lookback", "default_duration")
    @classmethod
    def _positive(cls, value: timedelta) -> timedelta:
        if value <= timedelta(0):
            raise ValueError("must be longer than 0")
        return value

    @field_validator("poll_interval")
    @classmethod
    def _not_hammering(cls, value: timedelta) -> timedelta:
        if value < timedelta(seconds=30):
            raise ValueError("must be at least 30s (mail servers throttle faster polling)")
        return value

    @model_validator(mode="after")
    def _unique_names(self) -> Config:
        for field, items in (("accounts", self.accounts), ("milestones", self.milestones)):
            seen: set[str] = set()
            for index, item in enumerate(items):
                if item.name in seen:
                    raise error_at(
                        f"{field}[{index}].name",
                        f"{item.name!r} is used twice; names must be unique",
                    )
                seen.add(item.name)
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
