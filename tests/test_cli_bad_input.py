"""Bad input through the real console script: one line on stderr, exit code 2, no traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "sourcetrace"


def run_quotes(target: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), "quotes", target],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/story"


def empty_file(tmp: Path) -> str:
    (tmp / "empty.txt").write_bytes(b"")
    return str(tmp / "empty.txt")


def binary_file(tmp: Path) -> str:
    (tmp / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    return str(tmp / "image.txt")


def latin1_file(tmp: Path) -> str:
    (tmp / "latin.txt").write_bytes("Le caf\u00e9 du port a ferm\u00e9.".encode("latin-1"))
    return str(tmp / "latin.txt")


def huge_file(tmp: Path) -> str:
    path = tmp / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    return str(path)


def html_without_article(tmp: Path) -> str:
    page = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
    (tmp / "menu.html").write_text(page, encoding="utf-8")
    return str(tmp / "menu.html")


def malformed_json(tmp: Path) -> str:
    (tmp / "story.json").write_text('{"text": "A ferry strike ended.",\n "title": }')
    return str(tmp / "story.json")


def missing_file(tmp: Path) -> str:
    return str(tmp / "no-such-article.txt")


def directory(tmp: Path) -> str:
    (tmp / "folder").mkdir()
    return str(tmp / "folder")


def unreachable_url(tmp: Path) -> str:
    return closed_port_url()


CASES: dict[str, tuple[Callable[[Path], str], str]] = {
    "empty": (empty_file, "is empty"),
    "binary": (binary_file, "looks like a binary file (NUL byte at offset 8)"),
    "latin-1": (latin1_file, "is not valid UTF-8 (byte 0xe9 at offset 6)"),
    "21 MB": (huge_file, "is too large (21.0 MB; the limit is 20 MB)"),
    "html without article": (html_without_article, "no article text found in"),
    "unreachable url": (unreachable_url, "(connection refused)"),
    "malformed json": (malformed_json, "malformed JSON at line 2, column 11"),
    "missing": (missing_file, "no such file"),
    "directory": (directory, "is a directory"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_one_line_exit_2(tmp_path: Path, case: str) -> None:
    make, expected = CASES[case]
    result = run_quotes(make(tmp_path))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("sourcetrace: error:")
    assert expected in lines[0]
    assert result.stdout == ""


HEAVY = ("spacy", "torch", "sentence_transformers", "transformers", "onnxruntime", "numpy")
PROBE = """
import sys
from sourcetrace.cli import app
try:
    app(sys.argv[1:])
except SystemExit as exc:
    print("exit", exc.code, file=sys.stderr)
print(" ".join(sorted(sys.modules)))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["check", "--help"],
        ["check", "no-such-source.txt", "no-such-derived.txt"],
        ["check", "examples/source.txt", "no-such-derived.txt"],
        ["check", "examples/source.txt", "examples/derived.txt", "--nli", "no-such-model"],
        ["quotes", "no-such-article.txt"],
    ],
)
def test_help_and_bad_input_answer_without_loading_models(args: list[str]) -> None:
    """``--help`` and bad input never import the NLP stack (seconds of start-up)."""
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True, text=True, cwd=root, timeout=120, check=False,
    )  # fmt: skip
    assert done.stderr.strip().endswith(("exit 0", "exit 2")), done.stderr
    if args[-1] != "--help":
        assert "sourcetrace: error:" in done.stderr
    loaded = set(done.stdout.split())
    assert not {m for m in HEAVY if m in loaded}
    assert "sourcetrace.pipeline" not in loaded
