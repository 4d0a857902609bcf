"""Answering questions: a question becomes cited passages, or an honest "not covered".

``NewsIndex`` opens the live version and searches it: dense and BM25 candidates are fused
(``fusion``), one passage per article is reranked (``rerank``), the answering sentence is
picked (``snippets``), and the result is an ``Answer`` of ``Hit`` records (``answers``).
"""
