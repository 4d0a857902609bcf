"""Pick the sentence of a paragraph that answers the question."""

from __future__ import annotations

import numpy as np

from index.chunking import sentence_spans
from index.embedders import Embedder
from index.lexical import tokenize


def best_sentence(
    text: str, question_tokens: list[str], query: np.ndarray, embedder: Embedder
) -> tuple[int, int]:
    """Return the (start, end) span of the sentence in ``text`` that best answers.

    The sentence sharing most question terms wins; when no sentence shares any (a question
    in another language), the sentence closest to the question's vector does.
    """
    spans = sentence_spans(text)
    if len(spans) <= 1:
        return spans[0] if spans else (0, len(text))
    wanted = set(question_tokens)
    overlaps = [len(wanted & set(tokenize(text[s:e]))) for s, e in spans]
    if max(overlaps) > 0:
        return spans[int(np.argmax(overlaps))]
    vectors = embedder.embed_passages([text[s:e] for s, e in spans])
    return spans[int(np.argmax(vectors @ query))]
