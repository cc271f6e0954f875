"""The fake's OAuth endpoints, driven by google-auth-oauthlib and google-auth."""

from __future__ import annotations

import base64
import hashlib
import io
import re
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from google.auth.exceptions import RefreshError
from google.auth.transport.requests import Request
from google.oauth2.credentials import Credentials
from google_auth_oauthlib.flow import InstalledAppFlow
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

from tests.fakes.gmail import COMPOSE, MODIFY, READONLY, GmailFake

SCOPES = [READONLY, COMPOSE]
REDIRECT = "http://localhost:8080/"




class _Browser(io.TextIOBase):
    """Stands in for stdout: when the flow prints the consent URL, "open" it from a thread."""

    def __init__(self) -> None:
        self.seen = ""
        self.visit: requests.Response | None = None
        self.thread: threading.Thread | None = None

    def _open(self, url: str) -> None:
        self.visit = requests.get(url, timeout=10)  # follows the redirect to the flow

    def write(self, text: str) -> int:
        self.seen += text
        match = re.search(r"(http://\S+/o/oauth2/auth\?\S+)", self.seen)
        if match and self.thread is None:
            self.thread = threading.Thread(target=self._open, args=(match.group(1),),
                                           daemon=True)
            self.thread.start()
        return len(text)


def test_installed_app_flow_end_to_end(fake: GmailFake, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # oauthlib refuses a plain-http token endpoint unless told this is a loopback test.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    browser = _Browser()
    monkeypatch.setattr(sys, "stdout", browser)
    flow = InstalledAppFlow.from_client_secrets_file(
        str(fake.client_secret_file(tmp_path / "client.json")), scopes=SCOPES)
    creds = flow.run_local_server(host="localhost", port=0, open_browser=False,
                                  timeout_seconds=10)
    browser.thread.join(timeout=10)
    assert browser.visit.status_code == 200  # the redirect reached the flow's server
    assert creds.refresh_token and creds.token and set(creds.granted_scopes) == set(SCOPES)
    users = build("gmail", "v1", credentials=creds, static_discovery=True,
                  client_options={"api_endpoint": fake.url}).users()
    assert users.getProfile(userId="me").execute()["emailAddress"] == "ada@example.com"


def _consent(fake: GmailFake, **overrides) -> requests.Response:
    verifier = "v" * 50
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    params = {"client_id": fake.client_id, "redirect_uri": REDIRECT, "response_type": "code",
              "scope": " ".join(SCOPES), "state": "xyz", "access_type": "offline",
              "code_challenge": challenge.decode().rstrip("="),
              "code_challenge_method": "S256", **overrides}
    params = {k: v for k, v in params.items() if v is not None}
    return requests.get(f"{fake.auth_uri}?{urlencode(params)}", allow_redirects=False,
                        timeout=5)


def _code(resp: requests.Response) -> str:
    assert resp.status_code == 302, resp.text
    query = parse_qs(urlsplit(resp.headers["Location"]).query)
    assert query["state"] == ["xyz"]
    return query["code"][0]


def _exchange(fake: GmailFake, code: str, **overrides) -> requests.Response:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
            "client_id": fake.client_id, "client_secret": fake.client_secret,
            "code_verifier": "v" * 50, **overrides}
    return requests.post(fake.token_uri, data={k: v for k, v in form.items() if v is not None},
                         timeout=5)


@pytest.mark.parametrize(("overrides", "status", "error"), [
    ({"client_id": "someone-else"}, 401, "invalid_client"),
    ({"redirect_uri": "https://evil.example/cb"}, 400, "redirect_uri_mismatch"),
    ({"response_type": "token"}, 400, "unsupported_response_type"),
    ({"scope": f"{READONLY} {MODIFY}"}, 400, "invalid_scope"),
    ({"code_challenge": "short"}, 400, "invalid_request"),
])
def test_consent_rejects_bad_requests(fake: GmailFake, overrides, status, error) -> None:
    resp = _consent(fake, **overrides)
    assert resp.status_code == status and f"Error {status}: {error}" in resp.text


def test_consent_scopes_can_be_widened(fake: GmailFake) -> None:
    fake.consent_scopes = [*SCOPES, MODIFY]
    assert _consent(fake, scope=f"{READONLY} {MODIFY}").status_code == 302


def test_consent_denied_redirects_with_error(fake: GmailFake) -> None:
    fake.deny_consent = True
    query = parse_qs(urlsplit(_consent(fake).headers["Location"]).query)
    assert query == {"error": ["access_denied"], "state": ["xyz"]}


@pytest.mark.parametrize(("overrides", "status", "error"), [
    ({"client_secret": "wrong"}, 401, "invalid_client"),
    ({"redirect_uri": "http://localhost:9999/"}, 400, "redirect_uri_mismatch"),
    ({"code_verifier": None}, 400, "invalid_grant"),
    ({"code_verifier": "w" * 50}, 400, "invalid_grant"),
    ({"grant_type": "password"}, 400, "unsupported_grant_type"),
])
def test_token_exchange_checks_everything(fake: GmailFake, overrides, status, error) -> None:
    resp = _exchange(fake, _code(_consent(fake)), **overrides)
    assert resp.status_code == status and resp.json()["error"] == error


def test_code_is_single_use_and_offline_gives_refresh_token(fake: GmailFake) -> None:
    code = _code(_consent(fake))
    first = _exchange(fake, code)
    assert first.status_code == 200
    body = first.json()
    assert body["token_type"] == "Bearer" and body["scope"] == " ".join(SCOPES)
    assert body["refresh_token"] and body["expires_in"] == fake.token_lifetime
    assert _exchange(fake, code).json()["error"] == "invalid_grant"
    online = _exchange(fake, _code(_consent(fake, access_type=None))).json()
    assert "refresh_token" not in online


def test_expired_access_token_is_refreshed_by_the_client(fake: GmailFake) -> None:
    fake.token_lifetime = 60
    creds = fake.credentials(SCOPES)
    users = build("gmail", "v1", credentials=creds, static_discovery=True,
                  client_options={"api_endpoint": fake.url}).users()
    first = creds.token
    fake.expire_access_tokens()
    assert users.getProfile(userId="me").execute()["emailAddress"]  # 401, refresh, retry
    assert creds.token != first
    assert [m for m, _ in fake.requests] == ["gmail.users.getProfile"] * 2


def test_refresh_and_revocation(fake: GmailFake) -> None:
    access, refresh = fake.issue_token(SCOPES)
    creds = Credentials(access, refresh_token=refresh, token_uri=fake.token_uri,
                        client_id=fake.client_id, client_secret=fake.client_secret)
    creds.refresh(Request())
    assert creds.token != access and creds.expiry is not None
    users = build("gmail", "v1", credentials=creds, static_discovery=True,
                  client_options={"api_endpoint": fake.url}).users()
    users.getProfile(userId="me").execute()
    fake.revoke(refresh)
    with pytest.raises(RefreshError) as info:
        creds.refresh(Request())
    assert "invalid_grant" in str(info.value)
    assert "Token has been expired or revoked." in str(info.value)
    stale = requests.get(f"{fake.url}/gmail/v1/users/me/profile",
                         headers={"Authorization": f"Bearer {creds.token}"}, timeout=5)
    assert stale.status_code == 401
    with pytest.raises(RefreshError):  # the client's 401 -> refresh -> invalid_grant
        users.getProfile(userId="me").execute()


def test_revoke_all_and_revoke_endpoint(fake: GmailFake) -> None:
    access, refresh = fake.issue_token(SCOPES)
    other_access, _ = fake.issue_token(SCOPES)
    assert requests.post(f"{fake.url}/revoke", data={"token": access}, timeout=5).ok
    refreshed = requests.post(fake.token_uri, data={
        "grant_type": "refresh_token", "refresh_token": refresh, "client_id": fake.client_id,
        "client_secret": fake.client_secret}, timeout=5)
    assert refreshed.status_code == 400 and refreshed.json() == {
        "error": "invalid_grant", "error_description": "Token has been expired or revoked."}
    fake.revoke()
    stale = requests.get(f"{fake.url}/gmail/v1/users/me/profile",
                         headers={"Authorization": f"Bearer {other_access}"}, timeout=5)
    assert stale.status_code == 401


def test_client_secret_file_is_an_installed_app(fake: GmailFake, tmp_path: Path) -> None:
    import json

    config = json.loads(fake.client_secret_file(tmp_path / "c.json").read_text())["installed"]
    assert config["token_uri"] == fake.token_uri and config["auth_uri"] == fake.auth_uri
    assert config["redirect_uris"] == ["http://localhost"]
    with pytest.raises(HttpError):  # an unrelated scope gets no API access
        build("gmail", "v1", credentials=fake.credentials(["openid"]), static_discovery=True,
              client_options={"api_endpoint": fake.url}).users().getProfile(userId="me").execute()
