"""Which passages "More sources" may show after an answer: more on the question, never the
unrelated news that ranks next once the question's own evidence runs out.

An answer's first page passed the answerer's "not covered" floor; the passages ranked
after it did not have to. A reader pressing "More sources" (or typing "lagi") expects more
on the same thing: other paragraphs and other outlets' reports of the stories the answer
cited, or other articles about what the question asks. So a passage after the first page
is kept when its article is one the first page cited or belongs to one of their stories,
or when its article holds the question's topic (``NewsIndex.holds_topic``: every name of
the question, and half of its other content words, itself or translated). The rest is
not shown, and a press past the last kept passage says there are no more sources on this.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from newsbot.index.answering.answers import Answer, Hit

#: ``holds(topic, article_id)``: whether an article holds a question's topic.
Holds = Callable[[str, str], bool]


def on_topic(found: Answer, first_page: int, holds: Holds) -> Answer:
    """``found`` with only its passages on the question after the first ``first_page``
    (which are kept as they are: they are the answer). A coverage answer, or one with
    nothing to cite, is returned unchanged."""
    if not found.answered or found.coverage is not None or len(found.hits) <= first_page:
        return found
    shown = found.hits[:first_page]
    topic = topic_of(found)
    kept = [hit for hit in found.hits[first_page:] if _related(hit, shown, topic, holds)]
    return dataclasses.replace(found, hits=(*shown, *kept))


def topic_of(found: Answer) -> str:
    """What the question asks about, as ``holds_topic`` reads it: the question without its
    time and outlet phrases, its first word lower-cased unless the word after it is
    capitalised too (a question's first word is capitalised as a sentence's, not as a
    name: "Kelompok apakah …" names no "Kelompok"; "Stanislav Zas said …" keeps its name)."""
    request = found.request
    text = (request.search if request is not None else "") or found.question
    words = text.split()
    if not words or words[0].isupper() or (len(words) > 1 and words[1][:1].isupper()):
        return text
    return " ".join([words[0][:1].lower() + words[0][1:], *words[1:]])


def _related(hit: Hit, shown: Sequence[Hit], topic: str, holds: Holds) -> bool:
    article = hit.citation.article_id
    for earlier in shown:
        if earlier.citation.article_id == article:
            return True
        if hit.story is not None and earlier.story is not None and hit.story.id == earlier.story.id:
            return True
    return holds(topic, article)
