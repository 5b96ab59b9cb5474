"""The language of an article, from its text: an ISO 639-1 code, or "und" when the text does not say.

svodka analyses Russian; crawls also hold pages in Ukrainian, Kazakh, Uzbek, Spanish,
Arabic..., which the Russian analysis reads as Russian (Uzbek «Бу», «Шунингдек» became
persons). ``detect_language`` tells them apart, offline and in a fraction of a millisecond
(on the first ``DETECT_CHARS`` characters: measured 0.3-0.4 ms an article on wikinews-ru,
where the analysis of the same texts took 40.8 ms in the same run, about 1%):

1. The script of the letters: the one most letters are written in. A script one language
   writes names it (Greek "el", Hangul "ko", kana "ja"...; ``_languages.SCRIPT_LANGUAGES``).
2. Among the languages of a shared script (Cyrillic, Latin, Arabic) each gets a score:
   the function words of that language in the text, minus (Cyrillic) the letters its
   alphabet lacks (Ukrainian has no «ы э ё ъ», Russian no «і», Kazakh no «ў»), plus
   (Latin, Arabic) the letters only some languages write (Spanish «ñ», Persian «پ»).
   Its evidence is its function words and the letters its alphabet has beyond Russian's
   (Ukrainian «і ї є ґ», Kazakh «ә ғ қ ң ө ұ ү һ і», Uzbek «ў қ ғ ҳ»...). A Russian
   article that quotes a Ukrainian sentence or names «Қасым-Жомарт Тоқаев» keeps far
   more Russian function words than it has letters Russian lacks: it stays Russian.
3. The best score wins when it rests on enough evidence (``MIN_EVIDENCE`` and
   ``MIN_SHARE`` of the words). Else the text is too short or too mixed to tell: the
   declared language (``hint``: a page's ``lang`` attribute, a feed's ``<language>``)
   when it is one of that script's languages; Russian for Cyrillic text with few letters
   Russian lacks (the language of this engine's news: a headline «Путин прибыл в
   Ташкент» has one function word); else "und".

The hint never overrides what the text shows: many Russian sites declare ``lang="en"``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from ._languages import (
    ALPHABETS,
    ARABIC_LANGUAGES,
    CYRILLIC_LANGUAGES,
    FUNCTION_WORDS,
    LANGUAGE_CODES,
    LATIN_LANGUAGES,
    LETTER_MARKS,
    RUSSIAN,
    RUSSIAN_ALPHABET,
    SCRIPT_LANGUAGES,
    SCRIPT_RANGES,
    UNDETERMINED,
)

__all__ = ["RUSSIAN", "UNDETERMINED", "DETECT_CHARS", "detect_language", "language_tag", "is_russian"]

# Characters of the text read (its start: the title and first paragraphs). 3,000 characters
# are ~450 words, far more than the decision needs; reading more only costs time.
DETECT_CHARS = 3000
# The best language needs at least this much evidence (function words + letters of its own) ...
MIN_EVIDENCE = 3
# ... and at least this share of the script's words (Russian news: ~30% function words;
# Kazakh or Turkish, agglutinative, ~10% but many letters of their own).
MIN_SHARE = 0.1
# Too little evidence: Cyrillic text is still Russian when at most this share of its
# Cyrillic letters are letters Russian lacks (a Kazakh name in a Russian headline).
RUSSIAN_FOREIGN_LETTERS = 0.05
# Fewer letters than this: nothing to tell a language by.
MIN_LETTERS = 2
# Apostrophes folded into «'» (Uzbek «oʻzbek», «ma’lum»; Ukrainian «м’ясо»). A regular
# expression: str.translate with a table cost a third of the detection.
_APOSTROPHES = re.compile("[’ʼʻ‘`]")
# A word: letters, with apostrophes inside.
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# Languages told apart by words, per script.
_SHARED_SCRIPTS = {"Cyrillic": CYRILLIC_LANGUAGES, "Latin": LATIN_LANGUAGES, "Arabic": ARABIC_LANGUAGES}
# Word -> the languages it is a function word of (the lists inverted once).
_FUNCTION_INDEX: dict[str, tuple[str, ...]] = {}
for _lang, _words in FUNCTION_WORDS.items():
    for _w in _words:
        _FUNCTION_INDEX[_w] = _FUNCTION_INDEX.get(_w, ()) + (_lang,)
# SCRIPT_RANGES split for bisect.
_RANGE_STARTS = [r[0] for r in SCRIPT_RANGES]
# The scripts each language the detector names is written in (a hint must fit the text's).
_SCRIPTS_OF: dict[str, set[str]] = {}
for _script_name, _langs in [*_SHARED_SCRIPTS.items(), *((s, (lang,)) for s, lang in SCRIPT_LANGUAGES.items()), ("Han", ("ja",))]:
    for _lang in _langs:
        _SCRIPTS_OF.setdefault(_lang, set()).add(_script_name)
# Cyrillic letter -> the languages whose alphabet lacks it (most letters: none).
_LACKING = {
    ch: tuple(lang for lang in CYRILLIC_LANGUAGES if ch not in ALPHABETS[lang])
    for ch in set().union(*ALPHABETS.values()) if "\u0400" <= ch <= "\u052f"
}


def _script(ch: str) -> str | None:
    """The script of one character, None for no letter the detector knows."""
    if "\u0400" <= ch <= "\u052f":  # the usual case first
        return "Cyrillic"
    if not ch.isalpha():
        return None
    code = ord(ch)
    i = bisect.bisect_right(_RANGE_STARTS, code) - 1
    if i >= 0 and code <= SCRIPT_RANGES[i][1]:
        return SCRIPT_RANGES[i][2]
    return None


def language_tag(value: str | None) -> str | None:
    """The ISO 639-1 code of a declared language tag ("ru-RU" -> "ru", "uz-Latn" -> "uz", "ukr" -> "uk"); None if none."""
    if not value or not isinstance(value, str):
        return None
    primary = re.split(r"[-_\s,;]", value.strip().lower(), maxsplit=1)[0]
    if len(primary) == 2 and primary.isascii() and primary.isalpha():
        return primary
    return LANGUAGE_CODES.get(primary)


def is_russian(language: str | None) -> bool:
    """Whether an article of this language gets the Russian analysis."""
    return language == RUSSIAN


def detect_language(text: str, hint: str | None = None) -> str:
    """The language of ``text`` (ISO 639-1), or "und" when the text cannot tell.

    Args:
        text: the article's text; its first ``DETECT_CHARS`` characters are read.
        hint: the language the source declares (any tag form: "uz-Latn", "ru-RU", "ukr"),
            taken only when the text is too short to tell, or to break a tie.
    Returns:
        "ru", "uk", "kk", "uz", "en", "ar", ... or "und".
    """
    declared = language_tag(hint)
    sample = _APOSTROPHES.sub("'", (text or "")[:DETECT_CHARS].lower())
    letters = Counter(sample)
    by_script: Counter = Counter()
    for ch, n in letters.items():
        script = _script(ch)
        if script:
            by_script[script] += n
    total = sum(by_script.values())
    if total < MIN_LETTERS:
        return declared or UNDETERMINED
    script, count = by_script.most_common(1)[0]
    if script == "Han" and by_script.get("Kana"):
        return "ja"
    if script not in _SHARED_SCRIPTS:
        return SCRIPT_LANGUAGES.get(script, UNDETERMINED)
    langs = _SHARED_SCRIPTS[script]
    words = Counter(_WORD.findall(sample))
    n_words = sum(words.values()) * count / total  # the script's share of the words
    scores, evidence, foreign_to_russian = _scores(script, langs, letters, words, sample)
    best = max(langs, key=lambda lang: (scores[lang], lang == declared, -langs.index(lang)))
    if evidence[best] >= max(MIN_EVIDENCE, MIN_SHARE * n_words) and scores[best] > 0:
        return best
    # Too little to tell by.
    if declared and script in _SCRIPTS_OF.get(declared, ()):
        return declared
    if script == "Cyrillic" and foreign_to_russian <= RUSSIAN_FOREIGN_LETTERS * count:
        return RUSSIAN
    return UNDETERMINED


def _scores(script: str, langs: tuple[str, ...], letters: Counter, words: Counter, sample: str) -> tuple[dict, dict, int]:
    """Per language: score and evidence (function words + letters of its own); and the
    letters of the sample Russian lacks (Cyrillic only, else 0)."""
    fw = dict.fromkeys(langs, 0)
    for word, n in words.items():
        for lang in _FUNCTION_INDEX.get(word, ()):
            if lang in fw:
                fw[lang] += n
    own = dict.fromkeys(langs, 0)
    against = dict.fromkeys(langs, 0)
    foreign_to_russian = 0
    if script == "Cyrillic":
        for ch, n in letters.items():
            if not "\u0400" <= ch <= "\u052f" or not ch.isalpha():
                continue
            lacking = _LACKING.get(ch, langs)  # a letter of no alphabet here: against them all
            for lang in lacking:
                against[lang] += n
            if ch not in RUSSIAN_ALPHABET:
                foreign_to_russian += n
                for lang in langs:
                    if lang not in lacking:
                        own[lang] += n
    else:
        marks = LETTER_MARKS[script]
        for lang in langs:
            own[lang] = sum(letters.get(ch, 0) for ch in marks.get(lang, ()))
        if script == "Latin" and "uz" in own:
            own["uz"] += sample.count("o'") + sample.count("g'")
    evidence = {lang: fw[lang] + own[lang] for lang in langs}
    # Letters of its own are evidence that the text is no Russian, not a score: a Ukrainian
    # «і» counted for Ukrainian as well as against Russian weighed a quoted Ukrainian
    # phrase twice; against the others it is counted already.
    scores = {lang: fw[lang] + (own[lang] if script != "Cyrillic" else 0) - against[lang] for lang in langs}
    return scores, evidence, foreign_to_russian
