"""The outlet of a crawler dump: the name the page gives for its source (split from ``_dumpmeta``, issue 12).

Chosen among the names the page gives (``site_name``): the logo and short lines at
the top of the page (a logo with its tagline gives its parts, a sentence its quoted names), a
signature next to the headline or under the text, the outlet's own promo line naming it
(«Вестник» in a messenger), copyright lines (under the text and at the bottom), the signature
of an agency dateline opening the lead ("Алматы. 16 сентября. KAZAKHSTAN TODAY - "). Each is
scored by evidence that holds on any site: its place and form, its agreement with the address
(transliterated, in part, or by initials: "ПРОФИ-НЬЮС" ~ profinews, «Наша Латвия» ~
nasha.la.lv, "Аргументы и Факты" ~ aif), and its repetition elsewhere on the page. A name is
never an interface label ("Прослушать новость", "Добавить в закладки"), another site's domain,
a counter, a partner's or an authority's credit, a line that is the headline or shares its
words with the lead, or a name the article itself is about (a country, a person: its words
occur in the body). The URL's domain when no candidate is good enough.

The candidates come from ``_outletsources`` (one function per source, ``_candidates`` lists them
in reading order), the shape and address agreement from ``_outletshape``; this module holds the
chooser and what it checks once per page (issue 12's split).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..nlp._lexicon import COUNTRY_NAMES, INSTITUTION_HEADS, KNOWN_OUTLETS
from ._names import COUNTER_NAME, CREDIT_WORDS, tidy_outlet
from ._dumplines import _PHOTO_CREDIT
from ._dumpmeta import _domain, stems
from ._outletshape import DOMAIN, HOST_OWN, _QUOTE_CHARS, _foreign_domain, _host_agreement, _ui_label
from ._outletsources import LINE_PARTS_MAX, PRIOR_DATELINE, PRIOR_PLAIN, _candidates, split_site_suffix

__all__ = ["DOMAIN", "LINE_PARTS_MAX", "site_name", "split_site_suffix"]

# Each other line of the page that holds the name adds this much, up to this many lines
# (counted only for a candidate with other evidence: a menu word repeats too).
REPEAT_WEIGHT = 1.0
REPEAT_MAX = 2
# A candidate is taken when it scores above this; else the domain is the outlet.
NAME_MIN_SCORE = 0.5

# A top line sharing at least this share of its stems with the article's lead is a headline
# or a teaser of it, not the outlet's name.
NAME_LEAD_SHARE = 0.5


# A past verb of reporting after an outlet's name, "на", "ранее" or "недавно" before it: the
# outlet's own earlier story ("Недавно на N + 1 рассказывали о ...": saved HTML set of issue 16,
# nplus1.ru).
_REPORTED = ("рассказывал", "писал", "сообщал", "публиковал")
_CITING = ("на", "ранее", "недавно")


def _cited_story(low: str, body_low: str) -> bool:
    """Whether the text cites a name as the outlet of an earlier story (plain string search: a
    pattern made for each name would be compiled for every candidate of every page)."""
    at = body_low.find(low)
    while at >= 0:
        before = body_low[max(0, at - 12) : at].split()[-1:]
        after = body_low[at + len(low) : at + len(low) + 20].split()[:1]
        if before and before[0] in _CITING and after and after[0].startswith(_REPORTED):
            return True
        at = body_low.find(low, at + 1)
    return False


def _about_article(name: str, title: str | None, lead: str, body_text: str, body_stems: set[str] | None = None) -> bool:
    """Whether a candidate name is the article's own matter: its headline, a teaser of it, or
    a name the text is about ("Россия" at the top of a page whose article is about Russia)."""
    low = name.lower()
    if title and (low == title.lower() or low in title.lower()):
        return True
    name_stems = stems(name)
    if not name_stems:
        return False
    if len(name_stems) >= 3 and len(name_stems & stems(lead)) / len(name_stems) >= NAME_LEAD_SHARE:
        return True
    if name in COUNTRY_NAMES:
        return True
    body_low = body_text.lower()
    if f"«{low}" in body_low or f'"{low}' in body_low:
        return False  # the text quotes it as an outlet: «Вестник» сообщает
    if _cited_story(low, body_low):
        return False  # the outlet's own earlier story: "Недавно на N + 1 рассказывали", "Ранее Вестник писал"
    if len(name.split()) == 1:
        return name_stems <= (body_stems if body_stems is not None else stems(body_text))  # a place or a person ("Москва")
    return low in body_low


def _counter_or_credit(name: str) -> bool:
    """A visit counter ("Рейтинг@Mail.ru", "LiveInternet"), a partner's credit ("Информационный
    партнер ...") or a source credit naming an authority ("Министерство здравоохранения",
    "Пресс-служба МЧС"): never the outlet."""
    if COUNTER_NAME.search(name) or CREDIT_WORDS.search(name):
        return True
    first = name.strip(_QUOTE_CHARS).split()[:1]
    if not first:
        return False
    word = first[0].lower()
    return any(word == head or (len(head) >= 6 and word.startswith(head[:-1])) for head in INSTITUTION_HEADS)


# A department or rubric word before a name: "редактор отдела «Соседние страны»", "в рубрике
# Общество", "раздел «Спорт»"; what follows it is read once per page.
_RUBRIC_BEFORE = re.compile(r"(?<![а-яё])(?:отдел|рубрик|раздел)[а-яё]*\s+[«\"„“]?([^\n]{2,60})")

# A source credit: the outlet the text comes from, never this site ("Источник: Telegram-канал
# \"...\"", "По материалам ...").
_SOURCE_CREDIT = re.compile(r"^(?:источник|по материалам|по данным|source)\b")


# A source credit line has at most this many words.
CREDIT_LINE_WORDS = 12


@dataclass(frozen=True)
class _Mentions:
    """What the page says of names once per page: the text after a department or rubric word,
    and its source credit lines (lower-cased)."""

    rubrics: tuple[str, ...]
    credits: tuple[str, ...]


def _mentions(lines) -> _Mentions:
    rubrics, credits = [], []
    for line in lines:
        low = line.text.lower()
        if "отдел" in low or "рубрик" in low or "раздел" in low:
            rubrics += [m.group(1) for m in _RUBRIC_BEFORE.finditer(low)]
        if line.words <= CREDIT_LINE_WORDS and _SOURCE_CREDIT.match(low) and _PHOTO_CREDIT.search(low) is None:
            # A credit line is short ("По данным МЧС, ..." opens a paragraph); a photo's source
            # ("Источник фото: ...") credits a picture, often the site's own: no source of the text.
            credits.append(low)
    return _Mentions(tuple(rubrics), tuple(credits))


def _named_rubric(name: str, mentions: _Mentions) -> bool:
    """Whether the page calls the name a department or rubric (an author's role "редактор
    отдела «Соседние страны»" under the headline; fourth windows set of issue 16: the rubric line
    at the top, logo-shaped and repeated in the byline, is no outlet)."""
    low = name.strip(_QUOTE_CHARS).lower()
    if len(low) < 3:
        return False
    return any(text.startswith(low) and not text[len(low) : len(low) + 1].isalnum() for text in mentions.rubrics)


def _credited_source(name: str, mentions: _Mentions) -> bool:
    """Whether a source credit line names the candidate: an aggregator invites the reader to the
    channel it copies ("Подписаться на X|..." over "Источник: Telegram-канал \"X\""), and a site
    does not credit itself as its source (fourth windows set of issue 16)."""
    low = name.strip(_QUOTE_CHARS).lower()
    if len(low) < 2 or not any(low in text for text in mentions.credits):
        return False
    # The name as whole words: "Заря" is not named by "пресс-служба Зарянского района".
    whole = re.compile(r"(?<!\w)" + re.escape(low) + r"(?!\w)")
    return any(whole.search(text) for text in mentions.credits)


def _repeats(name: str, lines, skip: set[int]) -> int:
    """On how many other lines of the page the name stands, up to ``REPEAT_MAX`` (a logo, a
    copyright line and a "ссылка на ... обязательна" name the outlet again; a rubric or a
    teaser rarely does)."""
    low = name.lower()
    if len(low) < 3:
        return 0
    pattern = re.compile(r"(?<![\w])" + re.escape(low) + r"(?![\w])")
    found = 0
    for i, line in enumerate(lines):
        if i not in skip and low in line.text.lower() and pattern.search(line.text.lower()):
            found += 1
            if found >= REPEAT_MAX:
                break  # the chooser counts no more
    return found


def site_name(lines, body: list[int], title: int | None, url: str | None) -> str | None:
    """The outlet's name, chosen among the page's candidates (``_candidates``: logo and top
    lines, a signature next to the headline or under the text, a promo line, the copyright line,
    an agency dateline) by the evidence that holds on any site: its place and form
    (``_Candidate.prior``), agreement with the address (``_host_agreement``), and repetition
    elsewhere on the page. A candidate that is an interface label, another site's domain or
    the article's own matter is never taken; the domain when no candidate is good enough."""
    title_text = lines[title].text if title is not None else None
    lead = " ".join(lines[i].text for i in body[:2])
    body_text = " ".join(lines[i].text for i in body)
    host = _domain(url)
    body_set = set(body)
    body_stems = None
    mentions = _mentions(lines)
    best, best_score = None, NAME_MIN_SCORE
    for cand in _candidates(lines, body, title, host):
        shown = cand.shown
        name = tidy_outlet(shown) or shown  # "Газета «Поиск»" -> "Поиск", for the comparisons
        if _ui_label(shown) and not DOMAIN.match(name):
            continue  # "Новости" spells part of gornovosti.ru, and is still a menu word
        if _foreign_domain(name, host) or _counter_or_credit(name) or _named_rubric(name, mentions) or _credited_source(name, mentions):
            continue  # "Top.Mail.Ru", "ФОКУС.ua" (a teaser of another site), "Минздрав России", a rubric
        agreement = _host_agreement(name, host)
        if cand.prior == PRIOR_PLAIN and agreement < HOST_OWN:
            continue  # a plain line in the chrome is a name only when it spells the site's own label
        # A dateline's signature is a name by its place and form (in capitals, between the
        # date and a dash) and is not checked against the text it opens.
        # A "read it on the site X" formula names the site itself, though its line is glued to the text.
        if not (agreement >= HOST_OWN or (agreement and DOMAIN.match(name)) or cand.prior == PRIOR_DATELINE or cand.formula
                or name.lower() in KNOWN_OUTLETS):
            if body_stems is None:
                body_stems = stems(body_text)
            if _about_article(name, title_text, lead, body_text, body_stems):
                continue
        score = cand.prior + agreement
        if score > 0:
            score += REPEAT_WEIGHT * min(REPEAT_MAX, _repeats(name, lines, body_set | {cand.line}))
        if score > best_score:
            best, best_score = shown, score
    return tidy_outlet(best) if best else host
