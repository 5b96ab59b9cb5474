"""Where a crawler dump names its outlet: the candidates the chooser (``_dumpoutlet.site_name``)
weighs (split from ``_dumpoutlet``, issue 12).

The logo and short lines at the top of the page (a logo with its tagline gives its parts, a
sentence its quoted names), a signature next to the headline or under the text, the outlet's
own promo line naming it («Вестник» in a messenger), a "read it on the site X" formula, a blog
template's publisher, the site's name run on after the headline, copyright lines (under the
text and at the bottom), the signature of an agency dateline opening the lead ("Алматы. 16
сентября. KAZAKHSTAN TODAY - "). Each source has its own function (``_candidates`` lists them
in reading order); each candidate carries the prior its place and form earn (``PRIOR_*``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._chrome import NAV_WORDS
from ..nlp._person_names import RUSSIAN_NAME_ENDINGS
from ._names import COPYRIGHT_HEAD, FUNCTION_WORDS, NAME_SEPARATORS, outlet_from_copyright, person_shaped
from ._dumpmeta import COPYRIGHT_LINES, _PROMO
from ._outletshape import DOMAIN, HOST_OWN, QUOTED_SPAN, _DIGIT, copyright_outlet, _foreign_domain, _host_agreement, _logo_shaped, _name_shaped, _ui_label

# The name line at the top is searched among this many first lines; the first line that is
# not an interface label is a name by its shape alone when it is among the first few.
TOP_LINES = 8
FIRST_NAME_LINES = 3

# An outlet line next to the headline is searched this many lines either side of it.
NEAR_TITLE_LINES = 3

# The first scores of the outlet chooser (``_dumpoutlet.site_name``): what a candidate's place
# and form say alone: a name marked as one (the first logo line at the top, a domain, a quoted name, a "//
# Name" signature next to the headline or under the text, an invitation to the outlet's
# channels), a copyright line's name, an agency dateline's signature; a short capitalised line
# elsewhere in the top chrome or under the text says nothing alone (a rubric, an author).
PRIOR_MARKED = 2.0
PRIOR_COPYRIGHT = 1.5
# The first line of the page shaped like a logo is a name by its shape alone: weaker than a
# copyright line, which names the outlet on purpose (pages-dev: "Карта портала", "Республика
# Бурятия", "Современный портал" open pages whose copyright line names the outlet).
PRIOR_FIRST_LINE = 1.25
PRIOR_DATELINE = 1.0
PRIOR_PLAIN = 0.0

# Plain lines (no mark of a name) are read among this many first lines and next to the headline.
TOP_PLAIN_LINES = 20

# A line gives at most this many parts as names (a logo with its tagline has two or three; a
# menu of hundreds of rubrics would make the chooser quadratic in the page's length, each part
# counted over every line by ``_repeats``).
LINE_PARTS_MAX = 30

# A quoted stretch of one to four words in any of the quotes Russian and Latvian pages use.
_ANY_QUOTED = re.compile(QUOTED_SPAN)

# A channel an outlet invites to ("в Telegram", "в Дзене", "на VK").
_CHANNEL = r"(?:в|на) (?i:telegram|телеграм\w*|дзен\w*|vk|вконтакте|max|мессенджере)\b"

# An invitation naming the outlet without quotes, its channels after a colon ("Подписывайтесь
# на НСН: Новости | Дзен | Telegram"): the name starts with a capital and is no channel.
# Since the fourth windows set also the infinitive and a bar before the tagline ("Подписаться на
# ZarTV|Новости Заречья"); since the saved pages' bykvu.com a hashtag before the channel
# it invites to ("Подписывайтесь на #Буквы в Telegram и Facebook"): a hashtag, since capitals
# before a channel may be a columnist's name in any case ("Подписывайтесь на Ольгу Кравец в
# Telegram").
_FOLLOW = r"(?i:подписывайтесь|подпишитесь|подписаться|читайте|следите за)\s+(?:на\s+)?"
_FOLLOW_NAME = re.compile(
    _FOLLOW + r"(?:([A-ZА-ЯЁ][\w.\-]*(?: [A-ZА-ЯЁ][\w.\-]*){0,2})\s*[:|]|#([A-ZА-ЯЁ][\w.\-]*)\s+" + _CHANNEL + ")"
)

# "Read it on the site X" opening a line, glued to the first paragraph in an AMP or
# aggregator copy ("Читать на сайте Вестник ЗаречьяФутбольный клуб ..."): the name is the
# capitalised words after it, cut where the next paragraph's first word is glued on.
_READ_ON_SITE = re.compile(r"^(?i:читать|читайте)(?: (?i:нас|новость|статью|материал|полностью))? (?i:на сайте)\s+([«\"]?[A-ZА-ЯЁ][\w.\-»\"]*(?: [A-ZА-ЯЁ][\w.\-»\"]*){0,2})")
_GLUED = re.compile(r"(?<=[а-яёa-z.»\"])(?=[А-ЯЁA-Z][а-яёa-z])")

# An outlet named before its channel at the start of a promo ("RADIO•R в Telegram. Подпишись ...",
# "Заречье-Инфо в Дзене").
_NAME_IN_CHANNEL = re.compile(r"^([A-ZА-ЯЁ][\w.•\-]*(?: [A-ZА-ЯЁ][\w.•\-]*){0,2}) " + _CHANNEL)

# Sentences of a promo line (a long line may hold several: the last one names the outlet).
_PROMO_SENTENCE = re.compile(r"(?<=[.!?])\s+")

# A promo line has at most this many words, and is searched this many lines after the text.
PROMO_MAX_WORDS = 15
# A greeting the cleaner keeps as the article's first line ("Здравствуйте! Новости «Вестник».")
# is taken when it has at most this many words.
PROMO_GREETING_WORDS = 8
PROMO_AFTER_LINES = 4


def _promo_name(lines, body: set[int], title: int | None) -> str | None:
    """The outlet named in quotes by its own promo or greeting line next to the headline or
    under the text (windows set of issue 16: the page shows no logo, but invites the reader to
    «Известия» in a messenger). A paragraph of the article, which may quote other outlets, is
    never read: a body line counts only when it is a short greeting."""
    near = range(max(0, title - NEAR_TITLE_LINES), min(len(lines), title + NEAR_TITLE_LINES + 1)) if title is not None else range(0)
    after = range(max(body) + 1, min(len(lines), max(body) + 1 + PROMO_AFTER_LINES)) if body else range(0)
    for i in list(near) + list(after):
        if i == title or (i in body and lines[i].words > PROMO_GREETING_WORDS):
            continue  # a paragraph may quote other outlets; a greeting line is short
        # A promo line may hold several sentences ("Надоело читать десятки каналов? ... Telegram-
        # канал издания \"Вестник\"."): each short one is read on its own.
        for sentence in _PROMO_SENTENCE.split(lines[i].text):
            if len(sentence.split()) > PROMO_MAX_WORDS or not _PROMO.search(sentence.lower()):
                continue
            m = _ANY_QUOTED.search(sentence)
            name = m.group(1) if m else None
            if name and len(name.split()) <= 3:
                return f"«{name}»"
            m = _FOLLOW_NAME.search(sentence) or _NAME_IN_CHANNEL.match(sentence)
            found = m and next(group for group in m.groups() if group)
            if found and not _ui_label(found):
                return found
    return None


def _read_on_site(lines, body: list[int], title: int | None) -> str | None:
    """The outlet a "read it on the site X" line names, next to the headline or opening one of
    the first paragraphs (fourth windows set of issue 16)."""
    near = range(max(0, title - NEAR_TITLE_LINES), min(len(lines), title + NEAR_TITLE_LINES + 1)) if title is not None else range(0)
    for i in sorted(set(near) | set(body[:2])):
        m = _READ_ON_SITE.match(lines[i].text.strip())
        if m:
            words = []
            for word in m.group(1).split():
                head = _GLUED.split(word, maxsplit=1)
                words.append(head[0])
                if len(head) > 1:
                    break  # the paragraph's first word is glued on: the name ends here
            return " ".join(words).strip(" .")
    return None


# The blog template's publisher line under the text ("Published by" and the site's account on
# the next line, or on the same line), searched this many lines under the text.
_PUBLISHED_BY = re.compile(r"(?i)^published by\s*:?\s*(.*)$")
PUBLISHER_LINES = 24


def _publisher(lines, body: list[int]) -> str | None:
    """The account a blog template names as the publisher under the text ("Published by" /
    "Заречье Daily"), unless it is a person's name (a post's author)."""
    if not body:
        return None
    for i in range(max(body) + 1, min(len(lines), max(body) + 1 + PUBLISHER_LINES)):
        m = _PUBLISHED_BY.match(lines[i].text.strip())
        if m:
            name = m.group(1).strip() or (lines[i + 1].text.strip() if i + 1 < len(lines) else "")
            words = name.split()
            if 1 <= len(words) <= 4 and not person_shaped(words):
                return name
            return None
    return None


# The page's own name after its headline on the headline's line, as in a browser title
# ("Заголовок — Городской портал Заречья | Zar24.tv — все новости города"): outranks a name found
# in the chrome (fourth windows set's check sets of issue 16).
PRIOR_TITLE = 4.0


def split_site_suffix(text: str, host: str | None) -> tuple[str, str | None]:
    """A headline line cut before the site's own name run on after it: the parts after a
    separator, one of which is the host written as a domain. The headline and that name; the
    line unchanged when no later part names the site."""
    if not host:
        return text, None
    parts = NAME_SEPARATORS.split(text)
    if len(parts) < 2 or len(parts[0].split()) < 3:
        return text, None
    # Only the host written as a domain ("Zar24.tv") marks a browser-title suffix: a name after
    # a bar may be the headline's own series ("Провал переговоров | Заречье Live TEXT").
    for part in parts[1:LINE_PARTS_MAX]:
        name = part.strip()
        if DOMAIN.match(name) and _host_agreement(name, host) and not _foreign_domain(name, host):
            return NAME_SEPARATORS.split(text, maxsplit=1)[0].strip(), name
    return text, None


# An agency dateline opening the lead: place, day and month, the outlet's signature in
# capitals, a dash ("Алматы. 16 сентября. KAZAKHSTAN TODAY - ", "Тула. 17 января.
# ИНТЕРФАКС-ЦЕНТР - ").
_DATELINE = re.compile(
    r"^[А-ЯЁ][а-яё]+(?:[ -][А-ЯЁа-яё]+){0,2}\.\s+\d{1,2}\s+[а-яё]+\.\s+"
    r"([A-ZА-ЯЁ][A-ZА-ЯЁ0-9.\-]*(?: [A-ZА-ЯЁ0-9.\-]+){0,3})\s+[-–—]\s"
)


# The signature first, then the full date ("ЗАРЕЧЬЕ-НОВОСТИ. 13 мая 2010 года ..."): a hyphenated
# name in capitals (third fresh check set); a hyphenated city is one too, so the name must spell
# the host's label (``_dateline_name``).
_SIGNED_DATELINE = re.compile(r"^([A-ZА-ЯЁ]{2,}(?:-[A-ZА-ЯЁ]{2,})+)\.\s+\d{1,2}\s+[а-яё]+\s+(?:19|20)\d\d\b")


# An agency's signature after its place and date, in the name's own case: "МОСКВА, 11 июн -
# РИА Новости.", "БИШКЕК, 5 мая — Sputnik.", "МОСКВА, 5 мая. /ТАСС/." (saved HTML set of issue 16:
# ria.ru); a reprint signs so too, so the name must spell the site's own label.
_AGENCY_DATELINE = re.compile(
    r"^[А-ЯЁ]{2,}(?:[ -][А-ЯЁ]{2,}){0,2},\s+\d{1,2}\s+[а-яё]{3,8}\.?\s+(?:[-–—]\s+|/)"
    r"([A-ZА-ЯЁ][\w-]*(?: [A-ZА-ЯЁ][\w-]*){0,2})/?\."
)


# The dateline opens the lead: the plain form in the text's first two lines, the forms checked
# against the host among its first four (a summary box may come before it: ria.ru's «Краткий
# пересказ» of two items under its label).
DATELINE_LINES = 4


def _dateline_name(lines, body: list[int], host: str | None) -> str | None:
    """The outlet an agency dateline signs with, in capitals, at the start of the lead; taken
    only when the page names nothing else (a reprint signs with the agency it copies). A name
    signing first, before the date, must spell the site's own label: a hyphenated city in
    capitals opens a place dateline the same way ("САНКТ-ПЕТЕРБУРГ. 13 мая 2024 года ...")."""
    for n, i in enumerate(body[:DATELINE_LINES]):
        plain = _DATELINE.match(lines[i].text) if n < 2 else None
        name = plain.group(1) if plain else _own_signature(lines[i].text, host)
        if name and any(ch.isalpha() for ch in name):
            return name
    return None


def _own_signature(text: str, host: str | None) -> str | None:
    """The name a dateline signs with before or after its date, when it spells the site's own
    label (``_SIGNED_DATELINE``, ``_AGENCY_DATELINE``)."""
    for signed in (_SIGNED_DATELINE, _AGENCY_DATELINE):
        m = signed.match(text)
        if m is not None and _host_agreement(m.group(1), host) >= HOST_OWN:
            return m.group(1)
    return None


@dataclass(frozen=True)
class _Candidate:
    """A name the page may give for its outlet, with the evidence of where it stands."""

    shown: str  # as the page shows it, quotes kept (they say "a name")
    line: int  # the line it comes from (-1: read from the body, a dateline)
    prior: float  # what its place and form say alone (``PRIOR_*``)
    formula: bool = False  # named by a formula that says "this site" ("Читать на сайте X")


def _parts(text: str) -> list[str]:
    """A line's name-like parts: the line, its parts around a separator (a logo with its tagline:
    "Вестник - Новости Заречья"), and names quoted in it („Latgales Laiks” iznāk ...)."""
    parts = [text]
    split = [p.strip() for p in NAME_SEPARATORS.split(text) if p.strip()]
    if len(split) > 1:
        parts += [p for p in split[:LINE_PARTS_MAX] if _balanced(p)]
    for _k, m in zip(range(LINE_PARTS_MAX), _ANY_QUOTED.finditer(text)):
        parts.append(f"«{m.group(1).strip()}»")
    # A logo flattened into its menu line ("Заречные вести Новости Политика Спорт"): the words
    # left when the menu's words are taken off either end.
    tokens = text.split()
    start, end = 0, len(tokens)
    while start < end and tokens[start].lower().strip("|•·,/") in NAV_WORDS:
        start += 1
    while end > start and tokens[end - 1].lower().strip("|•·,/") in NAV_WORDS:
        end -= 1
    if 0 < end - start < len(tokens):
        parts.append(" ".join(tokens[start:end]))
    return parts


def _balanced(text: str) -> bool:
    """Whether a part of a line closes every quote it opens (a part of a quoted slogan,
    «Главное - это забота о людях», is no name)."""
    return text.count("«") == text.count("»") and text.count('"') % 2 == 0


def _dated_parts(text: str) -> list[str]:
    """The parts of a date line that hold no digits: an outlet may end it ("12.03.2024, 10:15 |
    Заречные вести")."""
    parts = [p.strip(" ,.") for p in NAME_SEPARATORS.split(text) if p.strip(" ,.") and not _DIGIT.search(p)]
    return parts[:LINE_PARTS_MAX]


def _candidates(lines, body: list[int], title: int | None, host: str | None) -> list[_Candidate]:
    """Every name the page may give for its outlet, in the order the page is read (ties go to the first)."""
    body_set = set(body)
    out = _chrome_candidates(lines, body_set, title)
    out += _under_text_candidates(lines, body)
    promo = _promo_name(lines, body_set, title)
    if promo:
        out.append(_Candidate(promo, -1, PRIOR_MARKED))
    if title is not None:
        suffix = split_site_suffix(lines[title].text.strip(), host)[1]
        if suffix:
            out.append(_Candidate(suffix, title, PRIOR_TITLE, formula=True))
    publisher = _publisher(lines, body)
    if publisher:
        out.append(_Candidate(publisher, -1, PRIOR_MARKED))
    read = _read_on_site(lines, body, title)
    if read:
        out.append(_Candidate(read, -1, PRIOR_MARKED, formula=True))
    out += [_Candidate(name, i, PRIOR_COPYRIGHT) for i, name in _copyright_names(lines, host)]
    signed = _dateline_name(lines, body, host)
    if signed:
        out.append(_Candidate(signed, -1, PRIOR_DATELINE))
    return out


def _chrome_candidates(lines, body_set: set[int], title: int | None) -> list[_Candidate]:
    """The names in the chrome above the headline (the logo is there, or a name line spelled like
    the domain) and in the lines next to it, in the order the page is read."""
    top_end = TOP_LINES if title is None else min(TOP_LINES, title)
    near = range(max(0, title - NEAR_TITLE_LINES), min(len(lines), title + NEAR_TITLE_LINES + 1)) if title is not None else range(0)
    above = range(0, min(TOP_PLAIN_LINES, len(lines) if title is None else title))
    out: list[_Candidate] = []
    first_kept = None
    for i in sorted(set(above) | set(near)):
        line = lines[i]
        text = line.text.strip()
        if i == title or i in body_set or not text:
            continue
        if line.dated:
            out += _date_end_candidates(text, i)
            continue
        if _ui_label(text):
            continue
        if i < top_end and first_kept is None:
            first_kept = i
        logo_line = i == first_kept and i < FIRST_NAME_LINES
        out += _line_candidates(text, i, top_end, near, logo_line)
    family = _family_name(lines, above)
    if family is not None:
        out.append(_Candidate(family[1], family[0], PRIOR_MARKED))
    return out


# A name heading this many lines of the top chrome, each with another tagline after a
# separator, is the outlet's, its projects listed ("Известия — о важном", "Известия — про деньги").
FAMILY_LINES = 2


def _family_name(lines, above: range) -> tuple[int, str] | None:
    """The name the outlet's family of projects shares in the top lines (saved HTML set of issue
    16: iz.ru, whose logo is an image and whose first line is a topic banner): the head of at
    least ``FAMILY_LINES`` "Name — tagline" lines with different taglines. Its first line and
    the name, or None."""
    tails: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for i in above:
        parts = NAME_SEPARATORS.split(lines[i].text.strip(), maxsplit=1)
        if len(parts) == 2 and _name_shaped(parts[0]) and parts[1].strip():
            tails.setdefault(parts[0], set()).add(parts[1].strip().lower())
            first.setdefault(parts[0], i)
    shared = [name for name, tail in tails.items() if len(tail) >= FAMILY_LINES and not _person_head(name)]
    return (first[shared[0]], shared[0]) if len(shared) == 1 else None


def _person_head(name: str) -> bool:
    """Whether the head of "Name — tagline" lines is a person quoted in teasers ("Ямалов — о
    субсидиях", "Анна Орлова — о ..."): a surname alone or a first name and a surname."""
    words = name.split()
    return person_shaped(words) or (len(words) == 1 and name[1:].islower() and name.lower().endswith(RUSSIAN_NAME_ENDINGS))


def _date_end_candidates(text: str, i: int) -> list[_Candidate]:
    """A date line is no logo, but its end may name the outlet ("12.03.2024 | Вестник")."""
    return [_Candidate(part, i, PRIOR_PLAIN) for part in _dated_parts(text) if _name_shaped(part)]


# A Latin logo run on into a Russian tagline without a separator ("Zarechye Gateway на русском
# языке"): the capitalised Latin words are the name (fresh check set of issue 16).
# Two Latin words at least: one word before Russian text is a term ("COVID-19 в России").
# The tagline opens with a preposition ("на русском языке", "о Заречье", "для ..."): a line going
# on with a verb is a headline or an advertiser's teaser ("Zarmarket Premium запускает доставку
# в Заречье", the top line of a page), whose brand is no outlet.
_LATIN_LOGO_TAGLINE = re.compile(
    r"^((?:[A-Z][\w.&'-]*\s+){1,3}[A-Z][\w.&'-]*)\s+(?:" + "|".join(sorted(FUNCTION_WORDS, key=len, reverse=True)) + r")\s+[а-яё]"
)


def _line_candidates(text: str, i: int, top_end: int, near: range, logo_line: bool) -> list[_Candidate]:
    """The names one chrome line gives: the line itself and its parts (``_parts``), each with the
    prior its place and form earn; a plain part only in the top lines or next to the headline."""
    bare = text.lstrip("/ ").strip()
    head = NAME_SEPARATORS.split(bare, maxsplit=1)[0].strip()
    out = []
    latin = _LATIN_LOGO_TAGLINE.match(bare) if logo_line else None
    if latin:
        out.append(_Candidate(latin.group(1), i, PRIOR_FIRST_LINE))
    for part in _parts(bare):
        if part == bare:
            prior = _whole_line_prior(text, bare, i, top_end, near, logo_line)
        else:
            prior = _logo_tagline_prior(part, head, bare, logo_line)
        if prior or ((i < TOP_PLAIN_LINES or i in near) and (_name_shaped(part.strip("«»")) or DOMAIN.match(part))):
            out.append(_Candidate(part, i, prior))
    return out


def _logo_tagline_prior(part: str, head: str, bare: str, logo_line: bool) -> float:
    """The logo before its tagline on the first line: "Заречные вести — новости края"."""
    if logo_line and part == head and _balanced(head) and not _logo_shaped(bare) and _logo_shaped(head):
        return PRIOR_FIRST_LINE
    return PRIOR_PLAIN


def _whole_line_prior(text: str, bare: str, i: int, top_end: int, near: range, logo_line: bool) -> float:
    """A whole line: a domain or a quoted name in the top lines, a domain, a "//" signature or a
    name in «» next to the headline, a logo-shaped first line."""
    if not _name_shaped(bare):
        return PRIOR_FIRST_LINE if logo_line and _logo_shaped(bare) else PRIOR_PLAIN
    quoted = bare != bare.strip("«»\"")
    if i < top_end and (DOMAIN.match(bare) or quoted):
        return PRIOR_MARKED
    if i in near and (DOMAIN.match(bare) or text.startswith("//") or (bare.startswith("«") and bare.endswith("»"))):
        return PRIOR_MARKED
    if logo_line and _logo_shaped(bare):
        return PRIOR_FIRST_LINE
    return PRIOR_PLAIN


def _under_text_candidates(lines, body: list[int]) -> list[_Candidate]:
    """The two lines under the text: a copyright signature ("© 2012, «Вестник»"), a domain or a
    short quoted name, a name-shaped line ("УРА-Информ.Донбасс")."""
    if not body:
        return []
    out = []
    after = max(body) + 1
    for i in range(after, min(after + 2, len(lines))):
        text = lines[i].text.strip().lstrip("/ ").strip()
        quoted = any(text.startswith(a) and text.endswith(b) for a, b in (("«", "»"), ('"', '"'), ("„", "“")))
        signed = outlet_from_copyright(text) if COPYRIGHT_HEAD.match(text) else None
        if signed:
            out.append(_Candidate(signed, i, PRIOR_COPYRIGHT))
        elif DOMAIN.match(text) or (quoted and len(text) > 2 and len(text.split()) <= 3):
            out.append(_Candidate(text, i, PRIOR_MARKED))
        elif _name_shaped(text) and not _ui_label(text):
            out.append(_Candidate(text, i, PRIOR_PLAIN))
    return out


def _copyright_names(lines, host: str | None = None) -> list[tuple[int, str]]:
    """The outlets named by copyright lines, the last first ("© 2024 Северный вестник",
    "© 1999–2018 ООО «Лента.Ру»" on lenta.ru: ``copyright_outlet``)."""
    found = []
    start = max(0, len(lines) - COPYRIGHT_LINES)
    for i in range(len(lines) - 1, start - 1, -1):
        line = lines[i]
        low = line.text.lower()
        if line.words <= 25 and ("©" in line.text or "(c)" in low or "copyright" in low):
            name = copyright_outlet(line.text, host)
            if name:
                found.append((i, name))
    return found
