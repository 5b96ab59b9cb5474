"""`svodka analyze` prints what the team stored before the issue-12 refactor.

The stored output (tests/gold/analyze, written by scripts/expected_output.py) is compared
leaf by leaf: a field the analysis adds is allowed, a changed or missing value is not, and
every list keeps its length. An intended change regenerates the files (see the script).
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from .conftest import ROOT

_spec = importlib.util.spec_from_file_location("expected_output", ROOT / "scripts" / "expected_output.py")
expected_output = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(expected_output)


@pytest.mark.issue(12)
def test_sample_corpus_output_is_unchanged():
    expected = [json.loads(line) for line in expected_output.SAMPLE_FILE.read_text(encoding="utf-8").splitlines() if line]
    diffs = expected_output.differences(expected_output.leaves(expected), expected_output.leaves(expected_output.sample_records()))
    assert not diffs, "\n".join(diffs[:40])


@pytest.mark.issue(12)
def test_founding_example_output_is_unchanged(seed_text):
    diffs = expected_output.differences(expected_output.read_seed_file(), expected_output.seed_leaves())
    assert not diffs, "\n".join(diffs[:40])


def test_differences_allow_added_fields_only():
    old = expected_output.leaves({"a": [1, {"b": "x"}]})
    assert expected_output.differences(old, expected_output.leaves({"a": [1, {"b": "x", "c": 2}]})) == []
    assert expected_output.differences(old, expected_output.leaves({"a": [1, {"b": "y"}]})) == ["$.a[1].b: changed"]
    assert expected_output.differences(old, expected_output.leaves({"a": [1, {"b": "x"}, 3]})) == ["$.a#len: changed"]
