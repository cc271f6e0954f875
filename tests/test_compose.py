from __future__ import annotations

import email
import email.policy
import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from outbox import compose
from outbox.compose import body_hash, check_templates, draft_key, render
from outbox.headers import InvalidAddress, draft_message_id
from outbox.model import Address, Interview, InterviewStatus
from outbox.provider import OutboxError
from outbox.settings import Config
from outbox.templating import TemplateError

NOW = datetime(2025, 3, 11, 17, 0, tzinfo=UTC)
BUILTINS = ("thank_you", "follow_up", "status_check")
GRACE = Address("grace@acme.example", "Grace Hopper")


def make_config(**extra: Any) -> Config:
    data: dict[str, Any] = {
        "timezone": "Europe/London",
        "me": {"name": "Ada Lovelace", "addresses": ["ada@lovelace.example"]},
        "accounts": [{"name": "home", "provider": "maildir", "path": "/tmp/outbox-test"}],
    }
    data.update(extra)
    return Config.model_validate(data)


def make_interview(**changes: Any) -> Interview:
    fields: dict[str, Any] = dict(
        id="iv42", account="home", thread_id="t1", status=InterviewStatus.SCHEDULED,
        start=datetime(2025, 3, 11, 14, 0, tzinfo=UTC),
        end=datetime(2025, 3, 11, 15, 0, tzinfo=UTC),
        tz="Europe/London", company="Acme", role="Data Engineer",
        subject="Interview: Data Engineer", reply_message_id="<m3@acme.example>",
        references=("<m1@acme.example>", "<m2@acme.example>"), thread_hint=None,
        contacts=(GRACE,), interviewers=(GRACE,), confidence=0.9,
    )
    fields.update(changes)
    return Interview(**fields)


def draft_for(milestone: str = "thank_you", *, config: Config | None = None,
              recipient: Address = GRACE, **changes: Any) -> compose.Draft:
    return render(interview=make_interview(**changes), milestone=milestone, recipient=recipient,
                  config=config or make_config(), now=NOW)


def parsed(draft: compose.Draft) -> email.message.EmailMessage:
    return email.message_from_bytes(draft.message.as_bytes(), policy=email.policy.default)


def header_names(raw: bytes) -> list[str]:
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    names = []
    for line in head.split("\r\n"):
        if line[:1] in (" ", "\t"):
            continue
        names.append(line.split(":", 1)[0].lower())
    return names


EXPECTED_HEADERS = {
    "from", "to", "subject", "date", "message-id", "in-reply-to", "references",
    "x-outbox-key", "content-type", "content-transfer-encoding", "mime-version",
}


# --- keys, ids and hashes ---------------------------------------------------


def test_draft_key_is_deterministic_and_per_recipient():
    key = draft_key("iv42", "thank_you", "Grace@Acme.example")
    digest = hashlib.sha256(b"grace@acme.example").hexdigest()[:10]
    assert key == f"outbox.iv42.thank_you.{digest}"
    assert key == draft_key("iv42", "thank_you", "grace@acme.example")
    assert key != draft_key("iv42", "thank_you", "alan@acme.example")
    assert key != draft_key("iv42", "follow_up", "grace@acme.example")
    assert key != draft_key("iv43", "thank_you", "grace@acme.example")


def test_draft_message_id_uses_the_domain_of_the_sender():
    got = draft_message_id("outbox.a.b.c", "ada@Lovelace.example")
    assert got == "<outbox.a.b.c@lovelace.example>"
    with pytest.raises(ValueError):
        draft_message_id("outbox.a b.c", "ada@lovelace.example")
    with pytest.raises(ValueError):
        draft_message_id("outbox.a.b.c", "no-domain")


def test_draft_identity_is_the_same_for_the_same_inputs():
    one, two = draft_for(), draft_for()
    assert (one.key, one.message_id, one.body_hash) == (two.key, two.message_id, two.body_hash)
    assert one.message["Message-ID"] == one.message_id == f"<{one.key}@lovelace.example>"
    assert one.message["X-Outbox-Key"] == one.key
    alan = draft_for(recipient=Address("alan@acme.example", "Alan Turing"))
    assert alan.key != one.key and alan.message_id != one.message_id


def test_body_hash_ignores_line_endings_and_trailing_whitespace():
    text = "Hi Grace,\n\nThank you.\n\nAda\n"
    assert body_hash(text) == body_hash(text.replace("\n", "\r\n"))
    assert body_hash(text) == body_hash("Hi Grace,  \n\nThank you.\t\n\nAda\n\n\n  ")
    assert body_hash(text) == body_hash(text.rstrip("\n"))
    assert body_hash(text) != body_hash(text.replace("Thank you.", "Thanks."))
    assert re.fullmatch(r"[0-9a-f]{64}", body_hash(text))


def test_body_hash_matches_the_text_read_back_from_the_message():
    draft = draft_for()
    read_back = parsed(draft).get_content()
    assert body_hash(read_back) == draft.body_hash == body_hash(draft.body)


# --- threading and headers --------------------------------------------------


def test_threading_headers():
    msg = parsed(draft_for())
    assert msg["In-Reply-To"] == "<m3@acme.example>"
    assert msg["References"].split() == ["<m1@acme.example>", "<m2@acme.example>",
                                         "<m3@acme.example>"]
    assert msg["Subject"] == "Re: Interview: Data Engineer"


def test_references_are_deduplicated_and_invalid_ids_dropped():
    msg = parsed(draft_for(references=("<m1@a.example>", "junk", "<m1@a.example>",
                                       "<m3@acme.example>", "<bad id@x>", "<m2@a.example>")))
    assert msg["References"].split() == ["<m1@a.example>", "<m2@a.example>",
                                         "<m3@acme.example>"]


def test_long_references_keep_the_first_and_the_last_19():
    refs = tuple(f"<r{i}@acme.example>" for i in range(30))
    msg = parsed(draft_for(references=refs))
    got = msg["References"].split()
    assert len(got) == 20
    assert got[0] == "<r0@acme.example>"
    assert got[1:] == [f"<r{i}@acme.example>" for i in range(12, 30)] + ["<m3@acme.example>"]


def test_a_long_message_id_is_never_encoded():
    long_id = "<" + "x" * 120 + "@acme.example>"
    draft = draft_for(reply_message_id=long_id, references=())
    raw = draft.message.as_bytes()
    assert b"=?" not in raw.split(b"\r\n\r\n")[0]
    assert parsed(draft)["In-Reply-To"] == long_id


def test_invalid_reply_id_leaves_the_draft_unthreaded_but_valid():
    msg = parsed(draft_for(reply_message_id="<not valid>", references=()))
    assert msg["In-Reply-To"] is None and msg["References"] is None


@pytest.mark.parametrize(("subject", "expected"), [
    ("Interview: Data Engineer", "Re: Interview: Data Engineer"),
    ("Re: Interview", "Re: Interview"),
    ("RE: Interview", "RE: Interview"),
    ("Aw: Interview", "Aw: Interview"),
    ("re:Interview", "re:Interview"),
    ("Fwd: Interview", "Re: Fwd: Interview"),
    ("Ihr Vorstellungsgespräch – Überblick", "Re: Ihr Vorstellungsgespräch – Überblick"),
    ("Regarding your interview", "Re: Regarding your interview"),
])
def test_reply_subject(subject, expected):
    assert parsed(draft_for(subject=subject))["Subject"] == expected


def test_from_to_date_and_mime():
    draft = render(interview=make_interview(), milestone="thank_you", recipient=GRACE,
                   config=make_config(timezone="America/New_York"), now=NOW,
                   from_address="ada.alias@other.example")
    msg = parsed(draft)
    assert str(msg["From"]) == "Ada Lovelace <ada.alias@other.example>"
    assert draft.message_id.endswith("@other.example>")
    assert str(msg["To"]) == "Grace Hopper <grace@acme.example>"
    assert msg["Date"] == "Tue, 11 Mar 2025 13:00:00 -0400"
    assert msg["MIME-Version"] == "1.0"
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert set(header_names(draft.message.as_bytes())) == EXPECTED_HEADERS


def test_naive_now_is_refused():
    with pytest.raises(ValueError):
        render(interview=make_interview(), milestone="thank_you", recipient=GRACE,
               config=make_config(), now=datetime(2025, 3, 11, 17, 0))


# --- header injection ---------------------------------------------------------


HOSTILE_TEXT = [
    "Evil\r\nBcc: x@y.z",
    "Evil\nBcc: x@y.z",
    "Evil\rBcc: x@y.z",
    "=?utf-8?q?Evil=0D=0ABcc:_x@y.z?=",
    "=?utf-8?b?RXZpbA0KQmNjOiB4QHkueg==?=",
    "Evil\u2028Bcc: x@y.z",
    "Evil\x85Bcc: x@y.z",
    "Evil\x00\x0bBcc: x@y.z",
]
HOSTILE_NAMES = [
    *HOSTILE_TEXT,
    "Hopper, Grace",
    '"Grace" <evil@y.z>, other@y.z',
    "Grace; Bcc: evil@y.z",
    "Grace <evil@y.z>",
    'Grace \\"Q\\" Hopper',
    "=?utf-8?q?x=22_<evil@y.z>,_?=",
]


def assert_one_recipient_no_injection(draft: compose.Draft, to: str = "grace@acme.example"):
    raw = draft.message.as_bytes()
    names = header_names(raw)
    assert set(names) == EXPECTED_HEADERS
    assert len(names) == len(EXPECTED_HEADERS)  # each exactly once
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    addresses = msg["To"].addresses
    assert [a.addr_spec for a in addresses] == [to]
    assert [a.addr_spec for a in msg["From"].addresses] == ["ada@lovelace.example"]
    assert msg["Bcc"] is None and msg["Cc"] is None
    for line in raw.split(b"\r\n\r\n")[0].split(b"\r\n"):
        assert b"\r" not in line and b"\n" not in line and len(line) <= 998


@pytest.mark.parametrize("hostile", HOSTILE_TEXT)
def test_hostile_subject_company_and_role(hostile):
    draft = draft_for(subject=hostile, company=hostile, role=hostile)
    assert_one_recipient_no_injection(draft)
    assert "\n" not in str(parsed(draft)["Subject"])


@pytest.mark.parametrize("hostile", HOSTILE_NAMES)
def test_hostile_recipient_name(hostile):
    draft = draft_for(recipient=Address("grace@acme.example", hostile))
    assert_one_recipient_no_injection(draft)


@pytest.mark.parametrize("hostile", HOSTILE_NAMES)
def test_hostile_own_name(hostile):
    config = make_config(me={"name": hostile, "addresses": ["ada@lovelace.example"]})
    assert_one_recipient_no_injection(draft_for(config=config))


def test_a_name_with_specials_is_quoted_and_kept():
    draft = draft_for(recipient=Address("grace@acme.example", 'Hopper, Grace "Amazing"; Ph.D.'))
    to = parsed(draft)["To"].addresses[0]
    assert to.display_name == 'Hopper, Grace "Amazing"; Ph.D.'
    assert to.addr_spec == "grace@acme.example"


@pytest.mark.parametrize("bad", [
    "grace@acme.example, evil@y.z",
    "grace@acme.example\r\nBcc: evil@y.z",
    "grace@acme.example\nBcc: evil@y.z",
    "<grace@acme.example>",
    "Grace <grace@acme.example>",
    "grace@acme.example;evil@y.z",
    "grace@acme.example evil@y.z",
    '"grace"@acme.example',
    "grace@@acme.example",
    "grace",
    "",
    "grace@localhost",
    "grace@acme..example",
    "grace@-acme.example",
    "=?utf-8?q?grace=40acme.example=2C_evil=40y.z?=",
])
def test_an_address_that_is_not_one_mailbox_is_refused(bad):
    with pytest.raises(InvalidAddress) as err:
        render(interview=make_interview(), milestone="thank_you", recipient=Address(bad),
               config=make_config(), now=NOW)
    assert isinstance(err.value, ValueError) and isinstance(err.value, TemplateError)


def test_a_bad_from_address_is_refused():
    with pytest.raises(ValueError):
        render(interview=make_interview(), milestone="thank_you", recipient=GRACE,
               config=make_config(), now=NOW, from_address="ada@x.example, evil@y.z")


def test_an_international_domain_is_encoded():
    draft = draft_for(recipient=Address("Jose@Bücher.example", "José"))
    assert [a.addr_spec for a in parsed(draft)["To"].addresses] == ["jose@xn--bcher-kva.example"]
    assert draft.key == draft_key("iv42", "thank_you", "jose@bücher.example")


@pytest.mark.parametrize("bad_id", [
    "<a@b>\r\nBcc: x@y.z", "<a@b> <c@d>\nBcc: x@y.z", "<a b@c>", "<a@b\x00>", "<ä@b>",
    "<=?utf-8?q?a=0D=0ABcc:_x@y.z?=>", "a@b",
])
def test_hostile_message_ids_are_dropped(bad_id):
    draft = draft_for(reply_message_id=bad_id, references=(bad_id, "<ok@acme.example>"))
    assert_one_recipient_no_injection_without_threading(draft)


def assert_one_recipient_no_injection_without_threading(draft: compose.Draft) -> None:
    raw = draft.message.as_bytes()
    names = header_names(raw)
    assert set(names) <= EXPECTED_HEADERS and len(names) == len(set(names))
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert [a.addr_spec for a in msg["To"].addresses] == ["grace@acme.example"]
    for value in (msg["In-Reply-To"], msg["References"]):
        for token in (value or "").split():
            assert re.fullmatch(r"<[\x21-\x3b\x3d\x3f-\x7e]+>", token)


# --- templates ------------------------------------------------------------------


@pytest.mark.parametrize("milestone", BUILTINS)
def test_builtins_are_clean_for_an_ordinary_interview(milestone):
    draft = draft_for(milestone)
    assert draft.problems == ()
    assert draft.body.startswith("Hi Grace,\n\n")
    assert "Acme" in draft.body and "Data Engineer" in draft.body
    assert draft.body.rstrip().endswith("Ada Lovelace")
    assert "[outbox" not in draft.body


@pytest.mark.parametrize("milestone", BUILTINS)
@pytest.mark.parametrize(("company", "role"), [(None, None), ("Acme", None), (None, "SRE")])
def test_builtins_read_well_without_company_or_role_or_name(milestone, company, role):
    draft = draft_for(milestone, company=company, role=role,
                      recipient=Address("jobs@acme.example"), interviewers=())
    assert draft.problems == ()
    assert draft.body.startswith("Hello,\n\n")
    assert "None" not in draft.body
    assert not re.search(r"\s[,.]|  |\bthe the\b", draft.body)
    for value in (company, role):
        if value:
            assert value in draft.body


def test_thank_you_thanks_the_other_interviewers():
    alan = Address("alan@acme.example", "Alan Turing")
    edsger = Address("", "Edsger Dijkstra")
    body = draft_for(interviewers=(GRACE, alan, edsger)).body
    assert "Please pass my thanks on to Alan Turing and Edsger Dijkstra as well." in body
    assert "Grace Hopper" not in body


def test_follow_up_and_status_check_name_the_interview_day():
    assert "Tuesday, 11 March" in draft_for("follow_up").body
    assert "Tuesday, 11 March" in draft_for("status_check").body


def test_the_interview_day_is_in_the_configured_zone():
    late = datetime(2025, 3, 11, 23, 30, tzinfo=UTC)
    draft = draft_for("follow_up", config=make_config(timezone="Asia/Tokyo"), start=late)
    assert "Wednesday, 12 March" in draft.body


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_override_order(tmp_path):
    tdir = tmp_path / "templates"
    write(tdir / "thank_you.txt.j2", "{{ greeting }}\n\nfrom templates_dir\n\n{{ me.name }}\n")
    own = write(tmp_path / "own.txt.j2", "{{ greeting }}\n\nfrom milestone\n\n{{ me.name }}\n")
    milestones = [
        {"name": "thank_you", "delay": "2h", "template": str(own)},
        {"name": "follow_up", "delay": "7d"},
    ]
    both = make_config(templates_dir=str(tdir), milestones=milestones)
    assert "from milestone" in draft_for("thank_you", config=both).body
    only_dir = make_config(templates_dir=str(tdir))
    assert "from templates_dir" in draft_for("thank_you", config=only_dir).body
    assert "Acme" in draft_for("follow_up", config=only_dir).body  # built-in fallback
    assert "Acme" in draft_for("thank_you").body


def test_undefined_value_in_a_user_template_is_an_error(tmp_path):
    tdir = tmp_path / "t"
    path = write(tdir / "thank_you.txt.j2", "{{ greeting }}\n\n{{ nonexistent }}\n")
    config = make_config(templates_dir=str(tdir))
    with pytest.raises(TemplateError) as err:
        draft_for(config=config)
    text = str(err.value)
    assert "nonexistent" in text and "thank_you" in text and str(path) in text
    assert "line 3" in text
    with pytest.raises(TemplateError, match="nonexistent"):
        check_templates(config)


def test_undefined_attribute_is_an_error(tmp_path):
    tdir = tmp_path / "t"
    write(tdir / "follow_up.txt.j2", "{{ greeting }} {{ recipient.nickname }}\n")
    with pytest.raises(TemplateError, match="nickname"):
        draft_for("follow_up", config=make_config(templates_dir=str(tdir)))


def test_a_template_error_is_an_outbox_error_with_a_hint(tmp_path):
    tdir = tmp_path / "t"
    write(tdir / "thank_you.txt.j2", "{{ 1 / 0 }}\n")
    with pytest.raises(OutboxError) as err:
        draft_for(config=make_config(templates_dir=str(tdir)))
    assert "thank_you" in str(err.value) and err.value.hint


def test_check_templates_accepts_the_defaults():
    check_templates(make_config())


def test_check_templates_names_a_syntax_error(tmp_path):
    tdir = tmp_path / "t"
    path = write(tdir / "status_check.txt.j2", "{% if company %}\nunclosed\n")
    with pytest.raises(TemplateError) as err:
        check_templates(make_config(templates_dir=str(tdir)))
    assert "status_check" in str(err.value) and str(path) in str(err.value)


def test_custom_milestone_needs_a_template(tmp_path):
    milestones = [{"name": "thank_you", "delay": "2h"}, {"name": "one_month", "delay": "30d"}]
    with pytest.raises(TemplateError) as err:
        check_templates(make_config(milestones=milestones))
    assert "one_month" in str(err.value) and "one_month.txt.j2" in str(err.value)
    with pytest.raises(TemplateError, match="one_month"):
        draft_for("one_month", config=make_config(milestones=milestones))

    tdir = tmp_path / "t"
    write(tdir / "one_month.txt.j2", "{{ greeting }}\n\nStill keen on {{ position }}.\n\n"
          "{{ me.name }}\n")
    config = make_config(milestones=milestones, templates_dir=str(tdir))
    check_templates(config)
    assert "Still keen on the Data Engineer role at Acme." in draft_for("one_month",
                                                                        config=config).body


def test_a_disabled_milestone_needs_no_template():
    milestones = [{"name": "thank_you", "delay": "2h"},
                  {"name": "one_month", "delay": "30d", "enabled": False}]
    check_templates(make_config(milestones=milestones))


def test_a_configured_template_that_does_not_exist_is_an_error(tmp_path):
    missing = tmp_path / "nope.txt.j2"
    config = make_config(milestones=[{"name": "thank_you", "delay": "2h",
                                      "template": str(missing)}])
    with pytest.raises(TemplateError) as err:
        check_templates(config)
    assert str(missing) in str(err.value) and "thank_you" in str(err.value)


def test_a_missing_templates_dir_is_an_error(tmp_path):
    with pytest.raises(TemplateError, match="templates_dir"):
        check_templates(make_config(templates_dir=str(tmp_path / "absent")))


def test_template_context(tmp_path):
    tdir = tmp_path / "t"
    write(tdir / "thank_you.txt.j2", (
        "{{ greeting }}\n\n"
        "{{ me.name }}|{{ me.first_name }}|{{ me.email }}|{{ recipient.name }}|"
        "{{ recipient.first_name }}|{{ recipient.email }}|{{ company }}|{{ role }}|"
        "{{ position }}|{{ interview.start_local }}|{{ interview.weekday }}|"
        "{{ interview.date_local }}|{{ interview.time_local }}|{{ interview.start.hour }}|"
        "{{ interview.end.hour }}|{{ milestone }}|{{ interviewers | join('+') }}|"
        "{{ other_interviewers | and_join }}\n"
    ))
    alan = Address("alan@acme.example", "Alan Turing")
    draft = draft_for(config=make_config(templates_dir=str(tdir)), interviewers=(GRACE, alan),
                      start=datetime(2025, 7, 1, 9, 0, tzinfo=UTC),
                      end=datetime(2025, 7, 1, 10, 0, tzinfo=UTC))
    assert draft.body.split("\n")[2] == (
        "Ada Lovelace|Ada|ada@lovelace.example|Grace Hopper|Grace|grace@acme.example|Acme|"
        "Data Engineer|the Data Engineer role at Acme|Tuesday, 1 July|Tuesday|1 July|10:00|"
        "10|11|thank_you|Grace Hopper+Alan Turing|Alan Turing"
    )


@pytest.mark.parametrize(("role", "company", "expected"), [
    ("Data Engineer", "Acme", "the Data Engineer role at Acme"),
    ("Data Engineer", None, "the Data Engineer role"),
    (None, "Acme", "the role at Acme"),
    (None, None, "the role"),
    ("Backend Engineer position", None, "the Backend Engineer position"),
])
def test_position_phrase(role, company, expected):
    assert compose.build_context(
        interview=make_interview(role=role, company=company), milestone="thank_you",
        recipient=GRACE, me_name="Ada", me_email="ada@lovelace.example",
        zone=make_config().zone,
    )["position"] == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Grace Hopper", "Grace"),
    ("Hopper, Grace", "Grace"),
    ("Grace Hopper, PhD", "Grace"),
    ("Dr. Grace Hopper", "Grace"),
    ("GRACE HOPPER", "Grace"),
    ("grace hopper", "Grace"),
    ('"Grace Hopper"', "Grace"),
    ("Grace Hopper via Greenhouse", "Grace"),
    ("Grace Hopper (Acme)", "Grace"),
    ("Anne-Marie O'Neil", "Anne-Marie"),
    ("J. Robert Oppenheimer", "Robert"),
    ("José Álvarez", "José"),
    ("Acme Recruiting Team", None),
    ("Talent Acquisition", None),
    ("no-reply", None),
    ("grace@acme.example", None),
    ("", None),
    ("G.", None),
])
def test_first_name(name, expected):
    assert compose.first_name(name) == expected


# --- proofreading in render ---------------------------------------------------


def test_a_draft_with_problems_says_so_at_the_top(tmp_path):
    tdir = tmp_path / "t"
    write(tdir / "thank_you.txt.j2",
          "Dear [NAME],\n\nThank you for the the interview at {{ company }}.\n\n{{ me.name }}\n")
    draft = draft_for(config=make_config(templates_dir=str(tdir)))
    assert draft.body.startswith("[outbox: please check this draft before sending: ")
    assert len(draft.problems) >= 2
    assert any("[NAME]" in p for p in draft.problems)
    assert any("the the" in p for p in draft.problems)
    first_line = draft.body.split("\n", 1)[0]
    assert all(p in first_line for p in draft.problems)
    assert draft.body_hash == body_hash(parsed(draft).get_content())


def test_a_greeting_with_the_wrong_name_is_flagged(tmp_path):
    tdir = tmp_path / "t"
    write(tdir / "thank_you.txt.j2", "Hi Alan,\n\nThanks.\n\n{{ me.name }}\n")
    draft = draft_for(config=make_config(templates_dir=str(tdir)))
    assert any("Alan" in p for p in draft.problems)


def test_an_empty_template_gives_a_flagged_draft(tmp_path):
    tdir = tmp_path / "t"
    write(tdir / "thank_you.txt.j2", "{# nothing #}\n")
    draft = draft_for(config=make_config(templates_dir=str(tdir)))
    assert draft.problems == ("the draft is empty",)
    assert draft.body.startswith("[outbox:")


def test_the_projects_parser_reads_the_draft_back():
    from outbox import mime
    from outbox.model import Folder

    draft = draft_for(subject="Ihr Gespräch – Überblick",
                      references=tuple(f"<r{i}@x.example>" for i in range(25)))
    raw = draft.message.as_bytes()
    back = mime.parse_message(raw, ref="1", folder=Folder.DRAFTS)
    assert back.subject == "Re: Ihr Gespräch – Überblick"
    assert back.message_id == draft.message_id and back.outbox_key == draft.key
    assert back.in_reply_to == "<m3@acme.example>" and len(back.references) == 20
    assert back.to == (GRACE,)
    assert body_hash(mime.body_text_of(raw)) == draft.body_hash


def test_a_company_as_display_name_is_not_greeted_by_name():
    draft = draft_for(recipient=Address("jobs@acme.example", "Acme"))
    assert draft.body.startswith("Hello,\n") and draft.problems == ()
