"""Dask maps the ordinary pipeline over partitions: same records as a plain run."""

import pytest

pytest.importorskip("dask", reason="Dask is not installed (pip install 'svodka[scale]')")

from svodka.ingest.job import store_records  # noqa: E402
from svodka.scale import analyze_paths  # noqa: E402
from svodka.store import open_store  # noqa: E402

from .conftest import SAMPLE  # noqa: E402


def test_scale_local_dask_matches_plain_pipeline(models, tmp_path):
    from svodka.ingest.readers import read_paths
    from svodka.pipeline import analyze_documents

    inputs = [str(SAMPLE / "dumps"), str(tmp_path / "missing.txt")]
    articles, rejected = analyze_paths(inputs, partition_paths=5)
    plain = [a.to_dict() for a in analyze_documents(read_paths([str(SAMPLE / "dumps")]), models=models)]
    assert sorted(a["title"] for a in articles) == sorted(a["title"] for a in plain)
    assert [name for name, _ in rejected] == [str(tmp_path / "missing.txt")]


def test_scale_records_are_stored_idempotently(tmp_path):
    records = [{"article": a} for a in analyze_paths([str(SAMPLE / "feeds")])[0]] + [{"rejected": ["bad.txt", "empty file"]}]
    store = open_store(tmp_path / "s.db")
    first = store_records(records, store)
    again = store_records(records, store)
    store.close()
    assert first.stored == len(records) - 1 and first.rejected == 1
    assert again.stored == 0 and again.duplicates == len(records) - 1
