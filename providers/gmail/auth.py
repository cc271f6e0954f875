"""OAuth for a Gmail account: the installed-app flow, and the stored token.

``authorize`` runs Google's installed-app flow (``InstalledAppFlow`` with a
loopback redirect, ``run_local_server``) for the user's *own* OAuth client —
the ``client_secret_file`` of the account; outbox ships none — asking only for
the scopes the account needs (``GmailAccount.scopes``: gmail.readonly and
gmail.compose). The authorization URL is always handed to ``say`` (printed by
the CLI), so the flow works over SSH; a browser is opened as well when asked
and one exists.

``credentials`` loads the stored token, checks its scopes, refreshes it when it
has expired and saves the refreshed token back. A token Google no longer
accepts is an ``AuthError`` whose hint says to run ``outbox auth ACCOUNT``.
"""

from __future__ import annotations

import json
import logging
import os
import webbrowser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from outbox.provider import AuthError, TransientError

from . import errors
from .tokens import TokenStore

log = logging.getLogger(__name__)

AUTH_TIMEOUT = 300  # seconds to wait for the browser to come back
_SUCCESS = ("outbox is authorized. You can close this window and return to the terminal.")


def client_config(account: Any) -> dict[str, Any]:
    """The installed-app client of ``client_secret_file`` (with the testing overrides)."""
    path = account.client_secret_file
    fix = ("create an OAuth client ID of type Desktop app in the Google Cloud console "
           "(APIs & Services -> Credentials), download its JSON, and point "
           "client_secret_file at it")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AuthError(f"account {account.name!r}: client_secret_file {path}: no such file",
                        hint=fix) from None
    except OSError as exc:
        raise AuthError(f"account {account.name!r}: cannot read client_secret_file {path}: "
                        f"{exc.strerror}") from None
    except (ValueError, UnicodeDecodeError):
        raise AuthError(f"account {account.name!r}: client_secret_file {path} is not JSON",
                        hint=fix) from None
    client = data.get("installed") if isinstance(data, dict) else None
    if not isinstance(client, dict) or not client.get("client_id"):
        kind = "a web application client" if isinstance(data, dict) and "web" in data else (
            "not an OAuth client file")
        raise AuthError(f"account {account.name!r}: client_secret_file {path} is {kind}; "
                        "outbox needs a Desktop app client", hint=fix)
    client = dict(client)
    if account.auth_uri:
        client["auth_uri"] = account.auth_uri
    if account.token_uri:
        client["token_uri"] = account.token_uri
    return {"installed": client}


# -- the stored token --------------------------------------------------------------------


def credentials(account: Any, store: TokenStore) -> Any:
    """The account's usable credentials: loaded, checked, refreshed (and saved) if needed."""
    from google.oauth2.credentials import Credentials

    text = store.load()
    if not text:
        raise AuthError(f"Gmail account {account.name!r} is not authorized yet",
                        hint=f"run `outbox auth {account.name}`")
    try:
        creds = Credentials.from_authorized_user_info(json.loads(text))
        if account.token_uri:  # the library pins Google's token endpoint otherwise
            expiry = creds.expiry
            creds = creds.with_token_uri(account.token_uri)
            creds.expiry = expiry  # the copy forgets it
    except (ValueError, KeyError, TypeError):
        raise AuthError(f"account {account.name!r}: the token in {store.where} is unreadable",
                        hint=errors.reauth_hint(account.name)) from None
    missing = sorted(set(account.scopes) - set(creds.scopes or ()))
    if missing:
        raise AuthError(f"account {account.name!r}: the stored token lacks the scope(s) "
                        f"{', '.join(missing)}", hint=errors.reauth_hint(account.name))
    if not creds.valid:
        refresh(account, creds, store)
    return creds


def refresh(account: Any, creds: Any, store: TokenStore) -> None:
    from google.auth.transport.requests import Request

    try:
        creds.refresh(Request())
    except Exception as exc:
        raise errors.classify(exc, "refreshing the Gmail token", account.name) from exc
    save(creds, store)
    log.debug("gmail %s: token refreshed", account.name)


def save(creds: Any, store: TokenStore) -> None:
    store.save(creds.to_json())


# -- the browser flow ----------------------------------------------------------------------


def _has_browser() -> bool:
    try:
        webbrowser.get()
    except webbrowser.Error:
        log.info("no browser found here; open the printed URL on any machine")
        return False
    return True



@contextmanager
def _loopback_http_allowed(account: Any) -> Iterator[None]:
    """oauthlib refuses plain-http OAuth endpoints. The config accepts http only for
    the testing overrides on loopback (a local fake), so allow it for exactly that."""
    overrides = (getattr(account, "auth_uri", None), getattr(account, "token_uri", None))
    if not any(str(u or "").startswith("http://") for u in overrides):
        yield
        return
    previous = os.environ.get("OAUTHLIB_INSECURE_TRANSPORT")
    os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("OAUTHLIB_INSECURE_TRANSPORT", None)
        else:
            os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = previous


def authorize(account: Any, store: TokenStore, *, say: Callable[[str], None],
              open_browser: bool = True, port: int = 0, timeout: int = AUTH_TIMEOUT) -> Any:
    """Run the installed-app flow; store and return the new credentials.

    ``say(url)`` receives the authorization URL. ``port`` 0 picks a free loopback
    port (give a fixed one to forward it over SSH: ``ssh -L PORT:localhost:PORT``).
    """
    from google_auth_oauthlib.flow import InstalledAppFlow, WSGITimeoutError

    config = client_config(account)
    store.load()  # no usable keyring: say so now, not after the browser dance

    class Flow(InstalledAppFlow):
        # run_local_server would print the URL itself; hand it to ``say`` instead,
        # before any browser is tried, so the user always has it.
        def authorization_url(self, **kwargs: Any) -> tuple[str, str]:
            url, state = super().authorization_url(**kwargs)
            say(url)
            return url, state

    flow = Flow.from_client_config(config, scopes=list(account.scopes))
    try:
        with _loopback_http_allowed(account):
            creds = flow.run_local_server(
                host="localhost", port=port, open_browser=open_browser and _has_browser(),
                authorization_prompt_message="", success_message=_SUCCESS,
                timeout_seconds=timeout, access_type="offline", prompt="consent",
            )
    except WSGITimeoutError:
        raise AuthError(f"account {account.name!r}: no answer from the browser within "
                        f"{timeout // 60} minutes", hint=f"run `outbox auth {account.name}` "
                        "again and open the URL it prints") from None
    except OSError as exc:
        raise TransientError(f"account {account.name!r}: the authorization failed: "
                             f"{exc}") from exc
    except Exception as exc:  # oauthlib / requests_oauthlib: the words say what went wrong
        raise AuthError(f"account {account.name!r}: Google did not authorize outbox: "
                        f"{type(exc).__name__}: {exc}",
                        hint=f"run `outbox auth {account.name}` again") from exc
    missing = sorted(set(account.scopes) - set(creds.scopes or ()))
    if missing:
        raise AuthError(f"account {account.name!r}: not every permission was granted "
                        f"(missing: {', '.join(missing)})",
                        hint=f"run `outbox auth {account.name}` again and allow them all")
    save(creds, store)
    return creds
