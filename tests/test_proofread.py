from __future__ import annotations

import pytest

from outbox.proofread import MAX_WORDS, check

CLEAN = """Hi Grace,

Thank you for taking the time to speak with me about the Data Engineer role at Acme.
I enjoyed hearing how the team moved its pipelines to streaming.

I look forward to hearing about the next steps.

Best regards,
Ada Lovelace
"""


def problems(body: str, name: str = "Grace Hopper", company: str | None = "Acme") -> list[str]:
    return check(body, recipient_name=name, company=company)


def test_a_clean_draft_has_no_problems():
    assert problems(CLEAN) == []
    assert problems(CLEAN.replace("\n", "\r\n")) == []


@pytest.mark.parametrize("placeholder", [
    "{{ company }}", "{{company}}", "{% if role %}", "{# note #}", "[NAME]", "[Company Name]",
    "[COMPANY NAME]", "[...]", "[…]", "[insert detail from the interview]",
    "[your topic here]", "<insert topic>", "<company>", "<<DETAIL>>", "{company}",
    "%(name)s", "${name}", "TODO", "TBD", "XXX", "FIXME",
])
def test_unfilled_placeholders(placeholder):
    body = CLEAN.replace("I enjoyed", f"I enjoyed {placeholder} and")
    found = problems(body)
    assert len(found) == 1, found
    assert "placeholder" in found[0]


@pytest.mark.parametrize("leftover", ["at None", "the None role", "with null", "about undefined"])
def test_rendered_none_is_a_placeholder(leftover):
    body = CLEAN.replace("at Acme", leftover)
    assert any("placeholder" in p for p in problems(body))


def test_ordinary_brackets_and_addresses_are_fine():
    body = CLEAN.replace("I enjoyed", "I enjoyed (really) the [optional] chat; write to "
                         "<ada@lovelace.example> or see [1]. I enjoyed")
    assert problems(body) == []


@pytest.mark.parametrize("greeting", ["Dear ,", "Hi ,", "Hello  ,", "Dear,", "Dear"])
def test_a_greeting_without_a_name(greeting):
    found = problems(CLEAN.replace("Hi Grace,", greeting))
    assert len(found) == 1 and "greeting has no name" in found[0]


@pytest.mark.parametrize("greeting", [
    "Hello,", "Hi,", "Hi Grace,", "Dear Grace,", "Dear Ms. Hopper,", "Dear Dr. Grace Hopper,",
    "Hi there,", "Hello Acme team,", "Good morning Grace,", "Hi GRACE,", "Hello all!",
])
def test_acceptable_greetings(greeting):
    assert problems(CLEAN.replace("Hi Grace,", greeting)) == []


@pytest.mark.parametrize(("greeting", "name"), [
    ("Hi Alan,", "Grace Hopper"),
    ("Dear Mr. Turing,", "Grace Hopper"),
    ("Hi Grace,", ""),
    ("Hi Grace and Alan,", "Grace Hopper"),
])
def test_a_greeting_naming_someone_else(greeting, name):
    found = problems(CLEAN.replace("Hi Grace,", greeting), name=name)
    assert len(found) == 1 and "greeting names" in found[0]


def test_greeting_names_compare_without_accents_or_case():
    body = CLEAN.replace("Hi Grace,", "Hi Jose,")
    assert problems(body, name="José Álvarez") == []
    assert problems(CLEAN, name="Hopper, Grace") == []


def test_a_greeting_sentence_is_not_a_name():
    assert problems(CLEAN.replace("Hi Grace,", "Hi. I hope you are well and rested.")) == []


@pytest.mark.parametrize("doubled", ["the the", "to to", "Acme Acme", "and\nand", "The the"])
def test_doubled_words(doubled):
    body = CLEAN.replace("I enjoyed hearing", f"I enjoyed {doubled} hearing")
    found = problems(body)
    assert len(found) == 1 and "doubled word" in found[0]


def test_legitimate_doubles_and_paragraph_breaks_are_fine():
    body = CLEAN.replace("I enjoyed hearing", "I had had a long week but enjoyed hearing")
    assert problems(body) == []
    assert problems("Hi Grace,\n\nThanks so much.\n\nThanks\n\nAda\n") == []


@pytest.mark.parametrize(("typo", "right"), [("oppurtunity", "opportunity"),
                                             ("Recieve", "receive"), ("sincerly", "sincerely")])
def test_common_misspellings(typo, right):
    found = problems(CLEAN.replace("I enjoyed", f"I {typo} enjoyed"))
    assert len(found) == 1 and right in found[0]


def test_company_in_the_wrong_case():
    found = problems(CLEAN.replace("role at Acme", "role at ACME"))
    assert len(found) == 1 and "'ACME'" in found[0]
    assert problems(CLEAN.replace("Acme", "ACME"), company="ACME") == []
    assert problems(CLEAN + "grace@acme.example https://acme.example/jobs acme.io\n") == []


def test_empty_body():
    assert problems("") == ["the draft is empty"]
    assert problems("  \n\n \r\n") == ["the draft is empty"]


def test_too_long():
    long_body = CLEAN + ("Some more words here. " * 200)
    found = problems(long_body)
    assert len(found) == 1 and "long" in found[0]
    assert check(long_body, recipient_name="Grace Hopper", company="Acme", max_words=2000) == []
    assert MAX_WORDS >= 300


def test_several_problems_are_all_reported():
    body = "Dear ,\n\nThank you for the the chat about [ROLE] at None.\n\nTODO\n"
    found = problems(body)
    assert len(found) == 5
