"""Pass 3: the speaker of an attribution: a mention, a pronoun, a name NER missed, a description.

Every speaker says what it is (``Speaker.kind``: person, organisation, outlet, state, group).
The subject is read where Russian news writes it: before the verb (in the verb's own clause;
a coordinated verb shares the first one's subject), after it (past a dative recipient, a date,
a participle's dependents), after "по словам"; outlets and bodies named with their noun or in
Latin letters speak; groups keep their words as written ("власти Венесуэлы", "источник «Ъ» в
правительстве"); pronouns and descriptions refer back to the nearest compatible speaker or
person, never to somebody's relation ("адвокат Насира") nor to an unnamed one ("неназванный
представитель"). The outlet that heard the words goes to ``via`` (``_outlets``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ...model import Entity, Mention, Speaker
from .._lexicon import DOUBLE_CLOSING, DOUBLE_OPENING, LOC_ABBREVIATIONS, NON_ENTITY_ABBREVIATIONS, ONE_OF
from ..names import normalize_mention
from .._speech import (
    ANONYMOUS_HEADS,
    ANONYMOUS_WORDS,
    QUANTITY_NOUNS,
    RELATION_NOUNS,
    CONNECTIVES,
    DOCUMENT_NOUNS,
    MEDIA_GROUP_NOUNS,
    MEDIA_NOUNS,
    MEDIA_VERBS,
    ORG_SPEAKER_NOUNS,
    PO_SLOVAM_NOUNS,
    REQUEST_LEMMAS,
    SPEAKER_NOUNS,
    SPEECH_LEMMAS,
    VIA_LEMMAS,
)
from ._outlets import (
    BODY_NOUNS,
    _named_outlets,
    _base_name,
    _cut_via,
    _dative,
    _earlier_outlet,
    _heard_by,
    _is_outlet,
    _media_noun,
    _name_at,
    _named_body,
    _outlet_in_phrase,
    _relay_before,
)
from ._persons import _countries, _described_antecedent, _gender_fits, _person_by_role, _trusted_role
from ._text import (
    BACK_ADVERBS,
    NON_SPEAKER_WORDS,
    PRONOUNS,
    _Attribution,
    _Intervals,
    _Said,
    _SENT_END,
    _Text,
    _Tok,
    _WORD,
    _block_starts,
    _case,
    _common_noun_person,
    _ends_between,
    _first_tokens_outside_quotes,
    _has_case,
    _is_adj,
    _is_adverb,
    _is_finite_verb,
    _mentions_around,
    _mentions_from,
    _mentions_in,
    _nominative,
    _real_end,
    _sentence_end,
    _sentence_start,
    _speaker_noun,
    _speaker_of,
    _window_start,
    speaker_key,
)

# A name in quotation marks after a body noun has at most this many words ("газета «Новая
# газета»"); more is a statement, not a name.
MAX_NAME_WORDS = 6

# Words that join a speech verb to an earlier verb of the same subject ("выразил уверенность
# ... и отметил", ", однако отметил", ", а затем добавил").
COORDINATORS = frozenset("и а но однако также затем потом позже позднее впоследствии тут же".split())

# Nouns of an outlet's unnamed source: an outlet named after one relays it ("источник
# «Интерфакса»", "собеседники издания", "источники СМИ").
SOURCE_NOUNS = frozenset({"источник", "собеседник"})

# Possessive pronouns before a description's noun ("его адвокат"): a relation of someone.
POSSESSIVES = frozenset({"его", "ее", "её", "их"})

# Impersonal cues of a document ("говорится в пресс-релизе") or of the writer ("сообщается"):
# without a speaker of their own they go on with the last document's or the last speaker.
IMPERSONAL_CUES = ("уточняется", "говорится", "сообщается", "отмечается")

# A subject after its verb stands within this many words of it ("сообщила насчитывающая
# более 8 тысяч членов организация": 7).
MAX_SUBJECT_AFTER = 8

# What may stand between two words of a description: nothing, or the marks of a quoted name.
PHRASE_GAPS = ("", "«", "»", "»«", '"', '«"', '"»')


def _resolve(doc: _Text, said: _Said, attr: _Attribution, pos: int, stmt_end: int | None = None) -> None:
    """Fill ``attr.speaker`` and ``attr.via`` (for the statement at ``pos``..``stmt_end``)."""
    gender = _cue_gender(doc, attr)
    attr.stmt_start = pos
    after = attr.after
    # a relaying outlet after the speaker: "..., передает X", "со ссылкой на Y"
    cited = bool(after) and doc.text[after[0] : after[1]].lstrip().startswith("со ссылкой на")
    if after:
        after = _cut_via(doc, attr, after)
    speaker = None
    if attr.headline is not None:
        speaker = _phrase_speaker(doc, said, attr, gender)
    if speaker is None and attr.before and not cited:
        # "СМИ со ссылкой на данные агентства Fitch сообщили": the same before the verb
        link = re.search(r"\bсо ссылкой на\b", doc.text[attr.before[0] : attr.before[1]])
        if link is not None:
            split = attr.before[0] + link.start()
            source = _scan_region(doc, said, (attr.before[0] + link.end(), attr.before[1]), gender, reverse=False, cue=attr)
            relay = _scan_region(doc, said, (attr.before[0], split), gender, reverse=True, cue=attr) if source is not None else None
            if source is not None and relay is not None and relay.type in ("ORG", "OTHER"):
                speaker, attr.via, attr.heard = source, relay.name, True
    if speaker is None and cited and attr.before:
        # "газета «Известия» сообщала со ссылкой на неназванные источники, что": the
        # sources speak, the outlet before the verb relays them
        source = _scan_region(doc, said, after, gender, reverse=False, cue=attr)
        relay = _scan_region(doc, said, attr.before, gender, reverse=True, cue=attr) if source is not None else None
        if source is not None and relay is not None and relay.type == "ORG":
            speaker, attr.via, attr.heard = source, relay.name, True
    if attr.before and stmt_end is not None and attr.before[0] <= pos < attr.before[1] and stmt_end <= attr.before[1]:
        # "Об отставке министра сообщил X", "О своей беременности Уильямс объявила": the
        # о-phrase before the verb is the statement, the subject stands after it
        attr.before = (stmt_end, attr.before[1])
    if speaker is None and attr.before:
        main = _main_verb_attribution(doc, attr)
        if main is not None:
            # "извинился перед Рэппом, сообщив, что", "обратился к X с просьбой": the subject of
            # the finite verb the cue depends on (never a person it addresses: "к премьеру X")
            main_gender = _cue_gender(doc, main)
            speaker = _scan_region(doc, said, main.before, main_gender, reverse=True, cue=main)
            if speaker is None and main.after:
                speaker = _scan_region(doc, said, main.after, main_gender, reverse=False, cue=main)
            if speaker is None and main.after is None:
                speaker = _noun_subject(doc, main.before, main_gender)  # "епархия обратилась с просьбой"
        elif _cue_pos(doc, attr) == "PRTF":
            speaker = _participle_noun(doc, attr)  # "Илья Пономарев, ..., выразивший убеждение, что"
        if speaker is None and main is None:
            speaker = _scan_region(doc, said, attr.before, gender, reverse=True, cue=attr)
        subject_before = speaker is not None
    else:
        subject_before = False
    if speaker is None and after:
        speaker = _scan_region(doc, said, after, gender, reverse=False, cue=attr)
    if speaker is None and said.speakers and attr.cue in IMPERSONAL_CUES:
        # "..., говорится в пресс-релизе": the body whose document spoke last, else the last speaker
        speaker = said.documents[-1] if said.documents and _names_document(doc, attr) else said.speakers[-1]
    if speaker is None and attr.backref and said.speakers:
        speaker = said.speakers[-1]
    speaker = _whole_body(doc, _fuller_person(doc, speaker))
    if attr.via is None and attr.cue not in ("-", ":"):
        _heard(attr, _heard_by(doc, attr, said, subject_before))
    if attr.via is None and attr.cue not in ("-", ":"):
        # "Янукович сообщил о разводе. Об этом он рассказал изданию Der Spiegel."
        _heard(attr, _heard_in_next(doc, attr, said, speaker))
    if attr.via is not None and speaker is not None and attr.via.lower() == speaker.name.lower():
        attr.via = None  # "Как отмечает Би-би-си": the outlet speaks, it relays nobody
    if attr.via is None and speaker is not None and speaker.kind != "outlet" and not _outlet_speaker(doc, speaker):
        # "сказал Петров «Интерфаксу». Он отметил, что ...": the interview goes on
        _heard(attr, said.vias.get(speaker_key(speaker)))
    if speaker is not None and speaker.kind is None:
        speaker.kind = _speaker_kind(doc, attr, speaker)
    attr.speaker = speaker


def _heard(attr: _Attribution, outlet: str | None) -> None:
    """The outlet the speaker spoke to goes to ``via`` (unless one is there already)."""
    if outlet and attr.via is None:
        attr.via = outlet
        attr.heard = True


def _outlet_speaker(doc: _Text, sp: Speaker) -> bool:
    """Is a speaker (its kind not set yet) an outlet?"""
    return sp.type == "ORG" and _is_outlet(doc, sp.name, None)


def _speaker_kind(doc: _Text, attr: _Attribution, sp: Speaker) -> str:
    """What a speaker is: a person, an organisation, an outlet, a state or a group (``Speaker.kind``)."""
    if sp.type == "PER":
        return "person"
    if "entities by id" not in doc.memo:
        doc.memo["entities by id"] = {e.id: e for e in doc.article.entities}
    e = doc.memo["entities by id"].get(sp.entity) if sp.entity else None
    if e is not None and e.type == "LOC":
        return "state"
    if sp.type == "ORG" and (e is not None or not sp.name[:1].islower()):
        return "outlet" if _is_outlet(doc, sp.name, e) or _media_cue(doc, attr, sp.name) else "organisation"
    words = _WORD.findall(sp.name)
    head = next((_nominative_reading(doc, w) for w in words[:4] if any(p.tag.POS == "NOUN" for p in doc.parse(w)[:2])), None)
    if head is not None and head.tag.number == "sing":
        lemma = head.normal_form.replace("ё", "е")
        if lemma in MEDIA_NOUNS:
            return "outlet"
        if lemma in ORG_SPEAKER_NOUNS:
            return "organisation"
    return "organisation" if sp.type == "ORG" else "group"


def _nominative_reading(doc: _Text, word: str):
    """A noun's nominative reading if it has one (its number is the phrase's), else its first."""
    parses = [p for p in doc.parse(word)[:4] if p.tag.POS == "NOUN"]
    return next((p for p in parses if p.tag.case == "nomn"), parses[0])


def _media_cue(doc: _Text, attr: _Attribution, name: str) -> bool:
    """Does the cue cite an outlet: "пишет X", "передает X", or a name in Latin letters
    that "сообщает" in the present (how news cites the media: "сообщает Bloomberg")?"""
    lemma = _cue_lemma(doc, attr)
    if lemma in MEDIA_VERBS:
        return True
    if not re.match(r"[A-Z]", name):
        return False
    if attr.cue.startswith(("по сообщени", "по данным", "по информации")):
        return True  # "по сообщению Clarin"
    word = doc.text[attr.cue_start : attr.cue_end].split()[:1]
    return lemma in ("сообщать", "сообщаться") and bool(word) and doc.parse(word[0])[0].tag.tense == "pres"


def _cue_lemma(doc: _Text, attr: _Attribution) -> str:
    """The lemma of the cue's first word ("" for a dash or colon)."""
    words = doc.text[attr.cue_start : attr.cue_end].split()
    return doc.lemma(words[0]) if words and words[0][0].isalpha() else ""


def _cue_gender(doc: _Text, attr: _Attribution) -> str | None:
    """Gender/number the cue verb requires of its subject: "masc", "femn", "plur" or None."""
    word = doc.text[attr.cue_start : attr.cue_end].split()[0] if attr.cue_end > attr.cue_start else ""
    if not word or not word[0].isalpha():
        return None
    p = doc.parse(word)[0]
    if p.tag.number == "plur":
        return "plur"
    if p.tag.gender in ("masc", "femn"):
        return str(p.tag.gender)  # a plain str: pymorphy3's value refuses comparison with "plur"
    return None


def _heard_in_next(doc: _Text, attr: _Attribution, said: _Said, speaker: Speaker | None = None) -> str | None:
    """The outlet of the next sentence when it opens with "Об этом" and tells to whom the
    statement was said ("Об этом он рассказал изданию X", "Об этом сообщил «Интерфаксу»"), or
    when the same speaker "also" speaks in it, to an outlet ("Порошенко рассказал о A. / В
    интервью телеканалу «Интер» Порошенко также рассказал, что B": one interview)."""
    starts = _block_starts(doc)
    b = max(0, bisect_right(starts, attr.cue_start) - 1)
    b_end = doc.blocks[b][1]
    end = _sentence_end(doc, attr.cue_end, b_end)
    nxt = re.match(r"[.!?…»\"]*\s+Об этом\b", doc.text[end:b_end])
    if nxt is None:
        return _heard_also(doc, end, b, said, speaker)
    s_end = _sentence_end(doc, end + nxt.end(), b_end)
    verb = next((t for t in doc.toks(end + nxt.end(), s_end) if _is_finite_verb(doc, t) and doc.lemma(t.text) in SPEECH_LEMMAS), None)
    if verb is None:
        return None
    return _heard_by(doc, _Attribution(verb.low, verb.start, verb.end, before=(end + nxt.start(), verb.start), after=(verb.end, s_end)), said)


def _heard_also(doc: _Text, end: int, b: int, said: _Said, speaker: Speaker | None) -> str | None:
    """The outlet of the sentence after ``end`` (in this paragraph or opening the next) whose
    speech verb follows "также" and whose subject names the same person ("В интервью X
    Порошенко также рассказал"), the statement before being part of the same interview."""
    if speaker is None or speaker.type != "PER":
        return None
    b_start, b_end = doc.blocks[b][0], doc.blocks[b][1]
    start = end + len(doc.text[end:b_end]) - len(doc.text[end:b_end].lstrip(".!?…»\" "))
    if start >= b_end:
        if b + 1 >= len(doc.blocks):
            return None
        b_start, b_end = doc.blocks[b + 1][0], doc.blocks[b + 1][1]
        start = b_start
    s_end = _sentence_end(doc, start, b_end)
    toks = doc.toks(start, s_end)
    k = next((k for k in range(1, len(toks)) if toks[k - 1].low == "также" and _is_finite_verb(doc, toks[k]) and doc.lemma(toks[k].text) in SPEECH_LEMMAS), None)
    last = speaker.name.split()[-1].lower().replace("ё", "е")
    if k is None or not any(t.low.replace("ё", "е") == last for t in toks[: k - 1]):
        return None
    verb = toks[k]
    return _heard_by(doc, _Attribution(verb.low, verb.start, verb.end, before=(start, verb.start), after=(verb.end, s_end)), said)


def _names_document(doc: _Text, attr: _Attribution) -> bool:
    """Does the attribution name a document ("говорится в документе", "В пресс-релизе отмечается")?"""
    regions = [r for r in (attr.before, attr.after) if r]
    return any(doc.lemma(t.text) in DOCUMENT_NOUNS for r in regions for t in doc.toks(*r))


def _whole_body(doc: _Text, speaker: Speaker | None) -> Speaker | None:
    """An organisation whose name NER cut before the person it is named for: "Комитет защиты"
    written "Комитет защиты Леонарда Пелтиера" (a genitive name right after a name ending in
    a genitive noun) is named whole."""
    if speaker is None or speaker.type != "ORG" or not speaker.entity:
        return speaker
    e = next((x for x in doc.article.entities if x.id == speaker.entity), None)
    if e is None or speaker.name != e.name:
        return speaker  # named already (a speaker said before is the same object)
    last = _WORD.findall(e.name)[-1:]
    if not last or len(_WORD.findall(e.name)) < 2 or not _has_case(doc, _Tok(0, 0, last[0], last[0].lower()), "gent"):
        return speaker
    for m in e.mentions:
        for m2, e2 in _mentions_from(doc, m.end + 1, m.end + 1):
            if e2.type == "PER" and m2.start == m.end + 1 and doc.text[m.end] == " " and not _nominative_mention(doc, m2, e2):
                return Speaker(f"{speaker.name} {m2.text}", speaker.type, speaker.entity, speaker.kind)
    return speaker


def _fuller_person(doc: _Text, speaker: Speaker | None) -> Speaker | None:
    """A one-word person speaker ("Мамедов" of a headline) -> the person with that surname and a first name."""
    if speaker is None or " " in speaker.name or speaker.type not in ("PER", "OTHER"):
        return speaker
    word = speaker.name.lower()
    for e in doc.article.entities:
        if e.type == "PER" and " " in e.name and e.last and e.last.lower() == word:
            return Speaker(e.name, "PER", e.id)
    return speaker


def _scan_region(
    doc: _Text, said: _Said, region: tuple[int, int], gender: str | None, reverse: bool, cue: _Attribution, narrow: bool = True
) -> Speaker | None:
    """The speaker written in a region next to the cue: before it (``reverse``) or after it
    (``narrow``: look for the subject's own part of the region first, ``_subject_regions``)."""
    start, end = region
    if end <= start:
        return None
    toks = doc.toks(start, end)
    mentions = _mentions_in(doc, start, end)
    # a pronoun subject or possessive ("он", "его слова", "По ее словам")
    pron = [t for t in toks if t.low in PRONOUNS]
    words = [t for t in toks if not doc.in_quote(t.start)] or toks
    verb_cue = _verb_cue(doc, cue)
    if reverse and verb_cue and narrow:
        regions = _subject_regions(doc, start, end, words)
        if regions:
            return next((sp for r in regions if (sp := _scan_region(doc, said, r, gender, reverse, cue, narrow=False)) is not None), None)
    pers = _candidate_persons(doc, mentions, start, gender, verb_cue)
    if reverse:
        return _subject_before(doc, said, region, gender, cue, verb_cue, mentions, pers, pron, words)
    # after the cue: the first person of an apposition, skipping a dative outlet ("рассказал РБК источник")
    if pron and pron[0].low in ("его", "ее", "её", "их", "он", "она", "они") and (not pers or pron[0].start < pers[0][0].start):
        first_word = words[0] if words else None
        if first_word is pron[0] or (first_word and first_word.low in ("слова", "мнению", "словам")) or pron[0] is (words[1] if len(words) > 1 else None):
            if not _possessive_of_noun(doc, pron[0], end):
                return _pronoun(doc, said, pron[0], cue.cue_start, cue)
    if pers:
        # "сказал поддерживающий Петрова депутат Иван Сидоров": a name in another case
        # depends on a word before it; the nominative one is the subject
        subjects = [me for me in pers if _nominative_mention(doc, *me)]
        free = [me for me in pers if not _after_participle(doc, me[0])]
        lead = [t for t in words if not _is_adj(doc, t)][:1]  # "неназванных представителей"
        heads = [t for t in lead if t.end <= pers[0][0].start and _speaker_noun(doc, t) and all(p.tag.number == "plur" for p in doc.parse(t.text)[:2] if p.tag.POS == "NOUN")]
        if subjects or not heads:
            return _speaker_of((subjects or free or pers)[0][1])
        # "со ссылкой на неназванных представителей администрации Барака Обамы": a plural
        # speaker noun opening the region is the speaker, the name in another case its dependent
    named = _unlisted_name(doc, words)
    if named is not None:
        return named
    found = _np_speaker(doc, said, words, mentions, gender, cue, end) or _bare_name(doc, cue, start, end)
    if found is None and verb_cue and cue.cue not in IMPERSONAL_CUES:
        # "сообщила насчитывающая более 8 тысяч членов организация": the first nominative
        # speaker noun agreeing with the verb, past a participle's dependents
        sub = _subject_after(doc, words[:MAX_SUBJECT_AFTER], gender, end)
        if sub:
            found = _np_speaker(doc, said, sub, _mentions_in(doc, sub[0].start, end), gender, cue, end)
    return found


def _subject_after(doc: _Text, words: list[_Tok], gender: str | None, end: int) -> list[_Tok]:
    """The subject after the verb: the first speaker noun in the nominative agreeing with the
    verb in number (and gender), within the clause, with the adjectives right before it."""
    want = "plur" if gender == "plur" else "sing" if gender in ("masc", "femn") else None
    for k, t in enumerate(words):
        if k and re.search(r"[,;:()—–]", doc.text[words[k - 1].end : t.start]):
            return []
        if not _speaker_noun(doc, t):
            continue
        if any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and (want is None or p.tag.number == want) and (want != "sing" or p.tag.gender in (gender, None) or "GNdr" in p.tag or "Ms-f" in p.tag) for p in doc.parse(t.text)[:3]):
            j = k
            while j > 0 and _agreeing(doc, words[j - 1], t) and doc.text[words[j - 1].end : words[j].start] == " ":
                j -= 1
            return words[j:]
    return []


def _after_participle(doc: _Text, m: Mention) -> bool:
    """Does a participle govern a name ("поддерживающий Чавеса законодатель")?"""
    i = doc._index(m.start)
    return i > 0 and doc.text[doc.tokens[i - 1].end : m.start] == " " and doc.parse(doc.tokens[i - 1].text)[0].tag.POS == "PRTF"


def _capitalised_body(doc: _Text, start: int, end: int) -> Speaker | None:
    """"сообщил Белый дом": a capitalised adjective and its noun in the nominative right after
    the verb, no entity of the article, name a body."""
    toks = doc.toks(start, end)[:2]
    if len(toks) < 2 or doc.text[start : toks[0].start].strip() or doc.text[toks[0].end : toks[1].start] != " ":
        return None
    adj, noun = toks
    if not adj.text[0].isupper() or noun.text[0].isupper() or _mentions_around(doc, adj.start) and any(m.start <= adj.start < m.end for m, _e in _mentions_around(doc, adj.start)):
        return None
    a = [p for p in doc.parse(adj.text)[:3] if p.tag.POS == "ADJF" and p.tag.case == "nomn"]
    n = [p for p in doc.parse(noun.text)[:3] if p.tag.POS == "NOUN" and p.tag.case == "nomn" and "anim" not in p.tag]
    if not any(_agrees(x, y) for x in a for y in n):
        return None
    return Speaker(f"{adj.text} {noun.text}", "ORG", None)


def _possessive_of_noun(doc: _Text, tok: _Tok, end: int | None = None) -> bool:
    """Is "его"/"ее"/"их" a possessive before a noun that is the subject ("сообщила РБК его
    помощница", "сказал ее адвокат"), not the speaker ("по его словам" is the pronoun's)?"""
    if tok.low not in ("его", "ее", "её", "их"):
        return False
    i = doc._index(tok.end)
    nxt = doc.tokens[i] if i < len(doc.tokens) else None
    if nxt is None or end is not None and nxt.end > end or doc.text[tok.end : nxt.start].strip() or nxt.low in ("слова", "словам", "мнению", "слов"):
        return False
    return any(p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in doc.parse(nxt.text)[:2]) or _is_adj(doc, nxt)


def _bare_name(doc: _Text, cue: _Attribution, start: int, end: int) -> Speaker | None:
    """A body's name without a noun opening the region after a speech verb: "сообщает The
    Guardian", "пишет «Вечерний город»" (a name in Latin letters or in quotation marks); a
    name in the dative heard the words ("сообщили «Северному курьеру»": ``via``)."""
    found = _name_at(doc, start, end)
    if found is None:
        return _capitalised_body(doc, start, end)
    if found[3] is not None and found[3].type != "ORG":
        return None
    written = doc.text[found[0] : found[1]].strip(DOUBLE_OPENING + DOUBLE_CLOSING + " ")
    if _dative(doc, written.split()[-1]):
        _heard(cue, _base_name(doc, found[2], found[3]))
        return None
    return Speaker(found[2], "ORG", found[3].id if found[3] is not None else None)


def _candidate_persons(doc: _Text, mentions: list[tuple[Mention, Entity]], start: int, gender: str | None, verb_cue: bool) -> list[tuple[Mention, Entity]]:
    """The person mentions of a region that may be the speaker."""
    pers = [me for me in mentions if me[1].type == "PER" and not _common_noun_person(doc, me) and _trusted_role(doc, *me) and not _gloss(doc, me[0])]
    # "по мнению администрации президента", "пресс-служба Путина сообщила": a person right
    # after an institution's noun owns it; an institution is never in apposition to a person
    pers = [me for me in pers if not _institution_before(doc, me[0], start)]
    if not verb_cue:
        return pers
    # a name depending on the noun before it is not the speaker ("пресс-секретарь Путина",
    # "помощник Хиллари Клинтон"), nor one that disagrees with the verb ("помощник Орловой сообщил")
    return [
        me for k, me in enumerate(pers)
        if not (_possessor(doc, me[0], start) and (_inflected(me[0], me[1]) or not _gender_fits(doc, me[1], gender) or _apposed(doc, me[0], pers[k + 1 :]) or _relation_of(doc, *me)))
        and (gender not in ("masc", "femn") or _gender_fits(doc, me[1], gender))
    ]


def _gloss(doc: _Text, m: Mention) -> bool:
    """Is a mention the name in Latin letters written in brackets after the name ("Карен
    Казарян (Karen Kazaryan) признал"): a gloss of the person named before it?"""
    return bool(re.match(r"[A-Za-z]", m.text)) and doc.text[max(0, m.start - 2) : m.start].strip() == "("


def _institution_before(doc: _Text, m: Mention, start: int) -> bool:
    """Does an organisation noun stand right before a person mention ("администрации президента")?"""
    i = doc._index(m.start)
    if i == 0 or doc.tokens[i - 1].start < start or doc.text[doc.tokens[i - 1].end : m.start] != " ":
        return False
    if not any(p.tag.POS == "NOUN" and p.normal_form.replace("ё", "е") in ORG_SPEAKER_NOUNS for p in doc.parse(doc.tokens[i - 1].text)[:2]):
        return False
    # the institution heads its phrase: not "глава ведомства Александр Жаров", "заведующий
    # кафедрой Приморского университета Олег Воронцов" (a title's genitive chain), not
    # "помощница в Госдуме Галина Лякишева" (a place)
    k = i - 1
    while k > 0 and doc.text[doc.tokens[k - 1].end : doc.tokens[k].start] == " " and _is_adj(doc, doc.tokens[k - 1]):
        k -= 1
    before = doc.tokens[k - 1] if k > 0 else None
    if before is None or before.end <= start:
        return True  # the institution opens the region ("по мнению | администрации президента")
    if doc.text[before.end : doc.tokens[k].start] != " ":
        return False  # "Арктики Северного (Арктического) федерального университета": a chain goes on
    if doc.lemma(before.text) in PO_SLOVAM_NOUNS:
        return True  # "по мнению администрации президента"
    return doc.parse(before.text)[0].tag.POS not in ("NOUN", "PREP")


def _relation_of(doc: _Text, m: Mention, e: Entity) -> bool:
    """"официальный представитель Теру", "адвокат Джонсон": a bare surname after a noun of a
    relation to someone (a representative, a lawyer, kin), of a person the article named
    before, is that person's (an indeclinable genitive), not an apposition."""
    i = doc._index(m.start)
    if i == 0 or " " in m.text.strip() or doc.lemma(doc.tokens[i - 1].text) not in RELATION_NOUNS or not _has_case(doc, doc.tokens[i - 1], "nomn"):
        return False  # "в разговоре с агентом Джеймсон говорил": the noun is no subject
    if not e.last or m.text.strip().lower().replace("ё", "е") != e.last.lower().replace("ё", "е"):
        return False  # "младший брат Пётр": a first name in apposition
    return any(x.kind == "name" and x.start < m.start for x in e.mentions)


def _subject_before(
    doc: _Text,
    said: _Said,
    region: tuple[int, int],
    gender: str | None,
    cue: _Attribution,
    verb_cue: bool,
    mentions: list[tuple[Mention, Entity]],
    pers: list[tuple[Mention, Entity]],
    pron: list[_Tok],
    words: list[_Tok],
) -> Speaker | None:
    """The subject before the verb: the nearest person; a pronoun; "Там"; an organisation or a
    description ("В пресс-службе X"); a place; the nearest nominative speaker noun."""
    start, end = region
    pers = [me for me in pers if not _in_participle_clause(doc, me[0], start, end)]
    subject_pronoun = pron[-1] if pron and pron[-1].low in ("он", "она", "они") else None
    if pers and not (subject_pronoun is not None and subject_pronoun.start > pers[-1][0].end):
        return _speaker_of(pers[-1][1])
    if subject_pronoun is not None:
        # "... имена — Алёша и Соня, она отмечала": the pronoun next to the verb is the subject
        return _pronoun(doc, said, subject_pronoun, cue.cue_start, cue)
    if words and words[-1].low in BACK_ADVERBS and said.speakers:
        return said.speakers[-1]
    # a clause of its own before the subject ("представители прокуратуры провели допрос,
    # после которого официальный представитель ведомства заявил"): the subject nearest the
    # verb first
    nearest_first = verb_cue and any(_is_finite_verb(doc, t) and "," in doc.text[t.end : end] for t in words if not doc.in_quote(t.start))
    found = None if nearest_first else _np_speaker(doc, said, words, mentions, gender, cue, end)
    if found is None and verb_cue:
        found = _place_subject(doc, start, end)
    if found is None and verb_cue:
        # "Освещающие акцию блогеры сообщили", "После встречи министр заявил": the nearest
        # nominative speaker noun agreeing with the verb
        sub = _subject_words(doc, words, gender, end)
        if sub:
            found = _np_speaker(doc, said, sub, _mentions_in(doc, sub[0].start, end), gender, cue, end)
    if found is None and nearest_first:
        found = _np_speaker(doc, said, words, mentions, gender, cue, end)
    if found is None and verb_cue:
        found = _abbreviation_subject(doc, words, end)
    return found


def _abbreviation_subject(doc: _Text, words: list[_Tok], end: int) -> Speaker | None:
    """An abbreviation right before the verb that NER did not tag: a body ("ИГ заявило"), or a
    state ("США заявили"); never a common noun ("СМИ")."""
    if not words or not re.fullmatch(r"[А-ЯЁA-Z]{2,8}", words[-1].text):
        return None
    gap = doc.text[words[-1].end : end].strip()
    if gap and not (gap[0] in DOUBLE_OPENING and gap[-1] in DOUBLE_CLOSING):
        return None
    word = words[-1].text
    if word in NON_ENTITY_ABBREVIATIONS:
        return None
    named = _name_at(doc, words[-1].end, end)
    if named is not None and not doc.text[named[1] : end].strip():
        # "ФК «Спартак» объявил": a legal form or kind before the quoted name
        return Speaker(named[3].name if named[3] is not None else named[2], "ORG", named[3].id if named[3] is not None else None)
    if len(words) > 1 and doc.text[words[-2].end : words[-1].start] == " " and doc.parse(words[-2].text)[0].tag.POS in ("NOUN", "ADJF", "PREP"):
        return None  # "пресс-служба МВД", "члены ЕС": a genitive of the noun before it
    if word in LOC_ABBREVIATIONS:
        return Speaker(word, "ORG", None, "state")
    return Speaker(word, "ORG", None, "organisation")


def _subject_regions(doc: _Text, start: int, end: int, words: list[_Tok]) -> list[tuple[int, int]]:
    """Where the subject of a speech verb stands in the region before it, in the order to try
    (empty: the whole region as it is).

    A verb coordinated with an earlier one shares its subject ("Президент выразил
    уверенность, что ..., и отметил", "позвонил младший брат и сказал", "пообещал ...,
    однако отметил"): the words before that first verb, then those between it and the
    coordinator (an inverted subject). After ", а" / ", но" / ";" the subject is in the
    verb's own clause ("Организация считает ..., а прокурор признал"), else it is the first
    verb's ("летал в Тбилиси, а недавно заявил").
    """
    text = doc.text
    outside = [t for t in words if t.start >= start and t.end <= end and not doc.in_quote(t.start)]
    if not outside:
        return []
    k = len(outside)
    while k > 0 and outside[k - 1].low in COORDINATORS and not re.search(r"[;:.!?]", text[outside[k - 1].end : end]):
        k -= 1
    first_verb = next((t for t in outside if _is_finite_verb(doc, t)), None)
    shared = [(start, first_verb.start), (first_verb.end, outside[k].start if k < len(outside) else end)] if first_verb is not None and first_verb.start > start else []
    if 0 < k < len(outside) and any(t.low in ("и", "но", "однако", "а") for t in outside[k:]):
        return shared or [(start, end)]
    for i in range(len(outside) - 1, 0, -1):
        t = outside[i]
        if re.search(r":\s", text[outside[i - 1].end : t.start]) and re.match(r"[а-яё]", t.text) and not doc.in_quote(outside[i - 1].end):
            return [(t.start, end)]  # "Дело Политковской: дети убитой журналистки заявляют"
        if t.low in ("а", "но", "однако") and re.search(r"[,;]\s*$", text[outside[i - 1].end : t.start]):
            own = (t.end, end)
            return [own] + [r for r in shared if r[1] <= t.start] if i + 1 < len(outside) else []
        if doc.lemma(t.text) == "который" and t.low not in ("который", "которая", "которое", "которые") and re.search(r",\s*$", text[outside[i - 1].end : t.start]) and "," not in text[t.end : end]:
            # "поклонник, которого певица попросила": the relative clause has its own subject
            return [(t.end, end)] if i + 1 < len(outside) else []
    return []


def _cue_pos(doc: _Text, attr: _Attribution) -> str | None:
    """The part of speech of the cue's first word ("GRND" for "сообщив", "PRTF", "VERB")."""
    words = doc.text[attr.cue_start : attr.cue_end].split()
    return str(doc.parse(words[0])[0].tag.POS) if words and words[0][0].isalpha() else None


def _main_verb_attribution(doc: _Text, attr: _Attribution) -> _Attribution | None:
    """For a cue without a subject of its own, a gerund ("..., сообщив, что") or a request
    noun ("обратился к X с просьбой"), the attribution of the sentence's first finite verb
    before it: its subject is the speaker (None: the cue has a subject of its own)."""
    words = doc.text[attr.cue_start : attr.cue_end].split()
    if not words or not attr.before:
        return None
    gerund = _cue_pos(doc, attr) == "GRND"
    request = words[0].lower() in ("с", "со") and len(words) > 1
    if not (gerund or request):
        return None
    start, end = attr.before
    verbs = [t for t in doc.toks(start, end) if not doc.in_quote(t.start) and _is_finite_verb(doc, t)]
    if not verbs:
        return None
    verb = verbs[-1]  # the gerund's own clause: "..., а Хинштейн назвал его вруном, заявив"
    # after the verb, the subject of "— отметил он, добавив" (a gerund's clause only: after
    # "обратился" stands whom it addressed, "к премьер-министру")
    main = _Attribution(verb.low, verb.start, verb.end, before=(start, verb.start), after=(verb.end, attr.cue_start) if gerund else None)
    main.main_verb = True
    return main


def _noun_subject(doc: _Text, region: tuple[int, int], gender: str | None) -> Speaker | None:
    """The noun right before a finite verb, in the nominative and agreeing with it, whatever
    it names ("В 2016 году епархия обратилась"), with its adjectives: a description."""
    start, end = region
    toks = [t for t in doc.toks(start, end) if not doc.in_quote(t.start)]
    if not toks or re.search(r"[,;:()—–\"«»]", doc.text[toks[-1].end : end]):
        return None
    t = toks[-1]
    want = "plur" if gender == "plur" else "sing" if gender in ("masc", "femn") else None
    if not any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and (want is None or p.tag.number == want) and (want != "sing" or p.tag.gender == gender) for p in doc.parse(t.text)[:3]):
        return None
    j = len(toks) - 1
    while j > 0 and _agreeing(doc, toks[j - 1], t) and doc.text[toks[j - 1].end : toks[j].start] == " ":
        j -= 1
    phrase = doc.text[toks[j].start : t.end]
    return Speaker(_lower_description(doc, t, phrase), "OTHER", None)


def _participle_noun(doc: _Text, attr: _Attribution) -> Speaker | None:
    """The person a participle cue belongs to: the latest person named before the comma that
    opens the participle's clause ("депутат Илья Пономарев, ... и выразивший убеждение")."""
    start, end = attr.before
    for m, e in reversed(_mentions_in(doc, start, end)):
        if e.type == "PER" and re.match(r"\s*,", doc.text[m.end : m.end + 3]) and _nominative_mention(doc, m, e):
            return _speaker_of(e)
    return None


def _verb_cue(doc: _Text, attr: _Attribution) -> bool:
    """Is the cue a speech verb with a subject ("заявил"), not "по словам" or a relaying verb?"""
    word = doc.text[attr.cue_start : attr.cue_end].split()
    if len(word) != 1 or not word[0][0].isalpha():
        return False
    lemma = doc.lemma(word[0])
    if attr.main_verb:
        return True  # "покинул зал, заявив": any finite verb has its subject
    return lemma in SPEECH_LEMMAS | REQUEST_LEMMAS and lemma not in VIA_LEMMAS and doc.parse(word[0])[0].tag.POS == "VERB"


def _possessor(doc: _Text, m: Mention, start: int) -> bool:
    """Does a name stand right after a person noun it may depend on ("помощник Хиллари Клинтон")?"""
    i = doc._index(m.start)
    if i == 0:
        return False
    prev = doc.tokens[i - 1]
    if prev.start < start or doc.text[prev.end : m.start].strip():
        return False
    return any(
        p.tag.POS == "NOUN" and ("anim" in p.tag or p.normal_form.replace("ё", "е") in SPEAKER_NOUNS) for p in doc.parse(prev.text)[:2]
    )


def _inflected(m: Mention, e: Entity) -> bool:
    """Is a person mention written in another form than the base name ("Путина" of "Путин")?"""
    words = _WORD.findall(m.text)
    return bool(words and e.last) and words[-1].lower().replace("ё", "е") != e.last.lower().replace("ё", "е")


def _apposed(doc: _Text, m: Mention, later: list[tuple[Mention, Entity]]) -> bool:
    """Is a name followed at once by another name ("пресс-секретарь Путина Дмитрий Песков")?"""
    return bool(later) and not doc.text[m.end : later[0][0].start].strip()


def _in_participle_clause(doc: _Text, m: Mention, start: int, end: int) -> bool:
    """Is a name the object inside a participle clause ("Врачи, оперировавшие Иванову, говорят")?"""
    text = doc.text
    comma = text.rfind(",", start, m.start)
    if comma < 0 or "," not in text[m.end : end]:
        return False
    return any(
        any(p.tag.POS in ("PRTF", "GRND") for p in doc.parse(t.text)[:1]) for t in doc.toks(comma, m.start)
    )


def _place_subject(doc: _Text, start: int, end: int) -> Speaker | None:
    """A state or city speaking ("Южная Корея заявила", "официальный Киев заявлял"): type ORG.

    The place must be the nominative subject nearest the verb: not after a preposition
    ("в Москве"), with no speaker noun or verb between it and the cue.
    """
    best: tuple[Mention, Entity] | None = None
    for e in doc.article.entities:
        if e.type != "LOC":
            continue
        for m in e.mentions:
            if start <= m.start and m.end <= end and not doc.in_quote(m.start) and (best is None or m.start > best[0].start):
                best = (m, e)
    if best is None:
        return None
    m, e = best
    i = doc._index(m.start)
    prev = doc.tokens[i - 1] if i > 0 and doc.tokens[i - 1].start >= start else None
    first = doc.toks(m.start, m.end)[:1]
    if prev is not None and doc.parse(prev.text)[0].tag.POS == "PREP" or not first:
        return None
    if not any(p.tag.case == "nomn" for p in doc.parse(first[0].text)[:3]) or not _is_subject(doc, m):
        return None
    if any(_speaker_noun(doc, t) or _is_finite_verb(doc, t) for t in doc.toks(m.end, end)):
        return None
    return Speaker(e.name, "ORG", e.id)


def _subject_words(doc: _Text, words: list[_Tok], gender: str | None, end: int) -> list[_Tok]:
    """The subject noun phrase nearest the verb: its adjectives, a nominative speaker noun, the rest."""
    text = doc.text
    want = "plur" if gender == "plur" else "sing" if gender in ("masc", "femn") else None
    if not words or re.search(r"[,;:()—–\"«»]", text[words[-1].end : end]):
        return []  # "В документе, который подписал министр, говорится": not the subject
    for k in range(len(words) - 1, -1, -1):
        t = words[k]
        if k + 1 < len(words) and re.search(r"[,;:()—–\"«»]", text[t.end : words[k + 1].start]):
            return []
        if _is_finite_verb(doc, t):
            return []
        if k > 0 and doc.lemma(words[k - 1].text) in QUANTITY_NOUNS and _has_case(doc, t, "gent") and _speaker_noun(doc, t):
            return words[k - 1 :]  # "толпа болельщиков перекрыла", "группа активистов"
        if not _speaker_noun(doc, t):
            continue
        if not any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and (want is None or p.tag.number == want) for p in doc.parse(t.text)[:3]):
            continue
        if k > 0 and text[words[k - 1].end : t.start] == " " and doc.parse(words[k - 1].text)[0].tag.POS == "NOUN" and _has_case(doc, t, "gent"):
            continue  # "Тело жертвы обнаружили": a genitive after its noun is not the subject
        j = k
        while j > 0 and _is_adj(doc, words[j - 1]) and not text[words[j - 1].end : words[j].start].strip():
            j -= 1
        if j > 1 and words[j - 1].low == "и" and any(p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in doc.parse(words[j - 2].text)[:2]):
            j -= 2  # "Семья и близкие Политковской считают": both nouns
            while j > 0 and _is_adj(doc, words[j - 1]) and not text[words[j - 1].end : words[j].start].strip():
                j -= 1
        return words[j:]
    return []


def _unlisted_name(doc: _Text, words: list[_Tok]) -> Speaker | None:
    """A person's name the NER stage missed: "по мнению ... профессора Ивана Сидорова".

    The last run of two or three capitalised words closing the region (not part of a person
    or place; NER sometimes swallows the name into the organisation before it) whose first word
    pymorphy3 reads as a first name and whose last as a surname, in one agreeing case.
    """
    if "not org" not in doc.memo:
        doc.memo["not org"] = _Intervals((m.start, m.end) for e in doc.article.entities if e.type != "ORG" for m in e.mentions)
    covered = doc.memo["not org"]
    run: list[_Tok] = []
    best: list[_Tok] = []
    for t in words:
        ok = t.text[0].isupper() and t.start not in covered
        if ok and run and doc.text[run[-1].end : t.start] == " ":
            run.append(t)
        elif ok:
            run = [t]
        else:
            run = []
        if 2 <= len(run) <= 3:
            best = list(run)
    if not best or best[-1] is not (words[-1] if words else None):
        return None  # the name closes the apposition ("..., Ивана Сидорова,")
    first = {p.tag.case for p in doc.parse(best[0].text)[:4] if "Name" in p.tag}
    last = {p.tag.case for p in doc.parse(best[-1].text)[:6] if "Surn" in p.tag}
    if not first & last:
        return None
    phrase = doc.text[best[0].start : best[-1].end]
    return Speaker(normalize_mention(phrase, "PER", doc.models), "PER", None)


def _np_speaker(
    doc: _Text, said: _Said, words: list[_Tok], mentions: list[tuple[Mention, Entity]], gender: str | None, cue: _Attribution, end: int = 0
) -> Speaker | None:
    """An organisation mention or a described speaker ("эксперты", "в ведомстве", "источник в X").

    ``words`` are the region's words outside quotation marks; ``end`` is where the region
    ends (a quoted name or a participle clause closing it belongs to the description).
    """
    if not words:
        return None
    end = max(end, words[-1].end)
    i, org_form = _skip_lead(doc, words)
    if org_form and i > 0:
        found = _name_at(doc, words[i - 1].end, end)
        if found is not None and found[3] is not None and found[3].type == "ORG" and (i == len(words) or words[i].start >= found[1] or words[i].start > found[0]):
            return _speaker_of(found[3])  # "В «Лаборатории Касперского» подтвердили"
        place = _place_after(doc, words, i, gender)
        if place is not None:
            return place  # "в Иране считают", "по сообщениям из Сеула"
    rest = words[i:]
    if not rest:
        return None
    rest, org = _past_recipient(doc, said, cue, rest, mentions, org_form)
    if org is not None:
        return org
    head = _head_noun(doc, rest) if rest else None
    if head is None:
        return None
    body = _body_speaker(doc, said, rest[head], cue, gender)
    if body is not None:
        if _dative_only(doc, rest[head]):
            _heard(cue, body.name)  # "рассказал изданию": the outlet heard it, it did not say it
            return None
        return body
    phrase = _noun_phrase(doc, rest, head, end)
    # an entity whose mention covers the phrase head (roles stage: "Глава МИД Казахстана")
    for m, e in _mentions_around(doc, rest[head].start):
        if m.start <= rest[head].start < m.end and not _common_noun_person(doc, (m, e)) and _trusted_role(doc, m, e):
            return _speaker_of(e)
    return _described_speaker(doc, said, rest[head], phrase, org_form, gender, cue)


def _body_speaker(doc: _Text, said: _Said, noun: _Tok, cue: _Attribution, gender: str | None = None) -> Speaker | None:
    """A body named right after its noun ("газета «Коммерсантъ»", "новостной портал «Элаф»",
    "фирма «Космос-Тур»"), or a bare singular outlet noun ("пишет издание") standing for the
    outlet the article named before."""
    named = _named_body(doc, noun, len(doc.text))
    if named is not None and len(_WORD.findall(named.name)) <= MAX_NAME_WORDS:
        return Speaker(named.name, "ORG", named.entity.id if named.entity else None, named.kind)
    if _media_noun(doc, noun) and not _plural_phrase(doc, noun, gender):
        name = _earlier_outlet(doc, said, noun, noun.start)
        if name is not None:
            return Speaker(name, "ORG", None, "outlet")
    return None


def _plural_phrase(doc: _Text, noun: _Tok, gender: str | None) -> bool:
    """Is a noun plural by its verb ("сообщают") or by the adjective before it ("Российские издания")?"""
    if gender == "plur":
        return True
    i = doc._index(noun.start)
    prev = doc.tokens[i - 1] if i > 0 else None
    if prev is None or doc.text[prev.end : noun.start].strip() or not _is_adj(doc, prev):
        return False
    return all(p.tag.number == "plur" for p in doc.parse(prev.text)[:3] if p.tag.POS in ("ADJF", "PRTF"))


def _skip_lead(doc: _Text, words: list[_Tok]) -> tuple[int, bool]:
    """Where a speaker phrase starts, past prepositions ("В пресс-службе X сообщили"),
    connectives, adverbs and a document noun ("в сообщении регулятора говорится"); and
    whether those words make it an organisation's place ("в", "из", "у", a document)."""
    i = 0
    org_form = False
    dates = _date_intervals(doc)
    while i < len(words) and (words[i].low in ("в", "во", "из", "у") or words[i].low in CONNECTIVES or _is_adverb(doc, words[i]) or words[i].start in dates):
        if words[i].start in dates or words[i].low in ("в", "во") and i + 1 < len(words) and words[i + 1].start in dates:
            i += 1  # "подтвердила в понедельник, 4 декабря, его партия": a date, not a place
            continue
        if words[i].low in ("в", "во", "из", "у"):
            org_form = True
        i += 1
    if i < len(words) and doc.lemma(words[i].text) in DOCUMENT_NOUNS:
        i += 1
        org_form = True
    return i, org_form


def _date_intervals(doc: _Text) -> _Intervals:
    """The date mentions of the article, as intervals (memoised)."""
    if "dates" not in doc.memo:
        doc.memo["dates"] = _Intervals((d.start, d.end) for d in doc.article.dates)
    return doc.memo["dates"]


def _place_after(doc: _Text, words: list[_Tok], i: int, gender: str | None) -> Speaker | None:
    """A state or city named right after "в"/"из" with no subject of its own: "в Иране
    считают", "по сообщениям из Сеула" (a plural verb without a subject, or a "по" cue)."""
    if i >= len(words) or words[i - 1].low not in ("в", "во", "из") or gender not in ("plur", None):
        return None
    if "places by start" not in doc.memo:  # the stage's mentions are persons and organisations only
        doc.memo["places by start"] = {m.start: (m, e) for e in doc.article.entities if e.type == "LOC" for m in e.mentions}
    found = doc.memo["places by start"].get(words[i].start)
    if found is None or any(t.start >= found[0].end for t in words[i:]):
        return None
    return Speaker(found[1].name, "ORG", found[1].id, "state")


def _past_recipient(
    doc: _Text, said: _Said, cue: _Attribution, rest: list[_Tok], mentions: list[tuple[Mention, Entity]], org_form: bool
) -> tuple[list[_Tok], Speaker | None]:
    """Skip a dative recipient right after the verb ("рассказал РБК источник", "сказал
    журналистам", "рассказали изданию источники": an outlet there goes to ``via``); an
    organisation mention there that no speaker noun follows is the speaker."""
    for m, e in mentions:
        if m.start <= rest[0].start < m.end and e.type == "ORG":
            after_org = [t for t in rest if t.start >= m.end]
            subject = None if org_form else _nominative_ahead(doc, after_org)
            if subject is not None:
                # "сообщил РИА Новости в четверг представитель мэрии": the outlet heard it
                _heard(cue, e.name)
                rest = after_org[subject:]
                break
            return rest, _speaker_of(e)
    while rest and _case(doc, rest[0]) == "datv" and (_dative_only(doc, rest[0]) or not cue.cue.startswith("по ")) and not org_form and len(rest) > 1:
        if _media_noun(doc, rest[0]):
            body = _body_speaker(doc, said, rest[0], cue)
            _heard(cue, body.name if body is not None else None)
            named = _named_body(doc, rest[0], len(doc.text))
            if named is not None:  # "сообщил журналу People представитель": past the name too
                rest = [t for t in rest if t.start >= named.end] or rest[1:2]
                continue
        rest = rest[1:]
    return rest, None


def _nominative_ahead(doc: _Text, toks: list[_Tok]) -> int | None:
    """Index of the nominative speaker noun (with its adjectives) that follows a recipient in
    the same clause ("... в четверг представитель мэрии"), or None."""
    for k, t in enumerate(toks[:6]):
        if k and re.search(r"[,;:.!?()—–]", doc.text[toks[k - 1].end : t.start]) or _is_finite_verb(doc, t):
            return None
        if _speaker_noun(doc, t) and _case(doc, t) == "nomn":
            j = k
            while j > 0 and _is_adj(doc, toks[j - 1]) and _case(doc, toks[j - 1]) == "nomn":
                j -= 1
            return j
    return None


def _dative_only(doc: _Text, tok: _Tok) -> bool:
    """Is a noun written in the dative and no other case ("изданию", "агентству")?"""
    cases = {p.tag.case for p in doc.parse(tok.text)[:3] if p.tag.POS == "NOUN"}
    return cases == {"datv"}


def _head_noun(doc: _Text, rest: list[_Tok]) -> int | None:
    """Index of the speaker noun heading the phrase, after at most three adjectives (and
    after "один из": "один из советников губернатора" is headed by "советников")."""
    skip = 2 if len(rest) > 2 and rest[0].low in ONE_OF and rest[1].low == "из" else 0
    if len(rest) > 1 and _possessive_of_noun(doc, rest[0]):
        skip = 1  # "его адвокат", "ее крестница": the noun is the head
    if len(rest) > 1 and doc.lemma(rest[0].text) in QUANTITY_NOUNS and _speaker_noun(doc, rest[1]) and _has_case(doc, rest[1], "gent"):
        skip = 1  # "ряд СМИ", "часть экспертов": the group is the head
    for k, t in enumerate(rest[skip : skip + 4], skip):
        if t.low in NON_SPEAKER_WORDS:
            return None
        if _speaker_noun(doc, t) or doc.lemma(t.text) in BODY_NOUNS and _named_body(doc, t, len(doc.text)) is not None:
            if k > skip and not _agreeing(doc, rest[k - 1], t) and _has_case(doc, rest[k - 1], "nomn"):
                return k - 1  # "знакомые артиста": the adjective is the noun, the noun its genitive
            return k  # a body noun with its name: "фирма «Космолёт»"
        if not _is_adj(doc, t):
            return None
    return None


def _noun_phrase(doc: _Text, rest: list[_Tok], head: int, end: int) -> list[_Tok]:
    """The description: adjectives, the head, then genitive words, names (a quoted name
    whole: "секретарь президиума «Единой партии»", "источник в «Северной железной дороге»")
    and "в"/"по" phrases; then an adjective clause after a comma that closes the region and
    says what the source is close to ("источник, близкий к ФСБ"). A participle clause of
    what someone did is not part of it ("посол Финляндии, посетивший стройку")."""
    phrase = rest[_modifiers_start(doc, rest, head) : head + 1]
    lemma = doc.lemma(rest[head].text)
    toks = doc.toks(rest[head].end, end)
    k = 0
    while k < len(toks):
        t = toks[k]
        gap = doc.text[phrase[-1].end : t.start].strip()
        if gap not in PHRASE_GAPS:
            break
        if doc.in_quote(t.start) and not doc.in_quote(phrase[-1].start):
            close = _quoted_name(doc, t.start)
            if close is None or not (t.text[0].isupper() or phrase[-1].low in ("в", "из")):
                break  # a statement in quotation marks, not a name
            inside = [x for x in toks[k:] if x.end <= close]
            phrase.extend(inside)
            k += len(inside)
            continue
        if t.low == "и" and k + 1 < len(toks) and _coordinated(doc, rest[head], toks[k + 1]):
            phrase.extend(toks[k : k + 2])  # "семья и близкие Политковской": both nouns
            k += 2
            continue
        if not _extends_phrase(doc, phrase, t, lemma):
            break
        phrase.append(t)
        k += 1
    return phrase + _closing_clause(doc, rest[head], phrase[-1].end, end)


def _coordinated(doc: _Text, head: _Tok, t: _Tok) -> bool:
    """Is a speaker noun after "и" in the head's case ("семья и близкие", "врачи и родственники")?"""
    cases = {p.tag.case for p in doc.parse(head.text)[:3] if p.tag.POS == "NOUN"}
    return _speaker_noun(doc, t) and any(p.tag.POS == "NOUN" and p.tag.case in cases for p in doc.parse(t.text)[:3])


def _closing_clause(doc: _Text, head: _Tok, pos: int, end: int) -> list[_Tok]:
    """", близкий к ФСБ", ", знакомый с ситуацией": a clause after a comma opened by a full
    adjective (not a participle, not a pronoun) agreeing with the head in number, running to
    the region's end, is how the writer names an unnamed source."""
    text = doc.text
    if not re.match(r",\s", text[pos : pos + 2]):
        return []
    toks = doc.toks(pos, end)
    if not toks or re.search(r"[^\s«»\"]", text[toks[-1].end : end].strip(" ,.")):
        return []
    if any(re.search(r"[,;:()—–.!?]", text[a.end : b.start]) for a, b in zip(toks, toks[1:])):
        return []
    number = {p.tag.number for p in doc.parse(head.text)[:3] if p.tag.POS == "NOUN"}
    first = doc.parse(toks[0].text)[0]
    if first.tag.POS != "ADJF" or "Apro" in first.tag or first.tag.number not in number or any(_is_finite_verb(doc, t) for t in toks):
        return []
    return toks


def _modifiers_start(doc: _Text, rest: list[_Tok], head: int) -> int:
    """Where a description starts: the adjectives right before its head that agree with it
    ("Позднее неназванный представитель": "позднее" is an adverb here, not the head's), or
    the start of "один из ..." and "его адвокат"."""
    if head >= 2 and rest[0].low in ONE_OF and rest[1].low == "из" or head >= 1 and _possessive_of_noun(doc, rest[0]):
        return 0
    if head == 1 and doc.lemma(rest[0].text) in QUANTITY_NOUNS:
        return 0  # "ряд СМИ"
    k = head
    while k > 0 and _agreeing(doc, rest[k - 1], rest[head]):
        k -= 1
    return k


def _agreeing(doc: _Text, adj: _Tok, noun: _Tok) -> bool:
    """Can an adjective agree with the noun after it (some pair of readings)?"""
    nouns = [p for p in doc.parse(noun.text)[:4] if p.tag.POS == "NOUN"]
    return any(_agrees(a, n) for a in doc.parse(adj.text) if a.tag.POS in ("ADJF", "PRTF") for n in nouns)


def _agrees(adj, noun) -> bool:
    """Do an adjective reading and a noun reading agree in case, number and (singular) gender?"""
    if adj.tag.case != noun.tag.case or adj.tag.number != noun.tag.number:
        return False
    return noun.tag.number == "plur" or adj.tag.gender == noun.tag.gender or noun.tag.gender is None


def _quoted_name(doc: _Text, pos: int) -> int | None:
    """Where the quoted name holding ``pos`` closes (its closing mark), or None when ``pos`` is
    in a quotation of more than ``MAX_NAME_WORDS`` words (a statement, not a name)."""
    for span in reversed(doc.spans):  # by opening mark: the innermost holding pos comes first
        if span.open < pos and (span.close is None or pos < span.close):
            if span.close is None or len(_WORD.findall(doc.text[span.open : span.close])) > MAX_NAME_WORDS:
                return None
            return span.close
    return None


def _extends_phrase(doc: _Text, phrase: list[_Tok], t: _Tok, lemma: str) -> bool:
    """Does the word after a description (head lemma ``lemma``) belong to it?"""
    if t.low in ("со", "с", "на", "о", "об", "за", "для", "при", "после", "от", "до") and not t.text[0].isupper():
        return False  # "СМИ со ссылкой на": a preposition is read as an abbreviation in the genitive
    if lemma in ("источник", "представитель", "собеседник", "сотрудник") and t.low in ("в", "из"):
        return True
    nxt = doc.tokens[doc._index(t.end)] if doc._index(t.end) < len(doc.tokens) else None
    if t.low in ("в", "во") and lemma in ORG_SPEAKER_NOUNS and nxt is not None and nxt.text[0].isupper():
        return True  # "представительство банка в Душанбе"
    if t.low == "по" and doc.lemma(phrase[-1].text) in ORG_SPEAKER_NOUNS:
        return True  # "департамент по чрезвычайным ситуациям"
    if phrase[-1].low == "по" or (_case(doc, t) == "datv" and any(x.low == "по" for x in phrase)):
        return True
    if phrase[-1].low in ("в", "из") or _has_case(doc, t, "gent") or t.text[0].isupper() and t.low not in PRONOUNS:
        return not _is_finite_verb(doc, t)
    return False


def _described_speaker(doc: _Text, said: _Said, head: _Tok, phrase: list[_Tok], org_form: bool, gender: str | None, cue: _Attribution) -> Speaker:
    """The speaker a description names: the person holding that role, the person it refers
    back to ("— отметил эксперт" after "По мнению X"), else the description itself."""
    p_start, p_end = phrase[0].start, phrase[-1].end
    text = doc.text
    desc = _balanced(text[p_start:p_end], text[p_end : p_end + 1])
    outlet = _outlet_in_phrase(doc, phrase, head)
    lemma = doc.lemma(head.text)
    if outlet is not None and (lemma in SOURCE_NOUNS or org_form):
        # "источник «Интерфакса» в правительстве", "в мэрии «Ъ» сообщили": the outlet heard
        # it, the source (named by the whole description, as written) speaks; "президент ABC
        # News" speaks for himself
        _heard(cue, outlet[2])
    k = next((i for i, t in enumerate(phrase) if t.start > head.start and t.low in MEDIA_GROUP_NOUNS), None)
    if outlet is None and k is not None and lemma in SOURCE_NOUNS:
        j = k
        while j > 0 and phrase[j - 1].start > head.start and _is_adj(doc, phrase[j - 1]):
            j -= 1
        _heard(cue, _nominative(doc, doc.text[phrase[j].start : phrase[k].end]))  # "по данным источников российских СМИ"
    normal = _description_name(doc, desc, phrase, head, org_form, cue)
    if gender is None and any(p.tag.POS == "NOUN" and p.tag.gender == "femn" and "anim" in p.tag for p in doc.parse(head.text)[:1]):
        gender = "femn"  # "27-летняя женщина утверждает": a woman, whatever the verb's tense
    kind = "ORG" if org_form or lemma in ORG_SPEAKER_NOUNS else "OTHER"
    # "неназванный представитель", "его адвокат": somebody without a name, or somebody's
    # relation, is never a named person of the article
    unnamed = any(t.low in POSSESSIVES or doc.lemma(t.text) in ANONYMOUS_WORDS for t in phrase)
    if outlet is not None and lemma in SOURCE_NOUNS:
        unnamed = True  # "собеседник «Коммерсанта»": the outlet's source, unnamed by design
    media = next((t for t in phrase if t.start > head.start and _media_noun(doc, t)), None)
    if outlet is None and media is not None and lemma in SOURCE_NOUNS:
        _heard(cue, _earlier_outlet(doc, said, media, media.start))  # "собеседник агентства": that agency
    outlets_person = (outlet is not None or media is not None) and lemma not in SOURCE_NOUNS
    inside = [(m, e) for m, e in _mentions_in(doc, head.end, p_end) if e.type == "PER"]
    singular = any(p.tag.number == "sing" and p.tag.case == "nomn" for p in doc.parse(head.text)[:3] if p.tag.POS == "NOUN")
    closing = inside[-1] if inside and inside[-1][0].end >= p_end and inside[-1][0].kind == "name" else None
    person_head = any(p.tag.POS == "NOUN" and "anim" in p.tag for p in doc.parse(head.text)[:2])  # not "штаб Клинтон"
    if closing is not None and singular and person_head and _nominative_mention(doc, *closing) and not _relation_of(doc, *closing):
        return _speaker_of(inside[-1][1])  # "младший брат Пётр", "менеджер певицы Анна Орлова": the name closing it speaks
    if not unnamed:
        # "дочь актрисы" is the one introduced as "дочь погибшей Татьяна" (not the actress)
        person = _person_by_role(doc, normal, gender, cue.cue_start)
        if person is not None:
            return _speaker_of(person)
    if kind == "OTHER" and cue.stmt_start >= 0 and lemma not in ANONYMOUS_HEADS and not unnamed and not inside and not outlets_person:
        # ("журналист газеты Yukon Sun": an outlet's person is nobody the article talks about)
        # ("адвокат Насира", "дядя Шварца": somebody's relation refers back to nobody)
        # a definite description refers back like a pronoun: "— отметил эксперт" after "По мнению X"
        hp = doc.parse(head.text)[0]
        if "anim" in hp.tag and hp.tag.number == "sing":
            bare = phrase[-1] is head  # "актриса", "опытный тренер": no tail of its own
            antecedent = _described_antecedent(doc, said, lemma, min(cue.stmt_start, cue.cue_start, p_start), gender, _countries(doc, desc), bare)
            if antecedent is not None:
                return antecedent
    return Speaker(_lower_description(doc, head, normal), kind, None)


def _balanced(desc: str, nxt: str) -> str:
    """A description with its quotation marks paired: the closing mark after it taken in
    ("президиума «Единой партии»"), a dangling opening mark dropped."""
    opened = sum(desc.count(c) for c in DOUBLE_OPENING if c != '"') - sum(desc.count(c) for c in DOUBLE_CLOSING if c != '"')
    straight = desc.count('"') % 2
    if (opened > 0 or straight) and nxt and nxt in DOUBLE_CLOSING:
        return desc + nxt
    if desc and desc[-1] in DOUBLE_OPENING:
        return desc[:-1].rstrip()
    return desc


def _description_name(doc: _Text, desc: str, phrase: list[_Tok], head: _Tok, org_form: bool, cue: _Attribution) -> str:
    """A description in the nominative, its words as written.

    A head that stands in the nominative (the subject: "Критики считают", "власти Венесуэлы
    объявили") keeps every word and its number; after "по словам", "в" or a document noun
    the head and its adjectives are put in the nominative ("собеседников «Ъ»" -> "собеседники
    «Ъ»"); "одного из советников" -> "один из советников".
    """
    first = phrase[0]
    if first.low in ONE_OF and len(phrase) > 2 and phrase[1].low == "из":
        gender = next((p.tag.gender for p in doc.parse(head.text)[:3] if p.tag.POS == "NOUN" and p.tag.gender), "masc")
        one = {"femn": "одна", "neut": "одно"}.get(str(gender), "один")
        return one + desc[len(first.text) :]
    oblique = org_form or cue.cue.startswith(("по ", "согласно")) or _after_preposition(doc, first)
    if not oblique and any(p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in doc.parse(head.text)[:4]):
        return desc
    return _nominative(doc, desc)


def _after_preposition(doc: _Text, tok: _Tok) -> bool:
    """Does a preposition stand right before the token ("на источник", "у экспертов")?"""
    i = doc._index(tok.start)
    return i > 0 and doc.parse(doc.tokens[i - 1].text)[0].tag.POS == "PREP" and not doc.text[doc.tokens[i - 1].end : tok.start].strip()


def _lower_description(doc: _Text, head: _Tok, normal: str) -> str:
    """A description written first in its sentence, in lower case unless its first word is a
    name or an abbreviation ("Местные СМИ" -> "местные СМИ", "МИД Франции" stays)."""
    words = normal.split()
    if not words or not words[0][0].isupper() or words[0].isupper():
        return normal
    tag = doc.parse(words[0])[0].tag
    if any(x in tag for x in ("Abbr", "Orgn", "Geox", "Name", "Surn")):
        return normal
    return normal[0].lower() + normal[1:]


def _pronoun(doc: _Text, said: _Said, tok: _Tok, pos: int, cue: _Attribution | None = None) -> Speaker | None:
    """The antecedent of "он"/"она"/"его"/"ее"/"они": the latest compatible speaker or person."""
    want = PRONOUNS.get(tok.low)
    if want in ("masc", "femn"):
        body = _body_antecedent(doc, said, tok.start, want)
        if body is not None:
            return body
        return _antecedent(doc, said, tok.start, want) or _described_subject(doc, said, tok.start, want) or _person_noun_before(doc, tok.start, want)
    # "По словам собеседников «Ъ», ... По их словам": the last speaker, a group, in this or
    # the previous paragraph, unless a plural person noun stands after its statement
    # ("Жители ... Они говорят", "Правоцентристы стали обвинять ... Они обещают")
    last = _last_speaker(doc, said, tok.start, "plur")
    if last is not None and last[0] < _window_start(doc, tok.start):
        last = None
    toks = [t for t in doc.toks(max(0, tok.start - 200), tok.start)]
    for t in reversed(toks):
        if last is not None and t.start < last[1]:
            break
        p = doc.parse(t.text)[0]
        if p.tag.POS == "NOUN" and p.tag.number == "plur" and "anim" in p.tag and p.tag.case == "nomn" and not doc.in_quote(t.start):
            if last is not None and t.low == last[2].name.split()[0].lower():
                break  # "полагают собеседники издания. По их словам": that speaker itself
            return Speaker(t.low, "OTHER", None)
    if last is not None:
        return last[2]
    # "со ссылкой на неназванных представителей администрации. По их словам": a plural
    # person noun in any case, with its description
    described = _plural_described(doc, said, toks)
    if described is not None:
        if cue is not None and cue.via is None:
            cue.via = _relay_before(doc, described[1])  # "передает X со ссылкой на источники. По их словам"
        return described[0]
    for s in reversed(said.speakers):
        if s.type in ("OTHER", "ORG"):
            return s
    return None


def _body_antecedent(doc: _Text, said: _Said, pos: int, gender: str) -> Speaker | None:
    """"Об этом пишет газета «Коммерсант». По ее данным, ...": the pronoun is the body that
    spoke last, when its noun has the pronoun's gender and no person was named since."""
    if not said.spoken:
        return None
    st, en, sp = said.spoken[-1]
    if sp.type != "ORG" or st < _window_start(doc, pos):
        return None
    if any(e.type == "PER" and en <= m.start < pos for m, e in _mentions_from(doc, en, pos)):
        return None
    nouns = [lemma for at, lemma, name, _e in _named_outlets(doc) if name == sp.name and at < pos]
    words = _WORD.findall(sp.name)
    nouns += [words[0].lower()] if words and not words[0][0].isupper() else []  # "пресс-служба МИД"
    genders = {str(p.tag.gender) for n in nouns for p in doc.parse(n)[:1] if p.tag.POS == "NOUN"}
    return sp if genders == {gender} else None


def _person_noun_before(doc: _Text, pos: int, gender: str) -> Speaker | None:
    """Nobody named fits: the latest person noun of the pronoun's gender in the sentence
    before, in any case ("он отправил жене 33 сообщения. Она ответила": the wife)."""
    sentence = _sentence_start(doc, max(0, pos - 1), _window_start(doc, pos))
    before = _sentence_start(doc, max(0, sentence - 2), _window_start(doc, pos)) if sentence > 0 else sentence
    for t in reversed(doc.toks(before, pos)):
        if doc.in_quote(t.start) or len(t.text) < 3 or not t.text.islower():
            continue
        p = next((x for x in doc.parse(t.text)[:2] if x.tag.POS == "NOUN" and "anim" in x.tag and x.tag.number == "sing"), None)
        if p is not None and p.tag.gender == gender and not {"Name", "Surn", "Patr"} & set(p.tag.grammemes):
            lemma = p.normal_form
            return Speaker(lemma, "OTHER", None)
    return None


def _plural_described(doc: _Text, said: _Said, toks: list[_Tok]) -> tuple[Speaker, int] | None:
    """The latest plural animate noun (any case) of the words before a plural pronoun, as a
    description in the nominative with its adjectives and genitive tail; and where it starts."""
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        if doc.in_quote(t.start) or not any(p.tag.POS == "NOUN" and p.tag.number == "plur" and "anim" in p.tag for p in doc.parse(t.text)[:1]):
            continue
        j = k
        while j > 0 and _is_adj(doc, toks[j - 1]) and doc.text[toks[j - 1].end : toks[j].start] == " ":
            j -= 1
        end = _sentence_end(doc, t.end, len(doc.text))
        probe = _Attribution("", t.start, t.start)
        found = _np_speaker(doc, said, [x for x in toks[j:] if x.end <= end], _mentions_in(doc, toks[j].start, end), "plur", probe, end)
        return (found, toks[j].start) if found is not None else None
    return None


def _described_subject(doc: _Text, said: _Said, pos: int, gender: str) -> Speaker | None:
    """"Представитель министерства сообщил ... Позднее он заявил": an unnamed described subject.

    Used when no person is around: the latest sentence of this or the previous paragraph
    that opens with a singular speaker noun of the pronoun's gender (after adjectives) gives
    the description.
    """
    lo = _window_start(doc, pos)
    ends = _ends_between(doc, lo, pos)
    if ends is None:
        ends = [m.end() for m in _SENT_END.finditer(doc.text, lo, pos) if not doc.in_quote(m.start()) and _real_end(doc.text, m.start())]
    starts = [lo] + ends
    block_starts = _block_starts(doc)
    starts += block_starts[bisect_right(block_starts, lo) : bisect_left(block_starts, pos)]  # lo < b < pos
    for st in sorted(set(starts), reverse=True):
        if st >= pos:
            continue
        toks = _first_tokens_outside_quotes(doc, st, pos, 8)
        k = 0
        while k < len(toks) and _is_adj(doc, toks[k]):
            k += 1
        if k >= len(toks) or k > 3 or not _speaker_noun(doc, toks[k]):
            continue
        if not any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number == "sing" and p.tag.gender == gender for p in doc.parse(toks[k].text)[:2]):
            continue
        verb = next((i for i, t in enumerate(toks) if _is_finite_verb(doc, t)), len(toks))
        probe = _Attribution("", pos, pos)
        sp = _np_speaker(doc, said, toks[:verb], _mentions_in(doc, st, toks[verb - 1].end if verb else st), gender, probe)
        if sp is not None:
            return sp
    return None


def _nominative_mention(doc: _Text, m: Mention, e: Entity) -> bool:
    """Is a person mention in the nominative: its surname as in the base name ("Петрова" of
    Игорь Петров is a genitive), else readable in the nominative?"""
    words = _WORD.findall(m.text)
    if not words:
        return False
    fold = lambda w: w.lower().replace("ё", "е")  # noqa: E731
    if fold(words[-1]) in {fold(x) for x in (e.first, e.middle, e.last) if x}:
        return True  # written as in the base name: "Пётр", "Теру"
    if e.last and " " in e.name.strip():
        return False  # "Петрова" of Игорь Петров: another case
    return _is_subject(doc, m)


def _clause_subject(doc: _Text, m: Mention, pos: int) -> bool:
    """Is a nominative name the subject of a clause of its own, a verb next to it with no
    punctuation between ("Андрей Соколов провел совещание", "инициатором стал Заза
    Саралидзе"), not a name listed or in apposition ("носят имена — Алёша и Соня, она
    отмечала")?"""
    punct = r"[,;:.!?()—–«»\"]|\s-\s"
    for t in doc.toks(m.end, pos)[:8]:
        if re.search(punct, doc.text[m.end : t.start]):
            break
        if _is_finite_verb(doc, t) or doc.parse(t.text)[0].tag.POS in ("ADJS", "PRTS"):
            return True  # "Олег Данилов с оценками ведомства не согласен"
    i = doc._index(m.start)
    for t in reversed(doc.tokens[max(0, i - 10) : i]):
        if re.search(punct, doc.text[t.end : m.start]):
            return False
        if _is_finite_verb(doc, t):
            return True
    return False


def _is_subject(doc: _Text, m: Mention) -> bool:
    """Can a person mention be a subject (its last word readable in the nominative)?"""
    words = _WORD.findall(m.text)
    return bool(words) and any(p.tag.case == "nomn" for p in doc.parse(words[-1])[:4])


def _last_speaker(doc: _Text, said: _Said, pos: int, gender: str | None) -> tuple[int, int, Speaker] | None:
    """The latest person who made a statement before ``pos``, agreeing with the gender
    ("plur": a group): a named person, or an unnamed one described by a noun of that gender
    and number ("— сказал пресс-секретарь губернатора. По его словам, ...")."""
    for st, en, sp in reversed(said.spoken):
        if st >= pos:
            continue
        if sp.type == "PER" and gender != "plur" and _gender_fits(doc, sp, gender):
            return st, en, sp
        if sp.type == "OTHER" and _description_gender(doc, sp.name) == gender:
            return st, en, sp
    return None


def _description_gender(doc: _Text, name: str) -> str | None:
    """The gender ("masc", "femn") or "plur" of a description's head noun ("пресс-секретарь
    губернатора": masc; "его отец": masc; "собеседники «Ъ»": plur)."""
    for w in _WORD.findall(name)[:4]:
        parses = [p for p in doc.parse(w)[:3] if p.tag.POS == "NOUN"]
        if not parses:
            continue
        p = next((x for x in parses if x.tag.case == "nomn"), parses[0])
        if p.tag.number == "plur":
            return "plur"
        return str(p.tag.gender) if p.tag.gender in ("masc", "femn") else None
    return None


def _antecedent(doc: _Text, said: _Said, pos: int, gender: str) -> Speaker | None:
    """Who "он"/"она" at ``pos`` is: the last speaker, unless a newer person subject came after.

    Names inside quotation marks are never candidates ("«Вопрос Фархада решен», — сказал он"
    is not Фархад's word). The last statement's speaker wins over mentions written after it
    that are not subjects ("... встретился с Ивановым. «...», — сказал он").
    """
    # The latest fitting mention, and the latest fitting subject, before pos. Which mentions
    # fit does not depend on pos: listed once per gender, then found by bisection (every
    # pronoun scanned every mention before it: quadratic).
    key = ("antecedents", gender, len(doc.mentions))
    if key not in doc.memo:
        fit, subjects = [], []
        for m, e in doc.mentions:
            if e.type != "PER" or doc.in_quote(m.start) or _common_noun_person(doc, (m, e)) or not _gender_fits(doc, e, gender) or not _trusted_role(doc, m, e) or _gloss(doc, m):
                continue
            fit.append((m, e))
            if _is_subject(doc, m) or _nominative_mention(doc, m, e) and _clause_subject(doc, m, m.end + 200):
                subjects.append((m, e))  # readable as a nominative, or written as its base name by a verb ("тренер Патрик Муратоглу")
        doc.memo[key] = (fit, [m.start for m, _ in fit], subjects, [m.start for m, _ in subjects])
    fit, fit_starts, subjects, subject_starts = doc.memo[key]
    i, j = bisect_left(fit_starts, pos), bisect_left(subject_starts, pos)
    anyone = fit[i - 1] if i else None
    subject = subjects[j - 1] if j else None
    last = _last_speaker(doc, said, pos, gender)
    if last is not None and last[0] >= _window_start(doc, pos):
        st, en, sp = last
        stmt_end = _sentence_end(doc, en, len(doc.text))
        if subject is not None and subject[0].start > stmt_end and subject[1].id != sp.entity and _clause_subject(doc, subject[0], pos):
            return _speaker_of(subject[1])
        return sp
    if subject is not None:
        return _speaker_of(subject[1])
    if anyone is not None:
        return _speaker_of(anyone[1])
    return last[2] if last is not None else None


def _phrase_speaker(doc: _Text, said: _Said, attr: _Attribution, gender: str | None) -> Speaker | None:
    """The speaker of a headline: a mention inside the phrase, else the person holding the role."""
    region = attr.after if attr.cue in ("-",) else attr.before
    if region is None:
        return None
    start, end = region
    mentions = _mentions_in(doc, start, end)
    pers = [me for me in mentions if me[1].type == "PER"]
    if pers:
        return _speaker_of(pers[-1][1])
    desc = doc.text[start:end].strip()
    normal = _nominative(doc, desc)
    person = _person_by_role(doc, normal, gender, len(doc.text))
    if person is not None:
        return _speaker_of(person)
    # a surname alone in a headline ("Беридзе: ...") that matches a person of the body
    words = _WORD.findall(desc)
    if len(words) == 1 and words[0][0].isupper():
        for e in doc.article.entities:
            if e.type == "PER" and e.last and e.last.lower() == words[0].lower():
                return _speaker_of(e)
    if mentions:
        return _speaker_of(mentions[0][1])
    words_t = doc.toks(start, end)
    if words_t:
        sp = _np_speaker(doc, said, words_t, mentions, gender, attr, end)
        if sp is not None:
            return sp
    return Speaker(normal, "OTHER", None) if normal else None
