"""Role keys: a role reduced to what matching needs, and the matching of descriptions to roles.

"министр иностранных дел Казахстана", "глава МИД Казахстана" and "руководитель
дипведомства Казахстана" reduce to the same function ("head"), sector ("foreign") and
places ("казахстан"): a small canonicaliser of ministries and of head-of nouns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model import Entity, Role
from .models import inflect
from ._lexicon import ACTING_DUTIES, ACTING_QUALIFIERS, COUNTRY_ALIASES, is_position
from ._role_phrases import MAX_ADJECTIVES, TAIL_POS, TAIL_PREPOSITIONS, _Analysis, _fold
from ._role_words import ACTING_READING, _occupation_parses

__all__ = ["RoleKey", "key_of", "read_role", "role_head", "role_key", "roles_match", "roles_of"]

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


def read_role(text: str, parse: Callable[[str], list[Any]], start: int | None = None, end: int | None = None, organisation: str | None = None) -> Role:
    """Build the :class:`~svodka.model.Role` of a role in base form: its head, sector, places, words.

    The one way a role becomes an object: the roles stage calls it once per role it reads
    (with the offsets of the phrase and the ORG it names), and :func:`roles_of` calls it for
    roles known only as strings (an archive written before ``Entity.role_details``).

    Args:
        text: a role in base form ("глава МИД Казахстана").
        parse: ``models.parse`` (pymorphy3 parses of a word form, cached).
        start, end: where the phrase was read in ``Article.text``, when it was.
        organisation: ``Entity.id`` of the ORG mention inside the phrase, when there is one.
    Returns:
        The role; its ``head`` is None when the text has no noun.
    """
    analysis = _Analysis(text, parse)
    # Each word's first lemma, lower case (the form quotes and evaluation compare roles by).
    lemmas = [parse(t.text.lower())[0].normal_form.replace("ё", "е") for t in analysis.tokens]
    role = Role(text, start, end, organisation=organisation, lemmas=lemmas)
    head, adjectives = _head_of(analysis)
    if head is None:
        return role
    role.head = _head_lemma(analysis.head_parses(head, widen=False) + analysis.parses(head), parse)
    role.adjectives = list(dict.fromkeys(adjectives))
    tail, places = _tail_of(analysis, head)
    role.sector, tail = _sector_of(role.head, tail)
    role.function = "head" if role.sector else role.head
    role.places = list(dict.fromkeys(places))
    role.rest = list(dict.fromkeys(tail))
    return role


def _head_of(analysis: _Analysis) -> tuple[int | None, list[str]]:
    """The head's token (the first noun, or an adjective heading a title: "управляющий") and
    the lemmas of the words before it; past an acting qualifier ("врио министра", "и.о. мэра",
    "исполняющий обязанности ректора") the head is the post after it, the qualifier (as
    "врио") one of the adjectives."""
    adjectives: list[str] = []
    for i in range(len(analysis.tokens)):
        best = analysis.parses(i)[0]
        if best.tag.POS == "NOUN" or analysis.head_parses(i, widen=False):
            post = _post_after_qualifier(analysis, i)
            if post is None:
                return i, adjectives
            return post, [*adjectives, ACTING_READING]
        if analysis.lower(i) != "и":
            adjectives.append(best.normal_form.replace("ё", "е"))
    return None, adjectives


def _is_acting(analysis: _Analysis, i: int) -> bool:
    """Is token ``i`` an acting qualifier in any case ("врио", "исполняющим" before "обязанности")?"""
    if analysis.lower(i) in ACTING_QUALIFIERS:
        return True
    for p in analysis.parses(i):
        if p.tag.POS in ("ADJF", "PRTF"):
            form = inflect(p, {"nomn", "sing", "masc"})
            if form and form.word in ACTING_QUALIFIERS:
                return True
    return False


def _post_after_qualifier(analysis: _Analysis, i: int) -> int | None:
    """The post noun's token after an acting qualifier at token ``i`` (None: no qualifier there)."""
    if not _is_acting(analysis, i):
        return None
    j = i + 1
    if j < len(analysis.tokens) and analysis.lower(j) == ACTING_DUTIES:
        j += 1
    # past the post's adjectives ("исполняющий обязанности официального представителя")
    for _ in range(MAX_ADJECTIVES):
        if j < len(analysis.tokens) and not _genitive(analysis, j, "NOUN") and _genitive(analysis, j, "ADJF"):
            j += 1
    return j if j < len(analysis.tokens) and _genitive(analysis, j, "NOUN") else None


def _genitive(analysis: _Analysis, j: int, pos: str) -> bool:
    """Can token ``j`` be a ``pos`` in the genitive?"""
    return any(p.tag.POS == pos and _fold(p.tag.case) == "gent" for p in analysis.parses(j))


def _head_lemma(parses: list[Any], parse: Callable[[str], list[Any]]) -> str:
    """The lemma of a head: a position reading first, an adjective heading a title in the
    masculine ("уполномоченная" -> "уполномоченный"); "экс-министр" by its position, and a
    compound by its part that names an occupation ("женщина-спикер", "боксёр-тяжеловес")."""
    head_parse = next((p for p in parses if p.tag.POS == "NOUN" and is_position(p.normal_form)), parses[0])
    head_lemma = head_parse.normal_form.replace("ё", "е")
    if head_parse.tag.POS in ("ADJF", "PRTF"):
        masculine = inflect(head_parse, {"masc", "nomn", "sing"})
        head_lemma = masculine.word.replace("ё", "е") if masculine else head_lemma
    if head_lemma.startswith("экс-"):
        head_lemma = head_lemma[4:]
    if "-" in head_lemma and not is_position(head_lemma):
        head_lemma = next((part for part in head_lemma.split("-") if is_position(part) or _occupation_parses(parse(part))), head_lemma)
    return head_lemma


def _tail_of(analysis: _Analysis, head: int) -> tuple[list[str], list[str]]:
    """Lemmas of the tail after the head (abbreviations as written) and the places it names."""
    lemmas: list[str] = []
    places: list[str] = []
    for i in range(head + 1, len(analysis.tokens)):
        word = analysis.lower(i)
        if word in ("и",) or word in TAIL_PREPOSITIONS:
            continue
        p = _best_lemma(analysis.parses(i))
        lemma = p.normal_form.replace("ё", "е")
        if "Geox" in p.tag or lemma in COUNTRY_ALIASES:
            places.append(COUNTRY_ALIASES.get(lemma, lemma))
            continue
        lemmas.append(word if "Abbr" in p.tag or "Fixd" in p.tag else lemma)
    return lemmas, places


def _sector_of(head_lemma: str, lemmas: list[str]) -> tuple[str | None, list[str]]:
    """The sector a head-of noun heads ("глава МИД" -> "foreign") and the tail without its cue."""
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
    return sector, lemmas


def key_of(role: Role) -> RoleKey | None:
    """The :class:`RoleKey` of a role object (None when it has no head noun)."""
    if role.head is None:
        return None
    return RoleKey(role.head, role.function, frozenset(role.adjectives), role.sector, frozenset(role.places), frozenset(role.rest))


def role_key(role: str, parse: Callable[[str], list[Any]]) -> RoleKey | None:
    """Reduce a role in base form ("глава МИД Казахстана") to a :class:`RoleKey`.

    Args:
        role: a description's base form, or a role string (roles of persons are read once
            by the roles stage: use their ``Role`` and :func:`key_of`).
        parse: ``models.parse`` (pymorphy3 parses of a word form, cached).
    Returns:
        The key, or None when the role has no noun.
    """
    return key_of(read_role(role, parse))


def roles_of(entity: Entity, parse: Callable[[str], list[Any]]) -> list[Role]:
    """The :class:`~svodka.model.Role` objects of ``entity.roles``, in their order.

    ``entity.role_details`` when it holds every role (the roles stage wrote it); a role
    known only as a string (an article read back from an archive written before
    ``role_details``, or roles set by hand) is built from its text, without offsets.
    """
    have = {r.text: r for r in entity.role_details}
    return [have.get(text) or read_role(text, parse) for text in entity.roles]


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
    return read_role(role, parse).head
