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

Each source of candidates has its own function (``_candidates`` lists them in reading order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..nlp._lexicon import COUNTRY_NAMES, INSTITUTION_HEADS, KNOWN_OUTLETS, LEGAL_FORMS
from ._chrome import CHROME_START, LANGUAGE_SWITCH, NAV_WORDS, STOP_LABEL, UI_WORDS
from ._names import COPYRIGHT_HEAD, COUNTER_NAME, CREDIT_WORDS, FUNCTION_WORDS, NAME_SEPARATORS, outlet_from_copyright, person_shaped, tidy_outlet
from ._dumplines import _PHOTO_CREDIT
from ._dumpmeta import COPYRIGHT_LINES, _PROMO, _domain, caps_share, stems

__all__ = ["DOMAIN", "site_name", "split_site_suffix"]

# Words of a domain-like outlet signature ("048.ua", "Example.ru").
DOMAIN = re.compile(r"^[\w.-]+\.(?:ru|ua|by|kz|com|net|org|info|su|рф|uz|kg|az|ge|am|md|lv|lt|ee|tv|fm)$", re.I)

# The name line at the top is searched among this many first lines; the first line that is
# not an interface label is a name by its shape alone when it is among the first few.
TOP_LINES = 8
FIRST_NAME_LINES = 3

# A name spells a host label only when this many first letters agree in Latin ("Главком",
# glavcom.ua; see ``NAME_HOST_SHARE``).
DOMAIN_PREFIX = 4

# A plain Russian-to-Latin transliteration, enough to compare a name with a domain.
TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", (
    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split())))
TRANSLIT = {k: v.strip("_") for k, v in TRANSLIT.items()}

# An outlet line next to the headline is searched this many lines either side of it.
NEAR_TITLE_LINES = 3

# Scores of the outlet chooser (``site_name``), first what a candidate's place and form say
# alone: a name marked as one (the first logo line at the top, a domain, a quoted name, a "//
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
# Agreement with the address: the name spells the site's own label (``_host_agreement``), or
# only a parent label (a city zone: "kharkov" in dozor.kharkov.ua, a portal: "bigmir").
HOST_OWN = 4.0
HOST_PARENT = 1.0
# Each other line of the page that holds the name adds this much, up to this many lines
# (counted only for a candidate with other evidence: a menu word repeats too).
REPEAT_WEIGHT = 1.0
REPEAT_MAX = 2
# A candidate is taken when it scores above this; else the domain is the outlet.
NAME_MIN_SCORE = 0.5

# A name spells a host label when its first ``DOMAIN_PREFIX`` letters agree and its start (as
# long as the label and ``LABEL_SLACK`` letters more) is this similar to the label
# (``SequenceMatcher`` ratio): "Вестник Кавказа" ~ vestikavkaza (0.91), «Наша Латвия» ~ nasha
# (0.83); "Приморье" ~ primamedia (0.59) and "Новости медицины" ~ medikforum (0.56) are not.
NAME_HOST_SHARE = 0.75
LABEL_SLACK = 2
# Letters Russian-to-Latin spellings disagree on, made one before a name and a host are compared.
_FOLDS = (("kh", "h"), ("ts", "c"), ("ck", "k"), ("c", "k"), ("w", "v"), ("x", "ks"), ("j", "y"),
          ("iy", "i"), ("yu", "u"), ("ye", "e"), ("ya", "a"), ("y", "i"), ("ew", "u"), ("eu", "u"))
# Plain lines (no mark of a name) are read among this many first lines and next to the headline.
TOP_PLAIN_LINES = 20

# A line gives at most this many parts as names (a logo with its tagline has two or three; a
# menu of hundreds of rubrics would make the chooser quadratic in the page's length, each part
# counted over every line by ``_repeats``).
LINE_PARTS_MAX = 30

# Labels of a host that name a service, not the outlet ("www", "m.", "news.", "amp.").
HOST_SERVICE_LABELS = frozenset({"www", "m", "mobile", "amp", "news", "pda", "lite"})

# Quote characters around a name, and a quoted stretch of one to four words in any of the
# quotes Russian and Latvian pages use («», "", „“, „”, “”).
_QUOTE_CHARS = "«»\"“”„'"
_ANY_QUOTED = re.compile(r"[«\"„“]([^«»\"„“”]{2,40}?)[»\"“”]")

# A top line sharing at least this share of its stems with the article's lead is a headline
# or a teaser of it, not the outlet's name.
NAME_LEAD_SHARE = 0.5

_DIGIT = re.compile(r"\d")


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
    if len(name.split()) == 1:
        return name_stems <= (body_stems if body_stems is not None else stems(body_text))  # a place or a person ("Москва")
    return low in body_low


def _ui_label(text: str) -> bool:
    """An interface label: a chrome start, a navigation word, a list heading, a widget word, a menu flattened
    onto one line (every word a navigation word: "Политика Экономика Общество"), or a language
    switcher ("ENG RUS PT ITA": several tokens of at most three letters; one code alone, "EN").

    A widget word in quotes is a name («Наша версия», Газета «Поиск»): no widget label is
    quoted."""
    low = text.lower()
    if low in NAV_WORDS or CHROME_START.match(low) or STOP_LABEL.match(low) or LANGUAGE_SWITCH.match(text):
        return True  # STOP_LABEL: the heading of a list of other articles ("Самое читаемое")
    tokens = text.split()
    if len(tokens) >= 3 and all(len(t) <= 3 for t in tokens):
        return True
    if len(tokens) >= 2 and all(t.strip("|•·,/") in NAV_WORDS for t in low.split()):
        return True
    if _rubric_line(low):
        return True
    return "«" not in text and any(w in UI_WORDS for w in re.findall(r"[а-яёa-z]+", low))


# Stems of the rubric words (``NAV_WORDS`` of one word): "Новости спорта", "Новости Общества"
# name a rubric in the genitive.
_RUBRIC_STEMS = frozenset(w[:5] for w in NAV_WORDS if " " not in w and len(w) >= 5)
# The last step of a rubric trail after a period ("Премьер-лига (РПЛ). Статьи", "Футбол. Новости").
_TRAIL_END = re.compile(r"\.\s+([а-яё-]+)$")


def _rubric_line(low: str) -> bool:
    """A rubric heading or trail, never an outlet's name (third windows set of issue 16): "Новости"
    and a rubric word in the genitive ("Новости спорта", "Новости Общества"), or a trail whose
    last step after a period is a rubric ("Премьер-лига (РПЛ). Статьи"). "Новости Донбасса"
    names a place, not a rubric, and stays a candidate."""
    words = low.split()
    if len(words) == 2 and words[0] == "новости" and words[1][:5] in _RUBRIC_STEMS:
        return True
    m = _TRAIL_END.search(low)
    return m is not None and m.group(1) in NAV_WORDS


def _name_shaped(text: str) -> bool:
    """A short capitalised line without digits or a sentence ending: a logo text or a domain.

    Capitals are read after opening quotes: «Заречные вести» is shaped like «Заречные» вести.
    """
    if len(text) > 40:
        return False
    tokens = text.split()
    letters = [t.lstrip("«\"„“") for t in tokens]
    return (
        1 <= len(tokens) <= 4
        and (text[:1].isupper() or text[:1] in "«\"")
        and _DIGIT.search(text) is None
        and text[-1:] not in ".:!?,"
        and (caps_share([t for t in letters if t]) >= 0.5 or bool(DOMAIN.match(text)))
    )


def _latin(text: str) -> str:
    """Letters of a name in Latin (a plain transliteration), to compare with a domain."""
    return "".join(TRANSLIT.get(ch, ch) for ch in text.lower() if ch.isalnum())


def _logo_shaped(text: str) -> bool:
    """A first line that is a logo by its shape alone: two words or more ("Вестник Кавказа"),
    or one word in capitals or with a capital inside ("ФЕДЕРАЛ", "ФедералПресс"); a single
    plain word at the top is a section or a city ("Политика", "Москва"), not a name."""
    if not _name_shaped(text) or ":" in text:
        return False
    if len(text.split()) >= 2:
        return True
    return text.isupper() or any(ch.isupper() for ch in text[1:])


# A quoted name of one to three words: in guillemets, straight or low-high quotes.
_QUOTED_NAME = re.compile(r"«([^«»]{2,40})»|\"([^\"]{2,40})\"|„([^„“]{2,40})“")

# An invitation naming the outlet without quotes, its channels after a colon ("Подписывайтесь
# на НСН: Новости | Дзен | Telegram"): the name starts with a capital and is no channel.
# Since the fourth windows set also the infinitive and a bar before the tagline ("Подписаться на
# ZarTV|Новости Заречья").
_FOLLOW_NAME = re.compile(r"(?i:подписывайтесь|подпишитесь|подписаться|читайте|следите за)\s+(?:на\s+)?([A-ZА-ЯЁ][\w.\-]*(?: [A-ZА-ЯЁ][\w.\-]*){0,2})\s*[:|]")

# "Read it on the site X" opening a line, glued to the first paragraph in an AMP or
# aggregator copy ("Читать на сайте Вестник ЗаречьяФутбольный клуб ..."): the name is the
# capitalised words after it, cut where the next paragraph's first word is glued on.
_READ_ON_SITE = re.compile(r"^(?i:читать|читайте)(?: (?i:нас|новость|статью|материал|полностью))? (?i:на сайте)\s+([«\"]?[A-ZА-ЯЁ][\w.\-»\"]*(?: [A-ZА-ЯЁ][\w.\-»\"]*){0,2})")
_GLUED = re.compile(r"(?<=[а-яёa-z.»\"])(?=[А-ЯЁA-Z][а-яёa-z])")

# An outlet named before its channel at the start of a promo ("RADIO•R в Telegram. Подпишись ...",
# "Заречье-Инфо в Дзене").
_NAME_IN_CHANNEL = re.compile(
    r"^([A-ZА-ЯЁ][\w.•\-]*(?: [A-ZА-ЯЁ][\w.•\-]*){0,2}) (?:в|на) (?i:telegram|телеграм\w*|дзен\w*|vk|вконтакте|max|мессенджере)\b"
)

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
            m = _QUOTED_NAME.search(sentence)
            name = next((g for g in m.groups() if g), None) if m else None
            if name and len(name.split()) <= 3:
                return f"«{name}»"
            m = _FOLLOW_NAME.search(sentence) or _NAME_IN_CHANNEL.match(sentence)
            if m and not _ui_label(m.group(1)):
                return m.group(1)
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


def _dateline_name(lines, body: list[int], host: str | None) -> str | None:
    """The outlet an agency dateline signs with, in capitals, at the start of the lead; taken
    only when the page names nothing else (a reprint signs with the agency it copies). A name
    signing first, before the date, must spell the site's own label: a hyphenated city in
    capitals opens a place dateline the same way ("САНКТ-ПЕТЕРБУРГ. 13 мая 2024 года ...")."""
    for i in body[:2]:
        m = _DATELINE.match(lines[i].text)
        if m is None:
            m = _SIGNED_DATELINE.match(lines[i].text)
            if m is not None and _host_agreement(m.group(1), host) < HOST_OWN:
                m = None
        if m and any(ch.isalpha() for ch in m.group(1)):
            return m.group(1)
    return None


@dataclass(frozen=True)
class _Candidate:
    """A name the page may give for its outlet, with the evidence of where it stands."""

    shown: str  # as the page shows it, quotes kept (they say "a name")
    line: int  # the line it comes from (-1: read from the body, a dateline)
    prior: float  # what its place and form say alone (``PRIOR_*``)
    formula: bool = False  # named by a formula that says "this site" ("Читать на сайте X")


def _host_labels(host: str | None) -> tuple[list[str], list[str]]:
    """The host's own label and its parents': on ``dozor.kharkov.ua`` the outlet is "dozor" and
    "kharkov" is a city's zone; on ``ivona.bigmir.net`` "bigmir" is the portal. Service labels
    (``www``, ``m``, ``news``), labels of one or two letters (an edition code: ``mt.metronews.ru``)
    and the top-level domain are left out."""
    if not host:
        return [], []
    labels = [lab.replace("-", "") for lab in host.lower().split(".")[:-1]]
    kept = [lab for lab in labels if lab not in HOST_SERVICE_LABELS and len(lab) > 2]
    if not kept:
        return [lab for lab in labels if lab not in HOST_SERVICE_LABELS][:1], []
    return kept[:1], kept[1:]


def _fold(latin: str) -> str:
    """A Latin spelling with the letters transliterations disagree on made one ("glavcom" and
    "glavkom", "profinews" and "profinyus", "kharkov" and "harkov")."""
    for a, b in _FOLDS:
        latin = latin.replace(a, b)
    return latin


def _initials(name: str) -> str:
    """The Latin initials of a name's words, short words included ("Аргументы и Факты" -> "aif")."""
    return "".join(_latin(w)[:1] for w in re.findall(r"\w+", name) if not w.isdigit())


# Endings of an adjective: the first word of an outlet's name ("Вечерний Бишкек"), not a first name.
def _spells_label(name: str, label: str) -> bool:
    """Whether a name spells a host label: from the start of one of its words, most of the
    shorter of the two agrees ("ПРОФИ-НЬЮС" ~ profinews, «Наша Латвия» ~ nasha, "Телеканал
    Каскад" ~ kaskad; "Приморье" is not primamedia, "Форум" is not medikforum); or its first
    word's first part is the label ("УРА-Информ" ~ ura); or its initials are ("Аргументы и
    Факты" ~ aif, "Новый Регион" ~ nr2). A word after a preposition names a place, not the
    outlet ("Медицина в Харькове" on kharkov)."""
    if not label:
        return False
    folded = _fold(label)
    words = re.findall(r"[\w]+", name)
    for k, word in enumerate(words):
        if k and words[k - 1].lower() in FUNCTION_WORDS:
            continue
        latin = _fold(_latin("".join(words[k:])))
        common = 0
        for a, b in zip(latin, folded):
            if a != b:
                break
            common += 1
        head = latin[: len(folded) + LABEL_SLACK]  # "vestnikkav" ~ vestikavkaza, "nashala" ~ nasha
        if common >= min(DOMAIN_PREFIX, len(folded)) and SequenceMatcher(None, head, folded).ratio() >= NAME_HOST_SHARE:
            return True
        if k == 0 and len(label) >= 2 and _fold(_latin(re.split(r"[\s.\-–—]+", name.strip(_QUOTE_CHARS))[0])) == folded:
            return True
    bare = label.rstrip("0123456789")
    if words and words[0].lower() in LEGAL_FORMS:
        words = words[1:]  # "РИА Новый Регион": the form is not in the address (nr2)
    initials = _initials(" ".join(words))
    if len(words) < 2 or len(bare) < 2:
        return False
    if initials == bare:
        # Two letters are the initials of many names: only of a name of two words ("Вечерний
        # Бишкек" ~ vb.kg, "Российская газета" ~ rg.ru), not of a longer line starting so, nor
        # of a person's (a byline "Валерия Зотова" on vz.ru).
        return (len(bare) >= 3 or len(words) == 2) and not person_shaped(words)
    # With a number the label says more ("nr2"): the name may go on ("Новый Регион – Киев").
    return bare != label and initials[: len(bare)] == bare


def _host_agreement(name: str, host: str | None) -> float:
    """How strongly a name agrees with the site's address: it spells the outlet's own label, or
    only a parent's (a portal: "bigmir" in ivona.bigmir.net). A domain agrees by being the
    host (or its parent), at half the weight: the page names itself better in words."""
    if not host:
        return 0.0
    own, parent = _host_labels(host)
    if DOMAIN.match(name):
        low = name.lower().removeprefix("www.")
        main = low.split(".")[-2].replace("-", "") if "." in low else low
        same = low == host or host.endswith("." + low) or any(len(main) > 3 and main in lab for lab in own)
        return HOST_OWN / 2 if same else 0.0
    if any(_spells_label(name, lab) for lab in own):
        return HOST_OWN
    if any(_spells_label(name, lab) for lab in parent):
        return HOST_PARENT
    return 0.0


def _foreign_domain(name: str, host: str | None) -> bool:
    """A domain that is not this site's: a credit, a teaser of another site or a counter
    ("ФОКУС.ua", "Top.Mail.Ru")."""
    if not DOMAIN.match(name) or not host:
        return False
    low = name.lower().removeprefix("www.")
    return not (low.endswith("." + host) or _host_agreement(name, host))


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
    out += [_Candidate(name, i, PRIOR_COPYRIGHT) for i, name in _copyright_names(lines)]
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
    return out


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


def _copyright_names(lines) -> list[tuple[int, str]]:
    """The outlets named by copyright lines, the last first ("© 2024 Северный вестник")."""
    found = []
    start = max(0, len(lines) - COPYRIGHT_LINES)
    for i in range(len(lines) - 1, start - 1, -1):
        line = lines[i]
        low = line.text.lower()
        if line.words <= 25 and ("©" in line.text or "(c)" in low or "copyright" in low):
            name = outlet_from_copyright(line.text)
            if name:
                found.append((i, name))
    return found


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
