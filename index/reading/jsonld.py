"""A page's JSON-LD (schema.org) objects: ``<script type="application/ld+json">`` blocks,
their lists and ``@graph`` arrays flattened into one stream of objects."""

from __future__ import annotations

import json
from collections.abc import Iterator

import lxml.html


def jsonld_objects(root: lxml.html.HtmlElement) -> Iterator[dict[str, object]]:
    """Every JSON object a page's JSON-LD blocks hold, in page order; a block that is not
    valid JSON is passed over (pages often carry a broken one beside the good)."""
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        yield from _objects(data)


def article_body(root: lxml.html.HtmlElement) -> str | None:
    """The first ``articleBody`` a page's JSON-LD gives (schema.org ``NewsArticle``), with
    its line breaks; None when none does."""
    for item in jsonld_objects(root):
        body = item.get("articleBody")
        if isinstance(body, str) and body.strip():
            return body
    return None


def _objects(data: object) -> Iterator[dict[str, object]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _objects(graph)
