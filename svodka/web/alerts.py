"""Watchlists, alerts and the daily svodka on the web: API routes, Atom feeds and two pages.

    GET    /api/watchlists             every watchlist with its terms and alert count
    POST   /api/watchlists             {"name", "entity": [...], "speaker": [...], "query": [...], "webhook"} (token)
    DELETE /api/watchlists/{name}      the watchlist and its alerts (token)
    GET    /api/alerts                 alerts newest first (?watchlist=, limit, cursor)
    GET    /api/digest                 the day's svodka as JSON (?date=, watchlist=)
    GET    /alerts/{name}.atom         one watchlist's alerts as an Atom 1.0 feed (any reader subscribes)
    GET    /alerts, /digest            the pages; /digest.html the self-contained digest (as mailed)

One ``APIRouter`` built by ``router`` and included by ``app.create_app`` in one line; the
writes need the bearer token (``app.TOKEN_PATHS`` lists ``/api/watchlists``, so the guard
checks it before the body is read). Links in feeds start with the ``base_url`` setting.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit
from datetime import datetime, timezone
from typing import Any, Callable

from fastapi import APIRouter, Body, Depends, Path as PathParam, Query
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from pydantic import BaseModel, Field

from ..config import Settings
from ..digest import DIGEST_CSS, render_body, render_html
from ._queries import MAX_LIMIT
from ._schemas import DAY_PATTERN, ERROR_RESPONSES

__all__ = ["router", "atom_feed", "WatchlistRequest", "DIGEST_HTML_PATH"]

# The self-contained digest: its CSS is inline, so its CSP allows inline style (app.py).
DIGEST_HTML_PATH = "/digest.html"
# Alerts in one Atom feed (the newest).
FEED_ENTRIES = 50
# Alerts on the alerts page.
PAGE_ALERTS = 50
ATOM = "http://www.w3.org/2005/Atom"
# How each kind of alert reads in a feed title and on the page.
KIND_LABELS = {"story": "Новый сюжет", "statement": "Новое высказывание", "growth": "Сюжет быстро растёт"}


class WatchlistRequest(BaseModel):
    """A watchlist to create, or terms (and a webhook) to add to one."""

    name: str = Field(..., max_length=64, description="Letters, digits, _ . - (a path segment of its feed)")
    entity: list[str] = Field(default_factory=list, max_length=50, description="Entities: new stories about them")
    speaker: list[str] = Field(default_factory=list, max_length=50, description="Speakers: their new statements")
    query: list[str] = Field(default_factory=list, max_length=50, description="Words, in any form: new stories whose articles hold them")
    webhook: str | None = Field(None, max_length=2048, description="http(s) URL each alert is POSTed to as JSON ('' removes it)")


# Characters XML 1.0 cannot carry (C0 controls but tab and newlines, surrogates, U+FFFE/U+FFFF):
# a title holding one would make the whole feed unreadable.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(parent: ET.Element, tag: str, text: str | None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        el.text = NOT_XML.sub("", text)
    return el


def hidden_webhook(url: str | None) -> str | None:
    """A webhook URL as anyone may read it: its scheme and host, the rest hidden.

    The read API needs no token, and a webhook's path is often its secret (a chat's incoming
    webhook URL lets whoever holds it post there); the token holder who set it knows it.
    """
    if not url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return "…"
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}/…"  # no user:password either


def _stamp(value: str | None) -> str:
    """An RFC 3339 time for Atom (a stored ISO time; naive ones are UTC)."""
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        moment = datetime(1970, 1, 1, tzinfo=timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat(timespec="seconds")


def atom_feed(watchlist: dict, alerts: list[dict], base_url: str) -> bytes:
    """One watchlist's alerts as an Atom 1.0 document (UTF-8 bytes)."""
    ET.register_namespace("", ATOM)
    base = base_url.rstrip("/")
    feed_url = f"{base}/alerts/{watchlist['name']}.atom"
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", feed_url)
    _text(feed, "title", f"svodka: {watchlist['name']}")
    terms = "; ".join(f"{t['kind']}: {t['value']}" for t in watchlist["terms"])
    _text(feed, "subtitle", terms)
    _text(feed, "updated", _stamp(alerts[0]["created"] if alerts else watchlist["created"]))
    _text(feed, "link", None, rel="self", href=feed_url, type="application/atom+xml")
    _text(feed, "link", None, rel="alternate", href=f"{base}/alerts?watchlist={watchlist['name']}", type="text/html")
    author = _text(feed, "author", None)
    _text(author, "name", "svodka")
    _text(feed, "generator", "svodka")
    for a in alerts:
        entry = _text(feed, "entry", None)
        # the alert's time in its id too: alert ids are reused once a watchlist's alerts are
        # deleted (remove and re-create it to change its terms), and a reader that has seen an
        # id never shows its entry again
        _text(entry, "id", f"{feed_url}#alert-{a['id']}-{re.sub(r'[^0-9]', '', _stamp(a['created']))[:14]}")
        _text(entry, "title", f"{KIND_LABELS.get(a['kind'], a['kind'])}: {a.get('title') or 'без заголовка'}")
        _text(entry, "updated", _stamp(a["created"]))
        if a.get("published"):
            _text(entry, "published", _stamp(a["published"]))
        _text(entry, "link", None, rel="alternate", href=f"{base}/articles/{a['article_id']}", type="text/html")
        parts = [a.get("source") or "", a.get("detail") or "", a.get("term") or ""]
        _text(entry, "summary", " · ".join(p for p in parts if p), type="text")
        _text(entry, "category", None, term=a["kind"])
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False)


def router(store: Any, settings: Settings, require_token: Callable[..., None], page: Callable[..., HTMLResponse], *, writable: bool = False) -> APIRouter:
    """The routes of watchlists, alerts and the digest over ``store`` (see the module docstring).

    ``writable``: the server has a write token, so the alerts page offers the watchlist form
    (``static/app.js`` posts it to the API with the token the user types, as the entity corrections).
    """
    api = APIRouter()
    token = [Depends(require_token)]
    Limit = Query(20, ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT})")
    Day = Query(None, alias="date", pattern=DAY_PATTERN, json_schema_extra={"format": "date"}, description="The day (default: the newest of the archive)")
    Watchlist = Query(None, max_length=64, description="A watchlist's name")

    @api.get("/api/watchlists", tags=["alerts"], responses=ERROR_RESPONSES)
    def api_watchlists() -> dict[str, Any]:
        """Every watchlist: its terms, webhook (its host only), alert count and last alert."""
        return {"results": [{**w, "webhook": hidden_webhook(w.get("webhook"))} for w in store.watchlists()]}

    @api.post("/api/watchlists", tags=["alerts"], responses=ERROR_RESPONSES, dependencies=token, status_code=201)
    def api_add_watchlist(body: WatchlistRequest = Body(...)) -> dict[str, Any]:
        """Create a watchlist, or add terms (or a webhook) to one (needs the token)."""
        return store.add_watchlist(body.name, entities=body.entity, speakers=body.speaker, queries=body.query, webhook=body.webhook)

    @api.delete("/api/watchlists/{name}", tags=["alerts"], responses=ERROR_RESPONSES, dependencies=token)
    def api_remove_watchlist(name: str = PathParam(..., max_length=64)) -> dict[str, Any]:
        """Delete a watchlist and its alerts (needs the token)."""
        return store.remove_watchlist(name)

    @api.get("/api/alerts", tags=["alerts"], responses=ERROR_RESPONSES)
    def api_alerts(watchlist: str | None = Watchlist, limit: int = Limit, cursor: str | None = Query(None, pattern=r"^[0-9]{1,4}$")) -> dict[str, Any]:
        """Alerts newest first: new stories about watched entities or queries, new statements by watched speakers, fast-growing stories."""
        offset = int(cursor or 0)
        rows = store.alerts(watchlist, limit=limit + 1, offset=offset)
        return {"results": rows[:limit], "next": str(offset + limit) if len(rows) > limit else None}

    @api.get("/api/digest", tags=["alerts"], responses=ERROR_RESPONSES)
    def api_digest(day: str | None = Day, watchlist: str | None = Watchlist) -> dict[str, Any]:
        """The daily svodka: the day's top stories (first outlet, key statements) and the people whose mentions rose most."""
        return store.digest(day, watchlist)

    @api.get("/alerts/{name}.atom", include_in_schema=False)
    def atom(name: str = PathParam(..., max_length=64)) -> Response:
        w = store_watchlist(name)
        return Response(atom_feed(w, store.alerts(name, limit=FEED_ENTRIES), settings.base_url), media_type="application/atom+xml; charset=utf-8")

    def store_watchlist(name: str) -> dict:
        from ..store.alerts import watchlist as find_watchlist  # not at import: analysis workers import svodka.web

        return find_watchlist(store.db, name)  # 404 when there is none

    @api.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
    def alerts_page(watchlist: str | None = Query(None, max_length=64)):
        lists = store.watchlists()
        chosen = (watchlist or "").strip() or None
        if chosen is not None:
            store_watchlist(chosen)
        rows = store.alerts(chosen, limit=PAGE_ALERTS)
        return page("alerts.html", nav="alerts", q="", lists=lists, rows=rows, chosen=chosen, kinds=KIND_LABELS, writable=writable)

    def _digest_args(day: str | None, watchlist: str | None) -> tuple[str | None, str | None]:
        return (day or "").strip() or None, (watchlist or "").strip() or None

    @api.get("/digest", response_class=HTMLResponse, include_in_schema=False)
    def digest_page(day: str | None = Query(None, alias="date", max_length=40), watchlist: str | None = Query(None, max_length=64)):
        day, watchlist = _digest_args(day, watchlist)
        data = store.digest(day, watchlist)
        return page(
            "digest.html", nav="digest", q="", data=data, body=Markup(render_body(data, "")), lists=store.watchlists(),
            formats={"html": DIGEST_HTML_PATH, "json": "/api/digest"}, query={"date": data["date"], **({"watchlist": watchlist} if watchlist else {})},
        )

    @api.get(DIGEST_HTML_PATH, response_class=HTMLResponse, include_in_schema=False)
    def digest_html(day: str | None = Query(None, alias="date", max_length=40), watchlist: str | None = Query(None, max_length=64)):
        day, watchlist = _digest_args(day, watchlist)
        return HTMLResponse(render_html(store.digest(day, watchlist), settings.base_url))

    @api.get("/digest.css", include_in_schema=False)
    def digest_css() -> Response:
        return Response(DIGEST_CSS, media_type="text/css; charset=utf-8")

    return api
