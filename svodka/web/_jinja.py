"""The Jinja2 environment of the web pages (autoescape on) and ``_page``, which renders one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import _render

HERE = Path(__file__).resolve().parent
_templates: Environment | None = None


def _env() -> Environment:
    """The Jinja2 environment (autoescape on for every template)."""
    global _templates
    if _templates is None:
        _templates = Environment(
            loader=FileSystemLoader(str(HERE / "templates")),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        _templates.globals["TYPE_LABELS"] = _render.TYPE_LABELS
        _templates.globals["safe_href"] = _render.safe_href
        _templates.filters["plural"] = _render.plural
        _templates.filters["cue"] = _render.cue_text
        _templates.filters["speaker_kind"] = _render.speaker_kind_label
        _templates.filters["day"] = lambda v: (str(v)[:10] if v else "")
        _templates.filters["when"] = lambda v: (str(v).replace("T", " ")[:16] if v else "")
    return _templates


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a template into an HTML response."""
    return HTMLResponse(_env().get_template(name).render(**context), status_code=status)
