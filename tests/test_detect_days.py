"""Dates written in text: ``outbox.detect.days``."""

from __future__ import annotations

from datetime import date

import pytest

from outbox.detect.days import find_days

REF = date(2026, 3, 2)  # a Monday


def days(text: str, *, day_first: bool = False) -> list[date | None]:
    return [d.day for d in find_days(text, [(0, len(text))], REF, day_first)]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("quarta-feira, 17 de junho", date(2026, 6, 17)),
        ("1º de julho de 2026", date(2026, 7, 1)),
        ("giovedì 21 maggio", date(2026, 5, 21)),
        ("il 1° giugno", date(2026, 6, 1)),
        ("donderdag 12 maart", date(2026, 3, 12)),
        ("dinsdag 3 mrt.", date(2026, 3, 3)),
        ("2026/6/18 (Thu)", date(2026, 6, 18)),
        ("2026.06.18", date(2026, 6, 18)),
        ("26-May-2026", date(2026, 5, 26)),
        ("Thursday, March 12:", date(2026, 3, 12)),  # a heading's colon is no clock
        ("amanhã", date(2026, 3, 3)),
        ("dopodomani", date(2026, 3, 4)),
        ("vandaag", date(2026, 3, 2)),
        ("na próxima segunda-feira", date(2026, 3, 9)),
        ("prossimo lunedì", date(2026, 3, 9)),
        ("volgende maandag", date(2026, 3, 9)),
        ("sexta, 6 de março", date(2026, 3, 6)),
        ("tisdag den 10 mars", date(2026, 3, 10)),
        ("onsdag 25 augusti 2026", date(2026, 8, 25)),
        ("w środę 22 kwietnia", date(2026, 4, 22)),
        ("czwartek, 10 września 2026 r.", date(2026, 9, 10)),
    ],
)
def test_more_languages_and_forms(text: str, day: date) -> None:
    assert days(text) == [day]


@pytest.mark.parametrize(
    "text",
    ["a segunda entrevista", "a quinta etapa", "5 out of 10", "Guten Morgen", "Marco 5",
     "March 12:30"],
)
def test_no_date(text: str) -> None:
    assert days(text) == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Wednesday the eleventh at half past ten", date(2026, 3, 11)),
        ("see you Friday the twenty-seventh", date(2026, 3, 27)),
        ("Monday the thirtieth of March", date(2026, 3, 30)),
        ("on the fifth of May at 9", date(2026, 5, 5)),
        ("Thursday the twenty first", date(2026, 5, 21)),  # the next 21st that is a Thursday
    ],
)
def test_a_day_of_the_month_spelled_out(text: str, day: date) -> None:
    assert days(text) == [day]


def test_a_spelled_ordinal_alone_is_no_date() -> None:
    assert days("the second interview is with the team, the third with the CTO") == []
