"""Stories as events (issue 17): one story is one event, bounded in time, not a topic.

``stories.py`` finds confirmed pairs (two articles that tell of the same thing). Joined as
connected components, those pairs chained a beat together: on 876 real articles the largest
"story" held a minister's reply to criticism, an ambassador's threats of a week later and an
explainer, 34 articles. This module decides, for each new article and its confirmed earlier
articles, which story (if any) it joins:

- **Commentary needs more than names.** An explainer, analysis or opinion piece names the
  people of every event of its topic, so sharing them says little. It is recognised by how it
  is written (``is_commentary``): a headline that asks or announces a view («Почему ...»,
  «Что известно ...», «Мнение: ...», a question mark), or a body laid out as questions and
  answers. A pair with such an article stays confirmed only when the texts share
  ``COMMENTARY_JACCARD`` of their content words (a reprint of the explainer does; a report
  that only shares its people does not).
- **A story is bounded in time.** An article joins a story only when the story's span with it
  stays within ``EVENT_DAYS`` (the first report and the last are a few days apart at most);
  a story never grows by chaining across a week. An article without a publication day is
  placed by the latest single day its text names (``_event_days``); with none, it is not bounded.
- **A story is joined as a whole, not through one member.** The article must be confirmed
  with more than ``EVENT_LINK_SHARE`` (half) of the story's articles (of at most ``EVENT_LINK_CAP``: the
  candidate lists are bounded), a complete-link style check; two stories are never merged by
  an article that touches both: it joins the one it is closest to. Earlier articles in no
  story that the article is confirmed with come along only when their words relate them to a
  majority of that story too (``_take_loners``): a digest of two events is confirmed with both
  reports, which never were with each other.

The old behaviour (connected components) stays reachable as ``events=False`` for the
baseline of ``svodka eval stories``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, Callable

from ..nlp._lexicon import OPENING_MARKS, QUOTE_PAIRS
from .database import select_in

if TYPE_CHECKING:
    from .writer import Writer

__all__ = ["EVENT_DAYS", "is_commentary", "keep_event_pairs", "join_events", "related_by_words"]

# The longest span, in days, from a story's first report to its last (an event and its
# reactions of the next days; the chained "stories" spanned a week and more).
EVENT_DAYS = 3
# A new article joins a story when confirmed with more than this share of its articles (a
# majority: both of a pair, two of three; complete-link in spirit, so one shared member no
# longer chains two events) ...
EVENT_LINK_SHARE = 0.5
# ... counted over at most this many of them (the entity candidates per article are
# bounded at 10, ``stories.MAX_ENTITY_CANDIDATES``).
EVENT_LINK_CAP = 10
# Content-lemma Jaccard that still confirms a pair when one side is commentary: a reprint or
# a close retelling (the entity path's own floor is ``stories.LEMMA_JACCARD``, 0.22).
COMMENTARY_JACCARD = 0.35
# What makes a headline commentary, read with the quotations taken out (``_unquoted``): a
# quoted question or word is someone's speech in a news report («Кто ответит?» — губернатор
# потребовал ...), not the outlet asking or announcing a view.
# - a question mark;
COMMENTARY_QUESTION = "?"
# - the outlet's own voice, anywhere («Объясняем, что изменится с 1 марта»);
COMMENTARY_VOICE = re.compile(r"(?<!\w)(?:объясняем|разбираемся)(?!\w)", re.IGNORECASE)
# - a question word that opens the headline or a part of it after a colon, dash or full stop
#   («Почему ...», «Взрыв в Энске: что известно»); after a verb it is a reported question
#   («Минтранс объяснил, как работает новая система»: news);
_ASKS = (
    r"почему|зачем|что известно|что (?:ждет|ждёт|будет|дальше|изменится|значит)|чем (?:грозит|обернется|обернётся|закончится)"
    r"|как (?:устроен[аоы]?|работает|работают)"
)
_LABELS = r"разбор|мнение|колонка|аналитика|комментарий|точка зрения|итоги (?:недели|месяца|года)"
_PART = r"(?:^|[:.|—–]\s*|\s-\s+)"
_SEPARATOR = r"\s*[:.|—–]"
COMMENTARY_ASKS = re.compile(rf"{_PART}(?:{_ASKS})(?!\w)", re.IGNORECASE)
# - a rubric label: opening the headline, at most two words after it, then a separator
#   («Мнение: ...», «Колонка Ивана Петрова: ...»), or closing it after a separator with at most
#   one word («...: мнение эксперта»). The same words in a sentence are news: «Разбор завалов
#   продолжается», «Суд учел мнение потерпевших», «Песков дал комментарий».
COMMENTARY_LABEL = re.compile(
    rf"^(?:{_LABELS})(?:\s+[\w-]+){{0,2}}{_SEPARATOR}|[:.|—–]\s*(?:{_LABELS})(?:\s+[\w-]+)?\s*$", re.IGNORECASE
)
# Paragraphs that are a question (an explainer's "Что случилось?" layout): this many or more
# make an article commentary whatever its headline. A paragraph of direct speech (opening
# with a dash or a quotation mark: a witness asking in a report) is not one.
QA_PARAGRAPHS = 2
_SPEECH_OPENERS = "—–-" + OPENING_MARKS
# Characters of an article's text read to judge it (the headline and the first paragraphs).
COMMENTARY_HEAD_CHARS = 4000
# One quotation with no other quotation inside (``_unquoted`` removes them innermost first).
_QUOTATION = re.compile("|".join(f"{re.escape(o)}[^{re.escape(o + c)}]*{re.escape(c)}" for o, c in QUOTE_PAIRS))


def _unquoted(head: str) -> str:
    """The headline without its quotations (nested ones too), each left as one space."""
    while True:
        out = _QUOTATION.sub(" ", head)
        if out == head:
            return out
        head = out


def is_commentary(title: str | None, text: str | None) -> bool:
    """Whether an article explains or comments on a topic rather than reports an event."""
    head = (title or "").strip()
    body = text or ""
    if not head:
        head = body.split("\n", 1)[0]
    own = _unquoted(head).strip()
    if COMMENTARY_QUESTION in own or COMMENTARY_VOICE.search(own) or COMMENTARY_ASKS.search(own) or COMMENTARY_LABEL.search(own):
        return True
    questions = 0
    for p in body[:COMMENTARY_HEAD_CHARS].split("\n"):
        p = p.strip()
        questions += 0 < len(p) < 200 and p.endswith("?") and not p.startswith(tuple(_SPEECH_OPENERS))
    return questions >= QA_PARAGRAPHS


def _day(value: str | None) -> int | None:
    try:
        return date.fromisoformat(value[:10]).toordinal() if value else None
    except ValueError:
        return None


def keep_event_pairs(w: Writer, cur: Any, confirmed: dict[int, list[int]]) -> dict[int, list[int]]:
    """The confirmed pairs, less those with a commentary article that share too few words.

    Reads the headline and the start of every article involved (one query); the whole texts
    only of the pairs with commentary in them (rare), to compare content words.
    """
    from .stories import ContentWords, jaccard

    ids = sorted(set(confirmed) | {c for ok in confirmed.values() for c in ok})
    commentary = {
        aid for aid, title, head in select_in(cur, f"SELECT id, title, substr(text, 1, {COMMENTARY_HEAD_CHARS}) FROM articles WHERE id IN ({{in}})", ids)
        if is_commentary(title, head)
    }
    if not commentary:
        return confirmed
    doubtful = {x for a, ok in confirmed.items() for c in ok if a in commentary or c in commentary for x in (a, c)}
    if w.content is None:
        w.content = ContentWords(w.lemmatizer)
    lemmas = {aid: w.content.lemma_set(text) for aid, text in select_in(cur, "SELECT id, text FROM articles WHERE id IN ({in})", sorted(doubtful))}
    out: dict[int, list[int]] = {}
    for aid, ok in confirmed.items():
        kept = [c for c in ok if (aid not in commentary and c not in commentary) or jaccard(lemmas.get(aid, frozenset()), lemmas.get(c, frozenset())) >= COMMENTARY_JACCARD]
        if kept:
            out[aid] = kept
    return out


# The latest single day an article names (a date mention of one day, not a month or a year).
_STATED_DAY_SQL = (
    "SELECT article_id, MAX(date_from) FROM dates WHERE relative = 0 AND date_from IS NOT NULL "
    "AND (date_to IS NULL OR date_to = date_from) AND article_id IN ({in}) GROUP BY article_id"
)


def _event_days(cur: Any, ids: list[int]) -> dict[int, int | None]:
    """Each article's day for the time bound: its publication day, else the latest single
    day its text names (news tells of the last days: two undated reports naming 5 March and
    12 June are not one event), else None (no bound)."""
    days = {aid: _day(day) for aid, day in select_in(cur, "SELECT id, day FROM articles WHERE id IN ({in})", ids)}
    undated = [aid for aid, d in days.items() if d is None]
    if undated:
        for aid, stated in select_in(cur, _STATED_DAY_SQL, undated):
            days[aid] = _day(stated)
    return days


# Each story's size and first/last ``_event_days`` day, aggregated in SQL: one row per story
# whatever its size (a reprint storm of thousands of articles is read as one row per batch,
# not all its members).
_SPANS_SQL = (
    "SELECT story_id, COUNT(*), MIN(d), MAX(d) FROM (SELECT a.story_id, COALESCE(a.day, (SELECT MAX(x.date_from) FROM dates x "
    "WHERE x.article_id = a.id AND x.relative = 0 AND x.date_from IS NOT NULL AND (x.date_to IS NULL OR x.date_to = x.date_from))) AS d "
    "FROM articles a WHERE a.story_id IN ({in})) t GROUP BY story_id"
)


class _Spans:
    """Size and first/last day (``_event_days``) of each story, read once per batch (one row
    per story, ``_SPANS_SQL``) and kept up to date in memory."""

    def __init__(self, cur: Any, sids: set[int]) -> None:
        self.size: dict[int, int] = {}
        self.span: dict[int, tuple[int, int] | None] = {}
        for sid, n, first, last in select_in(cur, _SPANS_SQL, sorted(sids)):
            self.size[sid] = int(n)
            lo, hi = _day(first), _day(last)
            if lo is not None and hi is not None:
                self.span[sid] = (lo, hi)

    def fits(self, sid: int, day: int | None) -> bool:
        """Whether an article of ``day`` keeps the story within ``EVENT_DAYS`` (undated: always)."""
        span = self.span.get(sid)
        if span is None or day is None:
            return True
        return max(span[1], day) - min(span[0], day) <= EVENT_DAYS

    def add(self, sid: int, day: int | None) -> None:
        self.size[sid] = self.size.get(sid, 0) + 1
        if day is not None:
            span = self.span.get(sid)
            self.span[sid] = (day, day) if span is None else (min(span[0], day), max(span[1], day))


def related_by_words(w: Writer, cur: Any) -> Callable[[int, int], bool]:
    """Whether two stored articles share ``stories.LEMMA_JACCARD`` of their content words (the
    entity path's confirmation), their texts read and lemmatised on first use."""
    from .stories import LEMMA_JACCARD, ContentWords, jaccard

    lemmas: dict[int, frozenset] = {}

    def related(a: int, b: int) -> bool:
        missing = sorted({a, b} - lemmas.keys())
        if missing:
            if w.content is None:
                w.content = ContentWords(w.lemmatizer)
            texts = dict(select_in(cur, "SELECT id, text FROM articles WHERE id IN ({in})", missing))
            lemmas.update({aid: w.content.lemma_set(texts.get(aid)) for aid in missing})
        return jaccard(lemmas[a], lemmas[b]) >= LEMMA_JACCARD

    return related


def _take_loners(aid: int, loners: list[int], group: list[int], related: Callable[[int, int], bool] | None) -> list[int]:
    """The loners that join ``aid``'s story: each confirmed with more than ``EVENT_LINK_SHARE``
    of ``group`` (``aid``, the story's members ``aid`` is confirmed with, the loners taken so
    far; at most ``EVENT_LINK_CAP`` of them), ``aid`` counting as confirmed. Two loners of one
    article were not confirmed with each other when stored (else they would share a story):
    without the check a digest of two events brought both in."""
    taken: list[int] = []
    for c in loners:
        ref = group[:EVENT_LINK_CAP]
        ok = 1 + (sum(1 for m in ref[1:] if related(c, m)) if related is not None and len(ref) > 1 else len(ref) - 1)
        if ok / len(ref) > EVENT_LINK_SHARE:
            taken.append(c)
            group.append(c)
    return taken


def join_events(
    cur: Any, confirmed: dict[int, list[int]], story_of: dict[int, int | None], next_story: int, related: Callable[[int, int], bool] | None = None
) -> set[int]:
    """Give each article of ``confirmed`` (in id order) the story it belongs to, in ``story_of``.

    An article joins the story it is confirmed with the largest share of (more than
    ``EVENT_LINK_SHARE`` of its articles, the span within ``EVENT_DAYS``); confirmed earlier
    articles in no story come along when the span allows and they are ``related`` (two
    articles' words, ``related_by_words``) to a majority of the story (``_take_loners``;
    without ``related`` they all come). Without such a story, the article and those loners
    start a new one. Stories are never merged.

    Returns:
        The articles whose story changed.
    """
    ids = sorted(set(confirmed) | {c for ok in confirmed.values() for c in ok})
    day_of = _event_days(cur, ids)
    spans = _Spans(cur, {s for s in story_of.values() if s is not None})
    changed: set[int] = set()
    for aid in sorted(confirmed):
        if story_of.get(aid) is not None:
            continue  # in a story already (new articles come here; a guard, not a path)
        day = day_of.get(aid)
        linked: dict[int, int] = {}
        for c in confirmed[aid]:
            if story_of.get(c) is not None:
                linked[story_of[c]] = linked.get(story_of[c], 0) + 1
        best, best_share = None, 0.0
        for sid, n in sorted(linked.items()):
            share = n / min(spans.size.get(sid, n), EVENT_LINK_CAP)
            if share > EVENT_LINK_SHARE and spans.fits(sid, day) and share > best_share:
                best, best_share = sid, share
        loners = [c for c in confirmed[aid] if story_of.get(c) is None]
        if best is None:
            if not loners:
                continue
            best, next_story = next_story, next_story + 1
        group = [aid] + [c for c in confirmed[aid] if story_of.get(c) == best]
        for member in [aid] + loners:
            if member == aid or (spans.fits(best, day_of.get(member)) and _take_loners(aid, [member], group, related)):
                story_of[member] = best
                spans.add(best, day_of.get(member))
                changed.add(member)
        if spans.size.get(best, 0) < 2:  # the loners did not fit: no story of one
            story_of[aid] = None
            changed.discard(aid)
            spans.size.pop(best, None)
            spans.span.pop(best, None)
    return changed
