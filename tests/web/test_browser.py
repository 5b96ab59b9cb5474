"""In a real browser (Debian's chromium via Playwright): the analyst's path, the chart, and XSS.

Skipped with a reason when /usr/bin/chromium or playwright is missing. The app runs in
uvicorn on a free loopback port in a background thread, over its own copy of the sample
archive (the XSS test writes to it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from svodka.model import Article

from .conftest import TOKEN

# Debian's chromium (never a browser downloaded by ``playwright install``).
CHROMIUM = "/usr/bin/chromium"
# Flags: headless, no sandbox in containers, and nothing that reaches the network on its own.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
# Milliseconds Playwright waits for a page or element.
TIMEOUT_MS = 15_000

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium) to run browser tests", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

HOSTILE_TEXT = (
    "Хроника Заречинска <script>window.__xss=1</script>\n\n"
    'Глава Заречинска Павел Сорокин заявил, что мост откроют в мае. <img src=x onerror="window.__xss=2">\n\n'
    "«Мы справимся <b>сами</b>», — сказал Сорокин журналистам."
)


@pytest.fixture(scope="module")
def server(sample_articles, models, analysis, tmp_path_factory):
    """Base URL of a live server over a private copy of the sample archive."""
    from svodka.store import open_store
    from svodka.web import create_app
    from svodka.web._server import running

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'archive.db'}"
    with open_store(url) as store:
        store.add_articles([Article.from_dict(a.to_dict()) for a in sample_articles])
    app = create_app(url, api_token=TOKEN, models=models, analysis=analysis)
    with running(app) as base:
        base_url = base
        yield base_url, app


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    yield pg
    context.close()


@pytest.fixture(scope="module")
def quoted_person(server) -> dict:
    """The person quoted most in the archive."""
    store = server[1].state.store
    people = store.entities(type="PER", limit=30)
    return max(people, key=lambda e: (len(store.quotes(speaker=e["id"], limit=50)), e["mentions"], -e["id"]))


def test_browser_search_article_person_profile(server, page, quoted_person):
    base, _ = server
    surname = quoted_person["name"].split()[-1]
    page.goto(base + "/")
    page.fill(".top-search input[name=q]", surname)
    page.press(".top-search input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    assert page.locator(".result mark").count() >= 1
    page.locator(".result-title").first.click()
    page.wait_for_url("**/articles/*")
    person_link = page.locator(f'.article-body a.ent-PER[href="/entities/{quoted_person["id"]}"], .article-title a.ent-PER[href="/entities/{quoted_person["id"]}"]').first
    assert person_link.get_attribute("title").startswith("персона · ")
    person_link.click()
    page.wait_for_url(f"**/entities/{quoted_person['id']}")
    assert quoted_person["name"] in page.locator("h1").inner_text()
    assert page.locator("#statements .stmt").count() >= 1
    assert page.locator("#statements .stmt-sentence mark").first.inner_text().strip()


def test_browser_entity_chart_draws_bars(server, page, quoted_person):
    base, _ = server
    page.goto(f"{base}/entities/{quoted_person['id']}")
    chart = page.locator("svg.chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 200 and box["height"] > 50
    heights = [page.locator("svg.chart rect.bar").nth(i).bounding_box()["height"] for i in range(page.locator("svg.chart rect.bar").count())]
    assert heights and max(heights) > 20  # the busiest week is a visible bar


def test_browser_hostile_article_never_executes(server, page):
    import httpx

    base, _ = server
    response = httpx.post(
        f"{base}/api/ingest", json={"documents": [{"text": HOSTILE_TEXT, "no_clean": True}]}, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60
    )
    article_id = response.json()["ids"][0]
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (f"/articles/{article_id}", "/?q=Заречинск", "/quotes?speaker=Сорокин"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("img").count() == 0, path
        assert page.locator("main script, main b").count() == 0, path
    page.goto(f"{base}/articles/{article_id}")
    body = page.locator(".article-body").inner_text()
    assert "<script>window.__xss=1</script>" in body
    assert '<img src=x onerror="window.__xss=2">' in body
    assert "<b>сами</b>" in body
    assert dialogs == []


def test_browser_pages_fit_a_phone(server, browser, quoted_person):
    base, _ = server
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    pg = context.new_page()
    try:
        story = server[1].state.store.stories(limit=1)[0]["id"]
        for path in ("/", "/?q=вода", f"/entities/{quoted_person['id']}", "/quotes", "/sources", "/entities", "/stories", f"/stories/{story}"):
            pg.goto(base + path)
            overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, f"{path} scrolls sideways by {overflow}px at phone width"
    finally:
        context.close()


@pytest.mark.issue(17)
def test_browser_story_page_from_the_list(server, page):
    """From the stories list to a story: outlets by name, the first outlet, the articles, statements."""
    base, app = server
    page.goto(base + "/stories")
    story = max(app.state.store.stories(limit=50), key=lambda s: (s["size"], s["sources"]))
    page.click(f'#story-{story["id"]} h2 a')
    page.wait_for_url(f"{base}/stories/{story['id']}")
    meta = page.locator(".story .meta").first.inner_text()
    assert all(outlet in meta for outlet in story["outlets"]) and f"{story['sources']} издани" in meta
    if story["first"]:
        assert page.locator(".story-articles li.first .src").inner_text() == story["first"]["source"]
    assert page.locator(".story-articles li").count() == story["size"]
    full = app.state.store.story(story["id"])
    assert page.locator(".stmts li.stmt").count() == len(full["statements"])
    if len(full["growth"]["bars"]) > 1:
        assert page.locator(".story-growth svg rect").count() == len(full["growth"]["bars"])


def test_browser_long_entity_names_wrap_inside_the_phone_screen(server, browser):
    base, _ = server
    context = browser.new_context(viewport={"width": 320, "height": 700}, is_mobile=True)
    pg = context.new_page()
    try:
        pg.goto(base + "/")
        # The longest organisation name we could meet, with a word longer than the screen, in a home-page chip.
        long_name = "Федерального государственного унитарного предприятия «Гидроэнергоспецстройпроектизыскания» и «Главное управление специальных программ Президента»"
        pg.evaluate("name => { document.querySelector('.chip-ORG').textContent = name; }", long_name)
        width = pg.evaluate("document.documentElement.clientWidth")
        chips = pg.locator(".chips .chip")
        assert chips.count() >= 3
        for i in range(chips.count()):
            box = chips.nth(i).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, chips.nth(i).inner_text()
            assert chips.nth(i).get_attribute("href").startswith("/entities/")
        assert pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1
    finally:
        context.close()


@pytest.mark.issue(11)
def test_browser_docs_render_offline(server, page):
    """/docs shows Swagger UI from this server's files alone: no request leaves it, no CSP error."""
    base, _ = server
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base + "/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/search" in p for p in paths) and any("/api/analyze" in p for p in paths)
    assert requests and all(u.startswith(base) or u.startswith("data:") for u in requests), [u for u in requests if not u.startswith(base)]
    assert not errors, errors


# A report the alerts test ingests through the API (issue 17).
FERRY_TEXT = (
    "Паром через Светлое озеро пойдёт в понедельник\n\n"
    "Глава Озёрского района Ирина Воронцова заявила, что паромная переправа через Светлое озеро откроется в понедельник. "
    "«Паром будет ходить каждые два часа до поздней осени», — сказала Воронцова журналистам."
)


@pytest.mark.issue(17)
def test_browser_alerts_and_digest_pages(server, page):
    import httpx

    base, app = server
    auth = {"Authorization": f"Bearer {TOKEN}"}
    made = httpx.post(f"{base}/api/watchlists", json={"name": "ozersk", "speaker": ["Воронцова"], "query": ["паромная переправа"]}, headers=auth, timeout=30)
    assert made.status_code == 201, made.text
    stored = httpx.post(f"{base}/api/ingest", json={"documents": [{"text": FERRY_TEXT, "published": "2019-10-05"}]}, headers=auth, timeout=120)
    assert stored.json()["stored"] == 1, stored.text
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(base + "/")
    page.click("nav.top-nav >> text=Оповещения")
    page.wait_for_url("**/alerts")
    assert page.locator(".watchlist .name", has_text="ozersk").is_visible()
    kinds = page.locator(".alert .tag").all_inner_texts()
    assert "Новый сюжет" in kinds and "Новое высказывание" in kinds
    assert page.locator('.watchlist a.feed[href="/alerts/ozersk.atom"]').is_visible()
    page.locator(".alert a", has_text="Паром через Светлое озеро").first.click()
    page.wait_for_url("**/articles/*")
    page.goto(base + "/alerts")
    page.click("nav.top-nav >> text=Сводка")
    page.wait_for_url("**/digest")
    assert page.locator(".svodka-digest h1").inner_text().startswith("Сводка за ")
    assert page.locator(".svodka-digest h1").evaluate("e => getComputedStyle(e).fontSize") == "22px"  # /digest.css passed the CSP
    page.fill("input[name=date]", "2019-03-29")
    page.click(".digest-form button")
    page.wait_for_url("**/digest?date=2019-03-29*")
    assert page.locator(".svodka-digest ol.dg-stories > li").count() >= 1
    page.goto(base + "/digest.html?date=2019-03-29")
    assert page.locator(".svodka-digest h1").evaluate("e => getComputedStyle(e).fontSize") == "22px"  # its inline style applies
    assert blocked == []


@pytest.mark.issue(17)
def test_browser_watchlist_form_adds_and_removes(server, page):
    base, _ = server
    page.goto(base + "/alerts")
    form = page.locator("#watch")
    assert form.is_visible()  # the script shows it: the server has a token
    form.locator("input[name=name]").fill("volga")
    form.locator("input[name=query]").fill("паводок")
    form.locator("button[type=submit]").click()
    assert "токен" in form.locator(".correct-status").inner_text()  # no token typed yet
    form.locator(".token-input").fill(TOKEN)
    form.locator(".token-input").dispatch_event("change")
    form.locator("button[type=submit]").click()
    page.wait_for_selector('.watchlist .name:text("volga")')
    page.locator('#watch button.watch-remove[data-name="volga"]').click()
    page.wait_for_selector('.watchlist .name:text("volga")', state="detached")


@pytest.mark.issue(17)
def test_browser_feeds_page_from_the_nav(server, page):
    from svodka.store import feeds as feed_store

    base, app = server
    db = app.state.store.db
    ok, _ = feed_store.add_feed(db, "https://zarechye-vesti.example/rss", name="Заречные вести")
    down, _ = feed_store.add_feed(db, "https://priozersk-kurier.example/rss", name="Приозёрский курьер")
    feed_store.claim_feeds(db, "browser", 2_000_000_000, 10, 60)
    feed_store.record_polls(db, "browser", [
        feed_store.PollOutcome(ok, {"last_status": 200, "last_success": 1_700_000_000, "next_poll": 1_700_000_300, "items_per_day": 12.5}),
        feed_store.PollOutcome(down, {"last_status": 500, "errors": 5, "failing": 1, "last_error": "HTTP 500", "next_poll": 1_700_086_400}),
    ])
    page.goto(base + "/")
    page.click("nav.top-nav >> text=Ленты")
    page.wait_for_url("**/feeds")
    rows = page.locator("table tbody tr")
    assert rows.count() >= 2
    assert page.locator("text=Заречные вести").first.is_visible() and page.locator("text=HTTP 500").first.is_visible()
    assert "built-in method" not in page.content()
    with page.expect_response(lambda r: r.url.endswith("/metrics")) as reply:
        page.goto(base + "/metrics")
    assert reply.value.status == 200 and "svodka_feeds_failing 1" in page.content()
