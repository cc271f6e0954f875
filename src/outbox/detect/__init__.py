"""Detection: what one message says about an interview.

Public API (the engine and the CLI use only these):

- ``DetectContext`` — who I am and the defaults detection needs.
- ``is_candidate(message) -> bool`` — from headers alone (subject, sender,
  ``has_calendar``), is this message worth fetching bodies for?
- ``classify(message, ctx) -> Detection`` — the kind, time, company, role,
  people to write to, confidence and the reasons (signals with weights).

Modules: ``calendar`` (ICS), ``when`` (dates and times in text), ``zones``,
``text`` (HTML and quotes), ``phrases`` and ``rules`` (signals, scores),
``people`` and ``entities`` (contacts, company, role), ``core`` (the pipeline).
"""

from outbox.detect.candidate import is_candidate
from outbox.detect.core import DetectContext, classify

__all__ = ["DetectContext", "classify", "is_candidate"]
