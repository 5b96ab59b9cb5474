"""HTML pieces the server builds itself: highlighted text from offsets and the SVG mention chart.

Article text is hostile input (ingested pages may carry ``<script>``): every piece of it is
escaped on its own with ``markupsafe.escape`` and only our own tags are put between the
pieces, so the result is ``Markup`` that Jinja2 will not escape again. Nothing here trusts
HTML coming from elsewhere (not even the store's snippet HTML: we rebuild it from offsets).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..model import Article

__all__ = [
    "TYPE_LABELS",
    "Region",
    "plural",
    "other_aliases",
    "cue_text",
    "speaker_kind_label",
    "article_statements",
    "lead_snippet",
    "drop_title",
    "article_regions",
    "highlight",
    "highlight_snippet",
    "safe_href",
    "week_buckets",
    "chart_svg",
]

# Human names of entity types (Russian UI), also used in tooltips.
TYPE_LABELS = {"PER": "персона", "ORG": "организация", "LOC": "место"}
# Human names of the kinds of speaker (``Speaker.kind``), as the statements show them.
SPEAKER_KINDS = {"person": "персона", "organisation": "организация", "outlet": "издание", "state": "государство", "group": "группа"}
# A paragraph break in text without blocks (``--no-clean`` input): a blank line.
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
# At most this many bars in the chart; longer histories are grouped into multi-week bars.
MAX_BARS = 60
# At least this many weeks are drawn (zeros around a short history), so one busy week
# reads as a spike in a quarter, not as a full-width block.
MIN_WEEKS = 13
# Chart geometry in SVG user units (the SVG scales to the page width via viewBox).
CHART_WIDTH, CHART_HEIGHT = 720, 180
# Room for the axis labels: left (counts), bottom (dates), top.
CHART_LEFT, CHART_BOTTOM, CHART_TOP = 34, 26, 10
# Words in a listing snippet taken from the body (the store's search snippets are 30 words too).
LEAD_WORDS = 30
# A run of whitespace (line breaks included), collapsed to one space in snippets and names.
SPACES = re.compile(r"\s+")
# URL schemes we turn into links; anything else (javascript:, data:) is shown as text only.
SAFE_SCHEMES = ("http", "https")


@dataclass
class Region:
    """A block of the article to render: the title or one paragraph (offsets into text)."""

    start: int
    end: int
    kind: str  # "title" | "paragraph"


def article_regions(article: Article) -> list[Region]:
    """The title and paragraphs as offsets: the article's blocks, or blank-line chunks without them."""
    if article.blocks:
        return [Region(b.start, b.end, b.kind) for b in article.blocks]
    regions, pos, text = [], 0, article.text or ""
    for m in list(PARAGRAPH_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        if text[pos:end].strip():
            regions.append(Region(pos, end, "paragraph"))
        pos = m.end() if m else end
    return regions


@dataclass
class _Span:
    """An annotation to draw: where, and the opening/closing tags (already safe)."""

    start: int
    end: int
    open: Markup
    close: Markup


def _entity_spans(article: Article) -> list[_Span]:
    """One link (or span, when the entity is not in the archive) per entity mention."""
    links = (article.extras.get("store") or {}).get("entities") or {}
    spans = []
    for ent in article.entities:
        label = TYPE_LABELS.get(ent.type, ent.type)
        corpus_id = links.get(ent.id)
        for m in ent.mentions:
            if m.end <= m.start:
                continue
            title = f"{label} · {m.normal or m.text}"
            if ent.name and ent.name != m.normal:
                title += f" · {ent.name}"
            if m.kind != "name":
                title += f" ({m.kind})"
            cls = f"ent ent-{ent.type if ent.type in TYPE_LABELS else 'X'} ent-{m.kind if m.kind in ('name', 'role', 'pronoun') else 'name'}"
            if corpus_id is not None:
                opening = Markup('<a class="{}" href="/entities/{}" title="{}">').format(cls, int(corpus_id), title)
                spans.append(_Span(m.start, m.end, opening, Markup("</a>")))
            else:
                opening = Markup('<span class="{}" title="{}">').format(cls, title)
                spans.append(_Span(m.start, m.end, opening, Markup("</span>")))
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans


def _quote_spans(article: Article) -> list[_Span]:
    """One underlined span per statement, its speaker and cue in the tooltip."""
    spans = []
    for q in article.quotes:
        if q.end <= q.start:
            continue
        who = q.speaker.name if q.speaker else f"{article.source}, сообщение издания" if article.source else "говорящий не найден"
        kind = "прямая речь" if q.kind == "direct" else "косвенная речь"
        parts = (who, speaker_kind_label(getattr(q.speaker, "kind", None)), kind, cue_text(q.cue), f"через {q.via}" if q.via else "")
        title = " · ".join(x for x in parts if x)
        cls = "quote quote-direct" if q.kind == "direct" else "quote quote-indirect"
        spans.append(_Span(q.start, q.end, Markup('<span class="{}" title="{}">').format(cls, title), Markup("</span>")))
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans


def _covering(spans: list[_Span], a: int, b: int) -> int | None:
    """Index of the first span covering [a, b) (spans sorted by start, longest first)."""
    for i, s in enumerate(spans):
        if s.start > a:
            return None
        if s.end >= b:
            return i
    return None


def highlight(article: Article, start: int, end: int, *, quotes: list[_Span] | None = None, entities: list[_Span] | None = None) -> Markup:
    """``article.text[start:end]`` escaped, with entity mentions linked and statements underlined.

    Statements are the outer layer, mentions the inner one; a mention crossing a statement's
    edge is drawn in two pieces rather than producing overlapping tags.
    """
    text = article.text or ""
    quotes = _quote_spans(article) if quotes is None else quotes
    entities = _entity_spans(article) if entities is None else entities
    inside = lambda s: s.end > start and s.start < end  # noqa: E731
    qs = [s for s in quotes if inside(s)]
    es = [s for s in entities if inside(s)]
    cuts = {start, end}
    for s in qs + es:
        cuts.update(p for p in (s.start, s.end) if start < p < end)
    points = sorted(cuts)
    # Consecutive pieces with the same (quote, mention) are drawn as one.
    groups: list[list] = []
    for a, b in zip(points, points[1:]):
        key = (_covering(qs, a, b), _covering(es, a, b))
        if groups and groups[-1][0] == key:
            groups[-1][2] = b
        else:
            groups.append([key, a, b])
    out: list[str] = []
    open_quote: int | None = None
    for (qi, ei), a, b in groups:
        if qi != open_quote:
            if open_quote is not None:
                out.append(qs[open_quote].close)
            if qi is not None:
                out.append(qs[qi].open)
            open_quote = qi
        piece = escape(text[a:b])
        out.append(es[ei].open + piece + es[ei].close if ei is not None else piece)
    if open_quote is not None:
        out.append(qs[open_quote].close)
    return Markup("").join(out)


def highlight_snippet(text: str, highlights: list[tuple[int, int]]) -> Markup:
    """A search snippet escaped piece by piece with the matched words in ``<mark>``.

    Joined as plain strings, each piece escaped, and marked safe once: ``Markup.format``
    per match was a tenth of an /api/search request.
    """
    out, pos = [], 0
    for start, end in sorted(highlights):
        if start < pos or end <= start:
            continue
        out.append(str(escape(text[pos:start])))
        out.append("<mark>" + str(escape(text[start:end])) + "</mark>")
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def safe_href(url: str | None) -> str | None:
    """The URL when it is http(s) (a link is safe to draw), else None."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in SAFE_SCHEMES else None


def plural(n: int | None, one: str, few: str, many: str) -> str:
    """The Russian plural form that goes with ``n`` (the Jinja filter ``plural``).

    ``1, 21, 101`` take ``one``; ``2-4, 22-24`` take ``few``; ``0, 5-20, 11-14, 111`` take
    ``many`` (the teens are "many" whatever their last digit).

    Args:
        n: the count (None counts as 0).
        one, few, many: the forms, e.g. "статья", "статьи", "статей".

    Returns:
        One of the three forms.
    """
    n = abs(int(n or 0))
    if 11 <= n % 100 <= 14:
        return many
    if n % 10 == 1:
        return one
    if 2 <= n % 10 <= 4:
        return few
    return many


def _name_key(name: str) -> str:
    """A name compared loosely: case-folded, ё as е, spaces collapsed."""
    return SPACES.sub(" ", name.casefold().replace("ё", "е")).strip()


def other_aliases(name: str | None, aliases: list[dict] | None) -> list[dict]:
    """The aliases worth showing beside ``name``, with their counts: those that differ from it (and each other).

    ``aliases`` are ``{"alias", "n"}`` as the store lists them. Two spellings differing
    only in case, ``ё``/``е`` or spacing count as the same: shown once, as first listed, with
    their counts summed.
    """
    seen = {_name_key(name or ""): None}
    kept: list[dict] = []
    for item in aliases or []:
        alias = (item.get("alias") or "").strip()
        key = _name_key(alias)
        if not key or key in seen:
            if key and seen[key] is not None:
                seen[key]["n"] += item.get("n") or 0
            continue
        seen[key] = {"alias": alias, "n": item.get("n") or 0}
        kept.append(seen[key])
    return kept


def cue_text(cue: str | None) -> str:
    """The speech cue as shown ("заявил", "по словам"); empty for a bare colon or nothing."""
    cue = SPACES.sub(" ", cue or "").strip(" :—-–")
    return cue if any(ch.isalpha() for ch in cue) else ""


def article_statements(article: Article, article_id: int) -> list[dict]:
    """The statements of an article read whole, as rows like ``Store.quotes``'s (the ``statement`` macro draws both)."""
    # Imported here, as create_app opens the store: the store package loads numpy, 290 MB of
    # address space the analysis workers (which import svodka.web) must not pay under their cap.
    from ..store.snippets import sentence_of

    links = (article.extras.get("store") or {}).get("entities") or {}
    rows = []
    for q in article.quotes:
        sp = q.speaker
        rows.append({
            "text": q.text, "kind": q.kind, "cue": q.cue, "via": q.via,
            "speaker": sp.name if sp else None, "speaker_id": links.get(sp.entity) if sp and sp.entity else None,
            "speaker_kind": getattr(sp, "kind", None) if sp else None,
            "article_id": article_id, "title": article.title, "source": article.source, "published": article.published,
            "sentence": sentence_of(article.text or "", q.start, q.end), "appearances": [],
        })
    return rows


def speaker_kind_label(kind: str | None) -> str:
    """The kind of a speaker as shown ("организация"); an unknown kind as written, nothing as empty."""
    return SPEAKER_KINDS.get(kind or "", kind or "")


def lead_snippet(article: Article, words: int = LEAD_WORDS) -> str:
    """The start of the article's body (first paragraph on), ``words`` words long: a listing snippet.

    The title is skipped (the card shows it above the snippet), and so is the headline at the
    start of the first paragraph (text without blocks often begins with it).
    """
    text = article.text or ""
    title = SPACES.sub(" ", article.title or "").strip()
    parts: list[str] = []
    for region in article_regions(article):
        if region.kind == "title":
            continue
        chunk = SPACES.sub(" ", text[region.start : region.end]).strip()
        if not parts and title and _name_key(chunk[: len(title)]) == _name_key(title):
            chunk = chunk[len(title) :].lstrip(" .:—–-")
        if chunk:
            parts.append(chunk)
        if sum(len(p.split()) for p in parts) >= words:
            break
    found = " ".join(parts).split(" ")
    if not found or found == [""]:
        return ""
    return " ".join(found[:words]) + (" …" if len(found) > words else "")


def drop_title(snippet: str, highlights: list[tuple[int, int]], title: str | None) -> tuple[str, list[tuple[int, int]]]:
    """A search snippet without the headline it starts with.

    The store cuts its snippet from title + text, so a match near the top repeats the
    headline the result card already shows above it (a match only in the headline is seen
    there). Kept whole when nothing but the headline is left.

    Returns:
        (snippet, highlights shifted to it).
    """
    title = SPACES.sub(" ", title or "").strip()
    if not title or _name_key(snippet[: len(title)]) != _name_key(title):
        return snippet, highlights
    rest = snippet[len(title) :]
    cut = len(title) + len(rest) - len(rest.lstrip(" .:—–-"))
    if not snippet[cut:].strip(" …"):
        return snippet, highlights
    return snippet[cut:], [(s - cut, e - cut) for s, e in highlights if s >= cut]


def _monday(day: date) -> date:
    """The Monday of the ISO week holding ``day``."""
    return day - timedelta(days=day.weekday())


def week_buckets(days: dict[str, int], max_bars: int = MAX_BARS, min_weeks: int = MIN_WEEKS) -> tuple[list[tuple[date, int]], int]:
    """Mentions per week (gaps filled with zeros), grouped into n-week bars if there are many.

    Args:
        days: ISO day -> mentions that day.
        max_bars: most bars to return.
        min_weeks: fewest weeks to span: a shorter history is padded with empty weeks on both sides.

    Returns:
        ([(first Monday of the bar, mentions)], weeks per bar).
    """
    weeks: dict[date, int] = {}
    for day, n in days.items():
        try:
            d = date.fromisoformat(str(day)[:10])
        except ValueError:
            continue
        weeks[_monday(d)] = weeks.get(_monday(d), 0) + int(n or 0)
    if not weeks:
        return [], 1
    first, last = min(weeks), max(weeks)
    n_weeks = (last - first).days // 7 + 1
    if n_weeks < min_weeks:
        before = (min_weeks - n_weeks) // 2
        first -= timedelta(weeks=before)
        n_weeks = min_weeks
    step = max(1, math.ceil(n_weeks / max_bars))
    bars = []
    for i in range(0, n_weeks, step):
        monday = first + timedelta(weeks=i)
        bars.append((monday, sum(weeks.get(monday + timedelta(weeks=j), 0) for j in range(step))))
    return bars, step


def chart_svg(bars: list[tuple[date, int]], step: int = 1, *, label: str = "упоминания по неделям") -> Markup:
    """An inline SVG bar chart of mentions per week, drawn on the server (no JS library).

    Each bar carries a ``<title>`` (the browser's tooltip) with its week and count.
    """
    if not bars:
        return Markup('<p class="muted">Нет датированных упоминаний.</p>')
    top = max(n for _, n in bars) or 1
    plot_w = CHART_WIDTH - CHART_LEFT - 6
    plot_h = CHART_HEIGHT - CHART_BOTTOM - CHART_TOP
    slot = plot_w / len(bars)
    bar_w = max(1.0, slot * 0.8)
    parts = [
        Markup('<svg class="chart" role="img" viewBox="0 0 {} {}" preserveAspectRatio="xMidYMid meet" aria-label="{}">').format(CHART_WIDTH, CHART_HEIGHT, label),
        Markup("<title>{}</title>").format(label),
    ]
    base = CHART_TOP + plot_h
    for frac in (0.5, 1.0):  # light grid lines at half and full height
        y = base - plot_h * frac
        parts.append(Markup('<line class="grid" x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}"/>').format(CHART_LEFT, CHART_WIDTH - 6, y, y))
    parts.append(Markup('<text class="axis" x="{}" y="{:.1f}" text-anchor="end">{}</text>').format(CHART_LEFT - 6, CHART_TOP + 4, top))
    parts.append(Markup('<text class="axis" x="{}" y="{:.1f}" text-anchor="end">0</text>').format(CHART_LEFT - 6, base + 4))
    parts.append(Markup('<line class="base" x1="{}" x2="{}" y1="{}" y2="{}"/>').format(CHART_LEFT, CHART_WIDTH - 6, base, base))
    for i, (monday, n) in enumerate(bars):
        h = plot_h * n / top
        x = CHART_LEFT + i * slot + (slot - bar_w) / 2
        span = f"неделя с {monday.isoformat()}" if step == 1 else f"{step} нед. с {monday.isoformat()}"
        tip = f"{span}: {n} {plural(n, 'упоминание', 'упоминания', 'упоминаний')}"
        parts.append(
            Markup('<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" data-week="{}" data-n="{}"><title>{}</title></rect>').format(
                x, base - h, bar_w, max(h, 0.0), monday.isoformat(), n, tip
            )
        )
    first, last = bars[0][0], bars[-1][0] + timedelta(weeks=step) - timedelta(days=1)
    parts.append(Markup('<text class="axis" x="{}" y="{}" text-anchor="start">{}</text>').format(CHART_LEFT, CHART_HEIGHT - 6, first.isoformat()))
    if len(bars) > 1:
        parts.append(Markup('<text class="axis" x="{}" y="{}" text-anchor="end">{}</text>').format(CHART_WIDTH - 6, CHART_HEIGHT - 6, last.isoformat()))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
