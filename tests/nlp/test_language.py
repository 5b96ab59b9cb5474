"""Tests of svodka.nlp.language: the language of a text, by script, letters and function words (issue 16).

Every text here is the team's own, written for these tests in news style (fictional people).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from svodka.nlp import _languages
from svodka.nlp.language import DETECT_CHARS, detect_language, is_russian, language_tag

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "languages"

# One paragraph per language, as a news item would open.
TEXTS = {
    "ru": "Правительство представит новый бюджет на следующей неделе. По словам премьер-министра, это важный шаг для экономики страны, который поможет сохранить рабочие места.",
    "uk": "Уряд представить новий бюджет наступного тижня. За словами прем'єр-міністра, це важливий крок для економіки країни, який допоможе зберегти робочі місця.",
    "be": "Урад прадставіць новы бюджэт на наступным тыдні. Па словах прэм'ер-міністра, гэта важны крок для эканомікі краіны, які дапаможа захаваць працоўныя месцы.",
    "bg": "Правителството ще представи новия бюджет през следващата седмица. Според министър-председателя това е важна стъпка за икономиката на страната, която ще запази работните места.",
    "sr": "Влада ће представити нови буџет следеће недеље. Према речима премијера, то је важан корак за економију земље који ће сачувати радна места.",
    "mk": "Владата ќе го претстави новиот буџет следната недела. Според премиерот, тоа е важен чекор за економијата на земјата кој ќе ги зачува работните места.",
    "kk": "Үкімет жаңа бюджетті келесі аптада ұсынады. Премьер-министрдің айтуынша, бұл ел экономикасы үшін маңызды қадам және ол жұмыс орындарын сақтауға көмектеседі.",
    "ky": "Өкмөт жаңы бюджетти кийинки жумада сунуштайт. Премьер-министрдин айтымында, бул өлкөнүн экономикасы үчүн маанилүү кадам жана ал жумуш орундарын сактоого жардам берет.",
    "uz": "Ҳукумат янги бюджетни келгуси ҳафтада тақдим этади. Бош вазирнинг сўзларига кўра, бу мамлакат иқтисодиёти учун муҳим қадам бўлиб, иш ўринларини сақлашга ёрдам беради.",
    "tg": "Ҳукумат буҷаи навро ҳафтаи оянда пешниҳод мекунад. Ба гуфтаи сарвазир, ин барои иқтисоди кишвар қадами муҳим аст ва ба ҳифзи ҷойҳои корӣ кӯмак мекунад.",
    "tt": "Хөкүмәт яңа бюджетны киләсе атнада тәкъдим итәчәк. Премьер-министр сүзләренчә, бу ил икътисады өчен мөһим адым һәм ул эш урыннарын саклап калырга ярдәм итәчәк.",
    "mn": "Засгийн газар шинэ төсвийг ирэх долоо хоногт танилцуулна. Ерөнхий сайдын хэлснээр энэ нь улсын эдийн засгийн чухал алхам бөгөөд ажлын байрыг хадгалахад тусална.",
    "en": "The government will present the new budget next week. According to the prime minister, it is an important step for the economy of the country and will help to keep jobs.",
    "es": "El gobierno presentará el nuevo presupuesto la próxima semana. Según el primer ministro, es un paso importante para la economía del país que ayudará a mantener el empleo.",
    "de": "Die Regierung wird den neuen Haushalt in der nächsten Woche vorstellen. Nach Angaben des Ministerpräsidenten ist das ein wichtiger Schritt für die Wirtschaft des Landes.",
    "fr": "Le gouvernement présentera le nouveau budget la semaine prochaine. Selon le premier ministre, c'est une étape importante pour l'économie du pays qui permettra de préserver les emplois.",
    "tr": "Hükümet yeni bütçeyi gelecek hafta sunacak. Başbakana göre bu, ülke ekonomisi için önemli bir adım ve istihdamın korunmasına yardımcı olacak.",
    "pl": "Rząd przedstawi nowy budżet w przyszłym tygodniu. Według premiera jest to ważny krok dla gospodarki kraju, który pomoże utrzymać miejsca pracy.",
    "uz-latin": "Hukumat yangi byudjetni kelgusi haftada taqdim etadi. Bosh vazirning so‘zlariga ko‘ra, bu mamlakat iqtisodiyoti uchun muhim qadam bo‘lib, ish o‘rinlarini saqlashga yordam beradi.",
    "ar": "ستقدم الحكومة الميزانية الجديدة الأسبوع المقبل. وقال رئيس الوزراء إن هذه خطوة مهمة لاقتصاد البلاد وستساعد على الحفاظ على فرص العمل.",
    "fa": "دولت بودجه جدید را هفته آینده ارائه می کند. به گفته نخست وزیر، این یک گام مهم برای اقتصاد کشور است و به حفظ مشاغل کمک می کند.",
    "el": "Η κυβέρνηση θα παρουσιάσει τον νέο προϋπολογισμό την επόμενη εβδομάδα, σύμφωνα με τον πρωθυπουργό.",
    "ka": "მთავრობა ახალ ბიუჯეტს მომავალ კვირას წარადგენს.",
    "hy": "Կառավարությունը նոր բյուջեն կներկայացնի հաջորդ շաբաթ։",
    "he": "הממשלה תציג את התקציב החדש בשבוע הבא.",
    "zh": "政府将于下周公布新的预算。",
    "ja": "政府は来週、新しい予算を発表する。",
    "ko": "정부는 다음 주에 새 예산을 발표할 예정이다.",
}


@pytest.mark.issue(16)
@pytest.mark.parametrize("key", list(TEXTS))
def test_language_detect_each_language(key):
    assert detect_language(TEXTS[key]) == key.split("-")[0]


@pytest.mark.issue(16)
@pytest.mark.parametrize(
    "text",
    [
        # A Ukrainian sentence quoted in a Russian article.
        "Мэр Ужгорода пообещал восстановить парк к осени. «Ми зробимо все, щоб парк знову став улюбленим місцем відпочинку для всіх містян», — сказал он на встрече с жителями. "
        "По словам мэра, на работы из городского бюджета выделено около 40 миллионов гривен, а подрядчик должен заменить освещение.",
        # Kazakh names in Kazakh spelling in a Russian article.
        "Президент Казахстана Қасым-Жомарт Тоқаев провел встречу с акимом Алматы. Как сообщила пресс-служба Ақорды, стороны обсудили развитие города, "
        "а заместитель акима Әсел Жұмабекова рассказала о строительстве школ.",
        # An Uzbek phrase and an English title in a Russian article.
        "На форуме в Ташкенте министр заявил, что слоган «Янги Ўзбекистон» стал символом реформ. Доклад под названием Central Asia Outlook представили в среду, "
        "он будет опубликован на сайте организации.",
    ],
    ids=["ukrainian-quote", "kazakh-names", "uzbek-phrase-english-title"],
)
def test_language_russian_with_foreign_words_stays_russian(text):
    assert detect_language(text) == "ru"


@pytest.mark.issue(16)
@pytest.mark.parametrize(
    "text, hint, expected",
    [
        ("Путин прибыл в Ташкент", None, "ru"),  # one function word: Cyrillic in Russian letters is Russian
        ("Тоқаев встретился с Мирзиёевым", None, "ru"),  # a Kazakh letter in a Russian headline
        ("Ташкент", "uz", "uz"),  # too short to tell: the page's declared language
        ("Ташкент", "uz-Cyrl-UZ", "uz"),
        ("Apple iPhone", None, "und"),  # no function word: no language the text shows
        ("Apple iPhone", "en-US", "en"),
        ("12:45, 2023", None, "und"),  # no letters
        ("", "ru", "ru"),
        ("", None, "und"),
    ],
)
def test_language_short_texts(text, hint, expected):
    assert detect_language(text, hint=hint) == expected


@pytest.mark.issue(16)
@pytest.mark.parametrize("key, hint", [("uz-latin", "ru"), ("ru", "en"), ("uk", "ru"), ("kk", "ru"), ("ru", "uk")])
def test_language_the_text_decides_over_the_declared_language(key, hint):
    """Many sites declare the CMS default (``lang="en"`` on a Russian site): the hint never overrides the text."""
    assert detect_language(TEXTS[key], hint=hint) == key.split("-")[0]


@pytest.mark.parametrize(
    "tag, code",
    [("ru", "ru"), ("ru-RU", "ru"), ("uz_Latn", "uz"), ("UK", "uk"), ("ukr", "uk"), ("kaz", "kk"), ("x-default", None), ("", None), (None, None), ("русский", None)],
)
def test_language_tag(tag, code):
    assert language_tag(tag) == code


def test_language_is_russian():
    assert is_russian("ru") and not is_russian("uk") and not is_russian("und") and not is_russian(None)


def test_language_reads_only_the_start():
    """The first DETECT_CHARS characters decide (a Russian page with a long foreign tail stays Russian)."""
    text = (TEXTS["ru"] + " ") * (DETECT_CHARS // len(TEXTS["ru"]) + 1) + TEXTS["uk"] * 50
    assert detect_language(text) == "ru"


def test_language_data_alphabets_and_lists():
    """The lists of a Cyrillic language use its own alphabet, and every language the detector names has a list."""
    for lang in _languages.CYRILLIC_LANGUAGES:
        letters = {ch for word in _languages.FUNCTION_WORDS[lang] for ch in word if "\u0400" <= ch <= "\u052f"}
        assert letters <= _languages.ALPHABETS[lang], (lang, letters - _languages.ALPHABETS[lang])
    for lang in _languages.CYRILLIC_LANGUAGES + _languages.LATIN_LANGUAGES + _languages.ARABIC_LANGUAGES:
        assert _languages.FUNCTION_WORDS[lang], lang
    assert set(_languages.LETTER_MARKS["Latin"]) == set(_languages.LATIN_LANGUAGES)
    assert set(_languages.LETTER_MARKS["Arabic"]) == set(_languages.ARABIC_LANGUAGES)


@pytest.mark.issue(16)
@pytest.mark.parametrize(
    "name, expected",
    [
        ("ru_kostroma-bridge.txt", "ru"),
        ("ru_uzhgorod-park.txt", "ru"),
        ("ru_shymkent-akim.txt", "ru"),
        ("uk_poltava-bridge.txt", "uk"),
        ("kk_aktobe-hospital.txt", "kk"),
        ("uz_samarqand-tourism.txt", "uz"),
        ("uz_toshkent-book-fair.html", "uz"),
    ],
)
def test_language_of_the_fixture_articles(name, expected):
    assert detect_language((FIXTURES / name).read_text(encoding="utf-8")) == expected


def test_language_detection_is_cheap():
    """A few thousand characters take well under a millisecond (the analysis: ~26 ms an article)."""
    text = (TEXTS["ru"] + " ") * 30
    started = time.perf_counter()
    for _ in range(200):
        detect_language(text)
    per_call = (time.perf_counter() - started) / 200
    assert per_call < 0.005  # loose: a shared CI machine; measured ~0.3 ms
