"""The bot's own state: follow-up context, follows, digests and feedback, in one database.

``NEWSBOT_STATE`` names it: a file path (SQLite, the default: ``<index dir>-state.sqlite``
beside the index directory, never inside an index version) or a database URL such as
``postgresql://…``. Every engine is made by :func:`make_engine`, the schema is versioned
(:data:`MIGRATIONS`, recorded in ``schema_version``), every write is one transaction, and
the SQL is SQLAlchemy Core, portable between SQLite and PostgreSQL.

A missing or unreadable database is an error (:class:`StateUnavailable`), never silently
recreated: ``newsbot state --reset`` does that, with the operator's consent. The one
exception is the very first start, when no store was ever made for this index (no
:data:`CREATED_MARKER` in the index directory).
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    create_engine,
    delete,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    IntegrityError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.pool import StaticPool

from newsbot.index.errors import NewsbotError

log = logging.getLogger(__name__)

STATE_ENV = "NEWSBOT_STATE"
#: Written into the index directory when a store is first made for it: after that, a missing
#: SQLite file means the state was lost, which the operator must acknowledge.
CREATED_MARKER = "state-created"
SCHEMA_VERSION = 2
#: A store that lives in memory only (tests, and a bot run without any state).
MEMORY = ":memory:"
#: PostgreSQL advisory lock taken while the schema is migrated.
MIGRATE_LOCK = 0x6E657773_626F7400


class StateUnavailable(NewsbotError):
    """The state database is missing, unreadable or of a newer schema."""


class StateUnreachable(StateUnavailable):
    """The state's database server cannot be reached (its data is not at stake)."""


def default_location(index_dir: Path) -> Path:
    """Where the state lives unless ``NEWSBOT_STATE`` says: a file beside the index
    directory (``newsbot-index`` → ``newsbot-index-state.sqlite``)."""
    index_dir = index_dir.expanduser().absolute()
    return index_dir.parent / f"{index_dir.name}-state.sqlite"


def state_location(index_dir: Path, env: Mapping[str, str]) -> str:
    """``NEWSBOT_STATE`` if set, else the default file beside ``index_dir``."""
    return env.get(STATE_ENV, "").strip() or str(default_location(index_dir))


def is_url(location: str) -> bool:
    """Whether ``location`` is a database URL (``scheme://…``) rather than a file path."""
    return "://" in location


def shown_location(location: str) -> str:
    """``location`` as messages and logs may show it: a URL's password as ``***``."""
    if not is_url(location):
        return location
    try:
        url = make_url(location)
        if "password" in url.query:  # libpq also takes it as a parameter
            url = url.update_query_dict({"password": "***"})
        return str(url.render_as_string(hide_password=True)).replace("%2A%2A%2A", "***")
    except (ArgumentError, ValueError):
        return location.split("://", 1)[0] + "://…"


def make_engine(location: str) -> Engine:
    """The one place engines are made: a URL as given, a path as a SQLite file.

    SQLite gets a busy timeout, so a second process waits for a write instead of failing;
    other databases get a liveness check of pooled connections."""
    if location == MEMORY:
        # One connection shared by every thread: the in-memory database lives in it.
        return create_engine(
            "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    url = location if is_url(location) else f"sqlite:///{Path(location).expanduser()}"
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
        raise StateUnavailable(
            f"{STATE_ENV} is not a database URL or path: {shown_location(location)!r}"
        ) from exc
    # psycopg 3, the driver newsbot installs; "postgres://" is the scheme many hosts print.
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    sqlite = parsed.get_backend_name() == "sqlite"
    try:
        engine = create_engine(
            parsed, connect_args={"timeout": 30} if sqlite else {}, pool_pre_ping=not sqlite
        )
    except ImportError as exc:  # a database whose driver newsbot does not install
        raise StateUnavailable(
            f"cannot use the state database {shown_location(location)!r}: its driver is not "
            f"installed ({exc}); {STATE_ENV} takes a file path or a postgresql:// URL"
        ) from exc
    except ArgumentError as exc:
        raise StateUnavailable(
            f"cannot use the state database {shown_location(location)!r}: {exc}"
        ) from exc
    return engine


def _set_aside(path: Path) -> Path | None:
    """Move the SQLite file at ``path`` and its journal files to a dated name beside it;
    return the new name of the file (None when there is none)."""
    if path.is_dir():
        raise StateUnavailable(f"cannot reset the bot's state {path}: it is a folder")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = path.with_name(f"{path.name}.before-reset-{stamp}")
    found = path.exists()
    try:
        for extra in ("", "-journal", "-wal", "-shm"):
            source = Path(f"{path}{extra}")
            if source.exists():
                source.rename(f"{kept}{extra}")
    except OSError as exc:
        raise StateUnavailable(
            f"cannot reset the bot's state {path}: {exc.strerror or exc}"
        ) from exc
    return kept if found else None


metadata = MetaData()

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

#: One row per answer the bot sent: what a reply to it (or a private follow-up) continues.
answers = Table(
    "answers",
    metadata,
    Column("chat_id", BigInteger, primary_key=True),
    Column("message_id", BigInteger, primary_key=True),
    Column("user_id", BigInteger, nullable=True),
    Column("question", Text, nullable=False),
    Column("language", String(8), nullable=False),
    Column("paragraphs", Text, nullable=False),  # JSON list of "article_id#paragraph"
    Column("index_version", String(64), nullable=False),
    Column("asked_at", BigInteger, nullable=False),  # Unix seconds, as every time here
)

follows = Table(
    "follows",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("chat_id", BigInteger, nullable=False, index=True),
    Column("user_id", BigInteger, nullable=False),
    Column("question", Text, nullable=False),
    Column("language", String(8), nullable=False),
    Column("renewed_at", BigInteger, nullable=False),
    UniqueConstraint("chat_id", "question"),
)

#: Articles a follow was alerted about (``alerted_at``), never alerted twice.
follow_articles = Table(
    "follow_articles",
    metadata,
    Column("follow_id", Integer, primary_key=True),
    Column("article_id", String(200), primary_key=True),
    Column("alerted_at", BigInteger, nullable=False),
)

digests = Table(
    "digests",
    metadata,
    Column("chat_id", BigInteger, primary_key=True),
    Column("hour", Integer, nullable=False),
    Column("minute", Integer, nullable=False),
    Column("language", String(8), nullable=False),
    Column("last_sent_on", String(10), nullable=True),  # the bot's local date, YYYY-MM-DD
)

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("chat_id", BigInteger, nullable=False),
    Column("message_id", BigInteger, nullable=False),
    Column("user_id", BigInteger, nullable=False),
    Column("verdict", String(16), nullable=False),
    Column("question", Text, nullable=False),
    Column("paragraphs", Text, nullable=False),
    Column("index_version", String(64), nullable=False),
    Column("given_at", BigInteger, nullable=False),
    UniqueConstraint("chat_id", "message_id", "user_id"),
)


#: The questions each user asked in the last minute, counted across replicas
#: (``replicas.SharedQuota``).
questions_asked = Table(
    "questions_asked",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", BigInteger, nullable=False, index=True),
    Column("asked_at", Float, nullable=False),  # Unix seconds
)


def _create_v1(connection: Connection) -> None:
    metadata.create_all(connection, tables=[answers, follows, follow_articles, digests, feedback])


def _create_v2(connection: Connection) -> None:
    metadata.create_all(connection, tables=[questions_asked])


#: Schema migrations, in order: migration ``n`` takes the schema from version ``n - 1`` to
#: ``n``. Add a step here (never edit an old one) and bump SCHEMA_VERSION.
MIGRATIONS: Sequence[Callable[[Connection], None]] = (_create_v1, _create_v2)
assert len(MIGRATIONS) == SCHEMA_VERSION


@dataclass(frozen=True)
class AnswerRecord:
    chat_id: int
    message_id: int
    user_id: int | None
    question: str
    language: str
    paragraphs: tuple[str, ...]
    index_version: str
    asked_at: int


@dataclass(frozen=True)
class Follow:
    id: int
    chat_id: int
    user_id: int
    question: str
    language: str
    renewed_at: int


@dataclass(frozen=True)
class Digest:
    chat_id: int
    hour: int
    minute: int
    language: str
    last_sent_on: str | None


class StateStore:
    """The bot's state database. Methods block (run them in a worker thread from the
    event loop); each write is one transaction. Times are Unix seconds."""

    def __init__(self, engine: Engine, location: str) -> None:
        self.engine = engine
        self.location = location
        #: Where ``reset`` moved the file it replaced (None: there was none, or a URL).
        self.set_aside: Path | None = None

    @classmethod
    def open(
        cls, location: str, *, create: bool = False, marker_dir: Path | None = None
    ) -> StateStore:
        """Open the store at ``location`` (path or URL), migrating its schema forward.

        A missing SQLite file is created when ``create`` is true, or on first use (no
        ``marker_dir/CREATED_MARKER``); otherwise, like an unreadable one, it raises
        StateUnavailable, whose message says how to recreate it."""
        sqlite_file = (
            None if is_url(location) or location == MEMORY else Path(location).expanduser()
        )
        marker = marker_dir / CREATED_MARKER if marker_dir is not None else None
        if sqlite_file is not None and not sqlite_file.exists():
            if not create and marker is not None and _created_here(marker, sqlite_file, marker_dir):
                raise StateUnavailable(
                    f"the bot's state {sqlite_file} is missing (follows, digests and feedback "
                    "are lost): `newsbot state --reset` starts a new one"
                )
            log.info("Creating the bot's state in %s", sqlite_file)
            sqlite_file.parent.mkdir(parents=True, exist_ok=True)
        engine = make_engine(location)
        store = cls(engine, location)
        try:
            store._migrate()
        except StateUnavailable:
            engine.dispose()
            raise
        except (DatabaseError, OperationalError) as exc:
            engine.dispose()
            reason = " ".join(str(exc.orig if exc.orig is not None else exc).split())
            if is_url(location) and isinstance(exc, OperationalError):
                # A server that cannot be reached: its data is not at stake, a reset is no cure.
                raise StateUnreachable(
                    f"cannot reach the bot's state database {shown_location(location)} "
                    f"({reason}): check {STATE_ENV} and that the database is running"
                ) from exc
            raise StateUnavailable(
                f"the bot's state {shown_location(location)} is unreadable ({reason}): "
                "`newsbot state --reset` starts an empty one and keeps this file beside it"
            ) from exc
        # Only a state file can go missing unnoticed; a database server's state is its own.
        if marker is not None and sqlite_file is not None:
            _record_created(marker, sqlite_file)
        return store

    @classmethod
    def reset(cls, location: str, *, marker_dir: Path | None = None) -> StateStore:
        """Start an empty store at ``location``. A file there (a corrupt state, a healthy one
        reset with ``--force``, or a file newsbot never made) is not deleted: it is moved,
        with its journal, to ``<name>.before-reset-<UTC time>`` beside it, named by
        ``set_aside``; a database URL's tables are dropped. Raises StateUnavailable when the
        file cannot be moved or the database cannot be emptied."""
        if not is_url(location):
            path = Path(location).expanduser()
            kept = _set_aside(path)
            store = cls.open(location, create=True, marker_dir=marker_dir)
            store.set_aside = kept
            return store
        engine = make_engine(location)
        try:
            with engine.begin() as connection:
                metadata.drop_all(connection)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StateUnavailable(
                f"cannot reset the bot's state {shown_location(location)}: {exc}"
            ) from exc
        engine.dispose()
        return cls.open(location, create=True, marker_dir=marker_dir)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.begin() as connection:
            yield connection

    def _migrate(self) -> None:
        with self._write() as connection:
            if connection.dialect.name == "postgresql":
                # Replicas starting together migrate one after the other.
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK}
                )
            if not inspect(connection).has_table("schema_version"):
                schema_version.create(connection)
                connection.execute(insert(schema_version).values(version=0))
            current = connection.execute(select(schema_version.c.version)).scalar_one()
            if current > SCHEMA_VERSION:
                raise StateUnavailable(
                    f"the bot's state {shown_location(self.location)} has schema version "
                    f"{current}, newer than this newsbot's {SCHEMA_VERSION}: upgrade newsbot"
                )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[version - 1](connection)
                connection.execute(update(schema_version).values(version=version))
                log.info("The bot's state schema is now version %d", version)

    def schema_version(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(select(schema_version.c.version)).scalar_one())

    # --- answers (follow-up context, feedback) ----------------------------------------------
    def record_answer(self, record: AnswerRecord) -> None:
        """Remember an answer the bot sent (each message of it)."""
        with self._write() as connection:
            connection.execute(
                delete(answers).where(
                    and_(
                        answers.c.chat_id == record.chat_id,
                        answers.c.message_id == record.message_id,
                    )
                )
            )
            connection.execute(
                insert(answers).values(
                    chat_id=record.chat_id,
                    message_id=record.message_id,
                    user_id=record.user_id,
                    question=record.question,
                    language=record.language,
                    paragraphs=json.dumps(list(record.paragraphs)),
                    index_version=record.index_version,
                    asked_at=record.asked_at,
                )
            )

    def answer(self, chat_id: int, message_id: int) -> AnswerRecord | None:
        """The answer the bot sent as ``message_id`` in ``chat_id``, if it remembers it."""
        with self.engine.connect() as connection:
            row = connection.execute(
                select(answers).where(
                    and_(answers.c.chat_id == chat_id, answers.c.message_id == message_id)
                )
            ).first()
        return _answer(row) if row is not None else None

    def latest_answer(self, chat_id: int, since: int) -> AnswerRecord | None:
        """The chat's newest answer given at ``since`` or later."""
        with self.engine.connect() as connection:
            row = connection.execute(
                select(answers)
                .where(and_(answers.c.chat_id == chat_id, answers.c.asked_at >= since))
                .order_by(answers.c.asked_at.desc(), answers.c.message_id.desc())
                .limit(1)
            ).first()
        return _answer(row) if row is not None else None

    def forget_answers(self, before: int) -> int:
        """Drop answers older than ``before``; how many."""
        with self._write() as connection:
            return int(
                connection.execute(delete(answers).where(answers.c.asked_at < before)).rowcount
            )

    # --- follows ------------------------------------------------------------------------------
    def follow(
        self,
        chat_id: int,
        user_id: int,
        question: str,
        language: str,
        now: int,
        *,
        seen: Sequence[str] = (),
        chat_limit: int,
        user_limit: int,
    ) -> Follow | None:
        """Follow ``question`` in ``chat_id`` (renewing it when the chat already follows it);
        ``seen`` are article ids the follower has already been shown. None when the chat or
        the user has reached its limit of follows."""
        with self._write() as connection:
            existing = connection.execute(
                select(follows).where(
                    and_(follows.c.chat_id == chat_id, follows.c.question == question)
                )
            ).first()
            if existing is not None:
                connection.execute(
                    update(follows).where(follows.c.id == existing.id).values(renewed_at=now)
                )
                follow_id = int(existing.id)
            else:
                in_chat = connection.execute(
                    select(func.count()).select_from(follows).where(follows.c.chat_id == chat_id)
                ).scalar_one()
                by_user = connection.execute(
                    select(func.count())
                    .select_from(follows)
                    .where(and_(follows.c.chat_id == chat_id, follows.c.user_id == user_id))
                ).scalar_one()
                if in_chat >= chat_limit or by_user >= user_limit:
                    return None
                inserted = connection.execute(
                    insert(follows).values(
                        chat_id=chat_id,
                        user_id=user_id,
                        question=question,
                        language=language,
                        renewed_at=now,
                    )
                ).inserted_primary_key
                assert inserted is not None  # a single-row INSERT always has its key
                follow_id = int(inserted[0])
            known = set(
                connection.execute(
                    select(follow_articles.c.article_id).where(
                        follow_articles.c.follow_id == follow_id
                    )
                ).scalars()
            )
            # Articles already shown count as alerted long ago: never sent, not counted today.
            fresh = [
                {"follow_id": follow_id, "article_id": article, "alerted_at": 0}
                for article in dict.fromkeys(seen)  # one answer cites an article repeatedly
                if article not in known
            ]
            if fresh:
                connection.execute(insert(follow_articles), fresh)
            row = connection.execute(select(follows).where(follows.c.id == follow_id)).one()
        return _follow(row)

    def follows_of(self, chat_id: int) -> list[Follow]:
        """The chat's follows, oldest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(follows).where(follows.c.chat_id == chat_id).order_by(follows.c.id)
            ).all()
        return [_follow(row) for row in rows]

    def get_follow(self, follow_id: int) -> Follow | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(follows).where(follows.c.id == follow_id)).first()
        return _follow(row) if row is not None else None

    def unfollow(self, follow_id: int) -> bool:
        """Remove a follow and what it was alerted about; whether it existed."""
        with self._write() as connection:
            connection.execute(
                delete(follow_articles).where(follow_articles.c.follow_id == follow_id)
            )
            return bool(
                connection.execute(delete(follows).where(follows.c.id == follow_id)).rowcount
            )

    def live_follows(self, renewed_since: int) -> list[Follow]:
        """Every follow renewed at ``renewed_since`` or later; older ones are removed."""
        with self._write() as connection:
            expired = select(follows.c.id).where(follows.c.renewed_at < renewed_since)
            connection.execute(
                delete(follow_articles).where(follow_articles.c.follow_id.in_(expired))
            )
            connection.execute(delete(follows).where(follows.c.renewed_at < renewed_since))
            rows = connection.execute(select(follows).order_by(follows.c.id)).all()
        return [_follow(row) for row in rows]

    def alerted_articles(self, follow_id: int) -> set[str]:
        with self.engine.connect() as connection:
            return set(
                connection.execute(
                    select(follow_articles.c.article_id).where(
                        follow_articles.c.follow_id == follow_id
                    )
                ).scalars()
            )

    def alerts_since(self, follow_id: int, since: int) -> int:
        """How many alerts the follow got at ``since`` or later."""
        with self.engine.connect() as connection:
            return int(
                connection.execute(
                    select(func.count())
                    .select_from(follow_articles)
                    .where(
                        and_(
                            follow_articles.c.follow_id == follow_id,
                            follow_articles.c.alerted_at >= since,
                        )
                    )
                ).scalar_one()
            )

    def claim_alert(self, follow_id: int, article_id: str, now: int) -> bool:
        """Record that the follow is alerted about ``article_id``; False when it already was
        (or the follow is gone), so it is never sent twice, even by two bots sharing the
        store (the second insert breaks the primary key)."""
        try:
            return self._claim_alert(follow_id, article_id, now)
        except IntegrityError:
            return False

    def _claim_alert(self, follow_id: int, article_id: str, now: int) -> bool:
        with self._write() as connection:
            exists = connection.execute(
                select(follows.c.id).where(follows.c.id == follow_id)
            ).first()
            seen = connection.execute(
                select(follow_articles.c.article_id).where(
                    and_(
                        follow_articles.c.follow_id == follow_id,
                        follow_articles.c.article_id == article_id,
                    )
                )
            ).first()
            if exists is None or seen is not None:
                return False
            connection.execute(
                insert(follow_articles).values(
                    follow_id=follow_id, article_id=article_id, alerted_at=now
                )
            )
            return True

    # --- digests ------------------------------------------------------------------------------
    def subscribe_digest(
        self, chat_id: int, hour: int, minute: int, language: str, *, sent_on: str | None = None
    ) -> None:
        """Send the chat a digest daily at ``hour:minute``; ``sent_on`` (a date) counts as
        already served."""
        with self._write() as connection:
            connection.execute(delete(digests).where(digests.c.chat_id == chat_id))
            connection.execute(
                insert(digests).values(
                    chat_id=chat_id,
                    hour=hour,
                    minute=minute,
                    language=language,
                    last_sent_on=sent_on,
                )
            )

    def unsubscribe_digest(self, chat_id: int) -> bool:
        with self._write() as connection:
            return bool(
                connection.execute(delete(digests).where(digests.c.chat_id == chat_id)).rowcount
            )

    def digest_of(self, chat_id: int) -> Digest | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(digests).where(digests.c.chat_id == chat_id)).first()
        return _digest(row) if row is not None else None

    def all_digests(self) -> list[Digest]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(digests).order_by(digests.c.chat_id)).all()
        return [_digest(row) for row in rows]

    def mark_digest_sent(self, chat_id: int, day: str) -> bool:
        """Record the digest of ``day`` as sent to the chat; False when it already was."""
        with self._write() as connection:
            result = connection.execute(
                update(digests)
                .where(
                    and_(
                        digests.c.chat_id == chat_id,
                        (digests.c.last_sent_on.is_(None)) | (digests.c.last_sent_on != day),
                    )
                )
                .values(last_sent_on=day)
            )
            return bool(result.rowcount)

    # --- feedback -----------------------------------------------------------------------------
    def give_feedback(self, answer: AnswerRecord, user_id: int, verdict: str, now: int) -> None:
        """Record (or change) ``user_id``'s verdict on an answer."""
        with self._write() as connection:
            connection.execute(
                delete(feedback).where(
                    and_(
                        feedback.c.chat_id == answer.chat_id,
                        feedback.c.message_id == answer.message_id,
                        feedback.c.user_id == user_id,
                    )
                )
            )
            connection.execute(
                insert(feedback).values(
                    chat_id=answer.chat_id,
                    message_id=answer.message_id,
                    user_id=user_id,
                    verdict=verdict,
                    question=answer.question,
                    paragraphs=json.dumps(list(answer.paragraphs)),
                    index_version=answer.index_version,
                    given_at=now,
                )
            )

    def all_feedback(self) -> list[dict[str, object]]:
        """Every verdict, oldest first, as JSON-ready dicts (no chat or user ids)."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(feedback).order_by(feedback.c.id)).all()
        return [
            {
                "verdict": row.verdict,
                "question": row.question,
                "paragraphs": json.loads(row.paragraphs),
                "index_version": row.index_version,
                "given_at": int(row.given_at),
            }
            for row in rows
        ]


_MARKER_HEAD = "The bot's state was created; see `newsbot state --reset`. Its files:\n"


def _created_files(marker: Path) -> list[str]:
    try:
        lines = marker.read_text().splitlines()
    except OSError:
        return []
    return [line for line in lines[1:] if line.strip()]


def never_created(location: str, marker_dir: Path | None) -> bool:
    """Whether the SQLite state at ``location`` was never created: no file, and no marker in
    ``marker_dir`` saying it was (one that was, and is gone, is lost, not new). A database
    URL always exists as far as newsbot can tell."""
    if is_url(location) or location == MEMORY:
        return False
    state_file = Path(location).expanduser()
    if state_file.exists():
        return False
    marker = marker_dir / CREATED_MARKER if marker_dir is not None else None
    return marker is None or not _created_here(marker, state_file, marker_dir)


def _created_here(marker: Path, state_file: Path, index_dir: Path | None) -> bool:
    """Whether ``marker`` says ``state_file`` was created (a marker written before it named
    its files stands for the default file beside ``index_dir``)."""
    if not marker.exists():
        return False
    files = _created_files(marker)
    if not files and index_dir is not None:
        files = [str(default_location(index_dir))]
    return str(state_file.absolute()) in files


def _record_created(marker: Path, state_file: Path) -> None:
    """Add ``state_file`` to the files ``marker`` says were created."""
    name = str(state_file.absolute())
    files = _created_files(marker)
    if name in files:
        return
    with contextlib.suppress(OSError):  # the marker is a courtesy; the state is open
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(_MARKER_HEAD + "".join(f"{f}\n" for f in [*files, name]))


def _answer(row: object) -> AnswerRecord:
    r = row._mapping  # type: ignore[attr-defined]
    return AnswerRecord(
        chat_id=int(r["chat_id"]),
        message_id=int(r["message_id"]),
        user_id=None if r["user_id"] is None else int(r["user_id"]),
        question=str(r["question"]),
        language=str(r["language"]),
        paragraphs=tuple(json.loads(r["paragraphs"])),
        index_version=str(r["index_version"]),
        asked_at=int(r["asked_at"]),
    )


def _follow(row: object) -> Follow:
    r = row._mapping  # type: ignore[attr-defined]
    return Follow(
        id=int(r["id"]),
        chat_id=int(r["chat_id"]),
        user_id=int(r["user_id"]),
        question=str(r["question"]),
        language=str(r["language"]),
        renewed_at=int(r["renewed_at"]),
    )


def _digest(row: object) -> Digest:
    r = row._mapping  # type: ignore[attr-defined]
    return Digest(
        chat_id=int(r["chat_id"]),
        hour=int(r["hour"]),
        minute=int(r["minute"]),
        language=str(r["language"]),
        last_sent_on=r["last_sent_on"],
    )
