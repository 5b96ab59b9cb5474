"""Evaluation of chrome removal on a gold set of pages (``pages-dev`` layout).

The gold folder holds ``dumps/NN_<host>.txt`` (crawler dumps), ``html/NN_<host>.html`` (the same
pages as bytes) and ``gold.jsonl`` (one object per page: ``title``, ``body_lines``,
``optional_lines``, ``published``, ``views``; line indexes count the non-empty dump lines).
The scoring follows the folder's README:

- texts are normalised (NFKC, lower case, ``ё``->``е``, punctuation to spaces, spaces collapsed);
- **line level**: a predicted paragraph matches a dump line when the two are equal, or one
  contains the other and the shorter has at least 90% of the longer's words; a paragraph that
  merges consecutive lines matches them all. Each newly claimed gold body line is a true
  positive; a paragraph matching only optional lines is ignored; anything else (including a
  duplicate of a claimed line) is a false positive. Micro P/R/F1 over all pages plus macro F1;
- **word level**: bags of normalised words; precision counts predicted words found in
  body ∪ optional, recall counts gold body words found in the prediction;
- **title accuracy**: predicted title matches ``title`` in the same equal-or-90%-containment way;
- ``published`` (date part) and ``views``: exact match, ``null`` included; a gold that shows no
  date but records ``url_date`` (the windows set) expects that date, the URL's date being the
  date when the page shows none;
- **source**: the predicted outlet name against the gold one (``site_name`` when the gold
  gives it, else the text of ``site_name_line``), equal or contained word for word. Pages
  whose gold names no outlet are left out of the source score (the report gives the count).

A gold record may carry ``url`` (and ``crawled``, the crawl time): the cleaners get them as a
crawler would pass them, so a relative or missing date can be resolved.

The dumps are cleaned with :func:`svodka.clean.dump.clean_dump`, the HTML pages with
``svodka.clean.html.clean_html`` (imported lazily; reported as unavailable when missing). The
trivial baseline of the README (every line longer than 100 characters is body) is scored on
the dumps for comparison.
"""

from __future__ import annotations

import codecs
import json
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model import Article
from ..nlp._lexicon import fold_latin, latin_letters
from ._private import prf

__all__ = ["evaluate_clean", "format_clean_report", "normalize_text", "decode_html", "source_ok"]

# Share of the longer text's words the shorter must have for a containment match (README).
CONTAINMENT_SHARE = 0.9

# Baseline of the README: a line longer than this many characters is body.
BASELINE_MIN_CHARS = 100

# Baseline title: the nearest line of this many words before the first body line.
BASELINE_TITLE_WORDS = (3, 25)

# How many of the worst pages (by word F1) the report lists.
REPORT_WORST = 8

# A page name ``NN_<host>`` of the pages-dev layout: the host is the site's domain.
_PAGE_HOST = re.compile(r"^\d+_(.+\.[a-z]{2,})$", re.I)

# Anything that is not a letter, digit or space becomes a space when normalising.
_PUNCT = re.compile(r"[\W_]+")

# A charset named in a <meta> tag or an XML declaration, anywhere in the page: one dev page
# declares it only after the first 20 KB, so the scan is not limited to the head.
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]{0,80}encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def normalize_text(text: str) -> str:
    """NFKC, lower case, ``ё``->``е``, punctuation to spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    return " ".join(_PUNCT.sub(" ", text).split())


def decode_html(data: bytes) -> str:
    """Decode page bytes: BOM, then a declared charset anywhere in the page, then UTF-8, then cp1251."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    match = _CHARSET.search(data)
    if match:
        name = (match.group(1) or match.group(2)).decode("ascii", "ignore")
        try:
            return data.decode(codecs.lookup(name).name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


def _similar(a: str, b: str) -> bool:
    """Equal, or one contains the other and the shorter has >= 90% of the longer's words."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if short not in long_:
        return False
    return len(short.split()) >= CONTAINMENT_SHARE * len(long_.split())


def _matched_lines(para: str, lines: list[str]) -> set[int]:
    """Indexes of dump lines a normalised paragraph matches (single lines and merged runs)."""
    out = {i for i, line in enumerate(lines) if _similar(para, line)}
    n_words = len(para.split())
    for i in range(len(lines)):
        if not lines[i] or lines[i] not in para:
            continue
        joined, words = lines[i], len(lines[i].split())
        for j in range(i + 1, len(lines)):
            if not lines[j]:
                break
            joined += " " + lines[j]
            words += len(lines[j].split())
            if words > n_words / CONTAINMENT_SHARE:
                break
            if _similar(para, joined):
                out.update(range(i, j + 1))
                break
    return out



def score_page(title: str | None, paragraphs: list[str], gold: dict[str, Any], lines: list[str]) -> dict[str, Any]:
    """Score one prediction against one gold record; ``lines`` are the non-empty dump lines.

    Returns:
        counts for line level (tp, fp, gold), word level (pred, pred_ok, gold, gold_found),
        and ``title_ok``.
    """
    norm_lines = [normalize_text(line) for line in lines]
    body = set(gold["body_lines"])
    optional = set(gold.get("optional_lines") or [])
    claimed: set[int] = set()
    tp = fp = 0
    for para in paragraphs:
        norm = normalize_text(para)
        if not norm:
            continue
        matched = _matched_lines(norm, norm_lines)
        new = (matched & body) - claimed
        if new:
            tp += len(new)
            claimed |= new
        elif matched & optional and not matched & body:
            continue
        else:
            fp += 1
    pred_words = Counter(w for p in paragraphs for w in normalize_text(p).split())
    gold_words = Counter(w for i in sorted(body) for w in norm_lines[i].split())
    allowed = gold_words + Counter(w for i in sorted(optional) for w in norm_lines[i].split())
    line_f1 = prf(tp, tp + fp, len(body))["f1"]
    return {
        "line_tp": tp,
        "line_fp": fp,
        "line_gold": len(body),
        "line_f1": line_f1,
        "word_pred": sum(pred_words.values()),
        "word_pred_ok": sum((pred_words & allowed).values()),
        "word_gold": sum(gold_words.values()),
        "word_gold_found": sum((gold_words & pred_words).values()),
        "title_ok": bool(title) and _similar(normalize_text(title), normalize_text(gold["title"])),
    }


def _baseline(text: str) -> tuple[str | None, list[str]]:
    """The README's trivial baseline: lines > 100 chars are body, title the nearest 3-25-word line before."""
    lines = [line for line in text.split("\n") if line.strip()]
    body = [i for i, line in enumerate(lines) if len(line.strip()) > BASELINE_MIN_CHARS]
    title = None
    if body:
        lo, hi = BASELINE_TITLE_WORDS
        for i in range(body[0] - 1, -1, -1):
            if lo <= len(lines[i].split()) <= hi:
                title = lines[i].strip()
                break
    return title, [lines[i].strip() for i in body]


def _aggregate(pages: list[dict[str, Any]]) -> dict[str, Any]:
    """Micro/macro figures over scored pages."""
    if not pages:
        return {"pages": 0}
    s = lambda key: sum(p[key] for p in pages)  # noqa: E731
    out: dict[str, Any] = {"pages": len(pages)}
    out["line"] = prf(s("line_tp"), s("line_tp") + s("line_fp"), s("line_gold"))
    out["line"]["macro_f1"] = sum(p["line_f1"] for p in pages) / len(pages)
    word_p = s("word_pred_ok") / s("word_pred") if s("word_pred") else 0.0
    word_r = s("word_gold_found") / s("word_gold") if s("word_gold") else 0.0
    out["word"] = {
        "precision": word_p,
        "recall": word_r,
        "f1": 2 * word_p * word_r / (word_p + word_r) if word_p + word_r else 0.0,
    }
    out["title_accuracy"] = s("title_ok") / len(pages)
    if "published_ok" in pages[0]:
        out["published_accuracy"] = s("published_ok") / len(pages)
        out["views_accuracy"] = s("views_ok") / len(pages)
        scored = [p["source_ok"] for p in pages if p.get("source_ok") is not None]
        out["source_accuracy"] = sum(scored) / len(scored) if scored else None
        out["source_pages"] = len(scored)
    return out


def _page_word_f1(p: dict[str, Any]) -> float:
    wp = p["word_pred_ok"] / p["word_pred"] if p["word_pred"] else 0.0
    wr = p["word_gold_found"] / p["word_gold"] if p["word_gold"] else 0.0
    return 2 * wp * wr / (wp + wr) if wp + wr else 0.0


def _gold_site(gold: dict[str, Any], lines: list[str]) -> str | None:
    """The outlet name the gold shows: ``site_name``, else the ``site_name_line`` text."""
    if gold.get("site_name"):
        return gold["site_name"]
    idx = gold.get("site_name_line")
    return lines[idx] if idx is not None and 0 <= idx < len(lines) else None


def _gold_host(gold: dict[str, Any]) -> str | None:
    """The page's domain: from the gold ``url``, else from a ``NN_<host>`` page name."""
    url = gold.get("url") or ""
    match = re.match(r"^[a-z]+://(?:www\.)?([^/:]+)", url, re.I)
    if match:
        return match.group(1).lower()
    match = _PAGE_HOST.match(gold.get("page", ""))
    return match.group(1).lower() if match else None


def source_ok(predicted: str | None, site: str | None, host: str | None = None) -> bool | None:
    """Does a predicted outlet name match the gold one? ``None`` when the gold names no outlet.

    The prediction must equal the gold name or be contained in it word for word (a logo line
    "Новости Донбасса — главное" holds the name), or contain it; two names in different
    alphabets are compared spelled in Latin ("Lenta.ru" is "Лента.Ру": outlets write their
    names both ways, and a page often shows both; ``_two_alphabets``). A gold name that is the
    domain ("048.ua") also takes the domain written without its dot or in other case.
    Pages whose gold shows no name are not scored: a name found elsewhere on the page (a
    copyright line) cannot be checked against the bare domain.
    """
    if not site:
        return None
    pred = normalize_text(predicted or "")
    gold = normalize_text(site)
    if not pred or not gold:
        return False
    if _same_or_within(pred, gold) or (_two_alphabets(pred, gold) and _same_or_within(_spelling(pred), _spelling(gold))):
        return True
    return bool(host) and gold.replace(" ", "") == normalize_text(host).replace(" ", "") == pred.replace(" ", "")


def _same_or_within(pred: str, gold: str) -> bool:
    """Equal, or one contained in the other word for word."""
    return pred == gold or f" {pred} " in f" {gold} " or f" {gold} " in f" {pred} "


def _two_alphabets(a: str, b: str) -> bool:
    """Whether two names are written in different letters ("Lenta.ru" and "Лента.Ру", "Газета.Ru"
    and "Газета.Ру"), the shorter with four letters at least: two Cyrillic names are compared as
    written ("Угра-Информ" is not "Югра-Информ"), and a language code ("RU") spells no outlet."""
    def scripts(x: str) -> tuple[bool, bool]:
        return bool(re.search(r"[a-z]", x)), bool(re.search(r"[а-яё]", x))

    letters = min(len(re.findall(r"[a-zа-яё]", x)) for x in (a, b))
    return letters >= 4 and scripts(a) != scripts(b)


def _spelling(name: str) -> str:
    """A normalised name's words in Latin, the letters transliterations disagree on made one:
    an outlet writes its name in either alphabet ("Лента.Ру" and "Lenta.ru", "Газета.Ru"); a
    doubled letter counts once ("Северный" and "Severny")."""
    return " ".join(re.sub(r"(.)\1+", r"\1", fold_latin(latin_letters(word))) for word in name.split())


def _gold_published(gold: dict[str, Any]) -> str | None:
    """The date a cleaner should give: the date the page shows, else the URL's date when the
    gold records one (``url_date``; issue 16's rule: the URL's date when the page shows none)."""
    return gold.get("published") or gold.get("url_date")


def _score_article(article: Article, gold: dict[str, Any], lines: list[str]) -> dict[str, Any]:
    page = score_page(article.title, article.paragraphs, gold, lines)
    page["page"] = gold["page"]
    page["published_ok"] = (article.published or "")[:10] == (_gold_published(gold) or "")
    page["views_ok"] = article.views == gold.get("views")
    page["source_ok"] = source_ok(article.source, _gold_site(gold, lines), _gold_host(gold))
    page["word_f1"] = _page_word_f1(page)
    page["predicted"] = {
        "title": article.title,
        "published": article.published,
        "published_how": article.published_how,
        "views": article.views,
        "source": article.source,
    }
    page["expected"] = {
        "title": gold["title"],
        "published": _gold_published(gold),
        "views": gold.get("views"),
        "source": _gold_site(gold, lines) or _gold_host(gold),
    }
    return page


def _page_context(gold: dict[str, Any]) -> dict[str, Any]:
    """What a crawler knows about a dump besides its text: the URL and the crawl time, when the
    gold has them. A crawler always knows at least the host: for a ``NN_<host>`` page without a
    gold URL the cleaners get the bare host address (no path, so no date to read from it)."""
    out: dict[str, Any] = {}
    host = _gold_host(gold)
    if gold.get("url"):
        out["url"] = gold["url"]
    elif host:
        out["url"] = f"http://{host}/"
    if gold.get("crawled"):
        out["crawled"] = gold["crawled"]
    return out


def evaluate_clean(path: Path) -> dict[str, Any]:
    """Score the dump cleaner, the HTML cleaner and the trivial baseline on a gold folder.

    Args:
        path: a folder laid out like ``pages-dev`` (``gold.jsonl``, ``dumps/``, ``html/``).

    Returns:
        ``{"dumps": {...}, "html": {...}, "baseline": {...}}``; each part has ``line``
        (precision/recall/f1/macro_f1), ``word`` (precision/recall/f1), ``title_accuracy``,
        ``pages`` (per-page figures) and, for the cleaners, ``published_accuracy``,
        ``views_accuracy`` and ``seconds``. ``html`` is ``{"available": False, "reason": ...}``
        when the folder has no ``html/`` (a set of text dumps only) or ``svodka.clean.html``
        cannot be imported.
    """
    from ..clean.dump import clean_dump

    path = Path(path)
    golds = [json.loads(line) for line in (path / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = {g["page"]: (path / "dumps" / f"{g['page']}.txt").read_text(encoding="utf-8") for g in golds}
    lines = {name: [line for line in text.split("\n") if line.strip()] for name, text in texts.items()}

    def run(clean: Callable[[dict[str, Any]], Article]) -> dict[str, Any]:
        started = time.perf_counter()
        pages = [_score_article(clean(g), g, lines[g["page"]]) for g in golds]
        out = _aggregate(pages)
        out["seconds"] = time.perf_counter() - started
        out["pages"] = pages
        return out

    report: dict[str, Any] = {"path": str(path)}
    report["dumps"] = run(lambda g: clean_dump(texts[g["page"]], **_page_context(g)))

    base_pages = []
    for g in golds:
        title, paragraphs = _baseline(texts[g["page"]])
        page = score_page(title, paragraphs, g, lines[g["page"]])
        page["page"] = g["page"]
        page["word_f1"] = _page_word_f1(page)
        base_pages.append(page)
    report["baseline"] = _aggregate(base_pages)
    report["baseline"]["pages"] = base_pages

    html_dir = path / "html"
    if not html_dir.is_dir():
        # A set of crawler-text windows (no page bytes kept) scores the dumps only.
        report["html"] = {"available": False, "reason": f"no html/ folder in {path}: dumps only"}
        return report
    try:
        from ..clean.html import clean_html  # lazy: written separately, may be missing
    except ImportError as exc:
        report["html"] = {"available": False, "reason": f"svodka.clean.html not importable: {exc}"}
    else:

        def clean_page(g: dict[str, Any]) -> Article:
            data = (html_dir / f"{g['page']}.html").read_bytes()
            try:
                return clean_html(decode_html(data), **_page_context(g))
            except Exception as exc:  # a failing page scores zero instead of killing the report
                return Article(extras={"error": f"{type(exc).__name__}: {exc}"})

        report["html"] = run(clean_page)
        report["html"]["available"] = True
    return report


def _format_part(name: str, part: dict[str, Any]) -> list[str]:
    if part.get("available") is False:
        return [f"{name}: unavailable ({part.get('reason')})"]
    line, word = part["line"], part["word"]
    out = [
        f"{name} ({len(part['pages'])} pages"
        + (f", {part['seconds']:.2f}s" if "seconds" in part else "")
        + ")",
        f"  word  P/R/F1 {word['precision']:.3f}/{word['recall']:.3f}/{word['f1']:.3f}",
        f"  line  P/R/F1 {line['precision']:.3f}/{line['recall']:.3f}/{line['f1']:.3f}  macro F1 {line['macro_f1']:.3f}",
        f"  title accuracy {part['title_accuracy']:.3f}",
    ]
    if "published_accuracy" in part:
        source = part.get("source_accuracy")
        out.append(
            f"  published accuracy {part['published_accuracy']:.3f}  views accuracy {part['views_accuracy']:.3f}"
            + (f"  source accuracy {source:.3f} ({part['source_pages']} pages)" if source is not None else "")
        )
    return out


def _site_rows(report: dict[str, Any]) -> list[str]:
    """One row per page: dump and HTML word F1 and which of headline, date, views, source were right."""
    dumps = {p["page"]: p for p in report.get("dumps", {}).get("pages", [])}
    html = {p["page"]: p for p in (report.get("html") or {}).get("pages", []) or []}
    mark = lambda ok: "-" if ok is None else ("+" if ok else "x")  # noqa: E731
    out = ["per site (word F1; headline/date/views/source: + right, x wrong, - not scored)",
           f"  {'page':<28} {'dump':>5} t d v s  {'html':>5} t d v s"]
    for name, d in dumps.items():
        row = f"  {name:<28} {d['word_f1']:.3f} " + " ".join(mark(d[k]) for k in ("title_ok", "published_ok", "views_ok", "source_ok"))
        h = html.get(name)
        if h:
            row += f"  {h['word_f1']:.3f} " + " ".join(mark(h[k]) for k in ("title_ok", "published_ok", "views_ok", "source_ok"))
        out.append(row)
    return out


def format_clean_report(report: dict[str, Any]) -> str:
    """A plain-text summary of :func:`evaluate_clean`: overall figures, the worst pages of each
    cleaner with what they got wrong, and a row per site."""
    out = [f"chrome removal on {report.get('path', '')}"]
    for key, name in (("dumps", "dumps (clean_dump)"), ("html", "html (clean_html)"), ("baseline", "baseline on dumps (lines > 100 chars)")):
        part = report.get(key)
        if part is None:
            continue
        out += _format_part(name, part)
        if key != "baseline" and part.get("pages"):
            worst = sorted(part["pages"], key=lambda p: p["word_f1"])[:REPORT_WORST]
            out.append("  worst pages (word F1, line TP/FP/gold, title, published, views, source):")
            for p in worst:
                out.append(
                    f"    {p['page']:<26} {p['word_f1']:.3f}  {p['line_tp']}/{p['line_fp']}/{p['line_gold']}  "
                    + ("; ".join(_page_flags(p)) or "ok")
                )
    if report.get("dumps", {}).get("pages"):
        out += _site_rows(report)
    return "\n".join(out)


def _page_flags(p: dict[str, Any]) -> list[str]:
    """What one page got wrong, predicted against expected."""
    flags = []
    if not p["title_ok"]:
        flags.append(f"title={p['predicted']['title']!r:.60}")
    if not p["published_ok"]:
        flags.append(f"published={p['predicted']['published']} want {p['expected']['published']}")
    if not p["views_ok"]:
        flags.append(f"views={p['predicted']['views']} want {p['expected']['views']}")
    if p.get("source_ok") is False:
        flags.append(f"source={p['predicted']['source']!r:.40} want {p['expected']['source']!r:.40}")
    return flags
