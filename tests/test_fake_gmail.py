"""The fake Gmail API itself, driven by the real google-api-python-client."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
import requests
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest, MediaInMemoryUpload

from tests.fakes.gmail import COMPOSE, INSERT, MODIFY, READONLY, GmailFake


def make_mail(subject: str, message_id: str, *, reply_to: str | None = None,
              sender: str = "hr@acme.test", to: str = "ada@example.com",
              body: str = "Your interview is confirmed for Tuesday.",
              date: str = "Mon, 24 Nov 2025 10:00:00 +0000") -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Message-ID"], msg["Date"] = message_id, date
    if reply_to:
        msg["In-Reply-To"] = msg["References"] = reply_to
    msg.set_content(body)
    return msg.as_bytes()


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode()


def error_of(exc: HttpError) -> dict:
    return json.loads(exc.content)["error"]




def service_for(fake: GmailFake, scopes=(READONLY, COMPOSE)):
    return build("gmail", "v1", credentials=fake.credentials(scopes), static_discovery=True,
                 client_options={"api_endpoint": fake.url})


@pytest.fixture
def gmail(fake: GmailFake):
    return service_for(fake).users()


@pytest.fixture
def bearer(fake: GmailFake) -> dict[str, str]:
    access, _ = fake.issue_token([READONLY, COMPOSE])
    return {"Authorization": f"Bearer {access}"}


# --------------------------------------------------------------------------- validation


def test_profile_and_labels_have_real_shapes(fake: GmailFake, gmail) -> None:
    fake.deliver(make_mail("Interview", "<a@acme.test>"))
    profile = gmail.getProfile(userId="me").execute()
    assert profile["emailAddress"] == "ada@example.com"
    assert (profile["messagesTotal"], profile["threadsTotal"]) == (1, 1)
    assert profile["historyId"].isdigit()
    labels = {lb["id"]: lb for lb in gmail.labels().list(userId="me").execute()["labels"]}
    assert {"INBOX", "SENT", "DRAFT", "TRASH", "UNREAD"} <= set(labels)
    assert labels["INBOX"]["type"] == "system"


def test_unknown_query_parameter_is_400(fake: GmailFake, bearer) -> None:
    resp = requests.get(f"{fake.url}/gmail/v1/users/me/messages", params={"bogus": "1"},
                        headers=bearer, timeout=5)
    assert resp.status_code == 400
    error = resp.json()["error"]
    assert error["status"] == "INVALID_ARGUMENT"
    assert error["errors"][0]["reason"] == "badRequest"
    assert 'Unknown name "bogus"' in error["message"]


@pytest.mark.parametrize("params", [
    {"format": "bogus"},            # not in the enum
    {"format": ["raw", "full"]},    # not repeated
])
def test_bad_parameter_values_are_400(fake: GmailFake, bearer, params) -> None:
    mid = fake.deliver(make_mail("Interview", "<a@acme.test>"))
    resp = requests.get(f"{fake.url}/gmail/v1/users/me/messages/{mid}", params=params,
                        headers=bearer, timeout=5)
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"]["code"] == 400


@pytest.mark.parametrize("params", [{"maxResults": "ten"}, {"includeSpamTrash": "yes"}])
def test_bad_types_are_400(fake: GmailFake, bearer, params) -> None:
    resp = requests.get(f"{fake.url}/gmail/v1/users/me/messages", params=params,
                        headers=bearer, timeout=5)
    assert resp.status_code == 400


def test_unknown_body_field_is_400(gmail) -> None:
    body = {"message": {"raw": b64(make_mail("Hi", "<d@x>")), "bogus": True}}
    with pytest.raises(HttpError) as info:
        gmail.drafts().create(userId="me", body=body).execute()
    error = error_of(info.value)
    assert info.value.status_code == 400
    assert error["message"].startswith('Invalid JSON payload received. Unknown name "bogus"')
    assert "at 'message'" in error["message"]


def test_missing_raw_is_400(gmail) -> None:
    with pytest.raises(HttpError) as info:
        gmail.drafts().create(userId="me", body={"message": {}}).execute()
    assert "'raw' RFC822 payload" in error_of(info.value)["message"]


def test_missing_or_bad_auth_is_401(fake: GmailFake) -> None:
    url = f"{fake.url}/gmail/v1/users/me/profile"
    missing = requests.get(url, timeout=5)
    bad = requests.get(url, headers={"Authorization": "Bearer nope"}, timeout=5)
    for resp, reason in ((missing, "required"), (bad, "authError")):
        assert resp.status_code == 401
        assert resp.json()["error"]["status"] == "UNAUTHENTICATED"
        assert resp.json()["error"]["errors"][0]["reason"] == reason
        assert resp.headers["WWW-Authenticate"].startswith("Bearer")


def test_wrong_path_or_method_is_404(fake: GmailFake, bearer) -> None:
    assert requests.get(f"{fake.url}/gmail/v1/users/me/nothing", headers=bearer,
                        timeout=5).status_code == 404
    assert requests.delete(f"{fake.url}/gmail/v1/users/me/profile", headers=bearer,
                           timeout=5).status_code == 404
    assert requests.get(f"{fake.url}/users/me/profile", headers=bearer,
                        timeout=5).status_code == 404


def test_ids_are_checked(gmail) -> None:
    with pytest.raises(HttpError) as bad:
        gmail.messages().get(userId="me", id="not-hex").execute()
    with pytest.raises(HttpError) as missing:
        gmail.messages().get(userId="me", id="18c2f0a3b4d5ffff").execute()
    assert bad.value.status_code == 400
    assert missing.value.status_code == 404
    assert error_of(missing.value)["errors"][0]["reason"] == "notFound"


def test_other_user_is_delegation_denied(gmail) -> None:
    with pytest.raises(HttpError) as info:
        gmail.getProfile(userId="bob@example.com").execute()
    assert info.value.status_code == 403


def test_scopes_are_enforced_per_method(fake: GmailFake, gmail) -> None:
    mid = fake.deliver(make_mail("Interview", "<a@acme.test>"))
    with pytest.raises(HttpError) as info:  # trash needs gmail.modify
        gmail.messages().trash(userId="me", id=mid).execute()
    assert info.value.status_code == 403
    assert error_of(info.value)["errors"][0]["reason"] == "insufficientPermissions"
    trashed = service_for(fake, [MODIFY]).users().messages().trash(userId="me", id=mid).execute()
    assert "TRASH" in trashed["labelIds"]


def test_fields_mask_is_checked_and_applied(fake: GmailFake, gmail) -> None:
    fake.deliver(make_mail("Interview", "<a@acme.test>"))
    assert gmail.getProfile(userId="me", fields="historyId").execute().keys() == {"historyId"}
    listed = gmail.messages().list(userId="me", fields="messages/id").execute()
    assert listed == {"messages": [{"id": listed["messages"][0]["id"]}]}
    with pytest.raises(HttpError) as info:
        gmail.getProfile(userId="me", fields="historyID").execute()
    assert info.value.status_code == 400


# --------------------------------------------------------------------------- shapes


def _multipart() -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "hr@acme.test", "ada@example.com", "Invite"
    msg["Message-ID"] = "<inv@acme.test>"
    msg.set_content("See <you> & the team")
    msg.add_alternative("<p>See you</p>", subtype="html")
    msg.add_attachment(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", maintype="text",
                       subtype="calendar", filename="invite.ics")
    return msg.as_bytes()


def test_message_formats(fake: GmailFake, gmail) -> None:
    raw = _multipart()
    mid = fake.deliver(raw, internal_date=1_764_000_000)
    full = gmail.messages().get(userId="me", id=mid).execute()
    assert full["internalDate"] == "1764000000000"
    assert full["snippet"] == "See &lt;you&gt; &amp; the team"
    assert full["sizeEstimate"] == len(raw)
    payload = full["payload"]
    assert payload["partId"] == "" and payload["mimeType"] == "multipart/mixed"
    alternative, attachment = payload["parts"]
    assert [p["partId"] for p in alternative["parts"]] == ["0.0", "0.1"]
    text = base64.urlsafe_b64decode(alternative["parts"][0]["body"]["data"])
    assert text.startswith(b"See <you>")
    assert attachment["filename"] == "invite.ics" and "data" not in attachment["body"]
    got = gmail.messages().attachments().get(
        userId="me", messageId=mid, id=attachment["body"]["attachmentId"]).execute()
    assert base64.urlsafe_b64decode(got["data"]).startswith(b"BEGIN:VCALENDAR")

    as_raw = gmail.messages().get(userId="me", id=mid, format="raw").execute()
    assert base64.urlsafe_b64decode(as_raw["raw"]) == raw and "payload" not in as_raw
    minimal = gmail.messages().get(userId="me", id=mid, format="minimal").execute()
    assert "payload" not in minimal and minimal["labelIds"] == ["INBOX", "UNREAD"]
    meta = gmail.messages().get(userId="me", id=mid, format="metadata",
                                metadataHeaders=["subject", "Message-ID"]).execute()
    assert [h["name"] for h in meta["payload"]["headers"]] == ["Subject", "Message-ID"]


def test_messages_insert_json_and_upload(fake: GmailFake) -> None:
    users = service_for(fake, [INSERT]).users()
    made = users.messages().insert(
        userId="me", body={"raw": b64(make_mail("Hi", "<i1@x>")), "labelIds": ["INBOX"]}
    ).execute()
    assert made["labelIds"] == ["INBOX"] and made["id"] == made["threadId"]
    with pytest.raises(HttpError):
        users.messages().insert(userId="me", body={"raw": b64(b"x"), "labelIds": ["NOPE"]}
                                ).execute()
    # Known client trap: with api_endpoint overridden, media uploads keep the https scheme
    # of rootUrl, so an http endpoint cannot take them. The fake serves the path anyway.
    upload = users.messages().insert(
        userId="me", media_body=MediaInMemoryUpload(b"x", mimetype="message/rfc822"))
    assert upload.uri.startswith("https://127.0.0.1")
    access, _ = fake.issue_token([INSERT])
    resp = requests.post(f"{fake.url}/upload/gmail/v1/users/me/messages",
                         params={"uploadType": "media"}, data=make_mail("Up", "<u@x>"),
                         headers={"Authorization": f"Bearer {access}",
                                  "Content-Type": "message/rfc822"}, timeout=5)
    assert resp.status_code == 200, resp.text
    assert fake.mailbox.message(resp.json()["id"]).message_id == "<u@x>"


def test_empty_list_has_no_items_key(gmail) -> None:
    assert gmail.messages().list(userId="me").execute() == {"resultSizeEstimate": 0}
    assert gmail.drafts().list(userId="me").execute() == {"resultSizeEstimate": 0}


def test_list_paging_honours_max_results(fake: GmailFake, gmail) -> None:
    ids = [fake.deliver(make_mail(f"M{i}", f"<m{i}@x>"), internal_date=1_764_000_000 + i)
           for i in range(5)]
    seen, token, pages = [], None, 0
    while True:
        page = gmail.messages().list(userId="me", maxResults=2, pageToken=token).execute()
        seen += [m["id"] for m in page["messages"]]
        pages += 1
        token = page.get("nextPageToken")
        if not token:
            break
    assert pages == 3 and seen == ids[::-1]  # newest first
    threads = gmail.threads().list(userId="me", maxResults=4).execute()
    assert len(threads["threads"]) == 4 and "nextPageToken" in threads


# --------------------------------------------------------------------------- threading


def _draft(gmail, subject: str, mid: str, reply_to: str | None, thread_id: str) -> dict:
    raw = b64(make_mail(subject, mid, reply_to=reply_to, sender="ada@example.com",
                        to="hr@acme.test"))
    return gmail.drafts().create(
        userId="me", body={"message": {"raw": raw, "threadId": thread_id}}).execute()


def test_draft_joins_thread_when_subject_and_references_match(fake: GmailFake, gmail) -> None:
    tid = fake.deliver(make_mail("Interview at ACME", "<a@acme.test>"))
    draft = _draft(gmail, "RE: Fwd: Interview at  ACME", "<d1@me>", "<a@acme.test>", tid)
    assert draft["message"]["threadId"] == tid
    assert draft["message"]["labelIds"] == ["DRAFT"] and draft["id"].startswith("r")
    thread = gmail.threads().get(userId="me", id=tid, format="minimal").execute()
    assert [m["id"] for m in thread["messages"]] == [tid, draft["message"]["id"]]
    assert fake.mailbox.threading_traps == []


@pytest.mark.parametrize(("subject", "refs", "reason"), [
    ("Something else", "<a@acme.test>", "subject does not match"),
    ("Re: Interview at ACME", None, "References/In-Reply-To name no message of the thread"),
])
def test_draft_lands_in_new_thread_when_rules_fail(fake: GmailFake, gmail, subject, refs,
                                                   reason) -> None:
    tid = fake.deliver(make_mail("Interview at ACME", "<a@acme.test>"))
    draft = _draft(gmail, subject, "<d2@me>", refs, tid)
    assert draft["message"]["threadId"] != tid  # accepted, but not threaded: the trap
    (trap,) = fake.mailbox.threading_traps
    assert (trap.kind, trap.requested_thread_id, trap.reason) == ("draft", tid, reason)
    assert trap.actual_thread_id == draft["message"]["threadId"]


def test_delivered_reply_threads_by_references_and_subject(fake: GmailFake) -> None:
    tid = fake.deliver(make_mail("Interview", "<a@acme.test>"))
    reply = fake.deliver(make_mail("Re: Interview", "<b@acme.test>", reply_to="<a@acme.test>"))
    other = fake.deliver(make_mail("New topic", "<c@acme.test>", reply_to="<a@acme.test>"))
    assert fake.mailbox.message(reply).thread_id == tid
    assert fake.mailbox.message(other).thread_id == other


# --------------------------------------------------------------------------- drafts


def test_draft_lifecycle_and_search_by_message_id(fake: GmailFake, gmail) -> None:
    tid = fake.deliver(make_mail("Interview", "<a@acme.test>"))
    draft = _draft(gmail, "Re: Interview", "<outbox.1@me>", "<a@acme.test>", tid)
    found = gmail.drafts().list(userId="me", q="rfc822msgid:<outbox.1@me>").execute()
    assert [d["id"] for d in found["drafts"]] == [draft["id"]]
    assert gmail.messages().list(userId="me", q="rfc822msgid:outbox.1@me in:drafts"
                                 ).execute()["resultSizeEstimate"] == 1
    got = gmail.drafts().get(userId="me", id=draft["id"], format="raw").execute()
    assert b"<outbox.1@me>" in base64.urlsafe_b64decode(got["message"]["raw"])
    (stored,) = fake.mailbox.drafts()
    assert stored.message.raw == base64.urlsafe_b64decode(got["message"]["raw"])
    start = gmail.getProfile(userId="me").execute()["historyId"]
    gmail.drafts().delete(userId="me", id=draft["id"]).execute()
    with pytest.raises(HttpError) as info:
        gmail.drafts().get(userId="me", id=draft["id"]).execute()
    assert info.value.status_code == 404
    history = gmail.history().list(userId="me", startHistoryId=start).execute()["history"]
    assert history[0]["messagesDeleted"][0]["message"]["id"] == draft["message"]["id"]


# --------------------------------------------------------------------------- search


@pytest.mark.parametrize(("query", "expected"), [
    ("rfc822msgid:<s1@x>", ["s1"]),
    ("in:inbox", ["s1", "s2"]),
    ("in:sent", ["s3"]),
    ("in:trash", ["s4"]),
    ("in:anywhere", ["s1", "s2", "s3", "s4"]),
    ("subject:offer", ["s2"]),
    ("salary", ["s2"]),
    ('"interview is confirmed"', ["s1", "s3"]),
    ("after:2025/11/20", ["s1", "s2", "s3"]),
    ("before:2025/11/20", []),  # s4 is in Trash: hidden unless asked for
    ("before:2025/11/20 in:anywhere", ["s4"]),
    ("newer_than:2d", ["s1", "s2", "s3"]),
    ("subject:offer OR subject:thanks", ["s2", "s3"]),
    ("{subject:offer subject:thanks}", ["s2", "s3"]),
    ("in:inbox -label:jobs", ["s2"]),
    ("-in:chats from:hr@acme.test", ["s1", "s2"]),
    ("is:unread", ["s1"]),
    ("X-Outbox-Key:abc", []),
])
def test_search(fake: GmailFake, gmail, query, expected) -> None:
    fake.clock = lambda: 1_764_000_000.0  # 2025-11-24T16:00Z
    jobs = fake.add_label("Jobs")
    fake.deliver(make_mail("Interview", "<s1@x>"), labels=("INBOX", "UNREAD", jobs))
    fake.deliver(make_mail("Offer", "<s2@x>", body="The salary is fine"), labels=("INBOX",))
    fake.deliver(make_mail("Thanks", "<s3@x>", sender="ada@example.com", to="hr@acme.test"),
                 labels=("SENT",))
    fake.deliver(make_mail("Old", "<s4@x>", date="Mon, 10 Nov 2025 10:00:00 +0000"),
                 labels=("TRASH",))
    found = gmail.messages().list(userId="me", q=query).execute().get("messages", [])
    names = sorted(fake.mailbox.message(m["id"]).message_id.strip("<>").split("@")[0]
                   for m in found)
    assert names == expected


# --------------------------------------------------------------------------- history


def test_history_pages_including_an_empty_page(fake: GmailFake, gmail) -> None:
    start = gmail.getProfile(userId="me").execute()["historyId"]
    for i in range(3):
        fake.deliver(make_mail(f"M{i}", f"<h{i}@x>"))
    fake.empty_history_pages = True
    first = gmail.history().list(userId="me", startHistoryId=start, maxResults=2).execute()
    assert "history" not in first and "nextPageToken" in first
    assert first["historyId"] == str(fake.mailbox.history_id)
    records, token = [], first["nextPageToken"]
    while token:
        page = gmail.history().list(userId="me", startHistoryId=start, maxResults=2,
                                    pageToken=token).execute()
        records += page.get("history", [])
        token = page.get("nextPageToken")
    assert len(records) == 3
    ids = [int(r["id"]) for r in records]
    assert ids == sorted(ids) and ids[0] > int(start)
    added = records[0]["messagesAdded"][0]["message"]
    assert added["labelIds"] == ["INBOX", "UNREAD"] and set(added) == {"id", "threadId",
                                                                       "labelIds"}


def test_history_filters_by_type_and_label(fake: GmailFake, gmail) -> None:
    start = gmail.getProfile(userId="me").execute()["historyId"]
    mid = fake.deliver(make_mail("In", "<f1@x>"))
    fake.deliver(make_mail("Out", "<f2@x>"), labels=("SENT",))
    fake.mailbox.modify(mid, remove=["UNREAD"])
    only_sent = gmail.history().list(userId="me", startHistoryId=start, labelId="SENT",
                                     historyTypes=["messageAdded"]).execute()["history"]
    assert len(only_sent) == 1 and "labelsRemoved" not in only_sent[0]
    removed = gmail.history().list(userId="me", startHistoryId=start,
                                   historyTypes="labelRemoved").execute()["history"]
    assert removed[0]["labelsRemoved"][0]["labelIds"] == ["UNREAD"]


def test_expired_history_is_404_and_full_sync_recovers(fake: GmailFake, gmail) -> None:
    start = gmail.getProfile(userId="me").execute()["historyId"]
    fake.deliver(make_mail("M", "<e@x>"))
    fake.expire_history()
    with pytest.raises(HttpError) as info:
        gmail.history().list(userId="me", startHistoryId=start).execute()
    assert info.value.status_code == 404
    assert error_of(info.value) == {
        "code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND",
        "errors": [{"message": "Requested entity was not found.", "domain": "global",
                    "reason": "notFound"}]}
    fresh = gmail.getProfile(userId="me").execute()["historyId"]
    assert int(fresh) > int(start)
    assert "history" not in gmail.history().list(userId="me", startHistoryId=fresh).execute()


def test_history_needs_start_id(gmail) -> None:
    with pytest.raises(HttpError) as info:
        gmail.history().list(userId="me").execute()
    assert info.value.status_code == 400


# --------------------------------------------------------------------------- batch, faults


def test_batch_needs_explicit_batch_uri(fake: GmailFake) -> None:
    service = service_for(fake)
    # The trap: build()'s batch ignores client_options and goes to Google.
    assert service.new_batch_http_request()._batch_uri.startswith("https://gmail.googleapis.com")
    mid = fake.deliver(make_mail("Interview", "<a@acme.test>"))
    fake.reset_counters()
    results: dict[str, tuple] = {}
    batch = BatchHttpRequest(batch_uri=fake.batch_uri,
                             callback=lambda rid, resp, exc: results.update({rid: (resp, exc)}))
    batch.add(service.users().messages().get(userId="me", id=mid, format="minimal"),
              request_id="ok")
    batch.add(service.users().messages().get(userId="me", id="18c2f0a3b4d5ffff"),
              request_id="missing")
    fake.fail_next(1, status=429, retry_after=3, method="users.getProfile")
    batch.add(service.users().getProfile(userId="me"), request_id="limited")
    batch.execute()
    assert results["ok"][0]["id"] == mid
    assert results["missing"][1].status_code == 404
    limited = results["limited"][1]
    assert limited.status_code == 429 and limited.resp["retry-after"] == "3"
    assert [m for m, _ in fake.requests] == ["batch", "gmail.users.messages.get",
                                             "gmail.users.messages.get",
                                             "gmail.users.getProfile"]
    assert fake.quota_units == 5 + 5 + 1


def test_fail_next_injects_google_errors(fake: GmailFake, gmail) -> None:
    fake.fail_next(1, status=429, retry_after=7)
    with pytest.raises(HttpError) as info:
        gmail.getProfile(userId="me").execute()
    assert info.value.status_code == 429 and info.value.resp["retry-after"] == "7"
    error = error_of(info.value)
    assert error["status"] == "RESOURCE_EXHAUSTED"
    assert error["errors"][0] == {"message": error["message"], "domain": "usageLimits",
                                  "reason": "rateLimitExceeded"}
    fake.fail_next(2, status=503)
    for _ in range(2):
        with pytest.raises(HttpError) as info:
            gmail.getProfile(userId="me").execute()
        assert info.value.status_code == 503
        assert error_of(info.value)["errors"][0]["reason"] == "backendError"
    fake.fail_next(1, status=403, reason="userRateLimitExceeded", method="users.drafts.list")
    assert gmail.getProfile(userId="me").execute()["emailAddress"]  # not the named method
    with pytest.raises(HttpError) as info:
        gmail.drafts().list(userId="me").execute()
    assert error_of(info.value)["errors"][0]["reason"] == "userRateLimitExceeded"


def test_quota_counts_an_idle_cycle(fake: GmailFake, gmail) -> None:
    start = gmail.getProfile(userId="me").execute()["historyId"]
    fake.reset_counters()
    assert "history" not in gmail.history().list(userId="me", startHistoryId=start).execute()
    assert len(fake.requests) == 1 and fake.quota_units <= 2
    assert fake.calls("users.history.list")[0]["startHistoryId"] == start
    gmail.drafts().create(userId="me", body={"message": {"raw": b64(b"Subject: x\r\n\r\nx")}}
                          ).execute()
    assert fake.quota_by_method["gmail.users.drafts.create"] == 10
    assert fake.quota_units == 12


# --------------------------------------------------------------------------- standalone


def test_standalone_server_prints_url() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "tests.fakes.gmail", "--port", "0",
                             "--client-secret", "/dev/null"], stdout=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parent.parent)
    try:
        line = proc.stdout.readline()
        assert line.startswith("fake Gmail for ada@example.com at http://127.0.0.1:")
        url = line.rsplit(" ", 1)[1].strip()
        assert requests.get(f"{url}/gmail/v1/users/me/profile", timeout=5).status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=5)
