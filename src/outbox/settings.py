"""The typed shape of the configuration (pydantic models, no I/O).

``config.py`` reads YAML into these and turns validation errors into
``file:line: key: what is wrong``. The JSON schema in ``config/`` is generated
from ``Config`` (``python -m outbox.config --schema``), so every field carries a
``description``: editors show it. The accounts are in ``accounts.py``; the
field types they are all built from (durations, times, paths) in ``fields.py``.

Two conventions ``config.py`` and ``config_errors.py`` rely on:

* An error raised by a model validator may name the key it is about with
  :func:`~outbox.fields.error_at` (a dotted path relative to the model), so the
  message points at that key's line rather than at the whole mapping.
* Paths are resolved against ``context={"base_dir": ...}`` when validating
  (relative to the config file's folder); ``~`` is always expanded.
"""

from __future__ import annotations

import difflib
from datetime import time, timedelta
from functools import cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import ConfigDict, Field, field_validator, model_validator

from outbox.accounts import Account, ImapAccount, MaildirAccount
from outbox.fields import (
    ClockTime,
    ConfigPath,
    Duration,
    Email,
    MilestoneName,
    StrictModel,
    error_at,
    format_duration,
)

# ---------------------------------------------------------------- the models


class Me(StrictModel):
    """Who you are: drafts are signed with your name, and mail from these addresses is yours."""

    name: str = Field(min_length=1, description="Your name, used to sign drafts")
    addresses: list[Email] = Field(
        min_length=1, description="Every address and alias you write from"
    )


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class WorkingHours(StrictModel):
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


class MilestoneConfig(StrictModel):
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


class Config(StrictModel):
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
    thank_you_per_interviewer: bool = Field(
        default=False,
        description="When an invitation names several interviewers, one thank-you draft each",
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
