"""Benchmark the archive: ingest rate, size per article, search latency.

    .venv/bin/python bench/store_bench.py                      # SQLite, N = 100000
    SVODKA_TEST_DATABASE_URL=postgresql://... .venv/bin/python bench/store_bench.py --pg-n 100000

Generates N synthetic, already-analysed Articles from templates (varied names, places,
organisations, dates and quotes; some quotes reprinted by several outlets), prepares them
for the store in worker processes (as ``svodka ingest`` does in its analysis workers:
index text, band keys, compressed JSON; timed and reported on its own), then stores them
in batches into a fresh SQLite file (and PostgreSQL, in a throwaway schema, when
SVODKA_TEST_DATABASE_URL is set), then times 200 varied searches, one after another and
from several threads at once. Prints, per backend: N, ingest rate, size per article,
search p50/p95, concurrent search throughput; and the load average (the machine may be
shared: figures under load are lower). PostgreSQL ingest stops at the first batch past
``--pg-budget`` seconds and says how many articles it stored.
No NLP model is loaded: the articles come annotated.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from svodka.model import Article, DateMention, Entity, Mention, Quote, Speaker  # noqa: E402
from svodka.store import open_store  # noqa: E402
from svodka.store.prepare import prepare_articles  # noqa: E402

# Name parts: first names (nominative) and surname stems; surnames get -ов/-ин/-ский endings.
FIRST = ["Иван", "Пётр", "Сергей", "Анна", "Ольга", "Кайрат", "Марат", "Елена", "Дмитрий", "Алексей", "Нурлан", "Ирина", "Виктор", "Татьяна", "Руслан"]
STEMS = ["Абдрахман", "Иван", "Петр", "Смирн", "Кузнец", "Волк", "Сорок", "Лебед", "Козл", "Новик", "Морозов", "Соловь", "Быстр", "Журавл", "Тарас",
         "Белоус", "Гусев", "Медвед", "Орл", "Сокол", "Ерм", "Никит", "Фом", "Карп", "Лукин", "Зайц", "Рыж", "Черн", "Бел", "Гром"]
ENDINGS = ["ов", "ин", "ский", "енко"]
# Places (nominative, genitive, prepositional) and organisations.
PLACES = [("Лиссабон", "Лиссабона", "Лиссабоне"), ("Казань", "Казани", "Казани"), ("Тбилиси", "Тбилиси", "Тбилиси"), ("Астана", "Астаны", "Астане"),
          ("Минск", "Минска", "Минске"), ("Ереван", "Еревана", "Ереване"), ("Самара", "Самары", "Самаре"), ("Баку", "Баку", "Баку"),
          ("Новосибирск", "Новосибирска", "Новосибирске"), ("Бишкек", "Бишкека", "Бишкеке"), ("Ташкент", "Ташкента", "Ташкенте"), ("Омск", "Омска", "Омске")]
ORGS = [("министерство финансов", "министерства финансов"), ("центральный банк", "центрального банка"), ("городская дума", "городской думы"),
        ("союз промышленников", "союза промышленников"), ("федеральная служба статистики", "федеральной службы статистики"),
        ("управление образования", "управления образования"), ("транспортная компания", "транспортной компании")]
ROLES = ["министр финансов", "мэр города", "глава правления", "председатель комитета", "губернатор области", "главный тренер", "директор завода", "посол"]
OUTLETS = ["Вечерний Тест", "Заречные вести", "Речной курьер", "Область сегодня", "Деловой вестник", "Северная газета", "Утренний экспресс", "Новости края"]
TOPICS = ["бюджет", "мост", "урожай", "выборы", "завод", "школа", "больница", "дорога", "футбол", "театр", "налог", "кредит", "экспорт", "тариф", "парк"]
NOUNS = ["реформа", "программа", "проект", "соглашение", "инвестиция", "строительство", "ремонт", "поддержка", "развитие", "модернизация",
         "сотрудничество", "переговоры", "совещание", "форум", "выставка", "конкурс", "фестиваль", "контракт", "закупка", "субсидия"]
# Sentence templates: {P} person as written, {C} place (prepositional), {G} place (genitive), {O} org (genitive), {T} topic, {N} noun, {K} number.
SENTENCES = [
    "В {C} прошло совещание, посвящённое теме «{T}», на нём выступил {P}.",
    "{P} сообщил, что {N} в {C} будет завершена до конца года.",
    "По данным {O}, расходы на {T} выросли на {K} процентов.",
    "Представители {O} провели переговоры о том, как ускорить {N}.",
    "Жители {G} обсуждают {N} и её последствия для города.",
    "Эксперты оценили {N} в {K} миллионов рублей.",
    "{P} отметил важность темы «{T}» для развития {G}.",
    "Ранее в {C} уже обсуждали {N}, но решение тогда не приняли.",
    "На следующей неделе в {C} начнётся {N}, сообщили в пресс-службе {O}.",
    "Как пояснил {P}, средства направят на {T} и {N}.",
    "Участники встречи договорились продолжить {N} в {C}.",
    "Аналитики {O} ожидают, что {T} подорожает на {K} процентов.",
    "Новую {N} в {C} представил {P}.",
    "Всего в проекте примут участие {K} организаций из {G}.",
    "Решение о том, чтобы поддержать {T}, приняли единогласно.",
    "Против выступили {K} депутатов, напомнил {P}.",
]
QUOTES = [
    "Мы сделаем всё, чтобы {T} стал примером для всей страны",
    "Эта {N} позволит создать новые рабочие места уже в этом году",
    "Никаких причин откладывать {N} у нас нет, работа идёт по графику",
    "Мы рассчитываем на поддержку коллег и продолжим диалог по теме {T}",
]


def surname(rng: random.Random) -> str:
    """A random surname (nominative, masculine)."""
    return rng.choice(STEMS) + rng.choice(ENDINGS)


def inflect(name: str) -> str:
    """A genitive-ish surface form of a masculine surname, to vary the text."""
    for end, gen in (("ский", "ского"), ("енко", "енко"), ("ов", "ова"), ("ин", "ина")):
        if name.endswith(end):
            return name[: -len(end)] + gen
    return name


def load_vocabulary(size: int = 40_000) -> list[str]:
    """Real Russian word forms from the pymorphy3 dictionary (realistic lemma-cache misses)."""
    import pymorphy3

    words = []
    for i, (word, *_rest) in enumerate(pymorphy3.MorphAnalyzer().dictionary.iter_known_words()):
        if i % 97 == 0 and word.isalpha():
            words.append(word)
            if len(words) >= size:
                break
    return words


def filler(rng: random.Random, vocab: list[str]) -> str:
    """A few words drawn Zipf-like from the vocabulary (a long tail, like real news)."""
    return " ".join(vocab[int(len(vocab) * rng.random() ** 3)] for _ in range(rng.randint(3, 7)))


def make_article(i: int, rng: random.Random, quote_pool: list[str], vocab: list[str] = ()) -> Article:
    """One synthetic analysed article with entities, dates and quotes, offsets exact."""
    people = [(rng.choice(FIRST), surname(rng), rng.choice(ROLES)) for _ in range(rng.randint(1, 3))]
    place = rng.choice(PLACES)
    org = rng.choice(ORGS)
    day = f"20{rng.randint(17, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    marks: list[tuple[int, int, str, str, str]] = []  # (para, offset, surface, local id, normal)
    paragraphs: list[str] = []
    quotes: list[tuple[int, int, str, str]] = []  # (para, offset, text, local id)
    for p in range(rng.randint(3, 6)):
        parts: list[str] = []
        length = 0
        for _ in range(rng.randint(2, 4)):
            tmpl = rng.choice(SENTENCES)
            k = rng.randrange(len(people))
            first, last, _ = people[k]
            surface = rng.choice([f"{first} {last}", last, f"{first} {last}"])
            sentence = tmpl
            pos = sentence.find("{P}")
            if pos >= 0:
                prefix = sentence[:pos].format(C=place[2], G=place[1], O=org[1], T=rng.choice(TOPICS), N=rng.choice(NOUNS), K=rng.randint(2, 900))
                marks.append((p, length + len(prefix), surface, f"T{k + 1}", f"{first} {last}" if " " in surface else last))
                sentence = prefix + surface + sentence[pos + 3 :]
            sentence = sentence.format(C=place[2], G=place[1], O=org[1], T=rng.choice(TOPICS), N=rng.choice(NOUNS), K=rng.randint(2, 900))
            if vocab:
                sentence = sentence[:-1] + ", " + filler(rng, vocab) + sentence[-1]
            parts.append(sentence)
            length += len(sentence) + 1
        text = " ".join(parts)
        if rng.random() < 0.3:  # a quotation, often one reprinted from the pool
            quote = rng.choice(quote_pool) if rng.random() < 0.5 else rng.choice(QUOTES).format(T=rng.choice(TOPICS), N=rng.choice(NOUNS))
            k = rng.randrange(len(people))
            lead = text + " «"
            quotes.append((p, len(lead), quote, f"T{k + 1}"))
            text = lead + quote + f"», — заявил {inflect(people[k][1])}."
        paragraphs.append(text)
    title = f"{people[0][1]}: {rng.choice(NOUNS)} в {place[2]} и {rng.choice(TOPICS)} ({i})"
    art = Article.build(title, paragraphs, source=rng.choice(OUTLETS), url=f"https://bench.test/{i}", published=day, views=rng.randint(0, 50000))
    starts = [b.start for b in art.blocks if b.kind == "paragraph"]
    for k, (first, last, role) in enumerate(people):
        lid = f"T{k + 1}"
        ment = [Mention(starts[p] + off, starts[p] + off + len(s), s, normal) for p, off, s, mid, normal in marks if mid == lid]
        art.entities.append(Entity(lid, "PER", f"{first} {last}", first=first, last=last, roles=[role], mentions=ment))
    art.entities.append(Entity("T9", "LOC", place[0], mentions=[]))
    art.entities.append(Entity("T10", "ORG", org[0], mentions=[]))
    for p, off, q, lid in quotes:
        k = int(lid[1:]) - 1
        art.quotes.append(Quote("direct", q, starts[p] + off, starts[p] + off + len(q), Speaker(f"{people[k][0]} {people[k][1]}", "PER", lid), "заявил"))
    art.dates.append(DateMention(0, 0, "", day, day))
    return art


def make_queries(rng: random.Random, n: int) -> list[tuple[str, dict]]:
    """Varied searches: surnames in oblique cases, topics, nouns, with and without filters."""
    out = []
    for _ in range(n):
        kind = rng.random()
        if kind < 0.3:
            q = inflect(surname(rng))
        elif kind < 0.5:
            q = f"{rng.choice(NOUNS)} {rng.choice(PLACES)[2]}"
        elif kind < 0.7:
            q = f"{surname(rng)} заявил {rng.choice(TOPICS)}"
        elif kind < 0.85:
            q = rng.choice(TOPICS)
        else:
            q = f"{rng.choice(FIRST)} {inflect(surname(rng))}"
        filters: dict = {}
        if rng.random() < 0.3:
            filters["source"] = rng.choice(OUTLETS)
        if rng.random() < 0.2:
            filters["date_from"] = f"20{rng.randint(17, 23)}-01-01"
        if rng.random() < 0.1:
            filters["has_quote"] = True
        out.append((q, filters))
    return out


def load() -> str:
    """The 1-minute load average and the core count, for reading the figures."""
    try:
        return f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    except OSError:
        return "load average unknown"


def concurrent_searches(store, queries: list, threads: int) -> float:
    """Searches per second with ``threads`` threads each running all ``queries``."""

    def worker() -> None:
        for q, filters in queries:
            store.search(q, **filters)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    t = time.perf_counter()
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    return threads * len(queries) / (time.perf_counter() - t)


def prepare(articles: list[Article], workers: int, chunk: int = 500) -> list:
    """Prepared records of ``articles``, made in ``workers`` processes; prints the rate."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        pool.submit(prepare_articles, articles[:1]).result()  # start the workers (pymorphy3 loads) outside the timing
        t = time.perf_counter()
        out = [p for part in pool.map(prepare_articles, [articles[i : i + chunk] for i in range(0, len(articles), chunk)]) for p in part]
    elapsed = time.perf_counter() - t
    print(f"[prepare] {len(out)} articles in {elapsed:.1f} s on {workers} worker processes = {len(out) / elapsed:,.0f} articles/s "
          f"({elapsed * workers / len(out) * 1e6:.0f} us/article per process, pickling both ways included); {load()}")
    return out


def run(url: str, articles: list, batch: int, queries: list, label: str, budget: float | None = None, threads: int = 4, split: bool = False, **options) -> None:
    """Ingest prepared ``articles`` into the store at ``url`` and time searches; print the figures."""
    if "://" not in url:  # a SQLite file from an earlier run would make every article a duplicate
        for suffix in ("", "-wal", "-shm"):
            Path(url + suffix).unlink(missing_ok=True)
    store = open_store(url, **options)
    store.lemmatizer.lemmas("прогрев")  # load pymorphy3 outside the timing (the lemma cache starts cold)
    print(f"[{label}] start: {load()}")
    t0 = time.perf_counter()
    n = 0
    for i in range(0, len(articles), batch):
        store.add_articles(articles[i : i + batch], link=not split)
        n = min(len(articles), i + batch)
        if budget is not None and time.perf_counter() - t0 > budget and n < len(articles):
            print(f"[{label}] ingest stopped after {budget:.0f} s budget at N = {n} (of {len(articles)} asked)")
            break
    elapsed = time.perf_counter() - t0
    if split:  # the two halves of an ingest on their own: rows and index, then corpus linking
        t = time.perf_counter()
        store.link_pending(batch)
        linking = time.perf_counter() - t
        print(f"[{label}] split: store without linking {n / elapsed:,.0f} articles/s; link_pending {n / linking:,.0f} articles/s; "
              f"together {n / (elapsed + linking):,.0f} articles/s")
        elapsed += linking
    if store.dialect == "sqlite":  # fold the WAL into the file so the size is the archive's
        with store.db.lock:
            store.db._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    else:  # planner statistics for the fresh tables (autovacuum would do it later; bad plans until then)
        with store.db.write() as cur:
            cur.execute("ANALYZE")
    stats = store.stats()
    print(f"[{label}] N = {n}")
    print(f"[{label}] ingest (prepared records, one writer): {n} articles in {elapsed:.1f} s = {n / elapsed:,.0f} articles/s (batch {batch}); {load()}")
    print(f"[{label}] size: {stats['size_bytes'] / 1e6:.1f} MB = {stats['bytes_per_article']:,} bytes/article; "
          f"entities {stats['entities']}, quotes {stats['quotes']} ({stats['quote_appearances']} appearances), stories {stats['stories']}")
    times = []
    hits = 0
    for q, filters in queries:
        t = time.perf_counter()
        hits += len(store.search(q, **filters))
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"[{label}] search: {len(queries)} queries, p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms, {hits / len(queries):.1f} hits/query")
    rate1 = concurrent_searches(store, queries, 1)
    rate = concurrent_searches(store, queries, threads)
    print(f"[{label}] search throughput: {rate1:.0f} queries/s in 1 thread, {rate:.0f} queries/s in {threads} threads; {load()}")
    t = time.perf_counter()
    store.quotes(speaker=queries[0][0].split()[0], limit=20)
    store.entity_profile(articles[0].article.entities[0].name)
    print(f"[{label}] quotes(speaker) + entity_profile: {(time.perf_counter() - t) * 1000:.0f} ms")
    if hasattr(store.db, "drop_schema") and options.get("schema"):
        store.db.drop_schema()
    store.close()


def main() -> None:
    """Parse arguments, generate, run SQLite (and PostgreSQL when configured)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="articles to generate (default 100000)")
    ap.add_argument("--batch", type=int, default=1000, help="articles per add_articles call")
    ap.add_argument("--pg-n", type=int, default=None, help="articles for PostgreSQL (default: --n)")
    ap.add_argument("--pg-budget", type=float, default=300.0, help="stop PostgreSQL ingest after this many seconds (default 300)")
    ap.add_argument("--threads", type=int, default=4, help="threads for the concurrent search figure")
    ap.add_argument("--db", default=None, help="SQLite file (default: a temporary one)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--vocab", type=int, default=40_000, help="dictionary words the filler draws from (default 40000)")
    ap.add_argument("--split", action="store_true", help="store without linking, then link_pending: time the two halves")
    ap.add_argument("--gc", action="store_true", help="leave the prepared records to the cyclic GC (default: frozen, see main)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes preparing records (default: one per core)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = [q.format(T=rng.choice(TOPICS), N=rng.choice(NOUNS)) + f", сказал он в интервью номер {i}" for i, q in enumerate(QUOTES * 50)]
    t = time.perf_counter()
    vocab = load_vocabulary(args.vocab)
    articles = [make_article(i, rng, pool, vocab) for i in range(args.n)]
    print(f"generated {len(articles)} articles in {time.perf_counter() - t:.1f} s, mean text {statistics.mean(len(a.text) for a in articles):.0f} chars")
    queries = make_queries(rng, 200)
    articles = prepare(articles, args.workers)
    if not args.gc:
        # The bench holds all N prepared records (millions of objects); a writer fed by a
        # pipeline holds one batch. Left to the cyclic GC, full collections over the
        # bench's own records cost the writer ~10% at 100,000 (--gc shows it).
        gc.collect()
        gc.freeze()
    with tempfile.TemporaryDirectory() as tmp:
        run(args.db or str(Path(tmp) / "bench.db"), articles, args.batch, queries, "sqlite", threads=args.threads, split=args.split)
    pg = os.environ.get("SVODKA_TEST_DATABASE_URL")
    if pg:
        run(pg, articles[: args.pg_n or args.n], args.batch, queries, "postgresql", budget=args.pg_budget, threads=args.threads, schema=f"svodka_bench_{uuid.uuid4().hex[:8]}")
    else:
        print("[postgresql] skipped: SVODKA_TEST_DATABASE_URL not set")


if __name__ == "__main__":
    main()
