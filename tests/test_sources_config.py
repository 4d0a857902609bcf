"""The sources file: parsing, its errors, where it is found, and `newsbot index` using it."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbot.bot import cli
from newsbot.index.errors import ConfigError
from newsbot.index.reading.feeds import plan_sources, remember_url
from newsbot.index.reading.sources import Source, find_config, load_config
from tests.conftest import cli_news_folder, write_article

EXAMPLE = """
[[sources]]
path = "news"
outlet = "Arsip"

[[sources]]
feed = "https://www.antaranews.com/rss/terkini.xml"
outlet = "ANTARA"

[[sources]]
url = "https://example.com/berita/1"

[fetch]
timeout = 10
max_bytes = 2_000_000
per_host = 3
retries = 1
contact = "ops@example.org"
allow_hosts = ["Intranet.local"]

[schedule]
refresh_minutes = 30
"""


def test_a_full_sources_file(tmp_path: Path) -> None:
    path = tmp_path / "newsbot.toml"
    path.write_text(EXAMPLE)
    config = load_config(path)
    assert config.sources == (
        Source("path", "news", "Arsip"),
        Source("feed", "https://www.antaranews.com/rss/terkini.xml", "ANTARA"),
        Source("url", "https://example.com/berita/1"),
    )
    assert config.paths() == [tmp_path / "news"]
    fetch = config.fetch
    assert (fetch.timeout, fetch.max_bytes, fetch.per_host, fetch.retries) == (10, 2e6, 3, 1)
    assert fetch.contact == "ops@example.org"
    assert fetch.allow_hosts == {"intranet.local"}
    assert fetch.allow_private is False
    assert config.schedule.refresh_minutes == 30


def test_defaults(tmp_path: Path) -> None:
    path = tmp_path / "newsbot.toml"
    path.write_text('[[sources]]\npath = "a.txt"\n')
    config = load_config(path)
    assert config.schedule.refresh_minutes == 0
    assert config.fetch.allow_private is False
    assert config.fetch.max_pages == 10


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[[sources]\npath = 1", "not valid TOML"),
        ('[[sources]]\npath = "a"\nfeed = "https://x/rss"', "exactly one of"),
        ("[[sources]]\noutlet = 'x'", "exactly one of"),
        ('[[sources]]\nfeed = "file:///etc/passwd"', "http:// or https://"),
        ('[[sources]]\nlink = "https://x"', "unknown key 'link'"),
        ('[[sources]]\npath = ""', "non-empty string"),
        ("[fetch]\ntimeout = -1", "timeout must be a number of 0 or more"),
        ("[fetch]\ntimeout = 0", "timeout must be more than 0"),
        ("[fetch]\nretries = 1.5", "retries must be a whole number"),
        ("[fetch]\nallow_private = 'yes'", "allow_private must be true or false"),
        ("[fetch]\nproxy = 'x'", "unknown setting 'proxy'"),
        ("[fetch]\nmax_pages = 0", "max_pages must be at least 1"),
        ("[fetch]\nmax_pages = 2.5", "max_pages must be a whole number"),
        ("[schedule]\nrefresh_minutes = 'often'", "refresh_minutes must be a number"),
        ("[feeds]\nx = 1", "unknown section 'feeds'"),
        ("sources = 3", "[[sources]] tables"),
    ],
)
def test_bad_sources_files_say_what_is_wrong(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "newsbot.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert problem in str(caught.value)
    assert str(path) in str(caught.value)


def test_where_the_sources_file_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert find_config({}) is None
    (tmp_path / "newsbot.toml").write_text("")
    assert find_config({}) == Path("newsbot.toml")
    other = tmp_path / "other.toml"
    other.write_text("")
    assert find_config({"NEWSBOT_CONFIG": str(other)}) == other
    with pytest.raises(ConfigError, match="NEWSBOT_CONFIG"):
        find_config({"NEWSBOT_CONFIG": str(tmp_path / "missing.toml")})


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    news = cli_news_folder(tmp_path, monkeypatch)
    write_article(news, "cabai.txt", "Harga Cabai Naik", "Harga cabai rawit naik dua kali lipat.")
    other = tmp_path / "other"
    other.mkdir()
    write_article(other, "a.txt", "Bus Listrik", "Bandung menambah bus listrik.")
    write_article(other, "b.txt", "Kereta", "KAI menambah perjalanan kereta.")
    return tmp_path


def test_newsbot_index_without_paths_reads_the_sources_file(
    cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli.main(["index"]) == 1
    assert "newsbot.toml" in capsys.readouterr().err
    (cli_env / "newsbot.toml").write_text('[[sources]]\npath = "news"\n')
    assert cli.main(["index"]) == 0
    assert "1 article" in capsys.readouterr().out
    monkeypatch.setenv("NEWSBOT_SOURCES", str(cli_env / "other"))  # the variable comes first
    assert cli.main(["index"]) == 0
    assert "2 articles" in capsys.readouterr().out


def test_a_bad_sources_file_is_one_line(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (cli_env / "newsbot.toml").write_text("[[sources]]\nfeed = 'ftp://x'\n")
    assert cli.main(["index"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsbot: error: newsbot.toml: source 1: feed must be")
    assert "Traceback" not in err


def test_plan_sources_paths_then_the_variable_then_the_file_and_always_added_urls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./newsbot.toml
    config = tmp_path / "sources.toml"
    config.write_text(
        '[[sources]]\nfeed = "https://example.com/rss"\n\n[schedule]\nrefresh_minutes = 15\n'
    )
    env = {"NEWSBOT_CONFIG": str(config), "NEWSBOT_SOURCES": "a:b"}
    index_dir = tmp_path / "idx"

    given = plan_sources(index_dir, [Path("x")], env)
    assert given.paths == (Path("x"),) and given.config.sources == ()
    assert given.config.schedule.refresh_minutes == 15  # the file's settings still hold
    assert plan_sources(index_dir, [], env).paths == (Path("a"), Path("b"))
    from_file = plan_sources(index_dir, [], {"NEWSBOT_CONFIG": str(config)})
    assert from_file.paths == () and len(from_file.config.sources) == 1

    nothing = plan_sources(index_dir, [], {})
    assert nothing.empty
    remember_url(index_dir, "https://example.com/berita")
    assert not plan_sources(index_dir, [], {}).empty  # an added URL is something to build
