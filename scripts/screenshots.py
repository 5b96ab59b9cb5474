"""Take the screenshots in docs/: the search page, an article page, an entity profile, alerts and the digest.

    .venv/bin/python scripts/screenshots.py                      # analyses data/sample into a temp DB
    .venv/bin/python scripts/screenshots.py --db sqlite:////tmp/web-dev.db

The screenshots are committed to the repo, so they show only the team's own sample corpus
(data/sample): never point --db at an archive holding ../shared/eval or other real text.

Serves the app on a free loopback port and drives Debian's chromium (/usr/bin/chromium)
through Playwright; nothing is downloaded. Also writes a phone-width shot of the article
(docs/screenshot-article-phone.png) with --phone.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Debian's chromium and the flags that keep it quiet and offline.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
# Desktop viewport of the screenshots (CSS pixels).
VIEWPORT = {"width": 1280, "height": 900}
# What the search screenshot searches for.
QUERY = "вода"
# The watchlist the alerts screenshot shows (made in the temporary sample archive only),
# and the day of the digest screenshot (the sample's busiest story).
WATCHLIST = {"entities": ["Жумабаев", "ОДКБ"], "speakers": ["Жумабаев"], "queries": ["паводок"]}
DIGEST_DAY = "2019-03-29"


def build_sample_db(url: str) -> None:
    """Analyse data/sample and store it at ``url``."""
    from svodka.ingest.readers import read_paths
    from svodka.pipeline import analyze_documents
    from svodka.store import open_store

    articles = list(analyze_documents(read_paths([str(ROOT / "data" / "sample")]), on_error=lambda e: None))
    with open_store(url) as store:
        store.add_watchlist("sample", **WATCHLIST)
        for i in range(0, len(articles), 4):  # as ingest does, batch by batch
            store.check_alerts(store.add_articles(articles[i : i + 4]).ids)


def follow_demo_feeds(url: str) -> None:
    """Follow three outlets of the local feed server (``make demo``'s) and poll them once: the feeds page's shot."""
    import asyncio
    import time

    from svodka.store import feeds as feed_store
    from svodka.store import open_store
    from svodka.watch.testserver import RESOLVER, FeedServer, FeedSpec
    from svodka.watch.watcher import Watcher, WatchOptions

    now = time.time()
    names = ("zarechye", "priozersk", "lesnogorsk")
    specs = [FeedSpec(name, published=[now - 3600 * (k + 1), now - 600 * (k + 1)], events="shots") for k, name in enumerate(names)]
    with FeedServer(specs) as server, open_store(url) as store:
        for name in names:
            feed_store.add_feed(store.db, server.url(name), name=f"Вестник {name}")
        options = WatchOptions(workers=1, allow_private=".feeds.test", host_interval=0.1, once=True)
        asyncio.run(Watcher(store, options, resolver=RESOLVER).run())


def pick(store) -> tuple[int, int]:
    """An article rich in entities and statements (several quotes), and the person quoted most."""
    best, best_score = None, -1
    rows, _ = store.articles(limit=100)
    for row in rows:
        a = store.article(row["id"])
        score = len(a.quotes) * 3 + len(a.entities) - abs(len(a.text) - 2500) / 500
        if score > best_score:
            best, best_score = row["id"], score
    people = store.entities(type="PER", limit=20)
    person = max(people, key=lambda e: (len(store.quotes(speaker=e["id"], limit=50)), e["mentions"]))
    return best, person["id"]


def pick_story(store) -> int:
    """The story told by the most outlets (then with the most statements): the story page's shot."""
    stories = [store.story(s["id"]) for s in store.stories(limit=50)]
    return max(stories, key=lambda s: (s["sources"], len(s["statements"]), -s["id"]))["id"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="archive URL (default: analyse data/sample into a temporary DB)")
    ap.add_argument("--out", default=str(ROOT / "docs"), help="folder for the PNGs (default docs/)")
    ap.add_argument("--phone", action="store_true", help="also take a phone-width shot of the article")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from svodka.store import open_store
    from svodka.web import create_app
    from svodka.web._server import running

    with tempfile.TemporaryDirectory() as tmp:
        url = args.db
        if not url:
            url = f"sqlite:///{tmp}/sample.db"
            build_sample_db(url)
            follow_demo_feeds(url)
        with open_store(url) as store:
            article_id, person_id = pick(store)
            story_id = pick_story(store)
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        with running(create_app(url)) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=VIEWPORT)
            shots = [
                (f"{base}/?q={QUERY}", "screenshot-search.png"),
                (f"{base}/articles/{article_id}", "screenshot-article.png"),
                (f"{base}/entities/{person_id}", "screenshot-entity.png"),
                (f"{base}/alerts", "screenshot-alerts.png"),
                (f"{base}/digest?date={DIGEST_DAY}", "screenshot-digest.png"),
                (f"{base}/stories/{story_id}", "screenshot-story.png"),
                (f"{base}/feeds", "screenshot-feeds.png"),
            ]
            for address, name in shots:
                page.goto(address)
                page.screenshot(path=str(out / name), full_page=False)
                print(out / name)
            if args.phone:
                phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
                phone.goto(f"{base}/articles/{article_id}")
                phone.screenshot(path=str(out / "screenshot-article-phone.png"))
                print(out / "screenshot-article-phone.png")
            browser.close()


if __name__ == "__main__":
    main()
