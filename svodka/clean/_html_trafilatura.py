"""trafilatura's reading of an HTML page, for ``clean.html``: the fallback when no headline or
prose run is found, and the second opinion ``_agree`` weighs against svodka's run."""

from __future__ import annotations

from ._html_body import JUNK_LINE, SHORT_MIN_WORDS, _is_caption_text
from ._html_page import _norm_space


def _trafilatura_paragraphs(html: str, url: str | None) -> list[str]:
    """Fallback: trafilatura's main text as paragraphs (no comments, tables or date search)."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a declared dependency
        return []
    try:
        text = trafilatura.extract(
            html,
            url=url,
            output_format="txt",
            include_comments=False,
            include_tables=False,
            include_images=False,
            with_metadata=False,
            date_extraction_params={"extensive_search": False},
            deduplicate=True,
        )
    except Exception:  # trafilatura may fail on odd markup; the caller rejects the page
        return []
    if not text:
        return []
    out = []
    for line in text.split("\n"):
        line = _norm_space(line)
        if line and not JUNK_LINE.match(line) and len(line.split()) >= SHORT_MIN_WORDS and not _is_caption_text(line):
            out.append(line)
    return out
