"""Corpus-level entity linking: one real-world person, organisation or place across articles.

Each article's NLP stages already merged the mentions *within* the article into
``Entity`` objects. Here those per-article entities are linked to corpus entities:

* LOC/ORG (and persons without a surname): by the archive key of any of their names
  (``name_keys``: base forms; other names of one state, bloc or body; a state body keyed with
  its state, from the entity's other names, else the article's country, else
  ``HOME_COUNTRY``). An article entity whose names reach two corpus entities joins them
  ("Организация Объединённых Наций (ООН)"), except two states' bodies or entities the
  analyst set apart. Organisations and places share keys: NER often mistakes one for the other.
* PER with a first name: the corpus person with the same surname whose first name matches
  (equal after folding variants, or an initial of it) and whose patronymic does not conflict
  (a patronymic counts only when written with the surname); otherwise a new person. Roles
  never split a person. Two different Ивановы (Иван and Пётр) stay apart.
* PER with a surname only: the one corpus person with that surname; among several, the one
  sharing a role word, else the one named in full within ``SURNAME_WINDOW`` of the article,
  else one ``SURNAME_SALIENCE`` times better known than the rest; otherwise a surname-only
  entity ("Иванов", ambiguous) that stays on its own, listed among the candidates.
* When a full name arrives and the surname had only a surname-only entity so far, that
  entity is merged into the new person (the order of ingest does not matter for the
  common case). ``Linker.merges`` lists such merges, with their reasons, for the store to
  apply and log (``entity_merges``).
* The analyst's corrections (``corrections.Corrections``) rewrite an article entity by its
  name before any of this: a joined name links as its target, a name set apart to its own.

Linking is incremental (per batch, under the write lock): ``link_entities`` loads the
candidate rows for the batch's keys, runs ``Linker.link`` for each article entity, and
writes the new and changed entities back with the article links, roles, days and aliases.
The candidates stay in memory between batches (``EntityCache``) while no other writer links.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from ..nlp._lexicon import ADDRESS_TITLES, KIN_NOUNS, POSITION_NOUNS, RANKS
from .corrections import Corrections, alias_words
from .database import marks, next_id, now, select_in
from .name_keys import BARE_STATE, HOME_COUNTRY, first_name_key, name_keys, same_first_letter
from .search import Lemmatizer, form_key, normalize_word

if TYPE_CHECKING:
    from .prepare import Prepared
    from .writer import Writer

__all__ = ["CorpusEntity", "EntityFacts", "EntityCache", "Linker", "apart_key", "article_country", "entity_facts", "role_words", "name_key", "link_entities"]

# Role words shorter than this carry no meaning for conflicts ("и", "по", "дел").
MIN_ROLE_WORD = 4
# At most this many role words are kept per corpus entity (bounded row size).
MAX_ROLE_WORDS = 60
# An initial: one letter, maybe with a dot ("К." or "К").
INITIAL_RE = re.compile(r"^\w\.?$")
# Entity columns read into ``CorpusEntity`` (in this order).
ENTITY_COLUMNS = "id, type, name, key, last_key, first_key, middle_key, role_words, mentions, articles, first_seen, last_seen, merged_into, named_from, named_to"
# Corpus entities kept in memory between batches at most (then the cache starts afresh).
ENTITY_CACHE_LIMIT = 300_000
# Words a capital letter at a sentence start can make look like a first name («Князь
# Голицын», «Племянник Усманова»): a person's first-name key is never one of them.
NOT_FIRST_NAMES = frozenset(KIN_NOUNS | ADDRESS_TITLES | RANKS | POSITION_NOUNS)
# A surname alone that several persons share, none told apart by role or date, joins the one
# with this many times the mentions of all the others together (news names the famous by
# surname alone); otherwise it stays apart, listed among the candidates.
SURNAME_SALIENCE = 5
# A surname alone, when several persons of the archive have it, joins the one of them seen
# within this many days of the article (before their first or after their last mention).
SURNAME_WINDOW = timedelta(days=365)
# Keys of the entities an analyst set apart (``corrections``) start with this: no name's key does.
APART = "!"


@dataclass
class CorpusEntity:
    """A corpus entity as held in memory while linking one batch."""

    id: int
    type: str
    name: str
    key: str
    last_key: str | None = None
    first_key: str | None = None
    middle_key: str | None = None
    role_words: set[str] = field(default_factory=set)
    mentions: int = 0
    articles: int = 0
    first_seen: str | None = None
    last_seen: str | None = None
    merged_into: int | None = None
    named_from: str | None = None  # the first and last day a person was named in full
    named_to: str | None = None
    keys: set[str] = field(default_factory=set)  # every key it is found by (organisations, places, apart entities)
    new: bool = False  # created in this batch (INSERT, not UPDATE)
    dirty: bool = False  # changed in this batch

    def see(self, mentions: int, day: str | None) -> None:
        """Count one more article with ``mentions`` mentions, seen on ``day``."""
        self.mentions += mentions
        self.articles += 1
        if day:
            if self.first_seen is None or day < self.first_seen:
                self.first_seen = day
            if self.last_seen is None or day > self.last_seen:
                self.last_seen = day
        self.dirty = True


def name_key(name: str, lemmatizer: Lemmatizer, country: str | None = None) -> str:
    """The archive key of a LOC/ORG name (``name_keys.NameKeys.key``: base forms, other names, state bodies)."""
    key = lemmatizer.key(name) or normalize_word(name.strip())
    return name_keys(lemmatizer).key(key, country)


def article_country(entities: list[Any], lemmatizer: Lemmatizer) -> str | None:
    """The state an article is about: its most-mentioned country (first mentioned on a tie), if any."""
    nk = name_keys(lemmatizer)
    counts: Counter = Counter()
    for e in entities:
        if e.type != "PER":
            key = nk.place(lemmatizer.key(e.name))
            if nk.is_country(key):
                counts[key] += len(e.mentions)
    return max(counts, key=counts.__getitem__) if counts else None


def role_words(roles: list[str], lemmatizer: Lemmatizer) -> set[str]:
    """Content words (base forms) of a person's roles, for conflict checks."""
    out: set[str] = set()
    for role in roles:
        for word in re.findall(r"[^\W\d_]+", role):
            if len(word) >= MIN_ROLE_WORD:
                out.add(lemmatizer.lemmas(word)[0])
    return out


class EntityFacts(NamedTuple):
    """What linking needs of one article entity, computed where the article is prepared.

    ``prepare.py`` makes these in the worker processes, so the single writer does not
    lemmatise names and roles or walk the mentions again.
    """

    last_key: str | None  # a person's surname key (persons with one are linked by name parts)
    first_key: str | None
    middle_key: str | None
    key: str | None  # the name key of everything else (``name_key``); None for such persons
    roles: frozenset[str]  # ``role_words`` of the entity's roles
    forms: tuple[str, ...]  # its name and the base forms of its name mentions: the aliases it adds
    keys: tuple[str, ...] = ()  # the keys of all its forms, ``key`` first (organisations, places)


def entity_facts(entity: Any, lemmatizer: Lemmatizer, country: str | None = None) -> EntityFacts:
    """The ``EntityFacts`` of an article ``Entity``; ``country``: the article's (``article_country``)."""
    last = first = middle = None
    if entity.type == "PER":
        last, first, middle = Linker.person_keys(entity.name, entity.first, _written_middle(entity), entity.last)
    roles = frozenset(role_words(entity.roles, lemmatizer)) if entity.roles else frozenset()
    forms = tuple(dict.fromkeys([entity.name] + [m.normal for m in entity.mentions if m.kind == "name" and m.normal]))
    key, keys = None, ()
    if not last:
        keys = _keys_of_forms(forms, lemmatizer, country)
        key = keys[0]
    return EntityFacts(last, first, middle, key, roles, forms, keys)


def apart_key(form: str) -> str:
    """The key of the entity a name the analyst set apart links to (``corrections.split``)."""
    return APART + form_key(form)


def _keys_of_forms(forms: tuple[str, ...], lemmatizer: Lemmatizer, country: str | None) -> tuple[str, ...]:
    """The archive keys of an entity's names; a bare state body («МИД») takes the state its
    other names give («МИД Украины ... МИД»), else the article's, else ``HOME_COUNTRY``."""
    raw = [name_key(f, lemmatizer, BARE_STATE) for f in forms]
    bare = "|" + BARE_STATE
    explicit = {k.split("|")[0]: k for k in raw if "|" in k and not k.endswith(bare)}
    home = "|" + (country or HOME_COUNTRY)
    return tuple(dict.fromkeys(explicit.get(k[: -len(bare)]) or k[: -len(bare)] + home if k.endswith(bare) else k for k in raw))


def _written_middle(entity: Any) -> str | None:
    """A person's patronymic, when one name mention gives it with the surname.

    The article's stages may join «Владимира Кирилловича» to «Владимир Путин» (one first name,
    nothing in conflict); the archive takes a patronymic as a fact of the person only when
    it is written next to the surname («Владимир Владимирович Путин», «Кириллович Голицын»).
    """
    if not entity.middle or not entity.last:
        return None
    middle, last = normalize_word(entity.middle), normalize_word(entity.last)
    for m in entity.mentions:
        words = normalize_word(m.normal or "").split() if m.kind == "name" else ()
        if middle in words and last in words:
            return entity.middle
    return None


def _first_compatible(a: str | None, b: str | None) -> bool:
    """First names (or patronymics) match: equal, one missing, or one an initial of the other."""
    if not a or not b:
        return True
    if a == b:
        return True
    if INITIAL_RE.match(a) or INITIAL_RE.match(b):
        return same_first_letter(a, b)  # «Т. Блэр» is «Тони Блэр», keyed «томас»
    return False


def _near(ent: CorpusEntity, day: str | None) -> bool:
    """Whether ``ent`` was named in full within ``SURNAME_WINDOW`` of ``day`` (unknown dates: no).

    Only full names count: a surname alone linked to a person must not widen the window
    that decides the next surname alone.
    """
    if not day or not ent.named_from or not ent.named_to:
        return False
    try:
        when, first, last = date.fromisoformat(day[:10]), date.fromisoformat(ent.named_from[:10]), date.fromisoformat(ent.named_to[:10])
    except ValueError:
        return False
    return first - SURNAME_WINDOW <= when <= last + SURNAME_WINDOW


def _group(type_: str) -> str:
    """Persons are keyed apart; organisations and places share keys (NER often mistakes one for the other)."""
    return "PER" if type_ == "PER" else "*"


class Linker:
    """Links one batch of article entities to corpus entities (see the module docstring)."""

    def __init__(self, rows: list[CorpusEntity], next_id: int, lemmatizer: Lemmatizer, corrections: Corrections | None = None):
        self.lemmatizer = lemmatizer
        self.next_id = next_id
        self.corrections = corrections or Corrections()
        self.by_id: dict[int, CorpusEntity] = {}
        self.by_key: dict[tuple[str, str], CorpusEntity] = {}
        self.by_last: dict[str, list[CorpusEntity]] = {}
        # Persons by (surname, first name), in by_last order: a common surname gathers
        # hundreds of persons, and scanning them all for every mention was most of linking.
        self.by_first: dict[tuple[str, str], list[CorpusEntity]] = {}
        self.merges: list[tuple[int, int, str]] = []  # (old id, into id, why), in order
        self.new_keys: list[tuple[str, int]] = []  # (key, entity id) to store
        self.seen_here: set[int] = set()  # entities already counted for the article being linked
        for row in rows:
            self._index(row)

    def _index(self, ent: CorpusEntity) -> None:
        """Make ``ent`` findable by its keys and by surname."""
        self.by_id[ent.id] = ent
        if ent.merged_into is not None:
            return
        if ent.type == "PER" and ent.last_key:
            self.by_last.setdefault(ent.last_key, []).append(ent)
            if ent.first_key:
                self.by_first.setdefault((ent.last_key, ent.first_key), []).append(ent)
        else:
            for key in ent.keys or {ent.key}:
                self.by_key.setdefault((_group(ent.type), key), ent)

    def _add_key(self, ent: CorpusEntity, key: str) -> None:
        """Another key ``ent`` is found by (stored with the batch)."""
        if key not in ent.keys:
            ent.keys.add(key)
            self.by_key.setdefault((_group(ent.type), key), ent)
            self.new_keys.append((key, ent.id))

    def _new(self, **kw) -> CorpusEntity:
        """Create a corpus entity with the next free id."""
        ent = CorpusEntity(id=self.next_id, new=True, dirty=True, **kw)
        self.next_id += 1
        if not (ent.type == "PER" and ent.last_key):
            self.new_keys.append((ent.key, ent.id))
            ent.keys = {ent.key}
        self._index(ent)
        return ent

    def resolve(self, entity_id: int) -> CorpusEntity:
        """The live entity an id stands for, following merges."""
        ent = self.by_id[entity_id]
        while ent.merged_into is not None:
            ent = self.by_id[ent.merged_into]
        return ent

    @staticmethod
    def person_keys(name: str, first: str | None, middle: str | None, last: str | None) -> tuple[str | None, str | None, str | None]:
        """(last, first, middle) keys of a person; a one-word name without parts is a surname."""
        words = name.split()
        if not last and len(words) == 1:
            last = words[0]
        norm = lambda s: normalize_word(s.strip()) if s and s.strip() else None  # noqa: E731
        first = norm(first)
        if len(words) == 1 and first == norm(last):
            first = None  # one word taken for both parts: a surname
        return norm(last), None if first in NOT_FIRST_NAMES else first_name_key(first), norm(middle)

    def corrected(self, type_: str, name: str, facts: EntityFacts) -> tuple[str, EntityFacts]:
        """The name and facts an article entity links by after the analyst's corrections.

        An entity whose name the analyst joined to another name links as that name would; one
        whose name was set apart links to an entity of its own (``apart_key``).
        """
        if not self.corrections:
            return name, facts
        # The article entity's own name only: a base form of one mention («Шольц» of «Шольцу»)
        # is shared by namesakes, and a correction is about the entity named so.
        key = form_key(name)
        if not self.corrections.applies(key, type_):
            return name, facts
        if key in self.corrections.apart:
            return name, EntityFacts(None, None, None, apart_key(name), facts.roles, facts.forms, (apart_key(name),))
        target = self.corrections.joins.get(key)
        if target:
            return target, self._facts_of(type_, target, facts)
        return name, facts

    def _facts_of(self, type_: str, name: str, facts: EntityFacts) -> EntityFacts:
        """Facts for a name an analyst gave ("Олаф Шольц": first name, then surname)."""
        if type_ == "PER":
            words = name.split()
            first, middle = (words[0], words[1] if len(words) == 3 else None) if len(words) > 1 else (None, None)
            last, first, middle = self.person_keys(name, first, middle, words[-1] if words else None)
            return EntityFacts(last, first, middle, None, facts.roles, facts.forms, ())
        key = name_key(name, self.lemmatizer)
        return EntityFacts(None, None, None, key, facts.roles, facts.forms, (key,))

    def link(self, type_: str, name: str, facts: EntityFacts, day: str | None = None) -> CorpusEntity:
        """The corpus entity for one article entity (created when there is none).

        Args:
            type_: "PER", "ORG" or "LOC".
            name: the article's fullest base form of the name.
            facts: the entity's ``entity_facts`` (name keys, role words).
            day: the article's day (ISO), for a surname several persons share.

        Returns:
            The live corpus entity (its counts are not updated here; call ``see``).
        """
        name, facts = self.corrected(type_, name, facts)
        roles = facts.roles
        if facts.last_key:
            ent = self._link_person(name, facts.last_key, facts.first_key, facts.middle_key, roles, day)
            self._add_roles(ent, roles)
            if facts.first_key and day:
                if not ent.named_from or day < ent.named_from:
                    ent.named_from, ent.dirty = day, True
                if not ent.named_to or day > ent.named_to:
                    ent.named_to, ent.dirty = day, True
            return ent
        keys = facts.keys or (facts.key or name_key(name, self.lemmatizer),)
        group = _group(type_)
        found = [e for e in (self.by_key.get((group, k)) for k in keys) if e is not None]
        live = list({id(e): e for e in (self.resolve(f.id) for f in found)}.values())
        if not live:  # organisations and places keep the first spelling seen
            ent = self._new(type=type_, name=name, key=keys[0])
        else:
            ent = live[0]
            for other in live[1:]:  # one article names both: "Организация Объединённых Наций (ООН)"
                # never entities set apart, nor two states' bodies («МИД России» / «МИД Украины»)
                if not {other.key[:1], ent.key[:1]} & {APART} and "|" not in other.key and "|" not in ent.key:
                    self._merge(other, ent, f"one article names both: {ent.name} / {other.name}")
        for k in keys:
            self._add_key(ent, k)
        self._add_roles(ent, roles)
        return ent

    def _link_person(self, name: str, last_key: str, first_key: str | None, middle_key: str | None, roles: set[str], day: str | None) -> CorpusEntity:
        """Link a person with a known surname (see the module docstring)."""
        if first_key:
            return self._link_full_name(name, last_key, first_key, middle_key)
        return self._link_surname(name, last_key, roles, day)

    def _link_full_name(self, name: str, last_key: str, first_key: str, middle_key: str | None) -> CorpusEntity:
        """Link a person with a surname and a first name (or its initial); roles never split a person."""
        exact = [e for e in self.by_first.get((last_key, first_key), ()) if e.merged_into is None]
        fits = [e for e in exact if _first_compatible(e.middle_key, middle_key)]
        if fits:
            return self._update_person(max(fits, key=lambda e: e.mentions), name, first_key, middle_key)
        same = [e for e in self.by_last.get(last_key, []) if e.merged_into is None]
        fulls = [e for e in same if e.first_key]
        fits = [e for e in fulls if e.first_key != first_key and _first_compatible(e.first_key, first_key) and _first_compatible(e.middle_key, middle_key)]
        if fits:  # an initial of a known first name, or a known initial of this one
            return self._update_person(max(fits, key=lambda e: e.mentions), name, first_key, middle_key)
        ent = self._new(type="PER", name=name, key=normalize_word(name), last_key=last_key, first_key=first_key, middle_key=middle_key)
        # The surname had no person with a first name: its surname-only entity was this one.
        if not fulls:
            for lone in [e for e in same if not e.first_key]:
                self._merge(lone, ent, f"the surname alone, then the full name {name}")
        return ent

    def _link_surname(self, name: str, last_key: str, roles: set[str], day: str | None) -> CorpusEntity:
        """Link a surname alone: the one known person with it, else the surname-only entity.

        Several persons with the surname: the one sharing a role word with this mention, or
        else the one seen within ``SURNAME_WINDOW`` of the article, when exactly one does.
        """
        same = [e for e in self.by_last.get(last_key, []) if e.merged_into is None]
        fulls = [e for e in same if e.first_key]
        if len(fulls) == 1:
            return fulls[0]
        if fulls:
            by_role = [e for e in fulls if roles and not roles.isdisjoint(e.role_words)]
            if len(by_role) == 1:
                return by_role[0]
            near = [e for e in (by_role or fulls) if _near(e, day)]
            if len(near) == 1:
                return near[0]
            pool = near or by_role or fulls
            best = max(pool, key=lambda e: e.mentions)
            if best.mentions >= SURNAME_SALIENCE * max(sum(e.mentions for e in pool if e is not best), 1):
                return best  # «Путин» alone is the one Путин the archive is full of
        lone = [e for e in same if not e.first_key]
        if lone:
            return lone[0]
        return self._new(type="PER", name=name, key=normalize_word(name), last_key=last_key)

    def _update_person(self, ent: CorpusEntity, name: str, first_key: str, middle_key: str | None) -> CorpusEntity:
        """Complete a linked person's first name, patronymic and name from a fuller mention."""
        if len(first_key) > len(ent.first_key or "") or (middle_key and not ent.middle_key):
            if len(first_key) > len(ent.first_key or ""):
                self._set_first(ent, first_key)
            ent.middle_key = ent.middle_key or middle_key
            ent.dirty = True
        if len(name.split()) > len(ent.name.split()):
            ent.name, ent.dirty = name, True
        return ent

    def _set_first(self, ent: CorpusEntity, first_key: str) -> None:
        """Change a person's first-name key, keeping ``by_first`` in ``by_last`` order."""
        if ent.first_key:
            old = (ent.last_key, ent.first_key)
            self.by_first[old] = [e for e in self.by_first.get(old, ()) if e is not ent]
        ent.first_key = first_key
        if ent.last_key:
            key = (ent.last_key, first_key)
            self.by_first[key] = [e for e in self.by_last.get(ent.last_key, ()) if e.first_key == first_key]

    def _merge(self, old: CorpusEntity, into: CorpusEntity, why: str) -> None:
        """Fold ``old`` into ``into`` (counts, dates, roles, keys); the store repoints the rows."""
        old.merged_into = into.id
        old.dirty = True
        into.mentions += old.mentions
        into.articles += old.articles
        if old.id in self.seen_here:  # the article being linked counted for both: once is right
            if into.id in self.seen_here:
                into.articles -= 1
            self.seen_here.add(into.id)
        for day in (old.first_seen, old.last_seen):
            if day:
                into.first_seen = min(into.first_seen or day, day)
                into.last_seen = max(into.last_seen or day, day)
        for day in (old.named_from, old.named_to):
            if day:
                into.named_from = min(into.named_from or day, day)
                into.named_to = max(into.named_to or day, day)
        self._add_roles(into, old.role_words)
        into.dirty = True
        if old.last_key:
            self.by_last[old.last_key] = [e for e in self.by_last.get(old.last_key, []) if e is not old]
        for key in old.keys:
            if self.by_key.get((_group(old.type), key)) is old:
                self.by_key[(_group(old.type), key)] = into
            into.keys.add(key)
        self.merges.append((old.id, into.id, why))

    @staticmethod
    def _add_roles(ent: CorpusEntity, roles: set[str]) -> None:
        """Remember role words (bounded)."""
        if roles and not roles <= ent.role_words and len(ent.role_words) < MAX_ROLE_WORDS:
            ent.role_words |= roles
            ent.dirty = True


# ---------------------------------------------------------------------------- the archive side


@dataclass
class EntityCache:
    """Corpus entities kept in memory between batches while this writer is the only one.

    Valid while ``store_meta['entities']`` still holds ``token`` (the value this writer
    wrote with its last linked batch); any other writer changes it, and the cache is
    rebuilt. The key sets say which names and surnames have all their entities loaded.
    """

    linker: Linker
    token: str = ""
    keys: set[str] = field(default_factory=set)  # LOC/ORG (and surname-less) keys fully loaded
    last_keys: set[str] = field(default_factory=set)  # surnames fully loaded
    alias_ids: set[int] = field(default_factory=set)  # entities whose stored aliases are loaded
    aliases: set[tuple[int, str]] = field(default_factory=set)  # (entity id, alias) known stored
    spelled: set[tuple[int, str]] = field(default_factory=set)  # (entity id, a mention as written) whose words are stored


# One article entity linked in this batch: (article id, local id, corpus entity, article Entity, its facts).
_Link = tuple[int, str, CorpusEntity, Any, EntityFacts]


def _load_entities(cur: Any, keys: set[str], last_keys: set[str]) -> list[CorpusEntity]:
    """Candidate corpus entities for a batch: by any of their keys and by surname."""
    found: dict[int, set[str]] = {}
    for key, eid in select_in(cur, "SELECT key, entity_id FROM entity_keys WHERE key IN ({in})", keys):
        found.setdefault(eid, set()).add(key)
    rows = select_in(cur, f"SELECT {ENTITY_COLUMNS} FROM entities WHERE id IN ({{in}}) AND merged_into IS NULL", sorted(found))
    rows += select_in(cur, f"SELECT {ENTITY_COLUMNS} FROM entities WHERE last_key IN ({{in}}) AND merged_into IS NULL", last_keys)
    seen, out = set(), []
    for r in rows:
        if r[0] in seen:
            continue
        seen.add(r[0])
        out.append(CorpusEntity(*r[:7], set(filter(None, (r[7] or "").split())), *r[8:], keys=found.get(r[0], set())))
    return out


def _entity_cache(w: Writer, cur: Any) -> EntityCache:
    """The corpus entities kept from earlier batches, or a fresh cache if another writer wrote since."""
    cache = w.entities
    cur.execute("SELECT value FROM store_meta WHERE key = 'entities'")
    row = cur.fetchone()
    if cache is not None and (row is None or row[0] != cache.token):
        cache = None  # another writer (process or Store) linked meanwhile: reload
    if cache is None:
        cache = EntityCache(Linker([], 0, w.lemmatizer, Corrections.load(cur)))
    return cache


def _load_candidates(cur: Any, cache: EntityCache, items: list[tuple[int, Prepared]]) -> None:
    """Bring into the cache the corpus entities the batch's names and surnames may link to."""
    keys, last_keys = set(), set()
    linker = cache.linker
    for _, p in items:
        for e, f in zip(p.article.entities, p.entity_facts):
            _, f = linker.corrected(e.type, e.name, f)
            if f.last_key:
                last_keys.add(f.last_key)
            else:
                keys.update(f.keys or (f.key,))
    keys -= cache.keys
    last_keys -= cache.last_keys
    for ent in _load_entities(cur, keys, last_keys):
        if ent.id not in linker.by_id:
            linker._index(ent)
            continue
        held = linker.resolve(ent.id)  # loaded before by another key: findable by this one too
        for k in ent.keys - held.keys:
            held.keys.add(k)
            linker.by_key.setdefault((_group(held.type), k), held)
    cache.keys |= keys
    cache.last_keys |= last_keys


def _link_batch(linker: Linker, items: list[tuple[int, Prepared]]) -> tuple[dict[int, CorpusEntity], list[_Link]]:
    """Link every entity of the batch in memory: the entities touched, and each link."""
    touched: dict[int, CorpusEntity] = {}  # entities this batch created or changed
    links: list[_Link] = []
    for aid, p in items:
        seen_here = linker.seen_here = set()  # the entities counted for this article (merges keep it true)
        for e, f in zip(p.article.entities, p.entity_facts):
            name = e.name if f.middle_key or not e.middle else " ".join(w for w in e.name.split() if w != e.middle)  # a patronymic not written with the surname
            ent = linker.link(e.type, name, f, p.day)
            touched[ent.id] = ent
            links.append((aid, e.id, ent, e, f))
            if ent.id not in seen_here:
                ent.see(len(e.mentions), p.day)
                seen_here.add(ent.id)
            else:
                ent.mentions += len(e.mentions)
    return touched, links


def _write_entities(cur: Any, linker: Linker, touched: dict[int, CorpusEntity]) -> None:
    """Apply the batch's merges to stored rows, then insert the new entities and update the changed."""
    for old, _, _ in linker.merges:  # merges first: they repoint rows of earlier batches
        touched[old] = linker.by_id[old]
        into = linker.resolve(old).id
        if not linker.by_id[old].new:
            _merge_rows(cur, old, into)
    if linker.merges:
        merged_at = now()
        cur.executemany(
            "INSERT INTO entity_merges (old_id, into_id, reason, at) VALUES (?, ?, ?, ?)",
            [(old, linker.resolve(old).id, why, merged_at) for old, _, why in linker.merges],
        )
    if linker.new_keys:
        rows = sorted({(key, linker.resolve(eid).id) for key, eid in linker.new_keys})
        cur.executemany("INSERT INTO entity_keys (key, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING", rows)
    new = [e for e in touched.values() if e.new]
    changed = [e for e in touched.values() if e.dirty and not e.new]
    if new:
        cur.executemany(
            f"INSERT INTO entities ({ENTITY_COLUMNS}) VALUES ({marks(15)})",
            [
                (e.id, e.type, e.name, e.key, e.last_key, e.first_key, e.middle_key, " ".join(sorted(e.role_words)), e.mentions, e.articles, e.first_seen, e.last_seen, e.merged_into, e.named_from, e.named_to)
                for e in new
            ],
        )
    if changed:
        cur.executemany(
            "UPDATE entities SET name = ?, first_key = ?, middle_key = ?, role_words = ?, mentions = ?, articles = ?, first_seen = ?, last_seen = ?, merged_into = ?, named_from = ?, named_to = ? WHERE id = ?",
            [(e.name, e.first_key, e.middle_key, " ".join(sorted(e.role_words)), e.mentions, e.articles, e.first_seen, e.last_seen, e.merged_into, e.named_from, e.named_to, e.id) for e in changed],
        )
    for e in touched.values():  # written: clean in the cache (a failed batch drops the cache)
        e.new = e.dirty = False


def _write_links(cur: Any, linker: Linker, items: list[tuple[int, Prepared]], links: list[_Link]) -> tuple[dict[tuple[int, str], int], Counter, set[tuple[int, str]]]:
    """Write article links, roles and mentions per day; returns the mapping, the aliases used (counted) and the mentions as written."""
    mapping: dict[tuple[int, str], int] = {}
    link_rows, role_rows = [], []
    days: Counter = Counter()
    aliases: Counter = Counter()  # (entity id, form) -> article entities named so
    spelled: set[tuple[int, str]] = set()
    day_of = {aid: p.day for aid, p in items}
    for aid, local, ent, e, f in links:
        cid = linker.resolve(ent.id).id
        if (aid, local) in mapping:
            continue
        mapping[(aid, local)] = cid
        link_rows.append((aid, local, cid, e.type, e.name, len(e.mentions)))
        role_rows.extend((cid, aid, r, day_of[aid]) for r in dict.fromkeys(e.roles))
        if day_of[aid]:
            days[(cid, day_of[aid])] += len(e.mentions)
        aliases.update((cid, form) for form in f.forms)  # one per article entity
        spelled.update((cid, m.text) for m in e.mentions if m.kind == "name")
    cur.executemany("INSERT INTO article_entities (article_id, local_id, entity_id, type, name, mentions) VALUES (?, ?, ?, ?, ?, ?)", link_rows)
    if role_rows:
        cur.executemany("INSERT INTO roles (entity_id, article_id, role, seen) VALUES (?, ?, ?, ?)", role_rows)
    if days:
        cur.executemany(
            "INSERT INTO entity_days (entity_id, day, n) VALUES (?, ?, ?) ON CONFLICT (entity_id, day) DO UPDATE SET n = entity_days.n + excluded.n",
            [(cid, day, n) for (cid, day), n in days.items()],
        )
    return mapping, aliases, spelled


def _write_aliases(cur: Any, cache: EntityCache, counts: Counter, spelled: set[tuple[int, str]], lem: Lemmatizer) -> None:
    """Count the aliases used; store the words of those not stored yet, and of the mentions as written.

    An entity is found by the words of its aliases (base forms) and of its mentions as the
    articles wrote them: «Шольцу» finds «Олаф Шольц» although the lemmatizer reads it as «шолец».
    Reads only for entities not seen before.
    """
    if not counts:
        return
    aliases = set(counts)
    unknown = sorted({cid for cid, _ in aliases} - cache.alias_ids)
    cache.aliases.update(select_in(cur, "SELECT entity_id, alias FROM aliases WHERE entity_id IN ({in})", unknown))
    cache.alias_ids.update(unknown)
    cur.executemany(
        "INSERT INTO aliases (entity_id, alias, n) VALUES (?, ?, ?) ON CONFLICT (entity_id, alias) DO UPDATE SET n = aliases.n + excluded.n",
        [(cid, alias, n) for (cid, alias), n in sorted(counts.items())],
    )
    aliases = aliases - cache.aliases
    cache.aliases |= aliases
    spelled = spelled - cache.spelled
    cache.spelled |= spelled
    if not aliases and not spelled:
        return
    alias_rows = sorted(aliases | spelled)
    words = {(word, cid) for cid, alias in alias_rows for word in alias_words(alias, lem)}
    cur.executemany("INSERT INTO entity_words (word, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING", sorted(words))


def link_entities(w: Writer, cur: Any, items: list[tuple[int, Prepared]]) -> dict[tuple[int, str], int]:
    """Link every article entity to a corpus entity; write entities, links, roles, days, aliases.

    The candidate entities, their stored aliases and role words stay in memory between
    batches (``EntityCache``) while no other writer links: re-reading every entity of
    every surname in the batch grew with the archive (108 us/article at 20k).

    Returns:
        (article id, local entity id) -> corpus entity id.
    """
    cache = w.entities = _entity_cache(w, cur)
    _load_candidates(cur, cache, items)
    linker = cache.linker
    linker.next_id = next_id(cur, "entities")
    linker.merges = []
    linker.new_keys = []
    touched, links = _link_batch(linker, items)
    _write_entities(cur, linker, touched)
    mapping, aliases, spelled = _write_links(cur, linker, items, links)
    _write_aliases(cur, cache, aliases, spelled, w.lemmatizer)
    cache.token = uuid.uuid4().hex
    cur.execute("UPDATE store_meta SET value = ? WHERE key = 'entities'", [cache.token])
    if len(linker.by_id) > ENTITY_CACHE_LIMIT or len(cache.aliases) + len(cache.spelled) > 4 * ENTITY_CACHE_LIMIT:
        w.entities = None  # bounded memory: start afresh next batch
    return mapping


def _merge_rows(cur: Any, old: int, into: int) -> None:
    """Repoint every row of corpus entity ``old`` to ``into`` (stored in earlier batches)."""
    for table, column in (("article_entities", "entity_id"), ("roles", "entity_id"), ("quotes", "speaker_id"), ("quote_appearances", "speaker_id")):
        cur.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [into, old])
    cur.execute(
        "INSERT INTO entity_days (entity_id, day, n) SELECT ?, day, n FROM entity_days WHERE entity_id = ? "
        "ON CONFLICT (entity_id, day) DO UPDATE SET n = entity_days.n + excluded.n",
        [into, old],
    )
    cur.execute("DELETE FROM entity_days WHERE entity_id = ?", [old])
    cur.execute(
        "INSERT INTO aliases (entity_id, alias, n) SELECT ?, alias, n FROM aliases WHERE entity_id = ? "
        "ON CONFLICT (entity_id, alias) DO UPDATE SET n = aliases.n + excluded.n",
        [into, old],
    )
    for table, column in (("aliases", "alias"), ("entity_words", "word"), ("entity_keys", "key")):
        if table != "aliases":
            cur.execute(f"INSERT INTO {table} (entity_id, {column}) SELECT ?, {column} FROM {table} WHERE entity_id = ? ON CONFLICT DO NOTHING", [into, old])
        cur.execute(f"DELETE FROM {table} WHERE entity_id = ?", [old])
