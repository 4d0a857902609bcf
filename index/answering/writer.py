"""Write a short answer in the reader's language from the cited passages, with an LLM the
operator configures, and keep only the sentences the passages support.

Any OpenAI-compatible chat endpoint serves (llama.cpp's server, vLLM, Ollama, a hosted
API): ``NEWSBOT_LLM_URL`` (its base, e.g. ``http://localhost:8080/v1``, or the full
``…/chat/completions``), ``NEWSBOT_LLM_MODEL``, ``NEWSBOT_LLM_KEY``, ``NEWSBOT_LLM_TIMEOUT``.
Unset, nothing is written and the passages are the answer, as they are when the endpoint
fails, times out or answers nonsense (:class:`WriterUnavailable`).

Every sentence the model writes goes through ``answering.verify`` against the passages it
cites; one that fails is returned with ``kept=False`` and the reason, and is never shown.
:meth:`AnswerWriter.stream` asks the endpoint to stream (``stream: true``, server-sent
events) and yields each sentence, checked, as soon as the model has finished it.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from newsbot.index.answering.answers import Answer, Hit
from newsbot.index.answering.verify import Embedder, Thresholds, strip_markers, verify
from newsbot.index.building.chunking import split_sentences
from newsbot.index.errors import NewsbotError, WriterUnavailable

log = logging.getLogger(__name__)

LLM_URL_ENV = "NEWSBOT_LLM_URL"
LLM_MODEL_ENV = "NEWSBOT_LLM_MODEL"
LLM_KEY_ENV = "NEWSBOT_LLM_KEY"
LLM_TIMEOUT_ENV = "NEWSBOT_LLM_TIMEOUT"
#: Seconds to wait for the whole written answer before showing the passages alone.
DEFAULT_TIMEOUT = 30.0
#: At most this many written sentences are shown; later ones are dropped.
MAX_SENTENCES = 3
#: Tokens the model may write: three sentences with citations fit comfortably.
MAX_TOKENS = 200
#: Characters of each passage the prompt carries (the paragraph around its answer).
PASSAGE_CHARS = 900

# A letter outside citation markers: the sentence after a full stop has begun, so the one
# before it (and any marker written after its stop) is complete.
_LETTER = re.compile(r"[^\W\d_]")

LANGUAGE_NAMES = {"en": "English", "id": "Indonesian"}
_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
# A citation written after the full stop ("… troops. [1]") moves before it.
_MARKERS_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\])+)")
_LEADING_MARKERS = re.compile(r"^((?:\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\]\s*)+)(.*?)([.!?]*)$")
# The prompt's labels a model may echo before its answer: "Answer: Rusia setuju …".
_LABELS = re.compile(r"(?:^|(?<=[\s.!?\]]))(?:Answer|Jawaban|Jawab)\s*:\s*", re.IGNORECASE)
# Chat-template tokens a model may echo: [/INST], <<SYS>>, <end_of_turn>, </s>.
_TEMPLATE_TOKENS = re.compile(r"\[/?INST\]|<</?SYS>>|<\|?/?[a-z_]{1,20}\|?>")
_ENGLISH = frozenset(
    "the a an of to in is are was were and that with for on said has have will by from".split()
)
_INDONESIAN = frozenset(
    "yang dan di ke dari ini itu dengan untuk pada adalah dalam akan oleh telah sudah "
    "bahwa mengatakan kata tersebut".split()
)


@dataclass(frozen=True)
class WriterSettings:
    """Where the writer's model is served: ``endpoint`` is the chat-completions URL."""

    endpoint: str
    model: str
    key: str | None = None
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> WriterSettings | None:
        """The settings from ``NEWSBOT_LLM_*``; None when ``NEWSBOT_LLM_URL`` is unset.
        Raises NewsbotError naming the variable that is malformed."""
        url = env.get(LLM_URL_ENV, "").strip()
        if not url:
            return None
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise NewsbotError(
                f"{LLM_URL_ENV} must be an http(s) URL of an OpenAI-compatible API, "
                f"e.g. http://localhost:8080/v1, not {url!r}"
            )
        endpoint = url.rstrip("/")
        if not endpoint.endswith("/chat/completions"):
            endpoint += "/chat/completions"
        raw_timeout = env.get(LLM_TIMEOUT_ENV, "").strip()
        try:
            timeout = float(raw_timeout) if raw_timeout else DEFAULT_TIMEOUT
        except ValueError:
            timeout = -1.0
        if not timeout > 0:
            raise NewsbotError(f"{LLM_TIMEOUT_ENV} must be a number of seconds above 0")
        return cls(
            endpoint=endpoint,
            model=env.get(LLM_MODEL_ENV, "").strip() or "default",
            key=env.get(LLM_KEY_ENV, "").strip() or None,
            timeout=timeout,
        )


@dataclass(frozen=True)
class WrittenSentence:
    """One sentence the model wrote: its ``text`` as written (citation markers included),
    the passage ranks it cites, whether it is ``kept`` (shown), and ``why``."""

    text: str
    citations: tuple[int, ...]
    kept: bool
    why: str

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "citations": list(self.citations),
            "kept": self.kept,
            "why": self.why,
        }


def prompt(question: str, hits: Sequence[Hit], language: str) -> list[dict[str, str]]:
    """The chat messages that ask for a 1–3 sentence answer in ``language`` ("en" or "id")
    citing the numbered passages. One user message (some chat templates, Gemma's, have no
    system role) with one worked example, which small models need to keep the form."""
    name = LANGUAGE_NAMES.get(language, "English")
    example = _EXAMPLES.get(language, _EXAMPLES["en"])
    passages = "\n".join(f"[{hit.rank}] {_passage_text(hit)}" for hit in hits)
    instructions = (
        f"Answer the question in {name} in one to three short sentences, using only the "
        "numbered news passages. End every sentence with the number of the passage it "
        "comes from in square brackets, like [1]. Copy names, numbers and dates exactly "
        "as the passages write them. Do not add anything the passages do not say."
    )
    return [
        {
            "role": "user",
            "content": f"{instructions}\n\n{example}\n\nPassages:\n{passages}\n"
            f"Question: {question}\nAnswer:",
        }
    ]


# A worked example of the form (about no real news: a fact copied from it fails the check).
_EXAMPLES = {
    "en": "Passages:\n[1] Harga cabai rawit di Pasar Kramat naik menjadi Rp 90.000 per kilogram.\n"
    "Question: how much do chillies cost at Kramat market?\n"
    "Answer: Chillies cost Rp 90.000 per kilogram at Kramat market [1].",
    "id": "Passages:\n[1] Harga cabai rawit di Pasar Kramat naik menjadi Rp 90.000 per kilogram.\n"
    "Question: berapa harga cabai di Pasar Kramat?\n"
    "Answer: Harga cabai rawit di Pasar Kramat Rp 90.000 per kilogram [1].",
}


def _passage_text(hit: Hit) -> str:
    text = " ".join(hit.text.split())
    if len(text) <= PASSAGE_CHARS:
        return text
    middle = (hit.snippet_start + hit.snippet_end) // 2
    start = max(0, min(middle - PASSAGE_CHARS // 2, len(text) - PASSAGE_CHARS))
    return text[start : start + PASSAGE_CHARS]


def split_written(text: str) -> list[tuple[str, tuple[int, ...]]]:
    """The model's reply as sentences, each with the passage numbers it cites in order
    of first mention. A citation written after the full stop belongs to the sentence
    before it; list bullets, blank lines and echoed ``Answer:`` labels are ignored."""
    text = _LABELS.sub("", _TEMPLATE_TOKENS.sub(" ", text))
    lines = [re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).strip() for line in text.splitlines()]
    # "[2] Tajikistan borders Afghanistan." — a numbered line cites at its start.
    lines = [_LEADING_MARKERS.sub(_marker_to_end, line) for line in lines]
    flat = " ".join(line for line in lines if line)
    flat = re.sub(r"\s+", " ", re.sub(r"\*\*|__", "", flat))
    flat = _MARKERS_AFTER_STOP.sub(lambda m: f"{m.group(2)}{m.group(1)}", flat)
    sentences = []
    for sentence in split_sentences(flat):
        sentence = sentence.strip()
        if not strip_markers(sentence).strip(" .!?"):
            continue
        cited = [int(n) for group in _MARKER.findall(sentence) for n in re.split(r"[,;]", group)]
        sentences.append((sentence, tuple(dict.fromkeys(cited))))
    return sentences


def _marker_to_end(match: re.Match[str]) -> str:
    markers = re.sub(r"\s+", "", match.group(1))
    return f"{match.group(2).rstrip()} {markers}{match.group(3) or '.'}"


def written_language(sentence: str) -> str | None:
    """``"en"`` or ``"id"`` when the sentence's function words say so, None when they tie."""
    words = re.findall(r"[^\W\d_]+", sentence.lower())
    english = sum(w in _ENGLISH for w in words)
    indonesian = sum(w in _INDONESIAN for w in words)
    if english == indonesian:
        return None
    return "en" if english > indonesian else "id"


class AnswerWriter:
    """Writes and checks answers through one endpoint. ``transport`` is the test seam
    (an ``httpx`` transport); the real one is used otherwise. Thread-safe."""

    def __init__(
        self,
        settings: WriterSettings,
        embedder: Embedder,
        thresholds: Thresholds,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self._embedder = embedder
        self._thresholds = thresholds
        headers = {"Authorization": f"Bearer {settings.key}"} if settings.key else {}
        self._client = httpx.Client(
            timeout=settings.timeout, headers=headers, transport=transport, trust_env=False
        )

    def close(self) -> None:
        self._client.close()

    def write(self, answer: Answer, language: str) -> list[WrittenSentence]:
        """The model's sentences for ``answer`` in ``language`` ("en" or "id"), each checked
        against the passages it cites; empty when the answer has no passages. Raises
        WriterUnavailable when the endpoint fails, times out or answers no text."""
        if not answer.answered or not answer.hits:
            return []
        reply = self.complete(prompt(answer.question, answer.hits, language))
        return self.check(reply, answer.hits, language)

    def complete(self, messages: list[dict[str, str]]) -> str:
        """The endpoint's reply to ``messages``; WriterUnavailable on any failure."""
        body = {
            "model": self.settings.model,
            "messages": messages,
            "temperature": 0,
            "max_tokens": MAX_TOKENS,
            "stream": False,
        }
        try:
            response = self._client.post(self.settings.endpoint, json=body)
        except httpx.TimeoutException:
            raise WriterUnavailable(
                f"no answer from {self.settings.endpoint} within {self.settings.timeout:g} s"
            ) from None
        except httpx.HTTPError as exc:
            raise WriterUnavailable(f"cannot reach {self.settings.endpoint}: {exc}") from None
        if response.status_code >= 400:
            raise WriterUnavailable(
                f"{self.settings.endpoint} answered HTTP {response.status_code}: "
                f"{response.text[:200]}"
            )
        return _content(response, self.settings.endpoint)

    def stream(self, answer: Answer, language: str) -> Iterator[WrittenSentence]:
        """The model's sentences for ``answer`` in ``language``, each checked as :meth:`write`
        checks it, yielded as soon as the model has finished writing it (the next sentence
        has begun, or the reply ended). Stops reading after MAX_SENTENCES sentences. Raises
        WriterUnavailable when the endpoint fails, answers no text or the whole reply takes
        longer than the timeout; the sentences yielded before stay checked."""
        if not answer.answered or not answer.hits:
            return
        by_rank = {hit.rank: hit for hit in answer.hits}
        reply, done = "", 0
        for piece in self.complete_streaming(prompt(answer.question, answer.hits, language)):
            reply += piece
            drafts = split_written(reply)
            begun = bool(drafts) and bool(_LETTER.search(strip_markers(drafts[-1][0])))
            complete = drafts[: len(drafts) - (1 if begun else 2)]
            if len(complete) > done:
                yield from self._judged(complete[done:MAX_SENTENCES], done, by_rank, language)
                done = len(complete)
            if done >= MAX_SENTENCES:
                return
        yield from self._judged(split_written(reply)[done:MAX_SENTENCES], done, by_rank, language)

    def complete_streaming(self, messages: list[dict[str, str]]) -> Iterator[str]:
        """The endpoint's reply to ``messages`` piece by piece as it streams (an endpoint
        that answers in one piece serves too); WriterUnavailable on any failure or when
        the whole reply takes longer than the timeout."""
        body = {
            "model": self.settings.model,
            "messages": messages,
            "temperature": 0,
            "max_tokens": MAX_TOKENS,
            "stream": True,
        }
        deadline = time.monotonic() + self.settings.timeout
        endpoint = self.settings.endpoint
        try:
            with self._client.stream("POST", endpoint, json=body) as response:
                if response.status_code >= 400:
                    response.read()
                    raise WriterUnavailable(
                        f"{endpoint} answered HTTP {response.status_code}: {response.text[:200]}"
                    )
                if not response.headers.get("content-type", "").startswith("text/event-stream"):
                    response.read()
                    yield _content(response, endpoint)
                    return
                for line in response.iter_lines():
                    if time.monotonic() > deadline:
                        raise WriterUnavailable(
                            f"no whole answer from {endpoint} within {self.settings.timeout:g} s"
                        )
                    if not line.startswith("data:"):
                        continue  # blank separators, comments, "event:" lines
                    data = line[len("data:") :].strip()
                    if data == "[DONE]":
                        return
                    piece = _delta(data, endpoint)
                    if piece:
                        yield piece
        except httpx.TimeoutException:
            raise WriterUnavailable(
                f"no answer from {endpoint} within {self.settings.timeout:g} s"
            ) from None
        except httpx.HTTPError as exc:
            raise WriterUnavailable(f"cannot reach {endpoint}: {exc}") from None

    def check(self, reply: str, hits: Sequence[Hit], language: str) -> list[WrittenSentence]:
        """Split the model's ``reply`` into sentences and decide which may be shown: at most
        three, each citing passages among ``hits``, in the reader's language, and passing
        ``verify`` against the passages it cites."""
        by_rank = {hit.rank: hit for hit in hits}
        return self._judged(split_written(reply), 0, by_rank, language)

    def _judged(
        self,
        drafts: Sequence[tuple[str, tuple[int, ...]]],
        first: int,
        by_rank: Mapping[int, Hit],
        language: str,
    ) -> list[WrittenSentence]:
        """The verdicts on ``drafts``, the reply's sentences from number ``first`` (0-based)."""
        results: list[WrittenSentence | None] = []
        pending: list[int] = []
        for i, (text, cited) in enumerate(drafts):
            unknown = [n for n in cited if n not in by_rank]
            written_in = written_language(strip_markers(text))
            if first + i >= MAX_SENTENCES:
                results.append(WrittenSentence(text, cited, False, "more than three sentences"))
            elif not cited:
                results.append(WrittenSentence(text, cited, False, "cites no passage"))
            elif unknown:
                shown = ", ".join(f"[{n}]" for n in unknown)
                results.append(
                    WrittenSentence(text, cited, False, f"cites {shown}: no such passage")
                )
            elif written_in is not None and written_in != language:
                name = LANGUAGE_NAMES.get(language, language)
                results.append(WrittenSentence(text, cited, False, f"not written in {name}"))
            else:
                results.append(None)
                pending.append(i)
        verdicts = verify(
            [drafts[i][0] for i in pending],
            [[by_rank[n].text for n in drafts[i][1]] for i in pending],
            self._embedder,
            self._thresholds,
            language,
        )
        for i, verdict in zip(pending, verdicts, strict=True):
            text, cited = drafts[i]
            results[i] = WrittenSentence(text, cited, verdict.kept, verdict.why)
        written = [r for r in results if r is not None]
        for sentence in written:
            log.info(
                "written %s: %s (%s)",
                "kept" if sentence.kept else "dropped",
                sentence.text,
                sentence.why,
            )
        return written


def _content(response: httpx.Response, endpoint: str) -> str:
    """The text of a whole (not streamed) chat completion; WriterUnavailable if none."""
    try:
        content = response.json()["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise WriterUnavailable(
            f"{endpoint} did not answer as an OpenAI-compatible chat API"
        ) from None
    if not isinstance(content, str):
        raise WriterUnavailable(f"{endpoint} answered no text")
    return content


def _delta(data: str, endpoint: str) -> str:
    """The text one streamed chunk (a server-sent event's JSON ``data``) adds; "" for a
    chunk that adds none (the role, the finish reason)."""
    try:
        choices = json.loads(data)["choices"]
        content = choices[0]["delta"].get("content") if choices else None
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise WriterUnavailable(
            f"{endpoint} did not stream as an OpenAI-compatible chat API"
        ) from None
    return content if isinstance(content, str) else ""


def shown(written: Sequence[WrittenSentence]) -> list[str]:
    """The sentences a reader sees: the kept ones, in order."""
    return [sentence.text for sentence in written if sentence.kept]
