"""One spelling per outlet in an index version.

Sources name one outlet in several cases: a JSON Lines export's ``cnn indonesia`` beside a
copy-paste's ``CNN Indonesia``. Counted as written, one outlet became two ("3 outlets
reported this: CNN Indonesia, Kompas.com and cnn indonesia"), in coverage answers, story
lines, ``stats`` and ``/start``. After the articles of a build are written, the spellings of
one name (compared without case and extra spaces) become one: the one most articles use,
then the one with more capitals (a name as printed), then the first in order. Only the
articles whose spelling changes are touched, and their content hashes are made anew from
what is stored, so a rebuild over the same sources changes nothing.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from newsbot.index.articles import Article
from newsbot.index.building.chunking import embedding_context

#: An article and its paragraphs' embedding contexts -> its content hash.
ArticleHash = Callable[[Article, Sequence[str]], str]


def outlet_key(name: str) -> str:
    """What two spellings of one outlet share: the name without case or extra spaces."""
    return " ".join(name.split()).casefold()


def chosen_spellings(counts: Counter[str]) -> dict[str, str]:
    """Each spelling that is not its outlet's chosen one -> the chosen one."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        groups[outlet_key(name)].append(name)
    renamed: dict[str, str] = {}
    for names in groups.values():
        if len(names) < 2:
            continue
        best = min(names, key=lambda n: (-counts[n], -sum(c.isupper() for c in n), n))
        renamed.update({name: best for name in names if name != best})
    return renamed


def unify_outlet_spellings(conn: sqlite3.Connection, article_hash: ArticleHash) -> dict[str, str]:
    """Give every article of ``conn`` its outlet's chosen spelling; return the new content
    hash of each article renamed (article id -> hash)."""
    counts = Counter(
        {
            name: count
            for name, count in conn.execute(
                "SELECT source, count(*) FROM articles WHERE source IS NOT NULL GROUP BY source"
            )
        }
    )
    renamed = chosen_spellings(counts)
    hashes: dict[str, str] = {}
    for old, new in renamed.items():
        rows = conn.execute(
            "SELECT id, title, published, url, path, seen FROM articles WHERE source = ?", (old,)
        ).fetchall()
        for article_id, title, published, url, path, seen in rows:
            texts = [
                text
                for (text,) in conn.execute(
                    "SELECT text FROM paragraphs WHERE article_id = ? ORDER BY number",
                    (article_id,),
                )
            ]
            contexts = [
                embedding_context(texts[i - 1] if i else None, text) for i, text in enumerate(texts)
            ]
            article = Article(
                id=article_id,
                title=title,
                paragraphs=(),
                path=path,
                source=new,
                published=published,
                url=url,
                seen=seen,
            )
            hashes[article_id] = article_hash(article, contexts)
        conn.execute("UPDATE articles SET source = ? WHERE source = ?", (new, old))
    for article_id, content_hash in hashes.items():
        conn.execute(
            "UPDATE articles SET content_hash = ? WHERE id = ?", (content_hash, article_id)
        )
    return hashes
