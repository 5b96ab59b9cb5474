"""The data model: plain dataclasses that serialise to JSON and back exactly.

Data flows one way through these classes:

    Document (raw bytes/text + provenance)
      -> Article (source, title, lead, paragraphs, text, published, views, boilerplate)
      -> Article annotated in place by the nlp stages (entities, dates, quotes)

Every annotation points into ``Article.text`` by character offsets ``start``/``end``
(end exclusive). ``Article.text`` is the title, a blank line, then the paragraphs joined
by blank lines (see ``Article.build``), or the input verbatim with ``--no-clean``.

Serialisation: ``to_dict()`` gives JSON-ready dicts (bytes as base64, ``DateMention``'s
range as ``from``/``to``); ``from_dict()`` inverts it exactly.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import json
from dataclasses import dataclass, field
from typing import Any, ClassVar, get_args, get_origin, get_type_hints

__all__ = [
    "Block",
    "Document",
    "Article",
    "Mention",
    "Entity",
    "Role",
    "DateMention",
    "Speaker",
    "Quote",
    "PARAGRAPH_SEPARATOR",
]

# Paragraphs (and the title) are joined by one blank line in Article.text.
PARAGRAPH_SEPARATOR = "\n\n"
# Per class: (field name, JSON key, loader or None for a plain value), see ``_plan``.
# get_type_hints on every nested object was 80% of reading an article back (8 ms for a long one).
_PLANS: dict[type, list[tuple[str, str, Any]]] = {}
# Field types JSON holds as they are.
_PLAIN_TYPES = (str, int, float, bool, Any)


class _Serialisable:
    """Mixin: ``to_dict``/``from_dict``/``to_json`` for nested dataclasses.

    A field may carry ``metadata={"json": "name"}`` to use another key in JSON
    (``DateMention.from_`` is ``from``, a Python keyword).
    """

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            key = f.metadata.get("json", f.name)
            if key is not None:  # None: a run-time field, not data (Article.analysis)
                out[key] = _dump(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        plan = _PLANS.get(cls)
        if plan is None:
            plan = _PLANS[cls] = _plan(cls)
        kwargs = {}
        for name, key, loader in plan:
            if key in data:
                value = data[key]
                kwargs[name] = value if loader is None or value is None else loader(value)
        return cls(**kwargs)

    def to_json(self, **kwargs) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_json(cls, text: str):
        return cls.from_dict(json.loads(text))


def _dump(value: Any) -> Any:
    if isinstance(value, _Serialisable):
        return value.to_dict()
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _plan(cls: type) -> list[tuple[str, str, Any]]:
    """How ``from_dict`` fills each field of ``cls`` (computed once per class)."""
    hints = get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.metadata.get("json", f.name) is None:
            continue
        hint = hints[f.name]
        out.append((f.name, f.metadata.get("json", f.name), _loader(hint)))
    return out


def _loader(hint: Any) -> Any:
    """How to load a JSON value of type ``hint``: None (as it is), a copy (``list``/``dict``
    of plain values: the Article must not share the caller's containers), or ``_load``."""
    if hint in _PLAIN_TYPES:
        return None
    origin, args = get_origin(hint), [a for a in get_args(hint) if a is not type(None)]
    if origin is dict:
        return dict
    if origin is list and all(a in _PLAIN_TYPES for a in args):
        return list
    if args and origin is not list and all(a in _PLAIN_TYPES for a in args):  # X | None of plain X
        return None
    return functools.partial(_load, hint)


def _load(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin is list:
        (item,) = get_args(hint)
        return [_load(item, v) for v in value]
    args = [a for a in get_args(hint) if a is not type(None)]
    if origin is not None and args and origin is not dict:  # Optional[X] / X | None
        for a in args:
            if a is bytes and isinstance(value, dict) and "base64" in value:
                return base64.b64decode(value["base64"])
            if isinstance(a, type) and issubclass(a, _Serialisable) and isinstance(value, dict):
                return a.from_dict(value)
        return value
    if hint is bytes:
        return base64.b64decode(value["base64"])
    if isinstance(hint, type) and issubclass(hint, _Serialisable):
        return hint.from_dict(value)
    return value


@dataclass
class Document(_Serialisable):
    """One raw input as read: bytes (or already-decoded text) plus where it came from.

    ``media_type`` is what the reader decided the content is: ``text/plain`` (a crawler dump),
    ``text/html``, ``application/x-article`` (a record with ready fields, e.g. a JSONL
    object or a feed item), and so on. ``meta`` carries fields the container already knew
    (a feed item's title, a JSONL record's ``published``/``source``).
    """

    data: bytes | None = None
    text: str | None = None
    media_type: str = "text/plain"
    path: str | None = None
    url: str | None = None
    fetched: str | None = None  # ISO 8601 time the bytes were fetched, when known
    encoding: str | None = None  # encoding used to decode ``data`` into ``text``
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """A human name for messages: path (with record index) or URL."""
        return self.path or self.url or "<document>"


@dataclass
class Block(_Serialisable):
    """A region of ``Article.text``: the title or one paragraph."""

    start: int
    end: int
    kind: str  # "title" | "paragraph"


@dataclass
class Mention(_Serialisable):
    """One mention of an entity in ``Article.text``."""

    start: int
    end: int
    text: str
    normal: str  # base form: "Абдрахманова" -> "Абдрахманов"
    kind: str = "name"  # "name" | "role" | "pronoun"


@dataclass
class Role(_Serialisable):
    """A person's role as the roles stage read it: where, its base form, and what it is made of.

    ``text`` is the base form listed in ``Entity.roles``; ``start``/``end`` is the phrase as
    written in ``Article.text`` where it was first read (None for a role rebuilt from its
    text alone: an archive written before roles were objects). The other fields are what
    matching needs: "глава МИД Казахстана" and "министр иностранных дел Казахстана" both
    have function "head", sector "foreign" and places ["казахстан"].
    """

    text: str  # base form: "министр иностранных дел Казахстана"
    start: int | None = None
    end: int | None = None
    head: str | None = None  # lemma of the head noun: "министр" (None: no noun)
    function: str | None = None  # "head" when it heads a sector (министр/глава/руководитель + ministry, премьер, президент), else ``head``
    sector: str | None = None  # "foreign", "finance", ..., "government", "state"; "*" for "ведомство"
    adjectives: list[str] = field(default_factory=list)  # lemmas before the head: ["первый"]
    places: list[str] = field(default_factory=list)  # places named ("РФ", "российский" -> "россия"): ["казахстан"]
    organisation: str | None = None  # Entity.id of the ORG named in the phrase ("глава Минфина")
    rest: list[str] = field(default_factory=list)  # other tail lemmas (abbreviations as written): ["компания"]
    lemmas: list[str] = field(default_factory=list)  # each word's first lemma, lower case, in order


@dataclass
class Entity(_Serialisable):
    """A person, organisation or place: all its mentions in one article merged."""

    id: str
    type: str  # "PER" | "ORG" | "LOC"
    name: str  # fullest base form in the article: "Кайрат Абдрахманов"
    first: str | None = None
    middle: str | None = None
    last: str | None = None
    roles: list[str] = field(default_factory=list)  # base forms: "министр иностранных дел Казахстана"
    mentions: list[Mention] = field(default_factory=list)
    role_details: list[Role] = field(default_factory=list)  # ``roles`` as objects, in the same order (PER)


@dataclass
class DateMention(_Serialisable):
    """A date or date range in the text, resolved to ISO dates where the year is known."""

    start: int
    end: int
    text: str
    from_: str | None = field(default=None, metadata={"json": "from"})
    to: str | None = None
    # Parts known from the text alone, kept when the year is unknown ("28-29 марта").
    year: int | None = None
    month: int | None = None
    day: int | None = None
    relative: bool = False  # "вчера", "на прошлой неделе"


@dataclass
class Speaker(_Serialisable):
    """Who made a statement: an entity of the article, or a description (type OTHER).

    ``type`` is the entity type as before (a place speaking is ``ORG``: "Южная Корея
    заявила"); ``kind`` says what the speaker is: ``person``, ``organisation`` (state
    bodies, companies, parties, courts, press services), ``outlet`` (a newspaper, agency,
    channel or site speaking as a source: "пишет The Guardian"), ``state`` (a country or
    city: "Россия заявила") or ``group`` (an unnamed collective or person, its words as
    written: "британские СМИ", "источник в правительстве"). None: read from an archive
    written before speakers had a kind.
    """

    name: str
    type: str  # "PER" | "ORG" | "OTHER"
    entity: str | None = None  # Entity.id
    kind: str | None = None  # "person" | "organisation" | "outlet" | "state" | "group"

    KINDS: ClassVar[tuple[str, ...]] = ("person", "organisation", "outlet", "state", "group")


@dataclass
class Quote(_Serialisable):
    """A statement: a direct quotation or reported speech, with its speaker."""

    kind: str  # "direct" | "indirect"
    text: str
    start: int
    end: int
    speaker: Speaker | None = None
    cue: str | None = None  # the speech verb or phrase as written: "подчеркнул", "по словам"
    via: str | None = None  # relaying outlet: "РИА Новости"


@dataclass
class Article(_Serialisable):
    """One cleaned article, and (after analysis) its entities, dates and quotes."""

    text: str = ""
    title: str | None = None
    lead: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    source: str | None = None
    url: str | None = None
    path: str | None = None
    published: str | None = None  # ISO date or datetime
    published_how: str | None = None  # "json-ld", "meta", "time", "url", "byline", "feed", "cli", ...
    views: int | None = None
    language: str = "ru"  # ISO 639-1, read from the text when cleaned (nlp.language); "und": the text does not say
    boilerplate: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    # The analysed text (tokens, sentences, morphology: ``nlp.text.AnalysedText``), filled by
    # the first analysis stage and read by the others. A run-time view: never serialised,
    # compared or pickled; rebuilt on demand for an article read back from JSON.
    analysis: Any = field(default=None, repr=False, compare=False, metadata={"json": None})

    KINDS: ClassVar[tuple[str, ...]] = ("title", "paragraph")

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["analysis"] = None  # worker processes send articles back without it
        return state

    @classmethod
    def build(cls, title: str | None, paragraphs: list[str], **fields: Any) -> "Article":
        """Make an article whose ``text`` is the title and paragraphs joined by blank lines."""
        parts: list[str] = []
        blocks: list[Block] = []
        pos = 0
        for kind, chunk in ([("title", title)] if title else []) + [("paragraph", p) for p in paragraphs]:
            if parts:
                pos += len(PARAGRAPH_SEPARATOR)
            blocks.append(Block(pos, pos + len(chunk), kind))
            parts.append(chunk)
            pos += len(chunk)
        lead = paragraphs[0] if paragraphs else None
        fields.setdefault("lead", lead)
        return cls(
            text=PARAGRAPH_SEPARATOR.join(parts),
            title=title,
            paragraphs=list(paragraphs),
            blocks=blocks,
            **fields,
        )

    def span_text(self, start: int, end: int) -> str:
        """The text between two offsets."""
        return self.text[start:end]
