"""The daily svodka rendered: HTML (self-contained, email-ready), Markdown or JSON.

    data = store.digest("2024-03-28")                       # svodka.store.digest: the day's data
    render(data, "html", base_url="https://svodka.example") # one string

Pure functions of the data: no database, no clock. The HTML carries its CSS in a
``<style>`` and its sparklines as inline SVG, so it can be mailed as it is; every number
links to the archive at ``base_url`` (the ``base_url`` setting): an article count to the
story, a statement to its article, a person's mentions to the profile. The web page
``/digest`` shows the same body (``render_body``) inside the site, with this CSS served at
``/digest.css`` (the site's CSP allows no inline style).
"""

from __future__ import annotations

import json
from html import escape

__all__ = ["render", "render_body", "render_html", "render_markdown", "sparkline", "DIGEST_CSS", "FORMATS"]

# The formats ``render`` writes.
FORMATS = ("html", "md", "json")
# Sparkline size in pixels.
SPARK_WIDTH = 84
SPARK_HEIGHT = 18
# Statement characters shown before "…".
STATEMENT_CHARS = 240
# The digest's style: one home, inlined by render_html and served by the web page.
DIGEST_CSS = """
.svodka-digest{font-family:-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1d1d1f;max-width:760px;margin:0;padding:16px 0;line-height:1.45}
body>.svodka-digest{margin:0 auto;padding:16px}
.svodka-digest h1{font-size:22px;margin:0 0 4px}
.svodka-digest h2{font-size:17px;margin:22px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.svodka-digest .dg-lede{color:#555;margin:0 0 12px}
.svodka-digest a{color:#1a5fb4;text-decoration:none}
.svodka-digest ol.dg-stories{padding-left:20px;margin:0}
.svodka-digest ol.dg-stories>li{margin:0 0 14px}
.svodka-digest .dg-title{font-weight:600}
.svodka-digest .dg-meta{color:#555;font-size:13px}
.svodka-digest .dg-first{display:inline-block;background:#e8f0fb;border-radius:3px;padding:0 4px;font-size:12px}
.svodka-digest blockquote{margin:6px 0 0;padding:2px 0 2px 10px;border-left:3px solid #c8d6ea;font-size:14px}
.svodka-digest blockquote .dg-who{font-weight:600}
.svodka-digest table.dg-risers{border-collapse:collapse;font-size:14px}
.svodka-digest table.dg-risers td,.svodka-digest table.dg-risers th{padding:3px 10px 3px 0;text-align:left;vertical-align:middle}
.svodka-digest table.dg-risers .dg-num{text-align:right;font-variant-numeric:tabular-nums}
.svodka-digest .dg-empty{color:#777}
""".strip()

_KIND_WORDS = {"direct": "прямая речь", "indirect": "пересказ"}


def _plural(n: int, one: str, few: str, many: str) -> str:
    """The Russian plural of a noun after ``n`` (1 статья, 2 статьи, 5 статей)."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _link(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def _story_path(story: dict) -> str:
    """Where a story's articles are listed: the story's own page, or the article when alone."""
    return f"/stories/{story['id']}" if story.get("id") is not None else f"/articles/{story['first']['article_id']}"


def _where(q: dict) -> str:
    """A statement's outlet, its kind (a paraphrase is not shown as if quoted) and its reprints."""
    kind = _KIND_WORDS.get(q.get("kind") or "", "")
    count = q.get("count") or 1
    reprints = f", {count} {_plural(count, 'публикация', 'публикации', 'публикаций')}" if count > 1 else ""
    return (q.get("source") or "статья") + (", " + kind if kind else "") + reprints


def short_statement(text: str | None, limit: int | None = None) -> str:
    """A statement on one line, cut at words with "…" past ``limit`` characters."""
    return _short(text, STATEMENT_CHARS if limit is None else limit)


def _short(text: str | None, limit: int = STATEMENT_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—-") + "…"


def sparkline(values: list[int], width: int = SPARK_WIDTH, height: int = SPARK_HEIGHT) -> str:
    """An inline SVG polyline of ``values`` (the last one dotted): no script, no style, email-safe."""
    if not values:
        return ""
    top = max(values) or 1
    step = width / max(len(values) - 1, 1)
    points = [(round(i * step, 1), round(height - 2 - (v / top) * (height - 4), 1)) for i, v in enumerate(values)]
    line = " ".join(f"{x},{y}" for x, y in points)
    x, y = points[-1]
    label = escape(", ".join(str(v) for v in values))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + 4}" height="{height}" viewBox="-2 0 {width + 4} {height}" role="img" aria-label="{label}">'
        f'<polyline points="{line}" fill="none" stroke="#1a5fb4" stroke-width="1.5"/><circle cx="{x}" cy="{y}" r="2" fill="#c01c28"/></svg>'
    )


def render_body(data: dict, base_url: str = "") -> str:
    """The digest as an HTML fragment (``<div class="svodka-digest">``), everything escaped."""
    link = lambda path: escape(_link(base_url, path), quote=True)  # noqa: E731
    out = ['<div class="svodka-digest">']
    scope = f" · список «{escape(data['watchlist'])}»" if data.get("watchlist") else ""
    out.append(f"<h1>Сводка за {escape(data['date'])}{scope}</h1>")
    n, m = data.get("articles", 0), data.get("outlets", 0)
    out.append(
        f'<p class="dg-lede"><a href="{link("/?from=" + data["date"] + "&to=" + data["date"])}">{n} {_plural(n, "статья", "статьи", "статей")}</a> '
        f'из {m} {_plural(m, "издания", "изданий", "изданий")}</p>'
    )
    out.append("<h2>Главные сюжеты</h2>")
    if data.get("stories"):
        out.append('<ol class="dg-stories">')
        for s in data["stories"]:
            out.append(_story_html(s, link))
        out.append("</ol>")
    else:
        out.append('<p class="dg-empty">За этот день в архиве нет статей.</p>')
    out.append("<h2>Чьё имя звучало чаще обычного</h2>")
    if data.get("risers"):
        out.append('<table class="dg-risers"><tr><th>Кто</th><th class="dg-num">упоминаний</th><th class="dg-num">обычно в день</th><th>за 14 дней</th></tr>')
        for r in data["risers"]:
            href = link(f"/entities/{r['id']}")
            out.append(
                f'<tr><td><a href="{href}">{escape(r["name"])}</a></td>'
                f'<td class="dg-num"><a href="{href}">{r["today"]}</a></td><td class="dg-num">{r["usual"]:g}</td>'
                f"<td>{sparkline(r['days'])}</td></tr>"
            )
        out.append("</table>")
    else:
        out.append('<p class="dg-empty">Никто не упоминался заметно чаще обычного.</p>')
    out.append("</div>")
    return "\n".join(out)


def _story_html(s: dict, link) -> str:
    """One story of the digest as an ``<li>``."""
    first = s["first"]
    n, m = s["articles"], s["outlets"]
    grew = f", накануне {s['previous_day']}" if s.get("previous_day") else ""
    when = " в " + escape(str(first["published"]).replace("T", " ")[:16]) if first.get("published") else ""
    named = f'<span class="dg-first">первым</span> {escape(first["source"])}{when}' if first.get("known", True) and first.get("source") else "кто первым, неизвестно"
    parts = [
        "<li>",
        f'<div class="dg-title"><a href="{link("/articles/" + str(first["article_id"]))}">{escape(s.get("title") or "Без заголовка")}</a></div>',
        f'<div class="dg-meta"><a href="{link(_story_path(s))}">{n} {_plural(n, "статья", "статьи", "статей")}</a> в {m} '
        f'{_plural(m, "издании", "изданиях", "изданиях")}{grew} · {named}</div>',
    ]
    for q in s.get("statements", []):
        who = escape(q.get("speaker") or "сообщение издания")
        where = escape(_where(q))
        parts.append(
            f'<blockquote><span class="dg-who">{who}</span>: «{escape(_short(q.get("text")))}» '
            f'<a class="dg-meta" href="{link("/articles/" + str(q["article_id"]))}">{where}</a></blockquote>'
        )
    parts.append("</li>")
    return "\n".join(parts)


def render_html(data: dict, base_url: str = "") -> str:
    """A whole, self-contained HTML document: its CSS inline, no script, no outside resource."""
    title = f"Сводка за {data['date']}" + (f" · {data['watchlist']}" if data.get("watchlist") else "")
    return (
        '<!doctype html>\n<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{DIGEST_CSS}</style></head><body>\n{render_body(data, base_url)}\n</body></html>\n"
    )


def _md(text: str | None) -> str:
    """Text safe in Markdown: its markup characters escaped."""
    out = " ".join((text or "").split())
    for ch in "\\`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


def render_markdown(data: dict, base_url: str = "") -> str:
    """The digest as Markdown, every number a link to the archive."""
    scope = f" · список «{_md(data['watchlist'])}»" if data.get("watchlist") else ""
    lines = [f"# Сводка за {data['date']}{scope}", ""]
    n, m = data.get("articles", 0), data.get("outlets", 0)
    lines += [f"{n} {_plural(n, 'статья', 'статьи', 'статей')} из {m} {_plural(m, 'издания', 'изданий', 'изданий')}", "", "## Главные сюжеты", ""]
    for i, s in enumerate(data.get("stories") or [], 1):
        first = s["first"]
        count = f"[{s['articles']} {_plural(s['articles'], 'статья', 'статьи', 'статей')}]({_link(base_url, _story_path(s))})"
        lines.append(f"{i}. **[{_md(s.get('title') or 'Без заголовка')}]({_link(base_url, '/articles/' + str(first['article_id']))})**  ")
        lines.append(f"   {count} в {s['outlets']} {_plural(s['outlets'], 'издании', 'изданиях', 'изданиях')}; {_first_md(first)}")
        for q in s.get("statements", []):
            where = _md(_where(q))
            lines.append(f"   > **{_md(q.get('speaker') or 'сообщение издания')}**: «{_md(_short(q.get('text')))}» ([{where}]({_link(base_url, '/articles/' + str(q['article_id']))}))")
        lines.append("")
    if not data.get("stories"):
        lines += ["За этот день в архиве нет статей.", ""]
    lines += ["## Чьё имя звучало чаще обычного", ""]
    for r in data.get("risers") or []:
        lines.append(f"- [{_md(r['name'])}]({_link(base_url, '/entities/' + str(r['id']))}): {r['today']} (обычно {r['usual']:g} в день) `{' '.join(map(str, r['days']))}`")
    if not data.get("risers"):
        lines.append("Никто не упоминался заметно чаще обычного.")
    return "\n".join(lines) + "\n"


def _first_md(first: dict) -> str:
    """Who reported first, in Markdown: the outlet only when known (``store.digest._first``)."""
    return f"первым — {_md(first['source'])}" if first.get("known", True) and first.get("source") else "кто первым, неизвестно"


def render(data: dict, fmt: str = "html", base_url: str = "") -> str:
    """The digest in ``fmt`` (html, md or json)."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return render_markdown(data, base_url)
    if fmt == "html":
        return render_html(data, base_url)
    raise ValueError(f"unknown digest format {fmt!r}: one of {', '.join(FORMATS)}")

