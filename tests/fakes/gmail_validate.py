"""Checks requests against the Gmail discovery document shipped with the client.

The document is the one ``build("gmail", "v1", static_discovery=True)`` reads,
so the fake and the client library agree on the published surface: paths,
HTTP methods, query parameters (names, types, enums, repetition), required
scopes and request-body schemas. ``fields=`` partial-response masks are
checked against the response schema and applied.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import unquote

from tests.fakes.gmail_errors import bad_request, unknown_body_field, unknown_parameter

SCOPE_PREFIX = "https://www.googleapis.com/auth/"
FULL_SCOPE = "https://mail.google.com/"


@functools.cache
def discovery() -> dict:
    doc = resources.files("googleapiclient") / "discovery_cache/documents/gmail.v1.json"
    return json.loads(doc.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Route:
    method_id: str  # "gmail.users.messages.get"
    http_method: str
    pattern: re.Pattern[str]
    desc: dict
    upload: bool

    @property
    def short(self) -> str:
        """``users.messages.get``: the name quota tables and handlers use."""
        return self.method_id.removeprefix("gmail.")


def _walk(resource: dict):
    yield from resource.get("methods", {}).values()
    for sub in resource.get("resources", {}).values():
        yield from _walk(sub)


def _compile(path: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", path.lstrip("/"))
    regex = "".join(
        f"(?P<{p[1:-1].lstrip('+')}>[^/]+)" if p.startswith("{") else re.escape(p) for p in parts
    )
    return re.compile(f"^/{regex}$")


@functools.cache
def routes() -> tuple[Route, ...]:
    found = []
    for desc in _walk(discovery()):
        found.append(Route(desc["id"], desc["httpMethod"], _compile(desc["path"]), desc, False))
        simple = desc.get("mediaUpload", {}).get("protocols", {}).get("simple")
        if simple:
            found.append(Route(desc["id"], desc["httpMethod"], _compile(simple["path"]),
                               desc, True))
    # Literal segments first, so ".../messages/send" is not taken for messages.get id="send".
    found.sort(key=lambda r: -len(r.pattern.pattern.replace("[^/]+", "")))
    return tuple(found)


def match_route(http_method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    for route in routes():
        m = route.pattern.match(path)
        if m and route.http_method == http_method:
            return route, {k: unquote(v) for k, v in m.groupdict().items()}
    return None


# ----------------------------------------------------------------------------- query


def _convert(name: str, spec: dict, raw: str) -> Any:
    kind = spec.get("type", "string")
    if kind == "integer":
        unsigned = spec.get("format", "").startswith("uint")
        if not re.fullmatch(r"-?\d+", raw) or (unsigned and raw.startswith("-")):
            pattern = r"\d+" if unsigned else r"-?\d+"
            raise bad_request(f"Invalid value '{raw}'. Values must match the following regular "
                              f"expression: '{pattern}'",
                              reason="invalidParameter", extra={"location": name,
                                                                 "locationType": "parameter"})
        return int(raw)
    if kind == "boolean":
        if raw.lower() not in ("true", "false"):
            raise bad_request(f"Invalid value '{raw}'. Values must be 'true' or 'false'",
                              reason="invalidParameter", extra={"location": name,
                                                                 "locationType": "parameter"})
        return raw.lower() == "true"
    if spec.get("format") == "uint64" and not re.fullmatch(r"\d+", raw):
        raise bad_request(f"Invalid value at '{name}' (TYPE_UINT64), \"{raw}\"",
                          field_violation=True)
    if "enum" in spec and raw not in spec["enum"]:
        raise bad_request(f"Invalid value at '{name}' "
                          f"(type.googleapis.com/google.apps.gmail.v1.{name[0].upper()}"
                          f"{name[1:]}), \"{raw}\"", field_violation=True)
    return raw


def check_query(route: Route, query: dict[str, list[str]]) -> dict[str, Any]:
    """Decoded, type-checked query parameters; raises ApiError like Google."""
    specs = {**discovery()["parameters"], **route.desc.get("parameters", {})}
    params: dict[str, Any] = {}
    for name, values in query.items():
        spec = specs.get(name)
        if spec is None or spec.get("location") == "path":
            raise unknown_parameter(name)
        if len(values) > 1 and not spec.get("repeated"):
            raise bad_request(f"Multiple values provided for non-repeated parameter '{name}'",
                              reason="badRequest")
        converted = [_convert(name, spec, v) for v in values]
        params[name] = converted if spec.get("repeated") else converted[0]
    for name, spec in specs.items():
        if spec.get("required") and spec.get("location") == "query" and name not in params:
            raise bad_request(f"Required parameter: {name}", reason="required")
    return params


def check_scopes(route: Route, granted: frozenset[str]) -> bool:
    return bool(granted & set(route.desc.get("scopes", [])))


# ----------------------------------------------------------------------------- bodies


def schema(name: str) -> dict:
    return discovery()["schemas"][name]


def _is_base64(value: str) -> bool:
    text = value.strip().replace("-", "+").replace("_", "/")
    try:
        base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def check_body(value: Any, spec: dict, where: str = "") -> None:
    """Raise like Google's JSON-to-proto binder when ``value`` does not fit ``spec``."""
    if "$ref" in spec:
        spec = schema(spec["$ref"])
    kind = spec.get("type", "object")
    label = where or "<root>"
    if kind == "object":
        if not isinstance(value, dict):
            raise bad_request(f"Invalid JSON payload received. Expected an object at '{label}'.",
                              reason="badRequest", field_violation=True)
        props = spec.get("properties", {})
        for key, item in value.items():
            if key not in props:
                if "additionalProperties" in spec:
                    check_body(item, spec["additionalProperties"], f"{where}[{key}]")
                    continue
                raise unknown_body_field(key, where)
            check_body(item, props[key], f"{where}.{key}" if where else key)
    elif kind == "array":
        if not isinstance(value, list):
            raise bad_request(f"Invalid value at '{label}', expected a list.",
                              field_violation=True)
        for i, item in enumerate(value):
            check_body(item, spec.get("items", {}), f"{where}[{i}]")
    elif kind == "string":
        if not isinstance(value, str):
            raise bad_request(f"Invalid value at '{label}' ({type(value).__name__}), "
                              f"expected a string", field_violation=True)
        if spec.get("format") == "byte" and not _is_base64(value):
            raise bad_request(f"Invalid value at '{label}' (TYPE_BYTES), Base64 decoding failed "
                              f"for \"{value[:40]}\"", field_violation=True)
    elif kind == "integer" and (not isinstance(value, int) or isinstance(value, bool)):
        if not (isinstance(value, str) and re.fullmatch(r"-?\d+", value)):
            raise bad_request(f"Invalid value at '{label}', expected an integer",
                              field_violation=True)
    elif kind == "boolean" and not isinstance(value, bool):
        raise bad_request(f"Invalid value at '{label}', expected a boolean",
                          field_violation=True)


def parse_json_body(route: Route, body: bytes) -> dict | None:
    request = route.desc.get("request")
    if not body.strip():
        return None
    if request is None:
        # Google ignores bodies of methods without a request message only for GET/DELETE.
        return None
    try:
        value = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        detail = getattr(exc, "msg", str(exc))
        raise bad_request(f"Invalid JSON payload received. {detail}.", reason="parseError",
                          field_violation=True) from None
    check_body(value, request)
    return value


# ----------------------------------------------------------------------------- fields masks


def _parse_mask(text: str) -> dict:
    tree: dict = {}
    pos = 0

    def parse_list(target: dict, closing: str | None) -> None:
        nonlocal pos
        while pos < len(text):
            m = re.match(r"\s*([A-Za-z_][\w]*(?:/[A-Za-z_]\w*)*)\s*", text[pos:])
            if not m:
                raise bad_request(f"Invalid field selection {text}", reason="invalidParameter")
            pos += m.end()
            node = target
            for name in m.group(1).split("/"):
                node = node.setdefault(name, {})
            if pos < len(text) and text[pos] == "(":
                pos += 1
                parse_list(node, ")")
            if pos < len(text) and text[pos] == ",":
                pos += 1
                continue
            if closing and pos < len(text) and text[pos] == closing:
                pos += 1
                return
            if pos >= len(text) and closing is None:
                return
            raise bad_request(f"Invalid field selection {text}", reason="invalidParameter")

    parse_list(tree, None)
    return tree


def _check_mask(tree: dict, spec: dict, text: str) -> None:
    if "$ref" in spec:
        spec = schema(spec["$ref"])
    if spec.get("type") == "array":
        return _check_mask(tree, spec.get("items", {}), text)
    props = spec.get("properties", {})
    for name, sub in tree.items():
        if name not in props:
            raise bad_request(f"Invalid field selection {name}", reason="invalidParameter",
                              extra={"location": "fields", "locationType": "parameter"})
        if sub:
            _check_mask(sub, props[name], text)
    return None


def _apply(value: Any, tree: dict) -> Any:
    if not tree:
        return value
    if isinstance(value, list):
        return [_apply(v, tree) for v in value]
    if isinstance(value, dict):
        return {k: _apply(value[k], sub) for k, sub in tree.items() if k in value}
    return value


def field_mask(route: Route, text: str) -> dict:
    tree = _parse_mask(text)
    _check_mask(tree, route.desc.get("response", {}), text)
    return tree


def apply_mask(value: Any, tree: dict) -> Any:
    return _apply(value, tree)
