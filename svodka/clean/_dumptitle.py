"""The headline of a crawler dump (step 3 of ``clean.dump``).

The nearest plausible heading line before the article block, chosen by a date line next to it,
stems shared with the lead and distance; a deck under it, a headline far above the block or one
right after it, and the lead paragraphs above the headline. Split from ``clean.dump`` (issue 12).
"""

from __future__ import annotations

from collections import Counter

from ._dumpmeta import STEM_LENGTH, caps_share, stems, date_line
from ._chrome import NAV_WORDS
from ._names import person_shaped
from ._dumplines import LINK_CAPS_SHARE, _Line, _WORD, _strip_date, browser_title_copy, doubled, nav_row


# How many lines before the article block the headline may be (dates, bylines, share buttons
# and tabs sit between; measured: at most 8 on the dev pages, portals included).
TITLE_WINDOW = 12

# Weights for choosing the headline among candidates: a date line next to it, stems shared
# with the lead (up to 5), and distance in lines from the block.
TITLE_DATE_WEIGHT = 1.0
# A headline right under its rubric's label ("Политика" over "Когда соседи ссорятся..."): news
# pages print the rubric above the headline, not above a standfirst or a caption.
TITLE_RUBRIC_WEIGHT = 1.0
# A headline printed twice (``_dumplines.doubled``) is marked as the page's heading as surely as by a date,
# when it is the heading line nearest the text: a teaser of another story above the headline is
# often printed twice too (its picture's caption and its link).
TITLE_DOUBLED_WEIGHT = 1.0
# The headline the page's browser title repeats, the site's name run on after it ("Заголовок -
# Газета.Ru" printed a few lines above): the page names it its heading, over a deck under it.
TITLE_BROWSER_WEIGHT = 1.0
TITLE_SHARED_WEIGHT = 0.4
TITLE_DISTANCE_WEIGHT = 0.15
# Headlines longer than this many words are more likely decks or teaser leads.
TITLE_LONG_WORDS = 15
TITLE_LONG_WEIGHT = 0.1

# A headline farther than TITLE_WINDOW above the text is searched this far back, and must
# share this share of its word stems with the lead.
DISTANT_TITLE_WINDOW = 80
DISTANT_TITLE_SHARE = 0.5
# Copies of a headline at most this many lines apart are the page's own (a hidden copy, the
# breadcrumb's last item); a teaser comes back farther, in another list.
HEADLINE_COPIES_NEAR = 8


def _overlap(title: str, text: str, shortest: int = STEM_LENGTH - 1) -> float:
    """Share of a headline's stems that occur in a text (of its words of ``shortest`` letters
    or more: ``STEM_LENGTH`` counts content words only)."""
    title_stems = stems(title, shortest)
    return len(title_stems & stems(text, shortest)) / len(title_stems) if title_stems else 0.0


def _find_title(lines: list[_Line], start: int) -> int | None:
    """Index of the headline before the block starting at ``start``, or None.

    Candidates are heading-like lines up to ``TITLE_WINDOW`` lines back. The nearest wins
    unless an earlier one has a date line next to it (headlines sit by their date; decks and
    captions seldom do) or shares more words with the lead.
    """
    lo = max(0, start - TITLE_WINDOW)
    candidates = [i for i in range(start - 1, lo - 1, -1) if lines[i].heading and lines[i].kind != "body"]
    if not candidates:
        return None
    lead = " ".join(line.text for line in lines[start : start + 3])
    lead_stems = stems(lead)
    first = _WORD.findall(lines[start].text.lower())
    best, best_score = None, float("-inf")
    copies = {i: browser_title_copy(lines, i) for i in candidates}
    copy_lines = set(copies.values())
    for i in candidates:
        if i in copy_lines:
            continue  # the browser title's copy of a headline below it
        words = _WORD.findall(lines[i].text.lower())
        if len(words) >= 5 and first[: len(words) - 1] == words[:-1]:
            continue  # a truncated copy of the lead (embed preview, teaser), not a headline
        shared = len(stems(lines[i].text) & lead_stems)
        dated = any(
            0 <= j < len(lines) and date_line(lines[j]) is not None for j in (i - 1, i + 1)
        ) or _strip_date(lines[i].text)[1] is not None
        score = (
            TITLE_DATE_WEIGHT * dated
            + TITLE_DOUBLED_WEIGHT * (doubled(lines, i) and i == candidates[0])
            + TITLE_BROWSER_WEIGHT * (copies[i] is not None)
            + TITLE_RUBRIC_WEIGHT * (i > 0 and lines[i - 1].text.strip().lower() in NAV_WORDS)
            + TITLE_SHARED_WEIGHT * min(shared, 5)
            - TITLE_DISTANCE_WEIGHT * (start - i)
            - TITLE_LONG_WEIGHT * max(0, lines[i].words - TITLE_LONG_WORDS)
        )
        if score > best_score:
            best, best_score = i, score
    over = _headline_over_deck(lines, best, candidates) if best is not None else None
    if over is not None:
        best = over  # "СКА обыграл ЦСКА" over "Петербургский СКА в гостях обыграл ЦСКА ...": its deck
    elif (best is not None and best - 2 in candidates and _byline(lines[best - 1])
          and lines[best].words >= max(STANDFIRST_MIN_WORDS, 2 * lines[best - 2].words)):
        best -= 2  # headline, author, standfirst: the author signs under the headline
    return best


def _headline_over_deck(lines: list[_Line], deck: int, candidates: list[int]) -> int | None:
    """The headline over the deck ``deck`` was taken for: the heading line right above it, or
    above the rubric's label between them when the deck is a standfirst's length ("Обновитесь:
    ..." / "Новости" / a sentence of 20 words retelling it; saved page 21 of issue 16: a news
    site's chip between headline and deck). A headline of common length under its rubric's chip
    is the headline: the line above the chip is a story's label or another story's teaser."""
    above = deck - 1
    if (above - 1 in candidates and lines[above].text.strip().lower() in NAV_WORDS
            and lines[deck].words > TITLE_LONG_WORDS):
        above -= 1
    if above in candidates and _deck_of(lines[above], lines[deck]):
        return above
    return None


# A line between the date line and the text has at most this many words.
OVER_DATE_GAP_WORDS = 6


def _over_its_date(lines: list[_Line], start: int) -> int | None:
    """A short headline read as no heading alone ("Сибирские Афины": two words; "Премьер-лига.
    Матчи воскресенья. Слова": capitals of a menu), the last resort when nothing else heads the
    text (no heading near it, none far above it the lead is about, none after it): the line
    right over the date line or byline that stands right over the text, or one short line
    above it (a fresh windows set of issue 16). Not a label, a known rubric, an author's name, a
    date or a sentence; a rubric of two words of its own is not told from a headline."""
    meta = start - 1
    if meta >= 2 and lines[meta].kind != "body" and lines[meta].words <= OVER_DATE_GAP_WORDS and date_line(lines[meta]) is None:
        meta -= 1  # a short line between: a match's score, a photo credit
    if meta < 1 or date_line(lines[meta]) is None or lines[meta].kind == "body":
        return None
    line = lines[meta - 1]
    text = line.text.strip()
    if (line.kind != "chrome" or line.dated or line.sentence_end or not 2 <= line.words <= 12
            or not text[:1].isupper() or text.lower() in NAV_WORDS or text.endswith(":") or _byline(line)):
        return None  # an author's name over the date is the byline
    tokens = text.split()
    if nav_row(tokens):
        return None  # a menu's labels
    if len(tokens) >= 3 and caps_share(tokens) == 1.0 and not any(t.endswith((".", ":", "!", "?")) for t in tokens[:-1]):
        return None  # every word capitalised and no clause break: links, not a headline's phrase
    return meta - 1


def _byline(line: _Line) -> bool:
    """An author's name alone on its line ("Ольга ЛУКОВА", "Петр Сомов"): a first name and a
    Russian surname, in capitals or not. A byline signs under the headline, so a heading line
    under it is the standfirst (fourth windows set of issue 16)."""
    return line.kind != "body" and person_shaped(line.text.split(), capitals=True)


# A standfirst under the author's byline is at least this long, and twice the line over the
# byline: a column's headline under the author's name, with the section's label over it
# ("Блоги наших авторов" / "Андрей Петров" / headline), is shorter (review of issue 16's rules).
STANDFIRST_MIN_WORDS = 10

# A deck (standfirst) under the headline has at least this many words: a label is shorter.
DECK_MIN_WORDS = 5
# A deck retells at least this share of the content words of a headline of at least this many.
DECK_RETOLD_SHARE = 0.5
DECK_HEADLINE_STEMS = 4
# A byline or a photo credit between the deck and the text has at most this many words.
BYLINE_CREDIT_WORDS = 10


def _deck_of(title: _Line, line: _Line) -> bool:
    """Whether ``line`` is the deck of the headline ``title``: a longer heading line right under
    it that retells all of its word stems ("СКА обыграл ЦСКА" over "Петербургский СКА в гостях
    обыграл ЦСКА в матче ..."): news pages print a short headline over a standfirst."""
    title_stems = stems(title.text)
    if not title_stems or line.words <= title.words:
        return False
    if title_stems <= stems(line.text):
        return True
    # a deck retells a headline of some length in other words ("Россияне стали рекордно много
    # работать" over "FinExpertiza: длительность рабочей недели у россиян выросла до рекордного
    # уровня"; saved HTML set of issue 16: rbc.ru); a rubric of a word or two is no such headline
    content = stems(title.text, STEM_LENGTH)
    return len(content) >= DECK_HEADLINE_STEMS and _overlap(title.text, line.text, STEM_LENGTH) >= DECK_RETOLD_SHARE


def _deck(lines: list[_Line], title: int, start: int) -> int | None:
    """The deck between the headline and the text: the heading line right above the text (no
    date, no chrome), of at least ``DECK_MIN_WORDS`` words, that retells the headline (half the
    headline's stems are in it) or the lead (half its own stems are in the lead). It is the
    article's standfirst and belongs to the text, though it has no final stop."""
    i = start - 1
    if i <= title:
        return None
    if i > title + 1 and all(not lines[j].heading and lines[j].kind != "body" and lines[j].words <= BYLINE_CREDIT_WORDS
                             for j in range(title + 2, start)):
        i = title + 1  # the deck right under the headline, the byline and the photo credit under it
    line = lines[i]
    if not line.heading or line.kind == "body" or line.dated or line.stop or line.words < DECK_MIN_WORDS:
        return None
    if i == title + 2 and _byline(lines[title + 1]) and caps_share(line.text.split()) <= LINK_CAPS_SHARE:
        # Headline, author, standfirst: the standfirst need not retell either. It is written in
        # sentence case: a menu row with most words capitalised ("Главная Органы местного
        # самоуправления Документы") is no standfirst.
        return i
    lead = " ".join(lines[j].text for j in range(start, min(len(lines), start + 4)))
    if max(_overlap(lines[title].text, line.text), _overlap(line.text, lead)) < DISTANT_TITLE_SHARE:
        return None
    return i


def _distant_title(lines: list[_Line], start: int) -> int | None:
    """A headline far above the text (a gallery, a "listen" player or a banner in between):
    the heading line before the block that the lead is most about, when it is about it at all.

    A headline is what the first sentences are about, wherever the layout puts it: its words
    come back in the lead. A line that comes back far from itself too (a news list repeats
    teasers) is not taken; copies a few lines apart are the headline's own (a hidden schema
    block, a breadcrumb: saved HTML set of issue 16, iz.ru).
    """
    lead = " ".join(line.text for line in lines[start : start + 2])
    places: dict[str, list[int]] = {}
    for k, line in enumerate(lines):
        places.setdefault(line.text, []).append(k)
    best, best_share = None, DISTANT_TITLE_SHARE
    for i in range(max(0, start - DISTANT_TITLE_WINDOW), start):
        line = lines[i]
        if not line.heading or line.kind == "body" or any(abs(k - i) > HEADLINE_COPIES_NEAR for k in places[line.text]):
            continue
        share = _overlap(line.text, lead)
        if share >= best_share:
            best, best_share = i, share
    return best


def _lead_above(lines: list[_Line], title: int, start: int) -> list[int]:
    """The lead set between the headline and the picture that opens the text: body lines
    between them, when everything else there is the picture's block (a copy of the headline as
    its caption, a credit "Коллаж: ...", a subheading), never a feed or a widget (hard chrome)."""
    lead = [i for i in range(title + 1, start) if lines[i].kind == "body"]
    if not lead:
        return []
    others = [i for i in range(lead[0] + 1, start) if i not in lead]
    if any(lines[i].kind == "hard" or lines[i].stop for i in others):
        return []
    return lead


# A headline after the text is searched this many lines below it.
TITLE_AFTER_LINES = 2


def _title_after(lines: list[_Line], start: int, end: int) -> int | None:
    """A headline the crawl puts after the text (a lead set above the headline, a sticky
    header flattened last, a window that opens mid-page): with no headline before the text,
    a heading line right under it that retells the lead (``DISTANT_TITLE_SHARE`` of its stems)
    and occurs once on the page."""
    lead = " ".join(line.text for line in lines[start : start + 2])
    counts = Counter(line.text for line in lines)
    for i in range(end + 1, min(len(lines), end + 1 + TITLE_AFTER_LINES)):
        line = lines[i]
        if line.heading and line.kind != "body" and counts[line.text] == 1 and _overlap(line.text, lead) >= DISTANT_TITLE_SHARE:
            return i
    return None
