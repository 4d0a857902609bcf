"""Building and storing the index: articles become paragraphs, vectors and a searchable version.

``build_index`` splits articles into paragraphs (``chunking``), embeds them (``embedders``),
writes the dense (``dense``) and BM25 (``lexical``) indexes and publishes an immutable
version of the index directory (``store``), reusing every vector it already has.
"""
