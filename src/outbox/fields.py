"""The field types the config models are built from (pydantic, no I/O).

Durations (``30m``, ``1d12h``), clock times (``08:00``), paths resolved against
the config file's folder, e-mail addresses and names, :func:`error_at`, and
:class:`StrictModel`, the base of every config model.

``error_at`` is the convention ``config_errors.py`` relies on: a model
validator may name the key its error is about (a dotted path relative to the
model), so the message points at that key's line rather than at the whole
mapping.
"""

from __future__ import annotations

import re
from datetime import time, timedelta
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
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

    ``config_errors.py`` appends ``where`` to the error's location, so a check made by
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


class StrictModel(BaseModel):
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
