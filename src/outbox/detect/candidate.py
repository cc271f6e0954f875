"""Header-only questions: is a message worth fetching bodies for
(``is_candidate``), and was it written by a machine (``is_automated``)?

``is_candidate`` is generous on purpose: a missed candidate is a missed
interview, while a needless fetch costs one small download. Bulk senders are
still candidates when their subject matches; the full classification sorts
them out.
"""

from __future__ import annotations

import re

from outbox.detect.people import is_ats
from outbox.model import Message

_SUBJECT_RX = re.compile(
    r"interview|invit|\bcall\b|\bmeet|\bchat\b|schedul|confirm|cancel|reschedul|postpone"
    r"|next steps?|application|candida|\bscreen|on-?site|availability|\bslot|\btime\b"
    r"|your (?:role|position)|opportunit|\boffer\b|update on|regarding your|hiring|recruit"
    r"|accepted:|declined:|updated|moved"
    # German
    r"|gespräch|einladung|termin|bewerbung|absage|abgesagt|verschoben|bestätig"
    # French
    r"|entretien|entrevue|rendez-vous|annul|report|rencontre|recrutement"
    # Spanish
    r"|entrevista|invitación|\bcita\b|confirmaci|cancelad|reprogramad|reuni|llamada"
    r"|postulaci|proceso de selecci|vacante",
    re.IGNORECASE,
)


_AUTO_SUBJECT_RX = re.compile(
    r"^\s*(?:automatic reply|auto(?:matic)?[- ]?reply|out of (?:the )?office|ooo\b|abwesenheit"
    r"|automatische antwort|réponse automatique|absence|respuesta automática"
    r"|fuera de la oficina|undeliverable|delivery status notification|mail delivery failed)",
    re.IGNORECASE,
)


def auto_reply_reason(message: Message) -> str | None:
    """Why this is an auto-reply or bounce (RFC 3834 headers, or the subject
    Outlook and Gmail give out-of-office notices), or None. "auto-generated" is
    not a reply: calendars and applicant-tracking systems mark their invitations
    with it, so it says nothing against an interview (``is_automated`` counts it)."""
    auto = (message.auto_submitted or "").strip().lower()
    if auto and auto not in ("no", "auto-generated"):
        return f"Auto-Submitted: {auto}"
    if message.x_autoreply:
        return f"X-Autoreply: {message.x_autoreply}"
    if (message.precedence or "").strip().lower() == "auto_reply":
        return "Precedence: auto_reply"
    m = _AUTO_SUBJECT_RX.search(message.subject or "")
    return f"subject {m.group(0).strip()!r}" if m else None


def is_automated(message: Message) -> bool:
    """Written by a machine: an auto-reply or out-of-office notice, a bounce, or
    list/bulk mail. Such a message never counts as the employer replying."""
    precedence = (message.precedence or "").strip().lower()
    auto = (message.auto_submitted or "").strip().lower()
    return (
        auto_reply_reason(message) is not None
        or (bool(auto) and auto != "no")
        or bool(message.list_id)
        or precedence in ("bulk", "list", "junk")
    )


def is_candidate(message: Message) -> bool:
    """Headers only: a calendar part, an ATS sender, or a subject that mentions
    interviews, invitations, calls, scheduling, applications (EN/DE/FR/ES)."""
    if message.has_calendar:
        return True
    if message.from_ is not None and is_ats(message.from_.domain):
        return True
    return bool(_SUBJECT_RX.search(message.subject or ""))
