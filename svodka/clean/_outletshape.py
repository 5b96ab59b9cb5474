"""The shape of an outlet's name and its agreement with the site's address (split from
``_dumpoutlet``, issue 12).

Whether a line is an interface label (``_ui_label``) or shaped like a name or a logo
(``_name_shaped``, ``_logo_shaped``), and how strongly a name spells the host's own label or a
parent's (``_host_agreement``: transliterated, in part, or by initials: "ПРОФИ-НЬЮС" ~
profinews, «Наша Латвия» ~ nasha.la.lv, "Аргументы и Факты" ~ aif). Both the candidates'
sources (``_outletsources``) and the chooser (``_dumpoutlet.site_name``) read them.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..nlp._lexicon import LEGAL_FORMS, fold_latin, latin_letters
from ._chrome import CHROME_START, LANGUAGE_SWITCH, NAV_WORDS, READER_CALL, STOP_LABEL, UI_WORDS
from ._names import FUNCTION_WORDS, outlet_from_copyright, person_shaped
from ._dumpmeta import caps_share

# Words of a domain-like outlet signature ("048.ua", "Example.ru").
DOMAIN = re.compile(r"^[\w.-]+\.(?:ru|ua|by|kz|com|net|org|info|su|рф|uz|kg|az|ge|am|md|lv|lt|ee|tv|fm)$", re.I)

# A name spells a host label only when this many first letters agree in Latin ("Главком",
# glavcom.ua; see ``NAME_HOST_SHARE``).
DOMAIN_PREFIX = 4


# Agreement with the address: the name spells the site's own label (``_host_agreement``), or
# only a parent label (a city zone: "kharkov" in dozor.kharkov.ua, a portal: "bigmir").
HOST_OWN = 4.0
HOST_PARENT = 1.0

# A name spells a host label when its first ``DOMAIN_PREFIX`` letters agree and its start (as
# long as the label and ``LABEL_SLACK`` letters more) is this similar to the label
# (``SequenceMatcher`` ratio): "Вестник Кавказа" ~ vestikavkaza (0.91), «Наша Латвия» ~ nasha
# (0.83); "Приморье" ~ primamedia (0.59) and "Новости медицины" ~ medikforum (0.56) are not.
NAME_HOST_SHARE = 0.75
LABEL_SLACK = 2
# Labels of a host that name a service, not the outlet ("www", "m.", "news.", "amp.").
HOST_SERVICE_LABELS = frozenset({"www", "m", "mobile", "amp", "news", "pda", "lite"})

# Quote characters around a name (any of the quotes Russian and Latvian pages use).
_QUOTE_CHARS = "«»\"“”„'"

_DIGIT = re.compile(r"\d")

# A quoted stretch of a name (two to forty characters) in any of the marks Russian and Latvian
# pages use («», "", „“, „”, “”): the one pattern of the outlet readers.
QUOTED_SPAN = r"[«\"„“]([^«»\"„“”]{2,40}?)[»\"“”]"


def _ui_label(text: str) -> bool:
    """An interface label: a chrome start, a call to the reader ("Подпишитесь на «Газету.Ru»"), a navigation word, a list heading, a widget word, a menu flattened
    onto one line (every word a navigation word: "Политика Экономика Общество"), or a language
    switcher ("ENG RUS PT ITA": several tokens of at most three letters; one code alone, "EN").

    A widget word in quotes is a name («Наша версия», Газета «Поиск»): no widget label is
    quoted."""
    low = text.lower()
    if low in NAV_WORDS or CHROME_START.match(low) or STOP_LABEL.match(low) or LANGUAGE_SWITCH.match(text) or READER_CALL.match(low):
        return True  # STOP_LABEL: the heading of a list of other articles ("Самое читаемое")
    tokens = text.split()
    codes = [c for c in (t.strip("|•·,/+-") for t in tokens) if c]
    if len(tokens) >= 3 and codes and all(len(c) <= 3 and c.isalpha() for c in codes):
        return True  # codes and switches are letters ("ENG RUS", "А- А А+"): "N + 1" is a name (saved HTML set of issue 16)
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
    return latin_letters(text)


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
    folded = fold_latin(label)
    words = re.findall(r"[\w]+", name)
    for k, word in enumerate(words):
        if k and words[k - 1].lower() in FUNCTION_WORDS:
            continue
        latin = fold_latin(_latin("".join(words[k:])))
        common = 0
        for a, b in zip(latin, folded):
            if a != b:
                break
            common += 1
        head = latin[: len(folded) + LABEL_SLACK]  # "vestnikkav" ~ vestikavkaza, "nashala" ~ nasha
        if common >= min(DOMAIN_PREFIX, len(folded)) and SequenceMatcher(None, head, folded).ratio() >= NAME_HOST_SHARE:
            return True
        if k == 0 and len(label) >= 2 and fold_latin(_latin(re.split(r"[\s.\-–—]+", name.strip(_QUOTE_CHARS))[0])) == folded:
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


# A company form (``LEGAL_FORMS``, the lexicon's one list) and its quoted name in a copyright
# line ("ООО «Лента.Ру»", "АО «Газета.Ру»").
_COMPANY_NAME = re.compile(
    r"(?<![\w-])(?:" + "|".join(sorted((f.upper() for f in LEGAL_FORMS), key=len, reverse=True)) + r"|LLC|Ltd)\s+" + QUOTED_SPAN
)


def copyright_outlet(line: str, host: str | None) -> str | None:
    """The outlet a copyright line names (``outlet_from_copyright``); a company holding the
    copyright is the outlet when its quoted name is the site's own ("© 1999–2018 ООО «Лента.Ру»"
    on lenta.ru), never a publisher of another name."""
    name = outlet_from_copyright(line)
    if name is None:
        company = _COMPANY_NAME.search(line)
        if company and _host_agreement(company.group(1), host) >= HOST_OWN:
            name = company.group(1)
    return name
