"""HTTP plumbing of the fake: routing, auth, batch, uploads, faults and counters.

``App.respond(method, target, headers, body)`` is the whole server as a
function; ``Handler`` only moves bytes between a socket and it.
"""

from __future__ import annotations

import email
import email.parser
import email.policy
import json
import logging
import secrets
from collections.abc import Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from tests.fakes.gmail_api import QUOTA, Call
from tests.fakes.gmail_errors import (
    NOT_FOUND_HTML,
    ApiError,
    bad_request,
    insufficient_scopes,
    unauthenticated,
)
from tests.fakes.gmail_oauth import parse_form
from tests.fakes.gmail_validate import (
    Route,
    apply_mask,
    check_body,
    check_query,
    check_scopes,
    field_mask,
    match_route,
    parse_json_body,
)

if TYPE_CHECKING:
    from tests.fakes.gmail import GmailFake

log = logging.getLogger(__name__)
Response = tuple[int, dict[str, str], bytes]
BATCH_PATHS = ("/batch/gmail/v1", "/batch")
MAX_BATCH_PARTS = 100
_JSON = {"Content-Type": "application/json; charset=UTF-8"}


def _error(err: ApiError) -> Response:
    return err.code, {**_JSON, **err.headers}, err.to_bytes()


def _bearer(headers: Mapping[str, str], query: dict[str, list[str]]) -> str | None:
    value = headers.get("Authorization") or headers.get("authorization")
    if value:
        kind, _, token = value.partition(" ")
        return token.strip() if kind.lower() == "bearer" and token.strip() else ""
    for name in ("access_token", "oauth_token"):
        if query.get(name):
            return query[name][0]
    return None


class App:
    def __init__(self, fake: GmailFake) -> None:
        self.fake = fake

    def respond(self, method: str, target: str, headers: Mapping[str, str],
                body: bytes) -> Response:
        split = urlsplit(target)
        path, query = split.path, parse_qs(split.query, keep_blank_values=True)
        oauth = self.fake.oauth
        if path == "/o/oauth2/auth" and method == "GET":
            return oauth.authorize(query)
        if path == "/token" and method == "POST":
            return oauth.token(parse_form(body), headers.get("Authorization"))
        if path == "/revoke" and method == "POST":
            return oauth.revoke_endpoint({**query, **parse_form(body)})
        if path in BATCH_PATHS and method == "POST":
            return self.batch(headers, body)
        return self.api_call(method, path, query, headers, body, batch_part=False)

    # ------------------------------------------------------------------ one API call

    def api_call(self, method: str, path: str, query: dict[str, list[str]],
                 headers: Mapping[str, str], body: bytes, *, batch_part: bool) -> Response:
        found = match_route(method, path)
        if found is None:
            return 404, {"Content-Type": "text/html; charset=UTF-8"}, \
                NOT_FOUND_HTML.format(path=path).encode()
        route, path_params = found
        try:
            return self._call(route, path_params, query, headers, body, batch_part)
        except ApiError as err:
            return _error(err)

    def _call(self, route: Route, path_params: dict[str, str], query: dict[str, list[str]],
              headers: Mapping[str, str], body: bytes, batch_part: bool) -> Response:
        fake = self.fake
        token = _bearer(headers, query)
        for name in ("access_token", "oauth_token"):
            query.pop(name, None)
        flat = {k: (v if len(v) > 1 else v[0]) for k, v in query.items()}
        fake._count(route.method_id, {**path_params, **flat})
        scopes = fake.oauth.scopes_of(token) if token else None
        if scopes is None:
            raise unauthenticated(missing=token is None)
        fake._charge(route.method_id, QUOTA.get(route.short, 5))
        params = check_query(route, query)
        fault = fake._take_fault(route.method_id)
        if fault is not None:
            raise fault
        if not check_scopes(route, scopes):
            raise insufficient_scopes()
        call = Call(route, path_params, params)
        if route.upload:
            self._read_upload(route, call, headers, body)
        else:
            call.body = parse_json_body(route, body)
        mask = field_mask(route, params["fields"]) if params.get("fields") else None
        result = fake.api.handle(call)
        if result is None:
            return 204, {}, b""
        if mask:
            result = apply_mask(result, mask)
        return 200, dict(_JSON), json.dumps(result, indent=2).encode()

    @staticmethod
    def _read_upload(route: Route, call: Call, headers: Mapping[str, str], body: bytes) -> None:
        kind = call.params.get("uploadType")
        content_type = headers.get("Content-Type") or headers.get("content-type") or ""
        if kind == "media":
            if not content_type.lower().startswith("message/"):
                raise bad_request(f"Media type '{content_type}' is not supported. Valid media "
                                  f"types: [message/*]", reason="badContent")
            call.media = body
            return
        if kind != "multipart":
            raise bad_request(f"Invalid upload type: {kind}. Supported: media, multipart "
                              f"(resumable is not emulated)", reason="badRequest")
        envelope = email.message_from_bytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        parts = envelope.get_payload() if envelope.is_multipart() else None
        if not isinstance(parts, list) or len(parts) != 2:
            raise bad_request("Multipart upload must have exactly two parts", reason="badContent")
        meta, media = parts
        try:
            metadata = json.loads(meta.get_payload(decode=True) or b"{}")
        except json.JSONDecodeError:
            raise bad_request("Invalid JSON payload received.", reason="parseError") from None
        check_body(metadata, route.desc["request"])
        if not media.get_content_type().startswith("message/"):
            raise bad_request(f"Media type '{media.get_content_type()}' is not supported. Valid "
                              f"media types: [message/*]", reason="badContent")
        call.body = metadata
        payload = media.get_payload(decode=False)
        if isinstance(payload, list):  # message/rfc822 parsed into a sub-message
            call.media = payload[0].as_bytes()
        else:
            call.media = payload.encode("utf-8", "surrogateescape") if isinstance(
                payload, str) else payload

    # ------------------------------------------------------------------ batch

    def batch(self, headers: Mapping[str, str], body: bytes) -> Response:
        content_type = headers.get("Content-Type") or headers.get("content-type") or ""
        fault = self.fake._take_fault("batch")
        if fault is not None:
            return _error(fault)
        if not content_type.lower().startswith("multipart/mixed"):
            return _error(bad_request("Batch requests must be multipart/mixed",
                                      reason="badRequest"))
        envelope = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        parts = envelope.get_payload() if envelope.is_multipart() else []
        if not parts:
            return _error(bad_request("Batch request has no parts", reason="badRequest"))
        if len(parts) > MAX_BATCH_PARTS:
            return _error(bad_request(f"Too many requests in batch: {len(parts)} > "
                                      f"{MAX_BATCH_PARTS}", reason="badRequest"))
        self.fake._count("batch", {"parts": len(parts)})
        boundary = "batch_" + secrets.token_hex(12)
        out = []
        for part in parts:
            content_id = (part.get("Content-ID") or "").strip()
            status, resp_headers, resp_body = self._batch_part(part)
            answer_id = f"<response-{content_id[1:]}" if content_id.startswith("<") else ""
            lines = [f"--{boundary}", "Content-Type: application/http"]
            if answer_id:
                lines.append(f"Content-ID: {answer_id}")
            reason = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else ""
            lines += ["", f"HTTP/1.1 {status} {reason}"]
            lines += [f"{k}: {v}" for k, v in resp_headers.items()]
            lines += [f"Content-Length: {len(resp_body)}", "", resp_body.decode("utf-8")]
            out.append("\r\n".join(lines))
        text = "\r\n".join(out) + f"\r\n--{boundary}--\r\n"
        return 200, {"Content-Type": f"multipart/mixed; boundary={boundary}"}, text.encode()

    def _batch_part(self, part: email.message.Message) -> Response:
        if part.get_content_type() != "application/http":
            return _error(bad_request("Each part of a batch request must be application/http",
                                      reason="badRequest"))
        payload = part.get_payload(decode=True) or b""
        head, _, rest = payload.replace(b"\r\n", b"\n").partition(b"\n")
        try:
            method, target, _version = head.decode().split(" ", 2)
        except ValueError:
            return _error(bad_request("Malformed request line in batch part",
                                      reason="badRequest"))
        inner = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(rest)
        inner_body = inner.get_payload(decode=False) or ""
        body = inner_body.encode() if isinstance(inner_body, str) else b""
        split = urlsplit(target)
        if split.path in BATCH_PATHS:
            return _error(bad_request("Nested batch requests are not allowed",
                                      reason="badRequest"))
        headers = {k: v for k, v in inner.items()}
        if inner.get("Content-Type") and "Content-Type" not in headers:
            headers["Content-Type"] = inner["Content-Type"]
        query = parse_qs(split.query, keep_blank_values=True)
        return self.api_call(method, split.path, query, headers, body, batch_part=True)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes
    server_version = "ESF"
    sys_version = ""

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        app: App = self.server.app  # type: ignore[attr-defined]
        try:
            status, headers, payload = app.respond(self.command, self.path, self.headers, body)
        except Exception:  # a bug in the fake: answer like Google's backendError, loudly
            log.exception("fake Gmail crashed on %s %s", self.command, self.path)
            app.fake.crashes.append(f"{self.command} {self.path}")
            err = ApiError(500, "Backend Error (fake crashed, see log)", "backendError")
            status, headers, payload = _error(err)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

    def log_message(self, format: str, *args) -> None:
        log.debug("%s %s", self.address_string(), format % args)
