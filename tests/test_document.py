"""The document model: line mapping and the per-document memo shared by extractors."""

from __future__ import annotations

import pickle

from contractkg.ingest.document import Document


def test_memo_builds_once_per_document() -> None:
    doc, calls = Document(source="a.txt", text="one\ntwo\n"), []
    for _ in range(3):
        assert doc.memo("k", lambda: calls.append(1) or len(calls)) == 1
    assert calls == [1]
    assert Document(source="b.txt", text="x").memo("k", lambda: 7) == 7  # another document, its own memo


def test_memo_is_not_pickled_across_processes() -> None:
    doc = Document(source="a.txt", text="one\ntwo\n")
    doc.memo("big", lambda: list(range(1000)))
    copy = pickle.loads(pickle.dumps(doc))
    assert copy.memo("big", lambda: "rebuilt") == "rebuilt"
    assert copy.line_of(5) == 2 and copy.text == doc.text
