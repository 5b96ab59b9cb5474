"""Rebuild the second real set of news pages (issue 16) outside the repository.

The set measures cleaning on sites nobody here tuned for. The repository keeps only
``tests/gold/clean/realpages.jsonl``: for each page where it came from (public repository,
path, commit, the page's URL and crawl time) and a blind hand annotation of its dump as line
indexes with a hash of each line, never the text. The pages themselves stay outside:

    /work/realpages/html/NN_<host>.html    the page bytes, as read from the source address
    /work/realpages/dumps/NN_<host>.txt    built here: the crawler-style dump
    /work/realpages/gold.jsonl             built here: the gold in the pages-dev layout

so ``svodka eval clean /work/realpages`` scores it like pages-dev. Commands:

    .venv/bin/python scripts/realpages.py dumps [DIR]      # html/ -> dumps/ (+ gold.jsonl)
    .venv/bin/python scripts/realpages.py show DIR PAGE    # numbered dump lines, to annotate
    .venv/bin/python scripts/realpages.py hash-pages [DIR]  # html/annotation.jsonl -> the pages manifest
    .venv/bin/python scripts/realpages.py check-flatten    # the flattening against pages-dev
    .venv/bin/python scripts/realpages.py windows [DIR]    # windows/ -> windows_set/ (dumps/ + gold.jsonl)
    .venv/bin/python scripts/realpages.py hash-windows [DIR]   # windows/annotation.jsonl -> the manifest
    .venv/bin/python scripts/realpages.py windows --heldout    # the held-out windows -> heldout2/set/

The pages themselves (``DIR/html/NN_<host>.html``) are real article pages from public GitHub
repositories (test fixtures of parsers and extractors), read with the ``search`` tool's
``read_file`` and written out in the charset the page declares; ``DIR/html/sources.jsonl`` keeps,
per page, its repository, path and commit, its canonical URL and a one-line note (the manifest
keeps the note as ``copy_note``: what the local copy elided, for a rebuild to elide the same). The dump
ignores scripts, so a local copy may elide the body of a long inline script (said in its
``sources.jsonl`` line); the gold, kept as hashes of dump lines, is the same for the original
page. They are annotated blind on their dumps (``show``) in ``DIR/html/annotation.jsonl`` (line indexes, site
name, date as shown, views, note; no text) and ``hash-pages`` turns that into the manifest; the
cleaner is never run on a page before its first score.

A second kind of page comes from the ``search`` tool's ``pages`` corpus, which keeps crawled
text, not HTML: a **window** of about 1,200 characters of a page's dump (often its opening:
headline, date, views), saved exactly as returned in ``DIR/windows/NN_<host>.txt`` with
``DIR/windows/sources.jsonl`` (url, query, date read). The repository keeps their blind gold in
``tests/gold/clean/realwindows.jsonl`` (line indexes and hashes, ``title_end`` when the headline
line also carries a date, ``title_start`` when the stored copy glued its metadata before it,
``site_name``, ``published`` as shown, ``url_date``, ``views``, url,
host, query; no text). ``windows`` copies each window to ``DIR/windows_set/dumps/`` and writes
``DIR/windows_set/gold.jsonl``, refusing a window whose lines no longer match their hashes, so
``svodka eval clean DIR/windows_set`` scores the dumps (there is no ``html/``).
A second, **held-out** set of 30 windows (30 more outlets, none of the first set's nor
pages-dev's) measures the cleaner out of sample: its windows are in ``/work/realpages/heldout2/
windows/``, its manifest is ``tests/gold/clean/realwindows_heldout.jsonl`` and ``--heldout``
builds ``/work/realpages/heldout2/set/`` (the same code path, other folder and manifest; ``--manifest``
and ``--out`` name any other pair). No cleaning rule may be tuned on it.
A third set of 30 windows (30 more outlets, none of the sets above nor pages-dev's), annotated
blind and scored once before any rule was tuned on it, is a second tuning set: its windows are in
``/work/realpages/set3/windows/``, its manifest is ``tests/gold/clean/realwindows_tune2.jsonl``:

    .venv/bin/python scripts/realpages.py windows /work/realpages/set3 \
        --manifest tests/gold/clean/realwindows_tune2.jsonl   # -> /work/realpages/set3/windows_set/
A fourth set (30 more outlets, none of the sets above nor pages-dev's; regional Russian,
Central Asian, Caucasian, Baltic, Belarusian and Moldovan outlets; news, sport, business,
culture), annotated blind and scored once before any rule was tuned on it, is a third tuning
set: its windows are in ``/work/realpages/set4/windows/``, its manifest is
``tests/gold/clean/realwindows_tune3.jsonl``:

    .venv/bin/python scripts/realpages.py windows /work/realpages/set4 \
        --manifest tests/gold/clean/realwindows_tune3.jsonl   # -> /work/realpages/set4/windows_set/
Two smaller fresh sets from still other outlets, each annotated blind and scored once before
any rule was tuned on it, measured how far set 4's rules carry: set 5 (16 windows,
``/work/realpages/set5/windows/``, ``tests/gold/clean/realwindows_tune4.jsonl``) and set 6
(8 windows, ``/work/realpages/set6/windows/``, ``tests/gold/clean/realwindows_tune5.jsonl``),
then set 7 (6 windows, ``/work/realpages/set7/windows/``, ``tests/gold/clean/realwindows_tune6.jsonl``)
set 8 (7 windows, ``/work/realpages/set8/windows/``, ``tests/gold/clean/realwindows_tune7.jsonl``)
set 9 (7 windows, ``/work/realpages/set9/windows/``, ``tests/gold/clean/realwindows_tune8.jsonl``)
set 10 (5 windows, ``/work/realpages/set10/windows/``, ``tests/gold/clean/realwindows_tune9.jsonl``)
and set 11 (3 windows, ``/work/realpages/set11/windows/``, ``tests/gold/clean/realwindows_tune10.jsonl``);
all were tuned on afterwards.
Site-name convention of that gold: the outlet's own name when the window shows it (a logo or
signature line, a copyright line, the outlet's dateline signature, a promo line naming it),
else the page's host without ``www.``.

The dump is flattened the way pages-dev's README describes its crawler (lxml HTML parser;
``head``, scripts, styles, iframes, ... and comments dropped; CSS ignored; every block element
and ``<br>`` starts a line; whitespace collapsed, invisible characters removed, empty lines
dropped; one blank line between lines; bytes decoded by BOM, declared charset, UTF-8, cp1251).
``check-flatten`` rebuilds pages-dev's dumps from its HTML and counts identical files.

A gold record (one JSON object per line) holds ``page``, ``source`` ({repo, path, commit}),
``url``, ``crawled`` (optional), ``title_line``/``title_hash``, ``body_lines``/``body_hashes``,
``optional_lines``, ``site_name`` (the outlet's name as shown, or the domain when the page
shows none), ``published`` (``YYYY-MM-DD`` or null) and ``views``. A line hash is the first 16
hex digits of SHA-256 of the line's normalised text (``svodka.evaluate.clean.normalize_text``).
``dumps`` refuses a page whose dump lines no longer match their hashes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

from lxml import etree, html as lxml_html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from svodka.evaluate.clean import decode_html, normalize_text  # noqa: E402

CLEAN_GOLD = ROOT / "tests" / "gold" / "clean"
MANIFEST = CLEAN_GOLD / "realpages.jsonl"
WINDOWS_MANIFEST = CLEAN_GOLD / "realwindows.jsonl"
HELDOUT_MANIFEST = CLEAN_GOLD / "realwindows_heldout.jsonl"
# The tuning window sets after the first (sets 3 to 12): manifest n is realwindows_tune{n}.jsonl.
TUNE_MANIFESTS = {n: CLEAN_GOLD / f"realwindows_tune{n}.jsonl" for n in range(2, 12)}
DEFAULT_DIR = Path("/work/realpages")
HELDOUT_DIR = DEFAULT_DIR / "heldout2"
PAGES_DEV = ROOT.parent / "shared" / "eval" / "pages-dev"

# Elements whose text a crawler never shows (a <title> stray in the body included).
DROP_TAGS = ("head", "title", "script", "style", "noscript", "template", "svg", "iframe", "object", "embed")

# Block-level elements: each starts a new line of the dump.
BLOCK_TAGS = frozenset(
    """
    address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption
    figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol
    p pre section summary table tbody td tfoot th thead tr ul option select textarea caption
    """.split()
)

# Characters a crawler removes: zero-width space and joiners, soft hyphen, BOM.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\u00ad\ufeff]")


def flatten(page: bytes) -> str:
    """The crawler-style dump of a page: visible text, one block per line, blank lines between."""
    text = decode_html(page)
    root = lxml_html.document_fromstring(text.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    etree.strip_elements(root, *DROP_TAGS, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    lines: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        line = " ".join(INVISIBLE.sub("", "".join(parts)).split())
        if line:
            lines.append(line)
        parts.clear()

    def walk(el: etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        block = tag in BLOCK_TAGS
        if block or tag == "br":
            flush()
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            parts.append(el.tail)

    walk(root)
    flush()
    return "\n\n".join(lines)


def line_hash(line: str) -> str:
    """The hash a gold record keeps for a dump line."""
    return hashlib.sha256(normalize_text(line).encode("utf-8")).hexdigest()[:16]


def dump_lines(dump: str) -> list[str]:
    """The non-empty lines of a dump, as the gold's indexes count them."""
    return [line for line in dump.split("\n") if line.strip()]


def _check_record(record: dict, lines: list[str]) -> list[str]:
    """What no longer matches between a gold record and the rebuilt dump."""
    problems = []
    for idx, want in [(record["title_line"], record["title_hash"])] + list(zip(record["body_lines"], record["body_hashes"])):
        if idx >= len(lines) or line_hash(lines[idx]) != want:
            problems.append(f"line {idx} does not match its hash")
    return problems


def build(folder: Path) -> int:
    """Write ``dumps/`` and ``gold.jsonl`` in ``folder`` from its ``html/`` and the manifest."""
    records = [json.loads(line) for line in MANIFEST.read_text(encoding="utf-8").splitlines() if line.strip()] if MANIFEST.exists() else []
    (folder / "dumps").mkdir(parents=True, exist_ok=True)
    gold_out, bad = [], 0
    for path in sorted((folder / "html").glob("*.html")):
        dump = flatten(path.read_bytes())
        (folder / "dumps" / f"{path.stem}.txt").write_text(dump, encoding="utf-8")
        record = next((r for r in records if r["page"] == path.stem), None)
        if record is None:
            print(f"{path.stem}: no gold record yet (annotate it with: show {folder} {path.stem})", file=sys.stderr)
            continue
        lines = dump_lines(dump)
        problems = _check_record(record, lines)
        if problems:
            bad += 1
            print(f"{path.stem}: {'; '.join(problems)}", file=sys.stderr)
            continue
        gold = dict(record)
        gold["title"] = lines[record["title_line"]]
        gold["body"] = [lines[i] for i in record["body_lines"]]
        gold["n_lines"] = len(lines)
        gold_out.append(gold)
    (folder / "gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold_out), encoding="utf-8")
    print(f"{len(gold_out)} pages with gold in {folder}, {bad} refused")
    return 1 if bad else 0


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _check_window(record: dict, lines: list[str]) -> list[str]:
    """What no longer matches between a window's gold record and its saved text."""
    problems = _check_record(record, lines)
    for idx, want in zip(record.get("optional_lines", []), record.get("optional_hashes", [])):
        if idx >= len(lines) or line_hash(lines[idx]) != want:
            problems.append(f"optional line {idx} does not match its hash")
    if record.get("n_lines") is not None and record["n_lines"] != len(lines):
        problems.append(f"{len(lines)} lines, the gold counted {record['n_lines']}")
    return problems


def build_windows(folder: Path, manifest: Path | None = None, out: Path | None = None) -> int:
    """Write ``dumps/`` and ``gold.jsonl`` in ``out`` (``folder/windows_set`` unless given) from
    ``folder/windows/`` and a windows manifest (the first set's unless given); a window that no
    longer matches is refused."""
    records = _read_jsonl(manifest or WINDOWS_MANIFEST)
    out = out or folder / "windows_set"
    (out / "dumps").mkdir(parents=True, exist_ok=True)
    gold_out, bad = [], 0
    for record in records:
        path = folder / "windows" / f"{record['page']}.txt"
        if not path.exists():
            bad += 1
            print(f"{record['page']}: no saved window at {path}", file=sys.stderr)
            continue
        text = path.read_text(encoding="utf-8")
        lines = dump_lines(text)
        problems = _check_window(record, lines)
        if problems:
            bad += 1
            print(f"{record['page']}: {'; '.join(problems)}", file=sys.stderr)
            continue
        (out / "dumps" / path.name).write_text(text, encoding="utf-8")
        gold = {k: v for k, v in record.items() if not k.endswith("_hash") and not k.endswith("_hashes")}
        title = lines[record["title_line"]]
        gold["title"] = title[record.get("title_start") or 0 : record.get("title_end") or len(title)].strip()
        gold["body"] = [lines[i] for i in record["body_lines"]]
        gold_out.append(gold)
    (out / "gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold_out), encoding="utf-8")
    print(f"{len(gold_out)} windows with gold in {out}, {bad} refused")
    return 1 if bad else 0


def hash_windows(folder: Path, manifest: Path | None = None) -> int:
    """Write a windows manifest (the first set's unless given) from ``windows/annotation.jsonl``
    (line indexes, site name, dates, views: no text) and ``windows/sources.jsonl``, adding a hash
    of every annotated line."""
    manifest = manifest or WINDOWS_MANIFEST
    sources = {r["page"]: r for r in _read_jsonl(folder / "windows" / "sources.jsonl")}
    rows = []
    for note in _read_jsonl(folder / "windows" / "annotation.jsonl"):
        lines = dump_lines((folder / "windows" / f"{note['page']}.txt").read_text(encoding="utf-8"))
        src = sources[note["page"]]
        row = {"page": note["page"], "url": src["url"], "host": note["page"].split("_", 1)[1],
               "query": src["query"], "read": src["read"], "source": {"corpus": "search tool, pages"}}
        row.update(note)
        rows.append(_with_hashes(row, note, lines))
    return _write_manifest(manifest, rows, "windows")


def _with_hashes(row: dict, note: dict, lines: list[str], site: bool = False) -> dict:
    """A manifest row with the hash of every annotated line (title, body, optional; the site
    name line with ``site``, as the pages manifest keeps it)."""
    row["title_hash"] = line_hash(lines[note["title_line"]])
    row["body_hashes"] = [line_hash(lines[i]) for i in note["body_lines"]]
    row["optional_hashes"] = [line_hash(lines[i]) for i in note.get("optional_lines", [])]
    if site and note.get("site_name_line") is not None:
        row["site_name_hash"] = line_hash(lines[note["site_name_line"]])
    row["n_lines"] = len(lines)
    return row


def _write_manifest(manifest: Path, rows: list[dict], what: str) -> int:
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} {what} hashed into {manifest}")
    return 0


def hash_pages(folder: Path, manifest: Path | None = None) -> int:
    """Write the pages manifest (``realpages.jsonl`` unless given) from ``html/annotation.jsonl``
    (line indexes, site name, date, views, note: no text) and ``html/sources.jsonl`` (repository,
    path, commit, url), adding a hash of every annotated line of each page's rebuilt dump."""
    manifest = manifest or MANIFEST
    sources = {r["page"]: r for r in _read_jsonl(folder / "html" / "sources.jsonl")}
    rows = []
    for note in _read_jsonl(folder / "html" / "annotation.jsonl"):
        lines = dump_lines(flatten((folder / "html" / f"{note['page']}.html").read_bytes()))
        src = sources[note["page"]]
        row = {"page": note["page"], "source": src["source"], "url": src.get("url")}
        if src.get("note"):
            row["copy_note"] = src["note"]  # what the local copy elided: a rebuild elides the same
        row.update({k: v for k, v in note.items() if k != "page"})
        rows.append(_with_hashes(row, note, lines, site=True))
    return _write_manifest(manifest, rows, "pages")


def show(folder: Path, page: str) -> int:
    """Print a dump's lines with their indexes and hashes, for a blind annotation."""
    for i, line in enumerate(dump_lines((folder / "dumps" / f"{page}.txt").read_text(encoding="utf-8"))):
        print(f"{i:4d} {line_hash(line)} {line[:160]}")
    return 0


def check_flatten() -> int:
    """Rebuild pages-dev's dumps from its HTML and count the identical ones."""
    if not PAGES_DEV.exists():
        print("pages-dev not present: nothing to check", file=sys.stderr)
        return 0
    same = 0
    pages = sorted((PAGES_DEV / "html").glob("*.html"))
    for path in pages:
        want = (PAGES_DEV / "dumps" / f"{path.stem}.txt").read_text(encoding="utf-8")
        got = flatten(path.read_bytes())
        if got.strip() == want.strip():
            same += 1
        else:
            a, b = dump_lines(got), dump_lines(want)
            first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            print(f"{path.stem}: {len(a)} vs {len(b)} lines, first difference at line {first}", file=sys.stderr)
    print(f"{same}/{len(pages)} pages-dev dumps rebuilt identically")
    return 0 if same == len(pages) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("dumps", help="html/ -> dumps/ and gold.jsonl")
    p.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    p = sub.add_parser("show", help="numbered lines of one dump")
    p.add_argument("folder", type=Path)
    p.add_argument("page")
    sub.add_parser("check-flatten", help="rebuild pages-dev's dumps and compare")
    p = sub.add_parser("hash-pages", help="html/annotation.jsonl + html/sources.jsonl -> tests/gold/clean/realpages.jsonl")
    p.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    p.add_argument("--manifest", type=Path, default=None, help="the pages manifest to write")
    for name, help_text in (("windows", "windows/ -> windows_set/ (dumps/ and gold.jsonl)"),
                            ("hash-windows", "windows/annotation.jsonl -> tests/gold/clean/realwindows.jsonl")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("folder", nargs="?", type=Path, default=None)
        p.add_argument("--heldout", action="store_true",
                       help=f"the held-out set: {HELDOUT_DIR}, {HELDOUT_MANIFEST.name}, output in {HELDOUT_DIR / 'set'}")
        p.add_argument("--manifest", type=Path, default=None, help="the windows manifest to read or write")
        if name == "windows":
            p.add_argument("--out", type=Path, default=None, help="the output folder (default DIR/windows_set)")
    args = parser.parse_args()
    if args.command in ("windows", "hash-windows"):
        folder = args.folder or (HELDOUT_DIR if args.heldout else DEFAULT_DIR)
        manifest = args.manifest or (HELDOUT_MANIFEST if args.heldout else None)
        if args.command == "hash-windows":
            return hash_windows(folder, manifest)
        return build_windows(folder, manifest, args.out or (folder / "set" if args.heldout else None))
    if args.command == "hash-pages":
        return hash_pages(args.folder, args.manifest)
    if args.command == "dumps":
        return build(args.folder)
    if args.command == "show":
        return show(args.folder, args.page)
    return check_flatten()


if __name__ == "__main__":
    sys.exit(main())
