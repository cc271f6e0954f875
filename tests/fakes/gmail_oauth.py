"""Google's OAuth 2.0 endpoints for an installed app, auto-approving consent.

``GET /o/oauth2/auth`` answers like accounts.google.com after the user clicked
"Allow" (or "Cancel", with ``deny_consent``); ``POST /token`` like
oauth2.googleapis.com; ``POST /revoke`` like its revoke endpoint. Error bodies
and messages are Google's.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

READONLY = "https://www.googleapis.com/auth/gmail.readonly"
COMPOSE = "https://www.googleapis.com/auth/gmail.compose"
CONSENT_SCOPES = frozenset({READONLY, COMPOSE})
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}

Response = tuple[int, dict[str, str], bytes]


@dataclass
class Grant:
    client_id: str
    scopes: tuple[str, ...]
    revoked: bool = False


@dataclass
class AccessToken:
    scopes: frozenset[str]
    expires_at: float
    grant: Grant | None
    revoked: bool = False


@dataclass
class PendingCode:
    client_id: str
    redirect_uri: str
    scopes: tuple[str, ...]
    offline: bool
    challenge: str | None
    method: str
    expires_at: float


def _json(status: int, body: dict, headers: dict[str, str] | None = None) -> Response:
    return status, {"Content-Type": "application/json; charset=utf-8", **(headers or {})}, \
        json.dumps(body).encode()


def _page(status: int, error: str, description: str) -> Response:
    html = (f"<!DOCTYPE html><title>Error {status}: {error}</title>"
            f"<h1>Access blocked: authorization error</h1><p>{description}</p>"
            f"<p>Error {status}: {error}</p>")
    return status, {"Content-Type": "text/html; charset=utf-8"}, html.encode()


def _redirect(uri: str, params: dict[str, str]) -> Response:
    sep = "&" if urlsplit(uri).query else "?"
    return 302, {"Location": f"{uri}{sep}{urlencode(params)}"}, b""


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    return values[0] if values else None


def is_loopback_redirect(uri: str) -> bool:
    parts = urlsplit(uri)
    return parts.scheme == "http" and (parts.hostname or "") in LOOPBACK_HOSTS | {"::1"}


class OAuthServer:
    def __init__(self, clock: Callable[[], float], client_id: str, client_secret: str,
                 token_lifetime: int) -> None:
        self.clock = clock
        self.client_id, self.client_secret = client_id, client_secret
        self.token_lifetime = token_lifetime
        self.deny_consent = False
        self.consent_scopes = CONSENT_SCOPES  # what the consent screen may grant
        self._lock = threading.Lock()
        self._codes: dict[str, PendingCode] = {}
        self._grants: dict[str, Grant] = {}
        self._access: dict[str, AccessToken] = {}

    # ------------------------------------------------------------------ tokens

    def _mint_access(self, scopes: frozenset[str], grant: Grant | None) -> str:
        token = "ya29.fake-" + secrets.token_urlsafe(24)
        self._access[token] = AccessToken(scopes, self.clock() + self.token_lifetime, grant)
        return token

    def issue_token(self, scopes) -> tuple[str, str]:
        with self._lock:
            grant = Grant(self.client_id, tuple(scopes))
            refresh = "1//0fake-" + secrets.token_urlsafe(32)
            self._grants[refresh] = grant
            return self._mint_access(frozenset(scopes), grant), refresh

    def scopes_of(self, token: str) -> frozenset[str] | None:
        """The token's scopes, or None when it is unknown, expired or revoked."""
        with self._lock:
            access = self._access.get(token)
            if access is None or access.revoked or access.expires_at <= self.clock():
                return None
            if access.grant is not None and access.grant.revoked:
                return None
            return access.scopes

    def revoke(self, token: str | None = None) -> None:
        with self._lock:
            for refresh, grant in self._grants.items():
                if token is None or token == refresh:
                    grant.revoked = True
            for value, access in self._access.items():
                if token is None or token == value:
                    access.revoked = True

    def expire_access_tokens(self) -> None:
        with self._lock:
            for access in self._access.values():
                access.expires_at = min(access.expires_at, self.clock())

    # ------------------------------------------------------------------ consent

    def authorize(self, params: dict[str, list[str]]) -> Response:
        client_id = _one(params, "client_id")
        if client_id != self.client_id:
            return _page(401, "invalid_client", "The OAuth client was not found.")
        redirect_uri = _one(params, "redirect_uri") or ""
        if not is_loopback_redirect(redirect_uri):
            return _page(400, "redirect_uri_mismatch",
                         "You can't sign in to this app because it doesn't comply with Google's "
                         "OAuth 2.0 policy. Installed apps must use a loopback redirect_uri.")
        if _one(params, "response_type") != "code":
            return _page(400, "unsupported_response_type",
                         "Required parameter is missing or invalid: response_type")
        scopes = tuple((_one(params, "scope") or "").split())
        if not scopes:
            return _page(400, "invalid_request", "Missing required parameter: scope")
        if not set(scopes) <= self.consent_scopes:
            extra = " ".join(sorted(set(scopes) - self.consent_scopes))
            return _page(400, "invalid_scope",
                         f"Some requested scopes were invalid or not allowed: {extra}")
        challenge = _one(params, "code_challenge")
        method = _one(params, "code_challenge_method") or "plain"
        if challenge is not None and (
            method not in ("S256", "plain") or not re.fullmatch(r"[A-Za-z0-9._~-]{43,128}",
                                                               challenge)):
            return _page(400, "invalid_request", "Invalid code_challenge or its method.")
        state = _one(params, "state")
        extra_params = {"state": state} if state is not None else {}
        if self.deny_consent:
            return _redirect(redirect_uri, {"error": "access_denied", **extra_params})
        code = "4/0fake-" + secrets.token_urlsafe(32)
        with self._lock:
            self._codes[code] = PendingCode(client_id, redirect_uri, scopes,
                                            _one(params, "access_type") == "offline",
                                            challenge, method, self.clock() + 600)
        return _redirect(redirect_uri, {**extra_params, "code": code, "scope": " ".join(scopes)})

    # ------------------------------------------------------------------ token endpoint

    def _client_ok(self, form: dict[str, list[str]], authorization: str | None) -> Response | None:
        client_id, secret = _one(form, "client_id"), _one(form, "client_secret")
        if authorization and authorization.lower().startswith("basic "):
            try:
                decoded = base64.b64decode(authorization[6:]).decode()
                client_id, secret = decoded.split(":", 1)
            except (ValueError, UnicodeDecodeError):
                return _json(401, {"error": "invalid_client", "error_description": "Unauthorized"})
        if client_id != self.client_id:
            return _json(401, {"error": "invalid_client",
                               "error_description": "The OAuth client was not found."})
        if secret != self.client_secret:
            return _json(401, {"error": "invalid_client", "error_description": "Unauthorized"})
        return None

    def token(self, form: dict[str, list[str]], authorization: str | None) -> Response:
        failure = self._client_ok(form, authorization)
        if failure:
            return failure
        grant_type = _one(form, "grant_type")
        with self._lock:
            if grant_type == "authorization_code":
                return self._exchange_code(form)
            if grant_type == "refresh_token":
                return self._refresh(form)
        return _json(400, {"error": "unsupported_grant_type",
                           "error_description": f"Invalid grant_type: {grant_type or ''}"})

    def _exchange_code(self, form: dict[str, list[str]]) -> Response:
        code = _one(form, "code")
        if not code:
            return _json(400, {"error": "invalid_request",
                               "error_description": "Missing required parameter: code"})
        pending = self._codes.pop(code, None)
        if pending is None or pending.expires_at <= self.clock():
            return _json(400, {"error": "invalid_grant",
                               "error_description": "Malformed auth code."})
        if _one(form, "redirect_uri") != pending.redirect_uri:
            return _json(400, {"error": "redirect_uri_mismatch",
                               "error_description": "Bad Request"})
        if pending.challenge is not None:
            verifier = _one(form, "code_verifier")
            if not verifier:
                return _json(400, {"error": "invalid_grant",
                                   "error_description": "Missing code verifier."})
            if pending.method == "S256":
                digest = hashlib.sha256(verifier.encode()).digest()
                verifier = base64.urlsafe_b64encode(digest).decode().rstrip("=")
            if verifier != pending.challenge:
                return _json(400, {"error": "invalid_grant",
                                   "error_description": "Invalid code verifier."})
        grant = Grant(pending.client_id, pending.scopes)
        body = {
            "access_token": self._mint_access(frozenset(pending.scopes), grant),
            "expires_in": self.token_lifetime,
            "scope": " ".join(pending.scopes),
            "token_type": "Bearer",
        }
        if pending.offline:
            refresh = "1//0fake-" + secrets.token_urlsafe(32)
            self._grants[refresh] = grant
            body["refresh_token"] = refresh
        return _json(200, body)

    def _refresh(self, form: dict[str, list[str]]) -> Response:
        grant = self._grants.get(_one(form, "refresh_token") or "")
        if grant is None or grant.revoked:
            return _json(400, {"error": "invalid_grant",
                               "error_description": "Token has been expired or revoked."})
        asked = tuple((_one(form, "scope") or "").split()) or grant.scopes
        if not set(asked) <= set(grant.scopes):
            return _json(400, {"error": "invalid_scope",
                               "error_description": "Bad Request"})
        return _json(200, {
            "access_token": self._mint_access(frozenset(asked), grant),
            "expires_in": self.token_lifetime,
            "scope": " ".join(asked),
            "token_type": "Bearer",
        })

    def revoke_endpoint(self, form: dict[str, list[str]]) -> Response:
        token = _one(form, "token")
        known = token in self._grants or token in self._access
        if not known:
            return _json(400, {"error": "invalid_token", "error_description": "Bad Request"})
        self.revoke(token)
        grant = self._grants.get(token) or getattr(self._access.get(token), "grant", None)
        if grant is not None:  # revoking either token of a grant ends the whole grant
            grant.revoked = True
        return _json(200, {})


def parse_form(body: bytes) -> dict[str, list[str]]:
    return parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
