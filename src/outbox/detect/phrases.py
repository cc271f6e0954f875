"""The phrases detection looks for, one pattern per signal (EN/DE/FR/ES).

Kept apart from the scoring so that a missed wording is a one-line fix here.
Speed matters (every candidate message passes every phrase), so a phrase is
searched in the lower-cased text by a case-sensitive regex whose alternatives
all start with a literal (the regex engine then skips most positions in C),
the leading word boundary is checked in Python, and literal ``keys`` let a
text that holds none of them skip the regex altogether.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=32)
def _lower(text: str) -> str:
    """Lower-cased, line breaks as spaces (a phrase wrapped across lines is one
    phrase); the same length as ``text``, so offsets hold."""
    return text.lower().replace("\n", " ")



class Hit:
    """Where a phrase matched, in the text as written (quacks like ``re.Match``)."""

    __slots__ = ("_end", "_start", "string")

    def __init__(self, string: str, start: int, end: int) -> None:
        self.string, self._start, self._end = string, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _: int = 0) -> str:
        return self.string[self._start:self._end]


class Phrase:
    """Alternatives of one signal, and the literal keys one of which each match holds."""

    __slots__ = ("fast", "keys", "slow")

    def __init__(self, alternatives: tuple[str, ...], keys: tuple[str, ...]) -> None:
        self.slow = re.compile("(?:" + "|".join(alternatives) + ")", re.IGNORECASE)
        unbounded = (a[2:] if a.startswith(r"\b") else a for a in alternatives)
        self.fast = re.compile("(?:" + "|".join(unbounded) + ")")
        self.keys = keys

    def search(self, text: str) -> Hit | None:
        low = _lower(text)
        if self.keys and not any(k in low for k in self.keys):  # C-speed substring tests
            return None
        if len(low) != len(text):  # rare case-folding that changes length: offsets would lie
            m = self.slow.search(text.replace("\n", " "))
            return Hit(text, m.start(), m.end()) if m else None
        pos = 0
        while (m := self.fast.search(low, pos)) is not None:
            start = m.start()
            if start and low[start].isalnum() and (low[start - 1].isalnum()
                                                   or low[start - 1] == "_"):
                pos = start + 1  # inside a word: the dropped \b would not have matched
                continue
            return Hit(text, start, m.end())
        return None


def _rx(*alternatives: str, keys: str = "") -> Phrase:
    """``keys``: "|"-separated lower-case substrings, one of which every match holds."""
    return Phrase(alternatives, tuple(k for k in keys.split("|") if k))


INTERVIEW = _rx(
    r"\binterview(?:s|ed|ing)?\b", r"\bphone screen", r"\bscreening call",
    r"\btech(?:nical)? screen",
    r"\bon-?site\b", r"\bhiring manager", r"\bvorstellungsgespr", r"\bbewerbungsgespr",
    r"\bkennenlerngespr", r"\b(?:telefon|video)interview", r"\bentretien", r"\bentrevue",
    r"\bentrevista",
    keys="interview|screen|site|hiring manager|gespr|entretien|entrevue|entrevista",
)
JOB = _rx(
    r"\broles?\b", r"\bpositions?\b", r"\bapplication\b", r"\bapplied\b", r"\bcandidacy\b",
    r"\bhiring\b", r"\brecruit(?:er|ing|ment)\b", r"\btalent acquisition", r"\bopportunity\b",
    r"\bjob\b", r"\bbewerbung", r"\bstelle\b", r"\bcandidature", r"\bposte\b", r"\brecrutement",
    r"\bcandidatura", r"\bpuesto\b", r"\bvacante", r"\bproceso de selecci",
)
MEETING = _rx(
    r"\bcall\b", r"\bchat\b", r"\bspeak\b", r"\btalk\b", r"\bsee you\b", r"\bring you\b",
    r"\bmeet\b", r"\bmeeting\b", r"\bconversation\b", r"\bzoom\b", r"\bteams\b",
    r"\bgoogle meet\b", r"\bgespräch\b", r"\btermin\b", r"\brendez-vous\b", r"\bvisioconf",
    r"\bréunion\b", r"\bllamada\b", r"\breunión\b", r"\bvideollamada\b",
)
CONFIRM = _rx(
    r"\bconfirm(?:ed|ing|ation)\b", r"\b(?:is|are|has been|have been|been|was|now) scheduled\b",
    r"\bscheduled (?:for|on)\b", r"\bwe(?:'ve| have) scheduled\b",
    r"\blook(?:ing)? forward to (?:speaking|meeting|talking|chatting|seeing|our)",
    r"\bsee you (?:on|then|there|tomorrow|tmrw|next|at|monday|tuesday|wednesday|thursday"
    r"|friday)\b",
    r"\bis booked\b", r"\binvitation:",
    r"\b(?:works|suits) (?:fine|great|perfectly|well|for (?:me|us|both))\b",
    r"\b(?:am|pm|\d) it is\b", r"\b(?:we'll|we will|i'll|i will) (?:speak|talk|call you|ring you)",
    r"\b(?:speak|talk) (?:to you |with you )?(?:then|tomorrow|tmrw|on)\b",
    r"\byou(?:'re| are) invited to (?:an? )?interview", r"\binvite you to your\b",
    r"\byour itinerary\b",
    r"\bbestätig", r"\bfreuen uns auf", r"\bladen (?:wir )?sie\b.{0,40}\bein\b",
    r"\bconfirm(?:ons|é|ée|er)\b", r"\bconfirmamos\b", r"\bconfirmad[ao]\b", r"\bconfirmación\b",
    r"\bagendad[ao]\b", r"\bprogramad[ao]\b",
    r"\bnous avons le plaisir de vous (?:inviter|convier)",
    keys=(
        "confirm|schedul|forward to|see you|booked|invitation|invite|itinerary|bestätig|freuen|"
        "works|suits|it is|speak|talk|call you|ring you|"
        "ein|agendad|programad|plaisir"
    ),
)
SLOT_OFFER = _rx(
    r"\b(?:pick|choose|select) (?:one of|a time|a slot|from|your preferred|whichever|the time)",
    r"\bwhich (?:of these|one of these|time|slot|option)s? (?:works?|suits?|is best)",
    r"\blet (?:me|us) know (?:which|what time|your availability|a time|if any of|when you)",
    r"\b(?:share|send|provide) (?:me |us )?your availability", r"\bwhat times? (?:works?|suits?)",
    r"\bbook a (?:time|slot)", r"\bschedule a time",
    r"\bself-?schedul", r"\binvited you to schedule", r"\bfollowing (?:times|slots|options|dates)",
    r"\b(?:available|open) (?:times|slots)", r"\btime slots?\b", r"\bterminvorschl",
    r"\bwelcher termin", r"\bpasst ihnen\b", r"\bvos disponibilités", r"\bcréneaux",
    r"\btu disponibilidad", r"\bhorarios disponibles", r"\bqué horario",
    keys=(
        "pick|choose|select|which|know|availability|what time|book a|schedule a time|"
        "schedul|following|available|open|slot|terminvorschl|welcher termin|passt ihnen|"
        "disponibilit|créneaux|horario"
    ),
)
# Links to a booking page: the candidate has yet to choose.
SLOT_LINK = _rx(
    r"\bcalendly\.com/(?!cancellations|reschedulings|app/|events/)[\w.-]+/[\w.-]+",
    r"\bgoodtime\.io/(?:book|schedule)", r"\bcal\.com/[\w.-]+/[\w.-]+",
    r"\bmeetings\.hubspot\.com/", r"\boutlook\.office(?:365)?\.com/bookwithme",
    r"\bcalendar\.app\.google/", r"\bcalendar\.google\.com/calendar/appointments",
    keys="calendly|goodtime|cal.com|hubspot|bookwithme|google",
)
APP_ACK = _rx(
    r"\breceived your application", r"\bapplication (?:has been|was|is) received",
    r"\b(?:will|we'll) (?:be )?review(?:ing)? your (?:application|profile|resume)",
    r"\breviewing your (?:application|profile|resume)", r"\bapplication is (?:under|being) review",
    r"\beingang ihrer bewerbung",
    r"\bihre bewerbung (?:ist )?(?:bei uns )?eingegangen", r"\bbien reçu votre candidature",
    r"\bhemos recibido tu (?:candidatura|solicitud)",
    keys="application|bewerbung|candidature|candidatura|solicitud|review",
)
JOB_ALERT = _rx(
    r"\bjob alerts?\b", r"\bnew jobs\b", r"\bjobs for you\b", r"\brecommended jobs",
    r"\bjobs you may (?:be interested in|like)", r"\bsimilar jobs\b", r"\beasy apply\b",
    r"\bjobempfehlung", r"\boffres d'emploi", r"\bofertas de empleo", r"\bjob matches\b",
    keys="job|jobempfehlung|offres|ofertas",
)
BULK_TEXT = _rx(
    r"\bunsubscribe\b", r"\bview (?:this email )?in (?:your )?browser",
    r"\bmanage (?:your )?(?:email )?(?:preferences|subscriptions)", r"\babmelden\b",
    r"\bdésinscri", r"\bse désabonner", r"\bdarse de baja", r"\bnewsletter\b",
    keys=(
        "unsubscribe|browser|preferences|subscriptions|abmelden|désinscri|désabonner|"
        "baja|newsletter"
    ),
)
EVENT = _rx(
    r"\bwebinar\b", r"\bregister (?:now|here)\b", r"\bmeetup\b",
    r"\bcareer fair\b", r"\bjob fair\b",
    keys="webinar|register|meetup|fair",
)
# "5 interview tips" heads a newsletter; "a couple of tips:" in a reminder is advice.
TIPS_SUBJECT = _rx(r"\btips\b", r"\btipps\b", r"\bconseils\b", r"\bconsejos\b",
                   keys="tips|tipps|conseils|consejos")
NOT_JOB = _rx(
    r"\bpodcast\b", r"\bepisode\b", r"\bon the show\b", r"\bpress interview", r"\bjournalist",
    r"\breporter\b", r"\bmedia interview", r"\bfor (?:our|an|the) (?:article|story|magazine)",
    r"\buser research", r"\bresearch (?:study|interview|session)", r"\busability",
    r"\bcustomer interview", r"\bgift card", r"\bfocus group", r"\bexit interview",
    keys=(
        "podcast|episode|show|press|journalist|reporter|media|article|story|magazine|"
        "research|usability|customer interview|gift card|focus group|exit interview"
    ),
)
I_INTERVIEW = _rx(
    r"\badded (?:you )?as (?:an? )?interviewer", r"\byou(?:'re| are) (?:an? )?interviewer",
    r"\byou(?:'re| are) interviewing\b", r"\bscorecard", r"\binterview kit\b",
    r"\bsubmit (?:your )?(?:feedback|evaluation)", r"\binterview: candidate\b",
    r"\(interviewer\)",
    keys=(
        "as an interviewer|as interviewer|you're interviewer|are interviewer|"
        "you're an interviewer|are an interviewer|interviewing|scorecard|interview kit|"
        "submit|candidate|(interviewer)"
    ),
)
RESCHEDULE = _rx(
    r"\b(?:has been|have|was|is|been|we've|we have) (?:now )?rescheduled",
    r"\brescheduled (?:to|for)\b",
    r"\bnew (?:date and )?time\b(?<!need a new time)(?<!want a new time)",
    r"\b(?:has been|was|been|is) moved to\b", r"\bmoved (?:it|the interview|your interview) to\b",
    r"\b(?:been|was) changed to\b", r"\bupdated time\b", r"\bchange of (?:time|date)\b",
    r"\bverschoben\b", r"\bneuer termin\b", r"\breporté", r"\bdécalé", r"\bnouvel horaire",
    r"\breprogramad[ao]", r"\bnueva (?:hora|fecha)\b",
    keys=(
        "reschedul|new time|new date|moved to|moved it|moved the|moved your|changed to|"
        "updated time|change of|verschoben|neuer termin|reporté|décalé|nouvel horaire|"
        "reprogramad|nueva hora|nueva fecha"
    ),
)
RESCHEDULE_SUBJECT = _rx(
    r"^\s*(?:updated invitation|updated event|invitation updated|rescheduled|new time proposed"
    r"|aktualisierte einladung|invitation mise à jour|invitación actualizada)\b",
    r"\breschedul(?:ed|ing|e)\b", r"\bnew time\b", r"\bverschoben\b", r"\bchange of",
    r"\brevised (?:interview )?(?:time|date)", r"\bmoved\b",
)
CANCEL = _rx(
    r"\b(?:has been|have been|is|was|been) (?:now )?cancel+ed\b",
    r"\b(?:need|have|had) to cancel\b(?<!you need to cancel)(?<!you have to cancel)",
    r"\bwe(?:'re| are) cancel+ing\b",
    r"\bcancel+ing (?:your|the|our) (?:interview|call|meeting)", r"\babgesagt\b",
    r"\babsagen müssen\b", r"\b(?:a été|est) annulée?\b", r"\bannuler (?:votre|notre|l')",
    r"\bha sido cancelad[ao]\b", r"\b(?:tenido|tenemos) que cancelar\b",
    keys="cancel|abgesagt|absagen|annul",
)
CANCEL_SUBJECT = _rx(
    r"^\s*(?:canceled|cancelled|cancel+ed event|event cancel+ed|abgesagt|annulé|cancelad[ao]"
    r"|cancelación)\b",
)
REJECT = _rx(
    r"\bdecided not to (?:move|proceed|go|continue|progress)",
    r"\b(?:not|won't) (?:be )?mov(?:e|ing) forward\b",
    r"\bmov(?:e|ing) forward with (?:other|another|a different) candidate",
    r"\b(?:pursue|pursuing|proceed with|proceeding with) (?:other|another) candidate",
    r"\bnot (?:be )?(?:proceed|progress)(?:ing)? (?:with|further)",
    r"\bunfortunately\b[^.]{0,120}\b(?:not|no longer)\b[^.]{0,60}\b(?:proceed|progress|move forward"
    r"|continue|selected|successful)",
    r"\bwill not be (?:moving|progressing|proceeding)",
    r"\b(?:have|has|were|was) not been selected",
    r"\bwere not selected\b", r"\bposition has (?:now )?been filled", r"\bregret to inform",
    r"\b(?:not|won't) (?:be )?mov(?:e|ing) ahead with", r"\bto (?:another|a different) candidate",
    r"\b(?:not|won't) (?:be )?extend(?:ing)? (?:you )?an offer",
    r"\b(?:we're|we are|we'll|we will|going to|decided to) pass\b",
    r"\b(?:it's|it is|isn't|is not) (?:not )?(?:a|the right) (?:match|fit)\b(?<!is a match)"
    r"(?<!is a fit)(?<!is the right fit)(?<!is the right match)",
    r"\bdecided not to (?:fill|hire)",
    r"\bdecided to go (?:with|in) (?:another|a different)",
    r"\bleider\b[^.]{0,120}\b(?:absage|nicht berücksichtig|nicht weiter"
    r"|anderen? (?:kandidat|bewerber))",
    r"\bfür (?:einen )?anderen? (?:kandidat|bewerber)", r"\bnicht in die engere wahl",
    r"\bne (?:pas |pouvons pas )?donner (?:une )?suite", r"\bpas été retenue?",
    r"\bne sommes pas en mesure de (?:donner suite|retenir)",
    r"\b(?:lamentablemente|lamentamos)\b[^.]{0,120}\b(?:no|otr[oa]s?)\b",
    r"\bno (?:continuar|seguir adelante)\b", r"\bno ha sido seleccionad",
    keys=(
        "decided not to|move forward|moving forward|other candidate|another candidate|"
        "proceed|progress|unfortunately|will not be|not been selected|not selected|"
        "filled|regret|decided to go|leider|kandidat|bewerber|engere|donner suite|ahead with|"
        "candidate|an offer| pass|match|fit|decided not|"
        "donner une suite|retenu|"
        "lamenta|no continuar|no seguir|seleccionad"
    ),
)
DE_LANG = re.compile(r"\b(?:und|Sie|Ihre?n?|Uhr|bei|wir|Termin|freundlichen)\b", re.I)
FR_LANG = re.compile(r"\b(?:vous|votre|nous|entretien|heure|cordialement|bonjour)\b", re.I)
ES_LANG = re.compile(r"\b(?:usted|tu|hora|entrevista|saludos|gracias|hola)\b", re.I)


def first(rx: Phrase, *texts: str) -> Hit | None:
    for text in texts:
        if text:
            m = rx.search(text)
            if m:
                return m
    return None


def language(text: str) -> str:
    """A cheap guess at the body's language: decides how "3/10" reads."""
    sample = text[:1500]
    counts = {
        "de": len(DE_LANG.findall(sample)),
        "fr": len(FR_LANG.findall(sample)),
        "es": len(ES_LANG.findall(sample)),
    }
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 3 else "en"
