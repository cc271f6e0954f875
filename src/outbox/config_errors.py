"""Explain what is wrong with a config as ``{file}:{line}: {key.path}: {what}``.

``config.py`` reads the YAML into a :class:`Document` (the data plus the line
of every key and list item, and the problems found while reading); here each
pydantic error becomes a :class:`Problem` on the line of the key it is about,
in words a person can act on, and :func:`format_problems` joins them into the
message of a ``ConfigError``.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel

from outbox.accounts import Account
from outbox.settings import Config

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong: the line it is on, the key it is about, what is wrong."""

    line: int
    path: Loc
    message: str


@dataclass(slots=True)
class Document:
    """A config file read into plain data, with the line of every key and list item."""

    data: Any = None
    lines: dict[Loc, int] = field(default_factory=dict)  # key or list item -> its line
    problems: list[Problem] = field(default_factory=list)


# ---------------------------------------------------------------- explaining errors


def explain(error: Any, document: Document) -> Problem:
    """One pydantic error as a Problem on the line of the key it is about."""
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    missing = kind in ("missing", "union_tag_not_found")
    path = _data_path(error["loc"], document.data, keep_last=kind in ("missing", "extra_forbidden"))
    if kind == "outbox" and ctx.get("at"):
        path = (*path, *_parse_at(ctx["at"]))
    elif kind.startswith("union_tag_"):
        path = (*path, "provider")
    return Problem(_line_of(path, document, missing), path, _describe(error, path))


def _data_path(loc: Loc, data: Any, keep_last: bool) -> Loc:
    """pydantic's ``loc`` minus its own steps (union tags like ``imap``) that are not keys."""
    out: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        is_key = isinstance(current, dict) and isinstance(part, str) and part in current
        is_item = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if is_key or is_item:
            current = current[part]
            out.append(part)
        elif keep_last and index == len(loc) - 1:
            out.append(part)
    return tuple(out)


def _parse_at(where: str) -> Loc:
    """``"accounts[1].name"`` -> ``("accounts", 1, "name")``."""
    out: list[str | int] = []
    for piece in where.replace("[", ".[").split("."):
        if piece.startswith("[") and piece.endswith("]"):
            out.append(int(piece[1:-1]))
        elif piece:
            out.append(piece)
    return tuple(out)


def _line_of(path: Loc, document: Document, missing: bool) -> int:
    probe = path[:-1] if missing and path else path
    while probe not in document.lines and probe:
        probe = probe[:-1]
    return document.lines.get(probe, 1)


def _path_text(path: Loc) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


_PROVIDERS = tuple(
    get_args(model.model_fields["provider"].annotation)[0]
    for model in get_args(get_args(Account)[0])
)

_TYPE_WORDS = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list (one `- item` per line)",
    "dict_type": "expected a mapping (indented `key: value` lines)",
    "model_type": "expected a mapping (indented `key: value` lines)",
    "model_attributes_type": "expected a mapping (indented `key: value` lines)",
    "path_type": "expected a path",
}


def _describe(error: Any, path: Loc) -> str:
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    secret = "password" in path  # never echo what was written there
    if kind == "missing":
        return "required, but missing"
    if kind == "union_tag_not_found":
        return f"required, but missing (one of: {', '.join(_PROVIDERS)})"
    if kind == "union_tag_invalid":
        return f"unknown provider {ctx.get('tag')!r} (one of: {', '.join(_PROVIDERS)})"
    if kind == "extra_forbidden":
        return _unknown_key(str(error["loc"][-1]), _known_keys(error["loc"][:-1]))
    if kind in ("value_error", "outbox"):
        return str(error["msg"]).removeprefix("Value error, ")
    if kind in _TYPE_WORDS:
        message = _TYPE_WORDS[kind]
        if kind == "string_type" and isinstance(value, int | float | bool):
            return f"{message}; put {_shown(value)} in quotes"
        return message + _got(value, secret)
    if kind in ("literal_error", "enum"):
        return f"expected {ctx.get('expected')}" + _got(value, secret)
    if kind in ("too_short", "string_too_short"):
        return "must not be empty" if ctx.get("min_length") == 1 else str(error["msg"])
    bounds = {
        "greater_than_equal": ("at least", "ge"),
        "less_than_equal": ("at most", "le"),
        "greater_than": ("more than", "gt"),
        "less_than": ("less than", "lt"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"must be {words} {ctx.get(key)}" + _got(value, secret)
    return str(error["msg"])


def _shown(value: Any) -> str:
    return yaml.safe_dump(value, default_flow_style=True).removesuffix("\n...\n").strip()


def _got(value: Any, secret: bool) -> str:
    if secret:
        return ""
    if value is None:
        return " (the value is empty)"
    if isinstance(value, str | int | float | bool) and len(repr(value)) <= 60:
        return f", not {value!r}" if isinstance(value, str) else f", not {_shown(value)}"
    return ""


def _unknown_key(key: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown key {key!r} (did you mean {close[0]!r}?)"
    if known:
        return f"unknown key {key!r} (known keys: {', '.join(known)})"
    return f"unknown key {key!r}"


def _known_keys(loc: Loc) -> list[str]:
    """The field names of the model that pydantic's ``loc`` points into."""
    target: Any = Config
    for part in loc:
        target = _step(target, part)
        if target is None:
            return []
    models = [c for c in _candidates(target) if _is_model(c)]
    return list(models[0].model_fields) if models else []


def _step(target: Any, part: str | int) -> Any:
    for candidate in _candidates(target):
        if isinstance(part, int) and get_origin(candidate) is list:
            return get_args(candidate)[0]
        if not _is_model(candidate):
            continue
        if part in candidate.model_fields:
            return candidate.model_fields[part].annotation
        tag = candidate.model_fields.get("provider")
        if tag is not None and part in get_args(tag.annotation):
            return candidate
    return None


def _candidates(target: Any) -> list[Any]:
    origin = get_origin(target)
    if origin is Annotated:
        return _candidates(get_args(target)[0])
    if origin is Union or origin is types.UnionType:
        return [c for arg in get_args(target) if arg is not type(None) for c in _candidates(arg)]
    return [target]


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def format_problems(path: Path, problems: list[Problem]) -> str:
    """One ``file:line: key: what`` line per problem, in line order, without repeats."""
    lines: list[str] = []
    for problem in sorted(problems, key=lambda p: p.line):
        key = _path_text(problem.path)
        text = f"{path}:{problem.line}: {key}: {problem.message}" if key else (
            f"{path}:{problem.line}: {problem.message}"
        )
        if text not in lines:
            lines.append(text)
    return "\n".join(lines)
