"""Detection: what one message says about an interview.

Public API (the engine and the CLI use only these):

- ``DetectContext`` — who I am and the defaults detection needs.
- ``is_candidate(message) -> bool`` — from headers alone (subject, sender,
  ``has_calendar``), is this message worth fetching bodies for?
- ``classify(message, ctx) -> Detection`` — the kind, time, company, role,
  people to write to, confidence and the reasons (signals with weights).
- ``is_automated(message) -> bool`` — headers only: an auto-reply, bounce or
  bulk/list mail, which never counts as the employer replying.
- ``is_noreply(address) -> bool`` — a robot's address (no-reply, notifications@...).
- ``company_domain(detection) -> str | None`` — the employer's mail domain
  (never an applicant-tracking system, job board or free-mail domain).

Modules: ``calendar`` (ICS), ``when`` (dates and times in text), ``zones``,
``text`` (HTML and quotes), ``phrases`` and ``rules`` (signals, scores),
``people`` and ``entities`` (contacts, company, role), ``candidate``
(header-only checks), ``core`` (the pipeline).
"""

from outbox.detect import entities
from outbox.detect.candidate import is_automated, is_candidate
from outbox.detect.core import DetectContext, classify
from outbox.detect.people import is_noreply
from outbox.model import Detection


def company_domain(detection: Detection) -> str | None:
    """The employer's mail domain, from the people to write to and the interviewers."""
    return entities.company_domain((*detection.contacts, *detection.interviewers))


__all__ = [
    "DetectContext", "classify", "company_domain", "is_automated", "is_candidate", "is_noreply",
]
