"""Descriptions matched against persons: roles, apposition words, gender, countries.

Which named person "глава МИД", "министр" or "эксперт" stands for.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

from ...model import Entity, Mention, Speaker
from ..roles import key_of, role_key, roles_match, roles_of
from .._lexicon import COUNTRY_STEMS, KIN_NOUNS
from .._speech import ANONYMOUS_WORDS, EXPERT_HEADS, GENERIC_HEADS, HEAD_OF_STATE_HEADS, HEAD_SYNONYMS, POLITICIAN_HEADS
from ._text import (
    _Intervals,
    _Said,
    _Text,
    _Tok,
    _WORD,
    _block_starts,
    _common_noun_person,
    _is_finite_verb,
    _mentions_from,
    _sentence_end,
    _speaker_of,
    _window_start,
)

def _person_by_role(doc: _Text, description: str, gender: str | None, pos: int) -> Entity | None:
    """The person whose role the description names ("глава МИД", "министр", "наставник")."""
    if "persons" not in doc.memo:
        doc.memo["persons"] = [
            e for e in doc.article.entities if e.type == "PER" and not any(_common_noun_person(doc, (m, e)) for m in e.mentions[:1])
        ]
    persons = doc.memo["persons"]
    if not persons or not description or gender == "plur":  # "заявили министры" is not one person
        return None
    # Who fits a description does not depend on where it stands: checked once per description
    # (a long text asks "губернатор" hundreds of times), then the latest named before it wins.
    key = ("fitting", description, gender)
    if key not in doc.memo:
        doc.memo[key] = _persons_fitting(doc, persons, description, gender)
    matches = []
    capitalised = [w for w in _WORD.findall(description) if w[0].isupper()]
    named = {w.lower().replace("ё", "е") for w in capitalised} | {p.normal_form.replace("ё", "е") for w in capitalised for p in doc.parse(w)[:4]}
    for e in doc.memo[key]:
        if e.last and e.last.lower().replace("ё", "е") in named:
            continue  # "представитель Теру" is not Теру
        starts = _mention_starts(doc, e)
        if starts and starts[0] < pos:  # a description refers back, never to a person named later
            matches.append((starts[bisect_left(starts, pos) - 1], e))
    if not matches:
        return None
    matches.sort(key=lambda x: x[0])
    return matches[-1][1]


def _persons_fitting(doc: _Text, persons: list[Entity], description: str, gender: str | None) -> list[Entity]:
    """The persons (in order) whose roles, apposition words and gender fit a description."""
    words = description.lower().split()
    head = _description_head(doc, words)
    heads = {head} | HEAD_SYNONYMS.get(head, set())
    fitting = []
    countries = _countries(doc, description)
    head_of_state = head == "глава" and len(words) > 1 and doc.lemma(words[1]) == "государство"
    dk = _role_key(doc, description.lower())
    for e in persons:
        if countries and _other_country(doc, e, countries):
            continue  # "премьер-министр Израиля" is not the "британский премьер"
        if head_of_state:
            # "глава государства" is a president (or a monarch), nobody else
            if _role_heads(doc, e) & HEAD_OF_STATE_HEADS or _words_before(doc, e) & HEAD_OF_STATE_HEADS:
                fitting.append(e)
            continue
        if _fits_description(doc, e, dk, head, heads, words) and _gender_agrees(doc, e, gender):
            fitting.append(e)
    # "глава Военного совета": of the heads who fit, those whose role names a "совет"
    # (Тантави, "глава Высшего совета"), not the head of the government
    tail = {doc.lemma(w) for w in words[1:] if any(p.tag.POS == "NOUN" for p in doc.parse(w)[:1])} - {head}
    sharing = [e for e in fitting if tail & {lemma for r in _roles(doc, e) for lemma in r.lemmas}]
    return sharing or fitting


def _description_head(doc: _Text, words: list[str]) -> str:
    """Lemma of a description's head word: its first word, or the second after an adjective."""
    head = doc.lemma(words[0]) if words else ""
    if len(words) > 1 and doc.parse(words[0])[0].tag.POS in ("ADJF", "PRTF"):
        head = doc.lemma(words[1])
    return head


def _other_country(doc: _Text, e: Entity, countries: set[str]) -> bool:
    """Whether one of a person's roles names a country and none of ``countries``."""
    return any(_countries(doc, r) and not _countries(doc, r) & countries for r in e.roles)


def _fits_description(doc: _Text, e: Entity, dk: Any, head: str, heads: set[str], words: list[str]) -> bool:
    """Whether a person's roles or apposition words fit a description (its role key ``dk``, its
    head lemma ``head`` with synonyms ``heads``, its lower-cased ``words``)."""
    if dk is not None and any((rk := key_of(r)) is not None and roles_match(dk, rk) for r in _roles(doc, e)):
        return True
    # the heads of the roles, not their dependents ("заместитель губернатора" is no "губернатор")
    if heads & (_role_heads(doc, e) | _words_before(doc, e)):
        return True
    if head in GENERIC_HEADS and (e.roles or len(words) > 1):
        return _generic_fits(e, words)
    return False


def _generic_fits(e: Entity, words: list[str]) -> bool:
    """Whether a description with a generic head ("глава ведомства", "руководитель") fits a
    person: nothing after the head, an institution word, or a word found in the person's roles."""
    tail = [w for w in words[1:] if len(w) > 2]
    ok = not tail or any(w in ("ведомства", "дипведомства", "министерства", "региона", "республики", "города", "области", "края") for w in tail)
    return ok or any(w in r.lower() for w in tail for r in e.roles)


def _gender_agrees(doc: _Text, e: Entity, gender: str | None) -> bool:
    """Whether a person's gender agrees with a masculine or feminine description (unknown agrees)."""
    if gender not in ("masc", "femn"):
        return True
    g = _entity_gender(doc, e)
    return g is None or g == gender


def _mention_starts(doc: _Text, e: Entity) -> list[int]:
    """Sorted start offsets of an entity's mentions outside quotation marks (memoised): a
    description refers back to a person the narrative named, not to one named in somebody's
    quoted words ("повелел оказать «поддержку будущему королю Филиппу». Монарх призвал")."""
    return doc.remember(("starts", id(e)), lambda: sorted(m.start for m in e.mentions if not doc.in_quote(m.start)))


def _role_key(doc: _Text, phrase: str) -> Any:
    """``roles.role_key`` of a phrase, memoised."""
    return doc.remember(("role key", phrase), lambda: role_key(phrase, doc.models.parse))


def _trusted_role(doc: _Text, m: Mention, e: Entity) -> bool:
    """May a role mention of the roles stage stand for its person here?

    Not when the person is named only later in the text (a description refers back), nor
    when the role names another country than the person's titles ("премьер-министр
    Израиля" linked to the "британский премьер").
    """
    if e.type != "PER" or m.kind != "role":
        return True
    if not any(x.kind == "name" and x.start < m.start for x in e.mentions):
        return False
    words = [doc.lemma(w) for w in _WORD.findall(m.text.lower())]
    if set(words) & ANONYMOUS_WORDS:
        return False  # "неназванный представитель министерства" is nobody named
    if words[:2] == ["глава", "государство"] and not (_role_heads(doc, e) | _words_before(doc, e)) & HEAD_OF_STATE_HEADS:
        return False  # "глава государства" is a president, not the head of a company
    countries = _countries(doc, m.text)
    return not countries or not _other_country(doc, e, countries)


def _countries(doc: _Text, phrase: str) -> set[str]:
    """Stems of the countries a role or description names ("премьер Израиля", "британский премьер").

    Place nouns (pymorphy3 ``Geox``) give their stem and, for a few, the stems of their
    adjectives ("США" -> "америк"); relational adjectives in "-ский" give their own stem.
    Two phrases name the same country when their stem sets meet.
    """
    return set(doc.remember(("countries", phrase), lambda: _countries_uncached(doc, phrase)))


def _countries_uncached(doc: _Text, phrase: str) -> set[str]:
    out: set[str] = set()
    for w in _WORD.findall(phrase):
        low = w.lower()
        p = doc.parse(low)[0]
        if "Geox" in p.tag and p.tag.POS == "NOUN":
            lemma = p.normal_form.replace("ё", "е")
            out.update(COUNTRY_STEMS.get(lemma, (lemma[:4],)))
        elif p.tag.POS == "ADJF" and w[0].islower() and re.search(r"(?:ск|цк)ий$", p.normal_form) and len(p.normal_form) > 7:
            adj = p.normal_form
            if any(adj.startswith(stem) for stems in COUNTRY_STEMS.values() for stem in stems) or _geo_adjective(doc, adj):
                out.add(next((stem for stems in COUNTRY_STEMS.values() for stem in stems if adj.startswith(stem)), adj[:4]))
    return out


def _geo_adjective(doc: _Text, adj: str) -> bool:
    """Is an adjective in "-ский" made from a place name ("израильский" <- "Израиль")?"""
    stem = re.sub(r"(?:ск|цк)ий$", "", adj)
    for cand in (stem, stem + "ия", stem + "ь", stem + "а", stem[:-1] + "ия" if len(stem) > 4 else stem):
        if any("Geox" in p.tag for p in doc.parse(cand)[:2]):
            return True
    return False


def _words_before(doc: _Text, e: Entity) -> set[str]:
    """Lemmas of the few words written right before a person's name mentions (apposition)."""
    return set(doc.remember(("words before", id(e)), lambda: _words_before_uncached(doc, e)))


def _words_before_uncached(doc: _Text, e: Entity) -> set[str]:
    out: set[str] = set()
    for m in e.mentions:
        if m.kind != "name":
            continue
        i = doc._index(m.start)
        # walk back over the apposition; a verb or punctuation ends it ("Марк рассказал Ивану")
        run: list[_Tok] = []
        for t in reversed(doc.tokens[max(0, i - 5) : i]):
            nxt = doc.tokens[doc._index(t.end)] if doc._index(t.end) < len(doc.tokens) else None
            if re.search(r"[.,;:!?()«»\"]", doc.text[t.end : nxt.start if nxt is not None else t.end]) or _is_finite_verb(doc, t):
                break
            run.insert(0, t)
        # its head is the first person noun: "заместитель губернатора" is a "заместитель";
        # in the name's case ("адвокат Эльсаеда" is somebody else's lawyer)
        last_word = _WORD.findall(m.text)[-1] if _WORD.findall(m.text) else ""
        name_cases = {p.tag.case for p in doc.parse(last_word)[:4]} if last_word else set()
        if e.last and last_word.lower().replace("ё", "е") != e.last.lower().replace("ё", "е"):
            name_cases.discard("nomn")  # "Петрова" of Игорь Петров is no nominative
        for t in run:
            nouns = [p for p in doc.parse(t.text)[:2] if p.tag.POS == "NOUN" and "anim" in p.tag]
            if nouns:
                if any(p.tag.case in name_cases for p in nouns):
                    out.add(doc.lemma(t.text))
                break
    return out


def _entity_gender(doc: _Text, e: Entity) -> str | None:
    """A person's gender: from the past-tense verbs written right after the name ("Флоранс
    Девуар высказалась": the dictionary reads "Флоранс" as a man's name), else from the
    first name (or the surname) by pymorphy3."""
    return doc.remember(("gender", id(e)), lambda: _verb_gender(doc, e) or _apposition_gender(doc, e) or _name_gender(doc, e))


def _apposition_gender(doc: _Text, e: Entity) -> str | None:
    """The gender of a noun of one sex written next to the name ("сестра Винус Уильямс",
    "актриса", "брат"): a feminine person noun is a woman, a kin noun either."""
    genders = set()
    for lemma in _words_before(doc, e) | {r.head for r in _roles(doc, e) if r.head}:
        p = doc.parse(lemma)[0]  # its first reading: "из" is no noun
        if len(lemma) > 2 and p.tag.POS == "NOUN" and "anim" in p.tag and (p.tag.gender == "femn" or lemma in KIN_NOUNS):
            genders.add(str(p.tag.gender))
    return genders.pop() if len(genders) == 1 else None


def _verb_gender(doc: _Text, e: Entity) -> str | None:
    """The gender the past-tense verbs right after a person's name mentions agree with."""
    seen: dict[str, int] = {}
    fold = lambda w: w.lower().replace("ё", "е")  # noqa: E731
    base = {fold(x) for x in (e.first, e.last) if x}
    for m in e.mentions:
        words = _WORD.findall(m.text)
        if m.kind != "name" or not words or fold(words[-1]) not in base and not any(p.tag.case == "nomn" for p in doc.parse(words[-1])[:4]):
            continue  # "Барака Обамы выразила": another case, the verb is someone else's
        j = doc._index(m.start)
        prev = doc.tokens[j - 1] if j > 0 and doc.text[doc.tokens[j - 1].end : m.start] == " " else None
        head = next((p for p in doc.parse(prev.text)[:1] if p.tag.POS == "NOUN" and "inan" in p.tag and p.tag.case == "nomn"), None) if prev else None
        i = doc._index(m.end)
        for t in doc.tokens[i : i + 3]:
            if re.search(r"[.,;:!?()«»\"—–]", doc.text[m.end : t.start]):
                break
            p = doc.parse(t.text)[0]
            if p.tag.POS == "VERB" and p.tag.tense == "past" and p.tag.number == "sing" and p.tag.gender in ("masc", "femn"):
                if head is None or head.tag.gender != p.tag.gender:  # "Кандидатура Монти была": the noun's verb
                    seen[str(p.tag.gender)] = seen.get(str(p.tag.gender), 0) + 1
                break
    return seen.popitem()[0] if len(seen) == 1 else None


def _name_gender(doc: _Text, e: Entity) -> str | None:
    """A person's gender from the first name (or the surname) by pymorphy3."""
    for word, tag in ((e.first, "Name"), (e.last, "Surn")):
        if not word:
            continue
        parses = doc.parse(word)
        if parses and type(parses[0].methods_stack[0][0]).__name__ == "FakeDictionary":
            continue  # a guess from the ending ("Эверитт" read as a woman's name) says nothing
        genders = {p.tag.gender for p in parses if tag in p.tag and p.tag.gender}
        if len(genders) == 1:
            return str(genders.pop())
    return None


def _gender_fits(doc: _Text, speaker: Speaker | Entity, gender: str | None) -> bool:
    """Does a person agree with the verb's gender ("сказала" -> a woman)? Unknown fits."""
    if gender not in ("masc", "femn"):
        return gender != "plur"
    if isinstance(speaker, Entity):
        g = _entity_gender(doc, speaker)
    else:
        e = next((x for x in doc.article.entities if x.id == speaker.entity), None) if speaker.entity else None
        if e is not None:
            g = _entity_gender(doc, e)
        else:
            words = speaker.name.split()
            g = _entity_gender(doc, Entity("", "PER", speaker.name, first=words[0], last=words[-1])) if words else None
    return g is None or g == gender


def _described_antecedent(
    doc: _Text, said: _Said, head: str, pos: int, gender: str | None, countries: set[str] | None = None, bare: bool = False, modified: bool = False
) -> Speaker | None:
    """The person a definite description refers back to ("— отметил эксперт" after "По мнению X").

    Candidates are persons introduced with a title (a role) or as speakers in this or the
    previous paragraph, outside quotation marks and reported statements (or the only person
    mentioned there when none is); the latest that agrees in gender and whose
    roles do not contradict the description wins.
    """
    if gender == "plur":
        return None
    lo = _window_start(doc, pos)
    # "Федеральный прокурор признал": an office with a word of its own is somebody new, not
    # the one person around who has neither a title nor a statement (a bare head or a
    # profession may still be that person: "актёр признался")
    lone = not modified or head in EXPERT_HEADS or head in GENERIC_HEADS or head in POLITICIAN_HEADS
    found, anyone = _fitting_antecedent(doc, said, head, lo, pos, gender, countries, lone)
    if found is not None or anyone or not bare:
        return found
    # a bare description ("Актриса не жалеет об операции"), nobody in this or the previous
    # paragraph: further back, a paragraph at a time, while no paragraph names anyone else,
    # the article's subject (named in its headline) who spoke there; anyone else that far
    # back is too far (the description stays)
    if _introduced_unnamed(doc, head, pos):
        return None  # "Прокурор района начал расследование ... прокурор добавил": that one has no name
    spoken_ids = {sp.entity for _s, _e, sp in said.spoken if sp.entity}
    starts = _block_starts(doc)
    for b in range(bisect_left(starts, lo) - 1, -1, -1):
        found, anyone = _fitting_antecedent(doc, said, head, starts[b], lo, gender, countries)
        if found is not None or anyone:
            return found if found is not None and found.entity in spoken_ids and _in_headline(doc, found.entity) else None
        lo = starts[b]
    return None


def _in_headline(doc: _Text, entity_id: str | None) -> bool:
    """Is a person named in the article's headline (the article's subject)? A text read
    verbatim has no headline block (the team's rule: three paragraphs back is too far)."""
    title = [b for b in doc.blocks if b[2] == "title"]
    e = next((x for x in doc.article.entities if x.id == entity_id), None)
    return bool(title) and e is not None and any(title[0][0] <= m.start < title[0][1] for m in e.mentions)


def _fitting_antecedent(
    doc: _Text, said: _Said, head: str, lo: int, pos: int, gender: str | None, countries: set[str] | None, lone: bool = True
) -> tuple[Speaker | None, bool]:
    """The person named in [lo, pos) a description refers back to, and whether anyone
    stood there that it could have meant (then the search stops).

    The latest person with a title or a statement who agrees in gender and whose roles do
    not contradict the description; when none does, the one person without either who fits
    ("Поддержать де Ниро пришли супруга и партнер по фильму ... актёр признался").
    """
    cands, others = _antecedent_candidates(doc, said, lo, pos, lone)
    unnamed = _unnamed_mention(doc, head, lo, pos)
    for p, sp, e in reversed(cands):
        if p < unnamed:
            return None, True  # "встретился с послом Киргизии ... Посол заверил": that person has no name
        if countries and e is not None and _other_country(doc, e, countries):
            continue  # "премьер Израиля" is not the "британский премьер"
        if _gender_fits(doc, e if e is not None else sp, gender) and _role_fits(doc, head, e):
            return sp, True
    # the article's subject (named in its headline), when no titled person fits
    fit = [
        (p, sp) for p, sp, e in others
        if p > unnamed and _gender_fits(doc, e, gender) and not (countries and _other_country(doc, e, countries)) and _in_headline(doc, e.id)
    ]
    if cands and len(fit) == 1:
        return fit[0][1], True
    return None, bool(cands or others)


def _antecedent_candidates(
    doc: _Text, said: _Said, lo: int, pos: int, lone: bool = True
) -> tuple[list[tuple[int, Speaker, Entity | None]], list[tuple[int, Speaker, Entity]]]:
    """The persons a description at ``pos`` may refer back to, by offset: those with a title or
    a statement since ``lo``, and unnamed speakers there (else the only other person there);
    and the persons with neither."""
    spoken_ids = {sp.entity for _s, _e, sp in said.spoken if sp.entity}
    cands: list[tuple[int, Speaker, Entity | None]] = []
    others: dict[str, tuple[int, Speaker, Entity]] = {}  # persons with neither title nor statement
    for m, e in _mentions_from(doc, lo, pos):
        if m.start >= pos:
            break
        if not _antecedent_mention(doc, said, m, e, lo):
            continue
        if e.roles or e.id in spoken_ids or m.kind == "role":
            cands.append((m.start, _speaker_of(e), e))
        else:
            others.setdefault(e.id, (m.start, _speaker_of(e), e))
    for st, _en, sp in said.spoken:
        if lo <= st < pos and sp.entity is None and (sp.type == "PER" or sp.type == "OTHER" and _singular_person(doc, sp.name)):
            cands.append((st, sp, None))  # "сообщил представитель избиркома. ... — сказал собеседник агентства"
    if not cands and len(others) == 1 and lone:
        cands = list(others.values())  # the only person around is clear enough
        others = {}
    cands.sort(key=lambda c: c[0])
    return cands, sorted(others.values(), key=lambda c: c[0])


def _antecedent_mention(doc: _Text, said: _Said, m: Mention, e: Entity, lo: int) -> bool:
    """Whether a mention from ``lo`` on may name a described person: a person named outside
    quotation marks and reported statements, not by a common noun, with a trusted role."""
    if m.start < lo or e.type != "PER" or doc.in_quote(m.start) or _common_noun_person(doc, (m, e)) or not _trusted_role(doc, m, e):
        return False
    return m.start not in said.intervals()  # a person talked about in a statement is not its speaker


# Lemmas with forms of another stem (pymorphy3 gives "человек" for "люди", "ребенок" for "дети",
# "год" for "лет"): their forms start with other letters.
SUPPLETIVE_FORMS = {"человек": ("люди",), "ребенок": ("дети",), "год": ("лет",)}


def _tokens_with_lemma(doc: _Text, lemma: str, lo: int, pos: int) -> list[_Tok]:
    """``[t for t in doc.toks(lo, pos) if doc.lemma(t.text) == lemma]`` from an index of the
    tokens by lemma built once per text (the scan lemmatised every token from ``lo``)."""
    if "token ends" not in doc.memo:
        by_letter: dict[str, list[int]] = {}  # tokens by their first two letters (ё as е)
        for i, t in enumerate(doc.tokens):
            by_letter.setdefault(t.low[:2].replace("ё", "е"), []).append(i)
        doc.memo["by letter"] = by_letter
        doc.memo["token ends"] = [t.end for t in doc.tokens]
    key = ("by lemma", lemma)
    if key not in doc.memo:
        # A form starts with its lemma's first two letters ("отца": "отец"), but for the
        # suppletive ones (люди: человек): only those tokens are lemmatised, not the whole text.
        letters = {lemma[:2]} | {w[:2] for w in SUPPLETIVE_FORMS.get(lemma, ())}
        candidates = sorted(i for c in letters for i in doc.memo["by letter"].get(c, ()))
        doc.memo[key] = [i for i in candidates if doc.lemma(doc.tokens[i].text) == lemma]
    indexes = doc.memo[key]
    first, stop = doc._index(lo), bisect_right(doc.memo["token ends"], pos)  # toks: start >= lo, end <= pos
    return [doc.tokens[i] for i in indexes[bisect_left(indexes, first) : bisect_left(indexes, stop)]]


def _unnamed_mention(doc: _Text, head: str, lo: int, pos: int) -> int:
    """Offset of the latest word with this lemma in [lo, pos) that names nobody (-1 if none).

    A word is attached to a name when a person mention covers it, follows it in the same
    clause ("эксперт фонда Иван Петров") or stands right before it ("Петров, эксперт фонда").
    """
    key = ("person mentions", len(doc.mentions))
    if key not in doc.memo:  # once per text, with bisection aids (was built and scanned per call)
        per_all = [m for m, e in doc.mentions if e.type == "PER"]
        doc.memo[key] = (per_all, [m.start for m in per_all], _Intervals((m.start, m.end) for m in per_all))
    per, per_starts, per_cover = doc.memo[key]
    found = -1
    for t in _tokens_with_lemma(doc, head, lo, pos):
        if doc.in_quote(t.start) or t.start in per_cover:
            continue
        k = bisect_left(per_starts, t.end)  # per is by start: the first starting at or after t.end
        after = per[k] if k < len(per) else None
        if after is not None and not re.search(r"[.,;:!?()]", doc.text[t.end : after.start]) and len(doc.toks(t.end, after.start)) <= 8:
            continue
        # the last (in order) ending by t.start: none starting after t.start can
        before = next((per[i] for i in range(bisect_right(per_starts, t.start) - 1, -1, -1) if per[i].end <= t.start), None)
        if before is not None and doc.text[before.end : t.start].strip() in (",", "—", "-", ", —"):
            continue
        found = t.start
    return found


def _role_heads(doc: _Text, e: Entity) -> set[str]:
    """Lemmas of the head nouns of a person's roles ("министр иностранных дел" -> "министр")."""
    return set(doc.remember(("role heads", id(e)), lambda: _role_heads_uncached(doc, e)))


def _role_heads_uncached(doc: _Text, e: Entity) -> set[str]:
    return {r.head for r in _roles(doc, e) if r.head}


def _roles(doc: _Text, e: Entity) -> list[Any]:
    """A person's roles as ``Role`` objects (read by the roles stage; built from the strings for old archives)."""
    return doc.remember(("roles", id(e)), lambda: roles_of(e, doc.models.parse))


def _role_fits(doc: _Text, head: str, e: Entity | None) -> bool:
    """May a person with these roles be called by this description head?

    A profession description ("эксперт") fits anyone; an office ("министр", "посол") fits a
    person without known roles, or one whose role has the same head, a synonym or a generic
    head ("глава Минфина" is a "министр"), and never a role that merely depends on that office
    ("заместитель губернатора" is not "губернатор").
    """
    if e is None or not e.roles:
        return True
    heads = _role_heads(doc, e)
    if head not in heads and any(head in r.lemmas for r in _roles(doc, e)):
        return False  # "заместитель губернатора"
    if head in EXPERT_HEADS or head in GENERIC_HEADS or head in POLITICIAN_HEADS:
        return True
    return bool(heads & ({head} | HEAD_SYNONYMS.get(head, set()) | GENERIC_HEADS))


def _singular_person(doc: _Text, description: str) -> bool:
    """Does a description name one person ("представитель избиркома", "его отец"), not a
    group or an institution ("эксперты", "мэрия")?"""
    for w in _WORD.findall(description)[:4]:
        parses = [p for p in doc.parse(w)[:3] if p.tag.POS == "NOUN"]
        if parses:
            p = next((x for x in parses if x.tag.case == "nomn"), parses[0])
            return p.tag.number == "sing" and ("anim" in p.tag or p.normal_form.replace("ё", "е") in ("источник", "собеседник", "представитель"))
    return False


def _introduced_unnamed(doc: _Text, head: str, pos: int) -> bool:
    """Was someone introduced before ``pos`` by this noun without a name: a word with the
    lemma, outside quotation marks and person mentions, whose sentence names no person
    before its verb ("Прокурор района начал расследование"; not "американская актриса,
    режиссёр — Анджелина Джоли")?"""
    key = ("person mentions", len(doc.mentions))
    _unnamed_mention(doc, head, 0, 0)  # fills the memo of person mentions
    _per, per_starts, per_cover = doc.memo[key]
    for t in _tokens_with_lemma(doc, head, 0, pos):
        if doc.in_quote(t.start) or t.start in per_cover:
            continue
        stop = _sentence_end(doc, t.end, len(doc.text))
        k = bisect_left(per_starts, t.end)
        name_at = per_starts[k] if k < len(per_starts) and per_starts[k] < stop else None
        verbs = [x for x in doc.toks(t.end, name_at if name_at is not None else stop) if _is_finite_verb(doc, x)]
        if name_at is None or verbs:
            return True
    return False
