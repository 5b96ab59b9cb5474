"""Tests of svodka.nlp._role_predicates: roles stated by a clause about a person.

Sentences are our own. Entities are built by hand (as NER and normalisation would leave
them), so the cases test the roles stage alone.
"""

from __future__ import annotations

import pytest

from svodka.nlp.roles import extract_roles

from .test_roles import _article, _person

LAPTEV = {"Семён Лаптев": ["Семён Лаптев", "Семёна Лаптева", "Лаптев", "Лаптева"]}
ILINA = {"Вера Ильина": ["Вера Ильина", "Веру Ильину", "Ильина"]}


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, persons, name, roles",
    [
        # any form of the verb: a participle after the name, a gerund, a present tense
        ("Семён Лаптев, назначенный министром транспорта, приехал в город.", LAPTEV, "Семён Лаптев", ["министр транспорта"]),
        ("Будучи послом, Семён Лаптев часто ездил домой.", LAPTEV, "Семён Лаптев", ["посол"]),
        ("Семён Лаптев сейчас работает спецпредставителем губернатора.", LAPTEV, "Семён Лаптев", ["спецпредставитель губернатора"]),
        # an occupation noun outside the lexicon, by its suffix
        ("Семён Лаптев был настоятелем сельского храма.", LAPTEV, "Семён Лаптев", ["настоятель сельского храма"]),
        # "one of": the post of a person among several holding it
        ("Семён Лаптев стал одним из директоров завода.", LAPTEV, "Семён Лаптев", ["директор завода"]),
        # a list of roles after one verb, each; "одним из" inside the list
        ("Семён Лаптев был инженером, мастером и директором завода.", LAPTEV, "Семён Лаптев", ["инженер", "мастер", "директор завода"]),
        ("Семён Лаптев работает советником губернатора и одним из директоров банка.", LAPTEV, "Семён Лаптев", ["советник губернатора", "директор банка"]),
        ("Семён Лаптев был мэром, а также членом совета.", LAPTEV, "Семён Лаптев", ["мэр", "член совета"]),
        # post nouns after verbs of holding, combining and leaving a post
        ("Семён Лаптев совмещает должность мэра и руководителя фракции.", LAPTEV, "Семён Лаптев", ["мэр", "руководитель фракции"]),
        ("Семён Лаптев ушёл с поста главы района.", LAPTEV, "Семён Лаптев", ["глава района"]),
        ("Семён Лаптев долго работал в качестве консультанта.", LAPTEV, "Семён Лаптев", ["консультант"]),
        # a candidate keeps the post he aims at
        ("Кандидатом на пост мэра стал Семён Лаптев.", LAPTEV, "Семён Лаптев", ["кандидат на пост мэра"]),
        # an appointing verb gives the role to its object, not its subject
        ("Вера Ильина назначила Семёна Лаптева министром.", {**LAPTEV, **ILINA}, "Семён Лаптев", ["министр"]),
        ("Губернатор освободил Семёна Лаптева от должности директора школы.", LAPTEV, "Семён Лаптев", ["директор школы"]),
        # the role first, the name after its own title
        ("Мэром города избран известный врач Семён Лаптев.", LAPTEV, "Семён Лаптев", ["врач", "мэр города"]),
        # a subject elided after "и", after "а", or in the next sentence
        ("Семён Лаптев окончил институт и работал инженером.", LAPTEV, "Семён Лаптев", ["инженер"]),
        ("Семён Лаптев жил в Твери, а в 2010 году был мэром Твери.", LAPTEV, "Семён Лаптев", ["мэр Твери"]),
        ("Семён Лаптев родился в Твери. С 2001 года являлся председателем совета.", LAPTEV, "Семён Лаптев", ["председатель совета"]),
        # a pronoun whose own sentence names nobody: the person of the sentences before
        ("Семён Лаптев родился в Твери. Он окончил школу. Он был судьёй.", LAPTEV, "Семён Лаптев", ["судья"]),
        # an appointing verb's object after its title, as a pronoun, or after the post
        ("Губернатор назначил 40-летнего Семёна Лаптева послом.", LAPTEV, "Семён Лаптев", ["посол"]),
        ("Семён Лаптев вернулся в Тверь. Губернатор назначил его министром.", LAPTEV, "Семён Лаптев", ["министр"]),
        ("Семён Лаптев вернулся в Тверь. Вскоре его утвердили в должности судьи.", LAPTEV, "Семён Лаптев", ["судья"]),
        ("Губернатор освободил от должности директора школы Семёна Лаптева.", LAPTEV, "Семён Лаптев", ["директор школы"]),
        ("Вера Ильина приняла отставку, назначив советником Семёна Лаптева.", {**LAPTEV, **ILINA}, "Семён Лаптев", ["советник"]),
        # a post held whatever the verb: "на посту", "в должности", "в качестве"
        ("Семён Лаптев приступил к работе на посту мэра.", LAPTEV, "Семён Лаптев", ["мэр"]),
        ("Семён Лаптев принёс присягу в качестве мэра города.", LAPTEV, "Семён Лаптев", ["мэр города"]),
        ("Работа Семёна Лаптева на посту мэра закончилась.", LAPTEV, "Семён Лаптев", ["мэр"]),
        # a post taken or left, named by a noun: the person before it, or between it and the post
        ("Семён Лаптев заявил о своём уходе с поста главы района.", LAPTEV, "Семён Лаптев", ["глава района"]),
        ("Вера Ильина поздравила Семёна Лаптева с избранием на пост мэра.", {**LAPTEV, **ILINA}, "Семён Лаптев", ["мэр"]),
        ("Вера Ильина написала Семёну Лаптеву по случаю его избрания на пост мэра.", {**LAPTEV, **ILINA}, "Семён Лаптев", ["мэр"]),
        ("После отставки Семёна Лаптева с поста мэра город затих.", LAPTEV, "Семён Лаптев", ["мэр"]),
        # a circumstance between the verb and the role, or before a participle after its comma
        ("Семён Лаптев работал в компании инженером.", LAPTEV, "Семён Лаптев", ["инженер"]),
        ("Семён Лаптев занимал в партии должность секретаря.", LAPTEV, "Семён Лаптев", ["секретарь"]),
        ("Семён Лаптев, в прошлом занимавший пост мэра, уехал.", LAPTEV, "Семён Лаптев", ["мэр"]),
        # the post before its verb
        ("Пост мэра занял Семён Лаптев.", LAPTEV, "Семён Лаптев", ["мэр"]),
        ("На должность директора назначен Семён Лаптев.", LAPTEV, "Семён Лаптев", ["директор"]),
        ("Семён Лаптев родился в Твери. Пост мэра он занимал три года.", LAPTEV, "Семён Лаптев", ["мэр"]),
        # an ordinal in digits stays out of the role
        ("Семён Лаптев стал 43-м мэром города.", LAPTEV, "Семён Лаптев", ["мэр города"]),
        # a role before a name in the genitive: the name is no title of its own
        ("Семён Лаптев стал советником Веры Ильиной.", {**LAPTEV, "Вера Ильина": ["Веры Ильиной"]}, "Семён Лаптев", ["советник"]),
        # a post set off by commas: the subject after it
        ("Вера Ильина собрала штаб, и в её команду, в качестве заместителя, входит Семён Лаптев.", {**LAPTEV, **ILINA}, "Семён Лаптев", ["заместитель"]),
        # a tail ends before a circumstance, a time noun, "и др."; a coordinated tail goes on to its noun
        ("Вера Ильина освободила Семёна Лаптева от должности заместителя мэра по собственному желанию.", {**LAPTEV, **ILINA}, "Семён Лаптев", ["заместитель мэра"]),
        ("Семён Лаптев стал главным дирижёром городского оркестра сезона 2030 года.", LAPTEV, "Семён Лаптев", ["главный дирижёр городского оркестра"]),
        ("Семён Лаптев был мэром, послом и др.", LAPTEV, "Семён Лаптев", ["мэр", "посол"]),
        ("Семён Лаптев работал председателем комитета по внешним и межрегиональным связям.", LAPTEV, "Семён Лаптев", ["председатель комитета по внешним и межрегиональным связям"]),
        # the object's own title between the role and the name stays out of the role
        ("Вера Ильина назначила временным главой Тверской области агронома Семёна Лаптева.", {**LAPTEV, **ILINA}, "Семён Лаптев", ["агроном", "временный глава Тверской области"]),
        # a person noun in the tail after another is the role's own ("заместителя губернатора")
        ("Вера Ильина назначила исполняющим обязанности заместителя губернатора Семёна Лаптева.", {**LAPTEV, **ILINA}, "Семён Лаптев", ["заместитель губернатора", "исполняющий обязанности заместителя губернатора"]),
        # a name before a plural verb with no subject is its object
        ("Семёна Лаптева неожиданно назначили главой района.", LAPTEV, "Семён Лаптев", ["глава района"]),
        # a date between an inverted role and its verb
        ("Главой района с 5 мая 2030 года назначен Семён Лаптев.", LAPTEV, "Семён Лаптев", ["глава района"]),
        # a participle opening the sentence, its person after the role
        ("Занимающая с мая пост мэра Вера Ильина приехала в город.", ILINA, "Вера Ильина", ["мэр"]),
    ],
)
def test_role_predicates_roles(models, text, persons, name, roles):
    article = extract_roles(_article(text, persons), models)
    assert _person(article, name).roles == roles


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, persons, name",
    [
        # deeds, wins, parts in an event are no posts
        ("Семён Лаптев стал победителем конкурса.", LAPTEV, "Семён Лаптев"),
        ("Семён Лаптев стал автором поправки.", LAPTEV, "Семён Лаптев"),
        ("Семён Лаптев стал чемпионом Европы.", LAPTEV, "Семён Лаптев"),
        ("Семён Лаптев стал жертвой мошенников.", LAPTEV, "Семён Лаптев"),
        ("Семён Лаптев был гостем программы.", LAPTEV, "Семён Лаптев"),
        # the subject of an appointing verb appoints, it holds nothing
        ("Семён Лаптев назначил Веру Ильину министром.", {**LAPTEV, **ILINA}, "Семён Лаптев"),
        # the verb's gender differs from the person before
        ("Семён Лаптев приехал в город. Была избрана мэром города.", LAPTEV, "Семён Лаптев"),
        # another subject in the clause
        ("Семён Лаптев приехал, и компания стала лидером рынка.", LAPTEV, "Семён Лаптев"),
        # a name after a preposition is no subject the next sentence continues
        ("Доклад прочли у Семёна Лаптева. Был назначен министром.", LAPTEV, "Семён Лаптев"),
        # an appointing verb's pronoun object is not its own subject
        ("Семён Лаптев назначил его министром.", LAPTEV, "Семён Лаптев"),
        ("Вера Ильина приняла отставку, назначив советником Семёна Лаптева.", {**LAPTEV, **ILINA}, "Вера Ильина"),
        # the one who congratulates, or whose pronoun points away, takes no post
        ("Вера Ильина поздравила Семёна Лаптева с избранием на пост мэра.", {**LAPTEV, **ILINA}, "Вера Ильина"),
        ("Вера Ильина написала Семёну Лаптеву по случаю его избрания на пост мэра.", {**LAPTEV, **ILINA}, "Вера Ильина"),
        # a description between the noun and the post is someone else
        ("Семён Лаптев говорил об уходе главы района с поста мэра.", LAPTEV, "Семён Лаптев"),
        ("Вера Ильина собрала штаб, и в её команду, в качестве заместителя, входит Семён Лаптев.", {**LAPTEV, **ILINA}, "Вера Ильина"),
        # a circumstance does not reach past the verb's own complement or a preposition of company
        ("Семён Лаптев был на встрече с министром.", LAPTEV, "Семён Лаптев"),
        ("Семён Лаптев считался другом кандидатов на пост мэра.", LAPTEV, "Семён Лаптев"),
        # time and place after the role stay out of it; "стал мэром в прошлом году" is "мэр"
        # two persons joined before a plural verb are its subject
        ("Семён Лаптев и Вера Ильина назначили главой района нового человека.", {**LAPTEV, **ILINA}, "Семён Лаптев"),
    ],
)
def test_role_predicates_no_role(models, text, persons, name):
    article = extract_roles(_article(text, persons), models)
    assert _person(article, name).roles == []


@pytest.mark.issue(13)
def test_role_predicates_time_stays_out(models):
    article = extract_roles(_article("Семён Лаптев стал мэром в прошлом году.", LAPTEV), models)
    assert _person(article, "Семён Лаптев").roles == ["мэр"]


@pytest.mark.issue(13)
def test_role_predicates_relative_object(models):
    text = "Семён Лаптев, которого Вера Ильина назначила, а затем уволила с поста советника, уехал."
    article = extract_roles(_article(text, {**LAPTEV, **ILINA}), models)
    assert _person(article, "Семён Лаптев").roles == ["советник"]
    assert _person(article, "Вера Ильина").roles == []
