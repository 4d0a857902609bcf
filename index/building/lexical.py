"""The lexical side of retrieval: Indonesian-aware tokens and a BM25 index over them.

Tokens keep names and numbers matchable (``1.300``, ``1,300`` and ``1300`` are one token),
hyphenated words match their parts (``negara-negara`` gives ``negara``), and Indonesian
affixes are stemmed (``mengerahkan`` and ``dikerahkan`` share ``kerah``) while the surface
form is kept too, so that an exact match still counts for more.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import sparse

from newsbot.index.building.chunking import sentence_spans
from newsbot.index.building.store import READ_ERRORS
from newsbot.index.errors import IndexDamaged

_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*|\w+", re.UNICODE)
# A word as written, with its inner dots, commas, apostrophes and hyphens: "Nanggala-402".
_WRITTEN = re.compile(r"\w[\w.,'-]*\w|\w", re.UNICODE)

STOPWORDS = frozenset(
    # Indonesian function words and question words
    "yang dan di ke dari ini itu dengan untuk pada adalah dalam tidak akan juga oleh atau "
    "karena sebagai bahwa ada telah sudah saat ia dia mereka kami kita kamu anda apa siapa "
    "berapa kapan mana dimana manakah apakah siapakah berapakah kapankah bagaimana mengapa "
    "kenapa nya pun lah kah tersebut para se sang si bagi hingga sampai agar supaya jika "
    "kalau maka namun tetapi tapi serta yaitu yakni ialah merupakan secara lebih masih "
    "hanya bisa dapat harus sangat begitu sehingga antara tentang seperti setelah sebelum "
    "menjadi jadi apa nama saja "
    # English function words and question words
    "the a an of to in on at for by with from and or but is are was were be been being "
    "what who whom whose which when where why how did do does done has have had this that "
    "these those it its as into about than then there their they he she his her him them "
    "name named can could will would should may might must not no".split()
)


@lru_cache(maxsize=1)
def _stemmer() -> object:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Return the Indonesian stem of a lowercase word (Sastrawi), cached."""
    if len(word) <= 3 or not word.isalpha():
        return word
    stemmed: str = _stemmer().stem(word)  # type: ignore[attr-defined]
    return stemmed or word


def tokenize(text: str) -> list[str]:
    """Return the lexical tokens of ``text``: lowercase words and their stems, numbers
    without separators, parts of hyphenated words; stopwords dropped."""
    tokens: list[str] = []
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        if word[0].isdigit():
            tokens.append(re.sub(r"[.,]", "", word))
            continue
        parts = word.split("-") if "-" in word else [word]
        if len(parts) > 1 and len(set(parts)) > 1:
            tokens.append(word.replace("-", ""))
        for part in dict.fromkeys(parts):  # negara-negara: "negara" once
            if part in STOPWORDS or len(part) < 2:
                continue
            tokens.append(part)
            root = stem(part)
            if root != part and root not in STOPWORDS:
                tokens.append(root)
    return tokens


def named_terms(question: str) -> list[tuple[str, list[str]]]:
    """Return the names and numbers of ``question`` (its capitalised words after the first,
    and its numbers), each with its lexical terms."""
    named = []
    for position, word in enumerate(_WRITTEN.findall(question)):
        if not (word[0].isdigit() or (position > 0 and word[0].isupper())):
            continue
        terms = tokenize(word)
        if terms:
            named.append((word, terms))
    return named


Span = tuple[int, int]


@lru_cache(maxsize=4096)
def sentence_terms(text: str) -> tuple[tuple[Span, tuple[str, ...]], ...]:
    """Return each sentence of a paragraph's ``text`` as its (start, end) span and its
    tokens. Cached: reranking and the answering sentence read the same few paragraphs, and
    a bot is asked about the same news again and again."""
    # A sentence's tokens are its written words' (the same, in order, on 33,804 sentences of
    # FacQA and IndoSum), and a word's are cached: news repeats its words.
    spans = sentence_spans(text)
    return tuple(
        (span, tuple(term for _, terms in words for term in terms))
        for span, words in zip(spans, sentence_words(text), strict=True)
    )


def held_terms(text: str) -> set[str]:
    """Every token of ``text``'s sentences (:func:`sentence_terms`): the terms it holds."""
    return {term for _, terms in sentence_terms(text) for term in terms}


#: A written word of a sentence ("Nanggala-402", "15", "Agustus") and its lexical terms.
Word = tuple[str, tuple[str, ...]]


@lru_cache(maxsize=4096)
def sentence_words(text: str) -> tuple[tuple[Word, ...], ...]:
    """Return each sentence of a paragraph's ``text`` as its written words in order, each
    with its tokens (:func:`tokenize`; none for a stopword): what tells how close an answer
    stands to the question's words. Cached, as :func:`sentence_terms`."""
    return tuple(
        tuple((word, _word_terms(word)) for word in _WRITTEN.findall(text[start:end]))
        for start, end in sentence_spans(text)
    )


@lru_cache(maxsize=100_000)
def _word_terms(word: str) -> tuple[str, ...]:
    """The tokens of one written word, cached: news repeats its words."""
    return tuple(tokenize(word))


@dataclass(frozen=True)
class LexicalMatch:
    """BM25 scores of every paragraph for a question, and how much of the question the
    corpus vocabulary knows (0 to 1, weighted by term rarity)."""

    scores: npt.NDArray[np.float32]
    coverage: float


class Bm25Index:
    """Okapi BM25 over token lists, as a sparse paragraph × term matrix of weights."""

    K1 = 1.2
    B = 0.75

    def __init__(self, vocabulary: dict[str, int], weights: sparse.csc_matrix, idf: np.ndarray):
        self.vocabulary = vocabulary
        self.weights = weights
        self.idf = idf

    @classmethod
    def build(cls, documents: Iterable[Sequence[str]]) -> Bm25Index:
        """Index documents given as token lists, in row order."""
        vocabulary: dict[str, int] = {}
        # Typed arrays, not lists of Python ints, and one conversion to the sparse matrix:
        # half the peak memory of lists (33 MB against 66 MB for 28,745 paragraphs).
        rows = array("i")
        cols = array("i")
        counts = array("f")
        lengths = array("f")
        for row, tokens in enumerate(documents):
            lengths.append(len(tokens))
            tf: dict[int, int] = {}
            for token in tokens:
                col = vocabulary.setdefault(token, len(vocabulary))
                tf[col] = tf.get(col, 0) + 1
            rows.extend([row] * len(tf))
            cols.extend(tf.keys())
            counts.extend(tf.values())
        n_docs, n_terms = len(lengths), len(vocabulary)
        row_ids = np.frombuffer(rows, dtype=np.int32)
        col_ids = np.frombuffer(cols, dtype=np.int32)
        tf_values = np.frombuffer(counts, dtype=np.float32)
        doc_freq = np.bincount(col_ids, minlength=n_terms).astype(np.float64)
        idf = np.log(1.0 + (n_docs - doc_freq + 0.5) / (doc_freq + 0.5)).astype(np.float32)
        length = np.frombuffer(lengths, dtype=np.float32)
        norm = cls.K1 * (1 - cls.B + cls.B * length / max(float(length.mean()) if n_docs else 1, 1))
        data = idf[col_ids] * tf_values * (cls.K1 + 1) / (tf_values + norm[row_ids])
        weights = sparse.csc_matrix(
            (data.astype(np.float32), (row_ids, col_ids)), shape=(n_docs, n_terms)
        )
        return cls(vocabulary, weights, idf)

    @property
    def size(self) -> int:
        return int(self.weights.shape[0])

    def match(self, tokens: Sequence[str]) -> LexicalMatch:
        """Score every paragraph against the question's tokens."""
        scores = np.zeros(self.size, dtype=np.float32)
        known = 0.0
        total = 0.0
        for token in dict.fromkeys(tokens):
            col = self.vocabulary.get(token)
            # An unknown token weighs as much as the rarest known one.
            weight = float(self.idf[col]) if col is not None else math.log(1.0 + self.size + 0.5)
            total += weight
            if col is None:
                continue
            known += weight
            start, end = self.weights.indptr[col], self.weights.indptr[col + 1]
            scores[self.weights.indices[start:end]] += self.weights.data[start:end]
        return LexicalMatch(scores=scores, coverage=known / total if total else 0.0)

    def knows(self, term: str) -> bool:
        """True when some indexed paragraph holds ``term``."""
        return term in self.vocabulary

    def weighted_scores(self, terms: Mapping[str, float]) -> npt.NDArray[np.float32]:
        """Return every paragraph's BM25 score for ``terms``, each term's part times its
        weight (translated terms count less than the question's own)."""
        scores = np.zeros(self.size, dtype=np.float32)
        for term, weight in terms.items():
            col = self.vocabulary.get(term)
            if col is None:
                continue
            start, end = self.weights.indptr[col], self.weights.indptr[col + 1]
            scores[self.weights.indices[start:end]] += weight * self.weights.data[start:end]
        return scores

    def term_weights(self, tokens: Sequence[str]) -> dict[str, float]:
        """Return each distinct question term's rarity (its idf; a term the corpus never
        holds weighs as much as the rarest one could)."""
        rarest = math.log(1.0 + self.size + 0.5)
        weights = {}
        for token in dict.fromkeys(tokens):
            col = self.vocabulary.get(token)
            weights[token] = float(self.idf[col]) if col is not None else rarest
        return weights

    def support(self, tokens: Sequence[str], row: int) -> float:
        """Return the share of the question's terms (weighted by rarity, unknown terms as the
        rarest) that paragraph ``row`` contains: 1 when it holds every term, 0 for none."""
        weights = self.term_weights(tokens)
        found = 0.0
        for token, weight in weights.items():
            col = self.vocabulary.get(token)
            if col is None:
                continue
            start, end = self.weights.indptr[col], self.weights.indptr[col + 1]
            if np.any(self.weights.indices[start:end] == row):
                found += weight
        total = sum(weights.values())
        return found / total if total else 0.0

    def unknown_names(self, question: str) -> list[str]:
        """Return the names and numbers of ``question`` that no indexed paragraph holds: its
        capitalised words after the first, and its numbers, none of whose terms the corpus
        has. A question about "Omicron" or "2024" asks about news the index never saw."""
        return [
            word
            for word, terms in named_terms(question)
            if not any(term in self.vocabulary for term in terms)
        ]

    def save(self, directory: Path) -> None:
        """Write ``lexical.npz`` and ``vocabulary.json`` into ``directory``."""
        np.savez(
            directory / "lexical.npz",
            data=self.weights.data,
            indices=self.weights.indices,
            indptr=self.weights.indptr,
            shape=np.asarray(self.weights.shape),
            idf=self.idf,
        )
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        (directory / "vocabulary.json").write_text(json.dumps(terms, ensure_ascii=False))

    @classmethod
    def load(cls, directory: Path) -> Bm25Index:
        """Read what :meth:`save` wrote; no pickle is ever loaded."""
        try:
            with np.load(directory / "lexical.npz", allow_pickle=False) as arrays:
                shape = tuple(int(x) for x in arrays["shape"])
                weights = sparse.csc_matrix(
                    (arrays["data"], arrays["indices"], arrays["indptr"]), shape=shape
                )
                idf = arrays["idf"]
            terms = json.loads((directory / "vocabulary.json").read_text())
            if not isinstance(terms, list) or len(terms) != shape[1] or len(idf) != shape[1]:
                raise ValueError("the vocabulary and the BM25 weights disagree")
        except READ_ERRORS as exc:
            raise IndexDamaged(
                f"the lexical index in {directory} is unreadable ({exc}): "
                "repair it with `newsbot index PATH...`"
            ) from exc
        return cls({term: i for i, term in enumerate(terms)}, weights, idf)
