"""Count the kind model (``outbox.detect.kindmodel``) from the development corpus.

``python -m benchmarks.kind_model`` (``make model``) rewrites
``src/outbox/detect/kind_model.json.gz``; run it after adding labelled mail.
The held-out set is never counted: it measures the model, it does not teach it.
"""

from __future__ import annotations

import sys

from benchmarks.detection import load_labels, load_messages
from outbox.detect import kindmodel
from outbox.detect.core import news_text


def examples(patterns: str | None = None) -> list[tuple]:
    """(kind, subject, text) for every development message, as detection reads it."""
    return [(label.kind, message.subject or "", news_text(message))
            for label, message in load_messages(load_labels(patterns))]


def build(patterns: str | None = None) -> dict:
    return kindmodel.train(examples(patterns))


def main() -> int:
    model = build()
    kindmodel.save(model)
    print(f"{kindmodel.MODEL_PATH}: {sum(model['documents'].values())} messages, "
          f"{len(model['counts'])} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
