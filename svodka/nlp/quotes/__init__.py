"""Who said what: direct quotations and reported speech, with speakers resolved to entities.

``extract_quotes`` runs after entities, roles and dates and fills ``article.quotes`` in text
order. It works block by block (title, paragraphs; a text taken as it is, ``--no-clean``, is
read one paragraph per line, its first line the headline: ``_line_blocks``) in three passes:

1. **A character scanner pairs quote marks** before any sentence splitting (razdel cuts
   inside multi-sentence quotes): «ёлочки» and „лапки“ nest, “curly” pairs, and a straight
   ``"`` opens after a space/start/colon/dash and closes before a space or punctuation.
   A top-level quote is a *direct statement* only with an attribution: ``«...», — сказал X``
   (a speech verb after the dash; another verb only right after it and for a quote of three
   words or more; a bare description in a headline), ``«...», сказал X`` only when the quote
   opens its sentence, ``X заявил: «...»`` (with ``, сообщает Y`` after it Y goes to ``via``),
   ``X заявил, что «...»`` (and ``что «A», но «B»``: a clause of quotations; ``По словам X,
   он «...»`` ending the sentence, with no verb of the narrator's before it), a quote split
   by its attribution (``«A, — отметил он. — B»``, two items), ``со словами «A» и «B»``,
   words in the speaker's own voice after a colon clause naming her, paragraphs of one
   quote (a paragraph opening with « whose quote runs on into the next one, or one quote
   right after a paragraph ending with a direct statement), and a paragraph quoted without
   marks after a paragraph ending in a colon (``Петров сказал:`` / ``Да, это так...``; or a colon
   clause naming words or a document: ``По его словам:``, ``В сообщении полиции приводится:``). The
   dash may follow a non-breaking space, wiki italics (``''«...»''``) are no part of the
   sentence. Names and titles in quotes have none and are skipped, and so is a quoted term
   of 1-3 words inside the narrator's sentence ("в «нормандском формате»"); a quote inside
   reported speech whose clause goes on after it, or after a verb of the narrator's, is part
   of the indirect item. One straight mark may close an inner and the outer quote before
   ``", - сказал X``.
2. **Reported speech** is found per sentence (split around the quote spans), cue after cue,
   from cues whose pymorphy3 lemma is a speech verb (gerunds, participles, neuter short
   passives and infinitives after a verb of their subject only with their "что"-clause):
   ``X заявил, что S``, ``По словам X, S``, ``по сведениям/информации/данным X, S`` (not a
   bare ``по предварительным данным``: figures of nobody; with no comma after the source when
   the phrase opens the sentence: ``По данным изданий S``, the source's genitives end it), a speech verb's "о"-phrase (``X
   сообщил журналистам о Y``, ``Об отставке министра объявил X``: "о Y", ending where the
   subject starts: ``О своих планах Юлия сообщила``), ``Как сообщил X,
   S``, ``S, сказал X`` (not when the comma closes a participle phrase after words with no verb:
   the cue's subject, ``X в докладе, посвящённом Y, отметил``) ``Кроме того, сообщает X, S`` and
   ``Новый мост, сообщил X, откроют в мае`` (a parenthetical cue), ``S. Об этом/Это заявил X`` (not when S is reported speech already;
   ``S, рассказали эксперты:`` before their block quote too),
   ``S, говорится в заявлении X``, ``S, передает X со ссылкой на Y``, ``X рассказал о том,
   как S`` / ``рассказал, как S``, calls and requests with their infinitive (``призвал
   жителей не выходить``, ``с просьбой передать``, ``требует, чтобы S``) and a call's
   "к"-phrase (``призвал стороны к сдержанности``), complaints (``пожаловались главе района на
   перебои``: "на Y"), judgements with a predicate noun or a bare adjective (``назвал A
   вопросом недель``, ``считает A своей провинцией``, ``назвал обвинения беспочвенными``: "A B") and
   confirmed or denied facts (``подтвердил отставку тренера``: the object; fronted before the
   verb and its source: ``Смерть музыканта подтвердил коронер``), a second cue of the
   same subject (``добавила, что A, но подчеркнула, что B``, ``сказал, что A, — он назвал B C``:
   two items), reported speech
   inside a speaker's own quotation (its "что"-form, and «По словам X, S» opening it), plus
   the headline forms ``S - X`` and ``X: S`` (S with a
   verb). "Как говорится," is an idiom, not a cue; an impersonal cue with no source
   ("Отмечается, что S", "Как сообщается, S") speaks for nobody; a statement inside another's
   reported words is one statement.
3. **Speakers** are resolved in text order: a PER/ORG mention next to the cue (the subject
   before the verb, or the first person of the apposition after it), a name NER missed
   ("Ивана Сидорова" closing the apposition), a role mention of the roles stage, a pronoun,
   a description matched against the persons' roles, a description referring back, else
   the description itself (type OTHER). A pronoun ("сказал он") is the last speaker unless
   a newer person subject came after that statement; a singular description ("— отметил
   эксперт") is the latest person introduced with a title or as a speaker in this or the
   previous paragraph. Both skip names inside quotation marks and agree with the verb's
   gender; with no person around, "он" is an unnamed described subject before it
   ("Представитель министерства сообщил ... он заявил"). A description or role mention
   refers only to a person named before it, never to one whose title names another country
   ("премьер-министр Израиля" is not the "британский премьер"; "глава государства" is a
   president). Before a speech verb a name that depends on the noun before it ("пресс-
   секретарь Путина Дмитрий Песков", "помощник Хиллари Клинтон сообщил"), disagrees with the
   verb, or sits inside a participle clause ("Врачи, оперировавшие X, говорят") is not the
   subject; then a nominative place is the speaker ("Южная Корея заявила", type ORG), else
   the nearest nominative speaker noun ("Освещающие акцию блогеры сообщили"). A relaying outlet ("передает ТАСС", "приводит агентство слова губернатора",
   "цитирует его газета X") goes to ``via``; the owner of "слова" or the object of
   "цитирует" is the speaker ("цитирует агентство X сообщение телеканала Y": Y speaks, X
   relays); a relay closing a paragraph ("..., передает ТАСС") relays the same speaker's
   statements before it there. A headline's speaker that is only described ("Россиянин
   заявил о своей невиновности") is the named person of the lead that repeats the statement. Every speaker has its ``kind`` (person, organisation, outlet,
   state, group); outlets in Latin letters or with their noun are found without NER, an
   unnamed source keeps its words as written ("британские СМИ", "источник в правительстве"),
   and the outlet an interviewee spoke to ("сообщил «Интерфаксу»") is the ``via``.

No parser: a word tokeniser, compiled regexes and pymorphy3 on candidate words only.
"""

from __future__ import annotations

import re

from ...model import Article, Quote
from ..models import Models
from ._direct import _direct_items, _partial_items
from ._marks import _scan_marks
from ._outlets import _TRAILING_RELAY, _outlet_name, _relay_back
from ._reported import _indirect_items
from ._speakers import _headline_from_lead, _resolve
from ..text import analysed
from .._lexicon import DOUBLE_CLOSING
from ._text import _Attribution, _Direct, _Intervals, _Said, _Text, _Tok

__all__ = ["extract_quotes"]


def extract_quotes(article: Article, models: Models) -> Article:
    """Find direct and reported statements and their speakers; set ``article.quotes``.

    Args:
        article: an article after entities, roles and dates.
        models: loaded models (``models.parse`` is used).
    Returns:
        The same article with ``quotes`` in text order.
    """
    text = article.text
    blocks = [(b.start, b.end, b.kind) for b in article.blocks] if article.blocks else _split_blocks(text)
    blocks = _line_blocks(text, blocks)
    tokens = [_Tok(start, end, word, word.lower()) for start, end, word in analysed(article, models).words]
    mentions = sorted(
        ((m, e) for e in article.entities if e.type in ("PER", "ORG") for m in e.mentions),
        key=lambda me: (me[0].start, -(me[0].end - me[0].start)),
    )
    spans = [s for i, (start, end, _kind) in enumerate(blocks) for s in _scan_marks(text, start, end, i)]
    doc = _Text(article, models, text, blocks, tokens, mentions, spans)
    items = _direct_items(doc)
    direct = _Direct(_Intervals((it.start, it.end) for it in items), frozenset(it.attr.cue_start for it in items if not it.attr.chto))
    items += _indirect_items(doc, direct)
    items += _partial_items(doc, items)
    items.sort(key=lambda it: (it.start, it.kind != "indirect"))
    quotes: list[Quote] = []
    attrs: list[_Attribution] = []
    said = _Said()
    for it in items:
        attr = it.attr
        if not attr.resolved:
            _resolve(doc, said, attr, it.start, it.end)
            attr.resolved = True
        if it.credited and attr.speaker is None:
            continue
        start, end = _trim(text, it.start, it.end)
        if it.kind == "indirect":
            start, end = _without_trailing_relay(doc, attr, start, end)
        if end - start < 2:
            continue
        if it.kind == "indirect" and not attr.via and doc.in_quote(attr.cue_start):
            _relayed_by_outer(quotes, attr, end)
        quotes.append(Quote(it.kind, text[start:end], start, end, attr.speaker, attr.cue, attr.via))
        attrs.append(attr)
        said.stated.append((start, end))
        if attr.speaker is not None:
            said.add(start, end, attr)
        else:
            said.add_outlets(attr)
    _relay_back(doc, list(zip(quotes, attrs)))
    _headline_from_lead(doc, quotes)
    article.quotes = quotes
    return article


def _without_trailing_relay(doc: _Text, attr: _Attribution, start: int, end: int) -> tuple[int, int]:
    """A reported statement's span without a relay after it ("X заявил, что S, передает
    агентство Y": the relay is not part of S; Y relays it)."""
    text = doc.text
    relay = _TRAILING_RELAY.search(text, start, end)
    if relay:
        attr.via = attr.via or _outlet_name(doc, relay.start("outlet"), relay.end("outlet")) or relay.group("outlet")
        start, end = _trim(text, start, relay.start())
    return start, end


def _relayed_by_outer(quotes: list[Quote], attr: _Attribution, end: int) -> None:
    """«По словам специалистов, S» inside an outlet's (a named body's) quotation: it relays S."""
    outer = next((q for q in reversed(quotes) if q.kind == "direct" and q.start <= attr.cue_start < q.end and end <= q.end), None)
    if outer is not None and outer.speaker is not None and outer.speaker.kind in ("outlet", "organisation") and outer.speaker.type == "ORG":
        attr.via = outer.speaker.name


def _split_blocks(text: str) -> list[tuple[int, int, str]]:
    """Blocks of a text without ``Article.blocks``: runs between blank lines."""
    out = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        if m.group().strip():
            out.append((m.start(), m.end(), "paragraph"))
    return out


# A line that ends like this closes its paragraph (a sentence end, a colon before a block
# quote, a closing quotation mark); one that ends like ``_LINE_GOES_ON`` goes on in the next.
_LINE_CLOSES = ".!?…:;" + DOUBLE_CLOSING

_LINE_GOES_ON = ",-–—"


# A first line longer than this is no headline.
MAX_HEADLINE_CHARS = 250


def _line_blocks(text: str, blocks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The blocks cut at their line breaks: a text taken as it is (``--no-clean``) keeps one
    paragraph per line with single line breaks between them, and its first line is the
    headline.

    A line break is a paragraph's end when the line before closes one (``_LINE_CLOSES``), or
    when the next line does not open with a lower-case word and the line before does not
    end with a comma or a dash (a wrapped line). With no title block, a first line without
    a final period or colon, followed by another line, is the headline (``"title"``).
    """
    out: list[tuple[int, int, str]] = []
    has_title = any(kind == "title" for _s, _e, kind in blocks)
    for start, end, kind in blocks:
        pos = start
        for m in re.finditer(r"[ \t\r]*\n\s*", text[start:end]):
            brk, nxt = start + m.start(), start + m.end()
            if nxt >= end:  # a break at the block's end (its trailing spaces): nothing follows it
                break
            line = text[pos:brk].rstrip()
            first = not out and pos == start and not text[:start].strip()  # a headline line ends at its break
            if not line or not (line[-1] in _LINE_CLOSES or line[-1] not in _LINE_GOES_ON and (first or not text[nxt].islower())):
                continue
            out.append((pos, pos + len(line), kind))
            pos = nxt
        out.append((pos, end, kind))
    if not has_title and len(out) > 1 and not text[: out[0][0]].strip():
        first_start, first_end, _kind = out[0]
        first = text[first_start:first_end]
        if first[-1] not in ".:;" and len(first) <= MAX_HEADLINE_CHARS and out[1][0] > first_end:
            out[0] = (first_start, first_end, "title")
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and trailing commas/colons/dashes from a statement span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:;—–-"):
        end -= 1
    return start, end
