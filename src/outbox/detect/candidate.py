"""``is_candidate``: from headers alone, is a message worth fetching bodies for?

Generous on purpose: a missed candidate is a missed interview, while a
needless fetch costs one small download. Bulk senders are still candidates
when their subject matches; the full classification sorts them out.
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


def is_candidate(message: Message) -> bool:
    """Headers only: a calendar part, an ATS sender, or a subject that mentions
    interviews, invitations, calls, scheduling, applications (EN/DE/FR/ES)."""
    if message.has_calendar:
        return True
    if message.from_ is not None and is_ats(message.from_.domain):
        return True
    return bool(_SUBJECT_RX.search(message.subject or ""))
