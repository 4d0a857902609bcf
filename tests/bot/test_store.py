"""The bot's state store on a real SQLite file: schema versions, transactions, limits,
no alert twice, and a missing or corrupt file reported rather than recreated."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from newsbot.bot.store import (
    CREATED_MARKER,
    SCHEMA_VERSION,
    AnswerRecord,
    StateStore,
    StateUnavailable,
    default_location,
    follows,
    shown_location,
    state_location,
)


@pytest.fixture
def location(tmp_path: Path) -> str:
    return str(tmp_path / "state.sqlite")


@pytest.fixture
def store(location: str, tmp_path: Path) -> StateStore:
    return StateStore.open(location, marker_dir=tmp_path / "index")


def record(message_id: int, question: str = "who agreed?", asked_at: int = 100) -> AnswerRecord:
    return AnswerRecord(
        chat_id=5,
        message_id=message_id,
        user_id=7,
        question=question,
        language="en",
        paragraphs=("a1#7", "a2#3"),
        index_version="2026-11-29T04:40:00+00:00",
        asked_at=asked_at,
    )


def test_the_default_file_is_beside_the_index_directory_not_inside(tmp_path: Path) -> None:
    index_dir = tmp_path / "news" / "newsbot-index"
    assert default_location(index_dir) == tmp_path / "news" / "newsbot-index-state.sqlite"
    assert state_location(index_dir, {}) == str(default_location(index_dir))
    assert state_location(index_dir, {"NEWSBOT_STATE": "postgresql://db/x"}) == "postgresql://db/x"


def test_state_survives_a_restart(store: StateStore, location: str, tmp_path: Path) -> None:
    store.record_answer(record(11))
    follow = store.follow(5, 7, "who agreed?", "en", 100, chat_limit=5, user_limit=5)
    store.subscribe_digest(5, 7, 0, "id")
    store.close()

    again = StateStore.open(location, marker_dir=tmp_path / "index")
    assert again.schema_version() == SCHEMA_VERSION
    assert again.answer(5, 11) == record(11)
    assert again.follows_of(5) == [follow]
    digest = again.digest_of(5)
    assert digest is not None and (digest.hour, digest.language) == (7, "id")


def test_one_chats_state_is_not_anothers(store: StateStore) -> None:
    store.record_answer(record(11))
    store.follow(5, 7, "who agreed?", "en", 100, chat_limit=5, user_limit=5)
    assert store.answer(6, 11) is None
    assert store.latest_answer(6, 0) is None
    assert store.follows_of(6) == []


def test_the_latest_answer_within_a_window(store: StateStore) -> None:
    store.record_answer(record(11, "first", asked_at=100))
    store.record_answer(record(12, "second", asked_at=200))
    latest = store.latest_answer(5, since=150)
    assert latest is not None and latest.question == "second"
    assert store.latest_answer(5, since=201) is None


def test_following_again_renews_instead_of_duplicating(store: StateStore) -> None:
    first = store.follow(5, 7, "q", "en", 100, chat_limit=1, user_limit=1)
    again = store.follow(5, 7, "q", "en", 900, chat_limit=1, user_limit=1)
    assert first is not None and again is not None
    assert again.id == first.id and again.renewed_at == 900


def test_limits_per_chat_and_per_user(store: StateStore) -> None:
    assert store.follow(5, 7, "q1", "en", 1, chat_limit=3, user_limit=2)
    assert store.follow(5, 7, "q2", "en", 1, chat_limit=3, user_limit=2)
    assert store.follow(5, 7, "q3", "en", 1, chat_limit=3, user_limit=2) is None  # user
    assert store.follow(5, 8, "q3", "en", 1, chat_limit=3, user_limit=2)
    assert store.follow(5, 9, "q4", "en", 1, chat_limit=3, user_limit=2) is None  # chat
    assert store.follow(6, 7, "q1", "en", 1, chat_limit=3, user_limit=2)  # another chat


def test_an_article_is_alerted_once_and_shown_ones_never(store: StateStore) -> None:
    follow = store.follow(5, 7, "q", "en", 100, seen=["old"], chat_limit=5, user_limit=5)
    assert follow is not None
    assert not store.claim_alert(follow.id, "old", 200)
    assert store.claim_alert(follow.id, "new", 200)
    assert not store.claim_alert(follow.id, "new", 300)
    assert store.alerts_since(follow.id, 150) == 1  # "old" was shown, not alerted
    assert store.unfollow(follow.id)
    assert not store.claim_alert(follow.id, "newer", 400)  # the follow is gone


def test_an_answer_citing_one_article_twice_is_seen_once(store: StateStore) -> None:
    follow = store.follow(5, 7, "q", "en", 100, seen=["a", "a", "b"], chat_limit=5, user_limit=5)
    assert follow is not None
    assert store.alerted_articles(follow.id) == {"a", "b"}
    again = store.follow(5, 7, "q", "en", 200, seen=["b", "c", "c"], chat_limit=5, user_limit=5)
    assert again is not None and store.alerted_articles(follow.id) == {"a", "b", "c"}


def test_follows_expire(store: StateStore) -> None:
    old = store.follow(5, 7, "old", "en", 100, chat_limit=5, user_limit=5)
    new = store.follow(5, 7, "new", "en", 500, chat_limit=5, user_limit=5)
    assert old is not None and new is not None
    assert store.live_follows(renewed_since=300) == [new]
    assert store.follows_of(5) == [new]


def test_a_digest_is_sent_once_a_day(store: StateStore) -> None:
    store.subscribe_digest(5, 7, 0, "en")
    assert store.mark_digest_sent(5, "2021-09-18")
    assert not store.mark_digest_sent(5, "2021-09-18")
    assert store.mark_digest_sent(5, "2021-09-19")
    assert store.unsubscribe_digest(5)
    assert not store.mark_digest_sent(5, "2021-09-20")


def test_feedback_is_one_verdict_per_user_and_answer(store: StateStore) -> None:
    store.give_feedback(record(11), 7, "up", 100)
    store.give_feedback(record(11), 7, "wrong_citation", 110)
    store.give_feedback(record(11), 8, "down", 120)
    exported = store.all_feedback()
    assert [f["verdict"] for f in exported] == ["wrong_citation", "down"]
    assert exported[0]["paragraphs"] == ["a1#7", "a2#3"]
    assert exported[0]["question"] == "who agreed?"
    assert "chat_id" not in exported[0] and "user_id" not in exported[0]


def test_a_failed_write_leaves_nothing_behind(store: StateStore) -> None:
    store.follow(5, 7, "q", "en", 100, chat_limit=5, user_limit=5)
    row = {"chat_id": 5, "user_id": 7, "question": "q2", "language": "en", "renewed_at": 1}
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(insert(follows).values(**row))
        connection.execute(insert(follows).values(**row))  # the same question again
    assert [f.question for f in store.follows_of(5)] == ["q"]


def test_a_corrupt_file_is_reported_and_kept(location: str, tmp_path: Path) -> None:
    Path(location).write_bytes(b"not a database" * 100)
    with pytest.raises(StateUnavailable, match=r"unreadable.*newsbot state --reset"):
        StateStore.open(location, marker_dir=tmp_path / "index")
    assert Path(location).read_bytes().startswith(b"not a database")  # nothing lost


def test_a_lost_file_is_not_silently_recreated(
    store: StateStore, location: str, tmp_path: Path
) -> None:
    store.close()
    assert (tmp_path / "index" / CREATED_MARKER).exists()
    Path(location).unlink()
    with pytest.raises(StateUnavailable, match=r"missing.*newsbot state --reset"):
        StateStore.open(location, marker_dir=tmp_path / "index")
    assert not Path(location).exists()


def test_reset_starts_an_empty_store(location: str, tmp_path: Path) -> None:
    Path(location).write_bytes(b"not a database" * 100)
    store = StateStore.reset(location, marker_dir=tmp_path / "index")
    assert store.schema_version() == SCHEMA_VERSION
    assert store.follows_of(5) == []


def test_a_newer_schema_is_refused(store: StateStore, location: str, tmp_path: Path) -> None:
    from sqlalchemy import update

    from newsbot.bot.store import schema_version

    with store.engine.begin() as connection:
        connection.execute(update(schema_version).values(version=SCHEMA_VERSION + 1))
    with pytest.raises(StateUnavailable, match="newer"):
        StateStore.open(location, marker_dir=tmp_path / "index")


def test_a_malformed_url_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(StateUnavailable, match=r"NEWSBOT_STATE|cannot use"):
        StateStore.open("nosuchdb://x/y")


def test_a_database_that_cannot_be_reached_is_no_reason_to_reset(tmp_path: Path) -> None:
    """Refused connections say so, hide the password, and do not advise wiping the state."""
    from tests.ports import free_port

    url = f"postgresql://newsbot:s3cret@127.0.0.1:{free_port()}/newsbot"
    with pytest.raises(StateUnavailable) as caught:
        StateStore.open(url, marker_dir=tmp_path)
    message = str(caught.value)
    assert message.startswith("cannot reach the bot's state database postgresql://newsbot:***@")
    assert "s3cret" not in message and "--reset" not in message and "\n" not in message
    assert not (tmp_path / CREATED_MARKER).exists()


def test_passwords_are_never_shown() -> None:
    assert shown_location("postgresql://u:pw@db:5432/news") == "postgresql://u:***@db:5432/news"
    assert shown_location("postgresql://db/news") == "postgresql://db/news"
    assert shown_location("/srv/state.sqlite") == "/srv/state.sqlite"


def test_a_password_given_as_a_parameter_is_hidden_too() -> None:
    assert shown_location("postgresql://u@db/news?password=pw") == (
        "postgresql://u@db/news?password=***"
    )


def test_a_port_that_is_not_a_number_is_one_line_without_the_password() -> None:
    with pytest.raises(StateUnavailable, match="not a database URL") as caught:
        StateStore.open("postgresql://u:s3cret@127.0.0.1:notaport/db")
    assert "s3cret" not in str(caught.value)


def test_resetting_a_folder_named_as_the_state_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "state.sqlite"
    folder.mkdir()
    with pytest.raises(StateUnavailable, match="cannot reset the bot's state"):
        StateStore.reset(str(folder))
    assert folder.is_dir()


def test_a_state_file_never_made_is_made_even_beside_one_that_was(
    store: StateStore, location: str, tmp_path: Path
) -> None:
    """The marker names the files it saw made: moving the state to a new path starts it
    there; only a file that was made and is gone is called lost."""
    store.close()
    index_dir = tmp_path / "index"
    elsewhere = tmp_path / "elsewhere.sqlite"
    StateStore.open(str(elsewhere), marker_dir=index_dir).close()
    assert elsewhere.exists()
    elsewhere.unlink()
    with pytest.raises(StateUnavailable, match="missing"):
        StateStore.open(str(elsewhere), marker_dir=index_dir)
    Path(location).unlink()
    with pytest.raises(StateUnavailable, match="missing"):
        StateStore.open(location, marker_dir=index_dir)


def test_a_marker_from_before_it_named_files_stands_for_the_default_file(
    tmp_path: Path,
) -> None:
    index_dir = tmp_path / "idx"
    index_dir.mkdir()
    (index_dir / CREATED_MARKER).write_text("The bot's state was created.\n")
    with pytest.raises(StateUnavailable, match="missing"):
        StateStore.open(str(default_location(index_dir)), marker_dir=index_dir)
    StateStore.open(str(tmp_path / "other.sqlite"), marker_dir=index_dir).close()


def _kept_beside(location: str) -> list[Path]:
    path = Path(location)
    return sorted(path.parent.glob(f"{path.name}.before-reset-*"))


def test_reset_keeps_a_file_it_cannot_read_beside_the_new_state(tmp_path: Path) -> None:
    """NEWSBOT_STATE naming a file newsbot never made (a typo, a feed saved there): the
    reset the error suggests must not destroy it."""
    location = str(tmp_path / "news.rss")
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>\n' * 10
    Path(location).write_bytes(feed)
    store = StateStore.reset(location, marker_dir=tmp_path / "index")
    assert store.follows_of(5) == []
    [kept] = _kept_beside(location)
    assert kept.read_bytes() == feed
    assert store.set_aside == kept
    store.close()


def test_a_forced_reset_keeps_the_old_state_and_its_journal_openable(tmp_path: Path) -> None:
    """A healthy state emptied with --force, its write-ahead log included: the old follows
    are still in the file set aside."""
    location = str(tmp_path / "state.sqlite")
    store = StateStore.open(location, marker_dir=tmp_path / "index")
    store.follow(1, 2, "harga cabai", "id", 100, chat_limit=5, user_limit=5)
    store.close()
    Path(f"{location}-wal").write_bytes(b"")  # a companion file moves with its database
    fresh = StateStore.reset(location, marker_dir=tmp_path / "index")
    assert fresh.follows_of(1) == []
    fresh.close()
    kept = [p for p in _kept_beside(location) if not p.name.endswith("-wal")]
    assert len(kept) == 1 and Path(f"{kept[0]}-wal").exists()
    old = StateStore.open(str(kept[0]))
    assert [f.question for f in old.follows_of(1)] == ["harga cabai"]
    old.close()


def test_a_reset_of_a_missing_state_sets_nothing_aside(tmp_path: Path) -> None:
    location = str(tmp_path / "state.sqlite")
    store = StateStore.reset(location, marker_dir=tmp_path / "index")
    assert store.set_aside is None and _kept_beside(location) == []
    store.close()


@pytest.mark.parametrize("url", ["mysql://u:s3cret@db/news", "oracle://u:s3cret@db/news"])
def test_a_database_whose_driver_is_not_installed_says_what_newsbot_takes(url: str) -> None:
    with pytest.raises(StateUnavailable) as caught:
        StateStore.open(url)
    message = str(caught.value)
    assert "driver is not installed" in message and "postgresql://" in message
    assert "s3cret" not in message and "\n" not in message
