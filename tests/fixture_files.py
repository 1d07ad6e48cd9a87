"""The fixture files the suites read: the sample article and the real corpus (see fixtures/corpus/README.md)."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "boston-facial-recognition.md"
CORPUS_FILES = sorted(path for path in (FIXTURES / "corpus").rglob("*.md") if path.name != "README.md")
FIXTURE_FILES = [SAMPLE, *CORPUS_FILES]


def read_text(path: Path) -> str:
    """The file's text, line endings as they are (CRLF is kept)."""
    with open(path, encoding="utf-8", newline="") as stream:
        return stream.read()
