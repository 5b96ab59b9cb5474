"""The Store: the archive's public face, one method per operation, each a call into a module.

    store = open_store("svodka.db")
    store.add_articles(articles)      -> ingest.add_articles(store.writer, ...)
    store.search("Абдрахманов")       -> queries.search(store.db, store.lemmatizer, ...)

Where the work is done: ``database`` (connections, the single writer, reads in parallel;
``sqlite``/``postgres`` are its backends), ``schema`` (migrations), ``writer`` (what the one
writer keeps between batches), ``ingest`` (articles, documents, rejected inputs),
``linking`` with ``corpus`` and ``stories`` (entities, quotes, stories across the corpus),
``corrections`` (the analyst's merges, splits and aliases),
``queries`` (every read: the web API and pages call them too) and ``export``.

Speed (bench/store_bench.py; the measurements sit next to each choice): one base form per
word in the full-text index (``lemma_aliases`` keeps recall), MinHash in plain numpy, no
rows for what only ``raw`` needs (blocks, mentions), corpus entities kept in memory between
batches while no other writer links, story band keys looked up in memory
(``stories.BandIndex``) and stored one row per article, name keys and role words made where
the record is prepared (``corpus.EntityFacts``), per-thread read connections, and common
words ranked among their newest ``queries.RANK_POOL`` matches.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, TextIO

from ..model import Article
from . import export as _export
from . import alerts as _alerts
from . import corrections, ingest, linking, queries, stories, story_view
from . import digest as _digest
from .database import Database
from .ingest import AddResult
from .prepare import Prepared
from .queries import SearchHit
from .snippets import Snippets
from .writer import Writer

__all__ = ["Store", "AddResult", "SearchHit"]


class Store:
    """The archive over one ``Database``. Use ``svodka.store.open_store(url)`` to get one.

    Thread-safe: one writer at a time (the database's lock), reads in parallel.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self.writer = Writer(db)
        self.lemmatizer = self.writer.lemmatizer  # pymorphy3 analyzer created on first use
        self.snippets = Snippets(self.lemmatizer)  # what search snippets learned of words, kept between searches

    @property
    def name(self) -> str:
        """The database's name (its path, or its URL without the password)."""
        return self.db.name

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.db.dialect

    def use_parse(self, parse: Any) -> None:
        """Share the process's morphology cache (``Models.parse``) instead of loading another analyzer."""
        self.lemmatizer.share(parse)

    def close(self) -> None:
        """Close the database's connections (idempotent)."""
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def schema_version(self) -> int:
        """The schema version of the database (0 when empty)."""
        return self.db.schema_version()

    def size_bytes(self) -> int:
        """Bytes the database takes on disk."""
        return self.db.size_bytes()

    # ------------------------------------------------------------------ writing: ingest.py, linking.py, stories.py

    def add_articles(self, articles: list[Article | Prepared], *, link: bool = True, documents: list[str] | None = None) -> AddResult:
        """Store a batch of analysed articles in one transaction: ``ingest.add_articles``."""
        return ingest.add_articles(self.writer, articles, link=link, documents=documents)

    def known_documents(self, urls: Iterable[str], hashes: Iterable[str]) -> tuple[set[str], set[str]]:
        """Which of these document URLs and hashes the archive holds: ``ingest.known_documents``."""
        return ingest.known_documents(self.db, urls, hashes)

    def add_rejected(self, name: str, reason: str, *, count: int = 1) -> None:
        """Record an input that yielded no article: ``ingest.add_rejected``."""
        ingest.add_rejected(self.db, name, reason, count=count)

    def link_pending(self, batch: int = 1000) -> int:
        """Link articles stored with ``link=False``: ``linking.link_pending``."""
        return linking.link_pending(self.writer, batch)

    def recluster(self, chunk: int = 5000, *, events: bool = True) -> int:
        """Rebuild all stories from the stored band keys: ``stories.recluster`` (``events=False``: the topic rules)."""
        return stories.recluster(self.writer, chunk, events=events)

    def relink(self, batch: int = 1000) -> int:
        """Rebuild every corpus entity and quote from the stored articles, keeping stories and corrections: ``linking.relink``."""
        return linking.relink(self.writer, batch)

    # ------------------------------------------------------------------ the analyst's corrections: corrections.py

    def merge_entities(self, a: Any, b: Any) -> dict:
        """Merge entity ``b`` into ``a`` (ids or names), now and after every relink: ``corrections.merge``."""
        return corrections.merge(self.writer, a, b)

    def split_entity(self, entity: Any, form: str) -> dict:
        """Split the mentions by the name ``form`` off an entity into one of their own: ``corrections.split``."""
        return corrections.split(self.writer, entity, form)

    def alias_entity(self, entity: Any, name: str) -> dict:
        """Give an entity another name it is found and linked by: ``corrections.alias``."""
        return corrections.alias(self.writer, entity, name)

    # ------------------------------------------------------------------ watchlists and alerts: alerts.py, digest.py

    def add_watchlist(self, name: str, **terms: Any) -> dict:
        """Create a watchlist or add terms to it (``entities``, ``speakers``, ``queries``, ``webhook``): ``alerts.add_watchlist``."""
        return _alerts.add_watchlist(self.db, name, **terms)

    def remove_watchlist(self, name: str) -> dict:
        """Delete a watchlist with its alerts: ``alerts.remove_watchlist``."""
        return _alerts.remove_watchlist(self.db, name)

    def watchlists(self) -> list[dict]:
        """Every watchlist with its terms and alert count: ``alerts.watchlists``."""
        return _alerts.watchlists(self.db)

    def alerts(self, watchlist: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Alerts newest first: ``alerts.alerts``."""
        return _alerts.alerts(self.db, watchlist, limit, offset)

    def check_alerts(self, article_ids: Iterable[int]) -> list[dict]:
        """Read newly stored articles against every watchlist; the new alerts: ``alerts.check_alerts``."""
        return _alerts.check_alerts(self.db, self.lemmatizer, article_ids)

    def digest(self, day: Any = None, watchlist: str | None = None, top: int = _digest.TOP_STORIES) -> dict:
        """The day's svodka: top stories, their statements, the people rising: ``digest.digest``."""
        return _digest.digest(self.db, self.lemmatizer, day, watchlist, top)

    # ------------------------------------------------------------------ reading: queries.py, export.py

    def article(self, article_id: int) -> Article | None:
        """The stored Article, or None: ``queries.article``."""
        return queries.article(self.db, article_id)

    def articles(self, limit: int = 50, cursor: int | None = None) -> tuple[list[dict], int | None]:
        """Articles newest-ingested first, keyset-paginated: ``queries.articles``."""
        return queries.articles(self.db, limit, cursor)

    def languages(self) -> dict[str, int]:
        """Articles per language, most first: ``queries.languages``."""
        return queries.languages(self.db)

    def sources(self) -> list[dict]:
        """Every source with its article count and dates: ``queries.sources``."""
        return queries.sources(self.db)

    def find_entities(self, name_or_id: Any, type: str | None = None, limit: int = 20) -> list[int]:
        """Corpus entity ids for an id or a name in any form: ``queries.find_entities``."""
        return queries.find_entities(self.db, self.lemmatizer, name_or_id, type, limit)

    def search(self, query: str, **filters: Any) -> list[SearchHit]:
        """Full-text search with filters and snippets: ``queries.search`` (its arguments)."""
        return queries.search(self.db, self.lemmatizer, query, snippets=self.snippets, **filters)

    def entities(self, type: str | None = None, query: str | None = None, limit: int = 50) -> list[dict]:
        """Corpus entities, most mentioned first: ``queries.entities``."""
        return queries.entities(self.db, self.lemmatizer, type, query, limit)

    def entity_profile(self, name_or_id: Any, top: int = 10) -> dict | None:
        """Everything known about one corpus entity: ``queries.entity_profile``."""
        return queries.entity_profile(self.db, self.lemmatizer, name_or_id, top)

    def entity_candidates(self, name: Any, limit: int = queries.MAX_CANDIDATES) -> list[dict]:
        """Every live entity a name may mean, with counts, dates and top aliases: ``queries.entity_candidates``."""
        return queries.entity_candidates(self.db, self.lemmatizer, name, limit)

    def entity_days(self, entity_id: int) -> dict[str, int]:
        """Mentions per day of one corpus entity: ``queries.entity_days``."""
        return queries.entity_days(self.db, entity_id)

    def quotes(
        self, speaker: Any = None, about: str | None = None, date_from: Any = None, date_to: Any = None, limit: int = 50, *, source: str | None = None, offset: int = 0
    ) -> list[dict]:
        """Corpus quotes, latest first, each in its sentence, with their appearances: ``queries.quotes``."""
        return queries.quotes(self.db, self.lemmatizer, speaker, about, date_from, date_to, limit, source=source, offset=offset)

    def stories(self, limit: int = 20) -> list[dict]:
        """Stories, largest and most recent first, with outlets, first outlet and growth: ``story_view.stories``."""
        return story_view.stories(self.db, limit)

    def story(self, story_id: int) -> dict | None:
        """One story with its articles, outlets, first outlet, growth and statements: ``story_view.story``."""
        return story_view.story(self.db, story_id)

    def rejected(self, limit: int | None = 100) -> list[dict]:
        """The latest rejected inputs: ``queries.rejected``."""
        return queries.rejected(self.db, limit)

    def stats(self) -> dict:
        """Counts and dates of the archive: ``queries.stats``."""
        return queries.stats(self.db)

    def export(self, fmt: str, out: TextIO | str | Path, *, what: str = "articles") -> int:
        """Write the archive as JSON lines or CSV: ``export.export``."""
        return _export.export(self.db, fmt, out, what=what)
