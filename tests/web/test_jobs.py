"""The analysis jobs (``_jobs``), run in this process: what they count, name and stop at.

In a server they run in a worker process; here they get the session models directly, so a
stage can be replaced (monkeypatch) to fail in a chosen way.
"""

from __future__ import annotations

import pytest

from svodka import pipeline
from svodka.web import _jobs

NEWS_TEXT = "Глава Заречинска Павел Сорокин заявил во вторник, что ремонт Северного моста начнётся в мае."


def _stage_raising(exc: BaseException, calls: list[int]):
    """A pipeline stage that counts its calls and raises ``exc``."""

    def stage(article, models):
        calls.append(1)
        raise exc

    return stage


@pytest.mark.issue(11)
def test_jobs_memory_error_of_a_stage_stops_the_job(models, monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(pipeline, "STAGES", [_stage_raising(MemoryError(), calls)])
    with pytest.raises(MemoryError):
        _jobs.analyze_items(models, [{"text": NEWS_TEXT}, {"text": NEWS_TEXT + " Ещё."}])
    assert len(calls) == 1


@pytest.mark.issue(11)
def test_jobs_analyze_files_stops_at_the_first_memory_error(models, monkeypatch):
    # It used to analyse every file and raise only at the end, with the heap in any state.
    calls: list[int] = []
    monkeypatch.setattr(pipeline, "STAGES", [_stage_raising(MemoryError(), calls)])
    files = [(f"{i}.txt", f"{NEWS_TEXT} Номер {i}.".encode()) for i in range(3)]
    with pytest.raises(MemoryError):
        _jobs.analyze_files(models, files, 5_000_000)
    assert len(calls) == 1


@pytest.mark.issue(11)
def test_jobs_memory_error_is_known_by_type_not_by_words(models, monkeypatch):
    # A stage bug whose message happens to say "MemoryError" is an ordinary failure.
    calls: list[int] = []
    monkeypatch.setattr(pipeline, "STAGES", [_stage_raising(ValueError("MemoryError in the text"), calls)])
    articles, failures, read = _jobs.analyze_items(models, [{"text": NEWS_TEXT}])
    assert (articles, read, len(failures)) == ([], 1, 1)
    name, status, message, count, reason = failures[0]
    assert status == 500 and count == 1 and "MemoryError in the text" in reason


@pytest.mark.issue(11)
def test_jobs_failures_carry_the_bare_reason_and_unique_names(models):
    _, failures, read = _jobs.analyze_items(models, [{"text": "  "}, {"text": " ", "url": "https://news.example/a"}], label="request 0a1b2c3d")
    assert read == 2
    (first, _, message, _, reason), (second, *_rest) = failures
    assert first == "<request 0a1b2c3d #1>" and second == "https://news.example/a"
    assert message == f"{first}: {reason}" and not reason.startswith("<request")


@pytest.mark.issue(11)
def test_jobs_analyze_files_counts_the_records_it_read(models):
    bad_lines = "\n".join(["{not json"] * 8).encode("utf-8")
    files = [("a.txt", NEWS_TEXT.encode()), ("empty.txt", b""), ("records.jsonl", bad_lines)]
    articles, failures, read = _jobs.analyze_files(models, files, 5_000_000)
    assert read == 10 and len(articles) == 1 and sum(f[3] for f in failures) == 9
