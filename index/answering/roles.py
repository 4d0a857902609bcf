"""Who did what: checks of a written sentence that look past its facts to its roles.

A sentence can hold only the names, numbers and words of the paragraph it cites and still
say something else: "AS Roma signed Liverpool winger Salah" where the paragraph says
Liverpool signed Roma's winger; "istrinya dibunuh oleh perampok" where it names the husband.
Five checks, pure and language-aware (English and Indonesian), none tied to a topic:

- :func:`swapped_roles`: the sentence's subject and object (two names the paragraph holds)
  stand in the opposite order there, and no passive (``oleh``/``by``, a ``di-`` verb, ``was
  …-ed``) accounts for it. English and Indonesian both put the doer first in an active
  clause, so a translation keeps the order.
- :func:`unsupported_agents`: the doer or the cause the sentence names after ``oleh``,
  ``by``, ``karena``, ``because of``… occurs nowhere in the paragraph (in either language).
- :func:`moved_numbers`: a number the sentence gives one name where the paragraph gives it
  to another name of the sentence.
- :func:`absent_doer`: the paragraph sentence that says what the sentence's subject did
  (its best match, English words translated through the word lists of
  :mod:`newsbot.index.answering.bridge`) names someone else.
- :func:`other_doer`: the paragraph gives the subject's verb (the same stem, or an English
  verb's translation) to other names only.

Every one was kept only as far as it dropped no supported sentence of the labelled set's
calibration half (DEVELOPERS.md, "Written answers").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsbot.index.answering.bridge import question_terms
from newsbot.index.building.chunking import split_sentences
from newsbot.index.building.lexical import STOPWORDS, stem, tokenize

#: Whether a word of a text is the name a sentence writes (``Rusia`` for ``Russia``).
NameMatcher = Callable[[str, str], bool]

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[.,;:!?()\"“”]", re.UNICODE)
# Where a clause ends: the object of a verb lies before it.
_CLAUSE_ENDS = frozenset(
    ". ; : ! ? while whereas but although though despite because when until before after "
    "sementara sedangkan namun tetapi meski meskipun walaupun padahal karena sebab ketika "
    "sebelum setelah usai hingga sehingga".split()
)
# Prepositions of place and time: a name after them is a setting, not the verb's object.
_SETTINGS = frozenset(
    "in at on during since throughout within inside di pada dalam saat ketika sejak selama "
    "usai sesudah setelah".split()
)
# Words that mark the doer of a passive clause, in both languages.
_AGENT_MARKERS = frozenset({"oleh", "by"})
_BE = frozenset("is are was were be been being get got gets".split())
# Words after which a text names a doer or a cause (the next content word is it).
_CAUSE_MARKERS: dict[str, tuple[str, ...]] = {
    "oleh": (),
    "by": (),
    "karena": (),
    "akibat": (),
    "lantaran": (),
    "gara": ("gara",),
    "disebabkan": ("oleh",),
    "because": ("of",),
    "due": ("to",),
    "caused": ("by",),
}
# Words after a cause marker that are no doer: "by then", "karena itu".
_NOT_AGENTS = frozenset(
    "then now far itself themselves himself herself itu ini tersebut hal adanya".split()
)


# Function words of a clause: the search's stopwords less the verbs among them. The search
# drops "named" ("a man named X" asks for X), but in "Novanto named the KPK a suspect" it is
# the verb that gives the two names their roles.
_FUNCTION_WORDS = STOPWORDS - {"named"}


@dataclass(frozen=True)
class _Token:
    text: str
    lower: str
    is_name: bool


def _tokens(text: str, is_name: Callable[[str], bool]) -> list[_Token]:
    found = []
    for raw in _TOKEN.findall(text):
        word = re.sub(r"['’]s$", "", raw)
        found.append(_Token(word, word.lower(), bool(word[:1].isupper()) and is_name(word)))
    return found


def _is_content(token: _Token) -> bool:
    return (
        not token.is_name
        and token.lower.isalpha()
        and token.text[:1].islower()
        and token.lower not in _FUNCTION_WORDS
    )


_MODALS = frozenset("tidak tak belum bisa dapat harus mampu not cannot could can".split())
_AUXILIARIES = frozenset(
    "sudah telah akan masih sedang baru juga pun pernah tengah segera langsung".split()
)


def _passive_at(tokens: Sequence[_Token], i: int) -> bool:
    """Whether the verb at ``i`` is passive: an Indonesian ``di-`` verb not followed by an
    active one (``dikabarkan sudah bertemu``, ``diduga mencuri`` are active in meaning), or
    an English participle after a form of *be* not followed by ``to``/``of`` (``was
    saved``, not ``is expected to marry``)."""
    word = tokens[i].lower
    if word.startswith("di") and len(word) > 4 and stem(word) != word:
        j = i + 1
        while j < len(tokens) and tokens[j].lower in _AUXILIARIES:
            j += 1
        after = tokens[j].lower if j < len(tokens) else ""
        return not (after.startswith(("me", "ber")) and stem(after) != after)
    previous = tokens[i - 1].lower if i > 0 else ""
    after = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    participle = word.endswith(("ed", "en")) or word in _IRREGULAR
    return previous in _BE and participle and after not in ("to", "of")


def _active_at(tokens: Sequence[_Token], i: int) -> bool:
    """Whether the word at ``i`` is an active verb: an Indonesian ``me-``/``ber-`` word
    with a root, or an English word ending in ``-ed`` (not after *be*)."""
    word = tokens[i].lower
    if word.startswith(("me", "ber")) and len(word) > 4 and stem(word) != word:
        return True
    previous = tokens[i - 1].lower if i > 0 else ""
    return previous not in _BE and word.endswith("ed") and len(word) > 4


def _role(tokens: Sequence[_Token], at: int) -> str | None:
    """The role of the name at ``at`` in its clause: ``"doer"`` (after ``oleh``/``by``,
    right after a ``di-`` verb, or before an active verb), ``"done"`` (before a passive
    verb, or right after an active one), or None."""
    start = at
    while start > 0 and tokens[start - 1].text[:1].isupper():
        start -= 1
    end = at
    while end + 1 < len(tokens) and tokens[end + 1].text[:1].isupper():
        end += 1
    before = start - 1
    if before >= 0 and tokens[before].lower in _AGENT_MARKERS:
        return "doer"
    if before >= 0 and _passive_at(tokens, before) and tokens[before].lower.startswith("di"):
        return "doer"
    after = end + 1
    while after < len(tokens) and tokens[after].lower in _AUXILIARIES | _BE | _MODALS:
        after += 1
    if after < len(tokens):
        if _passive_at(tokens, after):
            return "done"
        if _active_at(tokens, after):
            return "doer"
    if before >= 0 and _active_at(tokens, before):
        return "done"
    return None


_IRREGULAR = frozenset(
    "held paid sold bought caught taught brought thought found made sent spent built hit "
    "shot struck beaten won lost left kept told said seen given taken chosen put met beat "
    "led took gave went came ran got set saw became began fought wrote drove fell "
    "felt knew meant rose stood understood withdrew let".split()
)
# Words after which an English word is a verb: "will meet", "has signed".
_VERB_BEFORE = frozenset(
    "will would can could may might must shall should has have had did does do to is are "
    "was were".split()
)


def _verb_like(tokens: Sequence[_Token], i: int, language: str) -> bool:
    """Whether a content word can be the verb of its clause: any Indonesian one; an English
    one ending in ``-ed``/``-s``, an irregular past, or after an auxiliary."""
    if language != "en":
        return True
    word = tokens[i].lower
    previous = tokens[i - 1].lower if i > 0 else ""
    return word.endswith(("ed", "s")) or word in _IRREGULAR or previous in _VERB_BEFORE


def _ends_subject(token: _Token) -> bool:
    """Whether a word before a verb is no part of its subject: a clause end, a setting, a
    comma, or a lowercase word that is not a function word."""
    if token.lower in _CLAUSE_ENDS or token.lower in _SETTINGS or token.text == ",":
        return True
    return not (token.text[:1].isupper() or token.lower in _FUNCTION_WORDS)


def _subject(tokens: Sequence[_Token], language: str) -> tuple[list[str], int] | None:
    """The names right before the first verb that follows a name, and that verb's index;
    None when what precedes them is no clause start (``the latest FIFA data``)."""
    first = next((i for i, t in enumerate(tokens) if t.is_name), None)
    if first is None:
        return None
    verb = next(
        (
            i
            for i in range(first, len(tokens))
            if _is_content(tokens[i]) and _verb_like(tokens, i, language)
        ),
        None,
    )
    if verb is None:
        return None
    subject: list[str] = []
    listed = False  # "Russia, Belarus and Armenia agreed": the comma is the list's
    for i in range(verb - 1, first - 1, -1):
        token = tokens[i]
        if token.is_name:
            subject.append(token.lower)
        elif token.lower in _CONJUNCTIONS and subject:
            listed = True
        elif token.text == "," and listed and i > 0 and tokens[i - 1].is_name:
            continue
        elif _ends_subject(token):
            if token.lower in _SETTINGS:
                return None  # "in the Korea Open": a setting, not a subject
            break
    return (subject[::-1], verb) if subject else None


def _subject_object(tokens: Sequence[_Token], language: str) -> tuple[list[str], list[str]] | None:
    """The names right before the first verb that follows a name (its subject) and the
    first name after it that is not a setting (its object), as (doer, other) — swapped for
    a passive verb — or None."""
    found = _subject(tokens, language)
    if found is None:
        return None
    subject, verb = found
    obj: list[str] = []
    for i in range(verb + 1, len(tokens)):
        token = tokens[i]
        if token.lower in _CLAUSE_ENDS:
            break
        if token.is_name:
            window = tokens[max(verb + 1, i - 3) : i]
            if any(t.lower in _SETTINGS for t in window):
                if obj:
                    break
                continue
            obj.append(token.lower)
        elif obj:
            break
    if not obj:
        return None
    return (obj, subject) if _passive_at(tokens, verb) else (subject, obj)


def _doer_first(tokens: Sequence[_Token], doer: int, other: int) -> bool:
    """Whether the text at hand presents ``doer`` as acting on ``other``: by the names'
    roles where a verb's voice shows them (``X ditepis Y``, ``oleh Y``, ``X was saved by
    Y``), else by their order (the doer first)."""
    doer_role, other_role = _role(tokens, doer), _role(tokens, other)
    if doer_role == other_role:
        # Neither shown, or both do (or undergo) something, each in a clause of its own.
        return doer < other
    return doer_role == "doer" or other_role == "done"


def _positions(tokens: Sequence[_Token], names: Sequence[str], matches: NameMatcher) -> list[int]:
    return [
        i
        for i, token in enumerate(tokens)
        if token.text[:1].isupper() and any(matches(name, token.text) for name in names)
    ]


def swapped_roles(
    sentence: str,
    paragraphs: Sequence[str],
    is_name: Callable[[str], bool],
    matches: NameMatcher,
    language: str,
) -> list[str]:
    """The sentence's doer and other party (``"Roma > Liverpool"``) when the paragraphs hold
    both but always in the opposite roles; empty when they agree or say nothing of it.

    ``is_name`` tells whether a capitalised word of the sentence is a name; ``matches``
    whether a paragraph word spells a name of the sentence. The paragraphs are read sentence
    by sentence, and as a whole where no sentence holds both names.
    """
    roles = _subject_object(_tokens(sentence, is_name), language)
    if roles is None:
        return []
    doers, others = roles
    always_name: Callable[[str], bool] = lambda word: True  # noqa: E731
    verdicts: list[bool] = []
    for paragraph in paragraphs:
        pieces = split_sentences(paragraph) or [paragraph]
        found = []
        for piece in pieces:
            tokens = _tokens(piece, always_name)
            doer_at = _positions(tokens, doers, matches)
            other_at = _positions(tokens, others, matches)
            if doer_at and other_at:
                found.append(any(_doer_first(tokens, d, o) for d in doer_at for o in other_at))
        if not found:
            tokens = _tokens(paragraph, always_name)
            doer_at = _positions(tokens, doers, matches)
            other_at = _positions(tokens, others, matches)
            if doer_at and other_at:
                found.append(any(_doer_first(tokens, d, o) for d in doer_at for o in other_at))
        verdicts.extend(found)
    if verdicts and not any(verdicts):
        return [f"{' '.join(doers)} > {' '.join(others)}"]
    return []


_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
_SENTENCE_CLAUSES = re.compile(
    r"[.;!?](?:\s|$)|\b(?:while|whereas|but|sementara|sedangkan|namun)\b"
)


def _numbered_names(
    text: str, is_name: Callable[[str], bool], *, both_sides: bool
) -> list[tuple[str, str]]:
    """(name, number) for the numbers of ``text`` and the names between each and the
    number before it in its clause (``Indonesia berada di peringkat 167``) — or, where
    there are none or ``both_sides`` is set, the names up to the next number too (``40
    soal TKP``). Years and the parts of scores (``2-1``) are left out: they belong to
    events, not to names."""
    pairs = []
    for clause in _SENTENCE_CLAUSES.split(text):
        found = list(_NUMBER.finditer(clause))
        for k, match in enumerate(found):
            value = re.sub(r"[.,]", "", match.group())
            if re.fullmatch(r"(19|20)\d\d", value) or _in_score(clause, match):
                continue
            if _in_clock_time(clause, match):
                continue
            start = found[k - 1].end() if k > 0 else 0
            end = found[k + 1].start() if k + 1 < len(found) else len(clause)
            before = _names_in(clause[start : match.start()], is_name)
            after = _names_in(clause[match.end() : end], is_name)
            for word in before + (after if both_sides or not before else []):
                pairs.append((word, value))
    return pairs


# A time of day: "19:41", "pukul 19.41", "7.30 pm", "10:00 WIB" — it dates an event and is
# no quantity of a name.
_CLOCK = re.compile(
    r"(?<![\d.,:])(?:(?:pukul|jam|at|around|about)\s+)?(\d{1,2})[:.](\d{2})"
    r"(?:\s*(?:WIB|WITA|WIT|am|pm|a\.m\.|p\.m\.))?(?![\d.,:]\d)",
    re.IGNORECASE,
)


def _in_clock_time(text: str, match: re.Match[str]) -> bool:
    """Whether the number at ``match`` is (part of) a time of day: hours and minutes with a
    colon, or with a dot after ``pukul``/``jam``/``at`` or before ``WIB``/``pm``."""
    for clock in _CLOCK.finditer(text):
        if clock.start(1) <= match.start() < clock.end(2) or (
            match.start() <= clock.start(1) < match.end()
        ):
            hours, minutes = int(clock.group(1)), int(clock.group(2))
            colon = text[clock.end(1)] == ":"
            marked = clock.group(0) != f"{clock.group(1)}{text[clock.end(1)]}{clock.group(2)}"
            if hours < 24 and minutes < 60 and (colon or marked):
                return True
    return False


def _in_score(text: str, match: re.Match[str]) -> bool:
    return bool(
        re.match(r"\s*[-–]\s*\d", text[match.end() :])
        or re.search(r"\d\s*[-–]\s*$", text[: match.start()])
    )


def _names_in(text: str, is_name: Callable[[str], bool]) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w[:1].isupper() and is_name(w)]


def moved_numbers(
    sentence: str,
    paragraphs: Sequence[str],
    is_name: Callable[[str], bool],
    matches: NameMatcher,
    names_in_paragraph: Callable[[str], bool] = lambda word: True,
) -> list[str]:
    """Numbers the sentence gives one name where the paragraphs give them only to other
    names (``names_in_paragraph`` tells a name from a title): ``Palestine is ranked 167th``
    where they rank Indonesia 167th."""
    mine = _numbered_names(sentence, is_name, both_sides=False)
    theirs = [
        pair for p in paragraphs for pair in _numbered_names(p, names_in_paragraph, both_sides=True)
    ]
    moved = []
    for name, number in mine:
        holders = [word for word, value in theirs if value == number]
        if holders and not any(matches(name, word) for word in holders):
            moved.append(f"{name} {number}")
    return moved


def translations(word: str, language: str) -> set[str]:
    """The lexical terms a word stands for in Indonesian news: its own and, for an English
    word, its dictionary translations'. Empty for an English word the lists lack."""
    own = set(tokenize(word))
    if language != "en":
        return own
    terms = question_terms(word, "en", lambda _: False).words
    translated = set().union(*terms) if terms else set()
    return own | translated if translated - own else set()


def unsupported_agents(sentence: str, paragraphs: Sequence[str], language: str) -> list[str]:
    """The doers and causes the sentence names after ``oleh``, ``by``, ``karena``, ``because
    of``, ``due to``… (their first content word) that the paragraphs hold in no spelling:
    ``dibunuh oleh perampok`` where the paragraph names the husband. Names are left to the
    name check; English words the word lists lack are not judged."""
    known = set().union(*(tokenize(p) for p in paragraphs)) if paragraphs else set()
    words = _TOKEN.findall(sentence)
    lower = [w.lower() for w in words]
    missing = []
    for i, word in enumerate(lower):
        if word not in _CAUSE_MARKERS:
            continue
        follow = _CAUSE_MARKERS[word]
        start = i + 1
        if follow:
            if lower[start : start + len(follow)] != list(follow):
                continue
            start += len(follow)
        run: list[str] = []
        for j in range(start, min(start + 5, len(words))):
            candidate = words[j]
            if candidate[:1].isupper():
                run = []  # a title or description of a name: left to the name check
                break
            if not candidate.isalpha() or lower[j] in _NOT_AGENTS:
                break
            if lower[j] in STOPWORDS:
                if run:
                    break
                continue
            run.append(lower[j])
        # The head of the doer's words: first in Indonesian ("pengadilan negeri"), last
        # in English ("district court").
        head = run[:1] if language != "en" else run[-1:]
        judged = [translations(w, language) for w in head]
        if run and all(judged) and not any(terms & known for terms in judged):
            missing.append(f"{word} {' '.join(run)}")
    return missing


# Verbs whose subject reports or asks rather than does (English word starts, Indonesian
# stems): the paragraph may quote the deed in one sentence and name the speaker in another.
_REPORTING_EN = (
    "say", "said", "tell", "told", "state", "explain", "ask", "add", "note", "claim",
    "announc", "urg", "warn", "reveal", "confirm", "mention", "believ", "hop", "want",
    "expect", "think", "thought", "argu", "call", "insist", "suggest", "describ", "recall",
)  # fmt: skip
_REPORTING_ID = frozenset(
    "kata ujar ucap sebut jelas minta tambah ungkap nyata umum tegas harap ingin klaim aku "
    "imbau desak kemuka terang tutur nilai anggap yakin duga sampai cerita akui".split()
)


def _reports(word: str, language: str) -> bool:
    if language == "en":
        return word.startswith(_REPORTING_EN)
    return stem(word) in _REPORTING_ID


def absent_doer(
    sentence: str,
    paragraphs: Sequence[str],
    is_name: Callable[[str], bool],
    matches: NameMatcher,
    language: str,
) -> list[str]:
    """The sentence's subject when the paragraph sentence that best matches the rest of it
    (its deed: words, translated for English, other names and numbers) names someone else:
    ``Boaz Solossa scored a hat-trick`` where the paragraph's hat-trick is Prisca
    Womsiwor's. The sentence before the best match counts too (``Dia`` refers back)."""
    tokens = _tokens(sentence, is_name)
    found = _subject(tokens, language)
    if found is None:
        return []
    subject, verb = found
    if _passive_at(tokens, verb) or _reports(tokens[verb].lower, language):
        return []
    deed = [
        terms
        for token in tokens[verb:]
        if token.lower.isalnum() and token.lower not in STOPWORDS
        if (terms := translations(token.lower, language) or set(tokenize(token.lower)))
    ]
    pieces = [piece for p in paragraphs for piece in (split_sentences(p) or [p])]
    if len(pieces) < 2 or len(deed) < 2:
        return []
    scores = []
    for piece in pieces:
        known = set(tokenize(piece))
        scores.append(sum(bool(terms & known) for terms in deed))
    best = max(scores)
    if best < 2 or best < len(deed) / 2:
        return []
    for i, score in enumerate(scores):
        if score != best:
            continue
        near = " ".join(pieces[max(0, i - 1) : i + 1])
        words = re.findall(r"[^\W\d_][\w'’-]*", near)
        if any(matches(name, word) for name in subject for word in words):
            return []
    return [" ".join(subject)]


# Words that join the last name of a list: "Rusia, Belarus, dan Armenia".
_CONJUNCTIONS = frozenset("and dan serta atau or".split())
# Words that open a clause of its own, with a doer of its own.
_SUBORDINATE = frozenset("bahwa bagaimana yang agar supaya that how which who whom so".split())
# Reporting verbs that put their speaker after them: "kata Febri", "ujar Aroso".
_SPEAKER_AFTER = frozenset("kata ujar ucap tutur tulis lanjut imbuh".split())


def _capitalised(tokens: Sequence[_Token], start: int, step: int) -> list[str]:
    """The capitalised words from ``start`` on, going ``step``, in the order read."""
    run = []
    i = start
    while 0 <= i < len(tokens) and tokens[i].text[:1].isupper():
        run.append(tokens[i].text)
        i += step
    return run


def _joint(tokens: Sequence[_Token], at: int, step: int) -> tuple[int, bool] | None:
    """Where the next name of a list starts after the words at ``at`` going ``step`` (a
    comma, a conjunction, or both: ``, dan``), and whether a conjunction joins it; None
    when no list goes on there."""
    i, conjunction, seen = at, False, 0
    while 0 <= i < len(tokens) and seen < 2:
        if tokens[i].text == ",":
            pass
        elif tokens[i].lower in _CONJUNCTIONS:
            conjunction = True
        else:
            break
        i += step
        seen += 1
    if seen and 0 <= i < len(tokens) and tokens[i].text[:1].isupper():
        return i, conjunction
    return None


def _name_run(tokens: Sequence[_Token], start: int, step: int) -> list[str]:
    """The capitalised words from ``start`` on, going ``step`` (+1 or -1), in text order —
    a whole list of names where they end one (``Rusia, Belarus, dan Armenia setuju``, or
    ``oleh Rusia, Belarus dan Armenia``): names joined by commas count only where a
    conjunction closes the list, so ``Di Jakarta, Jokowi berkata`` gives Jokowi alone."""
    first = _capitalised(tokens, start, step)
    run, i = first, start + step * len(first)
    while run and (joint := _joint(tokens, i, step)) is not None:
        nxt, conjunction = joint
        if step < 0 and not conjunction and run == first:
            break  # read back from a list's last name, the first joint is "dan"/"and"
        more = _capitalised(tokens, nxt, step)
        run, i = run + more, nxt + step * len(more)
        if step > 0 and conjunction:
            return run  # "oleh A, B dan C": the name after the conjunction ends the list
    return first if step > 0 else run[::-1]


def _agents_of(tokens: Sequence[_Token], at: int) -> list[str]:
    """The names that do what the verb at ``at`` says: after ``oleh``/``by`` or right after
    a passive ``di-`` verb; after a verb of saying without prefix (``kata Febri``); else the
    capitalised words right before it (auxiliaries and negations between)."""
    word = tokens[at].lower
    if _passive_at(tokens, at) and word.startswith("di"):
        for j in range(at + 1, min(at + 5, len(tokens))):
            if tokens[j].lower in _AGENT_MARKERS:
                return _name_run(tokens, j + 1, 1)
        return _name_run(tokens, at + 1, 1)
    if word in _SPEAKER_AFTER:
        return _name_run(tokens, at + 1, 1)
    j = at - 1
    while j >= 0 and (tokens[j].lower in _AUXILIARIES | _MODALS | _BE or _active_at(tokens, j)):
        j -= 1  # "Shaqiri berusaha mencuri": the doer of both verbs
    return _name_run(tokens, j, -1) if j >= 0 else []


def _verb_stems(word: str, language: str) -> set[str]:
    """The Indonesian stems a verb stands for: its own, and its translations' for English."""
    if language == "en":
        return {stem(term) for term in translations(word, "en") if " " not in term}
    return {stem(word)}


def other_doer(
    sentence: str,
    paragraphs: Sequence[str],
    is_name: Callable[[str], bool],
    matches: NameMatcher,
    language: str,
    names_in_paragraph: Callable[[str], bool] = lambda word: True,
) -> list[str]:
    """The sentence's subject and verb when the paragraphs give that verb (the same stem,
    or for English a translation's) to other names (``names_in_paragraph`` tells a name
    from a title) and never to the subject: ``De Gea mencoba mencuri gol`` where they write
    ``Shaqiri berusaha mencuri``."""
    tokens = _tokens(sentence, is_name)
    found = _subject(tokens, language)
    if found is None:
        return []
    subject, verb = found
    if _passive_at(tokens, verb):
        return []
    verbs = [verb]
    for i in range(verb + 1, len(tokens)):
        if tokens[i].lower in _CLAUSE_ENDS | _SUBORDINATE or tokens[i].text == ",":
            break
        if _active_at(tokens, i) or (language == "en" and tokens[i].lower in _IRREGULAR):
            verbs.append(i)
    flagged = []
    for at in verbs:
        wanted = _verb_stems(tokens[at].lower, language)
        agents: list[str] = []
        for paragraph in paragraphs:
            ptokens = _tokens(paragraph, lambda word: True)
            for i, token in enumerate(ptokens):
                verb_like = token.text[:1].islower() and token.lower.isalpha()
                if verb_like and stem(token.lower) in wanted:
                    agents.extend(_agents_of(ptokens, i))
        agents = [word for word in agents if names_in_paragraph(word)]
        if not agents or any(matches(name, word) for word in agents for name in subject):
            continue
        flagged.append(f"{' '.join(subject)} {tokens[at].text}")
    return flagged[:1]
