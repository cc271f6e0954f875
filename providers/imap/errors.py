"""imapclient / imaplib / socket failures -> outbox's ``ProviderError`` family.

imaplib raises ``IMAP4.abort`` when the connection is unusable (it must be
dropped), ``IMAP4.error`` when the server answered NO / BAD to one command, and
the socket layer raises ``OSError`` (timeouts included). Nothing else may
escape the provider, so ``classify`` has an answer for every exception.
"""

from __future__ import annotations

import imaplib
import logging
import ssl

from imapclient import exceptions as imap_exc

from outbox.provider import AuthError, PermanentError, ProviderError, TransientError

log = logging.getLogger(__name__)

# Response codes and texts servers use for "that folder does not exist".
_MISSING_FOLDER = ("[NONEXISTENT]", "[TRYCREATE]", "doesn't exist", "does not exist",
                   "unknown mailbox", "no such mailbox")

# NO responses to LOGIN that mean "not now" rather than "wrong password" (RFC 5530).
_TRY_LATER = ("[UNAVAILABLE]", "[INUSE]", "[LIMIT]", "[SERVERBUG]")
# What OpenSSL says when the other end does not speak TLS at all.
_NOT_TLS = {"WRONG_VERSION_NUMBER", "UNSUPPORTED_PROTOCOL", "HTTP_REQUEST",
            "PACKET_LENGTH_TOO_LONG", "RECORD_LAYER_FAILURE"}


def connection_lost(exc: BaseException) -> bool:
    """True when the connection cannot be used any more and must be reopened."""
    return isinstance(exc, imaplib.IMAP4.abort | OSError | EOFError)


def is_missing_folder(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, imaplib.IMAP4.error) and any(m.lower() in text for m in _MISSING_FOLDER)


def classify(exc: BaseException, action: str, account: str = "") -> ProviderError:
    """The ``ProviderError`` that stands for ``exc`` raised while doing ``action``."""
    where = f" (account {account!r})" if account else ""
    if isinstance(exc, ProviderError):
        return exc
    if isinstance(exc, imap_exc.LoginError):
        if any(code in _text(exc).upper() for code in _TRY_LATER):
            return TransientError(f"{action}{where}: the server cannot log in now: {_text(exc)}")
        return AuthError(f"{action}{where}: login refused: {_text(exc)}")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return PermanentError(
            f"{action}{where}: the server's TLS certificate cannot be verified: "
            f"{exc.verify_message or exc}",
            hint="if the server uses a self-signed or private CA certificate, point "
            "ca_file at it in the account's configuration",
        )
    if isinstance(exc, ssl.SSLError) and exc.reason in _NOT_TLS:
        return PermanentError(
            f"{action}{where}: the server did not answer in TLS ({exc.reason})",
            hint="check port and security: tls is usually port 993, starttls port 143",
        )
    if isinstance(exc, imaplib.IMAP4.abort | OSError | EOFError):
        kind = "timed out" if isinstance(exc, TimeoutError) else "failed"
        return TransientError(f"{action}{where}: connection to the IMAP server {kind}: "
                              f"{_text(exc) or type(exc).__name__}")
    if isinstance(exc, imap_exc.CapabilityError):
        return PermanentError(f"{action}{where}: the IMAP server lacks a needed feature: "
                              f"{_text(exc)}",
                              hint="without STARTTLS, use security: tls (port 993)"
                              if "STARTTLS" in _text(exc).upper() else "")
    if is_missing_folder(exc):
        return PermanentError(
            f"{action}{where}: folder missing: {_text(exc)}",
            hint="check the folders: section of the account, or create the folder",
        )
    if isinstance(exc, imaplib.IMAP4.error):
        return TransientError(f"{action}{where}: the IMAP server refused: {_text(exc)}")
    log.error("unexpected error during %s%s", action, where, exc_info=exc)
    return TransientError(f"{action}{where}: unexpected {type(exc).__name__}: {exc}")


def _text(exc: BaseException) -> str:
    parts = []
    for arg in exc.args:
        parts.append(arg.decode("utf-8", "replace") if isinstance(arg, bytes) else str(arg))
    text = " ".join(parts)
    # imapclient wraps imaplib's bytes messages as "b'...'"; unwrap for the user.
    if text.startswith(("b'", 'b"')) and text.endswith(("'", '"')):
        text = text[2:-1]
    return text
