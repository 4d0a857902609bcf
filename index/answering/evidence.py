"""Whether the first passage shows an answer of the kind a question asks for.

A "when", "how many" or "who" question is answered by a date, an amount or a name standing
beside the words it asks about (``rerank.answer_near``). A passage that holds none of the
question's words beside any possible answer is weaker evidence than its cosine says: for
English questions, whose words reach the news only through names and translations, the
confidence pays for it (``fusion.confidence``, form 6; BENCHMARKS.md, "Seventh round, the
floor").
"""

from __future__ import annotations

from collections.abc import Mapping

from newsbot.index.answering.bridge import QuestionTerms
from newsbot.index.answering.rerank import answer_kind, answer_near, asks_name, word_weights


def no_answer_near(
    text: str, question: str, words: QuestionTerms, term_weights: Mapping[str, float]
) -> bool:
    """Whether ``question`` asks for a date, an amount or a name (``rerank.answer_kind``,
    ``rerank.asks_name``) and ``text`` holds none of its content ``words`` (each weighed by
    its rarity in ``term_weights``, idf) within ``rerank.NEAR`` words of a possible answer
    in one sentence. False for a question of another kind: there is nothing to look for."""
    if answer_kind(question) is None and not asks_name(question):
        return False
    return answer_near(text, question, words, word_weights(words, term_weights)) <= 0.0
