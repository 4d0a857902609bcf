"""Fetching: address checks, redirects, retries, timeouts, size and type limits, 304s."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from newsbot.index.errors import AddressRefused, FetchFailed
from newsbot.index.reading.fetch import Fetcher, check_url, is_public_address, pinned, user_agent
from newsbot.index.reading.sources import FetchSettings
from tests.news_server import NewsServer, Route, serving

LOCAL = FetchSettings(timeout=5, retries=2, backoff=0.5, allow_hosts=frozenset({"127.0.0.1"}))


@pytest.fixture
def news_server() -> Iterator[NewsServer]:
    with serving() as server:
        yield server


class Sleeps:
    """Records backoff delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.10", False),
        ("172.16.5.4", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public_address(address) is public


async def _resolve_to(address: str) -> list[str]:
    return [address]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/feed.xml",
        "http://127.0.0.1/",
        "http://[::1]:8080/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/rss",
    ],
)
async def test_refused_urls(url: str) -> None:
    with pytest.raises(AddressRefused):
        await check_url(url, FetchSettings())


async def test_a_name_resolving_to_a_private_address_is_refused() -> None:
    async def resolve(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "192.168.1.1"]  # one private address is enough

    with pytest.raises(AddressRefused, match=r"192\.168\.1\.1"):
        await check_url("https://intranet.example.com/", FetchSettings(), resolve)


async def test_public_names_and_allowed_hosts_pass() -> None:
    async def public(host: str, port: int) -> list[str]:
        return ["93.184.216.34"]

    await check_url("https://www.example.com/berita", FetchSettings(), public)
    await check_url("http://127.0.0.1:9/", FetchSettings(allow_private=True))
    await check_url("http://127.0.0.1:9/", LOCAL)
    with pytest.raises(AddressRefused):
        await check_url("http://localhost:9/", LOCAL)


def test_user_agent_is_honest() -> None:
    assert user_agent(FetchSettings()).startswith("newsbot/")
    contact = user_agent(FetchSettings(contact="https://example.org/bot"))
    assert contact.endswith(" (+https://example.org/bot)")
    assert user_agent(FetchSettings(user_agent="Custom/1")) == "Custom/1"


async def test_fetches_a_page_with_the_user_agent(news_server: NewsServer) -> None:
    news_server.routes["/a"] = Route(b"<html><p>halo</p></html>")
    settings = FetchSettings(allow_hosts=frozenset({"127.0.0.1"}), contact="ops@example.org")
    async with Fetcher(settings) as fetcher:
        page = await fetcher.fetch(news_server.url("/a"), "page")
    assert (page.status, page.body) == (200, b"<html><p>halo</p></html>")
    assert news_server.requests[0].headers["user-agent"].endswith("(+ops@example.org)")


async def test_the_local_server_is_refused_unless_allowed(news_server: NewsServer) -> None:
    news_server.routes["/a"] = Route(b"<p>x</p>")
    async with Fetcher(FetchSettings()) as fetcher:
        with pytest.raises(AddressRefused):
            await fetcher.fetch(news_server.url("/a"), "page")
    assert news_server.requests == []


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "localhost"])
async def test_a_redirect_to_a_private_address_is_refused(
    news_server: NewsServer, target: str
) -> None:
    if target == "localhost":  # the same server under a name that is not allowed
        target = f"http://localhost:{news_server.port}/secret"
    news_server.routes["/go"] = Route(status=302, headers={"Location": target})
    news_server.routes["/secret"] = Route(b"<p>rahasia</p>")
    async with Fetcher(LOCAL) as fetcher:
        with pytest.raises(AddressRefused):
            await fetcher.fetch(news_server.url("/go"), "page")
    assert news_server.paths() == ["/go"]  # refused before it was requested


async def test_redirects_are_followed_to_allowed_hosts(news_server: NewsServer) -> None:
    news_server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    news_server.routes["/new"] = Route(b"<p>baru</p>")
    news_server.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    async with Fetcher(LOCAL) as fetcher:
        page = await fetcher.fetch(news_server.url("/old"), "page")
        assert page.url == news_server.url("/new")
        with pytest.raises(FetchFailed, match="more than 5 redirects"):
            await fetcher.fetch(news_server.url("/loop"), "page")
    assert news_server.paths().count("/loop") == 6


async def test_a_slow_server_times_out(news_server: NewsServer) -> None:
    news_server.routes["/slow"] = Route(b"<p>lambat</p>", delay=3)
    settings = FetchSettings(timeout=0.3, retries=0, allow_private=True)
    async with Fetcher(settings) as fetcher:
        with pytest.raises(FetchFailed, match=r"timed out after 0\.3s"):
            await fetcher.fetch(news_server.url("/slow"), "page")


async def test_a_500_is_retried_with_backoff_then_reported(news_server: NewsServer) -> None:
    news_server.routes["/down"] = Route(status=500)
    sleeps = Sleeps()
    async with Fetcher(LOCAL, sleep=sleeps) as fetcher:
        with pytest.raises(FetchFailed, match=r"HTTP 500 .*\(3 attempts\)"):
            await fetcher.fetch(news_server.url("/down"), "page")
    assert news_server.paths() == ["/down"] * 3
    assert sleeps.delays == [0.5, 1.0]


async def test_a_transient_500_recovers(news_server: NewsServer) -> None:
    news_server.routes["/flaky"] = Route(b"<p>ok</p>", statuses=[503])
    async with Fetcher(LOCAL, sleep=Sleeps()) as fetcher:
        page = await fetcher.fetch(news_server.url("/flaky"), "page")
    assert page.body == b"<p>ok</p>"


async def test_a_404_is_not_retried(news_server: NewsServer) -> None:
    async with Fetcher(LOCAL, sleep=Sleeps()) as fetcher:
        with pytest.raises(FetchFailed, match="HTTP 404"):
            await fetcher.fetch(news_server.url("/missing"), "page")
    assert news_server.paths() == ["/missing"]


@pytest.mark.parametrize("send_length", [True, False])
async def test_a_huge_page_is_cut_off(news_server: NewsServer, send_length: bool) -> None:
    news_server.routes["/huge"] = Route(b"<p>" + b"a" * 300_000, send_length=send_length)
    settings = FetchSettings(max_bytes=100_000, allow_private=True)
    async with Fetcher(settings) as fetcher:
        with pytest.raises(FetchFailed, match="larger than max_bytes"):
            await fetcher.fetch(news_server.url("/huge"), "page")


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [("page", "application/json"), ("page", "image/jpeg"), ("feed", "image/png"), ("page", "")],
)
async def test_wrong_content_types_are_refused(
    news_server: NewsServer, kind: str, content_type: str
) -> None:
    news_server.routes["/x"] = Route(b"{}", content_type=content_type)
    async with Fetcher(LOCAL) as fetcher:
        with pytest.raises(FetchFailed, match="Content-Type"):
            await fetcher.fetch(news_server.url("/x"), kind)  # type: ignore[arg-type]


async def test_feed_content_types_are_accepted(news_server: NewsServer) -> None:
    async with Fetcher(LOCAL) as fetcher:
        for n, kind in enumerate(["application/rss+xml", "application/atom+xml", "text/xml"]):
            news_server.routes[f"/f{n}"] = Route(b"<rss/>", content_type=kind)
            assert (await fetcher.fetch(news_server.url(f"/f{n}"), "feed")).status == 200


async def test_conditional_request_gets_304(news_server: NewsServer) -> None:
    news_server.routes["/feed"] = Route(b"<rss/>", content_type="application/rss+xml", etag='"v1"')
    async with Fetcher(LOCAL) as fetcher:
        first = await fetcher.fetch(news_server.url("/feed"), "feed")
        second = await fetcher.fetch(news_server.url("/feed"), "feed", etag=first.etag)
    assert first.etag == '"v1"' and not first.not_modified
    assert second.not_modified and second.body == b""
    assert news_server.requests[1].headers["if-none-match"] == '"v1"'


async def test_the_request_goes_to_the_address_that_was_checked() -> None:
    # A rebinding name: public when checked, private on every later lookup.
    answers = iter([["93.184.216.34"]])

    async def rebinding(host: str, port: int) -> list[str]:
        return next(answers, ["127.0.0.1"])

    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, html="<p>berita</p>")

    transport = httpx.MockTransport(handler)
    async with Fetcher(FetchSettings(), transport=transport, resolve=rebinding) as fetcher:
        page = await fetcher.fetch("https://news.example.com:8443/a?b=1", "page")
    (request,) = seen
    assert str(request.url) == "https://93.184.216.34:8443/a?b=1"
    assert request.headers["host"] == "news.example.com:8443"
    assert request.extensions["sni_hostname"] == "news.example.com"
    assert page.url == "https://news.example.com:8443/a?b=1"  # cited under its name


def test_an_ipv6_address_is_pinned_in_brackets() -> None:
    url, host, extensions = pinned("http://news.example.com/a", "2606:4700::1111")
    assert (url, host, extensions) == (
        "http://[2606:4700::1111]/a",
        {"Host": "news.example.com"},
        {"sni_hostname": "news.example.com"},
    )
