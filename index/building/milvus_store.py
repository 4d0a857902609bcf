"""The index in Milvus: one collection of paragraph rows per version, and a pointer to the
live one, for archives past one machine.

``NEWSBOT_STORE`` (or ``--store``) chooses the store: ``local`` (the default, the index
directory of ``building.store``), ``milvus://HOST:PORT`` (a Milvus server: Standalone,
Distributed, or Milvus Lite's server) or the path of a Milvus Lite file (``….db``).

In Milvus, a version is two collections:

- ``<prefix>_p_<version>``: one row per paragraph (primary key ``row``, as the local store
  numbers them) with its article's metadata (id, headline, outlet, published as written and
  as epoch seconds, URL, path, story id), the dense vector (inner product on unit vectors),
  the stemmed BM25 terms (``terms``) and their BM25 sparse vector, which Milvus derives from
  ``terms`` with its BM25 function (``standard`` tokenizer and ``lowercase``: the terms are
  already the product's Sastrawi-stemmed tokens, so Milvus needs no Indonesian analyzer);
- ``<prefix>_t_<version>``: the document frequency of every term, from which the product
  computes a question's coverage, its terms' rarity and its unknown names.

``<prefix>_meta`` holds what every replica must read alike: ``current`` names the live
version; ``manifest/<version>`` is its manifest (``building.store.Manifest`` as JSON),
``summary/<version>`` its outlets and dates; ``building`` lists versions a build started
and did not finish. The switch to a new version is one upsert of ``current`` (Milvus Lite
2.5 implements no aliases, so the pointer row serves Lite and servers alike); a reader holds
the collection of the version it opened, which stays for ``KEEP_OLD_VERSIONS`` builds.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sqlite3
import time
import uuid
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsbot.index.building.store import Manifest, parse_manifest
from newsbot.index.defaults import KEEP_OLD_VERSIONS
from newsbot.index.errors import (
    IndexDamaged,
    IndexIncompatible,
    IndexMissing,
    NewsbotError,
    StoreUnavailable,
)

log = logging.getLogger(__name__)

STORE_ENV = "NEWSBOT_STORE"
LOCAL = "local"
#: Collection names start with this prefix (one Milvus database may hold other data).
PREFIX = "newsbot"
#: Seconds any one Milvus call may take, retries included. An int: pymilvus bounds its
#: retries by a timeout only when it is one (a float is ignored, and a call to a server that
#: died retries 75 times, ~7 minutes).
TIMEOUT = 120
#: Terms written to Milvus per call.
TERMS_BATCH = 2048
#: A meta key found missing is read again this many times, this many seconds apart
#: (``MilvusStore.get``): a read between the delete and the insert of another client's
#: upsert sees no row.
ABSENT_REREADS = 3
REREAD_SECONDS = 0.05
#: The dense index Milvus builds: Lite 2.5 refuses HNSW; servers choose by themselves.
DENSE_INDEX = "milvus-autoindex"

# VARCHAR limits, in bytes (Milvus counts UTF-8 bytes; 65,535 at most).
_LONG = 65_535
_URL = 4_096
_NAME = 1_024
_HASH = 64


@dataclass(frozen=True)
class MilvusTarget:
    """Where the Milvus index lives: ``uri`` is ``http://HOST:PORT`` for a server or the
    absolute path of a Milvus Lite file."""

    uri: str
    setting: str

    @property
    def is_lite(self) -> bool:
        return not self.uri.startswith("http://")


def parse_store(value: str | None) -> MilvusTarget | None:
    """Read a store setting: None for the local store (``local`` or unset), else where the
    Milvus index lives. StoreUnavailable (a NewsbotError) for anything else."""
    value = (value or "").strip()
    if not value or value == LOCAL:
        return None
    if value.startswith("milvus://"):
        parts = urlsplit(value)
        try:
            port = parts.port
        except ValueError:
            port = None
        if not parts.hostname or port is None or parts.path.strip("/"):
            raise StoreUnavailable(
                f"{STORE_ENV}={value!r}: a Milvus server is named milvus://HOST:PORT"
            )
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        return MilvusTarget(uri=f"http://{host}:{port}", setting=value)
    if value.endswith(".db"):
        path = Path(value).expanduser().absolute()
        if not re.fullmatch(r"[A-Za-z0-9._-]{1,35}", path.name):
            raise StoreUnavailable(
                f"{STORE_ENV}={value!r}: a Milvus Lite file name has at most 35 letters, "
                "digits, '.', '_' or '-'"
            )
        if not path.parent.is_dir():
            raise StoreUnavailable(f"{STORE_ENV}={value!r}: the folder {path.parent} is missing")
        if path.is_dir():
            raise StoreUnavailable(f"{STORE_ENV}={value!r} is a folder, not a Milvus Lite file")
        return MilvusTarget(uri=str(path), setting=value)
    raise StoreUnavailable(
        f"{STORE_ENV}={value!r} is not a store: use local, milvus://HOST:PORT or a Milvus "
        "Lite file ending in .db"
    )


def _import_pymilvus() -> Any:
    # milvus-lite 2.5 imports pkg_resources, which warns on every start.
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    try:
        import pymilvus
    except ImportError as exc:
        raise StoreUnavailable(
            "the Milvus store needs the milvus extra: pip install 'newsbot[milvus]'"
        ) from exc
    # pymilvus logs every failed call at ERROR with a traceback; our errors say it once.
    # Some of its loggers have levels and handlers of their own: each is quietened.
    for name in [n for n in logging.Logger.manager.loggerDict if n.startswith("pymilvus")]:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    # milvus-lite logs its failures on the root logger; our error says them once too.
    root = logging.getLogger()
    if _from_milvus_lite not in root.filters:
        root.addFilter(_from_milvus_lite)
    return pymilvus


def check_lite_file(path: Path) -> None:
    """Raise IndexDamaged when ``path`` exists but cannot be a Milvus Lite file: it is
    truncated or overwritten (its SQLite catalogue unreadable), or another program's SQLite
    database (tables, none of Milvus Lite's ``collection_meta``). Read before Milvus Lite
    opens it, whose server would print its own failure lines and name no cause. A missing
    or empty file is a new store. Reads the catalogue only, not every page."""
    try:
        if path.stat().st_size == 0:
            return
    except OSError:
        return
    fix = f"move it away and rebuild: `newsbot index --store {path} PATH...`"
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
            tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorname", "") not in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
            return  # busy, locked or unreadable: Milvus Lite's own opening says which
        raise IndexDamaged(
            f"the Milvus Lite file {path} is damaged or not a Milvus Lite file ({exc}): {fix}"
        ) from exc
    if tables and "collection_meta" not in tables:
        raise IndexDamaged(
            f"{path} is another program's SQLite database, not a Milvus Lite file: name "
            "another file"
        )


def _from_milvus_lite(record: logging.LogRecord) -> bool:
    """A root-logger filter: False (drop) for records milvus-lite's own code logs."""
    return f"{os.sep}milvus_lite{os.sep}" not in record.pathname


def clip(text: str | None, limit: int) -> str:
    """Return ``text`` ("" for None) cut to at most ``limit`` UTF-8 bytes."""
    raw = (text or "").encode("utf-8")
    if len(raw) <= limit:
        return text or ""
    return raw[:limit].decode("utf-8", errors="ignore")


def epoch_seconds(published: str | None) -> int:
    """Return ISO 8601 ``published`` as Unix seconds (a date alone counts from its
    midnight UTC; no offset means UTC), or -1 when there is no readable date."""
    if not published:
        return -1
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return -1
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def _storable_term(term: str) -> bool:
    """Whether ``term`` can be a key of a terms collection: pymilvus quotes string keys in
    single quotes without escaping them (a word like "jum'at" made Milvus fail the call).
    The product's tokens never hold a quote or a backslash; a word that does is a word no
    paragraph holds, as in the local index."""
    return len(term.encode("utf-8")) <= _NAME and not any(c in term for c in "'\"\\")


def paragraph_row(
    *,
    row: int,
    article_id: str,
    number: int,
    text: str,
    terms: str,
    title: str | None,
    source: str | None,
    published: str | None,
    url: str | None,
    path: str | None,
    story_id: str,
    context_hash: str,
    content_hash: str,
    vector: Sequence[float],
) -> dict[str, Any]:
    """One paragraph as a row of a version's paragraphs collection: text fields cut to the
    collection's byte limits, ``published`` also as epoch seconds, ``terms`` the stemmed
    tokens (space-separated) that Milvus's BM25 function reads."""
    return {
        "row": row,
        "article_id": clip(article_id, _NAME),
        "number": number,
        "text": clip(text, _LONG),
        "terms": clip(terms, _LONG),
        "title": clip(title, _URL),
        "source": clip(source, _NAME),
        "published": clip(published, _HASH),
        "published_at": epoch_seconds(published),
        "url": clip(url, _URL),
        "path": clip(path, _URL),
        "story_id": clip(story_id, _NAME),
        "context_hash": context_hash,
        "content_hash": content_hash,
        "vector": vector,
    }


class MilvusStore:
    """A connection to the Milvus that holds the index; every call is bounded by
    ``TIMEOUT`` seconds. Errors are StoreUnavailable, IndexMissing or IndexDamaged."""

    def __init__(self, target: MilvusTarget, prefix: str = PREFIX) -> None:
        self.target = target
        self.prefix = prefix
        self._pymilvus = _import_pymilvus()
        if target.is_lite:
            check_lite_file(Path(target.uri))
        try:
            # A connection of its own: pymilvus shares one per URI, and closing a shared one
            # would cut off a reader still answering from the version it opened.
            self.client = self._pymilvus.MilvusClient(
                uri=target.uri, timeout=10, alias=f"newsbot-{uuid.uuid4().hex}"
            )
        except Exception as exc:
            raise StoreUnavailable(self._unreachable(exc)) from exc
        #: Called before each write of rows and before publishing: raises to stop a build
        #: that no longer holds the build lease (``milvus_lease``).
        self.guard: Callable[[], None] | None = None
        self._ensure_meta()

    def _unreachable(self, exc: BaseException) -> str:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if self.target.is_lite:
            return (
                f"cannot open the Milvus Lite file {self.target.uri} ({detail}): it is not "
                "one, or another process has it open; one process "
                "at a time opens it: for several, serve it with Milvus Lite's server and set "
                f"{STORE_ENV}=milvus://HOST:PORT"
            )
        return f"cannot reach Milvus at {self.target.setting} ({detail})"

    @contextlib.contextmanager
    def _calls(self, what: str) -> Iterator[None]:
        """Turn a Milvus failure into StoreUnavailable naming ``what`` was being done."""
        try:
            yield
        except NewsbotError:
            raise
        except Exception as exc:
            if type(exc).__module__.startswith(("pymilvus", "grpc")):
                detail = getattr(exc, "message", None) or str(exc).splitlines()[0]
                raise StoreUnavailable(
                    f"Milvus at {self.target.setting} failed to {what}: {detail}"
                ) from exc
            raise

    def close(self) -> None:
        """Close the connection (a Milvus Lite file is released)."""
        with contextlib.suppress(Exception):
            self.client.close()

    # -- names -------------------------------------------------------------------------

    @property
    def meta_collection(self) -> str:
        return f"{self.prefix}_meta"

    def paragraphs_collection(self, version: str) -> str:
        return f"{self.prefix}_p_{version}"

    def terms_collection(self, version: str) -> str:
        return f"{self.prefix}_t_{version}"

    @staticmethod
    def new_version_name() -> str:
        return f"v{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}_{uuid.uuid4().hex[:8]}"

    # -- the meta collection ---------------------------------------------------------

    def _ensure_meta(self) -> None:
        with self._calls("list collections"):
            if self.client.has_collection(self.meta_collection, timeout=TIMEOUT):
                return
            schema = self.client.create_schema(auto_id=False)
            data_type = self._pymilvus.DataType
            schema.add_field("key", data_type.VARCHAR, is_primary=True, max_length=_NAME)
            schema.add_field("value", data_type.VARCHAR, max_length=_LONG)
            schema.add_field("v", data_type.FLOAT_VECTOR, dim=2)  # Milvus needs a vector
            index = self.client.prepare_index_params()
            index.add_index("v", index_type="AUTOINDEX", metric_type="L2")
            self.client.create_collection(
                self.meta_collection, schema=schema, index_params=index, timeout=TIMEOUT
            )

    def get(self, key: str) -> str | None:
        """Return the meta value stored under ``key``, or None.

        Milvus writes an upsert as a delete and an insert, and a read between the two sees
        no row (milvus-io/milvus#22563; here about one read in ten while another client
        rewrites the key): a key found missing is read again ``ABSENT_REREADS`` times,
        ``REREAD_SECONDS`` apart, before it counts as absent, so that a replica asking
        while a build publishes still finds ``current``, and a builder renewing its lease
        still holds it for the others."""
        for attempt in range(ABSENT_REREADS + 1):
            if attempt:
                time.sleep(REREAD_SECONDS)
            with self._calls(f"read {key}"):
                rows = self.client.query(
                    self.meta_collection,
                    ids=[key],
                    output_fields=["value"],
                    timeout=TIMEOUT,
                    consistency_level="Strong",  # the writes of every client, even just made
                )
            if rows:
                return str(rows[0]["value"])
        return None

    def put(self, values: Mapping[str, str]) -> None:
        """Store meta ``values`` by key, in one upsert."""
        rows = [{"key": k, "value": v, "v": [0.0, 0.0]} for k, v in values.items()]
        with self._calls("write the index's facts"):
            self.client.upsert(self.meta_collection, rows, timeout=TIMEOUT)

    def delete(self, key: str) -> None:
        with self._calls(f"remove {key}"):
            self.client.delete(self.meta_collection, ids=[key], timeout=TIMEOUT)

    # -- versions --------------------------------------------------------------------

    def live_version(self) -> str:
        """Return the name of the live version; IndexMissing when there is none, and
        IndexDamaged when versions are there but none is named live (the pointer lost or
        unreadable: not an empty store, on which a first question would build the sample)."""
        name = self.get("current")
        if not name:
            orphans = self._paragraph_collections() - {
                self.paragraphs_collection(version) for version in self.unfinished()
            }
            if orphans:
                raise IndexDamaged(
                    f"Milvus at {self.target.setting} holds {len(orphans)} index version(s) "
                    "but names none live (its facts are lost or unreadable): "
                    f"`newsbot index --store {self.target.setting} PATH...` publishes a new one"
                )
            raise IndexMissing(
                f"no index in Milvus at {self.target.setting}: build one with "
                f"`newsbot index --store {self.target.setting} PATH...`"
            )
        if not self.has(self.paragraphs_collection(name)):
            raise IndexDamaged(
                f"Milvus at {self.target.setting} names a missing version {name!r}: rebuild "
                "with `newsbot index`"
            )
        return name

    def _paragraph_collections(self) -> set[str]:
        """The paragraph collections of every version in this Milvus, live or not."""
        with self._calls("list collections"):
            names = self.client.list_collections(timeout=TIMEOUT)
        return {str(n) for n in names if str(n).startswith(self.paragraphs_collection(""))}

    def has(self, collection: str) -> bool:
        with self._calls("list collections"):
            return bool(self.client.has_collection(collection, timeout=TIMEOUT))

    def manifest(self, version: str) -> Manifest:
        """Read and check the manifest of ``version``."""
        text = self.get(f"manifest/{version}")
        where = f"the manifest of {version} in Milvus at {self.target.setting}"
        if text is None:
            raise IndexDamaged(f"{where} is missing: rebuild with `newsbot index`")
        try:
            raw = json.loads(text)
        except ValueError as exc:
            raise IndexDamaged(f"{where} is unreadable ({exc}): rebuild it") from exc
        return parse_manifest(raw, where, f"Milvus at {self.target.setting}")

    def summary(self, version: str) -> dict[str, Any]:
        """Return the outlets and dates recorded for ``version`` (empty when absent)."""
        text = self.get(f"summary/{version}")
        try:
            raw = json.loads(text) if text else {}
        except ValueError:
            raw = {}
        return raw if isinstance(raw, dict) else {}

    def unfinished(self) -> dict[str, str]:
        """Versions a build started and did not publish, with the embedder that wrote their
        vectors (a later build reuses them)."""
        text = self.get("building")
        try:
            raw = json.loads(text) if text else {}
        except ValueError:
            raw = {}
        if not isinstance(raw, dict):
            return {}
        return {
            str(name): str(embedder)
            for name, embedder in raw.items()
            if self.has(self.paragraphs_collection(str(name)))
        }

    def start_version(self, dim: int, embedder: str) -> str:
        """Create the two empty collections of a new version and record it as unfinished."""
        name = self.new_version_name()
        self.put({"building": json.dumps({**self.unfinished(), name: embedder})})
        self._create_paragraphs(self.paragraphs_collection(name), dim)
        self._create_terms(self.terms_collection(name))
        return name

    def _create_paragraphs(self, collection: str, dim: int) -> None:
        pm = self._pymilvus
        data_type = pm.DataType
        schema = self.client.create_schema(auto_id=False)
        schema.add_field("row", data_type.INT64, is_primary=True)
        schema.add_field("article_id", data_type.VARCHAR, max_length=_NAME)
        schema.add_field("number", data_type.INT64)
        schema.add_field("text", data_type.VARCHAR, max_length=_LONG)
        schema.add_field(
            "terms",
            data_type.VARCHAR,
            max_length=_LONG,
            enable_analyzer=True,
            analyzer_params={"tokenizer": "standard", "filter": ["lowercase"]},
        )
        schema.add_field("title", data_type.VARCHAR, max_length=_URL)
        schema.add_field("source", data_type.VARCHAR, max_length=_NAME)
        schema.add_field("published", data_type.VARCHAR, max_length=_HASH)
        schema.add_field("published_at", data_type.INT64)
        schema.add_field("url", data_type.VARCHAR, max_length=_URL)
        schema.add_field("path", data_type.VARCHAR, max_length=_URL)
        schema.add_field("story_id", data_type.VARCHAR, max_length=_NAME)
        schema.add_field("context_hash", data_type.VARCHAR, max_length=_HASH)
        schema.add_field("content_hash", data_type.VARCHAR, max_length=_HASH)
        schema.add_field("vector", data_type.FLOAT_VECTOR, dim=dim)
        schema.add_field("sparse", data_type.SPARSE_FLOAT_VECTOR)
        schema.add_function(
            pm.Function(
                name="bm25",
                function_type=pm.FunctionType.BM25,
                input_field_names=["terms"],
                output_field_names=["sparse"],
            )
        )
        index = self.client.prepare_index_params()
        index.add_index("vector", index_type="AUTOINDEX", metric_type="IP")
        # The product's BM25 constants (lexical.Bm25Index), so that scores agree.
        index.add_index(
            "sparse",
            index_type="SPARSE_INVERTED_INDEX",
            metric_type="BM25",
            params={"bm25_k1": 1.2, "bm25_b": 0.75},
        )
        with self._calls("create a collection"):
            self.client.create_collection(
                collection, schema=schema, index_params=index, timeout=TIMEOUT
            )

    def _create_terms(self, collection: str) -> None:
        data_type = self._pymilvus.DataType
        schema = self.client.create_schema(auto_id=False)
        schema.add_field("term", data_type.VARCHAR, is_primary=True, max_length=_NAME)
        schema.add_field("df", data_type.INT64)
        schema.add_field("v", data_type.FLOAT_VECTOR, dim=2)
        index = self.client.prepare_index_params()
        index.add_index("v", index_type="AUTOINDEX", metric_type="L2")
        with self._calls("create a collection"):
            self.client.create_collection(
                collection, schema=schema, index_params=index, timeout=TIMEOUT
            )

    def insert(self, collection: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert ``rows``, whose keys ``collection`` does not hold yet (a key inserted twice
        would be two rows: rewrite with ``upsert``)."""
        self._write(collection, rows, self.client.insert)

    def upsert(self, collection: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """Write ``rows`` over the rows of ``collection`` with their keys. Slower than
        ``insert`` as the collection grows (Milvus Lite: ~3,100 rows/s at first, ~900 past
        100,000 rows, against a steady ~2,200 for inserts), so only for rewrites."""
        self._write(collection, rows, self.client.upsert)

    def _write(
        self,
        collection: str,
        rows: Sequence[Mapping[str, Any]],
        call: Callable[..., Any],
    ) -> None:
        if rows:
            if self.guard is not None:
                self.guard()
            with self._calls(f"write {len(rows)} rows"):
                call(collection, list(rows), timeout=TIMEOUT)

    def write_terms(self, version: str, frequencies: Mapping[str, int]) -> None:
        """Store each term's document frequency in ``version``'s terms collection (a term
        longer than a key may be is left out: no question term is that long)."""
        terms = [(t, n) for t, n in frequencies.items() if _storable_term(t)]
        for start in range(0, len(terms), TERMS_BATCH):
            self.insert(
                self.terms_collection(version),
                [
                    {"term": t, "df": n, "v": [0.0, 0.0]}
                    for t, n in terms[start : start + TERMS_BATCH]
                ],
            )

    def count(self, collection: str) -> int:
        with self._calls("count rows"):
            result = self.client.query(collection, output_fields=["count(*)"], timeout=TIMEOUT)
        return int(result[0]["count(*)"])

    def publish(self, version: str, manifest: Manifest, summary: Mapping[str, Any]) -> None:
        """Make ``version`` live in one upsert of the pointer, after its facts are stored;
        drop all but ``KEEP_OLD_VERSIONS`` older versions and every unfinished one."""
        if self.guard is not None:
            self.guard()
        self.put(
            {
                f"manifest/{version}": manifest.to_json(),
                f"summary/{version}": json.dumps(summary, ensure_ascii=False),
            }
        )
        previous = self.get("current")
        self.put({"current": version})
        stale = [n for n in self.unfinished() if n != version]
        self.put({"building": "{}"})
        # The previous version stays for readers that opened it (KEEP_OLD_VERSIONS of them,
        # newest first; names sort by build time).
        with self._calls("list collections"):
            names = self.client.list_collections(timeout=TIMEOUT)
        marker = f"{self.prefix}_p_"
        versions = sorted({n.removeprefix(marker) for n in names if n.startswith(marker)})
        older = [v for v in versions if v != version and v not in stale]
        if previous in older:  # the one readers are most likely on
            older.remove(previous)
            older.append(previous)
        doomed = [*stale, *older[: max(len(older) - KEEP_OLD_VERSIONS, 0)]]
        for name in dict.fromkeys(doomed):
            self.drop_version(name)

    def drop_version(self, version: str) -> None:
        """Remove a version's collections and facts."""
        with self._calls(f"drop version {version}"):
            for collection in (
                self.paragraphs_collection(version),
                self.terms_collection(version),
            ):
                if self.client.has_collection(collection, timeout=TIMEOUT):
                    self.client.drop_collection(collection, timeout=TIMEOUT)
            self.client.delete(
                self.meta_collection,
                ids=[f"manifest/{version}", f"summary/{version}"],
                timeout=TIMEOUT,
            )

    # -- reading rows ------------------------------------------------------------------

    def query(
        self, collection: str, expression: str, fields: Sequence[str], limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Return the rows matching a Milvus filter ``expression``, with ``fields``."""
        with self._calls("read rows"):
            kwargs: dict[str, Any] = {"limit": limit} if limit else {}
            return list(
                self.client.query(
                    collection,
                    filter=expression,
                    output_fields=list(fields),
                    timeout=TIMEOUT,
                    **kwargs,
                )
            )

    def scan(
        self, collection: str, fields: Sequence[str], expression: str = "", batch: int = 4096
    ) -> Iterator[dict[str, Any]]:
        """Yield every row of ``collection`` (matching ``expression``) with ``fields``, in
        batches of ``batch``."""
        with self._calls("read rows"):
            iterator = self.client.query_iterator(
                collection,
                batch_size=batch,
                filter=expression,
                output_fields=list(fields),
                timeout=TIMEOUT,
            )
        try:
            while True:
                with self._calls("read rows"):
                    rows = iterator.next()
                if not rows:
                    return
                yield from rows
        finally:
            iterator.close()

    def rows(self, collection: str, rows: Sequence[int], fields: Sequence[str]) -> dict[int, Any]:
        """Return row number -> its ``fields`` for paragraphs ``rows``."""
        if not rows:
            return {}
        with self._calls("read paragraphs"):
            found = self.client.query(
                collection,
                ids=[int(r) for r in rows],
                output_fields=list(fields),
                timeout=TIMEOUT,
            )
        return {int(item["row"]): item for item in found}

    def search(
        self,
        collection: str,
        data: Sequence[Any],
        field: str,
        limit: int,
        expression: str = "",
        metric: str = "IP",
        fields: Sequence[str] = (),
    ) -> list[tuple[int, float, dict[str, Any]]]:
        """Return (row, score, its ``fields``) of the ``limit`` best rows for one query,
        best first."""
        with self._calls("search"):
            result = self.client.search(
                collection,
                data=list(data),
                anns_field=field,
                limit=limit,
                filter=expression,
                output_fields=list(fields),
                search_params={"metric_type": metric},
                timeout=TIMEOUT,
            )
        return [
            (int(hit["id"]), float(hit["distance"]), dict(hit.get("entity") or {}))
            for hit in result[0]
        ]

    def document_frequencies(self, version: str, terms: Sequence[str]) -> dict[str, int]:
        """Return term -> number of paragraphs holding it, for the terms any paragraph holds."""
        wanted = [t for t in dict.fromkeys(terms) if _storable_term(t)]
        if not wanted:
            return {}
        with self._calls("read term statistics"):
            found = self.client.query(
                self.terms_collection(version),
                ids=wanted,
                output_fields=["df"],
                timeout=TIMEOUT,
            )
        return {str(item["term"]): int(item["df"]) for item in found}


def index_model(target: MilvusTarget) -> str | None:
    """Return the embedder of the live Milvus index, or None without one."""
    store = MilvusStore(target)
    try:
        return store.manifest(store.live_version()).embedder
    except (IndexMissing, IndexDamaged, IndexIncompatible):
        return None
    finally:
        store.close()
