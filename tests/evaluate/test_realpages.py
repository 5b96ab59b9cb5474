"""Tests of scripts/realpages.py (issue 16): the crawler-style flattening and the hashed gold.

The page below is written for this test; the pages-dev check reads ../shared/eval and is
skipped when that folder is absent.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES_DEV = ROOT.parent / "shared" / "eval" / "pages-dev"

pytestmark = pytest.mark.issue(16)


def _script():
    spec = importlib.util.spec_from_file_location("realpages", ROOT / "scripts" / "realpages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PAGE = (
    "<html><head><title>Не видно</title><script>var x = 1;</script></head><body>"
    "<div class='logo'>Тундра-<b>Инфо</b></div><nav><a href='/'>Главная</a><br><a href='/n'>Новости</a></nav>"
    "<!-- счётчик --><h1>Оленеводам дадут субсидии</h1>"
    "<p>Губернатор подписал закон\u00ad о поддержке  оленеводов.</p><style>p{}</style>"
    "<p style='display:none'>Скрытый текст остаётся в дампе.</p></body></html>"
)


def test_realpages_flatten_like_a_crawler():
    realpages = _script()
    dump = realpages.flatten(PAGE.encode("cp1251").replace(b"<head>", b"<head><meta charset='windows-1251'>"))
    assert dump.split("\n\n") == [
        "Тундра-Инфо",
        "Главная",
        "Новости",
        "Оленеводам дадут субсидии",
        "Губернатор подписал закон о поддержке оленеводов.",
        "Скрытый текст остаётся в дампе.",
    ]


def test_realpages_build_checks_line_hashes(tmp_path, monkeypatch):
    realpages = _script()
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "01_tundra.example.html").write_text(PAGE, encoding="utf-8")
    lines = realpages.dump_lines(realpages.flatten(PAGE.encode("utf-8")))
    record = {
        "page": "01_tundra.example", "url": "https://tundra.example/2024/03/15/oleni", "title_line": 3,
        "title_hash": realpages.line_hash(lines[3]), "body_lines": [4], "body_hashes": [realpages.line_hash(lines[4])],
        "optional_lines": [], "site_name": "Тундра-Инфо", "published": "2024-03-15", "views": None,
    }
    manifest = tmp_path / "realpages.jsonl"
    manifest.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    monkeypatch.setattr(realpages, "MANIFEST", manifest)
    assert realpages.build(tmp_path) == 0
    gold = json.loads((tmp_path / "gold.jsonl").read_text(encoding="utf-8"))
    assert gold["title"] == "Оленеводам дадут субсидии" and gold["body"] == [lines[4]]
    # A page whose dump no longer matches the gold is refused, not scored.
    record["body_hashes"] = ["0" * 16]
    manifest.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert realpages.build(tmp_path) == 1


def test_realpages_flatten_rebuilds_pages_dev():
    if not PAGES_DEV.exists():
        pytest.skip("../shared/eval not present")
    assert _script().check_flatten() == 0


REALPAGES = Path("/work/realpages")


def _named(realpages, name):
    """A manifest path by the name the tests give it ("TUNE4_MANIFEST" is ``TUNE_MANIFESTS[4]``)."""
    tune = re.fullmatch(r"TUNE(\d+)_MANIFEST", name)
    return realpages.TUNE_MANIFESTS[int(tune.group(1))] if tune else getattr(realpages, name)


def _manifest(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", ["WINDOWS_MANIFEST", "HELDOUT_MANIFEST", "TUNE2_MANIFEST", "TUNE3_MANIFEST", "TUNE4_MANIFEST", "TUNE5_MANIFEST", "TUNE6_MANIFEST", "TUNE7_MANIFEST", "TUNE8_MANIFEST", "TUNE9_MANIFEST", "TUNE10_MANIFEST"])
def test_realpages_windows_manifest_has_no_text(name):
    """The windows manifests keep indexes, hashes and metadata, never a line of the pages."""
    for record in _manifest(_named(_script(), name)):
        assert not {"title", "body", "text"} & set(record)
        assert len(record["body_hashes"]) == len(record["body_lines"]) and len(record["title_hash"]) == 16
        assert len(record["optional_hashes"]) == len(record["optional_lines"])


def test_realpages_heldout_windows_are_other_outlets():
    """The held-out windows come from 30 outlets that neither the first windows nor pages-dev have."""
    realpages = _script()
    heldout = {r["host"] for r in _manifest(realpages.HELDOUT_MANIFEST)}
    first = {r["host"] for r in _manifest(realpages.WINDOWS_MANIFEST)}
    assert len(heldout) == 30 and not heldout & first
    if PAGES_DEV.exists():
        assert not heldout & {path.stem.split("_", 1)[1] for path in (PAGES_DEV / "dumps").glob("*.txt")}


def test_realpages_third_windows_are_other_outlets():
    """The third set's 30 windows come from outlets that no other set and not pages-dev have."""
    realpages = _script()
    third = {r["host"] for r in _manifest(realpages.TUNE_MANIFESTS[2])}
    others = {r["host"] for name in ("WINDOWS_MANIFEST", "HELDOUT_MANIFEST") for r in _manifest(_named(realpages, name))}
    assert len(third) == 30 and not third & others
    if PAGES_DEV.exists():
        assert not third & {path.stem.split("_", 1)[1] for path in (PAGES_DEV / "dumps").glob("*.txt")}


def test_realpages_fourth_windows_are_other_outlets():
    """The fourth set's 30 windows come from outlets that no other set and not pages-dev have."""
    realpages = _script()
    fourth = {r["host"] for r in _manifest(realpages.TUNE_MANIFESTS[3])}
    others = {r["host"] for name in ("WINDOWS_MANIFEST", "HELDOUT_MANIFEST", "TUNE2_MANIFEST")
              for r in _manifest(_named(realpages, name))}
    assert len(fourth) == 30 and not fourth & others
    if PAGES_DEV.exists():
        assert not fourth & {path.stem.split("_", 1)[1] for path in (PAGES_DEV / "dumps").glob("*.txt")}


def test_realpages_fresh_check_sets_are_other_outlets():
    """Sets 5-12 (16, 8, 6, 7, 7, 5, 3 and 30 windows) come from outlets that no other set and not pages-dev have."""
    realpages = _script()
    seen = {r["host"] for name in ("WINDOWS_MANIFEST", "HELDOUT_MANIFEST", "TUNE2_MANIFEST", "TUNE3_MANIFEST")
            for r in _manifest(_named(realpages, name))}
    if PAGES_DEV.exists():
        seen |= {path.stem.split("_", 1)[1] for path in (PAGES_DEV / "dumps").glob("*.txt")}
    for name, size in (("TUNE4_MANIFEST", 16), ("TUNE5_MANIFEST", 8), ("TUNE6_MANIFEST", 6), ("TUNE7_MANIFEST", 7), ("TUNE8_MANIFEST", 7), ("TUNE9_MANIFEST", 5), ("TUNE10_MANIFEST", 3), ("TUNE11_MANIFEST", 30)):
        hosts = {r["host"] for r in _manifest(_named(realpages, name))}
        assert len(hosts) == size and not hosts & seen
        seen |= hosts


@pytest.mark.parametrize("folder, manifest, out", [
    (REALPAGES, "WINDOWS_MANIFEST", "windows_set"),
    (REALPAGES / "heldout2", "HELDOUT_MANIFEST", "set"),
    (REALPAGES / "set3", "TUNE2_MANIFEST", "windows_set"),
    (REALPAGES / "set4", "TUNE3_MANIFEST", "windows_set"),
    (REALPAGES / "set5", "TUNE4_MANIFEST", "windows_set"),
    (REALPAGES / "set6", "TUNE5_MANIFEST", "windows_set"),
    (REALPAGES / "set7", "TUNE6_MANIFEST", "windows_set"),
    (REALPAGES / "set8", "TUNE7_MANIFEST", "windows_set"),
    (REALPAGES / "set9", "TUNE8_MANIFEST", "windows_set"),
    (REALPAGES / "set10", "TUNE9_MANIFEST", "windows_set"),
    (REALPAGES / "set11", "TUNE10_MANIFEST", "windows_set"),
    (REALPAGES / "set12", "TUNE11_MANIFEST", "windows_set"),
])
def test_realpages_windows_match_their_hashes(tmp_path, folder, manifest, out):
    """Every saved window still matches the gold's line hashes (skipped without /work/realpages)."""
    if not (folder / "windows").is_dir():
        pytest.skip(f"{folder / 'windows'} not present (the real windows live outside the repository)")
    realpages = _script()
    (tmp_path / "windows").symlink_to(folder / "windows")
    assert realpages.build_windows(tmp_path, _named(realpages, manifest), tmp_path / out) == 0
    gold = [json.loads(line) for line in (tmp_path / out / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(gold) == len({g["host"] for g in gold}) == len(_manifest(_named(realpages, manifest)))


def test_realpages_windows_refuse_a_changed_window(tmp_path, monkeypatch):
    """A window whose line no longer hashes as the gold says is refused, not scored."""
    realpages = _script()
    text = "Рубрика\nВ Тундре открыли школу\nВ посёлке открыли новую школу на сто учеников, сообщили в районе."
    (tmp_path / "windows").mkdir()
    (tmp_path / "windows" / "01_tundra.example.txt").write_text(text, encoding="utf-8")
    lines = realpages.dump_lines(text)
    record = {"page": "01_tundra.example", "host": "tundra.example", "title_line": 1, "title_hash": realpages.line_hash(lines[1]),
              "body_lines": [2], "body_hashes": [realpages.line_hash(lines[2])], "optional_lines": [], "optional_hashes": [],
              "site_name": "tundra.example", "published": None, "url_date": None, "views": None, "n_lines": 3}
    manifest = tmp_path / "realwindows.jsonl"
    manifest.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    monkeypatch.setattr(realpages, "WINDOWS_MANIFEST", manifest)
    assert realpages.build_windows(tmp_path) == 0
    gold = json.loads((tmp_path / "windows_set" / "gold.jsonl").read_text(encoding="utf-8"))
    assert gold["title"] == "В Тундре открыли школу" and "body_hashes" not in gold
    (tmp_path / "windows" / "01_tundra.example.txt").write_text(text.replace("сто", "двести"), encoding="utf-8")
    assert realpages.build_windows(tmp_path) == 1


def test_realpages_hash_pages_writes_a_manifest_without_text(tmp_path):
    """hash-pages turns an annotation of indexes into a manifest of hashes that build accepts."""
    realpages = _script()
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "01_tundra.example.html").write_text(PAGE, encoding="utf-8")
    source = {"page": "01_tundra.example", "source": {"repo": "team/fixture", "path": "p.html", "commit": "0" * 40},
              "url": "https://tundra.example/2024/03/15/oleni", "why": "a page written for this test"}
    note = {"page": "01_tundra.example", "title_line": 3, "body_lines": [4], "optional_lines": [5],
            "site_name_line": 0, "site_name": "Тундра-Инфо", "published": None, "views": None, "note": "test"}
    (tmp_path / "html" / "sources.jsonl").write_text(json.dumps(source, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "html" / "annotation.jsonl").write_text(json.dumps(note, ensure_ascii=False) + "\n", encoding="utf-8")
    manifest = tmp_path / "realpages.jsonl"
    assert realpages.hash_pages(tmp_path, manifest) == 0
    record = json.loads(manifest.read_text(encoding="utf-8"))
    assert not {"title", "body", "text"} & set(record)
    assert record["source"]["repo"] == "team/fixture" and len(record["body_hashes"]) == 1
    assert len(record["optional_hashes"]) == 1 and record["n_lines"] == 6
    realpages.MANIFEST = manifest
    assert realpages.build(tmp_path) == 0


def test_realpages_pages_manifest_has_no_text():
    """The pages manifest keeps indexes, hashes and metadata, never a line of the pages."""
    realpages = _script()
    if not realpages.MANIFEST.exists():
        pytest.skip("no pages manifest yet")
    for record in _manifest(realpages.MANIFEST):
        assert not {"title", "body", "text"} & set(record)
        assert len(record["body_hashes"]) == len(record["body_lines"]) and len(record["title_hash"]) == 16
