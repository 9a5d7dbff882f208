"""Loading articles: text, HTML, JSON, sniffed files and URLs (a local server only)."""

from __future__ import annotations

import ipaddress
import json
import os
import re
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sourcetrace.errors import InputError
from sourcetrace.ingest import from_text, load
from sourcetrace.ingest import url as url_module
from sourcetrace.ingest.text import MAX_FILE_BYTES
from sourcetrace.ingest.url import download, fetch
from sourcetrace.model import Span
from sourcetrace.textnorm import INVISIBLE, SPACE_LIKE

STORY = (
    "Harbor council backs new pier\n"
    "Published: Mar 5, 2023 10:12 AM\n"
    "\n"
    "The harbor council voted on Tuesday to rebuild the old pier, ending a decade of debate.\n"
    "\n"
    '"We cannot wait another winter," said council member Ada Lind.\n'
)

PAGE = """<!DOCTYPE html>
<html><head>
<title>Harbor council backs new pier | Bayville Daily</title>
<meta property="og:site_name" content="Bayville Daily">
<meta property="og:title" content="Harbor council backs new pier">
<meta name="author" content="Mara Quell">
<meta property="article:published_time" content="2023-03-05T10:12:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Harbor council backs new pier</h1>
<p>The harbor council voted on Tuesday to rebuild the old pier, ending a decade of debate
that filled every meeting and split families along the waterfront.</p>
<p>"We cannot wait another winter," said council member Ada Lind, who led the campaign.
She said the first piles would go in by May if the weather allowed it.</p>
<p>Opponents said the cost would double the mooring fee and promised to appeal the vote at
the county level next month, though few expect the appeal to succeed.</p>
</article>
<footer>Contact | Privacy</footer>
</body></html>
"""

NO_ARTICLE_PAGE = (
    "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a> "
    "<a href='/sport'>Sport</a></nav></body></html>"
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- plain text -----------------------------------------------------------------------------


def test_txt_title_date_and_text(tmp_path: Path) -> None:
    article = load(write(tmp_path, "story.txt", STORY))
    assert article.text == STORY
    assert article.title == "Harbor council backs new pier"
    assert article.published == date(2023, 3, 5)
    assert article.kind == "text"
    assert article.path is not None and article.path.endswith("story.txt")


def test_txt_bom_crlf_and_nbsp_are_normalised_one_for_one(tmp_path: Path) -> None:
    raw = "\ufeffHeadline\r\n\r\nThe vote was\u00a05-2.\r\nIt passed.\r\n"
    article = load(write(tmp_path, "story.txt", raw.encode("utf-8")))
    assert article.text == "Headline\n\nThe vote was 5-2.\nIt passed.\n"
    start = article.text.index("5-2")
    assert article.text[start : start + 3] == "5-2"


def test_txt_keeps_leading_and_trailing_whitespace(tmp_path: Path) -> None:
    raw = "\n\n  Indented first line of the article text.\n\n"
    assert load(write(tmp_path, "story.txt", raw)).text == raw


def test_txt_dateline_date_and_no_title_for_a_sentence(tmp_path: Path) -> None:
    raw = "OSLO, June 2, 2022 (Wire) - The ferry strike ended after nine days.\nMore text.\n"
    article = load(write(tmp_path, "story.txt", raw))
    assert article.published == date(2022, 6, 2)
    assert article.title is None


def test_txt_title_case_headline_with_full_stop(tmp_path: Path) -> None:
    raw = "Ferry Strike Ends After Nine Days.\n\nThe strike ended on Monday night.\n"
    assert load(write(tmp_path, "story.txt", raw)).title == "Ferry Strike Ends After Nine Days."
    sentence = "The strike ended on Monday night.\n\nUnions and owners signed a deal.\n"
    assert load(write(tmp_path, "other.txt", sentence)).title is None


def test_txt_headline_starting_with_a_metadata_word_is_a_title(tmp_path: Path) -> None:
    raw = "Updated guidance on school meals splits parents\n\nThe new rules start in May.\n"
    article = load(write(tmp_path, "story.txt", raw))
    assert article.title == "Updated guidance on school meals splits parents"
    assert article.published is None


def test_txt_updated_line_used_when_no_published_line(tmp_path: Path) -> None:
    raw = "Ferry strike ends\nUpdated: 12 August 2021\n\nThe ferry strike ended after nine days.\n"
    assert load(write(tmp_path, "story.txt", raw)).published == date(2021, 8, 12)


def test_txt_relative_date_is_ignored(tmp_path: Path) -> None:
    raw = "Ferry strike ends\nUpdated 3 hours ago\n\nThe ferry strike ended after nine days.\n"
    assert load(write(tmp_path, "story.txt", raw)).published is None


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", "\u00a0\n".encode()])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, "empty.txt", content)
    with pytest.raises(InputError, match=r"empty\.txt is empty"):
        load(path)


def test_binary_file_nul(tmp_path: Path) -> None:
    path = write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(
        InputError, match=r"photo\.txt looks like a binary file \(NUL byte at offset 8\)"
    ):
        load(path)


def test_binary_file_control_characters(tmp_path: Path) -> None:
    path = write(tmp_path, "blob.txt", bytes(range(1, 32)) * 20 + b"some text")
    with pytest.raises(InputError, match=r"blob\.txt looks like a binary file \(\d+% control"):
        load(path)


def test_latin1_file_names_byte_and_offset(tmp_path: Path) -> None:
    path = write(tmp_path, "latin.txt", "Un caf\u00e9 au lait".encode("latin-1"))
    with pytest.raises(
        InputError, match=r"latin\.txt is not valid UTF-8 \(byte 0xe9 at offset 6\)"
    ):
        load(path)


def test_too_large_file_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(
        InputError, match=r"huge\.txt is too large \(20\.0 MB; the limit is 20 MB\)"
    ):
        load(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nothere\.txt: no such file"):
        load(tmp_path / "nothere.txt")
    with pytest.raises(InputError, match="is a directory"):
        load(tmp_path)


def test_pipe_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "feed.txt"
    os.mkfifo(pipe)
    with pytest.raises(InputError, match=r"feed\.txt is not a regular file"):
        load(pipe)


def test_control_characters_in_a_name_stay_on_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(tmp_path / "two\nlines.txt")
    assert "\n" not in str(caught.value)
    assert "two\\nlines.txt: no such file" in str(caught.value)


def test_other_url_schemes_refused() -> None:
    with pytest.raises(InputError, match="only http and https"):
        load("ftp://files.example.test/story.txt")


# --- from_text --------------------------------------------------------------------------------


def test_from_text_metadata_and_date_string() -> None:
    article = from_text(
        "A line of text that is long enough to be a sentence.",
        title="Given title",
        outlet="Bayville Daily",
        published="March 5, 2023",
        url="https://news.example.test/pier",
    )
    assert article.title == "Given title"
    assert article.outlet == "Bayville Daily"
    assert article.published == date(2023, 3, 5)
    assert article.url == "https://news.example.test/pier"
    assert article.kind == "text"


def test_from_text_detects_title_and_date_when_not_given() -> None:
    article = from_text(STORY.replace("\n", "\r\n"))
    assert article.text == STORY
    assert article.title == "Harbor council backs new pier"
    assert article.published == date(2023, 3, 5)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_from_text_changes_only_what_a_reader_cannot_see(text: str) -> None:
    assume(text.strip())
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    for invisible in INVISIBLE:
        expected = expected.replace(invisible, "")
    for space in SPACE_LIKE:
        expected = expected.replace(space, " ")
    expected = "\n".join(line.rstrip(" \t") for line in expected.split("\n"))
    expected = re.sub(r"(?<=\S) {2,}(?=\S)", " ", expected)
    assume(expected.strip())
    assert from_text(text).text == expected


def test_header_block_is_metadata_and_boilerplate() -> None:
    from sourcetrace.ingest.boilerplate import boilerplate_spans

    text = (
        "Title: Harbor council backs new pier\n"
        "URL: https://news.example.test/2023/pier\n"
        "Source: Bayville Daily\n"
        "Author: Jane Roe\n"
        "Published: March 5, 2023\n\n"
        "Harbor council backs new pier\n\n"
        "The council voted on Monday to build a pier, its chair said.\n"
    )
    article = from_text(text)
    assert article.text == text  # the block stays: offsets are true to the given text
    assert (article.title, article.url, article.outlet, article.author, article.published) == (
        "Harbor council backs new pier",
        "https://news.example.test/2023/pier",
        "Bayville Daily",
        "Jane Roe",
        date(2023, 3, 5),
    )
    block_end = text.index("\n\n")
    assert Span(0, block_end) in boilerplate_spans(text)


def test_header_block_is_never_attributed() -> None:
    from sourcetrace.attribute import analyze

    text = (
        "Title: Pier vote\nSource: Bayville Daily\nDate: 2023-03-05\n\n"
        "Pier vote\n\nThe council backed the pier, said Lena Varga, its chair.\n"
    )
    document = analyze(from_text(text))
    block_end = text.index("\n\n")
    assert all(s.kind == "boilerplate" for s in document.segments if s.span.start < block_end)
    body = [s for s in document.segments if s.span.start > block_end]
    assert body[0].kind == "title"  # the headline after the block
    assert {s.name for s in document.speakers} & {"Title", "Source", "Date"} == set()


def test_one_key_line_or_unknown_keys_are_not_a_block() -> None:
    one = from_text("Source: council will back the pier\n\nThe vote is on Monday.\n")
    assert one.outlet is None and one.title == "Source: council will back the pier"
    names = from_text("Graham: no deal\nReed: fine\n\nThe vote is on Monday.\n")
    assert names.author is None and names.outlet is None


def test_from_text_rejects_empty_and_bad_date() -> None:
    with pytest.raises(InputError, match="text is empty"):
        from_text(" \n ")
    with pytest.raises(InputError, match="cannot read the publication date 'soon'"):
        from_text("Some text of an article.", published="soon")


# --- HTML ------------------------------------------------------------------------------------


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    article = load(write(tmp_path, "story.html", PAGE))
    assert "The harbor council voted on Tuesday" in article.text
    assert "Opponents said the cost would double" in article.text
    assert "Privacy" not in article.text
    assert article.title == "Harbor council backs new pier"
    assert article.outlet == "Bayville Daily"
    assert article.author == "Mara Quell"
    assert article.published == date(2023, 3, 5)
    assert article.kind == "html"


def test_html_in_a_declared_legacy_encoding(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9 owners protest</title></head>'
        "<body><article><p>The caf\u00e9 owners of the old town protested on Monday against the "
        "new terrace fees.</p><p>\u201cWe cannot pay this,\u201d said one owner of a small "
        "caf\u00e9 by the harbor.</p></article></body></html>"
    )
    article = load(write(tmp_path, "cafe.html", page.encode("cp1252")))
    assert article.title == "Caf\u00e9 owners protest"
    assert "\u201cWe cannot pay this,\u201d said one owner" in article.text


def test_htm_without_article(tmp_path: Path) -> None:
    path = write(tmp_path, "menu.htm", NO_ARTICLE_PAGE)
    with pytest.raises(InputError, match=r"no article text found in .*menu\.htm"):
        load(path)


def test_unknown_extension_sniffed_as_html_or_text(tmp_path: Path) -> None:
    html_article = load(write(tmp_path, "saved.page", PAGE))
    assert html_article.kind == "html"
    assert html_article.outlet == "Bayville Daily"
    text_article = load(write(tmp_path, "notes.md", STORY))
    assert text_article.kind == "text"
    assert text_article.text == STORY


# --- JSON ------------------------------------------------------------------------------------


def test_json_fields(tmp_path: Path) -> None:
    payload = {
        "text": "The ferry strike ended after nine days of talks.",
        "title": "Ferry strike ends",
        "outlet": "Fjord Post",
        "published": "2022-06-02",
        "url": "https://news.example.test/ferry",
        "author": "Ole Brand",
    }
    article = load(write(tmp_path, "story.json", json.dumps(payload)))
    assert article.text == payload["text"]
    assert (article.title, article.outlet, article.author) == (
        "Ferry strike ends",
        "Fjord Post",
        "Ole Brand",
    )
    assert article.published == date(2022, 6, 2)
    assert article.url == payload["url"]
    assert article.kind == "json"


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.json", '{\n  "text": "Ferry strike ends",\n  "title": \n}')
    with pytest.raises(InputError, match=r"broken\.json: malformed JSON at line 4, column 1"):
        load(path)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("[1, 2]", "expected a JSON object with a 'text' field"),
        ('{"title": "x"}', "has no 'text' field"),
        ('{"text": 5}', "'text' must be a string"),
        ('{"text": "Some text here.", "title": ["a"]}', "'title' must be a string or null"),
        ('{"text": "   "}', "is empty"),
        ('{"text": "Some text here.", "published": "someday"}', "cannot read the publication"),
    ],
)
def test_json_shape_errors(tmp_path: Path, payload: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load(write(tmp_path, "story.json", payload))


# --- URLs ------------------------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    """Routes for the fetch tests; records the Host header it was sent."""

    hosts: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean."""

    def send_body(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        Handler.hosts.append(self.headers.get("Host", ""))
        port = self.headers.get("Host", "").rsplit(":", 1)[-1]
        routes = {
            "/article": lambda: self.send_body(PAGE.encode(), "text/html; charset=utf-8"),
            "/plain": lambda: self.send_body(STORY.encode(), "text/plain; charset=utf-8"),
            "/menu": lambda: self.send_body(NO_ARTICLE_PAGE.encode(), "text/html"),
            "/pdf": lambda: self.send_body(b"%PDF-1.4 fictional", "application/pdf"),
            "/missing": lambda: self.send_body(b"not here", "text/html", status=404),
            "/broken": lambda: self.send_body(b"oops", "text/html", status=500),
            "/hop": lambda: self.redirect("/article"),
            "/loop": lambda: self.redirect("/loop"),
            "/to-loopback": lambda: self.redirect(f"http://127.0.0.2:{port}/article"),
            "/big": lambda: self.send_body(b"<p>" + b"x" * 5000 + b"</p>", "text/html"),
            "/chunked": self.send_chunked,
            "/slow": self.send_slowly,
        }
        routes.get(self.path, lambda: self.send_body(b"no route", "text/plain", 404))()

    def send_chunked(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for _ in range(10):
            chunk = b"<p>" + b"y" * 1000 + b"</p>"
            self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")

    def send_slowly(self) -> None:
        time.sleep(1.5)
        self.send_body(PAGE.encode(), "text/html")


class QuietServer(ThreadingHTTPServer):
    """A client that gives up early (the timeout test) is expected, not an error to print."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore broken connections."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_fetch_html(server: str) -> None:
    article = load(f"{server}/article")
    assert "The harbor council voted on Tuesday" in article.text
    assert article.outlet == "Bayville Daily"
    assert article.kind == "url"
    assert article.url == f"{server}/article"


def test_fetch_plain_text(server: str) -> None:
    article = fetch(f"{server}/plain")
    assert article.text == STORY
    assert article.published == date(2023, 3, 5)


def test_fetch_follows_redirects(server: str) -> None:
    article = fetch(f"{server}/hop")
    assert article.url == f"{server}/article"


def test_fetch_redirect_loop(server: str) -> None:
    with pytest.raises(InputError, match="more than 5 redirects"):
        fetch(f"{server}/loop")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error"),
        ("/pdf", "content type 'application/pdf' is not an HTML or text page"),
        ("/menu", "no article text found in"),
    ],
)
def test_fetch_errors(server: str, path: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        fetch(f"{server}{path}")


def test_fetch_size_cap_declared_and_streamed(server: str) -> None:
    with pytest.raises(InputError, match=r"larger than the 0\.001 MB limit"):
        download(f"{server}/big", max_bytes=1000)
    with pytest.raises(InputError, match=r"larger than the 0\.005 MB limit"):
        download(f"{server}/chunked", max_bytes=5000)
    assert len(download(f"{server}/chunked", max_bytes=20000).content) == 10 * 1007


def test_fetch_timeout(server: str) -> None:
    with pytest.raises(InputError, match=r"timed out waiting for 127\.0\.0\.1:\d+ after 0\.3s"):
        fetch(f"{server}/slow", timeout=0.3)


def test_fetch_unreachable_port() -> None:
    port = closed_port()
    with pytest.raises(InputError, match=rf"cannot connect to 127\.0\.0\.1:{port}"):
        fetch(f"http://127.0.0.1:{port}/article")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "a loopback address"),
        ("http://10.0.0.1/", "a private address"),
        ("http://192.168.1.20:8080/", "a private address"),
        ("http://169.254.169.254/latest/meta-data/", "a cloud metadata address"),
        ("http://[fd00:ec2::254]/", "a cloud metadata address"),
        ("http://[::ffff:127.0.0.1]/", "a loopback address"),
        ("http://224.0.0.1/", "a multicast address"),
        ("http://0.0.0.0/", "an unspecified address"),
        ("http://100.64.0.1/", "a non-public address"),
        ("http://metadata.google.internal/computeMetadata/v1/", "a cloud metadata endpoint"),
    ],
)
def test_private_addresses_refused(url: str, reason: str) -> None:
    with pytest.raises(InputError, match=f"refusing to fetch .*{reason}"):
        fetch(url, allow_private=False)


def test_private_refusal_checks_resolved_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list:
        assert host == "intranet.example.test"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(InputError, match=r"intranet\.example\.test resolves to a private address"):
        fetch("http://intranet.example.test/story", allow_private=False)


def treat_127_0_0_1_as_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the local test server stand in for a public site; every other rule stays."""
    original = url_module.address_refusal

    def refusal(address: url_module.IPAddress) -> str | None:
        return None if str(address) == "127.0.0.1" else original(address)

    monkeypatch.setattr(url_module, "address_refusal", refusal)


def test_redirect_hop_to_loopback_refused(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    treat_127_0_0_1_as_public(monkeypatch)
    with pytest.raises(InputError, match=r"refusing to fetch .*127\.0\.0\.2.*loopback"):
        fetch(f"{server}/to-loopback", allow_private=False)


def test_guarded_fetch_connects_to_the_checked_address(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name is resolved once, checked, and the request goes to that address (no re-lookup)."""
    treat_127_0_0_1_as_public(monkeypatch)
    port = int(server.rsplit(":", 1)[1])
    lookups: list[str] = []

    def resolve_once(host: str, port: int, shown: str) -> list[url_module.IPAddress]:
        lookups.append(host)
        return [url_module.ipaddress.ip_address("127.0.0.1")]

    monkeypatch.setattr(url_module, "resolve", resolve_once)
    Handler.hosts.clear()
    article = fetch(f"http://news.example.test:{port}/hop", allow_private=False)
    assert "The harbor council voted on Tuesday" in article.text
    assert article.url == f"http://news.example.test:{port}/article"
    assert lookups == ["news.example.test", "news.example.test"]
    assert Handler.hosts == [f"news.example.test:{port}"] * 2


def self_signed_certificate(folder: Path, name: str) -> tuple[Path, Path]:
    """A certificate for ``name`` (its own CA) and its key, as PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path = folder / f"{name}.pem"
    key_path = folder / f"{name}.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.mark.parametrize(
    ("certificate_name", "works"), [("news.example.test", True), ("other.example.test", False)]
)
def test_guarded_https_verifies_the_certificate_against_the_real_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, certificate_name: str, works: bool
) -> None:
    """The request goes to the checked address, but TLS still checks the URL's host name."""
    import certifi

    cert_path, key_path = self_signed_certificate(tmp_path, certificate_name)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        treat_127_0_0_1_as_public(monkeypatch)
        monkeypatch.setattr(
            url_module, "resolve", lambda host, port, shown: [ipaddress.ip_address("127.0.0.1")]
        )
        monkeypatch.setattr(certifi, "where", lambda: str(cert_path))
        target = f"https://news.example.test:{httpd.server_address[1]}/article"
        if works:
            assert "The harbor council voted" in fetch(target, allow_private=False).text
        else:
            with pytest.raises(InputError, match="CERTIFICATE_VERIFY_FAILED"):
                fetch(target, allow_private=False)
    finally:
        httpd.shutdown()
        httpd.server_close()
