"""The archive written out: JSON lines (the full Article) or CSV (rows a spreadsheet reads).

    export(db, "jsonl", "archive.jsonl")                 # one Article per line
    export(db, "csv", sys.stdout, what="quotes")         # one statement per row
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Iterator, TextIO

from ..nlp.language import is_russian
from .database import Database
from .queries import article_from_row, load_raw

__all__ = ["export", "CSV_ARTICLE_COLUMNS", "CSV_QUOTE_COLUMNS"]

# Columns of ``export("csv")``: one row per article, names of each type joined by "; ".
CSV_ARTICLE_COLUMNS = ("id", "url", "source", "published", "title", "views", "persons", "organisations", "places", "quotes", "story", "language")
# Columns of ``export(..., what="quotes")``: one row per statement.
CSV_QUOTE_COLUMNS = ("article_id", "url", "source", "published", "title", "speaker", "kind", "cue", "via", "text")
# Articles read per statement while exporting.
EXPORT_BATCH = 1000


def _rows(db: Database) -> Iterator[tuple]:
    """Every article row (id, url, source, published, title, views, text, raw, story, language), in id order."""
    last = 0
    while True:
        rows = db.execute(
            "SELECT a.id, a.url, s.name, a.published, a.title, a.views, a.text, a.raw, a.story_id, a.language FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
            "WHERE a.id > ? ORDER BY a.id LIMIT ?",
            [last, EXPORT_BATCH],
        )
        if not rows:
            return
        yield from rows
        last = rows[-1][0]


def _quote_records(row: tuple) -> Iterator[list]:
    """One record (``CSV_QUOTE_COLUMNS``) per statement of an article row."""
    aid, url, src, published, title, _, _, raw, _, language = row
    # An article in another language has no statements (an old archive's analysis of it is dropped: see article_from_row).
    for q in load_raw(raw).get("quotes", []) if is_russian(language) else []:
        speaker = (q.get("speaker") or {}).get("name")
        yield [aid, url, src, published, title, speaker, q.get("kind"), q.get("cue"), q.get("via"), q.get("text")]


def _article_record(row: tuple) -> list:
    """The CSV record (``CSV_ARTICLE_COLUMNS``) of an article row."""
    aid, url, src, published, title, views, _, raw, story, language = row
    data = load_raw(raw) if is_russian(language) else {}  # another language: no entities, no statements (see article_from_row)
    names: dict[str, list[str]] = {"PER": [], "ORG": [], "LOC": []}
    for e in data.get("entities", []):
        if e.get("type") in names and e.get("name"):
            names[e["type"]].append(e["name"])
    return [aid, url, src, published, title, views, *("; ".join(names[t]) for t in ("PER", "ORG", "LOC")), len(data.get("quotes", [])), story, language]


def _article_line(row: tuple) -> str:
    """The JSON line of an article row: the full Article, its archive id and story in extras."""
    aid, _, _, _, _, _, text, raw, story, language = row
    article = article_from_row(text, raw, language)
    article.extras["store"] = {"id": aid, "story": story}
    return article.to_json()


def export(db: Database, fmt: str, out: TextIO | str | Path, *, what: str = "articles") -> int:
    """Write the archive as JSON lines (the full Article) or CSV (rows a spreadsheet reads).

    Args:
        fmt: "jsonl" or "csv".
        out: a text stream or a path.
        what: "articles" (one row or line per article; CSV columns in ``CSV_ARTICLE_COLUMNS``)
            or "quotes" (one per statement, with its article; ``CSV_QUOTE_COLUMNS``).

    Returns:
        The number of rows (articles or statements) written.
    """
    if fmt not in ("jsonl", "csv"):
        raise ValueError(f"unknown export format {fmt!r}: use 'jsonl' or 'csv'")
    if what not in ("articles", "quotes"):
        raise ValueError(f"unknown export {what!r}: use 'articles' or 'quotes'")
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return export(db, fmt, fh, what=what)
    writer: Any = csv.writer(out) if fmt == "csv" else None
    if writer:
        writer.writerow(CSV_QUOTE_COLUMNS if what == "quotes" else CSV_ARTICLE_COLUMNS)
    n = 0
    for row in _rows(db):
        if what == "quotes":
            for record in _quote_records(row):
                if writer:
                    writer.writerow(record)
                else:
                    out.write(json.dumps(dict(zip(CSV_QUOTE_COLUMNS, record)), ensure_ascii=False) + "\n")
                n += 1
        else:
            if writer:
                writer.writerow(_article_record(row))
            else:
                out.write(_article_line(row) + "\n")
            n += 1
    return n
