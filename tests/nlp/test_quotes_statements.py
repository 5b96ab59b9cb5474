"""Tests of svodka.nlp.quotes: finding every statement with the right boundaries (issue 15).

Each rule has cases written for these tests (no real text): the conventions are those of
the team's gold on real news: a direct statement is the words inside the marks (or a
paragraph quoted without them), an indirect one the reported clause without cue and speaker.
"""

from __future__ import annotations

import pytest

from svodka.clean import verbatim
from svodka.model import Document, Entity, Mention
from svodka.nlp.quotes import extract_quotes

from .test_quotes import ORLOVA, PETROV, _article, _found


def _verbatim(text, names=()):
    """An article taken as it is (``--no-clean``: blank-line blocks, no title), with entities by hand."""
    article = verbatim(Document(text=text))
    for eid, etype, name, forms in names:
        mentions = []
        for form in forms:
            start = 0
            while (i := article.text.find(form, start)) >= 0:
                mentions.append(Mention(i, i + len(form), form, name))
                start = i + len(form)
        first, _, last = name.partition(" ")
        mentions.sort(key=lambda m: m.start)
        article.entities.append(Entity(eid, etype, name, first=first, last=last, mentions=mentions))
    return article


# (case, paragraphs, entities, expected [(kind, text, speaker, cue)])
CASES = [
    (
        "a non-breaking space before the dash",
        ["«Мост откроем к осени, работы идут по графику»,\xa0— сказал Игорь Петров."],
        [PETROV],
        [("direct", "Мост откроем к осени, работы идут по графику", "Игорь Петров", "сказал")],
    ),
    (
        "a quotation after a colon paragraph",
        ["Игорь Петров сказал:", "«Мост откроем к осени, работы идут по графику»."],
        [PETROV],
        [("direct", "Мост откроем к осени, работы идут по графику", "Игорь Петров", "сказал")],
    ),
    (
        "a paragraph in the speaker's voice after a colon paragraph",
        ["Игорь Петров сказал:", "Мы откроем мост к осени, работы идут по графику."],
        [PETROV],
        [("direct", "Мы откроем мост к осени, работы идут по графику.", "Игорь Петров", "сказал")],
    ),
    (
        "the narrator's paragraph after a colon paragraph is no statement",
        ["Игорь Петров заявил:", "Работы на мосту начались в марте и идут по графику."],
        [PETROV],
        [],
    ),
    (
        "a reported clause stops at the colon before a quotation",
        ["Игорь Петров заявил, что станция готова к зиме: «На складе уже триста тонн угля»."],
        [PETROV],
        [
            ("indirect", "станция готова к зиме", "Игорь Петров", "заявил"),
            ("direct", "На складе уже триста тонн угля", "Игорь Петров", "заявил"),
        ],
    ),
    (
        "wiki italics around a quotation",
        ["''«Мост откроем к осени, работы идут по графику»'', — сказал Игорь Петров."],
        [PETROV],
        [("direct", "Мост откроем к осени, работы идут по графику", "Игорь Петров", "сказал")],
    ),
    (
        "a reported clause made of quotations is direct speech",
        ["Игорь Петров пояснил, что «мост откроем к осени», но «сроки зависят от погоды»."],
        [PETROV],
        [
            ("direct", "мост откроем к осени", "Игорь Петров", "пояснил"),
            ("direct", "сроки зависят от погоды", "Игорь Петров", "пояснил"),
        ],
    ),
    (
        "a quotation after the narrator's verb is part of the reported clause",
        ["Игорь Петров заявил, что отставка директора является «вынужденной мерой для завода»."],
        [PETROV],
        [("indirect", "отставка директора является «вынужденной мерой для завода»", "Игорь Петров", "заявил")],
    ),
    (
        "a gerund with its что-clause",
        ["Игорь Петров поблагодарил строителей, отметив, что мост построен в срок."],
        [PETROV],
        [("indirect", "мост построен в срок", "Игорь Петров", "отметив")],
    ),
    (
        "a gerund's phrase ends at its comma",
        ["Игорь Петров, комментируя решение, заявил, что мост откроют в мае."],
        [PETROV],
        [("indirect", "мост откроют в мае", "Игорь Петров", "заявил")],
    ),
    (
        "a speech verb's о-phrase past its addressee",
        ["Анна Орлова рассказала студентам о новой программе обмена с университетами Сербии."],
        [ORLOVA],
        [("indirect", "о новой программе обмена с университетами Сербии", "Анна Орлова", "рассказала")],
    ),
    (
        "an о-phrase past a time phrase, a dative addressee that is a thing",
        ["Игорь Петров сообщил в прошлую среду о закрытии рынка. Анна Орлова рассказала прессе о ремонте школы."],
        [PETROV, ORLOVA],
        [
            ("indirect", "о закрытии рынка", "Игорь Петров", "сообщил"),
            ("indirect", "о ремонте школы", "Анна Орлова", "рассказала"),
        ],
    ),
    (
        "an о-phrase opening the sentence, before the speaker",
        ["О своём уходе из команды Игорь Петров объявил после матча."],
        [PETROV],
        [("indirect", "О своём уходе из команды", "Игорь Петров", "объявил")],
    ),
    (
        "a confirmed fact: the verb's accusative object",
        ["Пресс-служба клуба подтвердила отставку главного тренера."],
        [],
        [("indirect", "отставку главного тренера", "пресс-служба клуба", "подтвердила")],
    ),
    (
        "a denial: the verb's accusative object",
        ["Игорь Петров опроверг слухи о продаже завода."],
        [PETROV],
        [("indirect", "слухи о продаже завода", "Игорь Петров", "опроверг")],
    ),
    (
        "the subject after a confirming verb is no object (the fronted object is the fact)",
        ["Отставку тренера подтвердил пресс-секретарь клуба."],
        [],
        [("indirect", "Отставку тренера", "пресс-секретарь клуба", "подтвердил")],
    ),
    ("a confirming verb's bare 'это' is no statement", ["Игорь Петров подтвердил это."], [PETROV], []),
    (
        "a judgement: an object and its predicate noun in the instrumental",
        ["Министр Игорь Петров назвал закрытие завода ошибкой."],
        [PETROV],
        [("indirect", "закрытие завода ошибкой", "Игорь Петров", "назвал")],
    ),
    (
        "an explanation by an instrumental noun",
        ["Игорь Петров объяснил задержку плохой погодой."],
        [PETROV],
        [("indirect", "задержку плохой погодой", "Игорь Петров", "объяснил")],
    ),
    (
        "a bare adjective is a judgement too (issue 15 convention)",
        ["Анна Орлова считает проект мэрии незаконным."],
        [ORLOVA],
        [("indirect", "проект мэрии незаконным", "Анна Орлова", "считает")],
    ),
    ("naming a child is no judgement", ["Родители назвали мальчика Гильермо в честь деда."], [], []),
    ("naming a date is no judgement", ["Игорь Петров назвал сроки открытия моста."], [PETROV], []),
    (
        "an о-phrase ends where its subject's noun starts",
        ["О своём уходе из команды нападающий Игорь Петров объявил после матча."],
        [PETROV],
        [("indirect", "О своём уходе из команды", "Игорь Петров", "объявил")],
    ),
    (
        "an о-phrase ends before a nominative adjective of its subject",
        ["О закрытии завода 62-летний директор сообщил в понедельник."],
        [],
        [("indirect", "О закрытии завода", "62-летний директор", "сообщил")],
    ),
    (
        "an о-phrase ends before adverbs and a body's noun",
        ["О продаже завода только вчера сообщило министерство промышленности."],
        [],
        [("indirect", "О продаже завода", "министерство промышленности", "сообщило")],
    ),
    (
        "an о-phrase ends at a first name NER missed",
        ["О своих планах Анна сообщила тренеру ещё в апреле."],
        [],
        [("indirect", "О своих планах", "Анна", "сообщила")],
    ),
    (
        "a request's о-phrase",
        ["Игорь Петров попросил губернатора о встрече с жителями посёлка."],
        [PETROV],
        [("indirect", "о встрече с жителями посёлка", "Игорь Петров", "попросил")],
    ),
    (
        "an о-phrase ends before a second predicate",
        ["Анна Орлова объявила о закрытии фабрики и уехала в Москву."],
        [ORLOVA],
        [("indirect", "о закрытии фабрики", "Анна Орлова", "объявила")],
    ),
    (
        "a thing that tells about something, an о-phrase of the verb's object, a negated verb: no statement",
        ["Книга рассказывает о детстве писателя в деревне. Анна Орлова написала статью о реформе школ. Игорь Петров не сообщил о причинах отставки."],
        [PETROV, ORLOVA],
        [],
    ),
    (
        "по данным X",
        ["Анна Орлова возглавляет комиссию. По данным комиссии, ремонт обойдётся в сто миллионов рублей."],
        [ORLOVA],
        [("indirect", "ремонт обойдётся в сто миллионов рублей", "комиссия", "по данным")],
    ),
    (
        "по подсчётам of a possessive",
        ["Анна Орлова возглавляет комиссию. По её подсчётам, ремонт обойдётся в сто миллионов рублей."],
        [ORLOVA],
        [("indirect", "ремонт обойдётся в сто миллионов рублей", "Анна Орлова", "по её подсчётам")],
    ),
    (
        "согласно опросу X",
        ["Согласно опросу Центра городских исследований, треть горожан ездят на работу на автобусе."],
        [("e3", "ORG", "Центр городских исследований", ["Центра городских исследований"])],
        [("indirect", "треть горожан ездят на работу на автобусе", "Центр городских исследований", "согласно опросу")],
    ),
    (
        "figures of nobody: bare по данным, before a date, after the clause",
        [
            "По предварительным данным, пожар начался из-за неисправной проводки.",
            "По данным на 1 июня, в области открыто сорок лагерей.",
            "Пожар начался из-за неисправной проводки, по официальным данным.",
        ],
        [],
        [],
    ),
    (
        "an о-phrase before a colon's quotation is a statement too",
        ["Игорь Петров заявил о политической подоплёке всего процесса: «Суд с самого начала был на стороне истца»."],
        [PETROV],
        [
            ("indirect", "о политической подоплёке всего процесса", "Игорь Петров", "заявил"),
            ("direct", "Суд с самого начала был на стороне истца", "Игорь Петров", "заявил"),
        ],
    ),
    (
        "a negated cue's о-phrase before a colon's quotation is no statement",
        ["Игорь Петров не сказал о планах ничего нового: «Мы будем работать как раньше»."],
        [PETROV],
        [("direct", "Мы будем работать как раньше", "Игорь Петров", "сказал")],
    ),
    (
        "an impersonal call or warning: the people addressed before the verb are no speaker",
        [
            "Жителей Заречного призвали не выходить из домов до утра.",
            "Пассажиров попросили не оставлять багаж без присмотра.",
            "Кроме того, туристов предупредили, что пляжи закрыты.",
        ],
        [],
        [],
    ),
    (
        "the people addressed with a city's name, or told of something, are no speaker",
        [
            "Жителей Самары призвали экономить воду.",
            "Пассажиров предупредили о задержке рейса.",
            "Граждан просят сообщать о подозрительных предметах.",
        ],
        [],
        [],
    ),
    (
        "a call whose subject is named, or whose source is, or a dative told",
        [
            "Власти призвали жителей не выходить из домов.",
            "В мэрии призвали жителей не выходить из домов.",
            "Ему сообщили, что пляжи закрыты.",
        ],
        [],
        [
            ("indirect", "жителей не выходить из домов", "власти", "призвали"),
            ("indirect", "жителей не выходить из домов", "мэрия", "призвали"),
            ("indirect", "пляжи закрыты", None, "сообщили"),
        ],
    ),
    (
        "reports of nobody: по некоторым сообщениям, по неофициальной информации, по имеющимся сведениям",
        [
            "По некоторым сообщениям, у мэра Заречного случился сердечный приступ.",
            "По неофициальной информации, завод в Заречном закроют к осени.",
            "По имеющимся сведениям, в аварии на трассе никто не пострадал.",
        ],
        [],
        [],
    ),
    (
        "reports from a named place are its statement",
        ["По сообщениям из Кишинёва, переговоры о транзите газа отложены."],
        [("e1", "LOC", "Кишинёв", ["Кишинёва"])],
        [("indirect", "переговоры о транзите газа отложены", "Кишинёв", "по сообщениям")],
    ),
    (
        "a report whose source a participle names is its statement",
        ["По неподтверждённой информации, полученной от Игоря Петрова, ремонт обойдётся в сто миллионов рублей."],
        [PETROV],
        [("indirect", "ремонт обойдётся в сто миллионов рублей", "Игорь Петров", "по неподтверждённой информации")],
    ),
    (
        "figures of nobody are part of a statement that has a speaker",
        ["По официальным данным, пострадали трое, сообщил Игорь Петров."],
        [PETROV],
        [("indirect", "По официальным данным, пострадали трое", "Игорь Петров", "сообщил")],
    ),
    (
        "по сведениям X",
        ["По сведениям издания, мост через реку откроют в мае."],
        [],
        # an outlet the article does not name is its description (issue 15: speakers of every kind)
        [("indirect", "мост через реку откроют в мае", "издание", "по сведениям")],
    ),
    (
        "an aside in brackets and a по-phrase that is no source",
        ["Мост открыли в мае (по другим данным, в июне). Его история запомнилась по громким заявлениям."],
        [],
        [],
    ),
    (
        "a call with its infinitive",
        ["Игорь Петров призвал жителей не выходить на лёд, а спасатели закрыли пляжи."],
        [PETROV],
        [("indirect", "жителей не выходить на лёд", "Игорь Петров", "призвал")],
    ),
    (
        "a demand with чтобы",
        ["Игорь Петров требует, чтобы подрядчик закончил ремонт к маю."],
        [PETROV],
        [("indirect", "подрядчик закончил ремонт к маю", "Игорь Петров", "требует")],
    ),
    (
        "a request noun with its infinitive",
        ["Игорь Петров обратился к губернатору с просьбой выделить деньги на ремонт моста."],
        [PETROV],
        [("indirect", "выделить деньги на ремонт моста", "Игорь Петров", "с просьбой")],
    ),
    (
        "a request's clause goes on past 'начиная с' and 'не только A, но и B'",
        ["Игорь Петров предложил ремонтировать не только мосты, но и дороги, начиная с самых старых."],
        [PETROV],
        [("indirect", "ремонтировать не только мосты, но и дороги, начиная с самых старых", "Игорь Петров", "предложил")],
    ),
    (
        "an order is a deed, not a statement",
        ["Игорь Петров поручил проверить состояние моста."],
        [PETROV],
        [],
    ),
    (
        "an impersonal cue speaks for nobody",
        ["Отмечается, что мост откроют в мае. Как сообщается, подрядчик получил аванс. Было заявлено, что денег хватит."],
        [],
        [],
    ),
    (
        "a relayed report with its source",
        ["Мост через реку закроют на ремонт, передает агентство «Вести» со ссылкой на мэрию."],
        [],
        [("indirect", "Мост через реку закроют на ремонт", "мэрия", "передает")],
    ),
    (
        "an outlet's own news relayed without a source is no statement",
        ["Мост через реку закроют на ремонт, передает агентство «Вести»."],
        [],
        [],
    ),
    (
        "так between the dash and the cue",
        ["Мост через реку закроют на ремонт в мае,\xa0— так говорится в заявлении мэрии."],
        [],
        [("indirect", "Мост через реку закроют на ремонт в мае", "мэрия", "говорится")],
    ),
    (
        "это сообщила X after the words",
        ["Мост через реку закроют на ремонт.", "Это сообщила Анна Орлова."],
        [ORLOVA],
        [("indirect", "Мост через реку закроют на ремонт.", "Анна Орлова", "сообщила")],
    ),
    (
        "a participle and a short passive with their что-clause",
        [
            "Игорь Петров, выразивший уверенность, что мост откроют в мае, покинул совещание.",
            "В заявлении мэрии было сказано, что подрядчик получил аванс.",
        ],
        [PETROV],
        [
            ("indirect", "мост откроют в мае", "Игорь Петров", "выразивший"),
            ("indirect", "подрядчик получил аванс", "мэрия", "сказано"),
        ],
    ),
    (
        "a speech infinitive after a verb of its subject, not after an impersonal one",
        ["Игорь Петров успел заявить, что мост откроют в мае. Следует отметить, что подрядчик получил аванс."],
        [PETROV],
        [("indirect", "мост откроют в мае", "Игорь Петров", "заявить")],
    ),
    (
        "по его словам without its comma",
        ["Игорь Петров приехал на стройку. По его словам мост откроют в мае."],
        [PETROV],
        [("indirect", "мост откроют в мае", "Игорь Петров", "по его словам")],
    ),
    (
        "a second attribution inside a что-clause starts a statement of its own",
        ["Игорь Петров заявил, что мост откроют в мае, но, по его словам, дорогу закончат только осенью."],
        [PETROV],
        [
            ("indirect", "мост откроют в мае", "Игорь Петров", "заявил"),
            ("indirect", "дорогу закончат только осенью", "Игорь Петров", "по его словам"),
        ],
    ),
    (
        "a short quotation opening a reported clause is no term",
        ["Игорь Петров похвалил строителей, добавив, что «впереди много работы»."],
        [PETROV],
        [
            ("indirect", "«впереди много работы»", "Игорь Петров", "добавив"),
            ("direct", "впереди много работы", "Игорь Петров", "добавив"),
        ],
    ),
    (
        "a wish to an addressee, not one's own",
        ["Игорь Петров пожелал ей как можно скорее поправиться. Анна Орлова пожелала остаться в команде."],
        [PETROV, ORLOVA],
        [("indirect", "ей как можно скорее поправиться", "Игорь Петров", "пожелал")],
    ),
    (
        "words in the speaker's voice after a colon clause naming her",
        ["Анна Орлова в ответ лишь пошутила: «Это была аллергия на моих конкурентов»."],
        [ORLOVA],
        [("direct", "Это была аллергия на моих конкурентов", "Анна Орлова", ":")],
    ),
    (
        "a paragraph in the speaker's voice after a colon paragraph naming him",
        ["В открытом письме Игорь Петров отказался от награды:", "Кто вы такой, чтобы судить меня? Я верну вам орден."],
        [PETROV],
        [("direct", "Кто вы такой, чтобы судить меня? Я верну вам орден.", "Игорь Петров", ":")],
    ),
    (
        "со словами «...» and the next quotation of the list",
        ["Игорь Петров закончил речь словами «Слава героям» и «До встречи»."],
        [PETROV],
        [
            ("direct", "Слава героям", "Игорь Петров", "словами"),
            ("direct", "До встречи", "Игорь Петров", "словами"),
        ],
    ),
    (
        "a paragraph of one quotation goes on in the voice of the quotation before",
        ["«Мост откроем к осени», — сказал Игорь Петров.", "«Это важный объект для всего района»."],
        [PETROV],
        [
            ("direct", "Мост откроем к осени", "Игорь Петров", "сказал"),
            ("direct", "Это важный объект для всего района", "Игорь Петров", "сказал"),
        ],
    ),
    (
        "reported speech inside a quotation",
        ["«Утром позвонили из мэрии и сообщили, что мост закроют. Я был удивлён», — сказал Игорь Петров."],
        [PETROV],
        [
            ("direct", "Утром позвонили из мэрии и сообщили, что мост закроют. Я был удивлён", "Игорь Петров", "сказал"),
            ("indirect", "мост закроют", None, "сообщили"),
        ],
    ),
    (
        "the speaker's own words again inside his quotation are none",
        ["«Я всегда говорил, что мост нужен району», — сказал Игорь Петров."],
        [PETROV],
        [("direct", "Я всегда говорил, что мост нужен району", "Игорь Петров", "сказал")],
    ),
    (
        "a narration verb's как-clause",
        ["Игорь Петров рассказал однажды, как строили первый мост через реку."],
        [PETROV],
        [("indirect", "как строили первый мост через реку", "Игорь Петров", "рассказал")],
    ),
    (
        "что: «...» is the colon's direct speech; a reported clause after it is its own",
        ["Игорь Петров заявлял, что: «мост никто не закрывал», и ремонт он не отменял."],
        [PETROV],
        [
            ("direct", "мост никто не закрывал", "Игорь Петров", "заявлял"),
            ("indirect", "ремонт он не отменял", "Игорь Петров", "заявлял"),
        ],
    ),
    (
        "a proposal's addressee written with an initial",
        ["На встрече Игорь Петров предложил В.Сидорову возглавить оргкомитет фестиваля."],
        [PETROV, ("e4", "PER", "Василий Сидоров", ["В.Сидорову"])],
        [("indirect", "В.Сидорову возглавить оргкомитет фестиваля", "Игорь Петров", "предложил")],
    ),
    (
        "a proposal's infinitive in scare quotes after a purpose phrase",
        ["Игорь Петров предложил для экономии «заморозить» стройку до весны."],
        [PETROV],
        [("indirect", "для экономии «заморозить» стройку до весны", "Игорь Петров", "предложил")],
    ),
    (
        "a judgement whose object opens the sentence is the whole clause",
        ["Всю историю с письмами Игорь Петров назвал провокацией."],
        [PETROV],
        [("indirect", "Всю историю с письмами Игорь Петров назвал провокацией", "Игорь Петров", "назвал")],
    ),
    (
        "a judgement whose predicate noun opens the sentence is the whole clause",
        ["Главной причиной задержки Игорь Петров называет нехватку рабочих."],
        [PETROV],
        [("indirect", "Главной причиной задержки Игорь Петров называет нехватку рабочих", "Игорь Петров", "называет")],
    ),
    (
        "a fronted object with a bare adjective is a judgement too (issue 15 convention)",
        ["Новый график движения Игорь Петров назвал удачным."],
        [PETROV],
        [("indirect", "Новый график движения Игорь Петров назвал удачным", "Игорь Петров", "назвал")],
    ),
    (
        "a judgement with a bare adjective: the object and the adjective",
        ["Игорь Петров назвал обвинения подрядчика беспочвенными и абсурдными."],
        [PETROV],
        [("indirect", "обвинения подрядчика беспочвенными и абсурдными", "Игорь Петров", "назвал")],
    ),
    (
        "an adjective before its noun is no predicate",
        ["Игорь Петров назвал причины задержки во время плановой проверки."],
        [PETROV],
        [],
    ),
    (
        "«призвать к ответу» is an idiom of blame, no call",
        ["Игоря Петрова призвали к ответу за слова о закрытии завода.", "Анну Орлову призвали к ответственности за срыв сроков."],
        [PETROV, ORLOVA],
        [],
    ),
    (
        "a call «не к X, а к Y» is the call to Y",
        ["Игорь Петров призвал не к забастовке, а к переговорам с владельцами завода."],
        [PETROV],
        [("indirect", "к переговорам с владельцами завода", "Игорь Петров", "призвал")],
    ),
    (
        "a complaint: the на-phrase after the addressee",
        ["Жители посёлка пожаловались главе района на перебои с водой."],
        [],
        [("indirect", "на перебои с водой", "жители посёлка", "пожаловались")],
    ),
    (
        "a complaint's на-phrase ends before the body it went to",
        [
            "Жители посёлка пожаловались на перебои с водой в районную администрацию.",
            "Игорь Петров пожаловался на боль в спине участковому врачу.",
        ],
        [PETROV],
        [
            ("indirect", "на перебои с водой", "жители посёлка", "пожаловались"),
            ("indirect", "на боль в спине", "Игорь Петров", "пожаловался"),
        ],
    ),
    (
        "a question about a complaint is no statement",
        ["Кто из жильцов жаловался на шум по ночам?"],
        [],
        [],
    ),
    (
        "a complaint with a что-clause is the clause",
        ["Игорь Петров пожаловался на то, что проверка затянулась."],
        [PETROV],
        [("indirect", "проверка затянулась", "Игорь Петров", "пожаловался")],
    ),
    (
        "«Об этом» with a date before the verb refers to the sentence before",
        ["Мост через Вятку закроют на ремонт до осени. Об этом в среду 12 марта 2025 года сообщил Игорь Петров."],
        [PETROV],
        [("indirect", "Мост через Вятку закроют на ремонт до осени", "Игорь Петров", "сообщил")],
    ),
    (
        "«Об этом» of another verb is not the cue's",
        ["Мост через Вятку закроют на ремонт. Об этом в среду в городской думе долго спорили депутаты, сообщил Игорь Петров."],
        [PETROV],
        [("indirect", "Об этом в среду в городской думе долго спорили депутаты", "Игорь Петров", "сообщил")],
    ),
    (
        "a call: the к-phrase with the addressee",
        ["Игорь Петров призвал стороны к сдержанности, а полиция усилила патрули."],
        [PETROV],
        [("indirect", "стороны к сдержанности", "Игорь Петров", "призвал")],
    ),
    (
        "an accusation: whom and of what",
        ["Игорь Петров обвинил подрядчика в срыве сроков ремонта моста."],
        [PETROV],
        [("indirect", "подрядчика в срыве сроков ремонта моста", "Игорь Петров", "обвинил")],
    ),
    (
        "the accused before an impersonal verb is no speaker's statement",
        ["Игоря Петрова обвиняли в подкупе местных чиновников, однако слухи не подтвердились."],
        [("e1", "PER", "Игорь Петров", ["Игоря Петрова"])],
        [],
    ),
    (
        "a quoted outlet between the verb and что",
        ["Игорь Петров рассказал «Северинформу», что уходит из городской думы."],
        [PETROV],
        [("indirect", "уходит из городской думы", "Игорь Петров", "рассказал")],
    ),
    (
        "a long quotation between the verb and что is no addressee",
        ["Игорь Петров сказал «спасибо всем, кто был с нами в эти годы», что растрогало зал."],
        [PETROV],
        [],
    ),
    (
        "drawing attention to a fact is a statement",
        ["Игорь Петров обратил также внимание на то, что мост до сих пор не отремонтирован."],
        [PETROV],
        [("indirect", "мост до сих пор не отремонтирован", "Игорь Петров", "обратил")],
    ),
    (
        "drawing attention to oneself is none",
        ["Игорь Петров обратил на себя внимание тем, что пришёл на сессию без галстука."],
        [PETROV],
        [],
    ),
    (
        "the subject before a mid-sentence «как сообщил X» is part of the statement",
        ["Новый мост, как сообщил Игорь Петров, откроют в мае."],
        [PETROV],
        [("indirect", "Новый мост, как сообщил Игорь Петров, откроют в мае", "Игорь Петров", "сообщил")],
    ),
    (
        "a longer fronted predicate before a mid-sentence «по мнению X» is part of the statement",
        ["Главной причиной задержки строительства моста, по мнению Игоря Петрова, является нехватка денег."],
        [("e1", "PER", "Игорь Петров", ["Игоря Петрова"])],
        [("indirect", "Главной причиной задержки строительства моста, по мнению Игоря Петрова, является нехватка денег", "Игорь Петров", "по мнению")],
    ),
    (
        "a connective before a mid-sentence «по словам X» is not",
        ["После этого, по словам Игоря Петрова, на стройку пришли ещё две бригады."],
        [("e1", "PER", "Игорь Петров", ["Игоря Петрова"])],
        [("indirect", "на стройку пришли ещё две бригады", "Игорь Петров", "по словам")],
    ),
    (
        "«как сообщил X» closing the sentence",
        ["Мост через реку откроют в мае, как сообщил Игорь Петров."],
        [PETROV],
        [("indirect", "Мост через реку откроют в мае", "Игорь Петров", "сообщил")],
    ),
    (
        "a trailing cue after a participle phrase of its own subject reports nothing",
        ["Игорь Петров в докладе, посвящённом новому мосту, отметил вклад строителей."],
        [PETROV],
        [],
    ),
    (
        "a statement ending with a participle phrase before a trailing cue",
        ["Мост закроют из-за долгов, накопившихся за год, сказал Игорь Петров."],
        [PETROV],
        [("indirect", "Мост закроют из-за долгов, накопившихся за год", "Игорь Петров", "сказал")],
    ),
    (
        "«по данным X» with no comma after the source",
        ["По данным «Северинформа» новый директор завода\xa0— бывший чиновник мэрии."],
        [],
        [("indirect", "новый директор завода\xa0— бывший чиновник мэрии", "Северинформ", "по данным")],
    ),
    (
        "«по словам X» with no comma after a connective",
        ["Однако по словам Игоря Петрова мост через реку откроют в мае."],
        [PETROV],
        [("indirect", "мост через реку откроют в мае", "Игорь Петров", "по словам")],
    ),
    (
        "«по данным X» with no comma: a preposition ends the source",
        ["По данным полиции в результате аварии пострадали трое, ещё двое погибли."],
        [],
        [("indirect", "в результате аварии пострадали трое, ещё двое погибли", "полиция", "по данным")],
    ),
    (
        "«по официальным данным» with no comma names nobody",
        ["По официальным данным Игорь Петров уволился ещё в марте."],
        [PETROV],
        [],
    ),
    (
        "a Latin name ends a source with no comma",
        ["По сообщению портала Severinform News работы участников оценивали учёные."],
        [],
        [("indirect", "работы участников оценивали учёные", "Severinform News", "по сообщению")],
    ),
    (
        "a source going on past an instrumental to its comma",
        ["По мнению заведующего кафедрой истории Северского университета Игоря Петрова, договорённость отражает общий курс."],
        [PETROV],
        [("indirect", "договорённость отражает общий курс", "Игорь Петров", "по мнению")],
    ),
    (
        "a source going on past a preposition to its comma",
        ["По мнению члена комитета по обороне Игоря Петрова, мост откроют в мае."],
        [PETROV],
        [("indirect", "мост откроют в мае", "Игорь Петров", "по мнению")],
    ),
    (
        "an accusation «в том, что S» runs to the что-clause's end",
        ["Игорь Петров обвинил руководителей завода в том, что они скрыли аварию, в результате которой пострадали рабочие."],
        [PETROV],
        [("indirect", "руководителей завода в том, что они скрыли аварию, в результате которой пострадали рабочие", "Игорь Петров", "обвинил")],
    ),
    (
        "a confirmed fact opening the sentence, its source after the verb",
        ["Смерть музыканта подтвердил окружной коронер Игорь Петров."],
        [PETROV],
        [("indirect", "Смерть музыканта", "Игорь Петров", "подтвердил")],
    ),
    (
        "a confirmed fact opening the sentence after an adverb",
        ["Позже эту версию подтвердила пресс-служба клуба."],
        [],
        [("indirect", "эту версию", "пресс-служба клуба", "подтвердила")],
    ),
    (
        "a subject before the verb is no fronted fact",
        ["Смерть музыканта Игорь Петров подтвердил вчера."],
        [PETROV],
        [],
    ),
    (
        "a crowd's words after a plural «с лозунгами»",
        ["Жители вышли к мэрии с лозунгами «Верните нам мост»."],
        [],
        [("direct", "Верните нам мост", "жители", "лозунгами")],
    ),
    (
        "«по словам X, Y «...»» ending the sentence: the quotation is direct too",
        ["По словам очевидцев, нападавший «просто зашёл в магазин и начал кричать»."],
        [],
        [
            ("indirect", "нападавший «просто зашёл в магазин и начал кричать»", "очевидцы", "по словам"),
            ("direct", "просто зашёл в магазин и начал кричать", "очевидцы", "по словам"),
        ],
    ),
    (
        "«по словам X» and a quotation after a verb of the narrator's: one indirect statement",
        ["По словам Игоря Петрова, закрытие моста стало «ошибкой, которую придётся исправлять»."],
        [("e1", "PER", "Игорь Петров", ["Игоря Петрова"])],
        [("indirect", "закрытие моста стало «ошибкой, которую придётся исправлять»", "Игорь Петров", "по словам")],
    ),
    (
        "«по словам X» and a quotation the clause goes on after: one indirect statement",
        ["По словам Игоря Петрова, мэр «хорошо знает город» и будет баллотироваться."],
        [("e1", "PER", "Игорь Петров", ["Игоря Петрова"])],
        [("indirect", "мэр «хорошо знает город» и будет баллотироваться", "Игорь Петров", "по словам")],
    ),
    (
        "«по словам X,» opening a quotation: X's statement inside the speaker's words",
        ["«По словам врачей, состояние пострадавших стабильное», — сказал Игорь Петров."],
        [PETROV],
        [
            ("direct", "По словам врачей, состояние пострадавших стабильное", "Игорь Петров", "сказал"),
            ("indirect", "состояние пострадавших стабильное", "врачи", "по словам"),
        ],
    ),
    (
        "«по моим данным» inside a quotation is the speaker's own",
        ["«По моим данным, мост откроют в мае», — сказал Игорь Петров."],
        [PETROV],
        [("direct", "По моим данным, мост откроют в мае", "Игорь Петров", "сказал")],
    ),
    (
        "a speaker's new clause after a dash has its own cue and statement",
        ["Игорь Петров сказал, что мост откроют в мае, — он назвал эти сроки реальными."],
        [PETROV],
        [
            ("indirect", "мост откроют в мае", "Игорь Петров", "сказал"),
            ("indirect", "эти сроки реальными", "Игорь Петров", "назвал"),
        ],
    ),
    (
        "a clause after a dash with no cue stays in the statement",
        ["Игорь Петров сказал, что мост откроют в мае — он будет первым по длине в области."],
        [PETROV],
        [("indirect", "мост откроют в мае — он будет первым по длине в области", "Игорь Петров", "сказал")],
    ),
    (
        "a gerund without a что-clause reports nothing",
        ["Игорь Петров отказался от поездки на форум, объяснив своё решение болезнью."],
        [PETROV],
        [],
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", CASES, ids=[c[0] for c in CASES])
def test_quotes_statements_found(models, case, paragraphs, names, expected):
    article = extract_quotes(_article(None, paragraphs, names), models)
    assert _found(article) == expected
    for q in article.quotes:
        assert article.text[q.start : q.end] == q.text


# (case, text as it is, entities, expected) for texts taken without cleaning
VERBATIM_CASES = [
    (
        "the first line is the headline",
        "Петров: мост через реку откроют в мае\nРаботы идут по графику.\nПодрядчик получил аванс.",
        [PETROV],
        [("indirect", "мост через реку откроют в мае", "Игорь Петров", ":")],
    ),
    (
        "an о-phrase before a colon and the quoted paragraph",
        "Мост откроют в мае\n\nИгорь Петров рассказал о сроках:\nМост откроем к осени, работы идут по графику.",
        [PETROV],
        [
            ("indirect", "о сроках", "Игорь Петров", "рассказал"),
            ("direct", "Мост откроем к осени, работы идут по графику.", "Игорь Петров", "рассказал"),
        ],
    ),
    (
        "a sentence does not run across a line break",
        "Цены на хлеб в области\nЦены на хлеб выросли на треть за год. Об этом сообщил Игорь Петров.",
        [PETROV],
        [("indirect", "Цены на хлеб выросли на треть за год", "Игорь Петров", "сообщил")],
    ),
    (
        "a block quote on the line after the colon",
        "Мост откроют в мае\n\nИгорь Петров сказал:\nДа, это так, но сроки зависят от погоды. Подрядчик готов.",
        [PETROV],
        [("direct", "Да, это так, но сроки зависят от погоды. Подрядчик готов.", "Игорь Петров", "сказал")],
    ),
    (
        "a paragraph after a blank line and «По его словам:»",
        "Мост откроют в мае\n\nИгорь Петров заявил о сроках. По его словам:\n\nПодготовка идёт серьёзная, подрядчик уже найден.",
        [PETROV],
        [
            ("indirect", "о сроках", "Игорь Петров", "заявил"),
            ("direct", "Подготовка идёт серьёзная, подрядчик уже найден.", "Игорь Петров", "по его словам"),
        ],
    ),
    (
        "a document noun and a verb of citing before the colon",
        "Мост закрыли\n\nВ сообщении городской полиции, опубликованном вечером в пятницу, приводится:\nМост закрыт до пятницы, мы сообщим о новых сроках.",
        [],
        [("direct", "Мост закрыт до пятницы, мы сообщим о новых сроках.", "городская полиция", "приводится")],
    ),
    (
        "a comment named before the colon",
        "Мост закрыли\n\nИгорь Петров в субботу посвятил закрытию старого моста через реку длинный комментарий:\nМост закрыт до пятницы, работы идут по графику.",
        [PETROV],
        [("direct", "Мост закрыт до пятницы, работы идут по графику.", "Игорь Петров", "комментарий")],
    ),
    (
        "a paragraph after a blank line and a colon of the narrator's stays the narrator's",
        "Мост закрыли\n\nВ сообщении мэрии Северска есть подробности:\n\nРаботы на мосту начались в марте и идут по графику.",
        [("o1", "ORG", "мэрия Северска", ["мэрии Северска"])],
        [],
    ),
    (
        "a clause before an inverted cue that opens a colon's block quote",
        "Мост откроют в мае\n\nМост выдержал испытания без единой трещины, рассказали инженеры, проводившие проверку:\nМы нагрузили его втрое больше нормы, и он устоял.",
        [],
        [
            ("indirect", "Мост выдержал испытания без единой трещины", "инженеры", "рассказали"),
            ("direct", "Мы нагрузили его втрое больше нормы, и он устоял.", "инженеры", "рассказали"),
        ],
    ),
    (
        "the media as a headline's speaker",
        "СМИ: мост через реку откроют в мае\nРаботы идут по графику.",
        [],
        [("indirect", "мост через реку откроют в мае", "СМИ", ":")],
    ),
    (
        "a speech verb's о-phrase in a headline",
        "Игорь Петров сообщил о продаже завода\nЗавод продадут до конца года.",
        [PETROV],
        [("indirect", "о продаже завода", "Игорь Петров", "сообщил")],
    ),
    (
        "a headline naming a topic is no statement",
        "Игорь Петров: выставка спустя полвека\nВ музее открылась выставка картин.",
        [PETROV],
        [],
    ),
    (
        "a wrapped line goes on",
        "Мост откроют в мае\n\nИгорь Петров заявил, что мост через\nреку откроют в мае.",
        [PETROV],
        [("indirect", "мост через\nреку откроют в мае", "Игорь Петров", "заявил")],
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, text, names, expected", VERBATIM_CASES, ids=[c[0] for c in VERBATIM_CASES])
def test_quotes_statements_verbatim(models, case, text, names, expected):
    article = extract_quotes(_verbatim(text, names), models)
    assert _found(article) == expected


def test_quotes_statements_word_lists_are_named_subsets():
    from svodka.nlp import _speech

    assert _speech.ADDRESSED_REQUEST_LEMMAS <= _speech.REQUEST_LEMMAS
    assert _speech.DATA_NOUNS <= _speech.PO_SLOVAM_NOUNS and _speech.REPORT_NOUNS <= _speech.PO_SLOVAM_NOUNS
    assert not _speech.REQUEST_LEMMAS & {"поручить", "приказать", "велеть"}  # orders are deeds


def test_a_text_ending_in_a_line_break_without_blocks(models):
    # An article built from bare text (no blocks) whose last line ends with a break.
    from svodka.model import Article
    from svodka.pipeline import run

    article = run(Article(text="Петров: мост откроют в мае\n\nИгорь Петров заявил, что мост откроют в мае.\n"), models)
    assert any(q.text == "мост откроют в мае" for q in article.quotes)


@pytest.mark.issue(15)
def test_quotes_apposition_before_colon_cue_is_no_statement(models):
    """"Пресс-секретарь мэрии, бывшая журналистка, сказала:" has no clause of its own before
    the cue: only the block quote after the colon is a statement (the speaker is another matter)."""
    text = "Мост откроют в мае\n\nПресс-секретарь мэрии Северска, бывшая журналистка, сказала:\nМы откроем мост к осени, работы идут по графику."
    article = extract_quotes(_verbatim(text), models)
    assert [(q.kind, q.text) for q in article.quotes] == [("direct", "Мы откроем мост к осени, работы идут по графику.")]


@pytest.mark.issue(15)
def test_quotes_source_inside_an_outlets_quotation_goes_via_the_outlet(models):
    """«По словам специалистов, S» inside an outlet's quotation: the specialists speak, the outlet relays."""
    article = extract_quotes(
        _article(
            None,
            ["Ранее агентство «Северинформ» распространило фото задержанного: «По словам специалистов, он вёл себя как человек со специальной подготовкой»."],
            [("o1", "ORG", "Северинформ", ["Северинформ"])],
        ),
        models,
    )
    inner = [q for q in article.quotes if q.kind == "indirect"]
    assert [(q.text, q.speaker.name, q.via) for q in inner] == [("он вёл себя как человек со специальной подготовкой", "специалисты", "Северинформ")]
