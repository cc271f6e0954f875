"""Drafts in the mailbox: create exactly once, read the user's actions back,
remove the stale ones outbox made and nobody touched.

Exactly once, in three steps (DESIGN.md): (1) the milestone row with its
deterministic key is committed before anything is written; (2) the provider is
asked whether a draft with that key already exists in Drafts, Sent or Trash,
and only if not is one created; (3) the reference and the body hash are
committed. A crash between any two steps repeats only step 2, which finds the
draft.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from outbox import compose
from outbox.model import Address, Folder, Interview, Milestone, MilestoneState
from outbox.provider import DraftRef, FoundDraft, Provider
from outbox.settings import Config
from outbox.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DraftOutcome:
    interview_id: str
    milestone: str
    recipient: str
    state: MilestoneState
    what: str  # one line for the user
    ref: DraftRef | None = None
    problems: tuple[str, ...] = ()


def _ref_text(ref: DraftRef) -> str:
    return f"{ref.folder.value}:{ref.ref}"


def _i_sent_in_thread(store: Store, iv: Interview, since: datetime | None) -> bool:
    for row in store.my_messages_in_thread(iv.account, iv.thread_id):
        if row["folder"] == Folder.SENT.value and (
            since is None or datetime.fromisoformat(row["date"]) >= since
        ):
            return True
    return False


def _apply_found(store: Store, iv: Interview, m: Milestone, found: FoundDraft | None,
                 now: datetime) -> str | None:
    """Record what the mailbox says about a draft outside Drafts; None if in Drafts."""
    if found is not None and found.ref.folder is Folder.DRAFTS:
        return None
    if found is not None and found.ref.folder is Folder.SENT:
        m.state, m.note = MilestoneState.SENT, "you sent it"
    elif _i_sent_in_thread(store, iv, m.updated_at):
        m.state, m.note = MilestoneState.SENT, "you replied in the thread"
    else:
        m.state, m.note = MilestoneState.DISMISSED, "you deleted the draft; not recreated"
    m.updated_at = now
    store.save_milestone(m)
    return m.note


def reconcile(store: Store, provider: Provider, account: str, now: datetime) -> list[str]:
    """Read back what the user did with each draft outbox made."""
    lines = []
    for m in store.drafted_milestones(account):
        iv = store.interview(m.interview_id)
        if iv is None:
            continue
        found = provider.find_draft(m.key, m.message_id or "")
        with store.transaction():
            note = _apply_found(store, iv, m, found, now)
        if note:
            lines.append(f"{m.name} for {iv.company or iv.id}: {note}")
    return lines


def create(store: Store, provider: Provider, config: Config, iv: Interview, m: Milestone,
           now: datetime) -> DraftOutcome:
    recipient = next((c for c in iv.contacts if c.email == m.recipient), Address(m.recipient))
    draft = compose.render(
        interview=iv, milestone=m.name, recipient=recipient, config=config, now=now,
        from_address=iv.my_address,
    )
    # Step 1: the intent (key, message id) is committed before any write.
    with store.transaction():
        m.message_id, m.updated_at = draft.message_id, now
        store.save_milestone(m)
    # Step 2: look before writing (Drafts, Sent, Trash).
    found = provider.find_draft(draft.key, draft.message_id)
    if found is not None:
        with store.transaction():
            note = _apply_found(store, iv, m, found, now)
            if note is None:  # already in Drafts: a previous run made it
                m.state, m.draft_ref = MilestoneState.DRAFTED, _ref_text(found.ref)
                m.body_hash, m.note = compose.body_hash(found.text), "found in Drafts"
                store.save_milestone(m)
        return DraftOutcome(iv.id, m.name, m.recipient, m.state, m.note, found.ref)
    ref = provider.create_draft(draft.message, iv.thread_hint)
    # Step 3: the reference and what we wrote (to prove "unedited" later).
    with store.transaction():
        m.state, m.draft_ref, m.body_hash = MilestoneState.DRAFTED, _ref_text(ref), draft.body_hash
        m.note = "; ".join(draft.problems)
        store.save_milestone(m)
    return DraftOutcome(iv.id, m.name, m.recipient, m.state, "drafted", ref, draft.problems)


def retract(store: Store, provider: Provider, iv: Interview, m: Milestone, reason: str,
            now: datetime) -> DraftOutcome:
    """Remove a stale draft of ours, only if the user has not edited it."""
    found = provider.find_draft(m.key, m.message_id or "")
    with store.transaction():
        note = _apply_found(store, iv, m, found, now)
        if note is not None:
            return DraftOutcome(iv.id, m.name, m.recipient, m.state, note)
    if found is None:  # unreachable: _apply_found returns None only for a draft in Drafts
        return DraftOutcome(iv.id, m.name, m.recipient, m.state, "no draft found")
    if m.body_hash and compose.body_hash(found.text) == m.body_hash:
        if provider.delete_draft(found.ref):
            what = f"stale draft moved to Trash ({reason})"
        else:
            what = (f"stale draft left in Drafts: please delete it ({reason}; this account "
                    "cannot move drafts to Trash)")
    else:
        what = f"left in Drafts: you edited it ({reason})"
    with store.transaction():
        m.state, m.note, m.updated_at = MilestoneState.CANCELLED, what, now
        store.save_milestone(m)
    return DraftOutcome(iv.id, m.name, m.recipient, m.state, what, found.ref)
