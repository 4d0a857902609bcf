"""The sources file, ``newsbot.toml``: folders and files, RSS/Atom feeds and article URLs to
index, how to fetch them and how often the bot refreshes them.

    [[sources]]
    feed = "https://www.antaranews.com/rss/terkini.xml"
    outlet = "ANTARA"

    [[sources]]
    path = "news/"

    [fetch]
    timeout = 20
    contact = "https://example.org/newsbot"

    [schedule]
    refresh_minutes = 30
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from newsbot.index.errors import ConfigError

CONFIG_ENV = "NEWSBOT_CONFIG"
SOURCES_ENV = "NEWSBOT_SOURCES"
DEFAULT_CONFIG = Path("newsbot.toml")

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_PER_HOST = 2
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 1.0
DEFAULT_KEEP_DAYS = 30.0
#: Pages of one multi-page article fetched at most, the first included.
DEFAULT_MAX_PAGES = 10
MAX_REDIRECTS = 5

SourceKind = Literal["path", "feed", "url"]
_KINDS: tuple[SourceKind, ...] = ("path", "feed", "url")


@dataclass(frozen=True)
class Source:
    """One ``[[sources]]`` entry: a file or folder, a feed or an article URL."""

    kind: SourceKind
    location: str
    outlet: str | None = None


@dataclass(frozen=True)
class FetchSettings:
    """How feeds and pages are fetched (``[fetch]``).

    ``allow_private`` lets URLs reach private, loopback and link-local addresses;
    ``allow_hosts`` lets only the host names listed do so. ``max_pages`` caps the pages of
    one multi-page article that are followed and joined (1: never follow).
    """

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    per_host: int = DEFAULT_PER_HOST
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF
    user_agent: str | None = None
    contact: str | None = None
    allow_private: bool = False
    allow_hosts: frozenset[str] = frozenset()
    keep_days: float = DEFAULT_KEEP_DAYS
    max_pages: int = DEFAULT_MAX_PAGES


@dataclass(frozen=True)
class Schedule:
    """How often the bot refreshes the sources (``[schedule]``); 0 means never."""

    refresh_minutes: float = 0.0


@dataclass(frozen=True)
class SourcesConfig:
    """A parsed sources file. Relative paths are relative to the file's folder."""

    sources: tuple[Source, ...] = ()
    fetch: FetchSettings = field(default_factory=FetchSettings)
    schedule: Schedule = field(default_factory=Schedule)
    folder: Path = Path(".")

    def paths(self) -> list[Path]:
        """The files and folders among the sources."""
        return [self.folder / s.location for s in self.sources if s.kind == "path"]


def env_paths(env: Mapping[str, str] | None = None) -> list[Path]:
    """The files and folders named in ``NEWSBOT_SOURCES`` (separated by ``os.pathsep``)."""
    env = os.environ if env is None else env
    raw = env.get(SOURCES_ENV, "")
    return [Path(part.strip()).expanduser() for part in raw.split(os.pathsep) if part.strip()]


def find_config(env: Mapping[str, str] | None = None) -> Path | None:
    """The sources file to use: ``NEWSBOT_CONFIG`` (which must exist), else ``./newsbot.toml``
    when there is one, else None."""
    env = os.environ if env is None else env
    named = env.get(CONFIG_ENV, "").strip()
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise ConfigError(f"{CONFIG_ENV} names {named!r}, which is not a file")
        return path
    return DEFAULT_CONFIG if DEFAULT_CONFIG.is_file() else None


def load_config(path: Path) -> SourcesConfig:
    """Read and check a sources file; ConfigError says what is wrong and where."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    return parse_config(data, path.parent, str(path))


def parse_config(data: Mapping[str, object], folder: Path, name: str) -> SourcesConfig:
    """Check the parsed TOML of a sources file called ``name``."""
    unknown = sorted(set(data) - {"sources", "fetch", "schedule"})
    if unknown:
        raise ConfigError(f"{name}: unknown section {unknown[0]!r} (sources, fetch, schedule)")
    raw_sources = data.get("sources", [])
    if not isinstance(raw_sources, list):
        raise ConfigError(f"{name}: 'sources' must be [[sources]] tables")
    sources = tuple(_source(entry, f"{name}: source {n}") for n, entry in enumerate(raw_sources, 1))
    return SourcesConfig(
        sources=sources,
        fetch=_fetch(_table(data, "fetch", name), f"{name}: [fetch]"),
        schedule=Schedule(
            refresh_minutes=_number(
                _table(data, "schedule", name), "refresh_minutes", 0.0, f"{name}: [schedule]"
            )
        ),
        folder=folder,
    )


def _table(data: Mapping[str, object], key: str, name: str) -> Mapping[str, object]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{name}: '{key}' must be a [{key}] table")
    return value


def _source(entry: object, where: str) -> Source:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a [[sources]] table")
    unknown = sorted(set(entry) - {*_KINDS, "outlet"})
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (path, feed, url, outlet)")
    kinds = [kind for kind in _KINDS if kind in entry]
    if len(kinds) != 1:
        raise ConfigError(f"{where} needs exactly one of path, feed or url")
    kind = kinds[0]
    location = entry[kind]
    if not isinstance(location, str) or not location.strip():
        raise ConfigError(f"{where}: {kind} must be a non-empty string")
    location = location.strip()
    if kind != "path" and urlsplit(location).scheme not in ("http", "https"):
        raise ConfigError(f"{where}: {kind} must be an http:// or https:// URL, not {location!r}")
    outlet = entry.get("outlet")
    if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
        raise ConfigError(f"{where}: outlet must be a non-empty string")
    return Source(kind, location, outlet.strip() if outlet else None)


def _fetch(table: Mapping[str, object], where: str) -> FetchSettings:
    known = {
        "timeout",
        "max_bytes",
        "per_host",
        "retries",
        "backoff",
        "user_agent",
        "contact",
        "allow_private",
        "allow_hosts",
        "keep_days",
        "max_pages",
    }
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown setting {unknown[0]!r}")
    allow_private = table.get("allow_private", False)
    if not isinstance(allow_private, bool):
        raise ConfigError(f"{where}: allow_private must be true or false")
    hosts = table.get("allow_hosts", [])
    if not isinstance(hosts, list) or not all(isinstance(h, str) and h for h in hosts):
        raise ConfigError(f"{where}: allow_hosts must be a list of host names")
    timeout = _number(table, "timeout", DEFAULT_TIMEOUT, where)
    if timeout == 0:
        raise ConfigError(f"{where}: timeout must be more than 0")
    per_host = int(_number(table, "per_host", DEFAULT_PER_HOST, where, integer=True))
    if per_host == 0:
        raise ConfigError(f"{where}: per_host must be at least 1")
    max_pages = int(_number(table, "max_pages", DEFAULT_MAX_PAGES, where, integer=True))
    if max_pages == 0:
        raise ConfigError(f"{where}: max_pages must be at least 1 (1: never follow a next page)")
    return FetchSettings(
        timeout=timeout,
        max_bytes=int(_number(table, "max_bytes", DEFAULT_MAX_BYTES, where, integer=True)),
        per_host=per_host,
        retries=int(_number(table, "retries", DEFAULT_RETRIES, where, integer=True)),
        backoff=_number(table, "backoff", DEFAULT_BACKOFF, where),
        user_agent=_text(table, "user_agent", where),
        contact=_text(table, "contact", where),
        allow_private=allow_private,
        allow_hosts=frozenset(h.strip().lower() for h in hosts),
        keep_days=_number(table, "keep_days", DEFAULT_KEEP_DAYS, where),
        max_pages=max_pages,
    )


def _number(
    table: Mapping[str, object], key: str, default: float, where: str, *, integer: bool = False
) -> float:
    value = table.get(key, default)
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (integer and isinstance(value, float))
        or value < 0
    ):
        kind = "a whole number" if integer else "a number"
        raise ConfigError(f"{where}: {key} must be {kind} of 0 or more, not {value!r}")
    return float(value)


def _text(table: Mapping[str, object], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: {key} must be a non-empty string")
    return value.strip()
