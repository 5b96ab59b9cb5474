"""Word lists of page chrome in Russian news dumps: one home for the dump cleaner's vocabulary.

A crawler flattens the whole page, so next to the article stand menus, share and "listen"
widgets, consent and subscription banners, typo prompts, legal footers and comment forms.
These lists name them by their words. They are general (any Russian news site shows some of
them), not fitted to one layout: each group says which class of line it covers.
"""

from __future__ import annotations

import re

from ..nlp._lexicon import CLOSE_ONLY_MARKS, EITHER_MARKS, OPEN_ONLY_MARKS

__all__ = [
    "AD_LABEL",
    "call_to_reader",
    "LANGUAGE_SWITCH",
    "BANNER_PHRASES",
    "CHROME_PHRASES",
    "CHROME_START",
    "COMMENT_HEADER",
    "comment_genre",
    "FOOTER_PHRASES",
    "is_banner",
    "unquoted_subscribe",
    "NAV_WORDS",
    "SITE_NOTICE_PHRASES",
    "site_notice",
    "STOP_LABEL",
    "TYPO_PROMPT",
    "UI_WORDS",
    "WIDGET_START",
]

# Labels of the "listen" and "copy the link" widgets and the opening of a consent banner, at
# a line's start (lower-cased): shared by the dump cleaner (``CHROME_START``) and the HTML
# cleaner's junk lines. A sentence opening with "Озвучить" is text: the label stands alone.
WIDGET_START = (
    r"(?:про)?слушать(?: (?:новость|статью|текст|материал))?$|озвучить(?: (?:новость|статью|текст|материал))?$|"
    r"остановить прослушивание|(?:с?копировать|скопируйте) ссылку|ссылка скопирована|"
    r"мы используем (?:файлы )?(?:cookie|куки)"
)

# Lines that are page chrome whatever their length: navigation, sharing, legal notes,
# comment forms, "read also" links, credits; since issue 16 also the audio widget
# ("Прослушать новость"), "copy the link", search forms, accessibility skip links and
# consent banners that open with "Мы используем cookie"; since the third windows set the
# breadcrumb trail ("Главная — Политика — Заголовок"). Matched on the lower-cased line start.
CHROME_START = re.compile(
    r"^(?:(?:читайте|читай|смотрите|смотри|см\.) (?:также|еще|ещё|тоже|в разделе|другие|на)|читайте:|"
    r"(?:новост[ьи]|ссылки|статьи|материалы|публикации|видео|фото) по теме|по теме:|"
    r"(?:другие|похожие|последние|популярные|главные|лучшие|свежие) (?:новости|статьи|материалы|публикации|видео)|"
    r"(?:источник|по материалам|фото|фотографии|видео|теги|тэги|метки|ключевые слова|рубрик[аи]|раздел|"
    r"автор|авторы|опубликовано|добавлено|обновлено|дата|просмотр\w*|прочтени\w*|комментари\w*|рейтинг|"
    r"оценка|оцените|поделиться|поделитесь|подписаться|подпишитесь|e-?mail|пароль|логин|имя|текст)\s*:|"
    r"по материалам|фото |просмотр|перегляд|прочтени|комментари|коментари|обсудить|обсуждение$|"
    r"(?:добавить|оставить|написать|ваш|все|читать) (?:\w+ )?(?:комментари|отзыв)|ваше (?:имя|мнение)|"
    r"войти|вход |регистрац|зарегистрир|забыли пароль|подписаться|поделиться|рассказать друзьям|"
    r"отправить (?:другу|по почте|ссылку)|распечатать|версия для печати|печать$|в блог|код для|"
    r"копировать в блог|нравится|твитнуть|tweet|оцените|голосовать|реклама|на правах рекламы|"
    r"главная$|главная страница|главная\s*[-–—»/>|›]|на главную|назад$|вернуться|предыдущая|следующая|все новости|все видео|"
    r"все фото|все материалы|архив новостей|карта (?:сайта|портала)|контакты|о проекте|о нас$|загрузка|loading|"
    r"©|\(c\)|copyright|все права|перепечатк|при (?:использовании|перепечатке|цитировании|копировании)|"
    r"использование материалов|если вы (?:заметили|нашли)|нашли (?:ошибку|опечатку)|ошибка в тексте|опечатка|выделите|"
    r"мнение редакции|редакция не несет|цитировать$|ответить$|цитата:|увеличить шрифт|уменьшить шрифт|"
    r"закрыть$|подробнее$|читать (?:далее|полностью|дальше)|"
    + WIDGET_START + "|"
    r"форма поиска|поиск по сайту|найти на сайте|"
    r"accessibility|skip to|перейти к (?:содержанию|основному|навигации|контенту)|версия для слабовидящих|"
    r"(?:этот )?сайт использует|принять (?:все )?(?:cookie|куки)$|"
    r"пожаловаться$|показать (?:ещ[её] )?(?:\d+ )?(?:комментари|ответ))"
)

# Chrome phrases anywhere in a line (legal footers, typo reports, comment rules, addresses,
# and since issue 16 consent, cookie and subscription banners, which are full sentences:
# "Продолжая пользоваться сайтом, вы соглашаетесь с использованием файлов cookie").
# Plain substrings: one ``in`` test each is much cheaper than a regex alternation. News uses
# some banner phrases too ("Оформить подписку на газету можно на почте", "новая редакция
# политики конфиденциальности"): in a long sentence those mark a banner only when it speaks to
# the reader (``is_banner``).
BANNER_PHRASES = (
    "файлы cookie", "файлов cookie", "cookie-файл", "использует cookie", "используем cookie",
    "политикой конфиденциальности", "политики конфиденциальности", "согласие на обработку персональных",
    "продолжая пользоваться сайтом", "продолжая использовать сайт", "оформите подписку", "оформить подписку",
)
CHROME_PHRASES = (
    "ctrl", "все права защищены", "гиперссылк", "использовании материал", "перепечатке материал",
    "копировании материал", "уважайте труд", "зарегистрированные пользователи", "оставлять комментарии",
    "правила комментирования", "правила использования", "мнение редакции может не совпадать",
    "за содержание рекламы", "http://", "https://", "www.", "подписывайтесь", "подпишитесь",
    "присоединяйтесь к нам", "в социальных сетях",
    # since the third windows set: the promo speaking to the reader as "ты" ("Не пропусти,
    # подписывайся!") and the note sending to the print edition ("Полный текст читайте в
    # печатной версии ...")
    "подписывайся", "подпишись", "полный текст читайте", "читайте в печатной",
) + BANNER_PHRASES

# The call to subscribe ("Подпишитесь", "Подписывайся"): a promo line, or a long one calling
# the reader itself; news quotes it too («Подпишись на канал и получи приз», the bait of a
# swindle), so in a long sentence it marks chrome only outside quotation marks
# (``unquoted_subscribe``).
SUBSCRIBE_PHRASES = ("подписывайтесь", "подпишитесь", "подписывайся", "подпишись")

# The phrases that mark even a long sentence as chrome: legal and comment-rule footers
# (banners: ``is_banner``; subscription calls: ``unquoted_subscribe``).
FOOTER_PHRASES = tuple(
    p
    for p in CHROME_PHRASES
    if p not in ("http://", "https://", "www.", "в социальных сетях") and p not in BANNER_PHRASES and p not in SUBSCRIBE_PHRASES
)

def _quoted_at(text: str, at: int) -> bool:
    """Is position ``at`` inside a quotation? The marks of the one quotation-mark table
    (``nlp._lexicon``): a mark that may open or close (“, ") closes a quotation that is open
    and opens one otherwise, so «…», „…“ and English “…” all count."""
    depth = 0
    for ch in text[:at]:
        if ch in OPEN_ONLY_MARKS:
            depth += 1
        elif ch in CLOSE_ONLY_MARKS:
            depth = max(0, depth - 1)
        elif ch in EITHER_MARKS:
            depth = depth - 1 if depth else 1
    return depth > 0


def unquoted_subscribe(low: str) -> bool:
    """Whether a lower-cased line calls to subscribe outside quotation marks ("Подписывайтесь на
    наш канал", not «Подпишись на канал и получи приз» or “Подпишись …” quoted by a news
    sentence)."""
    for phrase in SUBSCRIBE_PHRASES:
        at = low.find(phrase)
        while at >= 0:
            if not _quoted_at(low, at):
                return True
            at = low.find(phrase, at + 1)
    return False

# A banner speaks to the reader: "вы соглашаетесь", "мы используем", "ваши данные", "оформите".
_READER = re.compile(r"(?<![а-яё])(?:вы|вас|вам|вами|ваш\w*|мы|нас|нам|наш\w*|оформите)(?![а-яё])")


# Banner phrases that news sentences use too (a subscription campaign, a new privacy policy):
# in a long sentence they mark a banner only when it speaks to the reader. The cookie and
# consent phrases mark one whatever the length ("Сайт использует файлы cookie ..., продолжение
# работы с сайтом означает согласие ..." names no reader).
NEWS_BANNER_PHRASES = ("политикой конфиденциальности", "политики конфиденциальности", "оформите подписку", "оформить подписку")

# A site notice over the page ("Ведутся технические работы ... скорость работы сайта. Приносим
# извинения за неудобства"; fresh check set of issue 16). News says the same of a substation or
# a water main ("На подстанции ведутся технические работы", a utility's «Приносим извинения за
# неудобства»): the phrase marks a notice only on a short line or with the site named.
SITE_NOTICE_PHRASES = ("ведутся технические работы", "приносим извинения за неудобства")
SITE_NOTICE_WORDS = 6
_SITE_WORD = re.compile(r"(?<![а-яё])(?:сайт|портал)\w*")


def site_notice(low: str, words: int) -> bool:
    """Whether a lower-cased line is the site's own notice of maintenance."""
    return any(phrase in low for phrase in SITE_NOTICE_PHRASES) and (words <= SITE_NOTICE_WORDS or _SITE_WORD.search(low) is not None)


def is_banner(low: str, prose: bool) -> bool:
    """Whether a lower-cased line is a consent, cookie or subscription banner: it holds a
    banner phrase, and when that phrase is one news uses too (``NEWS_BANNER_PHRASES``) and the
    line is a long sentence (``prose``), it speaks to the reader; a news sentence about
    subscriptions or privacy rules names the same things about others."""
    if site_notice(low, len(low.split())):
        return True
    found = [phrase for phrase in BANNER_PHRASES if phrase in low]
    if not found:
        return False
    if not prose or any(phrase not in NEWS_BANNER_PHRASES for phrase in found):
        return True
    return _READER.search(low) is not None

# Labels that open a list of other articles or the comments: a long run of chrome holding one
# of them ends the article (a single "Новость по теме" box between paragraphs does not).
# Since the windows set of issue 16 also the headings of recommendation blocks ("Может быть
# интересно", "Самое читаемое", "Выбор читателей", "Новости партнеров", "Новостные рубрики"):
# the dates under them are the teasers', and they are no outlet's name; since the third windows
# set the comments widget of a blog platform ("Свежие комментарии").
STOP_LABEL = re.compile(
    r"^(?:(?:читайте|читай|смотрите|смотри) (?:также|еще|ещё|другие)|(?:новост[ьи]|статьи|материалы|ссылки|публикации) по теме|"
    r"по теме|(?:другие|похожие|последние|популярные|читаемые|главные) (?:новости|статьи|материалы)|"
    r"(?:вам )?(?:может быть|будет) интересно|самое (?:читаемое|популярное|интересное|обсуждаемое|важное)|"
    r"выбор (?:читателей|редакции)|(?:новости|материалы) партн[её]ров|новостные рубрики|новостная лента$|"
    r"ещ[её] по теме|популярное$|интересное$|рекомендуем$|не пропустите|сейчас читают|"
    r"комментари|обсуждение|добавить (?:\w+ )?комментари|оставить (?:\w+ )?комментари|ваш комментарий|отзывы|"
    r"(?:свежие|последние|новые|лучшие) комментари|"
    r"мнения читателей|ответы читателей)"
)

# The typo prompt that closes many articles' text ("Нашли опечатку? Выделите фрагмент и нажмите
# Ctrl+Enter"), told from a subheading asking the same ("Нашли ошибку в квитанции?") by its verb.
TYPO_PROMPT = r"нашли (?:опечатку|ошибку)[?!.]?\s+выделите"

# A label announcing an advertisement: the line after it is the ad.
AD_LABEL = re.compile(r"^(?:реклама|на правах рекламы|advertisement|спонсор\w*)\s*:?\s*$")

# Lines that open or close a reader comment: nothing after them is the article.
COMMENT_HEADER = re.compile(r"^(?:#\d+|[+-]?\d+\s+#\d+|(?:ответить|цитировать|пожаловаться)$)")

# A headline of the news genre "Комментарий мэра по уборке снега" (an official's comment):
# "комментарий" then at least three more words, no count, colon or bracket. The comments
# label is "Комментарии", "Комментарии (5)", "Комментариев: 3", "Комментарии пользователей".
_COMMENT_GENRE = re.compile(r"^комментарий(?: [^\s\d:(]+){3,}$")


def comment_genre(low: str) -> bool:
    """Whether a lower-cased line is a headline of the "Комментарий <кого> ..." genre, which
    opens with the comments label's word but names no comments (windows set of issue 16)."""
    return bool(_COMMENT_GENRE.match(low))


# Labels that may open the page but are not an outlet's name; since the review of issue 16
# also the rubrics of a news site's menu, so that a menu flattened onto one line ("Политика
# Экономика Общество", "Новости Статьи Видео": every word a label) is no logo line either.
NAV_WORDS = frozenset({
    "главная", "главная страница", "новости", "на главную", "вход", "войти", "регистрация", "rss",
    "меню", "поиск", "карта сайта", "контакты", "реклама", "loading", "загрузка",
    "статьи", "публикации", "видео", "фото", "мнения", "блоги", "лента", "лента новостей", "архив",
    "политика", "экономика", "общество", "культура", "спорт", "происшествия", "наука", "технологии",
    "здоровье", "образование", "туризм", "бизнес", "финансы", "авто", "недвижимость", "интервью",
    "колонки", "аналитика", "истории", "регионы", "мир", "война", "криминал", "шоу-бизнес", "стиль",
    "фотогалерея", "фоторепортаж", "видеорепортаж", "подкасты", "спецпроекты", "афиша", "погода",
    # rubrics named by a place phrase (windows set of issue 16: "В мире" above the headline)
    "в мире", "в россии", "в стране", "в регионах", "за рубежом", "в городе", "в области",
    # a breadcrumb's label (fresh check set of issue 16)
    "вы здесь", "вы здесь:",
})

# A language switch: one or more language codes alone on a line ("EN", "Eng | Geo | Rus",
# "Қаз Рус"): the site's other editions, never its name or a headline (fourth windows set of
# issue 16: "EN" above the headline read as a logo in capitals).
LANGUAGE_SWITCH = re.compile(
    r"(?i)^(?:(?:en|eng|english|ru|rus|ру|рус|русский|kz|kaz|қаз|каз|uz|uzb|ўз|узб|kg|kyr|кыр|az|aze|азе|am|arm|hy|"
    r"ge|geo|ka|ua|ukr|укр|by|bel|бел|lv|lat|lt|lit|ee|est|de|fr|tr|tj|taj|tk|tm|md|ro|mol)\b[\s|/•·,]*)+$"
)

# Words of interface labels ("Форма поиска", "Accessibility links", "Прослушать новость",
# "Версия для слабовидящих", and since the third windows set "Размер шрифта"; since the outlet
# chooser "Сделать стартовой | В Избранное", "Добавить в закладки", "ЛогинПарольЗапомнить"): a short line
# holding one is a widget, never an outlet's name.
# A call to the reader opening a line: a widget or a link ("Перейти в «Мою Ленту»",
# "Подпишитесь на «Газету.Ru»"), even when it quotes the outlet's name: never a name itself.
READER_CALL = re.compile(
    r"^(?:перейти|перейдите|подпишитесь|подписывайтесь|подписаться|читайте|смотрите|слушайте|скачайте|"
    r"скачать|следите|присоединяйтесь|узнайте|нажмите|добавьте|поделитесь|включите|установите|"
    r"заходите|зайдите|оставайтесь|будьте|присылайте|пишите)\b"
)


# A short call to the reader, closing with a plural imperative and "!" ("Есть новость?
# Присылайте!", "Подписывайтесь!"), or opening with one of ``READER_CALL`` in a line that
# speaks as the site ("Следите за нашими новостями в удобном формате", "Присылайте нам
# новости"): a site's widget label, never a headline (saved HTML set of issue 16: iz.ru).
_CALL_CLOSING = re.compile(r"(?<![а-яё])[а-яё]{3,}(?:[иа]?йте|ите|ьте)(?:сь)?(?:\s+[а-яё]+){0,3}\s*!$")
_SITE_SPEAKS = re.compile(r"(?<![а-яё])(?:наш[а-яё]*|нас|нам)(?![а-яё])")
CALL_TO_READER_MAX_WORDS = 8


def call_to_reader(low: str, words: int) -> bool:
    """Whether a short lower-cased line is a call to the reader (see ``_CALL_CLOSING``)."""
    if words > CALL_TO_READER_MAX_WORDS or _quoted_at(low, len(low) - 1):
        return False
    return _CALL_CLOSING.search(low) is not None or (READER_CALL.match(low) is not None and _SITE_SPEAKS.search(low) is not None)

UI_WORDS = frozenset(
    """
    поиск поиска найти меню навигация прослушать слушать озвучить ссылку ссылка скопировать шрифт шрифта
    копировать версия слабовидящих войти вход регистрация подписка подписаться форма кнопка
    избранное стартовой закладки закладку логин пароль запомнить добавить
    закрыть открыть развернуть свернуть показать скрыть далее назад вперед вперёд наверх
    accessibility links skip content search menu navigation login subscribe share listen
    twitter facebook vk вконтакте telegram телеграм instagram youtube одноклассники whatsapp
    """.split()
)
