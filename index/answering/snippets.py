"""Pick the sentence of a paragraph that answers the question.

No model runs here: embedding a paragraph's sentences at query time cost ~0.2 s a hit and
made English questions (which share few words with Indonesian news) 50× slower than
embedding the question. Shared words decide first; where they tie or none is shared,
shared character 4-grams do, which catch names and cognates across the two languages
(``Moscow``/``Moskow``, ``organization``/``organisasi``). See BENCHMARKS.md, "Quality".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from newsbot.index.building.lexical import sentence_terms

_GRAM = 4


def _grams(tokens: Sequence[str]) -> set[str]:
    text = " ".join(tokens)
    return {text[i : i + _GRAM] for i in range(len(text) - _GRAM + 1)}


def best_sentence(text: str, question_tokens: list[str]) -> tuple[int, int]:
    """Return the (start, end) span of the sentence in ``text`` that best answers.

    The sentence sharing most question terms wins; ties, and questions sharing no term
    with any sentence, go to the sentence sharing most character 4-grams with the question
    (scaled by the sentence's length, so that a long sentence does not win by size alone).
    """
    sentences = sentence_terms(text)
    if len(sentences) <= 1:
        return sentences[0][0] if sentences else (0, len(text))
    wanted = set(question_tokens)
    question_grams = _grams(question_tokens)

    def rank(sentence: tuple[tuple[int, int], tuple[str, ...]]) -> tuple[int, float]:
        tokens = sentence[1]
        grams = _grams(tokens)
        shared = len(question_grams & grams) / math.sqrt(len(grams)) if grams else 0.0
        return len(wanted & set(tokens)), shared

    return max(sentences, key=rank)[0]
