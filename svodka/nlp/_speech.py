"""Word lists for the quotation stage: speech verbs, attribution phrases, speaker nouns.

Every list holds general Russian knowledge (lemmas as pymorphy3 gives them, ``ё`` written
as ``е``), never strings taken from an evaluation text.
"""

from __future__ import annotations

from ._lexicon import KIN_NOUNS, ORG_HEADS

__all__ = [
    "SPEECH_LEMMAS",
    "OPINION_ADJECTIVES",
    "PO_SLOVAM_NOUNS",
    "REPORT_NOUNS",
    "PO_SLOVAM_PREPOSITIONS",
    "VIA_LEMMAS",
    "QUOTING_LEMMAS",
    "CITING",
    "MEDIA_VERBS",
    "SPEAKER_NOUNS",
    "ORG_SPEAKER_NOUNS",
    "ATTENTION_LEMMAS",
    "DOCUMENT_NOUNS",
    "DOCUMENT_PRONOUNS",
    "DOCUMENT_VERBS",
    "PUBLISHING_LEMMAS",
    "RELAY_FORMS",
    "EARLIER_OCCASION_WORDS",
    "SELF_SPEAKING_DOCUMENTS",
    "DOCUMENT_AUTHORS",
    "CONNECTIVES",
    "HEAD_SYNONYMS",
    "GENERIC_HEADS",
    "ABBREVIATIONS",
    "OUTLET_NOUNS",
    "MEDIA_NOUNS",
    "MEDIA_GROUP_NOUNS",
    "COLLECTIVE_SPEAKER_NOUNS",
    "PLURAL_SPEAKER_NOUNS",
    "FIRM_HOUSE_ADJECTIVES",
    "PEOPLE_PARTICIPLE_LEMMAS",
    "PEOPLE_QUANTIFIER_LEMMAS",
    "SOCIAL_NETWORKS",
    "EXPERT_HEADS",
    "ANONYMOUS_HEADS",
    "ANONYMOUS_WORDS",
    "RELATION_NOUNS",
    "QUANTITY_NOUNS",
    "CLOSING_ABBREVIATIONS",
    "IDIOM_CUES",
    "HEAD_OF_STATE_HEADS",
    "QUOTE_JOINERS",
    "REQUEST_LEMMAS",
    "NAMING_LEMMAS",
    "CONFIRM_LEMMAS",
    "REJECT_LEMMAS",
    "STANDING_NOUNS",
    "CLAIM_NOUNS",
    "QUANTITY_WORDS",
    "TIME_ADVERBS",
    "OWN_POSSESSIVES",
    "NOT_PREDICATE_INSTRUMENTALS",
    "REQUEST_NOUNS",
    "IMPERSONAL_MODALS",
    "WORDS_NOUNS",
    "ADDRESSED_REQUEST_LEMMAS",
    "NARRATION_LEMMAS",
    "CREDITING_LEMMAS",
    "NICKNAMING_LEMMAS",
    "EXPRESS_LEMMAS",
    "EXPRESSED_NOUNS",
    "LATIN_NAME_ABBREVIATIONS",
    "TITLE_HEADS",
    "ABOUT_LEMMAS",
    "ABOUT_PREPOSITIONS",
    "DATA_NOUNS",
]

# Lemmas of verbs that introduce reported speech or an opinion ("заявил, что ...", "..., сказал
# он"), both aspects; the reflexive passives ("говорится", "уточняется") serve
# "..., говорится в заявлении X". Anything else followed by ", что" is not speech
# ("понял, что", "выяснилось, что").
SPEECH_LEMMAS = frozenset(
    """
    заявить заявлять сообщить сообщать отметить отмечать подчеркнуть подчеркивать сказать
    говорить считать полагать добавить добавлять пояснить пояснять рассказать рассказывать
    напомнить напоминать признать признавать указать указывать объявить объявлять
    предупредить предупреждать заверить заверять констатировать уточнить уточнять подтвердить
    подтверждать пообещать обещать возразить возражать ответить отвечать согласиться
    соглашаться ожидать утверждать уверять настаивать объяснить объяснять отвечать
    выразить высказать высказаться рассчитывать думать опасаться сомневаться убеждать
    резюмировать подытожить добавить продолжить пожаловаться жаловаться посетовать сетовать
    возмутиться возмущаться признаться признаваться прокомментировать комментировать оценить
    писать написать сообщиться говориться уточняться отмечаться подчеркиваться указываться
    сообщаться заявляться пояснять предположить предполагать допустить допускать
    анонсировать цитировать процитировать пообещать спрашивать спросить ответить парировать воскликнуть
    сойтись сходиться посчитать предсказать предсказывать проинформировать информировать
    отозваться отзываться упомянуть упоминать обратить обращать
    """.split()
)

# Speech lemmas that report only with the noun after them: "обратил внимание (на то), что S"
# (not "обратил на себя внимание тем, что": the subject's own deed).
ATTENTION_LEMMAS = frozenset("обратить обращать".split())

# Short adjectives/participles that take a "что"-clause like a speech verb ("уверен, что").
# pymorphy3 reads "уверена" as a participle of "уверить": both lemmas are listed.
OPINION_ADJECTIVES = frozenset("уверенный уверить убежденный убедить согласный".split())

# Nouns of "по словам X", "по мнению X", "по оценке X", "по сообщениям X", "по данным X",
# "согласно информации X" (dative after ``PO_SLOVAM_PREPOSITIONS``).
PO_SLOVAM_NOUNS = frozenset(
    """
    слово мнение оценка утверждение убеждение признание заверение прогноз сообщение данные
    сведение информация подсчет версия опрос заявление
    """.split()
)

# Those nouns that name figures rather than words: "по данным X", "по подсчётам X", "согласно
# опросу X" report X's statement only when X is named ("по его данным", "по данным МВД"); a
# bare "по предварительным данным", "по данным на 1 марта" is nobody's (issue 15).
DATA_NOUNS = frozenset("данные подсчет опрос".split())

# Those nouns that name reports: with an adjective and no source ("по некоторым сообщениям",
# "по неофициальной информации", "по имеющимся сведениям") they are nobody's, as figures are;
# bare, they point back to a report just named ("говорится в сообщении МВД. Согласно
# сообщению, S") (issue 15).
REPORT_NOUNS = frozenset("сообщение сведение информация".split())

# Prepositions of those phrases: "по данным X", "согласно данным X".
PO_SLOVAM_PREPOSITIONS = frozenset({"по", "согласно"})

# The phrase that names a relayed source, as a regular expression: "передает X со ссылкой на
# Y", "Газета X, ссылаясь на источники, пишет" (the gerund says the same).
CITING = r"(?:со\s+ссылкой\s+на|ссылаясь\s+на)"

# Relaying verbs as written after the words they relay: "S, передает ТАСС".
RELAY_FORMS = frozenset({"передает", "передаёт", "передают"})

# Verbs of a relaying outlet: "передает ТАСС", "приводит его слова РИА Новости", "цитирует X".
VIA_LEMMAS = frozenset("передавать передать приводить привести цитировать процитировать писать сообщать".split())

# Of those, the verbs of an outlet quoting one statement ("приводит его слова X", "цитирует его
# X"): that quote only; their object's owner speaks.
QUOTING_LEMMAS = frozenset("приводить привести цитировать процитировать".split())

# Verbs whose subject, when it is an organisation, is an outlet: "пишет «Коммерсантъ»",
# "передает Рейтер" (an organisation "сообщает", a newspaper "пишет").
MEDIA_VERBS = frozenset("писать написать передавать передать".split())

# Nouns of a relaying outlet, the subject of "приводит слова X агентство", "цитирует его
# издание": they go to ``via``, never to the speaker.
OUTLET_NOUNS = frozenset(
    """
    агентство информагентство издание газета журнал портал интернет-портал интернет-издание
    сайт телеканал канал телеграм-канал радиостанция радио телекомпания еженедельник
    ежедневник таблоид пресс-служба редакция
    """.split()
)

# The outlet nouns that name the media ("газета «Коммерсантъ»", "издание"), not an
# organisation's own service: a speaker or via headed by one is an outlet.
MEDIA_NOUNS = OUTLET_NOUNS - {"пресс-служба"}

# The media nouns of a broadcast, after "на" the channel the words were said on ("рассказал
# на телеканале X"); not "на сайте X", where the site's owner speaks.
BROADCAST_NOUNS = MEDIA_NOUNS & frozenset("телеканал канал радиостанция радио телекомпания".split())

# Nouns of the media as a collective, never one outlet: "британские СМИ", "пресса",
# "масс-медиа, контролируемые группировкой" (a group speaker, its words as written).
MEDIA_GROUP_NOUNS = frozenset("сми масс-медиа медиа пресса".split())

# Inanimate nouns of a side or body that speaks as one: "защита утверждает", "следствие
# считает", "правозащитные организации утверждают",
# "командование сообщило", "Род смерти не установлен, сообщает судмедэкспертиза" ("обвинение"
# is left out: in the plural it is the charges; "сторона" too: "с другой стороны" is "on the
# other hand").
COLLECTIVE_SPEAKER_NOUNS = frozenset(
    "защита следствие командование руководство оппозиция организация объединение семья коалиция альянс экспертиза судмедэкспертиза".split()
)

# Nouns that name a speaker although pymorphy3 marks them inanimate ("источник сообщил"):
# every organisation head, the media, the sources that are no organisation, and the
# authorities ("власти Венесуэлы объявили": plural only, ``PLURAL_SPEAKER_NOUNS``).
SPEAKER_NOUNS = ORG_HEADS | MEDIA_NOUNS | MEDIA_GROUP_NOUNS | COLLECTIVE_SPEAKER_NOUNS | frozenset("источник собеседник представитель центр власть орган".split())

# Verbs whose plural participles name people who speak ("опрошенные считают", "большинство
# опрошенных", "собравшиеся потребовали", "пострадавшие рассказали").
PEOPLE_PARTICIPLE_LEMMAS = frozenset("опросить опрашивать собраться присутствовать пострадать выжить проголосовать".split())

# Participles that name people only with the words after them: "оставшиеся в живых" (the
# survivors; "оставшиеся деньги" are no people): lemma -> the words that follow.
PEOPLE_PARTICIPLE_PHRASES = {"остаться": ("в", "живых")}

# Quantifying pronouns that stand for people alone before the verb ("Многие полагали, что",
# "Некоторые считают"): an unnamed group, written as the text has it.
PEOPLE_QUANTIFIER_LEMMAS = frozenset("многий некоторый немногий".split())

# Adjectives that make "дом" a firm ("аукционный дом", "издательский дом", "модный дом"): a
# speaker noun then ("сообщили в аукционном доме").
FIRM_HOUSE_ADJECTIVES = frozenset("аукционный издательский торговый модный модельный ювелирный".split())

# Speaker nouns that speak only in the plural ("власти заявили", "по данным правоохранительных
# органов"; "власть" alone is a notion, "орган" a body part).
PLURAL_SPEAKER_NOUNS = frozenset({"власть", "орган"})

# Speaker nouns that make an organisation speaker (type ORG) rather than a description.
ORG_SPEAKER_NOUNS = ORG_HEADS

# "говорится в заявлении X", "в сообщении X говорится": the document noun, X is the speaker.
DOCUMENT_NOUNS = frozenset(
    """
    заявление сообщение пресс-релиз релиз документ письмо обращение ответ комментарий
    телеграм-канал канал материал статья публикация доклад отчет исследование заметка текст
    приговор вердикт поздравление послание
    """.split()
)

# The verb a document's noun comes from: its subject is the author ("Президент поздравил X. В
# поздравлении говорится ..."). Not "заявить", "сообщить": every statement says them.
DOCUMENT_VERBS = {"поздравление": "поздравить", "обращение": "обратиться", "комментарий": "прокомментировать"}

# Verbs by which an author makes a document public: "МИД опубликовал комментарий", "выступил с
# заявлением", "подписал обращение" (not "раскритиковал заявление", "получил письмо").
PUBLISHING_LEMMAS = frozenset(
    "опубликовать публиковать распространить распространять выпустить выпускать обнародовать издать"
    " подготовить разместить выступить сделать подписать направить отправить написать".split()
)

# "В нём говорится", "в ней сказано": the pronoun of a document named in the sentence before.
DOCUMENT_PRONOUNS = frozenset({"нём", "нем", "ней", "них"})

# An organisation's or a person's own page online, after "на"/"в" ("на официальном сайте
# министерства", "в микроблоге", "на странице в соцсети"): the place the words were put, never
# the speaker; the page's owner after it speaks.
OWN_PAGE_NOUNS = frozenset("сайт страница микроблог блог".split())

# Social networks a person writes in ("сообщил в Инстаграме", "написал в своём Twitter", "в
# Telegram-канале"): the network that carries the words is their via, as an outlet is. The
# written stem (lower case, any case ending after it) -> the network's name.
SOCIAL_NETWORKS = {
    "instagram": "Instagram", "инстаграм": "Инстаграм", "twitter": "Twitter", "твиттер": "Твиттер",
    "facebook": "Facebook", "фейсбук": "Фейсбук", "telegram": "Telegram", "телеграм": "Телеграм",
    "вконтакте": "ВКонтакте", "youtube": "YouTube", "ютуб": "YouTube", "tiktok": "TikTok", "тикток": "TikTok",
}

# Documents that speak as themselves when the text names nobody behind them ("Документ
# предлагает ...", "В докладе говорится, что ..."): a named subset; "сообщение" or
# "заявление" alone names no source worth the name.
SELF_SPEAKING_DOCUMENTS = DOCUMENT_NOUNS & frozenset("документ доклад отчет исследование пресс-релиз".split())

# Documents whose author their kind says when the text names nobody behind them: "В приговоре
# отмечается, что ..." is the court's.
DOCUMENT_AUTHORS = {"приговор": "суд", "вердикт": "суд"}

# Sentence openers that set a statement on an earlier occasion ("Ранее он заявлял, что ..."):
# an interview told of before does not go on into it (its outlet is no ``via`` of it).
EARLIER_OCCASION_WORDS = frozenset("ранее прежде накануне".split())

# Sentence openers that may stand before "по словам X," / "как сообщил X," without being
# part of the statement ("При этом, по словам министра, ...").
CONNECTIVES = frozenset(
    """
    при этом вместе с тем кроме того однако также между тем в то же время впрочем тем не менее
    а и но так в частности в свою очередь
    """.split()
)

# Role head nouns that denote the same job ("наставник" of a team is its "тренер").
HEAD_SYNONYMS = {
    "наставник": {"тренер"},
    "тренер": {"наставник"},
    "градоначальник": {"мэр", "глава"},
    "дипломат": {"министр", "посол", "генсек", "постпред", "консул"},
    # a correspondent, a columnist or an editor is the "журналист" of the next sentence
    "журналист": {"корреспондент", "обозреватель", "репортер", "колумнист", "редактор", "журналистка"},
    "журналистка": {"корреспондентка", "корреспондент", "обозреватель", "репортер", "колумнист", "редактор"},
    "эксперт": {"экономист", "аналитик", "политолог", "юрист", "социолог", "специалист", "экономистка"},
    "специалист": {"эксперт", "экономист", "аналитик"},
    # a reigning king, queen, emperor, sultan or emir is the "монарх" of the next sentence
    "монарх": {"король", "королева", "император", "императрица", "султан", "эмир", "шах"},
    "король": {"монарх"},
    "королева": {"монарх"},
    "император": {"монарх"},
    "императрица": {"монарх"},
    # a performer is the singer, actor, musician or dancer just named ("По словам артистки")
    "артист": {"актер", "певец", "музыкант", "танцор", "артист", "исполнитель", "комик", "солист"},
    "артистка": {"актриса", "певица", "музыкант", "танцовщица", "балерина", "артистка", "исполнительница", "солистка"},
    "исполнитель": {"певец", "музыкант", "артист", "солист"},
    "исполнительница": {"певица", "музыкант", "артистка", "солистка"},
}

# Athletes by their sport ("— сказал хоккеист", "призналась теннисистка") and the roles that
# name a player's position or rank in a sport ("защитник", "капитан", "чемпионка"): a writer
# calls the player just introduced by the sport, whatever position the roles name.
ATHLETE_HEADS = frozenset(
    """
    спортсмен спортсменка хоккеист хоккеистка футболист футболистка теннисист теннисистка
    баскетболист баскетболистка волейболист волейболистка гандболист гандболистка боксер
    гимнаст гимнастка фигурист фигуристка пловец пловчиха лыжник лыжница биатлонист биатлонистка
    конькобежец конькобежка шахматист шахматистка гонщик гонщица велогонщик легкоатлет легкоатлетка
    """.split()
)
PLAYER_ROLE_HEADS = frozenset(
    """
    защитник нападающий вратарь голкипер полузащитник форвард хавбек капитан игрок чемпион
    чемпионка призер призерка рекордсмен рекордсменка
    """.split()
)
HEAD_SYNONYMS.update({athlete: set(PLAYER_ROLE_HEADS) for athlete in ATHLETE_HEADS})

# Heads that stand for any leading role ("глава ведомства", "руководитель дипведомства").
GENERIC_HEADS = frozenset("глава руководитель шеф начальник".split())

# Words ending with a period that do not end a sentence (lower case, without the period).
ABBREVIATIONS = frozenset("г гг им ул пр т д др им св ст см тыс млн млрд руб коп ред англ рис напр т.е т.д т.п".split())

# Latin abbreviations that stand inside a name, before its next capitalised word ("St. Louis
# Post-Dispatch", "Dr. Smith"): their period ends no sentence.
LATIN_NAME_ABBREVIATIONS = frozenset("St Mr Mrs Ms Dr Jr Sr Prof Gen Sen Rep Gov Lt Col Mt".split())

# Abbreviations that close a number or a list ("1,6 млрд руб.", "и т.д."): a capital letter
# after them starts a new sentence, unlike after "им." or "ул." that precede a name.
CLOSING_ABBREVIATIONS = frozenset("тыс млн млрд трлн руб коп долл гг др т.д т.п".split())

# "Как говорится, ...", "как говорят, ...": an idiom ("as the saying goes"), not a speech cue.
IDIOM_CUES = frozenset("говорится говорят водится".split())

# Heads of a state's leader: "глава государства" is only one of these.
HEAD_OF_STATE_HEADS = frozenset("президент король королева монарх султан эмир шах".split())

# Heads of descriptions by profession or expertise ("отметил эксперт"): a writer uses them
# for any person just quoted or introduced, whatever that person's office ("чиновник": any
# official, "По словам прокурора ... сказал чиновник").
EXPERT_HEADS = frozenset(
    """
    эксперт аналитик политолог экономист эколог специалист социолог юрист адвокат историк чиновник
    ученый исследователь профессор доцент востоковед финансист собеседник аграрий врач
    инженер педагог архитектор урбанист экономистка
    """.split()
)

# Heads of descriptions of a politician ("парламентарий заявил", "По словам турецкого лидера"):
# a writer uses them for the person in office just named, whatever the office (a speaker of
# parliament, a president); like ``EXPERT_HEADS`` they fit any role (issue 15).
POLITICIAN_HEADS = frozenset("политик парламентарий лидер".split())

# Nouns of a person's relation to another ("представитель Теру", "адвокат Джонсон", kin): a
# bare surname after one is the other person's, in the genitive even when it does not decline.
RELATION_NOUNS = KIN_NOUNS | frozenset(
    """
    представитель представительница пресс-секретарь адвокат юрист защитник помощник помощница агент
    менеджер секретарь пресс-атташе сосед соседка коллега друг подруга приятель приятельница
    знакомый знакомая ученик ученица одноклассник одноклассница однокурсник однокурсница
    сослуживец соратник соратница партнёр партнер партнёрша партнерша поклонник поклонница
    """.split()
)

# Nouns of a part or number of a group, heading a description in the genitive plural: "ряд
# СМИ сообщил", "часть экспертов считает", "большинство аналитиков полагает" (lemmas).
QUANTITY_NOUNS = frozenset("ряд часть большинство меньшинство множество группа несколько толпа".split())

# Words that say a person is not named, or not the one named before ("неназванный
# представитель министерства", "другой источник"): such a description is nobody the
# article names (lemmas).
ANONYMOUS_WORDS = frozenset("неназванный неизвестный анонимный некий другой иной".split())

# Person nouns that name someone who is not introduced by name, so a description with one
# of these heads never refers back to a named person ("сказал источник", "рассказал очевидец").
ANONYMOUS_HEADS = frozenset(
    """
    источник очевидец свидетель житель пользователь читатель пассажир участник зритель
    слушатель посетитель покупатель один некто кто-то человек сотрудник работник представитель
    """.split()
)

# Words that join quotations inside one reported clause without adding the narrator's own
# ("сказал, что «...», но «...», поскольку «...»"): a clause of quotations and these is the
# speaker's direct statements only.
QUOTE_JOINERS = frozenset("но а и или да однако поскольку потому поэтому так как ведь что чтобы причем притом зато".split())

# Verbs of a call, a demand, a request or a promise whose infinitive (or "чтобы"-clause) is
# what was said: "призвал сторонников выйти на улицы", "потребовал лишить его мандата",
# "требует, чтобы правительство ...". Not orders ("поручил проверить", "приказал"): an
# order is a deed, not a statement.
REQUEST_LEMMAS = frozenset(
    """
    призвать призывать потребовать требовать попросить просить предложить предлагать пообещать
    обещать рекомендовать порекомендовать посоветовать советовать умолять пожелать желать
    """.split()
)

# Verbs of a judgement given as an object and its instrumental predicate: "назвал
# освобождение вопросом недель", "считает Тайвань своей провинцией", "объясняют его гибель
# стремлением ...", and with a bare adjective ("назвал обвинения беспочвенными": issue 15,
# the lead's convention). The object and the predicate are the statement.
NAMING_LEMMAS = frozenset("назвать называть считать объяснить объяснять".split())

# Verbs that credit a quoted fragment of the narrator's sentence to their subject besides the
# speech, request, call and naming verbs: "критиковал «кафиров ...»", "охарактеризовавший
# партию как «партию жуликов и воров»", "повелел оказать «всемерную помощь»", "коллеги зовут
# её «нашим Чеховым»" (issue 15's partial quotations).
CREDITING_LEMMAS = frozenset(
    """
    охарактеризовать характеризовать критиковать раскритиковать осуждать осудить повелеть
    звать именовать окрестить обвинить обвинять
    """.split()
)

# Verbs of naming: with no subject ("в прессе его часто называют «...»", "его стали называть
# «...»") the quotation after them is a nickname, nobody's words.
NICKNAMING_LEMMAS = frozenset("назвать называть звать прозвать прозывать именовать окрестить".split())

# Nouns that make the quotation after them, or opening with them, a title, not anyone's words:
# "закон «О мерах ...»", "закона о запрете «пропаганды ...»", "«закон Димы Яковлева»",
# "по делу «...»", "вводит понятие «...»" (with the quoted-name heads of the lexicon:
# "компания «...»").
TITLE_HEADS = frozenset(
    """
    закон законопроект указ постановление статья кодекс дело операция акция программа проект
    премия номинация конкурс фестиваль турнир выставка лозунг девиз
    понятие термин слово словосочетание выражение название имя прозвище
    """.split()
)

# Verbs expressing a stance with their object ("выразил готовность поддержать кандидатуру",
# "выразила обеспокоенность ситуацией"; not the formula of condolences) and the nouns
# that make the object what was said; "выразил надежду, что S" is a что-clause as any other.
EXPRESS_LEMMAS = frozenset("выразить выражать".split())
EXPRESSED_NOUNS = frozenset(
    """
    готовность надежда уверенность озабоченность обеспокоенность сожаление
    благодарность признательность поддержка протест несогласие недовольство сомнение возмущение
    солидарность намерение желание
    """.split()
)

# Verbs of confirming and denying whose accusative object is what was confirmed: "клуб
# подтвердил отставку тренера", "пресс-служба подтвердила факт гибели", "опроверг слухи",
# "отвергает обвинения" (``REJECT_LEMMAS`` only with a claim).
CONFIRM_LEMMAS = frozenset("подтвердить подтверждать опровергнуть опровергать отвергнуть отвергать".split())

# Of those, the verbs that reject anything ("отверг предложение" is a refusal): a statement
# only with a claim for object ("отверг обвинения", "отвергает эти сообщения").
REJECT_LEMMAS = frozenset("отвергнуть отвергать".split())

# Nouns of a standing one proves by deeds, not by words: "подтвердил титул чемпиона",
# "подтвердила репутацию надёжного партнёра", "подтвердил свой класс" (confirming them is no statement).
STANDING_NOUNS = frozenset("титул статус звание репутация квалификация лидерство класс мастерство".split())

# Adverbs of time that may stand between "Как" and its cue ("Как позднее сообщил X, S",
# "Как уже сообщалось"; pymorphy3 reads "позднее" as an adjective). Only these: "как долго
# говорил министр" after a comma asks how, it attributes nothing.
TIME_ADVERBS = frozenset("позднее позже ранее прежде уже недавно неоднократно накануне вчера сегодня".split())

# The speaker's own possessives: "по моим данным" inside a quotation is the speaker's again.
OWN_POSSESSIVES = frozenset({"моим", "моему", "нашим", "нашему"})

# Words of quantity that make a genitive plural after them a subject ("Несколько торговых
# сетей объявили", "Ряд депутатов заявил"), not the people addressed ("Туристов предупредили").
QUANTITY_WORDS = frozenset("несколько много немало ряд большинство часть множество десяток сотня тысяча".split())

# Nouns of claims, what a speaker confirms, denies or rejects as words.
CLAIM_NOUNS = frozenset("обвинение сообщение информация слух версия заявление утверждение данные претензия критика".split())

# Verbs of accusing: "обвинил мятежников в нападении", "обвинив в убийстве хуситов". Whom
# and of what (the accusative and the "в"-phrase) are the statement: a claim of the speaker.
ACCUSE_LEMMAS = frozenset("обвинить обвинять".split())

# Instrumental nouns that are never a judgement's predicate: times ("назвал его вчера утром")
# and the naming of a thing ("назвали стрелка именем X").
NOT_PREDICATE_INSTRUMENTALS = frozenset("утром днем днём вечером ночью весной летом осенью зимой временем разом именем".split())

# Request verbs that say something only to an addressee: "пожелал ей набрать форму" is said,
# "пожелал остаться в компании" is his own wish.
ADDRESSED_REQUEST_LEMMAS = frozenset({"пожелать", "желать"})

# Their nouns after "с" before the infinitive: "обратился к X с просьбой передать ...".
REQUEST_NOUNS = frozenset("просьба призыв требование предложение".split())

# The calls among them, whose "к"-phrase is what was called for as well as an infinitive:
# "призвал к диалогу", "призвал стороны к сдержанности", "выступили с призывом к бойкоту"
# (issue 15, the lead's convention: a call is a statement, its object as written).
CALL_LEMMAS = frozenset("призвать призывать призыв".split())

# Verbs of a complaint whose "на"-phrase is what was complained of: "жители пожаловались на
# пробки", "пожаловались премьер-министру на руководителя региона", "жалуясь на жестокое
# обращение" (issue 15, the lead's convention: a complaint is a statement, its object as written).
COMPLAINT_LEMMAS = frozenset("пожаловаться жаловаться посетовать сетовать".split())

# Impersonal verbs before an infinitive: "следует отметить, что", "стоит сказать, что",
# "остаётся добавить" are the writer's words, unlike "успел заявить", "поспешил сообщить".
IMPERSONAL_MODALS = frozenset("следовать стоить оставаться приходиться хотеться надлежать".split())

# Nouns in the instrumental before a quotation that give its words as said: "обратился к
# залу со словами «...»", "закончил фразой «...»", a crowd's "с криками «...»" (as written,
# lower case, singular and plural).
WORDS_NOUNS = frozenset(
    {"словами", "фразой", "фразами", "лозунгом", "лозунгами", "призывом", "призывами", "возгласом", "возгласами", "криком", "криками"}
)

# Speech verbs that tell how something happened: their ", как"-clause is what was said
# ("рассказал, как они познакомились"), like another verb's ", что".
NARRATION_LEMMAS = frozenset("рассказать рассказывать объяснить объяснять описать описывать вспомнить вспоминать".split())

# Speech verbs whose "о"-phrase is what was said ("сообщил о разводе", "Об отставке министра
# объявил премьер", "попросил президента о досрочной отставке"); not "думать о".
ABOUT_LEMMAS = frozenset(
    """
    сообщить сообщать рассказать рассказывать заявить заявлять объявить объявлять говорить
    сказать написать писать напомнить напоминать предупредить предупреждать высказаться
    сообщаться говориться попросить просить
    """.split()
)

# The preposition of that phrase.
ABOUT_PREPOSITIONS = frozenset({"о", "об", "обо"})
