"""Fetch feeds and article pages over HTTP: politely, within limits, and never into a
private network.

Every URL, and every redirect it leads to, is checked before it is requested: only http
and https, and only hosts whose addresses are all public unless the sources file allows
private ones. The request then goes to the very address that was checked (the name kept
for the Host header and TLS), so a name that resolves anew to a private address between
the check and the connection ("DNS rebinding") gains nothing. Responses are streamed and
cut off past ``max_bytes``; pages must be HTML, and feeds XML (or HTML or plain text
whose body is RSS/Atom: ``feeds`` sniffs it). Transient failures
(timeouts, lost connections, 5xx, 429) are retried with exponential backoff. Nothing
fetched is ever executed: bytes go to feedparser and trafilatura, which only parse.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib import metadata
from types import TracebackType
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

from newsbot.index.errors import AddressRefused, FetchFailed
from newsbot.index.reading.encodings import NotText, decode_text
from newsbot.index.reading.sources import MAX_REDIRECTS, FetchSettings

Kind = Literal["feed", "page"]
Resolver = Callable[[str, int], Awaitable[list[str]]]
Sleep = Callable[[float], Awaitable[object]]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
# Sites serve feeds as HTML or plain text too; such a body is read when it is RSS/Atom.
_FEED_TEXT_TYPES = ("text/html", "text/plain", "application/octet-stream", "")
_CHUNK = 65536


def user_agent(settings: FetchSettings) -> str:
    """The User-Agent sent: the configured one, else ``newsbot/VERSION (+CONTACT)``."""
    if settings.user_agent:
        return settings.user_agent
    try:
        version = metadata.version("newsbot")
    except metadata.PackageNotFoundError:  # run from a checkout that is not installed
        version = "dev"
    contact = f" (+{settings.contact})" if settings.contact else ""
    return f"newsbot/{version}{contact}"


@dataclass(frozen=True)
class Fetched:
    """A response: ``url`` is the final URL after redirects; 304 has an empty body."""

    url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text, decoded by its declared (HTTP, then ``<meta>``) or detected
        encoding. Raises ValueError for a body that is not text."""
        try:
            return decode_text(self.body, self.content_type)
        except NotText as exc:
            raise ValueError(str(exc)) from None


def is_public_address(address: str) -> bool:
    """Tell whether an IP address is a public unicast one (not private, loopback,
    link-local, multicast, reserved or shared)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def resolve_host(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for ``host``."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


async def check_url(
    url: str, settings: FetchSettings, resolve: Resolver = resolve_host
) -> str | None:
    """Raise AddressRefused unless ``url`` may be fetched: http(s), and a host whose every
    address is public (or a host the settings allow). Return the checked address to
    connect to, or None for a host the settings allow (resolved as usual)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise AddressRefused(f"only http and https URLs are fetched, not {url!r}")
    host = (parts.hostname or "").lower()
    if not host:
        raise AddressRefused(f"no host in {url!r}")
    if settings.allow_private or host in settings.allow_hosts:
        return None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise AddressRefused(f"bad port in {url!r}") from None
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addresses = await resolve(host, port)
        except OSError as exc:
            raise FetchFailed(f"cannot resolve {host} ({exc})") from exc
    private = [a for a in addresses if not is_public_address(a)]
    if private or not addresses:
        raise AddressRefused(
            f"{host} is at {(private or ['no address'])[0]}, not a public address "
            "(allow_private or allow_hosts in [fetch] permit it)"
        )
    return addresses[0]


def pinned(url: str, address: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """Return ``url`` aimed at ``address``, with the Host header and the TLS server name
    (an httpx request extension) that keep naming the original host."""
    parts = urlsplit(url)
    literal = f"[{address}]" if ":" in address else address
    port = f":{parts.port}" if parts.port else ""
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{literal}{port}" if userinfo else f"{literal}{port}"
    host = parts.hostname or ""
    header = (f"[{host}]" if ":" in host else host) + port
    return parts._replace(netloc=netloc).geturl(), {"Host": header}, {"sni_hostname": host}


class _Transient(Exception):
    """A failure worth retrying."""


@dataclass(frozen=True)
class _Redirect:
    location: str


class Fetcher:
    """Fetches URLs with the limits of ``settings``; use ``async with``.

    ``transport``, ``resolve`` and ``sleep`` are seams for tests.
    """

    def __init__(
        self,
        settings: FetchSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        resolve: Resolver = resolve_host,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.settings = settings
        self._resolve = resolve
        self._sleep = sleep
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._client = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,  # each hop is checked before it is requested
            headers={"User-Agent": user_agent(settings)},
            trust_env=False,
            # Requests go to checked addresses, and connections are pooled by address: two
            # sites behind one CDN address must not share a connection verified for one.
            limits=httpx.Limits(max_keepalive_connections=0),
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self._client.aclose()

    async def fetch(
        self,
        url: str,
        kind: Kind,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched:
        """GET ``url`` (conditionally, given the validators of an earlier response).

        Raises FetchFailed (AddressRefused for a refused URL or redirect) with the reason.
        """
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            try:
                return await self._follow(url, kind, etag, last_modified)
            except _Transient as exc:
                if attempt + 1 == attempts:
                    tries = f" ({attempts} attempts)" if attempts > 1 else ""
                    raise FetchFailed(f"{exc}{tries}") from None
                await self._sleep(self.settings.backoff * 2**attempt)
        raise AssertionError("unreachable")

    async def _follow(
        self, url: str, kind: Kind, etag: str | None, last_modified: str | None
    ) -> Fetched:
        headers = {"Accept": _accept(kind)}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            address = await check_url(current, self.settings, self._resolve)
            async with self._slot(current):
                result = await self._get(current, address, kind, headers)
            if isinstance(result, Fetched):
                return result
            current = urljoin(current, result.location)
        raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")

    def _slot(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.settings.per_host)
        return self._hosts[host]

    async def _get(
        self, url: str, address: str | None, kind: Kind, headers: dict[str, str]
    ) -> Fetched | _Redirect:
        limit = self.settings.max_bytes
        target, extensions = url, dict[str, str]()
        if address is not None:
            target, host, extensions = pinned(url, address)
            headers = {**headers, **host}
        try:
            async with self._client.stream(
                "GET", target, headers=headers, extensions=extensions
            ) as response:
                status = response.status_code
                if status in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchFailed(f"HTTP {status} without a Location")
                    return _Redirect(location)
                validators = {
                    "etag": response.headers.get("etag"),
                    "last_modified": response.headers.get("last-modified"),
                }
                if status == 304:
                    return Fetched(url, status, b"", "", **validators)
                if status >= 500 or status == 429:
                    raise _Transient(f"HTTP {status} {response.reason_phrase}".strip())
                if not 200 <= status < 300:
                    raise FetchFailed(f"HTTP {status} {response.reason_phrase}".strip())
                content_type = response.headers.get("content-type", "")
                _check_type(content_type, kind)
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise FetchFailed(f"larger than max_bytes ({declared} > {limit} bytes)")
                body = bytearray()
                async for chunk in response.aiter_bytes(_CHUNK):
                    body += chunk
                    if len(body) > limit:
                        raise FetchFailed(f"larger than max_bytes ({limit} bytes)")
                return Fetched(url, status, bytes(body), content_type, **validators)
        except httpx.TimeoutException:
            raise _Transient(f"timed out after {self.settings.timeout:g}s") from None
        except httpx.TransportError as exc:
            raise _Transient(f"connection failed ({exc or type(exc).__name__})") from None


def _accept(kind: Kind) -> str:
    if kind == "feed":
        return "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.1"
    return "text/html, application/xhtml+xml;q=0.9"


def _check_type(content_type: str, kind: Kind) -> None:
    """Refuse a response whose media type is not a feed's (XML) or a page's (HTML)."""
    media = content_type.split(";", 1)[0].strip().lower()
    if kind == "feed":
        ok = "xml" in media or "rss" in media or "atom" in media or media in _FEED_TEXT_TYPES
    else:
        ok = media in _PAGE_TYPES
    if not ok:
        wanted = "an RSS/Atom feed" if kind == "feed" else "an HTML page"
        raise FetchFailed(f"not {wanted} (Content-Type {media or 'missing'!r})")
