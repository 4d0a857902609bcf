"""The written answer as users meet it: ``newsbot run`` with ``NEWSBOT_LLM_URL`` set, against
the Telegram emulator. The model is a real OpenAI-compatible HTTP server on loopback
(``tests/llm_stub.py``) that streams server-sent events as the OpenAI API does; the
verifier runs with the real default embedder and its calibrated thresholds."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbot.bot.messages import messages_for
from newsbot.bot.render import render_passages
from newsbot.index.answering.search import NewsIndex
from newsbot.index.answering.verify import thresholds_for
from newsbot.index.answering.writer import AnswerWriter, WriterSettings, shown
from newsbot.index.building.build import build_index
from newsbot.index.building.embedders import load_embedder
from tests.e2e.conftest import BOT_COMMAND, HARNESS, REPO, SKIP_REASON, STOP_SECONDS, bot_env
from tests.llm_stub import StubLLM, serve_stub

if not HARNESS:
    pytest.skip(SKIP_REASON, allow_module_level=True)
from tgemu import BotProcess, TelegramEmulator

pytestmark = [pytest.mark.e2e, pytest.mark.model]

TOKEN = "555444:WRITTEN-TEST"
TROOPS = "who agreed to deploy troops?"
FIRST = (
    "CSTO Secretary General Stanislav Zas said Russia, Belarus and Armenia agreed to deploy "
    "military troops [1]."
)
THIRD = "The aim is to stop the threat of terrorism and to fight drug trafficking [2]."
WRONG = "Kazakhstan and Uzbekistan agreed to deploy 5,000 troops [1]."
EVERY = 2.0  # NEWSBOT_PROGRESS_SECONDS
THINKING = 4.0  # seconds the model takes before its first word


@pytest.fixture(scope="module")
def stub() -> Iterator[StubLLM]:
    with serve_stub() as running:
        yield running


@pytest.fixture(scope="module")
def written_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of its own, of the seed article alone: the shared one holds the shared
    bot's state, and other tests add articles to the shared sources."""
    news = tmp_path_factory.mktemp("written-news")
    shutil.copy(REPO / "index" / "sample" / "seed-article.txt", news)
    index_dir = tmp_path_factory.mktemp("written-index") / "index"
    build_index(index_dir, [news], load_embedder())
    return index_dir


@pytest.fixture(scope="module")
def writing_bot(
    tg: TelegramEmulator,
    written_index: Path,
    sources: Path,
    stub: StubLLM,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[BotProcess]:
    state = tmp_path_factory.mktemp("written-state") / "state.sqlite"
    env = {
        **bot_env(sources),
        "NEWSBOT_PROGRESS_SECONDS": str(EVERY),
        "NEWSBOT_STATE": str(state),
        "NEWSBOT_LLM_URL": stub.url,
        "NEWSBOT_LLM_MODEL": "stub",
    }
    proc = tg.start_bot(
        [*BOT_COMMAND, "--index-dir", str(written_index)], token=TOKEN, env=env, cwd=REPO
    )
    yield proc
    assert proc.stop(timeout=STOP_SECONDS) == 0, proc.output()
    assert "Traceback" not in proc.output(), proc.output()


def test_passages_first_then_each_checked_sentence_throttled(
    writing_bot: BotProcess, stub: StubLLM, written_index: Path
) -> None:
    # What the whole written answer would show, decided here by the same checks.
    embedder = load_embedder()
    thresholds = thresholds_for(embedder.name)
    assert thresholds is not None
    hits = NewsIndex.open(written_index, embedder).ask(TROOPS, 4).hits[:3]
    settings = WriterSettings.from_env({"NEWSBOT_LLM_URL": stub.url})
    assert settings is not None
    checker = AnswerWriter(settings, embedder, thresholds)
    reply_text = f"{FIRST} {WRONG} {THIRD}"
    verdicts = checker.check(reply_text, hits, "en")
    checker.close()
    assert [v.kept for v in verdicts] == [True, False, True], verdicts

    stub.reply, stub.delay, stub.chunk_delay = reply_text, THINKING, 0.02
    tg = writing_bot.client
    reader = tg.new_user("Wira", language_code="en")
    chat = tg.private_chat(reader)
    tg.send_private(reader, TROOPS)
    reply = tg.wait_for_reply(chat, timeout=60)
    seen_at = time.monotonic()
    # The passages are out while the model has not written a word yet: it is asked after
    # them (so the request may land a moment after the reply is seen, on a loaded machine).
    deadline = seen_at + 30
    while not stub.requests and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(stub.requests) == 1
    assert not stub.streamed or stub.streamed[0] > seen_at
    english = messages_for("en")
    text = reply.text or ""
    note = text[3 : text.index("</i>\n\n")] if text.startswith("<i>") else None
    assert [text] == render_passages(hits, english, note=note)

    seen: list[tuple[float, str]] = []  # when each edit was first seen
    deadline = time.monotonic() + THINKING + 30
    final = render_passages(hits, english, note=note, written=shown(verdicts))[0]
    while (not seen or seen[-1][1] != final) and time.monotonic() < deadline:
        for edit in tg.edits(reply)[len(seen) :]:
            seen.append((time.monotonic(), edit["params"]["text"]))
        time.sleep(0.02)
    edits = [edit["params"] for edit in tg.edits(reply)]
    # Sentence by sentence: the first one alone, then both; the unsupported one never.
    first = render_passages(hits, english, note=note, written=[FIRST])[0]
    assert [e["text"] for e in edits] == [first, final]
    assert all("Uzbekistan" not in e["text"] and "5,000" not in e["text"] for e in edits)
    assert all(e["reply_markup"] == reply.reply_markup for e in edits)  # the buttons stay
    assert all(e["parse_mode"] == "HTML" for e in edits)
    assert all(e["link_preview_options"] == reply.params["link_preview_options"] for e in edits)
    # Throttled: the second sentence was done well before the second edit was allowed.
    chunk_of_third = len(f"{FIRST} {WRONG} {THIRD}".split(" "))
    written_gap = stub.streamed[chunk_of_third] - stub.streamed[len(FIRST.split(" "))]
    assert written_gap < EVERY / 2
    # Seen by polling, the first edit may be seen late: hence the margin (unthrottled, the
    # second edit would follow within written_gap).
    assert seen[1][0] - seen[0][0] >= EVERY * 0.6, seen
