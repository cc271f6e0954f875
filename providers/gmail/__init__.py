"""Gmail provider (Gmail API): OAuth installed-app flow, history sync, threaded drafts.

The client library (google-api-python-client, google-auth) is imported only
inside the functions that talk to Google, so loading this package is cheap.
"""

from .provider import GmailProvider

__all__ = ["GmailProvider"]
