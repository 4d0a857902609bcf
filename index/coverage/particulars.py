"""The particulars two articles' openings share: names and figures, weighted by rarity.

Event detection joins two reports of one happening by what they share: its rare names
(people, places, ships, clubs: "Tegal", "USS John S McCain", "Persela"), and its figures
("6,6", "2-0", "348"). One subject's other happenings share the subject's name, which the
subject's every article holds and so weighs little, but rarely the rest. A name is a word
written with a capital ("Novanto", "KPK", "Rimanews"); a figure is what ``coverage.figures``
reads. Each particular weighs its inverse document frequency over the articles being
grouped (a name every article holds tells nothing), so no list of names or constants is
fitted to one corpus; two openings are as alike as the cosine of their IDF-weighted sets
(0 to 1: 0 when they share none).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from newsbot.index.coverage.figures import figures
from newsbot.index.coverage.wording import MATRIX_UP_TO, Wording

#: A word written with a capital, two or more letters ("KPK", "Jokowi", "McCain"); words
#: joined by a hyphen are read apart ("Rimanews-Polisi": "Rimanews", "Polisi").
_NAME = re.compile(r"(?<![\w])[A-Z][A-Za-z]+(?![\w])")


def particulars(text: str) -> frozenset[str]:
    """The names (case-folded, prefixed ``n:``) and figures (prefixed ``f:``) ``text``
    gives; empty for a text without one."""
    names = {"n:" + m.group(0).casefold() for m in _NAME.finditer(text)}
    return frozenset(names | {"f:" + f for f in figures(text)})


class Particulars(Wording):
    """The openings of the articles being grouped, as unit rows of IDF-weighted particulars.

    ``texts`` holds one opening per article. ``row(i)`` is article ``i``'s cosine with
    every article (0 to 1, a dense float32 array of ``len(texts)``); ``has`` marks the
    articles whose opening gives a particular (one that gives none is held to no floor).
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        self.rows: sparse.csr_matrix | None = None
        self.matrix: np.ndarray | None = None
        found = [sorted(particulars(t)) for t in texts]
        self.has = np.array([bool(f) for f in found], dtype=bool)
        if self.has.any():
            # Imported here: the product's grouping reads particulars only when asked.
            from sklearn.feature_extraction.text import TfidfVectorizer

            vectorizer = TfidfVectorizer(
                analyzer=lambda items: items, binary=True, dtype=np.float32
            )
            self.rows = sparse.csr_matrix(vectorizer.fit_transform(found))
            if self.size <= MATRIX_UP_TO:
                self.matrix = np.asarray((self.rows @ self.rows.T).toarray(), dtype=np.float32)
