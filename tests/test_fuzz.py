"""Fuzz: hostile bytes, HTML, feeds, WARC and JSONL through the readers, the cleaners, the
analysis and the ingest job (issue 11). Bounded to a few seconds here; ``make fuzz`` runs the
same shapes, bigger, for minutes, with time and memory per input measured in subprocesses.

What must hold for any input: nothing escapes but a ``SvodkaError`` passed to the handler;
every input yields at least one document or error; every document ends as exactly one article
or one error; the good document of the same batch is stored, and
``read == stored + duplicates + rejected``.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svodka.errors import SvodkaError
from svodka.ingest import job
from svodka.ingest.readers import read_bytes
from svodka.model import Document
from svodka.pipeline import analyze_documents

from .hostile import GOOD_TEXT, SHAPES, make

# Examples per test in `make test` (each analyses a few documents: ~0.1 s); `make fuzz` runs more.
EXAMPLES = 25
# The largest input `read_bytes` is given here (the default max_bytes is 5 MB; `make fuzz` uses it).
MAX_BYTES = 1_000_000

FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


@pytest.mark.issue(11)
@FUZZ
@given(shape=st.sampled_from(sorted(SHAPES)), seed=st.integers(0, 2**32 - 1))
def test_fuzz_read_clean_analyse(models, shape, seed):
    name, data = make(shape, seed)
    items = list(read_bytes(data, name, max_bytes=MAX_BYTES))
    assert items, f"{name}: the input vanished (no document, no error)"
    assert all(isinstance(i, (Document, SvodkaError)) for i in items)
    docs = [i for i in items if isinstance(i, Document)]
    errors: list[SvodkaError] = []
    articles = list(analyze_documents(docs, models=models, on_error=errors.append))
    assert len(articles) + len(errors) == len(docs)
    assert all(e.name for e in errors), [str(e) for e in errors]


@pytest.mark.issue(11)
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture], derandomize=True)
@given(shapes=st.lists(st.sampled_from(sorted(SHAPES)), min_size=1, max_size=4), seed=st.integers(0, 2**32 - 1))
def test_fuzz_ingest_keeps_the_good_document(models, tmp_path_factory, shapes, seed):
    from svodka.store import open_store

    inputs = [make(shape, seed + i) for i, shape in enumerate(shapes)]
    good = ("good.txt", GOOD_TEXT.encode("utf-8"))
    stream = []
    for name, data in inputs[:1] + [good] + inputs[1:]:
        stream.extend(read_bytes(data, name, max_bytes=MAX_BYTES))
    store = open_store(str(tmp_path_factory.mktemp("fuzz") / "a.db"))
    try:
        summary = job.ingest(stream, store, workers=1, batch_size=3, models=models)
        assert summary.balanced, summary.line()
        titles = [a["title"] for a in store.articles(limit=100)[0]]
        assert any("элеватор" in (t or "") for t in titles), (summary.line(), summary.errors)
    finally:
        store.close()
