"""Roles of persons: titles by apposition, and descriptions that stand for a person.

``extract_roles`` runs after NER and name normalisation and does two things:

1. **Roles by apposition.** A role phrase written next to a person's name becomes one of the
   person's ``Entity.roles``, in base form:

   - before the name: "министр иностранных дел Казахстана Кайрат Абдрахманов", "по словам
     главы Минфина Антона Силуанова" (-> "глава Минфина");
   - after the name and a comma or bracket: "Кайрат Абдрахманов, министр иностранных дел
     Казахстана, ...".

   A role phrase is a head noun naming a position (a lexicon, widened next to a name by
   suffixes of animate nouns: -лог, -тель, -ник, -ист, ...), agreeing adjectives before it
   ("официальный представитель", "генеральный директор"; "бывший" stays out), then a tail in
   the genitive: nouns, adjectives, ORG/LOC mentions, "и" coordinations, a quoted name, and
   (next to a name) a prepositional part ("посол России в США", "председатель комитета по
   культуре"). The head must agree in case with the name. The base form puts the head and
   its adjectives in the nominative singular with pymorphy3 and keeps the tail as written.

2. **Role mentions.** A description without a name ("Глава МИД Казахстана отметил",
   "По мнению министра") that matches a role of exactly one person of the article becomes a
   ``Mention(kind="role")`` of that person, spanning the description only. Matching knows
   that "министр иностранных дел X" = "глава МИД X" = "руководитель дипведомства X" (a small
   canonicaliser of ministries and of head-of nouns); a bare head ("министра") matches
   persons holding a role with that head noun. When several persons match, the one mentioned
   earlier in the same paragraph wins if he alone is; otherwise no mention is added.

No syntax parser: a word tokeniser, pymorphy3 parses (cached per call) and the entity
mentions of the earlier stages.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from collections.abc import Callable
from typing import Any

from ..model import Article, Entity, Mention
from ._lexicon import CLOSE_ONLY_MARKS, COUNTRY_ALIASES, EITHER_MARKS, OPEN_ONLY_MARKS, is_position
from .models import Models

__all__ = ["extract_roles", "role_head", "role_key", "roles_match", "RoleKey"]

# Suffixes of animate nouns that usually name an occupation ("политолог", "руководитель",
# "сотрудник", "активист", "президент", "директор"). Used only next to a person's name, where a
# false head costs little; a description without a name needs POSITION_NOUNS.
POSITION_SUFFIXES = ("лог", "тель", "ник", "ист", "ент", "ант", "ор", "ер", "арь", "ач", "вед")

# Animate nouns with those suffixes that name no position: relations, crowds, stances.
NOT_POSITIONS = frozenset(
    """
    житель зритель читатель слушатель родитель победитель обладатель получатель
    участник сторонник противник родственник собеседник соотечественник современник союзник
    наследник заложник пленник путник спутник ровесник сверстник соплеменник
    клиент пациент оппонент конкурент студент абитуриент претендент
    турист террорист экстремист пассажир партнёр партнер пенсионер ветеран
    человек господин товарищ друг брат сестра сын дочь отец мать муж жена
    соперник преемник предшественник поклонник любитель почитатель возмутитель свидетель
    нарушитель похититель грабитель соратник единомышленник напарник избиратель потребитель
    пользователь покупатель посетитель налогоплательщик заявитель отправитель
    """.split()
)

# Military and religious ranks: written between a title and a name ("представитель армии
# полковник Петров"), they start an apposition of their own and never continue a tail.
RANK_NOUNS = frozenset(
    """
    генерал генерал-майор генерал-лейтенант генерал-полковник полковник подполковник майор
    лейтенант маршал адмирал сержант шейх
    """.split()
)

# Head nouns that mean "the head of" an organisation: with a ministry in the tail they are
# interchangeable ("министр иностранных дел" = "глава МИД" = "руководитель дипведомства").
HEAD_OF_NOUNS = frozenset({"глава", "руководитель", "министр", "начальник", "шеф"})

# Ministries and the words (lemmas, or lower-case abbreviations as written) that name them at
# the start of a role's tail. Keys are canonical sectors.
MINISTRIES: dict[str, tuple[tuple[str, ...], ...]] = {
    "foreign": (("иностранный", "дело"), ("мид",), ("мида",), ("дипведомство",), ("внешнеполитический", "ведомство"), ("дипломатия",), ("внешнеполитический", "служба")),
    "finance": (("финансы",), ("минфин",), ("финансовый", "ведомство")),
    "defence": (("оборона",), ("минобороны",), ("военный", "ведомство"), ("оборонный", "ведомство")),
    "interior": (("внутренний", "дело"), ("мвд",), ("силовой", "ведомство")),
    "justice": (("юстиция",), ("минюст",)),
    "health": (("здравоохранение",), ("минздрав",), ("минздравсоцразвитие",), ("минздравсоцразвития",)),
    "education": (("образование",), ("минобрнауки",), ("минобразование",), ("минобразования",), ("просвещение",), ("минпросвещения",)),
    "economy": (("экономический", "развитие"), ("экономика",), ("минэкономразвитие",), ("минэкономразвития",)),
    "energy": (("энергетика",), ("минэнерго",)),
    "emergency": (("мчс",), ("чрезвычайный", "ситуация")),
    "culture": (("культура",), ("минкультуры",), ("минкульт",)),
    "agriculture": (("сельский", "хозяйство"), ("минсельхоз",)),
    "transport": (("транспорт",), ("минтранс",)),
    "labour": (("труд",), ("минтруд",)),
    "industry": (("промышленность",), ("минпромторг",)),
    "environment": (("природный", "ресурс"), ("минприроды",), ("экология",)),
    "communications": (("связь",), ("минкомсвязь",), ("минкомсвязи",), ("минцифры",)),
    "sport": (("спорт",), ("минспорт",)),
    # Not ministries, but headed the same way: "глава правительства" = "премьер-министр",
    # "глава государства" = "президент" (HEADS_OF_SECTOR below).
    "government": (("правительство",), ("кабмин",), ("кабинет", "министр")),
    "state": (("государство",),),
}

# Head nouns that by themselves head a sector: "премьер-министр Израиля" = "глава правительства Израиля".
HEADS_OF_SECTOR = {"премьер-министр": "government", "премьер": "government", "президент": "state"}

# Nouns that name "some ministry or agency" without saying which: "глава ведомства".
GENERIC_ORG_NOUNS = frozenset({"ведомство", "министерство"})

# Words before a head that say the role is past: kept out of the role.
FORMER_WORDS = frozenset({"бывший", "экс", "прежний"})

# Possessives before a description: "его заместитель" is someone else's deputy, not a mention.
POSSESSIVES = frozenset({"его", "её", "ее", "их", "свой", "наш", "ваш", "мой", "твой"})

# Prepositions allowed in a tail and the cases of what follows them: "посол России в США",
# "министр по делам молодёжи". Only "по" is allowed in a description without a name (it
# forms ministry names); "в/на/при" there would swallow the sentence's circumstances.
TAIL_PREPOSITIONS = {"в": {"loct", "loc2"}, "во": {"loct", "loc2"}, "на": {"loct", "loc2"}, "при": {"loct"}, "по": {"datv"}, "от": {"gent", "gen2"}}
DESCRIPTION_PREPOSITIONS = {"по": {"datv"}}

# Longest tail in words: longer genitive chains are lists, not titles.
MAX_TAIL_TOKENS = 12

# Most role phrases chained by commas before one name ("лидер партии, депутат Петров").
MAX_CHAINED_ROLES = 2

# Most adjectives taken before a head ("первый заместитель", "чрезвычайный и полномочный").
MAX_ADJECTIVES = 3

# Quote marks: opening, closing, and the ambiguous ones that toggle (from the one table).
OPEN_QUOTES = OPEN_ONLY_MARKS
CLOSE_QUOTES = CLOSE_ONLY_MARKS
TOGGLE_QUOTES = EITHER_MARKS

# Parts of speech that end a tail even when a rarer parse of the word is a genitive noun.
STOP_POS = frozenset({"VERB", "INFN", "PREP", "CONJ", "PRCL", "NPRO", "ADVB", "GRND", "PRED", "INTJ", "ADJS", "PRTS", "COMP"})

# Parts of speech that may stand in a genitive tail.
TAIL_POS = frozenset({"NOUN", "ADJF", "PRTF", "NUMR"})

# pymorphy3 grammemes of proper names of persons: a capitalised such word ends a tail.
PERSON_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})

# Case variants pymorphy3 reports, folded to the six main cases.
CASE_FOLD = {"gen1": "gent", "gen2": "gent", "loc1": "loct", "loc2": "loct", "acc2": "accs", "voct": "nomn"}

# Words: letters/digits with inner hyphens ("премьер-министр", "Жана-Марка").
_WORD = re.compile(r"\w+(?:[-‐‑]\w+)*")

# Gap between a name and a role that follows it: a comma, an opening bracket or a dash
# ("Светлана Яковлева - директор фонда").
_AFTER_NAME_GAP = re.compile(r"\s*(?:[,(]|\s[-–—])\s*")

# A name in Latin script in brackets after a Russian one: "(Scott Horowitz)".
_ORIGINAL_NAME = re.compile(r"\s*\([A-Za-z][A-Za-z .'-]{0,60}\)")

# Verbs (lemmas) that link a name to a role in the instrumental: "Петров стал министром
# финансов", "является депутатом", "назначен послом".
COPULAS = frozenset({"являться", "стать", "становиться", "быть", "назначить", "назначать", "избрать", "избирать", "работать", "служить", "остаться", "оставаться", "утвердить", "переизбрать"})

# Short words allowed between a name and its copula ("Петров уже стал", "также является").
COPULA_FILLERS = frozenset({"уже", "также", "тоже", "теперь", "ранее", "прежде", "сейчас", "ныне", "официально", "был", "была", "будет", "вновь", "снова"})


def _fold(case: str | None) -> str | None:
    """One of the six main cases for a pymorphy3 case grammeme."""
    return CASE_FOLD.get(case, case) if case else None


@dataclass
class _Token:
    """A word of the text: its offsets and surface."""

    start: int
    end: int
    text: str


@dataclass
class _Phrase:
    """A role phrase found in the text: token indexes and the chosen head parse."""

    first: int  # first token (an adjective or the head)
    head: int
    last: int  # last token of the tail (the head when there is no tail)
    head_parse: Any
    adjective_parses: list[Any]
    stop: int  # first token after the phrase not taken by the tail scan
    former: bool = False  # "бывший", "экс-"


class _Analysis:
    """Tokens of a text with cached pymorphy3 parses and the entity mentions over each token."""

    def __init__(self, text: str, parse: Callable[[str], list[Any]], entities: list[Entity] | None = None):
        self.text = text
        self.parse = parse  # models.parse: the process's one morphology cache
        self.tokens = [_Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        # Per token: "PER" when inside a person's mention, "ORG"/"LOC" inside those, else None.
        self.owner: list[str | None] = [None] * len(self.tokens)
        # Per token: (start, end) of the ORG/LOC mention it lies in, to take it whole.
        self.span_end: list[int] = [-1] * len(self.tokens)
        starts = [t.start for t in self.tokens]
        for entity in entities or []:
            for mention in entity.mentions:
                for i in self._covered(starts, mention.start, mention.end):
                    if entity.type == "PER":
                        self.owner[i] = "PER"
                    elif self.owner[i] != "PER":
                        self.owner[i] = entity.type
                        self.span_end[i] = max(self.span_end[i], mention.end)

    def _covered(self, starts: list[int], start: int, end: int) -> list[int]:
        """Indexes of tokens overlapping [start, end)."""
        i = max(0, bisect.bisect_right(starts, start) - 1)
        out = []
        while i < len(self.tokens) and self.tokens[i].start < end:
            if self.tokens[i].end > start:
                out.append(i)
            i += 1
        return out

    def parses(self, i: int) -> list[Any]:
        """pymorphy3 parses of token ``i``."""
        return self.parse(self.tokens[i].text)

    def gap(self, i: int) -> str:
        """Text between token ``i - 1`` and token ``i``."""
        return self.text[self.tokens[i - 1].end : self.tokens[i].start]

    def lower(self, i: int) -> str:
        return self.tokens[i].text.lower().replace("ё", "е")

    # -- heads --------------------------------------------------------------------------
    def head_parses(self, i: int, widen: bool) -> list[Any]:
        """Parses of token ``i`` as a position noun (empty when it is none)."""
        if self.owner[i] is not None:
            return []
        word = self.tokens[i].text
        out = []
        for p in self.parses(i):
            if p.tag.POS != "NOUN" or "anim" not in p.tag:
                continue
            lemma = p.normal_form.replace("ё", "е")
            if is_position(lemma) or (widen and word[:1].islower() and _looks_like_position(lemma)):
                out.append(p)
        return out

    def adjective_parse(self, i: int, cases: set[str], gender: str | None) -> Any | None:
        """A parse of token ``i`` as an adjective agreeing with a singular head in ``cases``."""
        for p in self.parses(i):
            tag = p.tag
            if tag.POS not in ("ADJF", "PRTF") or "Apro" in tag or tag.number != "sing":
                continue
            if _fold(tag.case) not in cases:
                continue
            if gender and tag.gender and tag.gender != gender and _fold(tag.case) != "accs":
                continue
            return p
        return None

    # -- tails --------------------------------------------------------------------------
    def genitive(self, i: int) -> bool:
        """Can token ``i`` stand in a genitive tail ("иностранных", "дел", "МИД", "Google")?"""
        word = self.tokens[i].text
        ps = self.parses(i)
        best = ps[0].tag
        if best.POS in STOP_POS or "Apro" in best:
            return False
        if word[:1].isupper() and PERSON_NAME_GRAMMEMES & set(best.grammemes) and "Geox" not in best:
            return False
        if "LATN" in best:
            return word[:1].isupper()
        if len(word) >= 2 and word.isupper():  # an abbreviation pymorphy3 does not know: "КЗЖ"
            return True
        if any(p.normal_form in RANK_NOUNS for p in ps if p.tag.POS == "NOUN"):
            return False
        return any(p.tag.POS in TAIL_POS and _fold(p.tag.case) == "gent" and "Apro" not in p.tag for p in ps)

    def in_cases(self, i: int, cases: set[str]) -> tuple[bool, bool]:
        """(token ``i`` is a noun/adjective in one of ``cases``, it is a noun)."""
        for p in self.parses(i):
            if p.tag.POS in TAIL_POS and p.tag.case in cases:
                return True, p.tag.POS == "NOUN"
        return False, False

    def takes(self, i: int) -> bool:
        """Can the tail go on with token ``i`` (a plain gap, not a person, a genitive)?"""
        if i >= len(self.tokens) or self.gap(i).strip() or self.owner[i] == "PER":
            return False
        return self.owner[i] is not None or self.genitive(i)

    def scan_tail(self, head: int, prepositions: dict[str, set[str]]) -> tuple[int, int]:
        """Scan the tail after a head: (last token of the tail, first token not taken)."""
        n = len(self.tokens)
        last = head
        j = head + 1
        quoted = False
        before_quote = head
        after_preposition: set[str] | None = None
        last_preposition: set[str] | None = None  # cases of the last prepositional part, for "и"
        while j < n and j - head <= MAX_TAIL_TOKENS:
            gap = self.gap(j)
            marks = gap.strip()
            if "\n" in gap:
                break
            punctuation = False
            for ch in marks:  # quotes up to the first other mark ("»." closes, then ends)
                if ch not in OPEN_QUOTES + CLOSE_QUOTES + TOGGLE_QUOTES:
                    punctuation = True
                    break
                if ch in OPEN_QUOTES or (ch in TOGGLE_QUOTES and not quoted):
                    if not quoted:
                        before_quote = last
                    quoted = True
                else:
                    quoted = False
            if punctuation:
                break
            if self.owner[j] == "PER":
                break
            if quoted:
                last = j
                j += 1
                continue
            if marks and not quoted and last == j - 1 and self.text[self.tokens[last].end : self.tokens[j].start].strip()[:1] in OPEN_QUOTES:
                break
            if self.owner[j] is not None:
                end = self.span_end[j]
                while j < n and self.tokens[j].start < end:
                    last = j
                    j += 1
                after_preposition = None
                continue
            word = self.lower(j)
            if after_preposition is not None:
                ok, noun = self.in_cases(j, after_preposition)
                if not ok:
                    break
                last = j
                j += 1
                if noun:
                    last_preposition, after_preposition = after_preposition, None
                continue
            if word == "и" and (self.takes(j + 1) or (last_preposition and j + 1 < n and self.in_cases(j + 1, last_preposition)[0])):
                if not self.takes(j + 1):
                    after_preposition = last_preposition
                j += 1
                continue
            if word in prepositions and j + 1 < n and not self.gap(j + 1).strip():
                nxt = j + 1
                if self.owner[nxt] in ("ORG", "LOC") or self.in_cases(nxt, prepositions[word])[0]:
                    after_preposition = prepositions[word]
                    j += 1
                    continue
                break
            if self.genitive(j):
                last = j
                j += 1
                continue
            break
        if quoted and self.text[self.tokens[last].end : self.tokens[last].end + 2].lstrip()[:1] in CLOSE_QUOTES + TOGGLE_QUOTES:
            quoted = False  # closed right after the last word: "... «Северный мост»."
        if quoted:  # an unclosed quote: the tail ends before it
            last = before_quote
            j = last + 1
        if after_preposition is not None and last < j - 1:
            j = last + 1
        return last, j

    def adjectives_before(self, head: int, cases: set[str], gender: str | None) -> tuple[int, list[Any], bool]:
        """Agreeing adjectives right before a head: (first token, their parses, former?)."""
        first = head
        parses: list[Any] = []
        former = False
        i = head - 1
        while i >= 0 and len(parses) < MAX_ADJECTIVES:
            if self.gap(i + 1).strip() or self.owner[i] is not None:
                break
            word = self.lower(i)
            if word == "и" and parses and i - 1 >= 0 and not self.gap(i).strip():
                p = self.adjective_parse(i - 1, cases, gender)
                if p is None:
                    break
                parses.insert(0, p)
                first = i - 1
                i -= 2
                continue
            p = self.adjective_parse(i, cases, gender)
            if p is None:
                break
            if p.normal_form in FORMER_WORDS:
                former = True
                break
            parses.insert(0, p)
            first = i
            i -= 1
        return first, parses, former

    def phrase(self, head: int, cases: set[str], prepositions: dict[str, set[str]], widen: bool) -> _Phrase | None:
        """The role phrase headed by token ``head`` in one of ``cases`` (singular)."""
        head_parse = None
        for p in self.head_parses(head, widen):
            if p.tag.number == "sing" and _fold(p.tag.case) in cases:
                head_parse = p
                break
        if head_parse is None:
            return None
        head_cases = {_fold(p.tag.case) for p in self.head_parses(head, widen) if p.tag.number == "sing"} & cases
        gender = _gender(head_parse)
        first, adjectives, former = self.adjectives_before(head, head_cases, gender)
        last, stop = self.scan_tail(head, prepositions)
        word = self.tokens[head].text.lower()
        if word.startswith("экс-"):
            former = True
        return _Phrase(first, head, last, head_parse, adjectives, stop, former)

    def base_form(self, phrase: _Phrase) -> str:
        """Head and adjectives in the nominative singular, the tail as written."""
        head = phrase.head_parse
        nominative = head.inflect({"nomn", "sing"}) or head.inflect({"nomn"})
        head_word = nominative.word if nominative else head.normal_form
        gender = _gender(nominative or head) or "masc"
        words = []
        for p in phrase.adjective_parses:
            adj = p.inflect({"nomn", "sing", gender}) or p.inflect({"nomn", "sing"})
            words.append(adj.word if adj else p.normal_form)
        # Coordinated adjectives ("чрезвычайный и полномочный") keep their "и".
        adjective_text = []
        k = 0
        i = phrase.first
        while i < phrase.head:
            if self.lower(i) == "и":
                adjective_text.append("и")
            else:
                adjective_text.append(words[k])
                k += 1
            i += 1
        if head_word.startswith("экс-"):  # a past role: "экс-министр" is recorded as "министр"
            head_word = head_word[4:]
        parts = adjective_text + [head_word]
        tail = self.span_text(phrase.head, phrase.last, tail_only=True)
        return " ".join(parts + ([tail] if tail else []))

    def span_text(self, first: int, last: int, tail_only: bool = False) -> str:
        """Text from token ``first`` (or after it) to token ``last``, quotes closed, spaces single."""
        if last <= first and tail_only:
            return ""
        start = self.tokens[first].end if tail_only else self.tokens[first].start
        end = self.span_end_of(first, last)
        return " ".join(self.text[start:end].split())

    def span_end_of(self, first: int, last: int) -> int:
        """End offset of a phrase, taking a closing quote when the phrase opened one."""
        start = self.tokens[first].start
        end = self.tokens[last].end
        inside = self.text[start:end]
        opened = sum(inside.count(c) for c in OPEN_QUOTES) - inside.count(CLOSE_QUOTES[0])
        toggles = sum(inside.count(c) for c in TOGGLE_QUOTES)
        while end < len(self.text) and self.text[end] in CLOSE_QUOTES + TOGGLE_QUOTES and (opened > 0 or toggles % 2):
            if self.text[end] in CLOSE_QUOTES:
                opened -= 1
            else:
                toggles += 1
            end += 1
        return end


def _looks_like_position(lemma: str) -> bool:
    """Does an animate noun lemma look like an occupation by its suffix?"""
    return lemma not in NOT_POSITIONS and lemma.endswith(POSITION_SUFFIXES) and len(lemma) > 4


def _gender(parse: Any) -> str | None:
    """Grammatical gender of a noun parse for agreement (common gender counts as masculine)."""
    if "ms-f" in parse.tag:
        return "masc"
    return parse.tag.gender


def _name_cases(analysis: _Analysis, mention: Mention) -> set[str] | None:
    """Cases a person's name mention can be in; None when nothing is known (foreign names).

    A mention equal to its base form is taken as nominative too: pymorphy3 reads many
    surnames as plural first names in the genitive ("Иксанов", "Абдрахманов").
    """
    result: set[str] | None = None
    for m in _WORD.finditer(mention.text):
        word = m.group()
        ps = analysis.parse(word)
        names = [p for p in ps if PERSON_NAME_GRAMMEMES & set(p.tag.grammemes)] or [p for p in ps if p.tag.POS == "NOUN"]
        cases = {_fold(p.tag.case) for p in names if p.tag.case}
        if not cases or len(cases) >= 5 or any("Fixd" in p.tag for p in names):
            continue
        result = cases if result is None else (result & cases or result | cases)
    if mention.normal and mention.text == mention.normal:
        return (result or set()) | {"nomn"}
    return result


# -- keys: canonical roles for matching ------------------------------------------------------


@dataclass(frozen=True)
class RoleKey:
    """A role reduced for matching: head lemma, function, adjectives, sector, places, other words."""

    head: str
    function: str  # "head" for the head of a ministry (министр/глава/руководитель ...), else the head lemma
    adjectives: frozenset[str]
    sector: str | None  # canonical ministry ("foreign", "finance", ..., "*" for "ведомство")
    places: frozenset[str]
    rest: frozenset[str]


def _best_lemma(parses: list[Any]) -> Any:
    """The parse to lemmatise a tail word by: a genitive noun/adjective if there is one."""
    for p in parses:
        if p.tag.POS in TAIL_POS and _fold(p.tag.case) == "gent":
            return p
    return parses[0]


def role_key(role: str, parse: Callable[[str], list[Any]]) -> RoleKey | None:
    """Reduce a role in base form ("глава МИД Казахстана") to a :class:`RoleKey`.

    Args:
        role: a role string as stored in ``Entity.roles`` or a description's base form.
        parse: ``models.parse`` (pymorphy3 parses of a word form, cached).
    Returns:
        The key, or None when the role has no noun.
    """
    analysis = _Analysis(role, parse)
    head = None
    adjectives: list[str] = []
    for i in range(len(analysis.tokens)):
        best = analysis.parses(i)[0]
        if best.tag.POS == "NOUN" or any(p.tag.POS == "NOUN" and is_position(p.normal_form) for p in analysis.parses(i)):
            head = i
            break
        if analysis.lower(i) != "и":
            adjectives.append(best.normal_form.replace("ё", "е"))
    if head is None:
        return None
    head_parse = next((p for p in analysis.parses(head) if p.tag.POS == "NOUN" and is_position(p.normal_form)), analysis.parses(head)[0])
    head_lemma = head_parse.normal_form.replace("ё", "е")
    if head_lemma.startswith("экс-"):
        head_lemma = head_lemma[4:]
    if "-" in head_lemma and not is_position(head_lemma) and is_position(head_lemma.rsplit("-", 1)[1]):
        head_lemma = head_lemma.rsplit("-", 1)[1]  # "женщина-спикер" is a "спикер"
    lemmas: list[str] = []
    places: set[str] = set()
    for i in range(head + 1, len(analysis.tokens)):
        word = analysis.lower(i)
        if word in ("и",) or word in TAIL_PREPOSITIONS:
            continue
        p = _best_lemma(analysis.parses(i))
        lemma = p.normal_form.replace("ё", "е")
        if "Geox" in p.tag or lemma in COUNTRY_ALIASES:
            places.add(COUNTRY_ALIASES.get(lemma, lemma))
            continue
        lemmas.append(word if "Abbr" in p.tag or "Fixd" in p.tag else lemma)
    sector = None
    start = 1 if lemmas and lemmas[0] in GENERIC_ORG_NOUNS else 0
    if head_lemma in HEAD_OF_NOUNS:
        for name, cues in MINISTRIES.items():
            if any(tuple(lemmas[start : start + len(cue)]) == cue for cue in cues):
                sector = name
                cue_len = next(len(c) for c in cues if tuple(lemmas[start : start + len(c)]) == c)
                lemmas = lemmas[:start] + lemmas[start + cue_len :]
                break
        if sector is None and lemmas[:1] and lemmas[0] in GENERIC_ORG_NOUNS and len(lemmas) == 1:
            sector = "*"
        if sector and lemmas[:1] and lemmas[0] in GENERIC_ORG_NOUNS:
            lemmas = lemmas[1:]
    if sector is None and head_lemma in HEADS_OF_SECTOR and not lemmas:
        sector = HEADS_OF_SECTOR[head_lemma]
    if sector in ("government", "state") and head_lemma not in {"глава", "руководитель"} | set(HEADS_OF_SECTOR):
        sector = None
    function = "head" if sector else head_lemma
    return RoleKey(head_lemma, function, frozenset(adjectives), sector, frozenset(places), frozenset(lemmas))


def roles_match(description: RoleKey, role: RoleKey) -> bool:
    """Does a description (possibly shorter) denote a person holding ``role``?

    "глава МИД Казахстана" matches "министр иностранных дел Казахстана"; "министр" matches any
    role headed by "министр"; "президент России" does not match "президент компании".
    """
    if description.sector and role.sector and role.function == "head" and description.function == "head":
        if description.sector == "*":
            same = role.sector not in ("government", "state")
        else:
            same = role.sector in (description.sector, "*")
        if same and not (description.places and role.places and description.places != role.places):
            return True
    if (
        description.head == "министр"
        and not (description.sector or description.rest or description.places)
        and role.function == "head"
        and role.sector not in (None, "*", "government", "state")
    ):
        return True  # a bare "министр" is the "глава Минфина": who heads a ministry is its minister
    if description.sector and description.sector != role.sector and role.sector not in (None, "*"):
        return False  # "министр финансов" is not "министр обороны"
    if description.sector and role.sector is None and description.sector not in ("government", "state"):
        return False  # "министр финансов" is not a bare "министр" of another kind
    return (
        description.head == role.head
        and description.adjectives <= role.adjectives
        and description.rest <= role.rest
        and description.places <= role.places
    )


def role_head(role: str, parse: Callable[[str], list[Any]]) -> str | None:
    """The head noun lemma of a role ("министр иностранных дел Казахстана" -> "министр")."""
    key = role_key(role, parse)
    return key.head if key else None


# -- the stage ---------------------------------------------------------------------------


def _blocks(article: Article) -> list[tuple[int, int]]:
    """Paragraph extents: ``Article.blocks`` or, without them, text split on blank lines."""
    if article.blocks:
        return [(b.start, b.end) for b in article.blocks]
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", article.text)]


def _add_role(entity: Entity, role: str, parse: Callable[[str], list[Any]]) -> None:
    """Add a role unless present; a role subsumed by a fuller one with the same head goes."""
    if role in entity.roles:
        return
    entity.roles.append(role)
    keys = {r: role_key(r, parse) for r in entity.roles}
    kept = []
    for r in entity.roles:
        k = keys[r]
        subsumed = k is not None and any(
            o != r
            and keys[o] is not None
            and keys[o].head == k.head
            and not k.rest
            and not k.places
            and not k.sector
            and k.adjectives <= keys[o].adjectives
            and (keys[o].rest or keys[o].places or keys[o].sector)
            for o in entity.roles
        )
        if not subsumed:
            kept.append(r)
    entity.roles[:] = kept


def extract_roles(article: Article, models: Models) -> Article:
    """Record roles of persons (base forms) and add role mentions for descriptions.

    Args:
        article: an article after ``tag_entities`` and ``normalize_entities``.
        models: the loaded models; only ``models.parse`` (pymorphy3, cached) is used.
    Returns:
        The same article: PER entities have ``roles`` filled and, where a description stands
        for one of them, a ``Mention(kind="role")`` whose ``normal`` is the description's base form.
    """
    parse = models.parse
    persons = [e for e in article.entities if e.type == "PER"]
    if not persons or not article.text:
        return article
    analysis = _Analysis(article.text, parse, article.entities)
    tokens = analysis.tokens
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    used: set[int] = set()  # tokens of phrases already read as appositions

    # 1. Appositions next to names.
    for entity in persons:
        for mention in entity.mentions:
            if mention.kind != "name":
                continue
            first = starts.get(mention.start)
            if first is None:
                first = next((i for i, t in enumerate(tokens) if t.start >= mention.start), None)
            if first is None:
                continue
            cases = _name_cases(analysis, mention) or {"nomn", "gent", "datv", "accs", "ablt", "loct"}
            last = ends.get(mention.end)
            if last is None:
                last = max((i for i, t in enumerate(tokens) if t.end <= mention.end), default=None)
            # "пресс-секретарь Путина Дмитрий Песков": a name right before another name is the
            # possessor inside the other's title, not the title's holder.
            possessor = last is not None and last + 1 < len(tokens) and analysis.owner[last + 1] == "PER" and not analysis.gap(last + 1).strip()
            for phrase in [] if possessor else _roles_before(analysis, first, cases):
                used.update(range(phrase.first, phrase.last + 1))
                _add_role(entity, analysis.base_form(phrase), parse)
            if last is None:
                continue
            phrase = _role_after(analysis, last, cases) or _role_predicate(analysis, last)
            if phrase is not None:
                used.update(range(phrase.first, phrase.last + 1))
                _add_role(entity, analysis.base_form(phrase), parse)

    # 2. Descriptions standing for a person, in text order (earlier ones help later ones).
    role_keys = {e.id: [k for k in (role_key(r, parse) for r in e.roles) if k] for e in persons}
    if not any(role_keys.values()):
        return article
    blocks = _blocks(article)
    i = 0
    while i < len(tokens):
        if i in used or not analysis.head_parses(i, widen=False):
            i += 1
            continue
        phrase = analysis.phrase(i, {"nomn", "gent", "datv", "accs", "ablt", "loct"}, DESCRIPTION_PREPOSITIONS, widen=False)
        if phrase is None or phrase.former or _after_possessive(analysis, phrase.first) or _touches_name(analysis, phrase):
            i += 1
            continue
        i = phrase.last + 1
        if any(k in used for k in range(phrase.first, phrase.last + 1)):
            continue
        normal = analysis.base_form(phrase)
        key = role_key(normal, parse)
        if key is None:
            continue
        start = tokens[phrase.first].start
        end = analysis.span_end_of(phrase.first, phrase.last)
        entity = _resolve(persons, role_keys, key, start, end, blocks)
        if entity is None:
            continue
        if any(m.start < end and start < m.end for e in persons for m in e.mentions):
            continue
        entity.mentions.append(Mention(start, end, article.text[start:end], normal, "role"))
        entity.mentions.sort(key=lambda m: (m.start, m.end))
    return article


def _role_before(analysis: _Analysis, name: int, cases: set[str]) -> _Phrase | None:
    """The leftmost role phrase whose tail ends right before token ``name`` (a name or a comma)."""
    best = None
    for head in range(name - 1, max(-1, name - 2 - MAX_TAIL_TOKENS), -1):
        if analysis.owner[head] == "PER":
            break
        if not analysis.head_parses(head, widen=True):
            continue
        phrase = analysis.phrase(head, cases, TAIL_PREPOSITIONS, widen=True)
        if phrase is None or phrase.stop != name or phrase.last != name - 1:
            continue
        between = analysis.text[analysis.tokens[phrase.last].end : analysis.tokens[name].start]
        if between.strip(" \t" + CLOSE_QUOTES + TOGGLE_QUOTES) not in ("", ","):
            continue
        best = phrase
    return best


def _roles_before(analysis: _Analysis, name: int, cases: set[str]) -> list[_Phrase]:
    """Role phrases before the name at token ``name``, including chained ones.

    "лидер партии, депутат парламента Иван Петров" and "представитель армии полковник Иван
    Петров": both are roles of Петров, unless the earlier one follows another person's name
    ("Иванов, глава банка, депутат Петров").
    """
    phrases: list[_Phrase] = []
    at = name
    while len(phrases) <= MAX_CHAINED_ROLES:
        phrase = _role_before(analysis, at, cases)
        if phrase is None:
            break
        gap = analysis.text[analysis.tokens[phrase.last].end : analysis.tokens[at].start].strip(" \t" + CLOSE_QUOTES + TOGGLE_QUOTES)
        if phrases and gap not in (",", ""):
            break
        if not phrases and gap:
            break
        if phrases and _follows_name(analysis, phrase.first):
            break
        phrases.append(phrase)
        at = phrase.first
        if at == 0 or analysis.gap(at).strip() not in (",", ""):
            break
    return phrases


def _follows_name(analysis: _Analysis, first: int) -> bool:
    """Is token ``first`` right after a person's name and a comma or dash?"""
    return first > 0 and analysis.owner[first - 1] == "PER" and bool(_AFTER_NAME_GAP.fullmatch(analysis.gap(first)))


def _role_predicate(analysis: _Analysis, name: int) -> _Phrase | None:
    """A role linked to the name at token ``name`` by a copula: "Петров стал министром финансов"."""
    tokens = analysis.tokens
    k = name + 1
    while k < len(tokens) and k - name <= 3 and not analysis.gap(k).strip() and analysis.lower(k) in COPULA_FILLERS:
        k += 1
    if k >= len(tokens) or analysis.gap(k).strip() or k - name > 3:
        return None
    lemmas = {p.normal_form for p in analysis.parses(k) if p.tag.POS in ("VERB", "INFN", "PRTS", "PRTF")}
    if not lemmas & COPULAS:
        return None
    k += 1
    cases = {"ablt"}
    if k < len(tokens) and analysis.lower(k) == "на" and k + 1 < len(tokens):
        k += 1
    if k < len(tokens) and not analysis.gap(k).strip() and analysis.lower(k) in ("пост", "поста", "посту", "должность", "должности"):
        k += 1
        cases = {"gent"}
    if k >= len(tokens) or analysis.gap(k).strip():
        return None
    return _phrase_at(analysis, k, cases)


def _phrase_at(analysis: _Analysis, k: int, cases: set[str], *, before_name: bool = True) -> _Phrase | None:
    """The role phrase starting at token ``k``, after at most ``MAX_ADJECTIVES`` adjectives.

    With ``before_name`` False, a phrase followed directly by a name is refused: it is that
    name's title ("генсеком ООН Паном Ги Муном, главой Афганистана Хамидом Карзаем").
    """
    for head in range(k, min(len(analysis.tokens), k + MAX_ADJECTIVES + 1)):
        if analysis.owner[head] is not None or (head > k and analysis.gap(head).strip()):
            return None
        if analysis.head_parses(head, widen=True):
            phrase = analysis.phrase(head, cases, TAIL_PREPOSITIONS, widen=True)
            if phrase is None or not _starts_at(analysis, phrase, k):
                return None
            if not before_name and _touches_name(analysis, phrase):
                return None
            return phrase
    return None


def _role_after(analysis: _Analysis, name: int, cases: set[str]) -> _Phrase | None:
    """A role phrase after the name at token ``name`` and a comma or bracket."""
    tokens = analysis.tokens
    name = _skip_original_name(analysis, name)
    k = name + 1
    if k >= len(tokens) or not _AFTER_NAME_GAP.fullmatch(analysis.text[tokens[name].end : tokens[k].start]):
        return None
    # Adjectives may come first: "Иван Петров, генеральный директор компании".
    return _phrase_at(analysis, k, cases, before_name=False)


def _skip_original_name(analysis: _Analysis, name: int) -> int:
    """Past a name in the original script after a name: "Скотт Хоровитц (Scott Horowitz), ..."."""
    match = _ORIGINAL_NAME.match(analysis.text, analysis.tokens[name].end)
    if not match:
        return name
    k = name
    while k + 1 < len(analysis.tokens) and analysis.tokens[k + 1].end <= match.end():
        k += 1
    return k


def _starts_at(analysis: _Analysis, phrase: _Phrase, k: int) -> bool:
    """Does the phrase start at token ``k``, or right after a "бывший" there?"""
    return phrase.first == k or (phrase.former and phrase.first == k + 1 and analysis.lower(k).startswith(("бывш", "прежн")))


def _after_possessive(analysis: _Analysis, first: int) -> bool:
    """Is the phrase right after a possessive ("его заместитель")?"""
    return first > 0 and not analysis.gap(first).strip() and analysis.lower(first - 1) in POSSESSIVES


def _touches_name(analysis: _Analysis, phrase: _Phrase) -> bool:
    """Does a person's name follow the phrase directly (an apposition that did not agree)?"""
    stop = phrase.stop
    return stop < len(analysis.tokens) and stop == phrase.last + 1 and analysis.owner[stop] == "PER" and not analysis.gap(stop).strip(" " + CLOSE_QUOTES + TOGGLE_QUOTES)


def _resolve(persons: list[Entity], role_keys: dict[str, list[RoleKey]], key: RoleKey, start: int, end: int, blocks: list[tuple[int, int]]) -> Entity | None:
    """The one person a description denotes: the only match, or the only one earlier in the paragraph."""
    candidates = [e for e in persons if any(roles_match(key, k) for k in role_keys[e.id])]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    block = next(((s, e) for s, e in blocks if s <= start < e), None)
    if block is None:
        return None
    recent = [e for e in candidates if any(block[0] <= m.start and m.end <= start for m in e.mentions)]
    return recent[0] if len(recent) == 1 else None
