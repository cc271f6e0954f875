"""outbox: post-interview follow-up drafts in your own mailbox."""

__version__ = "0.1.0"
