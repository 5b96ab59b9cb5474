"""The lines of a crawler dump, one by one (step 1 of ``clean.dump``): what kind each line is.

Each line gets its features (``_Line``: words, a date, a sentence ending, a heading's shape) and a
kind: ``body``, ``weak`` or ``chrome`` (``hard`` chrome for comment headers, feed items with times,
legal lines), by the chrome-line tests here (menu and share vocabulary, link lists, code, counters,
comment headers, banners). Runs of list items and a comments widget are marked after the lines are
classified. Split from ``clean.dump`` (issue 12).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._counters import COMMENT_WORD
from ._chrome import AD_LABEL, CHROME_PHRASES, call_to_reader, CHROME_START, COMMENT_HEADER, FOOTER_PHRASES, NAV_WORDS, STOP_LABEL, comment_genre, is_banner, site_notice, unquoted_subscribe
from ._dumpmeta import CAPS_SAMPLE_WORDS, caps_share
from ._names import FUNCTION_WORDS, NAME_SEPARATORS
from ._dates import SENTENCE_DATE_WORDS, ShownDate, find_date, sentence_date, wordy_untimed


# Words a headline may have (fewer is a label, more is a paragraph).
TITLE_WORDS = (3, 25)

# A sentence-like line needs this many words to count as body on its own; shorter sentences
# (promos, captions, comment one-liners, but also short paragraphs) only count inside a block.
BODY_MIN_WORDS = 10

# Lines this long count as body even without a final punctuation mark (quotes, cut endings).
BODY_LONG_WORDS = 20

# Share of capitalised words above which a line of 4+ words is a link list ("Политика Экономика").
LINK_CAPS_SHARE = 0.6

# Share of Cyrillic among the non-space characters a body line must reach (code, English ads).
MIN_CYRILLIC_SHARE = 0.45

# Characters of a line read for the Cyrillic share and chrome phrases: enough to judge a
# paragraph, and it keeps the cost per line flat on pages with very long lines.
SAMPLE_CHARS = 400

# Scores for the block search: a body line earns per word, chrome costs a fixed amount.
WORD_SCORE = 1 / 8
BODY_BASE = 1.0
WEAK_SCORE = 0.3
CHROME_COST = -1.0
HARD_CHROME_COST = -3.0

# Teaser lists (headline, lead, headline, lead...): a lead between two headlines in a chain
# of at least LIST_CHAIN such leads keeps this share of its score.
LIST_CHAIN = 3
LIST_WINDOW = 8  # lines either side searched for the rest of the chain
LIST_FACTOR = 0.2

# Extra cost of a heading-like line inside a run (teaser lists alternate headline and lead).
HEADING_COST = -0.5

# A line of this many words ending like a sentence is prose, whatever word it starts with.
PROSE_MIN_WORDS = 15

# A comment head ("Ольга, 2 дня назад") has at most this many words, and a page holding at
# least this many such lines has a comment thread (one alone may be the byline).
USER_LINE_WORDS = 5

# A line showing a relative date without digits ("Вчера", "два дня назад") holds at most this
# many other words (a user name, "в", "обновлено").
RELATIVE_MAX_REST = 2

# A time at the start of a line ("19:23 Заголовок ...") marks a feed item.
_TIME_START = re.compile(r"^\s*\[?\d{1,2}:\d\d(?:\]|\s)")

# A quote closed with its stop, then the speaker's credit glued on: «...».Пресс-служба ДП Заречного.
# The credit is glued right after the quote's stop, no space between: a headline quoting someone
# with a dash before the name («Мы справимся» — Петр Сомов) is no such line.
_QUOTE_CREDIT = re.compile(r"^[«\"„“].{20,}[»\"“”][.!?]?\.(?=[А-ЯЁA-Z])[\w .«»\"-]{2,60}$|^[«\"„“].{20,}[.!?][»\"“”](?=[А-ЯЁA-Z])[\w .«»\"-]{2,60}$")

# A numeric date opening a line ("1.03.2022 ", "05/12/2025 "), with no time after it.
_NUMERIC_DATE_START = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}\s+[^\d\s]")

# A list bullet standing alone on its line: the marker of a teaser list's item (a feed of the
# author's or the rubric's other news under the text), never part of a paragraph (third
# windows set of issue 16).
_BARE_BULLET = re.compile(r"^[-–—•·*]$")

# Raw HTML or code shown as text ("код для блога").
_CODE = re.compile(r"</?[a-z][a-z0-9]*[\s>]|[{};]\s*$|=\s*\"")

# Cyrillic letters, for the Cyrillic share; everything but word characters and spaces.
_NOT_CYRILLIC = re.compile(r"[^а-яёА-ЯЁ]+")
_DIGIT = re.compile(r"\d")
# A sentence boundary inside a line: prose, not a headline.
_SENTENCE_BREAK = re.compile(r"[а-яё]{2}[.!?] [А-ЯЁ]")
_WORD = re.compile(r"[а-яёa-z]+")

# A word of the comments label: ``_counters.COMMENT_WORD``.
_COMMENT_WORD = re.compile(COMMENT_WORD)

# Closing quotes and brackets that may follow a sentence end.
_CLOSERS = "\"'»”’)]*"

# A count of the channel's audience or reactions ("72 001 подписчик", "1,2 тыс. читателей"): a
# counter of a blog platform's channel header, never a headline.
_AUDIENCE_COUNT = re.compile(r"(?i)^[\d\s.,]+(?:тыс\.?|млн\.?|k|к)?\s*(?:подписчик|читател|просмотр|лайк|реакци|оценк|отзыв|комментари)\w*$")

# A photo credit: a line carrying one is a caption, never the headline, even when it
# repeats the headline's words ("... жвачку. Фото с сайта example.ru").
_PHOTO_CREDIT = re.compile(r"(?i)(?:^|[\s.(])(?:фото|photo|иллюстрация|кадр)(?:\s*[:\-–—©]|\s+(?:с сайта|из|предоставлено|автора))")

# A caption ending with its photo credit, a photographer's name and the agency after a slash
# ("... и другие новости. Paulius Peleckis/BNS", "... на месте взрыва. Сергей Бобылев/ТАСС"):
# a paragraph ends like a sentence, not with a credit.
_CAPTION_CREDIT = re.compile(r"(?:^|[.!?]\s+)[A-ZА-ЯЁ][\w'-]+ [A-ZА-ЯЁ][\w'-]+ ?/ ?[A-ZА-ЯЁ][\w.-]*[A-ZА-ЯЁ]\s*$")


# Prepositions and conjunctions: words that tie a phrase together, not content words.
TIE_WORDS = FUNCTION_WORDS | frozenset("что чтобы а но или как если когда который которая которое которые не".split())

# A run of two lower-case words, neither a preposition nor a conjunction: a phrase ("Из
# жизни ушел Почетный Гражданин Заречья ..."), never a row of menu labels, whatever its capitals.
_LOWER_PAIR = re.compile(r"(?<!\S)([а-яё]{2,})\s+([а-яё]{2,})(?!\S)")


@dataclass(slots=True)
class _Line:
    """One non-empty dump line with the features the cleaner uses."""

    text: str
    words: int
    kind: str  # "body" | "weak" | "chrome" | "hard"
    heading: bool  # could be a headline
    sentence_end: bool
    dated: bool  # shows a date or time
    stop: bool = False  # a label opening related links or comments
    score: float = 0.0
    user: bool = False  # a user name with a time: the head of a reader comment (or a byline)


def _ends_sentence(text: str) -> bool:
    """Whether the line ends like a sentence (closing quotes and brackets skipped), or is a quote
    closed by its stop with the speaker's credit glued after it ("«...мероприятия».Пресс-служба
    полиции"): a cited statement, whose credit replaces the stop (fourth windows set of issue 16)."""
    tail = text.rstrip(_CLOSERS + " ")
    return bool(tail) and (tail[-1] in ".!?…;" or (text[:1] in "«\"„“" and _QUOTE_CREDIT.match(text) is not None))


def _chrome_phrase(low: str, words: int, prose: bool = False) -> bool:
    """Whether a lower-cased line holds a chrome phrase (a short line naming comments counts).

    In prose (a long sentence) a web address is part of the text, not a link line.
    """
    sample = low[:SAMPLE_CHARS]
    if any(phrase in sample for phrase in (FOOTER_PHRASES if prose else CHROME_PHRASES)):
        return True
    if prose and (is_banner(sample, prose) or unquoted_subscribe(sample)) or site_notice(sample, words):
        return True
    if "ссылк" in sample and "обязательн" in sample:
        return True  # "ссылка на ... обязательна"
    # A short line naming comments ("Комментарии 5", "Все комментарии"), not a headline with
    # the verb ("Мэр прокомментировал ситуацию с водой"): the word starts with "коммент".
    return words <= 8 and _COMMENT_WORD.search(sample) is not None


def _comment_header(low: str) -> bool:
    """A line that heads a reader comment ("#3 Имя 05.01.12", "(id: 123)", "Ответить")."""
    return "(id:" in low or bool(COMMENT_HEADER.match(low))


def _has_date(text: str, words: int) -> bool:
    """Cheap test that a line shows a date or a time (no full parse).

    "Сегодня", "вчера" and ages ("два дня назад") count only in lines that are the date and at
    most a name: in headlines and prose they are words, not dates; so is a date in words that
    belongs to a headline's sentence (``_dates.sentence_date``). Lines longer than a headline
    are never date lines, so they are not searched (speed).
    """
    if words > TITLE_WORDS[1]:
        return False
    if _DIGIT.search(text) is not None:
        if _TIME_START.match(text) is not None or re.search(r"\d:\d\d", text):
            return True
        shown = find_date(text)
        return shown is not None and not sentence_date(text, shown)
    if words > 8:
        return False
    low = text.lower()
    if not ("сегодня" in low or "вчера" in low or "назад" in low):
        return False
    # A relative date line is the date and little else ("Вчера", "Ольга, два дня назад"); a
    # headline holding the word is no date line ("Вчера Заречный остался без света",
    # "Десять лет назад ..."): a dated line is never taken for a headline.
    shown = find_date(text)
    if shown is None:
        return False
    return len(_WORD.findall((text[: shown.start] + " " + text[shown.end :]).lower())) <= RELATIVE_MAX_REST


_LETTER = re.compile(r"[^\W\d_]")


def _cyrillic_share(text: str, letters_only: bool = False) -> float:
    """Share of Cyrillic letters among the non-space characters of a line's start (speed), or
    with ``letters_only`` among its letters: a headline full of model numbers and prices
    ("Игровой Dell G5 15 SE (Ryzen 5 4600H) за $685 = 51000 рублей") is Russian, though its
    digits and signs outnumber its Russian letters (saved HTML set of issue 16)."""
    head = text[:SAMPLE_CHARS]
    total = len(_LETTER.findall(head)) if letters_only else len(head) - head.count(" ")
    return len(_NOT_CYRILLIC.sub("", head)) / total if total else 0.0


def _chrome_vocabulary(low: str, words: int, sentence_end: bool) -> bool:
    """Whether a lower-cased line opens with or holds chrome words.

    A long sentence is prose even when it opens with a chrome word ("Реклама алкоголя
    запрещена ...", "Вернуться к переговорам ...") or names a web address: only the footer
    phrases mark it.
    """
    prose = words >= PROSE_MIN_WORDS and sentence_end
    if comment_genre(low):
        # "Комментарий мэра по уборке снега": a headline, not the comments label; only the
        # chrome phrases (a footer, a banner) still mark it.
        sample = low[:SAMPLE_CHARS]
        return any(phrase in sample for phrase in (FOOTER_PHRASES if prose else CHROME_PHRASES)) or (prose and unquoted_subscribe(sample))
    # A pager's arrows before its words ("« предыдущая к списку новостей следующая »"): an arrow
    # stands apart, a quote opening a headline («Новости по теме» — ...) is glued to its word.
    return (not prose and bool(CHROME_START.match(_PAGER_ARROWS.sub("", low)))) or _chrome_phrase(low, words, prose)


_PAGER_ARROWS = re.compile(r"^(?:[«‹<←]+\s+)+")


def _shows_code(text: str) -> bool:
    """Whether a line is raw HTML or code shown as text."""
    return ("<" in text or "{" in text) and bool(_CODE.search(text))


def _separators(text: str) -> int:
    """How many menu separators ("|", " » ", " / ", " • ") a line holds."""
    return text.count("|") + text.count(" » ") + text.count(" / ") + text.count(" • ")


def nav_row(tokens: list[str]) -> bool:
    """Whether at least half of a line's words are navigation labels ("НОВОСТИ ПОЛИТИКА СПОРТ")."""
    return 2 * sum(t.lower().strip(",.") in NAV_WORDS for t in tokens) >= len(tokens)


def _link_list(tokens: list[str], sentence_end: bool, separators: int) -> bool:
    """Whether a line is a list of links: mostly capitalised words, or menu separators.

    A line in capitals says nothing by its capitals: a headline set in capitals ("ВЛАСТИ
    ЗАРЕЧНОГО ОТКРЫЛИ БИБЛИОТЕКУ") is no menu; it is one when most of its words are
    navigation labels ("НОВОСТИ ПОЛИТИКА ЭКОНОМИКА СПОРТ").
    """
    n = len(tokens)
    if separators >= 2:
        return True
    if n < 4 or sentence_end:
        return False
    if " ".join(tokens[:CAPS_SAMPLE_WORDS]).isupper():
        return nav_row(tokens)
    return caps_share(tokens) > LINK_CAPS_SHARE and not _phrase(" ".join(tokens))


def _phrase(text: str) -> bool:
    """Whether a line holds two lower-case content words in a row ("жизни ушел"): a headline
    about named people has many capitals ("Из жизни ушел Почетный Гражданин Заречья Иван Громов"), a
    menu's labels are each capitalised ("О нас Контакты Реклама на сайте": "на" is a preposition)."""
    return any(a not in TIE_WORDS and b not in TIE_WORDS for a, b in _LOWER_PAIR.findall(text))


# A paragraph's opening whose linked source name the crawl lost ("Как сообщает", "Об этом пишет"):
# text, not a label (an AMP copy strips the links; fourth windows set of issue 16).
_REPORTING_FRAGMENT = re.compile(r"^(?:как|об этом|о чем|о чём|об этом также)\s+(?:сообщает|сообщают|сообщил[аи]?|пишет|пишут|передает|передаёт|передают|заявил[аи]?|отмечает|информирует)$", re.I)


def _prose_kind(text: str, words: int, dated: bool, sentence_end: bool) -> str:
    """Kind of a line by its sentence shape alone: ``body``, ``weak`` or ``chrome``."""
    if words >= BODY_MIN_WORDS and sentence_end:
        return "body"
    if words <= 4 and _REPORTING_FRAGMENT.match(text.strip()):
        return "weak"
    if words >= BODY_LONG_WORDS and ("," in text or _SENTENCE_BREAK.search(text)):
        return "body"
    if not dated and (words >= 3 and sentence_end or (text[:1] in "-–—•*" and words >= 3)):
        return "weak"
    return "chrome"


def _line_kind(text: str, words: int, dated: bool, sentence_end: bool, *, hard: bool, chrome_vocab: bool, foreign: bool) -> str:
    """Kind of a line: chrome by its flags first (``hard`` for the sure signs), then by its shape."""
    if hard:
        return "hard"
    if chrome_vocab:
        return "hard" if words >= 6 else "chrome"
    if dated and 4 <= words <= TITLE_WORDS[1] and not sentence_end:
        return "hard"  # a feed item: "19:23 Headline", "Headline 05/04, 12:30"
    if foreign:
        return "chrome"
    return _prose_kind(text, words, dated, sentence_end)


def _heading_words(text: str, words: int, dated: bool) -> int:
    """Words of a line read as a headline: a date run on at its end does not count; a date in
    words is part of a headline of at least ``SENTENCE_DATE_WORDS`` other words
    ("Библиотеку в Заречном откроют 15 марта"), shorter lines are bylines and date lines."""
    if not dated:
        return words
    # A headline may carry its own date run on at the end ("Заголовок 04.01.12 12:26").
    stripped, shown = _strip_date(text)
    if shown:
        return len(stripped.split())
    shown = find_date(text)
    if shown is not None and wordy_untimed(text, shown):
        other = len((text[: shown.start] + " " + text[shown.end :]).split())
        return other if other >= SENTENCE_DATE_WORDS else 0
    return 0


def _heading_shape(text: str, words: int, dated: bool, sentence_end: bool, separators: int) -> bool:
    """Whether a line is shaped like a headline: its length, its first letter and its ending."""
    first = text[:1]
    starts_ok = first.isupper() or first.isdigit() or first in "«\"„“'(-–—•*"
    return (
        TITLE_WORDS[0] <= _heading_words(text, words, dated) <= TITLE_WORDS[1]
        and not (separators and words <= 8 and not _bar_suffix(text, separators))
        and starts_ok
        and first not in "-–—•*("
        and not (sentence_end and text.rstrip(_CLOSERS + " ")[-1:] in ".;" and not _short_ellipsis(text, words))
        and not _TIME_START.match(text)
        and not text.endswith(":")
        and _PHOTO_CREDIT.search(text) is None
        and _AUDIENCE_COUNT.match(text) is None
    )


# A headline ending with an ellipsis has at most this many words ("Когда соседи ссорятся..."); a
# longer line ending so is a teaser's cut lead.
ELLIPSIS_TITLE_WORDS = 6


def _short_ellipsis(text: str, words: int) -> bool:
    """A short line ending with three dots: a headline's trailing-off ("Заречье: старое, новое,
    вечное..."), not a sentence's stop (fourth windows set of issue 16)."""
    return words <= ELLIPSIS_TITLE_WORDS and text.rstrip(_CLOSERS + " ").endswith("...")


def _bar_suffix(text: str, separators: int) -> bool:
    """A headline followed by its series' or outlet's name after one bar ("Провал переговоров |
    Заречье Live"): a headline of at least ``TITLE_WORDS[0]`` words before it, not a menu
    ("Новости | Спорт" has one word on each side)."""
    return separators == 1 and " | " in text and len(text.split(" | ", 1)[0].split()) >= TITLE_WORDS[0]


def _line_score(kind: str, words: int, heading: bool) -> float:
    """A line's score for the block search: body earns by its words, chrome costs."""
    if kind == "body":
        score = BODY_BASE + min(words, 120) * WORD_SCORE
    elif kind == "weak":
        score = WEAK_SCORE
    elif kind == "hard":
        score = HARD_CHROME_COST
    else:
        score = CHROME_COST
    if heading and kind != "body":
        score += HEADING_COST
    return score


def _classify(text: str, repeated: bool) -> _Line:
    """Features and kind of one line."""
    tokens = text.split()
    n = len(tokens)
    low = text.lower()
    dated = _has_date(text, n)
    sentence_end = _ends_sentence(text)
    cyrillic = _cyrillic_share(text) >= MIN_CYRILLIC_SHARE
    chrome_vocab = _chrome_vocabulary(low, n, sentence_end)
    code = _shows_code(text)
    separators = _separators(text)
    if _bar_suffix(text, separators):
        # "Заголовок | Заречье Live": the headline before the bar is judged, and a lower-case
        # word in it (a preposition, a verb) makes it a phrase, not a row of menu links.
        left = text.split(" | ", 1)[0].split()
        linky = not any(t[:1].islower() for t in left) and _link_list(left, sentence_end, 0)
    else:
        linky = _link_list(tokens, sentence_end, separators)
    comment = _comment_header(low)
    kind = _line_kind(
        text, n, dated, sentence_end,
        hard=repeated or code or comment or _BARE_BULLET.match(text) is not None, chrome_vocab=chrome_vocab,
        foreign=not cyrillic or linky or (not sentence_end and _CAPTION_CREDIT.search(text) is not None),
    )
    heading = (
        not (chrome_vocab or code or comment or linky)
        and (cyrillic or _cyrillic_share(text, letters_only=True) >= MIN_CYRILLIC_SHARE)
        and _heading_shape(text, n, dated, sentence_end, separators)
        and not call_to_reader(low, n)
    )
    line = _Line(text, n, kind, heading, sentence_end, dated, stop=bool(STOP_LABEL.match(low)) and n <= 6)
    line.score = _line_score(kind, n, heading)
    line.user = dated and n <= USER_LINE_WORDS and not sentence_end and _user_line(text)
    return line


def _user_line(text: str) -> bool:
    """A name and a time or age, nothing else: "Сергей_77 3 часа назад", "Ольга 28.03.2017 15:10".

    A place and a date in words without a time ("Заречный, 14 марта") is a dateline: a digest
    of news from several places has several, and they do not end the article.
    """
    shown = find_date(text)
    if shown is None or wordy_untimed(text, shown):
        return False
    rest = (text[: shown.start] + " " + text[shown.end :]).replace(",", " ").replace("·", " ").split()
    return 1 <= len(rest) <= 2 and rest[0][:1].isalpha()


def _strip_date(text: str) -> tuple[str, ShownDate | None]:
    """A headline without a date/time run on at its end ("Заголовок 04.01.12 12:26") or, since
    the fourth windows set of issue 16, printed before it ("1.03.2022 Заголовок": a news list's
    item page repeats the list's date and headline line)."""
    shown = find_date(text) if _DIGIT.search(text, max(0, len(text) - 20)) is not None or _DIGIT.match(text) else None
    if shown and wordy_untimed(text, shown):
        return text, None  # "... откроют 15 марта": the headline's own words, not a run-on date
    if shown and shown.start == 0 and shown.hour is None and _NUMERIC_DATE_START.match(text):
        rest = text[shown.end :].lstrip(" ,|-–—/")
        if TITLE_WORDS[0] <= len(rest.split()) and rest[:1].isupper():
            return rest, shown
    if shown and shown.start > 0 and len(text) - shown.end <= 2 and shown.start >= len(text) // 2:
        # "(20.09.2023 07:21)" in brackets after the headline: the opening bracket goes too.
        return text[: shown.start].rstrip(" ,|-–—/([").rstrip(), shown
    return text, None


def _strip_rubric(text: str) -> str:
    """A headline without its rubric's label glued before it with a stop ("Новости. В Заречном
    открыли школу"): the label is a menu word, the rest a headline of its own (check sets of
    issue 16)."""
    head, sep, rest = text.partition(". ")
    if sep and head.strip().lower() in NAV_WORDS and len(rest.split()) >= TITLE_WORDS[0] and rest[:1].isupper():
        return rest
    return text


def _mark_lists(lines: list[_Line]) -> None:
    """Demote teaser lists: body lines each between two heading lines, three or more in a row."""
    n = len(lines)
    sandwiched = [
        0 < i < n - 1
        and line.kind == "body"
        and lines[i - 1].heading
        and (lines[i + 1].heading or lines[i + 1].dated and lines[i + 1].kind != "body")
        for i, line in enumerate(lines)
    ]
    for i, flag in enumerate(sandwiched):
        if flag and sum(sandwiched[max(0, i - LIST_WINDOW) : i + LIST_WINDOW + 1]) >= LIST_CHAIN:
            lines[i].score *= LIST_FACTOR


def _classify_lines(texts: list[str], repeated: set[str] | frozenset[str]) -> list[_Line]:
    """Classify the lines of one dump, then demote ads, bare-label teasers and teaser lists."""
    lines = [_classify(t, t in repeated) for t in texts]
    for prev, line in zip(lines, lines[1:]):
        if AD_LABEL.match(prev.text.lower()):
            line.kind, line.score = "hard", HARD_CHROME_COST  # an inline advertisement
        elif prev.stop and prev.words <= 4 and line.kind in ("body", "weak"):
            line.kind, line.score = "chrome", CHROME_COST  # the teaser under a bare "Читайте также"
    _mark_widget(lines)
    _mark_lists(lines)
    _mark_doubled_headline(lines)
    _mark_dated_question(lines)
    return lines


def _after_paragraph(lines: list[_Line], i: int) -> bool:
    """Whether line ``i`` comes right after a paragraph of text: a headline opens the article,
    a line inside the text (a paragraph the crawl printed twice, an interview's question) does
    not (review of issue 16's rules)."""
    return i > 0 and lines[i - 1].kind == "body"


# A date line under a question headline holds at most this many words ("Добавлено: 04 ноября 2015").
DATE_LINE_WORDS = 6
# ... and may stand under a name of at most this many words (the outlet's, the rubric's).
SIGNATURE_WORDS = 2


def _mark_dated_question(lines: list[_Line]) -> None:
    """A headline asking a question ends like a sentence and may be as long as a paragraph
    ("Реформа за здравие Как изменилась районная медицина в Заречье за пять лет?"); with a short date
    line right under it, it is the headline, not the text's first paragraph (fresh check set of
    issue 16). So is one exclaiming, in one sentence or several ("Рекорд побит. Да, он сделал
    это!"), and the date may stand under a short name line (saved HTML set of issue 16: meduza.io)."""
    for i in range(len(lines) - 1):
        line, below = lines[i], lines[i + 1]
        if _after_paragraph(lines, i):
            continue  # an interview's question in the text, over a short dated answer
        ending = line.text.rstrip(_CLOSERS + " ")[-1:]
        if line.kind != "body" or not line.heading or ending not in ("?", "!"):
            continue
        if i + 2 < len(lines) and below.words <= SIGNATURE_WORDS and not below.dated and below.kind != "body":
            below = lines[i + 2]  # the outlet's or the rubric's name between ("Meduza")
        if (below.dated and below.words <= DATE_LINE_WORDS and below.kind != "body"
                and (ending == "!" or _SENTENCE_BREAK.search(line.text) is None)):
            line.kind = "chrome"
            line.score = _line_score("chrome", line.words, line.heading)


# A headline's copy may carry this many words of a rubric label before it ("Город Заголовок").
DOUBLED_PREFIX_WORDS = 3


def doubled(lines: list[_Line], i: int) -> bool:
    """Whether line ``i`` is a headline printed twice: the line before it is the same text, or
    ends with it after a short rubric label ("Город Смертельное ДТП ..." over "Смертельное ДТП
    ..."): the page's heading and its own repeat (fourth windows set of issue 16)."""
    if i == 0 or not lines[i].heading:
        return False
    prev, text = lines[i - 1].text, lines[i].text
    if prev == text:
        return True
    return prev.endswith(" " + text) and len(prev[: -len(text)].split()) <= DOUBLED_PREFIX_WORDS


# The page's browser title printed in the dump: the headline, a separator, the site's name of
# at most this many words ("Заголовок - Газета.Ru"), a few lines above the headline.
BROWSER_TITLE_NAME_WORDS = 4
BROWSER_TITLE_WINDOW = 12


def browser_title_copy(lines: list[_Line], i: int) -> int | None:
    """The line above headline ``i`` that is the page's browser title: the headline with the
    site's name run on after a separator ("Заголовок - Газета.Ru", printed in a hidden block).
    The title a page gives itself names its headline, not its deck (saved HTML set of issue 16)."""
    text = lines[i].text
    if not lines[i].heading:
        return None
    for j in range(max(0, i - BROWSER_TITLE_WINDOW), i):
        other = lines[j].text
        sep = NAME_SEPARATORS.match(other, len(text)) if other.startswith(text) else None
        if sep is not None and 0 < len(other[sep.end() :].split()) <= BROWSER_TITLE_NAME_WORDS:
            return j
    return None


def _mark_doubled_headline(lines: list[_Line]) -> None:
    """A headline printed twice is no paragraph, though it holds two sentences ("... спасения.
    Что произошло в Заречье за неделю?"): both copies are taken out of the body. A line printed
    twice that ends with a colon is a headline announcing a quote ("Губернатор обратился к
    жителям:"), not a label: labels are short."""
    for i in range(1, len(lines)):
        line = lines[i]
        if (line.text == lines[i - 1].text and line.text.endswith(":") and not line.heading
                and TITLE_WORDS[0] + 2 <= line.words <= TITLE_WORDS[1] and line.text[:1].isupper()
                and line.kind != "hard"):
            lines[i - 1].heading = line.heading = True
    for i in range(1, len(lines)):
        if doubled(lines, i) and lines[i].kind == "body" and not _after_paragraph(lines, i - 1):
            for j in (i - 1, i):
                lines[j].kind = "chrome"
                lines[j].score = _line_score("chrome", lines[j].words, lines[j].heading)


# The heading of a comments widget ("Свежие комментарии"): readers' comments on other posts
# follow it up to the next headline.
_COMMENTS_WIDGET = re.compile(r"^(?:свежие|последние|новые|лучшие) комментари\w*$")

# The widget holds at most this many lines.
WIDGET_LINES = 12


def _mark_widget(lines: list[_Line]) -> None:
    """Demote a comments widget: the lines after its heading up to the next headline (a blog
    platform shows the channel's fresh comments above the post; third windows set of issue 16)."""
    for i, line in enumerate(lines):
        if _COMMENTS_WIDGET.match(line.text.lower()):
            for j in range(i + 1, min(len(lines), i + 1 + WIDGET_LINES)):
                if lines[j].heading:
                    break
                lines[j].kind, lines[j].score = "hard", HARD_CHROME_COST
