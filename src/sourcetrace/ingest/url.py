"""Fetching an article over HTTP(S), with limits and an optional private-network guard.

httpx does the HTTP; this module adds what an article fetcher exposed to users needs:

* connect/read timeouts and an overall deadline, a streamed size cap, a content-type check;
* redirects followed by hand (up to ``MAX_REDIRECTS``) so that every hop is checked;
* with ``allow_private=False`` (the web app), every hop's host is resolved with
  ``socket.getaddrinfo`` and refused when any address is loopback, private, link-local,
  reserved, multicast, otherwise non-public, or a cloud metadata endpoint. The request then
  goes to the checked address itself (Host header and TLS SNI keep the real name, so
  certificates are still verified against it): a DNS answer that changes between check and
  connect (DNS rebinding) cannot send the request elsewhere;
* every failure is one line in an :class:`~sourcetrace.errors.InputError`.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import TypeAlias
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from sourcetrace.errors import InputError
from sourcetrace.ingest.text import decode_text, from_text, printable
from sourcetrace.model import Article

IPAddress: TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
# A server that drips bytes just under the read timeout could hold a fetch open for hours;
# the whole download gets this many times the per-operation timeout.
TOTAL_TIME_FACTOR = 3
USER_AGENT = "sourcetrace/0.1 (+article audit)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
# Cloud instance-metadata endpoints, refused by name and by address even where an address
# check alone would miss them (a provider may route them specially).
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data"})
METADATA_ADDRESSES = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),
        ipaddress.ip_address("fd00:ec2::254"),
        ipaddress.ip_address("100.100.100.200"),
    }
)
_DNS_FAILURE_HINTS = (
    "name or service not known",
    "nodename nor servname",
    "getaddrinfo failed",
    "temporary failure in name resolution",
    "no address associated",
)


@dataclass(frozen=True)
class Download:
    """A fetched response body and what the server said it is."""

    url: str  # after redirects
    content: bytes
    media_type: str  # lower-cased, without parameters; "" when the server sent none
    charset: str | None


def address_refusal(address: IPAddress) -> str | None:
    """Why ``address`` must not be fetched from a public service, or None when it is public."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address_refusal(address.ipv4_mapped)
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    checks = (
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address.is_unspecified, "an unspecified address"),
        (address.is_private, "a private address"),
        (address.is_reserved, "a reserved address"),
        (not address.is_global, "a non-public address"),
    )
    for refused, reason in checks:
        if refused:
            return reason
    return None


def resolve(host: str, port: int, shown: str) -> list[IPAddress]:
    """All addresses ``host`` resolves to (a literal IP resolves to itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(
            f"cannot fetch {shown}: host {host!r} not found (DNS lookup failed)"
        ) from exc
    # An IPv6 zone ("fe80::1%eth0") cannot go into a URL and says nothing about the address
    # class, so it is dropped. IPv4 first: it is routable on more machines than IPv6.
    addresses = {ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos}
    if not addresses:
        raise InputError(f"cannot fetch {shown}: host {host!r} not found (DNS lookup failed)")
    return sorted(addresses, key=lambda address: (address.version, int(address)))


def _checked_address(host: str, port: int, shown: str) -> IPAddress:
    """Resolve ``host`` and refuse it when any of its addresses is not public."""
    if host.lower().rstrip(".") in METADATA_HOSTS:
        raise InputError(f"refusing to fetch {shown}: {host} is a cloud metadata endpoint")
    addresses = resolve(host, port, shown)
    for address in addresses:
        reason = address_refusal(address)
        if reason and str(address) == host:
            raise InputError(f"refusing to fetch {shown}: {host} is {reason}")
        if reason:
            raise InputError(f"refusing to fetch {shown}: {host} resolves to {reason} ({address})")
    return addresses[0]


def _split_url(url: str, shown: str) -> tuple[str, str, int]:
    """Scheme, host and port of an http(s) URL, or InputError."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InputError(f"cannot fetch {shown}: malformed URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(f"cannot fetch {shown}: only http and https URLs are supported")
    if not parts.hostname:
        raise InputError(f"cannot fetch {shown}: the URL has no host")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


def _pinned_url(url: str, address: IPAddress) -> str:
    """``url`` with its host replaced by ``address`` (the port and path kept)."""
    parts = urlsplit(url)
    host = f"[{address}]" if address.version == 6 else str(address)
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


def _describe_transport_error(exc: httpx.HTTPError, host: str, port: int, timeout: float) -> str:
    """One line for a connection-level failure."""
    if isinstance(exc, httpx.ConnectTimeout):
        return f"timed out connecting to {host}:{port} after {timeout:g}s"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out waiting for {host}:{port} after {timeout:g}s"
    message = " ".join(str(exc).split()) or type(exc).__name__
    lowered = message.lower()
    if any(hint in lowered for hint in _DNS_FAILURE_HINTS):
        return f"host {host!r} not found (DNS lookup failed)"
    if "connection refused" in lowered:
        return f"cannot connect to {host}:{port} (connection refused)"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect to {host}:{port} ({message})"
    return f"{type(exc).__name__}: {message}"


def _media_type(response: httpx.Response) -> tuple[str, str | None]:
    header = response.headers.get("content-type", "")
    media_type = header.split(";", 1)[0].strip().lower()
    return media_type, response.charset_encoding


def download(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = True,
) -> Download:
    """GET ``url``, following redirects by hand, checking each hop; see the module docstring."""
    shown = printable(url)
    deadline = time.monotonic() + timeout * TOTAL_TIME_FACTOR
    current = url
    # A proxy would resolve names itself, defeating the address check: the guarded mode
    # ignores proxy settings from the environment.
    with httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
        trust_env=allow_private,
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*;q=0.5"},
    ) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            scheme, host, port = _split_url(current, shown)
            request_url, headers, extensions = current, {}, {}
            if not allow_private:
                address = _checked_address(host, port, shown)
                request_url = _pinned_url(current, address)
                headers = {"Host": urlsplit(current).netloc.rsplit("@", 1)[-1]}
                if scheme == "https":
                    extensions = {"sni_hostname": host}
            try:
                request = client.build_request(
                    "GET", request_url, headers=headers, extensions=extensions
                )
                response = client.send(request, stream=True)
            except httpx.HTTPError as exc:
                reason = _describe_transport_error(exc, host, port, timeout)
                raise InputError(f"cannot fetch {shown}: {reason}") from exc
            try:
                if response.status_code in REDIRECT_STATUSES:
                    location = response.headers.get("location")
                    if not location:
                        raise InputError(
                            f"cannot fetch {shown}: redirect "
                            f"{response.status_code} without a Location header"
                        )
                    current = urljoin(current, location)
                    continue
                if response.status_code >= 400:
                    raise InputError(
                        f"cannot fetch {shown}: HTTP {response.status_code} "
                        f"{response.reason_phrase}".rstrip()
                    )
                content = _read_capped(response, shown, max_bytes, deadline, host, port, timeout)
                media_type, charset = _media_type(response)
                return Download(
                    url=current, content=content, media_type=media_type, charset=charset
                )
            finally:
                response.close()
    raise InputError(f"cannot fetch {shown}: more than {MAX_REDIRECTS} redirects")


def _read_capped(
    response: httpx.Response,
    shown: str,
    max_bytes: int,
    deadline: float,
    host: str,
    port: int,
    timeout: float,
) -> bytes:
    """Read the body, stopping as soon as it passes ``max_bytes`` or the deadline."""
    limit = f"{max_bytes / 1_000_000:g} MB"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputError(f"cannot fetch {shown}: the page is larger than the {limit} limit")
    chunks: list[bytes] = []
    received = 0
    try:
        for chunk in response.iter_bytes():
            received += len(chunk)
            if received > max_bytes:
                raise InputError(f"cannot fetch {shown}: the page is larger than the {limit} limit")
            if time.monotonic() > deadline:
                raise InputError(
                    f"cannot fetch {shown}: download took longer than "
                    f"{timeout * TOTAL_TIME_FACTOR:g}s"
                )
            chunks.append(chunk)
    except httpx.HTTPError as exc:
        reason = _describe_transport_error(exc, host, port, timeout)
        raise InputError(f"cannot fetch {shown}: {reason}") from exc
    return b"".join(chunks)


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = True,
) -> Article:
    """Fetch ``url`` and build its Article (HTML through trafilatura, plain text as is)."""
    from sourcetrace.ingest.html import article_from_html, looks_like_html

    page = download(url, timeout=timeout, max_bytes=max_bytes, allow_private=allow_private)
    shown = printable(url)
    if not page.content.strip():
        raise InputError(f"{shown} is empty")
    is_html = page.media_type in HTML_TYPES or (
        page.media_type in ("", "application/octet-stream") and looks_like_html(page.content)
    )
    if is_html:
        html: bytes | str = page.content
        if page.charset:
            try:
                html = page.content.decode(page.charset, errors="replace")
            except LookupError:  # an unknown charset name: let trafilatura detect it
                html = page.content
        return article_from_html(html, shown=shown, url=page.url, kind="url")
    if page.media_type in TEXT_TYPES or page.media_type == "":
        text = decode_text(page.content, shown, page.charset or "utf-8")
        return from_text(text, url=page.url, kind="url", shown=shown)
    raise InputError(
        f"cannot fetch {shown}: content type {page.media_type!r} is not an HTML or text page"
    )
