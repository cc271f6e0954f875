"""The local-Maildir provider: outbox's embedded default, and what ``outbox demo`` uses."""

from .layout import maildir_paths
from .provider import MaildirProvider

__all__ = ["MaildirProvider", "maildir_paths"]
