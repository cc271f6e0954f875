"""IMAP provider (imapclient): SPECIAL-USE folders, STATUS-cheap sync, drafts by APPEND."""

from .provider import ImapProvider

__all__ = ["ImapProvider"]
