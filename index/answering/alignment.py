"""Where a written sentence stands in its cited paragraph: the one sentence it aligns to.

A written sentence is read against the paragraph sentence (or two adjacent sentences) that
holds most of its words — its names, and its content words: Indonesian ones by stem, as the
index normalises them (``diserbu`` → ``serbu``), English ones through the shipped word
list's senses (``attacked`` → ``serang``). Two checks follow from that alignment:

- :func:`coverage`: the share of the sentence's names and judged content words the aligned
  sentence holds (English words the word list lacks are not judged).
- :func:`misaligned_roles`: the sentence's doer and other party (the names before and
  after its main verb, read through a passive) stand the other way round about the
  aligned sentence's matching verb — its stem, or an English verb's translation — read
  through a passive there too (``di-``, ``oleh``, ``by``). "Espanyol attacked Barcelona"
  where the aligned sentence says ``Barcelona menyerbu pertahanan Espanyol`` fails; "The
  defence of Espanyol was attacked by Barcelona" passes.

Pure functions; both languages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from newsbot.index.answering.roles import (
    _AUXILIARIES,
    _MODALS,
    NameMatcher,
    _is_content,
    _passive_at,
    _positions,
    _reports,
    _subject,
    _subject_object,
    _Token,
    _tokens,
    _verb_stems,
    translations,
)
from newsbot.index.building.chunking import split_sentences
from newsbot.index.building.lexical import stem, tokenize


@dataclass(frozen=True)
class Alignment:
    """The paragraph text a sentence aligns to (one sentence or two adjacent ones), and the
    share (0–1) of the sentence's names and judged content words that text holds."""

    text: str
    coverage: float
    judged: int


def _terms(word: str, language: str) -> set[str]:
    """The index terms a content word of the sentence may appear as in a paragraph; empty
    for an English word the word list lacks (not judged)."""
    if language == "en":
        found = translations(word, "en")
        return found | {stem(term) for term in found if " " not in term} if found else set()
    return set(tokenize(word)) | {stem(word)}


def _units(paragraphs: Sequence[str]) -> list[str]:
    """Each paragraph's sentences, and each pair of adjacent ones."""
    units: list[str] = []
    for paragraph in paragraphs:
        pieces = split_sentences(paragraph) or [paragraph]
        units.extend(pieces)
        units.extend(f"{a} {b}" for a, b in pairwise(pieces))
    return units


def align(
    sentence: str,
    paragraphs: Sequence[str],
    is_name: Callable[[str], bool],
    matches: NameMatcher,
    language: str,
) -> Alignment | None:
    """The paragraph sentence (or two adjacent sentences) holding the largest share of the
    sentence's names and judged content words, single sentences first among equals; None
    when the sentence has nothing to judge."""
    tokens = _tokens(sentence, is_name)
    names = sorted({t.text for t in tokens if t.is_name})
    wanted = [terms for t in tokens if _is_content(t) for terms in (_terms(t.lower, language),)]
    wanted = [terms for terms in wanted if terms]
    total = len(names) + len(wanted)
    if not total:
        return None
    best: Alignment | None = None
    for unit in _units(paragraphs):
        held = set(tokenize(unit)) | {w.lower() for w in unit.split()}
        words = [w.strip(".,;:!?()\"“”'’") for w in unit.split()]
        found = sum(any(matches(name, w) for w in words if w[:1].isupper()) for name in names)
        found += sum(bool(terms & held) for terms in wanted)
        share = found / total
        if best is None or share > best.coverage:
            best = Alignment(unit, share, total)
    return best


def _passive(tokens: Sequence[_Token], i: int) -> bool:
    """:func:`roles._passive_at`, with a ``di-`` verb before ``menjadi`` passive too
    (``dilantik menjadi ketua`` is ``dilantik sebagai ketua``, not an active clause)."""
    after = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    if (
        after == "menjadi"
        and tokens[i].lower.startswith("di")
        and stem(tokens[i].lower) != tokens[i].lower
    ):
        return True
    return _passive_at(tokens, i)


def _sides(
    tokens: Sequence[_Token], names: Sequence[str], matches: NameMatcher, verb: int
) -> set[str]:
    return {"before" if i < verb else "after" for i in _positions(tokens, names, matches)}


def misaligned_roles(
    sentence: str,
    aligned: str,
    is_name: Callable[[str], bool],
    matches: NameMatcher,
    language: str,
) -> str | None:
    """``"doer > other"`` when the sentence's doer stands only on the other party's side of
    the aligned text's matching verb and the other party only on the doer's (each read
    through its voice); None when they agree, or when the aligned text has no matching
    verb or lacks either name."""
    tokens = _tokens(sentence, is_name)
    found = _subject(tokens, language)
    if found is None or _reports(tokens[found[1]].lower, language):
        return None  # "X said …": the speaker and the deed's names hold no roles to each other
    roles = _subject_object(tokens, language)
    if roles is None:
        return None
    doers, others = roles
    verb = found[1]
    while verb + 1 < len(tokens) and tokens[verb].lower in _AUXILIARIES | _MODALS:
        verb += 1  # "langsung diserbu", "sudah menyerbu": the verb is the next word
    if _passive(tokens, verb) != _passive_at(tokens, found[1]):
        doers, others = others, doers  # the voice _subject_object read was another word's
    wanted = _verb_stems(tokens[verb].lower, language)
    unit = _tokens(aligned, lambda word: True)
    for v, token in enumerate(unit):
        if not (token.text[:1].islower() and token.lower.isalpha()):
            continue
        if stem(token.lower) not in wanted and token.lower not in wanted:
            continue
        passive = _passive(unit, v)
        doer_side, other_side = ("after", "before") if passive else ("before", "after")
        doer_at = _sides(unit, doers, matches, v)
        other_at = _sides(unit, others, matches, v)
        if doer_at and other_at:
            if doer_at == {other_side} and other_at == {doer_side}:
                return f"{' '.join(doers)} > {' '.join(others)}"
            return None
    return None
