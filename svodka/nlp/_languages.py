"""What tells languages apart: scripts, alphabets and function words (read by ``nlp.language``).

One home for the language data. The detector looks at the script of the letters first; a
script one language writes (Greek, Georgian, Hangul...) names the language. Among the
languages sharing a script it counts, word by word, the function words of each language
(the short words every text is full of whatever it is about: prepositions, conjunctions,
pronouns, particles, auxiliaries) and the words written with letters only some of them
have (Ukrainian «ї», Kazakh «ә», Uzbek «ў», Serbian «ђ»...).

The lists are general knowledge of each language, lower case, written by the team; never
words taken from an evaluation text. A word two languages share is in both lists: it
counts for both and decides nothing. Apostrophes are written «'» (the detector folds
«ʻ ’ ʼ ‘ `» into it: Uzbek «oʻ», Ukrainian «м'ясо»).
"""

from __future__ import annotations

__all__ = [
    "RUSSIAN",
    "UNDETERMINED",
    "SCRIPT_RANGES",
    "SCRIPT_LANGUAGES",
    "CYRILLIC_LANGUAGES",
    "LATIN_LANGUAGES",
    "ARABIC_LANGUAGES",
    "ALPHABETS",
    "RUSSIAN_ALPHABET",
    "LETTER_MARKS",
    "FUNCTION_WORDS",
    "LANGUAGE_CODES",
]

# The language svodka analyses.
RUSSIAN = "ru"
# ISO 639-2 "undetermined": the text does not say which language it is.
UNDETERMINED = "und"

# Letters by script: (first code point, last code point, script), sorted; what is not here
# (digits, punctuation, symbols) is no letter of any script the detector knows.
SCRIPT_RANGES: list[tuple[int, int, str]] = sorted(
    [
        (0x0041, 0x005A, "Latin"),
        (0x0061, 0x007A, "Latin"),
        (0x00C0, 0x024F, "Latin"),  # Latin-1 letters, Latin Extended-A and -B (ş ğ ı ə ł ő...)
        (0x0250, 0x02AF, "Latin"),  # IPA (ɛ ɔ of West African alphabets)
        (0x1E00, 0x1EFF, "Latin"),  # Latin Extended Additional (Vietnamese ạ ố ...)
        (0x0370, 0x03FF, "Greek"),
        (0x1F00, 0x1FFF, "Greek"),
        (0x0400, 0x052F, "Cyrillic"),  # Cyrillic and Cyrillic Supplement (ә ғ қ ң ө ү ҳ ҷ ...)
        (0x0530, 0x058F, "Armenian"),
        (0x0590, 0x05FF, "Hebrew"),
        (0x0600, 0x06FF, "Arabic"),
        (0x0750, 0x077F, "Arabic"),
        (0xFB50, 0xFDFF, "Arabic"),  # presentation forms A
        (0xFE70, 0xFEFF, "Arabic"),  # presentation forms B
        (0x0900, 0x097F, "Devanagari"),
        (0x0980, 0x09FF, "Bengali"),
        (0x0A00, 0x0A7F, "Gurmukhi"),
        (0x0A80, 0x0AFF, "Gujarati"),
        (0x0B80, 0x0BFF, "Tamil"),
        (0x0C00, 0x0C7F, "Telugu"),
        (0x0C80, 0x0CFF, "Kannada"),
        (0x0D00, 0x0D7F, "Malayalam"),
        (0x0D80, 0x0DFF, "Sinhala"),
        (0x0E00, 0x0E7F, "Thai"),
        (0x0E80, 0x0EFF, "Lao"),
        (0x0F00, 0x0FFF, "Tibetan"),
        (0x1000, 0x109F, "Myanmar"),
        (0x10A0, 0x10FF, "Georgian"),
        (0x1100, 0x11FF, "Hangul"),
        (0x1200, 0x137F, "Ethiopic"),
        (0x1780, 0x17FF, "Khmer"),
        (0x3040, 0x30FF, "Kana"),  # hiragana and katakana
        (0x3130, 0x318F, "Hangul"),
        (0x3400, 0x4DBF, "Han"),
        (0x4E00, 0x9FFF, "Han"),
        (0xAC00, 0xD7AF, "Hangul"),
    ]
)

# Scripts that name their language (the main one written in it). Han alone is Chinese;
# Han with kana is Japanese (the detector checks).
SCRIPT_LANGUAGES: dict[str, str] = {
    "Greek": "el",
    "Armenian": "hy",
    "Hebrew": "he",
    "Devanagari": "hi",
    "Bengali": "bn",
    "Gurmukhi": "pa",
    "Gujarati": "gu",
    "Tamil": "ta",
    "Telugu": "te",
    "Kannada": "kn",
    "Malayalam": "ml",
    "Sinhala": "si",
    "Thai": "th",
    "Lao": "lo",
    "Tibetan": "bo",
    "Myanmar": "my",
    "Georgian": "ka",
    "Hangul": "ko",
    "Ethiopic": "am",
    "Khmer": "km",
    "Kana": "ja",
    "Han": "zh",
}

# Languages told apart by words, per script, in the order a tie goes (Russian first: a
# Cyrillic text that no other language claims more is read as Russian).
CYRILLIC_LANGUAGES = ("ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "uz", "tg", "tt", "ba", "mn")
LATIN_LANGUAGES = ("en", "es", "fr", "de", "it", "pt", "nl", "pl", "cs", "ro", "tr", "az", "uz", "id")
ARABIC_LANGUAGES = ("ar", "fa", "ur")

# The Russian alphabet: a word with another letter is no Russian word.
RUSSIAN_ALPHABET = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")

# The alphabet of each Cyrillic language (lower case). A word with a letter outside a
# language's alphabet counts against that language (``nlp.language``); a word with a letter
# of its alphabet outside Russian's counts for it.
ALPHABETS: dict[str, frozenset[str]] = {
    "ru": RUSSIAN_ALPHABET,
    "uk": frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'"),
    "be": frozenset("абвгдеёжзійклмнопрстуўфхцчшыьэюя'"),
    "bg": frozenset("абвгдежзийклмнопрстуфхцчшщъьюяѝ"),
    "sr": frozenset("абвгдђежзијклљмнњопрстћуфхцчџш"),
    "mk": frozenset("абвгдѓежзѕијклљмнњопрстќуфхцчџш"),
    "kk": RUSSIAN_ALPHABET | frozenset("әғқңөұүһі"),
    "ky": RUSSIAN_ALPHABET | frozenset("ңөү"),
    "uz": frozenset("абвгдеёжзийклмнопрстуфхцчшъэюяўқғҳ"),
    "tg": frozenset("абвгдеёжзийклмнопрстуфхцчшъэюяғӣқӯҳҷ"),
    "tt": RUSSIAN_ALPHABET | frozenset("әөүҗңһ"),
    "ba": RUSSIAN_ALPHABET | frozenset("ғҙҡңөҫүһә"),
    "mn": RUSSIAN_ALPHABET | frozenset("өү"),
}

# Letters that only some Latin- or Arabic-script languages write (a word with one counts
# for each language listed). Latin alphabets take foreign names freely, so unlike Cyrillic
# no letter counts against a language here. Uzbek «o'», «g'» are matched as pairs.
LETTER_MARKS: dict[str, dict[str, frozenset[str]]] = {
    "Latin": {
        "es": frozenset("ñ¿¡"),
        "fr": frozenset("çœèêëîôùû"),
        "de": frozenset("ßäöü"),
        "it": frozenset("àèìòù"),
        "pt": frozenset("ãõçâêô"),
        "nl": frozenset("ĳ"),
        "pl": frozenset("ąćęłńśźż"),
        "cs": frozenset("čďěňřšťůž"),
        "ro": frozenset("ăâîșțşţ"),
        "tr": frozenset("çğıöşü"),
        "az": frozenset("çəğıöşü"),
        "uz": frozenset(),  # o' g' (pairs, see nlp.language)
        "en": frozenset(),
        "id": frozenset(),
    },
    "Arabic": {
        "ar": frozenset("ةىيكأإآؤئ"),  # ta marbuta, Arabic yeh and kaf (Persian and Urdu write ی ک)
        "fa": frozenset("پچژگیک"),
        "ur": frozenset("ٹڈڑںےھیکگپچ"),
    },
}

# Function words per language (see the module docstring), lower case.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    # --- Cyrillic
    "ru": frozenset(
        "и в во не на с со что как это по к ко о об обо от из за для до у же бы ли а но или также уже только "
        "был была были было будет будут его ее её их он она они оно мы вы я который которая которое которые "
        "которого которой которых этого этом этой этот эта эти этих при после под над между когда если чтобы "
        "так еще ещё где все всё более без через можно может нет да свой своей своих своего тем чем тот там "
        "здесь сейчас однако хотя пока даже вот ни есть является также кроме около против чтобы ему ей им "
        "нас вас них него неё нее себя сам сама само сами того тому том те то".split()
    ),
    "uk": frozenset(
        "і й та в у на з із зі зо до від для що як це не але або також вже ще його її їх він вона вони воно "
        "ми ви я який яка яке які якого якої яких якому цього цей ця ці цих цьому при після під над між коли "
        "якщо щоб так де все усе більш більше без через можна може немає є був була були було буде будуть "
        "свій своїх свого своєї тому лише тільки проте однак адже навіть має мають згідно щодо про зокрема "
        "тощо себе сам їй йому нього неї них нас вас теж також".split()
    ),
    "be": frozenset(
        "і й ў у на з са ад да для што як гэта не але ці або таксама ўжо яшчэ яго яе іх ён яна яны яно мы "
        "вы я які якая якое якія якога якой якіх пры пасля пад над паміж калі каб так дзе усё ўсё больш без "
        "праз можна можа няма ёсць быў была былі было будзе будуць свой сваіх свайго таму толькі аднак "
        "нават мае маюць паводле адносна пра сябе ім ёй".split()
    ),
    "bg": frozenset(
        "и в във на с със за от до по към се е са не да че като това този тази тези които който която "
        "което след при през но или също вече още му ѝ й го ги им той тя те ние вие аз бе беше бяха бъде "
        "ще би така къде всички всичко много без чрез може няма според обаче където защото докато дори "
        "тъй нейния неговия техния".split()
    ),
    "sr": frozenset(
        "и у на са за од до по из се је су не да што као ово овај ова ови који која које којих којима "
        "после при током али или такође већ још његов њен њихов он она они ми ви ја био била били било "
        "биће ће би тако где све много без кроз може нема према међутим јер док чак због код њега њој".split()
    ),
    "mk": frozenset(
        "и во на со за од до по се е не да дека како ова овој оваа овие кој која кое кои при но или исто "
        "веќе уште негов нејзин нивни тој таа тие ние вие јас беше била биле било ќе би така каде сите "
        "многу без преку може нема според меѓутоа бидејќи додека дури поради кај него неа нив".split()
    ),
    "kk": frozenset(
        "және мен бен пен да де та те бұл осы ол олар біз сіз үшін туралы бойынша арқылы сондай ақ деп "
        "деді деген болып болды болады бар жоқ емес екен еді тағы ғана қана немесе бірақ алайда сол соң "
        "кейін дейін бері қазір қатысты жөнінде тарапынан оның олардың бұған осындай атап".split()
    ),
    "ky": frozenset(
        "жана менен үчүн тууралуу жөнүндө боюнча аркылуу деп деди деген болуп болду болот бар жок эмес "
        "экен эле дагы гана же бирок бул ошол ал алар биз силер ушул кийин чейин бери азыр тарабынан "
        "анын алардын ошондой мындай буга".split()
    ),
    "uz": frozenset(
        "ва билан учун бу шу у улар биз сиз ҳам эса деб деди бўйича ҳақида орқали бўлган бўлди бўлади "
        "бор йўқ эмас экан эди яна фақат ёки аммо лекин бироқ шунингдек кейин олдин ушбу мазкур "
        "томонидан унинг уларнинг ҳамда бўлиб "
        # Latin script (the alphabet of 1995): the same words
        "va bilan uchun bu shu u ular biz siz ham esa deb dedi bo'yicha haqida orqali bo'lgan bo'ldi "
        "bo'ladi bor yo'q emas ekan edi yana faqat yoki ammo lekin biroq shuningdek keyin oldin ushbu "
        "mazkur tomonidan uning ularning hamda bo'lib".split()
    ),
    "tg": frozenset(
        "ва бо дар аз ба барои ки ин он онҳо мо шумо ман ҳам низ гуфт мебошад буд шуд аст бояд то баъд "
        "пеш аммо вале ё ҳамчунин тибқи оид бораи тавассути ҳар чун агар вай ӯ мегӯяд карда шуда".split()
    ),
    "tt": frozenset(
        "һәм белән өчен турында буенча аша дип диде булып булды була бар юк түгел иде тагын гына яки "
        "ләкин әмма бу шул ул алар без сез мин соң кадәр хәзер тарафыннан дә тә аның аларның шулай".split()
    ),
    "ba": frozenset(
        "һәм менән өсөн тураһында буйынса аша тип тине булып булды була бар юҡ түгел ине тағы ғына йәки "
        "ләкин әммә был шул ул улар беҙ һеҙ мин һуң тиклем хәҙер тарафынан уның уларҙың".split()
    ),
    "mn": frozenset(
        "ба болон нь юм байна байсан байгаа энэ тэр бид та би гэж гэсэн гэв бол дээр зэрэг мөн харин эсвэл "
        "буюу хүртэл өмнө дараа оны онд тухай талаар хамт түүний тэдний".split()
    ),
    # --- Latin
    "en": frozenset(
        "the of and to in a is that for on with as was by it at from are be this have has had not but or "
        "an which their were been they he she his her will would its also after said who than into about".split()
    ),
    "es": frozenset(
        "el la los las de del y en que a un una por con para se su sus es al lo como más pero fue ha han "
        "este esta sobre entre también sin según desde cuando donde muy ya o le les hasta tras".split()
    ),
    "fr": frozenset(
        "le la les de des du et en un une que qui pour dans par sur avec au aux est sont pas ne il elle ils "
        "ce cette ses son sa plus a été ont mais ou selon aussi leur après".split()
    ),
    "de": frozenset(
        "der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch es an werden "
        "aus er hat dass sie nach wird bei einer um am sind noch wie einem über so zum war haben nur oder "
        "aber vor zur bis mehr durch".split()
    ),
    "it": frozenset(
        "il lo la i gli le di del della dei delle e in un una che per con non si da al alla sono è ha anche "
        "come più ma nel nella questo questa dopo secondo tra fra".split()
    ),
    "pt": frozenset(
        "o a os as de do da dos das e em no na um uma que para com por se não mais ao à como foi é são pelo "
        "pela também mas seu sua entre após segundo".split()
    ),
    "nl": frozenset(
        "de het een en van in op te dat die is voor met zijn niet aan er ook als bij door naar maar om wordt "
        "werd heeft hij zij ze dit deze nog".split()
    ),
    "pl": frozenset(
        "i w z na do się nie że to jest o od po jak ale za przez dla oraz a jego jej ich który która które "
        "był była było są będzie także już tylko czy tym tak".split()
    ),
    "cs": frozenset(
        "a v ve na z ze do se je to že o od po jak ale za pro které který která byl byla bylo jsou bude také "
        "už jen nebo podle při".split()
    ),
    "ro": frozenset(
        "și în de la cu pe un o că pentru nu este sunt a al ale care din mai dar sau fost se lui ei după "
        "prin".split()
    ),
    "tr": frozenset(
        "ve bir bu da de ile için olarak olan gibi daha en çok ama ancak veya ya her sonra önce kadar göre "
        "değil var yok olduğu olduğunu ise mi".split()
    ),
    "az": frozenset(
        "və bir bu da də ilə üçün olaraq olan kimi daha ən çox amma lakin ya hər sonra əvvəl qədər görə "
        "deyil var yox olduğu isə".split()
    ),
    "id": frozenset(
        "dan di yang untuk dengan dari ini itu pada dalam tidak akan ke adalah juga oleh atau karena sudah "
        "telah bisa".split()
    ),
    # --- Arabic script
    "ar": frozenset(
        "في من على إلى الى أن ان عن مع هذا هذه التي الذي كان قد لا ما ثم أو بين بعد قبل حتى كما عند إن لم "
        "هو هي ذلك كل وقال وفي".split()
    ),
    "fa": frozenset(
        "و در به از که این را با است برای آن یک شد می هم تا بر یا نیز اما پس کرد شده بود خود های ای "
        "کند".split()
    ),
    "ur": frozenset("کے کی ہے میں اور سے کو نے کا یہ وہ پر ہیں تھا تھی گیا بھی کہ ایک جو لیے".split()),
}

# Language tags as pages and records write them, beyond the two-letter ones: ISO 639-2/3
# codes of the languages above (``lang="rus"``, a feed's ``<language>ukr</language>``).
LANGUAGE_CODES: dict[str, str] = {
    "rus": "ru", "ukr": "uk", "bel": "be", "bul": "bg", "srp": "sr", "mkd": "mk", "mac": "mk",
    "kaz": "kk", "kir": "ky", "uzb": "uz", "tgk": "tg", "tat": "tt", "bak": "ba", "mon": "mn",
    "eng": "en", "spa": "es", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "ita": "it",
    "por": "pt", "nld": "nl", "dut": "nl", "pol": "pl", "ces": "cs", "cze": "cs", "ron": "ro",
    "rum": "ro", "tur": "tr", "aze": "az", "ind": "id", "ara": "ar", "fas": "fa", "per": "fa",
    "urd": "ur", "und": UNDETERMINED,
}
