"""Regenerate the binary variants of the sample corpus from its UTF-8 sources.

The sample corpus in ``data/sample`` is written by the team as UTF-8 text. A few
inputs must exist as bytes in other shapes to exercise the readers, and those are
derived here so that nobody edits a binary file by hand:

- ``data/sample/warc/sample.warc.gz``: a gzipped WARC with one ``warcinfo`` record and
  three HTML ``response`` records built from pages in ``data/sample/html``. The third
  page is served in windows-1251 (HTTP header and ``<meta charset>`` rewritten) so the
  WARC reader has to honour the declared charset.
- ``data/sample/dumps/*_cp1251.txt`` and ``*_koi8r.txt``: crawler dumps from
  ``data/src`` re-encoded in the two legacy Cyrillic encodings.

The output is deterministic (fixed record ids and dates, zlib's gzip header carries
no timestamp), so re-running the script leaves ``git status`` clean.

Usage: ``.venv/bin/python scripts/make_sample_binaries.py [--root data/sample]``
"""

from __future__ import annotations

import argparse
import io
import re
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# Default sample directory, relative to the repository root (this file's parent's parent).
DEFAULT_ROOT = Path(__file__).resolve().parents[1] / "data" / "sample"

# Namespace for the fixed WARC-Record-IDs: uuid5 of a name gives the same id on every run.
RECORD_ID_NAMESPACE = uuid.UUID("6f1c2c8e-1a43-4a0e-9a57-0c5b1d2e7f10")

# Capture time written into every record; any fixed value keeps the output reproducible.
WARC_DATE = "2019-10-02T08:00:00Z"

# (html file under html/, URL it is served from, charset it is served in).
WARC_PAGES = [
    (
        "stepnoy-kurier_grain-afghanistan.html",
        "https://stepnoy-kurier.example/ekonomika/2019/04/23/zerno-afganistan",
        "utf-8",
    ),
    (
        "kavkazskiy-obozrevatel_armenia-eabr-loan.html",
        "https://kavobozrevatel.example/economy/2019/05/22/armeniya-eabr-kredit-sever-yug",
        "utf-8",
    ),
    (
        "fergana-vestnik_kyrgyz-border.html",
        "https://fergana-vestnik.example/news/politics/12873-demarkaciya-granicy",
        "windows-1251",
    ),
]

# (source under src/, encoding, suffix of the dump written under dumps/).
ENCODED_DUMPS = [
    ("13_evrazia-digest_armenia-eabr-loan.txt", "cp1251", "_cp1251"),
    ("14_yerevan-courier_odkb-exercise.txt", "koi8_r", "_koi8r"),
]

# A charset declaration in <meta>: both the HTML5 and the http-equiv spelling.
META_CHARSET_RE = re.compile(r"charset=[\"']?[A-Za-z0-9_-]+", re.IGNORECASE)


def _record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(RECORD_ID_NAMESPACE, name)}>"


def _encode_page(html: str, charset: str) -> bytes:
    """Encode a page, rewriting its charset declaration so the bytes tell the truth."""
    if charset.lower() != "utf-8":
        html = META_CHARSET_RE.sub(f"charset={charset}", html, count=1)
    return html.encode(charset)


def write_warc(root: Path) -> Path:
    """Write ``warc/sample.warc.gz`` from the pages in WARC_PAGES; return its path."""
    out = root / "warc" / "sample.warc.gz"
    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True, warc_version="1.0")
    info = writer.create_warcinfo_record(
        "sample.warc.gz",
        {"software": "svodka scripts/make_sample_binaries.py", "description": "svodka sample corpus, written by the team"},
    )
    # create_warcinfo_record takes no header overrides, so pin the random ones afterwards.
    info.rec_headers.replace_header("WARC-Date", WARC_DATE)
    info.rec_headers.replace_header("WARC-Record-ID", _record_id("warcinfo"))
    writer.write_record(info)
    for name, url, charset in WARC_PAGES:
        body = _encode_page((root / "html" / name).read_text(encoding="utf-8"), charset)
        http_headers = StatusAndHeaders(
            "200 OK",
            [
                ("Content-Type", f"text/html; charset={charset}"),
                ("Content-Length", str(len(body))),
                ("Server", "nginx"),
            ],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": WARC_DATE, "WARC-Record-ID": _record_id(url)},
        )
        writer.write_record(record)
    out.write_bytes(buf.getvalue())
    return out


def write_encoded_dumps(root: Path) -> list[Path]:
    """Re-encode the sources in ENCODED_DUMPS into ``dumps/``; return the paths written."""
    written = []
    for name, encoding, suffix in ENCODED_DUMPS:
        text = (root.parent / "src" / name).read_text(encoding="utf-8")
        out = root / "dumps" / (Path(name).stem + suffix + ".txt")
        # Fail loudly on a character the legacy encoding lacks instead of writing "?".
        out.write_bytes(text.encode(encoding, errors="strict"))
        written.append(out)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="the data/sample directory")
    args = parser.parse_args(argv)
    for path in [write_warc(args.root), *write_encoded_dumps(args.root)]:
        print(f"{path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
