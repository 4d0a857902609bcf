"""How alike two articles' openings are worded: TF-IDF cosine over their opening paragraphs.

Two reports of one event name its particulars: the place, the people, the score, the sum,
the ship ("Tegal", "OTT", "USS John S McCain", "Persela"). Two reports of the same subject's
other events share the subject's name but little else, and a multilingual e5 vector of the
lead (``coverage.stories``) finds them as alike as one event's reports (BENCHMARKS.md,
"Coverage"). The words' weights come from the articles being grouped (a word every article
uses tells nothing), so no list of names or constants is fitted to one corpus.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

#: Words of one letter, digits alone and punctuation carry no particulars; numbers with
#: two or more digits ("2-1", "250", "2017") do, as scores, counts and sums.
_TOKENS = r"(?u)\b\w\w+\b"
#: Up to this many articles every cosine is computed at once (a dense float32 matrix,
#: 64 MB at 4,096); above, a row at a time.
MATRIX_UP_TO = 4096


class Wording:
    """The openings of the articles being grouped, as unit TF-IDF rows.

    ``texts`` holds one opening per article (any language; lower-cased, words of two or
    more characters). ``row(i)`` is article ``i``'s cosine with every article (0 to 1, a
    dense float32 array of ``len(texts)``); ``has`` marks the articles whose opening holds
    a word (an empty one is alike to nothing, 0, and tells nothing).
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        self.rows: sparse.csr_matrix | None = None
        self.matrix: np.ndarray | None = None
        self.has = np.zeros(self.size, dtype=bool)
        if any(t.strip() for t in texts):
            # Imported here: the product's default grouping reads no wording.
            from sklearn.feature_extraction.text import TfidfVectorizer

            vectorizer = TfidfVectorizer(token_pattern=_TOKENS, sublinear_tf=True, dtype=np.float32)
            try:
                self.rows = sparse.csr_matrix(vectorizer.fit_transform(texts))
            except ValueError:  # no word of two characters anywhere
                self.rows = None
        if self.rows is not None:
            self.has = np.diff(self.rows.indptr) > 0
        if self.rows is not None and self.size <= MATRIX_UP_TO:
            self.matrix = np.asarray((self.rows @ self.rows.T).toarray(), dtype=np.float32)

    def row(self, i: int) -> np.ndarray:
        """Return article ``i``'s opening cosine with every article's (float32, 0 to 1)."""
        if self.rows is None:
            return np.zeros(self.size, dtype=np.float32)
        if self.matrix is not None:
            return np.asarray(self.matrix[i])
        product = self.rows @ self.rows[i].T
        return np.asarray(product.toarray()).ravel().astype(np.float32)
