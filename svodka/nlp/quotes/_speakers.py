"""Pass 3: the speaker of an attribution: a mention, a pronoun, a name NER missed, a description.

Every speaker says what it is (``Speaker.kind``: person, organisation, outlet, state, group).
The subject is read where Russian news writes it: before the verb (in the verb's own clause;
a coordinated verb shares the first one's subject), after it (past a dative recipient, a date,
a participle's dependents), after "по словам"; outlets and bodies named with their noun or in
Latin letters speak; groups keep their words as written ("власти Венесуэлы", "источник «Ъ» в
правительстве"); pronouns and descriptions refer back to the nearest compatible speaker or
person, never to somebody's relation ("адвокат Насира") nor to an unnamed one ("неназванный
представитель"). The outlet that heard the words goes to ``via`` (``_outlets``).

This module resolves an attribution (``_resolve``): the headline's speaker, a source cited
"со ссылкой на", the subject of the finite verb a gerund depends on, the speaker's kind and
the outlet of the interview. The rest lives by concern, each importing only those before it:
``_grammar`` (agreement, the case of a name), ``_descriptions`` (speaker noun phrases),
``_antecedents`` (pronouns), ``_subjects`` (the subject of the verb in a region).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ...model import Entity, Mention, Quote, Speaker
from .._lexicon import CLUB_FORMS, DOUBLE_CLOSING, DOUBLE_OPENING, LEGAL_FORMS, PERSON_PREPOSITION_CASES
from .._speech import CITING, RELAY_FORMS, DOCUMENT_AUTHORS, DOCUMENT_NOUNS, DOCUMENT_PRONOUNS, DOCUMENT_VERBS, PUBLISHING_LEMMAS, EARLIER_OCCASION_WORDS, MEDIA_NOUNS, MEDIA_VERBS, ORG_SPEAKER_NOUNS, SELF_SPEAKING_DOCUMENTS, SPEECH_LEMMAS
from ._outlets import _attribution_sentence, _cut_via, _earlier_outlet, _outlet_name, _outlet_noun, _relative_relay_in, _heard, _heard_by, _is_outlet, _network_beside, _outlet_after, _relay_opening, _relayed_in_next
from ._persons import _person_by_role
from ._text import (
    _surnames,
    _Attribution,
    _Said,
    _Text,
    _Tok,
    _WORD,
    _block_starts,
    _has_case,
    _in_short_quote,
    _is_finite_verb,
    _mentions_from,
    _negated,
    _mentions_in,
    _nominative,
    _sentence_end,
    _sentence_start,
    _speaker_of,
    _window_start,
    speaker_key,
)
from ._grammar import _agreeing, _nominative_mention
from ._descriptions import SOURCE_NOUNS, _lower_description, _np_speaker
from ._subjects import IMPERSONAL_CUES, _scan_region
from ._antecedents import _plural_described


def _resolve(doc: _Text, said: _Said, attr: _Attribution, pos: int, stmt_end: int | None = None) -> None:
    """Fill ``attr.speaker`` and ``attr.via`` (for the statement at ``pos``..``stmt_end``)."""
    gender = _cue_gender(doc, attr)
    attr.stmt_start = pos
    if attr.before:
        attr.before = _past_narrator(doc, attr.before)
    after = attr.after
    # a relaying outlet after the speaker: "..., передает X", "со ссылкой на Y"
    cited = bool(after) and re.match(rf"\s*{CITING}\b", doc.text[after[0] : after[1]]) is not None
    if after:
        after = _cut_via(doc, attr, after)
    if attr.before and not attr.via:
        # "Кравцов, слова которого приводит агентство Bloomberg, заявил": the relay's clause
        # names the via, not the subject
        relay = _relative_relay_in(doc, attr.before)
        if relay is not None:
            attr.via, attr.before = relay[1], (attr.before[0], relay[0])
    speaker = None
    if attr.headline is not None:
        speaker = _phrase_speaker(doc, said, attr, gender)
    if speaker is None:
        source = _cited_source(doc, said, attr, after, cited, gender)
        if source is not None:
            speaker, attr.via, attr.heard = source[0], source[1], True
    if attr.before and stmt_end is not None and attr.before[0] <= pos < attr.before[1] and stmt_end <= attr.before[1]:
        # "Об отставке министра сообщил X", "О своей беременности Уильямс объявила": the
        # о-phrase before the verb is the statement, the subject stands after it
        attr.before = (stmt_end, attr.before[1])
    subject_before = False
    if speaker is None and attr.before:
        speaker = _subject_before_cue(doc, said, attr, gender)
        subject_before = speaker is not None
    if speaker is None and said.speakers and _and_only_before(doc, attr, after):
        speaker = said.speakers[-1]  # "X сказал, что A. «B», — и добавил, что «C»"
    if speaker is None and after:
        speaker = _scan_region(doc, said, after, gender, reverse=False, cue=attr)
    if speaker is None:
        speaker = _speaker_going_on(doc, said, attr)
    if speaker is None:
        speaker = _document_speaker(doc, said, attr)
    if speaker is None and gender == "plur" and _cue_pos(doc, attr) == "VERB" and attr.cue not in IMPERSONAL_CUES:
        speaker = _plural_agent_before(doc, said, attr)
    speaker = _whole_body(doc, _fuller_person(doc, _named_by_example(doc, attr, speaker)))
    if speaker is not None and attr.via is None and attr.cue in RELAY_FORMS:
        source = _relayed_source(doc, said, attr, speaker)
        if source is not None:
            attr.via, attr.relay, speaker = speaker.name, True, source
    _find_via(doc, said, attr, speaker, subject_before)
    if speaker is not None and speaker.kind is None:
        speaker.kind = _speaker_kind(doc, attr, speaker)
    attr.speaker = speaker


# "такие организации, как X и Y": the description announces the names after "как".
_SUCH_AS = re.compile(r"\bтак(?:ие|ой|ая|ое)\s+[^,.;:!?]{2,80}?,\s*как\s+", re.IGNORECASE)


def _past_narrator(doc: _Text, region: tuple[int, int]) -> tuple[int, int]:
    """A region without the narrator's own opener ("Напомним, в МВД заявили", "Отметим, что
    министр сказал"): any verb in the first person plural opening the region, with its comma
    or «что» after it, is the writer's, no clause of the speaker's ("Мы заявили" keeps its
    subject: no comma, no «что»)."""
    toks = doc.toks(*region)[:2]
    if not toks or not any(p.tag.POS == "VERB" and p.tag.person == "1per" and p.tag.number == "plur" for p in doc.parse(toks[0].text)[:2]):
        return region
    gap = doc.text[toks[0].end : toks[1].start if len(toks) > 1 else region[1]]
    if "," in gap:
        return (toks[0].end + gap.index(",") + 1, region[1])
    if len(toks) > 1 and toks[1].low == "что" and not gap.strip():
        return (toks[1].end, region[1])
    return region


def _relayed_source(doc: _Text, said: _Said, attr: _Attribution, outlet: Speaker) -> Speaker | None:
    """"Пресс-служба МВД сообщила, что S1. S2, передает РИА Новости.": a named outlet's relay
    with no source of its own goes on with the speaker of a statement in the sentence right
    before it in the paragraph (not a question, not someone's the outlet relayed with its own
    source); None otherwise (the outlet's own report), and for the narrator's background
    ("Напомним, S, передает ТАСС")."""
    if outlet.kind != "outlet" and not _is_outlet(doc, outlet.name):
        return None
    s_start, s_end = _attribution_sentence(doc, attr)
    before = _sentences_before(doc, attr.cue_start, 1, across=False)
    if not before or re.search(CITING, doc.text[s_start:s_end]) or _past_narrator(doc, (s_start, attr.cue_start))[0] != s_start:
        return None
    prev = before[0][0]
    if doc.text[prev:s_start].rstrip().endswith("?"):
        return None
    source = next((sp for start, _end, sp in reversed(said.spoken) if prev <= start < s_start), None)
    if source is None or source.kind == "outlet" or source.name.lower() == outlet.name.lower():
        return None
    return source


def _named_by_example(doc: _Text, attr: _Attribution, speaker: Speaker | None) -> Speaker | None:
    """"Такие международные организации, как «Human Rights Watch» и «Комитет по защите
    журналистов», выразили протест": the speakers are the bodies named after "как" (the first
    of them), not the description that announces them."""
    if speaker is None or not speaker.name.lower().startswith(("такие ", "такой ", "такая ", "такое ")):
        return speaker
    for region in (attr.before, attr.after):
        if region is None:
            continue
        m = _SUCH_AS.search(doc.text, *region)
        if m is None:
            continue
        named = [(mm, e) for mm, e in _mentions_in(doc, m.end(), region[1]) if e.type in ("ORG", "PER")]
        if named:
            return _speaker_of(named[0][1])
        q = re.match(r"[«\"„]([^«»\"“”]{2,60})[»\"“”]", doc.text[m.end() : region[1]])
        if q:
            return Speaker(q.group(1), "ORG", None)
    return speaker


def _cited_source(
    doc: _Text, said: _Said, attr: _Attribution, after: tuple[int, int] | None, cited: bool, gender: str | None
) -> tuple[Speaker, str] | None:
    """A source cited "со ссылкой на" and the outlet before the verb that relays it: (the
    speaker, the ``via``), or None."""
    if not attr.before:
        return None
    if not cited:
        # "СМИ со ссылкой на данные агентства Fitch сообщили": the same before the verb
        link = re.search(rf"\b{CITING}\b", doc.text[attr.before[0] : attr.before[1]])
        if link is None:
            return None
        split = attr.before[0] + link.start()
        source = _scan_region(doc, said, (attr.before[0] + link.end(), attr.before[1]), gender, reverse=False, cue=attr)
        relay = _scan_region(doc, said, (attr.before[0], split), gender, reverse=True, cue=attr) if source is not None else None
        if source is not None and relay is not None and relay.type in ("ORG", "OTHER"):
            return source, relay.name
        return None
    # "газета «Известия» сообщала со ссылкой на неназванные источники, что": the
    # sources speak, the outlet before the verb relays them
    source = _scan_region(doc, said, after, gender, reverse=False, cue=attr)
    relay = _scan_region(doc, said, attr.before, gender, reverse=True, cue=attr) if source is not None else None
    if source is not None and relay is not None and relay.type == "ORG":
        return source, relay.name
    return None


def _subject_before_cue(doc: _Text, said: _Said, attr: _Attribution, gender: str | None) -> Speaker | None:
    """The speaker written before the cue: the subject of the finite verb a gerund or a request
    depends on, the person a participle belongs to, else the subject in the region before it."""
    speaker = None
    main = _main_verb_attribution(doc, attr)
    if main is not None:
        # "извинился перед Рэппом, сообщив, что", "обратился к X с просьбой": the subject of
        # the finite verb the cue depends on (never a person it addresses: "к премьеру X")
        main_gender = _cue_gender(doc, main)
        # "S, сообщило агентство X, добавив, что": a verb right after the words it reported has
        # its subject after it, the clause before is those words
        inverted = bool(main.after) and any(
            main.before[0] <= start and end <= main.cue_start and not doc.text[end : main.cue_start].strip(" ,—–" + DOUBLE_CLOSING)
            for start, end in said.spans[-2:]
        )
        if not inverted:
            speaker = _scan_region(doc, said, main.before, main_gender, reverse=True, cue=main)
        if speaker is None and main.after:
            speaker = _scan_region(doc, said, main.after, main_gender, reverse=False, cue=main)
        if speaker is None and main.after is None:
            speaker = _noun_subject(doc, main.before, main_gender)  # "епархия обратилась с просьбой"
    elif _cue_pos(doc, attr) == "PRTF":
        speaker = _participle_noun(doc, attr)  # "Илья Пономарев, ..., выразивший убеждение, что"
    if speaker is None and main is None:
        speaker = _scan_region(doc, said, attr.before, gender, reverse=True, cue=attr)
    return speaker


def _speaker_going_on(doc: _Text, said: _Said, attr: _Attribution) -> Speaker | None:
    """A cue without a speaker of its own goes on with an earlier one: "..., говорится в
    пресс-релизе" the body whose document spoke last, else the last speaker; "Там" and the
    like (``attr.backref``) the last speaker."""
    speaker = None
    if said.speakers and attr.cue in IMPERSONAL_CUES:
        if _names_document(doc, attr):
            # the author the narrator named with the document, else the body whose document spoke last
            noun = _document_noun(doc, attr)
            speaker = _document_author(doc, doc.lemma(noun.text), attr.cue_start) if noun is not None else None
            speaker = speaker or (said.documents[-1] if said.documents else said.speakers[-1])
        else:
            speaker = said.speakers[-1]
    if speaker is None and attr.backref and said.speakers:
        speaker = said.speakers[-1]
    return speaker


def _and_only_before(doc: _Text, attr: _Attribution, after: tuple[int, int] | None) -> bool:
    """Is the cue a verb joined by "и" to what was said before, with no subject of its own
    before or after it ("«B», — и добавил, что «C»": the last speaker goes on)?"""
    if not attr.before or _cue_pos(doc, attr) != "VERB":
        return False
    words = [t for t in doc.toks(*attr.before) if not doc.in_quote(t.start)]
    if len(words) != 1 or words[0].low != "и":
        return False
    return not after or all(t.low == "что" for t in doc.toks(*after) if not doc.in_quote(t.start))


def _find_via(doc: _Text, said: _Said, attr: _Attribution, speaker: Speaker | None, subject_before: bool) -> None:
    """Set ``attr.via``: the outlet the speaker spoke to, in this sentence, the next one, or
    earlier in the same interview; never the speaker itself."""
    if attr.via is None and attr.cue not in ("-", ":"):
        _heard(attr, _heard_by(doc, attr, said, subject_before))
    if attr.via is None and attr.cue not in ("-", ":"):
        attr.via = _network_beside(doc, attr)  # "сообщил в Инстаграме": hosted, not an interview
    if attr.via is None and attr.cue not in ("-", ":"):
        # "Янукович сообщил о разводе. Об этом он рассказал изданию Der Spiegel."
        _heard(attr, _heard_in_next(doc, attr, said, speaker))
    if attr.via is None and speaker is not None:
        attr.via = _relay_opening(doc, attr)  # "Как передает агентство X, министр заявил, что"
    if attr.via is None and speaker is not None and attr.cue not in ("-", ":"):
        attr.via = _relayed_in_next(doc, attr)  # "..., заявил X журналистам. Об этом сообщает ТАСС."
    if attr.via is not None and speaker is not None and attr.via.lower() == speaker.name.lower():
        attr.via = None  # "Как отмечает Би-би-си": the outlet speaks, it relays nobody
    if attr.via is None and speaker is not None and speaker.kind != "outlet" and not _outlet_speaker(doc, speaker) and not _earlier_occasion(doc, attr):
        # "сказал Петров «Интерфаксу». Он отметил, что ...": the interview goes on (not into
        # "Ранее он заявлял, что ...": said on another occasion)
        _heard(attr, said.vias.get(speaker_key(_source_named_before(doc, said, speaker))))
        if attr.via is None and speaker.type == "PER" and speaker.entity:
            _heard(attr, _interview_told(doc, said, attr, speaker))
    if attr.via is None and speaker is not None and speaker.kind != "outlet":
        _heard(attr, _outlet_of_speaker(doc, said, attr))


def _source_named_before(doc: _Text, said: _Said, speaker: Speaker) -> Speaker:
    """A bare source noun refers back to the source of that noun quoted last ("со ссылкой на
    источник в администрации. ... По данным источника, ...": the same source, heard through
    the same outlet); any other speaker is itself."""
    if speaker.entity or " " in speaker.name or doc.lemma(speaker.name) not in SOURCE_NOUNS:
        return speaker
    lemma = doc.lemma(speaker.name)
    # the nearest source of that noun, whatever its description ("источник, близкий к семье",
    # "другой источник"): an earlier one is another source
    earlier = next((sp for sp in reversed(said.speakers) if sp is not speaker and not sp.entity and lemma in _head_lemmas(doc, sp.name)), None)
    return earlier if earlier is not None and _WORD.findall(earlier.name.lower())[:1] == [lemma] else speaker


def _head_lemmas(doc: _Text, name: str) -> set[str]:
    """The lemmas of a description's first two words ("другой источник": "другой", "источник")."""
    return {doc.lemma(w) for w in _WORD.findall(name)[:2]}


def _outlet_of_speaker(doc: _Text, said: _Said, attr: _Attribution) -> str | None:
    """The outlet a speaker talked to or works for, written with the speaker next to the cue:
    "сказал собеседник агентства" (the agency named earlier), "сообщает обозреватель Yahoo
    Дмитрий Чесноков", "по словам источника «Коммерсанта»": the words reached the reader
    through that outlet (``via``)."""
    for region in (attr.after, attr.before):
        if region is None:
            continue
        near = (region[0], min(region[1], region[0] + 80)) if region is attr.after else (max(region[0], region[1] - 80), region[1])
        for m in _OUTLET_PERSON.finditer(doc.text, *near):
            toks = doc.toks(m.start("outlet"), m.end("outlet"))
            if not toks or doc.in_quote(m.start()):
                continue
            if _outlet_noun(doc, toks[0]) and len(toks) == 1:
                return _earlier_outlet(doc, said, toks[0], attr.cue_start)  # "собеседник агентства": the one named before
            if not _outlet_noun(doc, toks[0]) and not toks[0].text[0].isupper() and doc.text[m.start("outlet")] not in DOUBLE_OPENING + '"':
                continue
            return _outlet_name(doc, m.start("outlet"), m.end("outlet"))
    return None


# A person of an outlet and the outlet after them: "собеседник агентства", "обозреватель
# Yahoo", "источник «Коммерсанта»", "корреспондент телеканала «112 Украина»".
_OUTLET_PERSON = re.compile(
    r"\b(?i:собеседни|источни|корреспондент|обозревател|колумнист|журналист|редактор)\w*\s+"
    r"(?P<outlet>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*|[«\"][^«»\"]{2,40}[»\"]|[а-яё]+(?:\s+[«\"][^«»\"]{2,40}[»\"])?)"
)


# Words after which a sentence with no statement names the outlet a person gave an
# interview or answers to ("дал интервью газете X", "ответил на вопросы журналистов радио X").
INTERVIEW_OPENERS = frozenset({"интервью", "журналистов", "корреспондентов", "корреспондента"})


def _interview_told(doc: _Text, said: _Said, attr: _Attribution, speaker: Speaker) -> str | None:
    """"Петров дал интервью газете X. Он заявил, что ...": the outlet of an interview the
    speaker was told of giving, in this or the previous paragraph before the statement (the
    person named before the word in that sentence)."""
    lo = _window_start(doc, attr.cue_start)
    for t in reversed(doc.toks(lo, attr.cue_start)):
        if t.low not in INTERVIEW_OPENERS or doc.in_quote(t.start) or not _interview_given(doc, t):
            continue
        s_start = _sentence_start(doc, t.start, lo)
        s_end = _sentence_end(doc, t.end, len(doc.text))
        if not any(e.id == speaker.entity for _m, e in _mentions_in(doc, s_start, t.start)):
            continue
        toks = [x for x in doc.toks(t.end, s_end) if not doc.in_quote(x.start) or _in_short_quote(doc, x.start)]
        found = _outlet_after(doc, said, toks[:4], s_end, t.low == "интервью")
        if found is not None:
            return found
    return None


def _interview_given(doc: _Text, t: _Tok) -> bool:
    """Does the opener ``t`` tell of an interview given ("дал интервью", "в интервью", "ответил
    на вопросы журналистов"), not one refused or journalists met otherwise ("отказался дать
    интервью", "не дал интервью", "подал в суд на журналистов", "выгнал журналистов")?"""
    i = doc._index(t.start)
    prev = doc.tokens[i - 1] if i > 0 else None
    if prev is None or doc.text[prev.end : t.start].strip():
        return False
    if t.low != "интервью":
        return doc.lemma(prev.text) == "вопрос"  # "на вопросы журналистов"
    return prev.low in ("в", "во") or _is_finite_verb(doc, prev) and not _negated(doc, prev)


def _earlier_occasion(doc: _Text, attr: _Attribution) -> bool:
    """Does the cue's sentence open with a word of an earlier occasion ("Ранее", "Накануне")?"""
    start, _end = _attribution_sentence(doc, attr)
    first = doc.toks(start, attr.cue_start)[:1]
    return bool(first) and first[0].low in EARLIER_OCCASION_WORDS


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


def _document_speaker(doc: _Text, said: _Said, attr: _Attribution) -> Speaker | None:
    """A document whose author the sentence does not name speaks for the body whose
    document spoke last, else as itself ("Документ предлагает исключить ...", "В докладе
    говорится, что ...": "документ", "доклад"; kind organisation)."""
    noun = _document_noun(doc, attr)
    if noun is None:
        return None
    lemma = doc.lemma(noun.text)
    author = _document_author(doc, lemma, attr.cue_start)
    if author is not None:
        return author
    if said.documents:
        return said.documents[-1]
    if lemma in DOCUMENT_AUTHORS:
        return Speaker(DOCUMENT_AUTHORS[lemma], "ORG", None, "organisation")  # "В приговоре отмечается": the court
    return Speaker(lemma, "ORG", None, "organisation") if lemma in SELF_SPEAKING_DOCUMENTS else None


def _document_noun(doc: _Text, attr: _Attribution) -> _Tok | None:
    """The document the attribution names without its owner ("В докладе говорится", "В нём
    сказано": the document named before), or None ("В сообщении НАТО говорилось": the owner,
    missed, is no document)."""
    regions = [r for r in (attr.before, attr.after) if r]
    noun = next((t for r in regions for t in doc.toks(*r) if not doc.in_quote(t.start) and doc.lemma(t.text) in DOCUMENT_NOUNS), None)
    if noun is None:
        return _document_of_pronoun(doc, attr)
    return None if _owner_after(doc, noun) else noun


def _document_of_pronoun(doc: _Text, attr: _Attribution) -> _Tok | None:
    """The document a pronoun before the cue stands for ("МИД опубликовал комментарий. В нём
    сказано, что ..."): the last document noun of the sentence before, in the same paragraph,
    of the pronoun's gender and number ("в ней": "записка", never "письмо")."""
    if not attr.before:
        return None
    words = [t for t in doc.toks(*attr.before) if not doc.in_quote(t.start)]
    pronoun = next((b for a, b in zip(words, words[1:]) if a.low in ("в", "во") and b.low in DOCUMENT_PRONOUNS), None)
    before = _sentences_before(doc, attr.cue_start, 1, across=False) if pronoun is not None else []
    if not before:
        return None
    noun = next((t for t in reversed(doc.toks(*before[0])) if not doc.in_quote(t.start) and doc.lemma(t.text) in DOCUMENT_NOUNS), None)
    return noun if noun is not None and _pronoun_fits(doc, pronoun, noun) else None


def _pronoun_fits(doc: _Text, pronoun: _Tok, noun: _Tok) -> bool:
    """Do "нём" (masculine, neuter), "ней" (feminine) or "них" (plural) fit a noun?"""
    tags = [p.tag for p in doc.parse(noun.text)[:3] if p.tag.POS == "NOUN"]
    if pronoun.low == "них":
        return any(t.number == "plur" for t in tags)
    genders = ("femn",) if pronoun.low == "ней" else ("masc", "neut")
    return any(t.number == "sing" and t.gender in genders for t in tags)


# How many sentences back a document's author may be named.
DOCUMENT_AUTHOR_SENTENCES = 3

def _document_author(doc: _Text, lemma: str, pos: int) -> Speaker | None:
    """The author of a document the narrator named a few sentences before (in this paragraph
    or the one before), in the latest sentence that names it: its owner named right after it
    ("заявление ФСБ"), else the subject of a verb that makes it public ("МИД России опубликовал
    комментарий") or of the verb its noun comes from ("поздравил президент Владимир Путин" ->
    "В поздравлении говорится"), a person or a body named in the nominative."""
    verb = DOCUMENT_VERBS.get(lemma)
    for s, e in _sentences_before(doc, pos, DOCUMENT_AUTHOR_SENTENCES):
        toks = [t for t in doc.toks(s, e) if not doc.in_quote(t.start)]
        noun = next((t for t in toks if doc.lemma(t.text) == lemma), None)
        said = verb is not None and any(doc.lemma(t.text) == verb for t in toks)
        if noun is None and not said:
            continue
        if noun is not None and _owner_after(doc, noun):
            owner = next(iter(_mentions_from(doc, doc.tokens[doc._index(noun.start) + 1].start, noun.end + 2)), None)
            return _speaker_of(owner[1]) if owner is not None and owner[1].type in ("PER", "ORG") else None
        if not said and not any(doc.lemma(t.text) in PUBLISHING_LEMMAS and _is_finite_verb(doc, t) for t in toks):
            return None
        for m, ent in _mentions_in(doc, s, e):
            if ent.type in ("PER", "ORG") and not doc.in_quote(m.start) and _named_as_subject(doc, m, ent):
                return _speaker_of(ent)
        return None
    return None


def _sentences_before(doc: _Text, pos: int, count: int, across: bool = True) -> list[tuple[int, int]]:
    """The ``count`` sentences before the one holding ``pos``, latest first, in its paragraph
    and (``across``) the one before (walked back one by one: a long paragraph is not split whole)."""
    starts = _block_starts(doc)
    b = max(0, bisect_right(starts, pos) - 1)
    first = b - 1 if across else b
    out: list[tuple[int, int]] = []
    end = _sentence_start(doc, pos, starts[b])
    while len(out) < count and b >= 0:
        if end <= starts[b]:
            b -= 1
            if b < max(first, 0):
                break
            end = doc.blocks[b][1]
            continue
        s = _sentence_start(doc, end - 1, starts[b])
        out.append((s, end))
        end = s
    return out


def _named_as_subject(doc: _Text, m: Mention, ent: Entity) -> bool:
    """Can a mention be its sentence's subject: not after a preposition, in the nominative (a
    body by its first word: "МИД России", "Совет Федерации"), not a noun's genitive
    ("Сотрудники ФСБ"; "Пресс-служба МВД" is the body's own voice)?"""
    i = doc._index(m.start)
    prev = doc.tokens[i - 1] if i > 0 and not doc.text[doc.tokens[i - 1].end : m.start].strip() else None
    if prev is not None and (prev.low in PERSON_PREPOSITION_CASES or prev.low in ("в", "во", "на", "по", "за")):
        return False
    if ent.type == "PER":
        return _nominative_mention(doc, m, ent)
    if prev is not None and doc.lemma(prev.text) not in ORG_SPEAKER_NOUNS and any(p.tag.POS == "NOUN" for p in doc.parse(prev.text)[:1]):
        return False
    first = _WORD.findall(m.text)[:1]
    return bool(first) and (first[0].isupper() and len(first[0]) > 1 or _has_case(doc, _Tok(m.start, m.start + len(first[0]), first[0], first[0].lower()), "nomn"))


def _owner_after(doc: _Text, noun: _Tok) -> bool:
    """Is a document noun followed by its owner: a name, a quoted name, a genitive ("сообщение
    Белого дома", "телеграм-канал «Опер слил»", "обращение родных погибшего")?"""
    i = doc._index(noun.start)
    nxt = doc.tokens[i + 1] if i + 1 < len(doc.tokens) else None
    if nxt is None or doc.text[noun.end : nxt.start].strip(" " + DOUBLE_OPENING):
        return False  # a comma, a full stop: nothing of its own after it
    if nxt.text[0].isupper() or doc.text[noun.end : nxt.start].strip():
        return True
    return any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF", "PRTF") for p in doc.parse(nxt.text)[:2])


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
    if e.name.lower() in LEGAL_FORMS | CLUB_FORMS:
        return _with_quoted_name(doc, speaker, e)
    last = _WORD.findall(e.name)[-1:]
    if not last or len(_WORD.findall(e.name)) < 2 or not _has_case(doc, _Tok(0, 0, last[0], last[0].lower()), "gent"):
        return speaker
    for m in e.mentions:
        for m2, e2 in _mentions_from(doc, m.end + 1, m.end + 1):
            if e2.type == "PER" and m2.start == m.end + 1 and doc.text[m.end] == " " and not _nominative_mention(doc, m2, e2):
                return Speaker(f"{speaker.name} {m2.text}", speaker.type, speaker.entity, speaker.kind)
    return speaker


def _with_quoted_name(doc: _Text, speaker: Speaker, e: Entity) -> Speaker:
    """A body NER named by its kind alone ("ФК", "ОАО") is named with the quoted name written
    right after one of its mentions ("ФК «Спартак»")."""
    for m in e.mentions:
        q = re.match(rf" ?[{DOUBLE_OPENING}][^{DOUBLE_CLOSING}\n]{{1,60}}[{DOUBLE_CLOSING}]", doc.text[m.end : m.end + 64])
        if q is not None:
            return Speaker(f"{m.text}{q.group()}", speaker.type, speaker.entity, speaker.kind)
    return speaker


def _fuller_person(doc: _Text, speaker: Speaker | None) -> Speaker | None:
    """A one-word person speaker ("Мамедов" of a headline) -> the person with that surname and
    a first name, also under the original spelling given with it ("Bonet" of "Хосе Луис Бонет
    (Josep Lluís Bonet)"). A body in Latin letters stays a body ("Boeing заявил", "Ford")."""
    if speaker is None or " " in speaker.name or speaker.type not in ("PER", "OTHER"):
        return speaker
    word = speaker.name.lower().replace("ё", "е")
    for e in doc.article.entities:
        if e.type == "PER" and " " in e.name and word in _surnames(doc, e):
            return Speaker(e.name, "PER", e.id)
    return speaker


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


# How many paragraphs after the headline the lead that repeats its statement may be.
LEAD_PARAGRAPHS = 2


def _headline_from_lead(doc: _Text, quotes: list[Quote]) -> None:
    """"Россиянин, обвиняемый в хакерской атаке, заявил о своей невиновности" / "29-летний
    москвич Дмитрий Смилянец заявил о своей невиновности": a headline's statement whose
    speaker is only described (or none) is the lead's when the lead repeats it with a named
    person, the same speech verb and the same words."""
    titles = [(b[0], b[1]) for b in doc.blocks if b[2] == "title"]
    if not titles:
        return
    t_start, t_end = titles[0]
    body = [b for b in doc.blocks if b[0] >= t_end and b[2] != "title"][:LEAD_PARAGRAPHS + 1]
    lead_end = body[-1][1] if body else t_end
    for q in quotes:
        if not t_start <= q.start < t_end or q.speaker is not None and (q.speaker.type != "OTHER" or q.speaker.entity):
            continue
        words = {w.lower() for w in _WORD.findall(q.text)}
        lemma = _first_lemma(doc, q.cue)
        for r in quotes:
            if r.start < t_end or r.start >= lead_end or r.speaker is None or r.speaker.type != "PER" or _first_lemma(doc, r.cue) != lemma:
                continue
            if lemma and len(words & {w.lower() for w in _WORD.findall(r.text)}) * 2 >= len(words):
                q.speaker = r.speaker
                break


def _first_lemma(doc: _Text, cue: str | None) -> str:
    """The lemma of a cue's first word ("" for none or a mark)."""
    words = (cue or "").split()
    return doc.lemma(words[0]) if words and words[0][0].isalpha() else ""


def _plural_agent_before(doc: _Text, said: _Said, attr: _Attribution) -> Speaker | None:
    """"Его допросили агенты Секретной службы. Ему сообщили, что ...": a plural speech verb
    with no subject of its own speaks for the plural persons the sentence before names in the
    nominative (with their description), in the same paragraph. Only when the verb tells
    them speaking to one person, a singular pronoun in the dative right before it ("Ему
    сообщили"): "Им сообщили" speaks to those persons, and "Позже сообщили, что ..." alone is
    an impersonal report of nobody named."""
    s_start, _s_end = _attribution_sentence(doc, attr)
    i = doc._index(attr.cue_start)
    prev = doc.tokens[i - 1] if i > 0 else None
    if prev is None or prev.start < s_start or not any(p.tag.POS == "NPRO" and p.tag.case == "datv" and p.tag.number == "sing" for p in doc.parse(prev.text)[:1]):
        return None
    b = max(0, bisect_right(_block_starts(doc), s_start) - 1)
    b_start = doc.blocks[b][0]
    if s_start <= b_start:
        return None
    prev = _sentence_start(doc, max(b_start, s_start - 2), b_start)
    toks = [t for t in doc.toks(prev, s_start) if not doc.in_quote(t.start)]
    k = next(
        (k for k in range(len(toks) - 1, -1, -1) if any(p.tag.POS == "NOUN" and p.tag.number == "plur" and "anim" in p.tag and p.tag.case == "nomn" for p in doc.parse(toks[k].text)[:1])),
        None,
    )
    if k is None:
        return None
    end = next((j for j in range(k + 1, len(toks)) if doc.text[toks[j - 1].end : toks[j].start].strip()), len(toks))
    found = _plural_described(doc, said, toks[: end])
    return found[0] if found is not None else None
