"""Google's error bodies, as the Gmail API answers them.

Every failure inside the fake is an :class:`ApiError`; the HTTP layer turns it
into ``{"error": {"code", "message", "errors": [{"message", "domain",
"reason"}], "status"}}`` plus the headers Google sends with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

_GRPC_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ABORTED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    503: "UNAVAILABLE",
}

_AUTH_HINT = (
    "Expected OAuth 2 access token, login cookie or other valid authentication "
    "credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."
)

# Default reason and message for an injected fault of a given status.
FAULTS = {
    429: ("rateLimitExceeded", "usageLimits", "User-rate limit exceeded."),
    403: ("userRateLimitExceeded", "usageLimits", "User Rate Limit Exceeded"),
    500: ("backendError", "global", "Backend Error"),
    503: ("backendError", "global", "The service is currently unavailable."),
}


@dataclass
class ApiError(Exception):
    """One Google API error; ``headers`` are extra response headers."""

    code: int
    message: str
    reason: str
    domain: str = "global"
    extra: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    field_violation: bool = False

    def body(self) -> dict:
        item = {"message": self.message, "domain": self.domain, "reason": self.reason, **self.extra}
        error: dict = {
            "code": self.code,
            "message": self.message,
            "errors": [item],
            "status": _GRPC_STATUS.get(self.code, "UNKNOWN"),
        }
        if self.field_violation:
            error["details"] = [
                {
                    "@type": "type.googleapis.com/google.rpc.BadRequest",
                    "fieldViolations": [{"description": self.message}],
                }
            ]
        return {"error": error}

    def to_bytes(self) -> bytes:
        return json.dumps(self.body(), indent=2).encode()


def bad_request(message: str, reason: str = "invalidArgument", **kw) -> ApiError:
    return ApiError(400, message, reason, **kw)


def unknown_parameter(name: str) -> ApiError:
    message = (
        f'Invalid JSON payload received. Unknown name "{name}": Cannot bind query parameter. '
        f"Field '{name}' could not be found in request message."
    )
    return ApiError(400, message, "badRequest", field_violation=True)


def unknown_body_field(name: str, where: str) -> ApiError:
    at = f" at '{where}'" if where else ""
    message = f'Invalid JSON payload received. Unknown name "{name}"{at}: Cannot find field.'
    return ApiError(400, message, "badRequest", field_violation=True)


def not_found(message: str = "Requested entity was not found.") -> ApiError:
    return ApiError(404, message, "notFound")


def unauthenticated(missing: bool) -> ApiError:
    if missing:
        message = f"Request is missing required authentication credential. {_AUTH_HINT}"
        reason, short = "required", "Login Required."
        www = 'Bearer realm="https://accounts.google.com/"'
    else:
        message = f"Request had invalid authentication credentials. {_AUTH_HINT}"
        reason, short = "authError", "Invalid Credentials"
        www = 'Bearer realm="https://accounts.google.com/", error="invalid_token"'
    err = ApiError(401, message, reason, extra={"location": "Authorization",
                                                "locationType": "header"})
    err.extra["message"] = short
    err.headers["WWW-Authenticate"] = www
    return err


def insufficient_scopes() -> ApiError:
    err = ApiError(403, "Request had insufficient authentication scopes.",
                   "insufficientPermissions")
    err.headers["WWW-Authenticate"] = (
        'Bearer realm="https://accounts.google.com/", error="insufficient_scope"'
    )
    return err


def fault(status: int, reason: str | None, retry_after: float | None) -> ApiError:
    default_reason, domain, message = FAULTS.get(status, ("backendError", "global", "Error"))
    reason = reason or default_reason
    if reason in ("userRateLimitExceeded", "rateLimitExceeded", "quotaExceeded"):
        domain = "usageLimits"
    err = ApiError(status, message, reason, domain=domain)
    if retry_after is not None:
        err.headers["Retry-After"] = str(int(retry_after) if float(retry_after).is_integer()
                                         else retry_after)
    return err


def not_emulated(method_id: str) -> ApiError:
    return ApiError(501, f"{method_id} is part of the Gmail API but not emulated by the fake.",
                    "notImplemented")


NOT_FOUND_HTML = (
    "<!DOCTYPE html>\n<html lang=en>\n<meta charset=utf-8>\n"
    "<title>Error 404 (Not Found)!!1</title>\n"
    "<p><b>404.</b> <ins>That\u2019s an error.</ins>\n"
    "<p>The requested URL <code>{path}</code> was not found on this server."
    "  <ins>That\u2019s all we know.</ins>\n"
)
