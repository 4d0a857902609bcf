"""The ``newsbot`` command: build the index, ask it, describe it, run the Telegram bot.

newsbot index [PATH...]        read articles and (re)build the index incrementally
newsbot ask "QUESTION"         cited answers; --json for machines; stdin mode with --json
newsbot stats                  what is indexed (--check: verify every file too)
newsbot timeline "QUESTION"    a chart of the matching story's articles per day (--png FILE)
newsbot check                  verify the index's files against their checksums
newsbot run                    the Telegram bot (see README)
newsbot feedback [--json]      the 👍/👎 users gave the bot's answers
newsbot state [--reset]        where the bot's state is; --reset starts it anew
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from newsbot.bot.coverage_text import answer_language
from newsbot.bot.followup import one_question
from newsbot.bot.store import (
    STATE_ENV,
    StateStore,
    StateUnavailable,
    StateUnreachable,
    is_url,
    never_created,
    shown_location,
    state_location,
)
from newsbot.bot.terminal import (
    ProgressBar,
    check_line,
    format_answer,
    format_check,
    format_report,
    format_summary,
)
from newsbot.index import defaults, sample
from newsbot.index.answering import stores
from newsbot.index.answering.fusion import question_language
from newsbot.index.answering.search import NewsIndex
from newsbot.index.answering.verify import thresholds_for
from newsbot.index.answering.writer import (
    LLM_URL_ENV,
    AnswerWriter,
    WriterSettings,
    WrittenSentence,
)
from newsbot.index.building import dense, integrity, store
from newsbot.index.building.milvus_store import STORE_ENV, parse_store
from newsbot.index.building.unfinished import SAMPLE_MARKER, UnfinishedBuild
from newsbot.index.coverage.notes import timeline_caption
from newsbot.index.coverage.questions import chart_topic
from newsbot.index.coverage.timeline import FORMATS, render_timeline
from newsbot.index.errors import (
    IndexIncomplete,
    IndexMissing,
    NewsbotError,
    NoSources,
    StoreUnavailable,
    WriterUnavailable,
)
from newsbot.index.reading.feeds import plan_sources
from newsbot.index.reading.sources import CONFIG_ENV, SOURCES_ENV

log = logging.getLogger("newsbot")


def sample_sources() -> list[Path]:
    """Return the sample corpus shipped with newsbot."""
    return sample.sources()


class _Spelled(argparse.Action):
    """Store an option's value and the spelling the user typed (``-k`` or ``--hits``), so
    that an error about it names the option as the user wrote it."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, values)
        setattr(namespace, f"{self.dest}_option", option_string or self.option_strings[-1])


def _version() -> str:
    try:
        return metadata.version("newsbot")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _add_common(parser: argparse.ArgumentParser, *, defaults_here: bool) -> None:
    """The options every command takes. They are accepted before the command too
    (``newsbot --index-dir X ask ...``): the top parser holds their defaults and the
    commands' copies default to nothing, so that a command does not reset an option given
    before it."""

    def default(value: object) -> object:
        return value if defaults_here else argparse.SUPPRESS

    parser.add_argument(
        "--index-dir",
        type=Path,
        default=default(Path(os.environ.get(defaults.INDEX_DIR_ENV) or defaults.DEFAULT_INDEX_DIR)),
        help=f"index directory (env {defaults.INDEX_DIR_ENV}; "
        f"default ./{defaults.DEFAULT_INDEX_DIR})",
    )
    parser.add_argument(
        "--model",
        default=default(os.environ.get(defaults.MODEL_ENV) or None),
        help=f"embedding model (env {defaults.MODEL_ENV}; default: the index's own, "
        f"or {defaults.DEFAULT_MODEL} for a new index)",
    )
    parser.add_argument(
        "--store",
        action=_Spelled,
        default=default(os.environ.get(STORE_ENV) or "local"),
        help=f"where the index lives (env {STORE_ENV}): local (the index directory, default), "
        "milvus://HOST:PORT, or a Milvus Lite file ending in .db",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", default=default(False), help="log more"
    )


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    _add_common(common, defaults_here=False)
    parser = argparse.ArgumentParser(
        prog="newsbot",
        description="Answer questions about the news with cited snippets.",
        epilog="The options above may also follow the command: newsbot ask --index-dir X ...",
    )
    parser.add_argument("--version", action="version", version=f"newsbot {_version()}")
    _add_common(parser, defaults_here=True)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("index", parents=[common], help="build or update the index")
    build.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help=f"article files or folders (default: {SOURCES_ENV}, separated by '{os.pathsep}'; "
        f"else the sources file: {CONFIG_ENV} or ./newsbot.toml)",
    )
    build.add_argument(
        "--dense-index",
        choices=(dense.AUTO, *dense.KINDS),
        default=None,
        help=f"vector index (env {dense.DENSE_INDEX_ENV}; default auto: exact flat below "
        f"{dense.APPROXIMATE_FROM:,} paragraphs, approximate {dense.APPROXIMATE} from there)",
    )

    ask = commands.add_parser("ask", parents=[common], help="ask a question")
    ask.add_argument(
        "question",
        nargs="*",
        help="the question, quoted or not (words are joined by spaces); "
        "with --json and none, one question per line of stdin",
    )
    ask.add_argument("--json", action="store_true", help="print JSON")
    ask.add_argument(
        "--write",
        action="store_true",
        help=f"also write a short answer with the model at {LLM_URL_ENV}, every sentence "
        "checked against the passage it cites",
    )
    ask.add_argument(
        "-k",
        "--hits",
        type=int,
        default=defaults.DEFAULT_HITS,
        action=_Spelled,
        help="the most passages to show (default %(default)s)",
    )
    ask.set_defaults(hits_option="--hits")

    timeline = commands.add_parser(
        "timeline", parents=[common], help="chart a story's articles per day, by outlet"
    )
    timeline.add_argument("question", nargs="+", help="what the story is about, quoted or not")
    timeline.add_argument(
        "--png",
        type=Path,
        required=True,
        metavar="FILE",
        help="where to write the chart; its suffix picks the format: .png, .jpg, .jpeg, .svg, .pdf",
    )

    stats = commands.add_parser("stats", parents=[common], help="describe the index")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.add_argument(
        "--check", action="store_true", help="verify every file of the index first (as check)"
    )
    commands.add_parser(
        "check",
        parents=[common],
        help="verify the index's files against their checksums; exit 1 naming damaged ones",
    )

    commands.add_parser(
        "run",
        parents=[common],
        help="run the Telegram bot",
        description=(
            "Run the Telegram bot over the index. It reads its settings from the environment: "
            "TELEGRAM_BOT_TOKEN (required, from @BotFather), NEWSBOT_ADMIN_IDS, "
            "NEWSBOT_SOURCES and the others the README's bot section lists."
        ),
    )

    feedback = commands.add_parser(
        "feedback", parents=[common], help="the feedback users gave the bot's answers"
    )
    feedback.add_argument("--json", action="store_true", help="print JSON (one list)")

    state = commands.add_parser(
        "state", parents=[common], help=f"the bot's state (env {STATE_ENV}; beside the index)"
    )
    state.add_argument(
        "--reset",
        action="store_true",
        help="replace a missing or unreadable state with an empty one (follows, digests "
        "and feedback are lost)",
    )
    state.add_argument(
        "--force",
        action="store_true",
        help="with --reset: empty the state even when it opens fine",
    )
    return parser


def _target(args: argparse.Namespace) -> stores.Store:
    """The store ``--store`` (or ``NEWSBOT_STORE``) names; an error names the one used."""
    try:
        return parse_store(args.store)
    except StoreUnavailable as exc:
        typed = getattr(args, "store_option", None)
        if typed is None:  # from the environment: the message names it already
            raise
        raise StoreUnavailable(str(exc).replace(f"{STORE_ENV}=", f"{typed} ", 1)) from None


def _open_or_build_sample(args: argparse.Namespace) -> NewsIndex:
    """Open the index; on first use, when none exists and no build was ever started in
    ``index_dir``, build it from the sample corpus (or resume that sample build).

    An interrupted or failed ``newsbot index`` is never replaced by the sample: its
    checkpoint stays for the next ``newsbot index``, and the error (IndexIncomplete) says so.
    """
    index_dir = args.index_dir
    target = _target(args)
    embedder = stores.embedder_for(index_dir, target, args.model)
    try:
        return stores.open_index(index_dir, target, embedder)
    except IndexIncomplete as exc:
        unfinished = exc.unfinished
        if not isinstance(unfinished, UnfinishedBuild):
            raise
        if not unfinished.sample or unfinished.running:
            raise
    except IndexMissing:
        if target is None and index_dir.exists() and any(index_dir.glob("v-*")):
            raise
    where = index_dir if target is None else f"Milvus at {target.setting}"
    print(
        f"No index in {where} yet: building one from the sample corpus "
        "(a minute or two; `newsbot index PATH...` indexes your own news).",
        file=sys.stderr,
    )
    marker = index_dir / SAMPLE_MARKER
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass  # the build says why it cannot write there
    report = stores.build(
        index_dir, target, sample_sources(), embedder, progress=ProgressBar("Embedding sample")
    )
    with contextlib.suppress(OSError):
        marker.unlink(missing_ok=True)
    print(format_report(report), file=sys.stderr)
    return stores.open_index(index_dir, target, embedder)


def cmd_index(args: argparse.Namespace) -> int:
    """Build or update the index from the given paths, else NEWSBOT_SOURCES, else the
    sources file (its feeds and URLs fetched, plus the URLs added with the bot's /add)."""
    plan = plan_sources(args.index_dir, args.paths)
    if plan.empty:
        raise NoSources(
            "name article files or folders: `newsbot index PATH...` "
            f"(or set {SOURCES_ENV}, or list sources in newsbot.toml or {CONFIG_ENV})"
        )
    target = _target(args)
    embedder = stores.embedder_for(args.index_dir, target, args.model)
    # From here the build is the user's: if it is interrupted, no question resumes the sample.
    with contextlib.suppress(OSError):
        (args.index_dir / SAMPLE_MARKER).unlink(missing_ok=True)
    report = stores.build(
        args.index_dir,
        target,
        plan.paths,
        embedder,
        progress=ProgressBar("Embedding"),
        extra=plan.articles(),
        dense_index=args.dense_index,
    )
    print(format_report(report))
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one question, or one per line of stdin with --json."""
    if args.hits < 1:
        raise NewsbotError(f"{args.hits_option} must be at least 1")
    if args.question is None and not args.json:
        raise NewsbotError('ask what? `newsbot ask "QUESTION"` (or --json to read stdin)')
    _refuse_blank(args.question, "ask")
    settings = _writer_settings() if args.write else None
    news = _open_or_build_sample(args)
    writer = _writer(settings, news) if settings else None
    try:
        if args.question is not None:
            _print_answer(news, writer, args.question, args)
            return 0
        for line in sys.stdin:
            if line.strip():
                _print_answer(news, writer, _readable(line), args)
        return 0
    finally:
        news.close()
        if writer:
            writer.close()


def _readable(text: str) -> str:
    """``text`` with the bytes that were not UTF-8 (which Python reads from argv and stdin
    as lone surrogates, that no encoder takes) replaced by U+FFFD."""
    try:  # the bytes themselves, one U+FFFD each
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no decoding made: one U+FFFD per byte of it
        raw = text.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "replace")


def _refuse_blank(question: str | None, command: str) -> None:
    """Raise NewsbotError for a question given but blank (an unset shell variable, say):
    answering it with the greeting and exit 0 hid the mistake, and drew no chart."""
    if question is not None and not question.strip():
        raise NewsbotError(f'the question is empty: `newsbot {command} "QUESTION"`')


def _writer_settings() -> WriterSettings:
    settings = WriterSettings.from_env(os.environ)
    if settings is None:
        raise NewsbotError(
            f"--write needs a model: set {LLM_URL_ENV} to an OpenAI-compatible API "
            "(e.g. http://localhost:8080/v1 for llama.cpp's server; see README)"
        )
    return settings


def _writer(settings: WriterSettings, news: NewsIndex) -> AnswerWriter:
    thresholds = thresholds_for(news.embedder.name)
    if thresholds is None:
        raise NewsbotError(
            f"--write checks sentences with a similarity calibrated per embedder, and "
            f"{news.embedder.name} has none: use the default embedder"
        )
    return AnswerWriter(settings, news.embedder, thresholds)


def _print_answer(
    news: NewsIndex, writer: AnswerWriter | None, question: str, args: argparse.Namespace
) -> None:
    answer = news.ask(one_question(question), k=args.hits)
    written: list[WrittenSentence] = []
    if writer is not None:
        try:
            written = writer.write(answer, question_language(question))
        except WriterUnavailable as exc:
            print(
                f"newsbot: warning: no written answer ({exc}); the passages follow", file=sys.stderr
            )
    if args.json:
        out = answer.to_json()
        if writer is not None:
            out["written"] = [sentence.to_json() for sentence in written]
        print(json.dumps(out, ensure_ascii=False), flush=True)
    else:
        print(format_answer(answer, color=sys.stdout.isatty(), written=written))


def cmd_check(args: argparse.Namespace) -> int:
    """Verify the live version's files without rebuilding; exit 1 naming the damaged ones.
    In Milvus: that every paragraph of the live version is there."""
    target = _target(args)
    if target is not None:
        print(check_line(_milvus_check(args, target)))
        return 0
    try:
        version = store.live_version(args.index_dir)
    except IndexMissing:
        error = stores.incomplete(args.index_dir, None)
        if error is None:
            raise
        raise error from None
    check = integrity.check_version(version)
    print(format_check(check))
    if not check.healthy:
        raise check.error()
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    """Draw the matching story's articles per day into an image (its format from the file
    name's suffix: .png, .jpg/.jpeg, .svg or .pdf); print its caption."""
    image_format = FORMATS.get(args.png.suffix.casefold())
    if image_format is None:
        suffixes = ", ".join(sorted(FORMATS))
        raise NewsbotError(
            f"--png {args.png}: the chart is written as PNG, JPEG, SVG or PDF; end the file "
            f"name in one of {suffixes}"
        )
    _refuse_blank(args.question, "timeline")
    topic = chart_topic(args.question)
    news = _open_or_build_sample(args)
    try:
        answer = news.ask(topic, k=1)
        story = news.story_for(topic) if answer.answered else None
    finally:
        news.close()
    if story is None:
        if answer.answered:  # passages, but none about the topic
            answer = dataclasses.replace(answer, answered=False, hits=(), reason="not_covered")
        print(format_answer(answer))  # small talk, an outlet it lacks, or not covered
        return 0 if answer.reason == "not_a_question" else 1
    language = answer_language(answer)
    chart = render_timeline(story, story.first.title, image_format, language)
    try:
        args.png.write_bytes(chart)
    except OSError as exc:
        raise NewsbotError(f"cannot write {args.png}: {exc.strerror or exc}") from exc
    print(timeline_caption(story, language))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Print what the index holds; opening it checks every file (a damaged one is an error
    naming it), and --check says so."""
    target = _target(args)
    embedder = stores.embedder_for(args.index_dir, target, args.model)
    news = stores.open_index(args.index_dir, target, embedder)
    try:
        summary = news.summary()
        # In Milvus: its rows counted (IndexDamaged when some are missing).
        checked = _milvus_rows(news) if target is not None and args.check else ""
    finally:
        news.close()
    # Opening verified the version: every file against its checksum, when it has them.
    check = integrity.VersionCheck(
        news.version, news.manifest, checksummed=bool(news.manifest.files)
    )
    if args.json:
        raw = summary.to_json()
        if args.check:
            raw["check"] = {"intact": True, "checksummed": check.checksummed}
        print(json.dumps(raw, ensure_ascii=False))
    else:
        print(format_summary(summary))
        if args.check:
            print(check_line(checked) if checked else format_check(check))
    return 0


def _milvus_check(args: argparse.Namespace, target: stores.Store) -> str:
    """Open the Milvus index and count its live version's rows (``check_rows``)."""
    embedder = stores.embedder_for(args.index_dir, target, args.model)
    news = stores.open_index(args.index_dir, target, embedder)
    try:
        return _milvus_rows(news)
    finally:
        news.close()


def _milvus_rows(news: NewsIndex) -> str:
    from newsbot.index.answering.milvus_search import MilvusNewsIndex

    assert isinstance(news, MilvusNewsIndex)
    return news.check_rows()


def cmd_run(args: argparse.Namespace) -> int:
    """Run the Telegram bot."""
    from newsbot.bot.app import run  # Telegram is only imported when the bot runs

    _target(args)  # a mistyped --store is named as typed, before the bot starts
    return run(args.index_dir, args.model, args.store, verbose=args.verbose)


def _state(args: argparse.Namespace) -> StateStore:
    location = state_location(args.index_dir, os.environ)
    return StateStore.open(location, marker_dir=args.index_dir)


def cmd_feedback(args: argparse.Namespace) -> int:
    """Print the feedback users gave, for the quality benchmark (--json) or as counts."""
    location = state_location(args.index_dir, os.environ)
    given: list[dict[str, object]] = []
    if not never_created(location, args.index_dir):  # reading creates no state
        state = _state(args)
        try:
            given = state.all_feedback()
        finally:
            state.close()
    if args.json:
        print(json.dumps(given, ensure_ascii=False))
        return 0
    if not given:
        print("No feedback yet.")
        return 0
    counts = Counter(str(f["verdict"]) for f in given)
    print(f"{len(given)} verdict(s): " + ", ".join(f"{v} {n}" for v, n in sorted(counts.items())))
    return 0


def cmd_state(args: argparse.Namespace) -> int:
    """Say where the bot's state is and its schema version; --reset starts it anew."""
    location = state_location(args.index_dir, os.environ)
    if args.reset:
        if not args.force:
            _refuse_healthy_reset(location, args.index_dir)
        state = StateStore.reset(location, marker_dir=args.index_dir)
        kept = f"; the old one is kept as {state.set_aside}" if state.set_aside else ""
        print(f"The bot's state in {shown_location(location)} is new and empty{kept}.")
    elif never_created(location, args.index_dir):  # said, not created
        print(
            f"The bot's state: {shown_location(location)} (not created yet: the bot creates "
            "it when it first runs)"
        )
        return 0
    else:
        state = StateStore.open(location, marker_dir=args.index_dir)
        shown = shown_location(location)
        print(f"The bot's state: {shown} (schema version {state.schema_version()})")
    state.close()
    return 0


def _refuse_healthy_reset(location: str, index_dir: Path) -> None:
    """``--reset`` is for a state that is missing or unreadable: one that opens fine (every
    replica's follows, digests and feedback) is emptied only with ``--force``."""
    if not is_url(location) and not Path(location).expanduser().exists():
        return  # missing: nothing to lose
    try:
        state = StateStore.open(location, marker_dir=index_dir)
    except StateUnreachable:
        raise  # nothing to reset
    except StateUnavailable:
        return
    state.close()
    raise StateUnavailable(
        f"the bot's state {shown_location(location)} opens fine: `newsbot state --reset "
        "--force` empties it anyway (follows, digests and feedback are lost)"
    )


COMMANDS = {
    "index": cmd_index,
    "ask": cmd_ask,
    "timeline": cmd_timeline,
    "stats": cmd_stats,
    "check": cmd_check,
    "run": cmd_run,
    "feedback": cmd_feedback,
    "state": cmd_state,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the newsbot command; return its exit code."""
    args = _parser().parse_args(argv)
    if args.command in ("ask", "timeline"):
        args.question = _readable(" ".join(args.question)) if args.question else None
    if args.command != "run":
        logging.basicConfig(
            level=logging.INFO if args.verbose else logging.WARNING,
            format="newsbot: %(levelname)s: %(message)s",
        )
        # trafilatura warns "discarding data: None" for a page without enough text; the
        # reader skips that page and the build's summary names it, once.
        logging.getLogger("trafilatura").setLevel(logging.INFO if args.verbose else logging.ERROR)
    try:
        return COMMANDS[args.command](args)
    except NewsbotError as exc:
        print(f"newsbot: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsbot: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
